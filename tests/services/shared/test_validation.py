"""The shared cleaning of user text and numbers: what every form and file goes through."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing

import pydantic
import pytest
from sqlmodel import Session, select

import models as m
import services
from services.ideas import intake, triage
from services.shared.validation import clean_text, number_from_text
from tests.conftest import actor
from tests.services.ideas.test_intake import form

# Right-to-left override, zero-width space/joiner/non-joiner, word joiner, BOM, LRM, isolates, soft hyphen
INVISIBLE = "\u202e\u200b\u200d\u200c\u2060\ufeff\u200e\u2067\u2069\u00ad\x00\x1b"


def test_clean_text_removes_bidi_overrides_and_zero_width_characters() -> None:
    assert clean_text(f"  Bättre{INVISIBLE} väntrum\u202e \u200b") == "Bättre väntrum"
    assert clean_text("\u200b\u202e ") is None  # nothing visible left: counts as empty
    assert clean_text("Rad ett\nrad\ttvå") == "Rad ett\nrad\ttvå"  # line breaks and tabs stay
    assert clean_text("Ide\u0301") == "Idé"  # composed, so it matches the same word typed directly
    assert clean_text(42) == 42


@pytest.mark.parametrize(
    ("text", "number"),
    [("1 234,5", 1234.5), ("1234.5", 1234.5), ("-12", -12.0), (",5", 0.5), ("1\u00a0000", 1000.0)],
)
def test_numbers_as_people_type_them(text: str, number: float) -> None:
    assert number_from_text(text) == number


@pytest.mark.parametrize("text", ["1_000_000", "1e3", "inf", "nan", "1.234,5", "", "12 kr", "0x10"])
def test_python_only_number_syntax_is_no_number(text: str) -> None:
    assert number_from_text(text) is None


def _input_models() -> list[type[pydantic.BaseModel]]:
    found = []
    for info in pkgutil.walk_packages(services.__path__, "services."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, pydantic.BaseModel) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def _is_text(annotation: object) -> bool:
    return annotation is str or str in typing.get_args(annotation) or list[str] == annotation


def test_every_text_field_of_every_input_model_goes_through_clean_text() -> None:
    """A new form field cannot forget the cleaning: each text field has a before-validator that is
    clean_text or calls it (passwords are kept exactly as typed)."""
    models = _input_models()
    assert len(models) >= 8, "the input models of the services were found"
    unclean = []
    for model in models:
        cleaned: set[str] = set()
        for decorator in model.__pydantic_decorators__.field_validators.values():
            func = getattr(decorator.func, "__func__", decorator.func)
            if decorator.info.mode == "before" and (func is clean_text or "clean_text" in func.__code__.co_names):
                cleaned.update(decorator.info.fields)
        for name, field in model.model_fields.items():
            if _is_text(field.annotation) and "password" not in name and name not in cleaned:
                unclean.append(f"{model.__module__}.{model.__name__}.{name}")
    assert unclean == []


def test_a_title_and_a_comment_are_stored_without_invisible_characters(session: Session) -> None:
    done = intake.submit_idea(
        session=session, actor=None, data=form(session, title=f"Väntrum\u202e{INVISIBLE}sdrawkcab", need="Beho\u200bv")
    )
    idea = session.get(m.Idea, done.idea_id)
    assert (idea.title, idea.need) == ("Väntrumsdrawkcab", "Behov")
    admin = actor(session, "admin")
    triage.add_comment(session=session, actor=admin, idea_id=idea.id, text=f"Notering\u2066{INVISIBLE}")
    texts = session.exec(select(m.IdeaEvent.text).where(m.IdeaEvent.idea_id == idea.id, m.IdeaEvent.kind == "comment"))
    assert texts.all() == ["Notering"]

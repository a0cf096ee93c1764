"""Turning user input into validated input models, with translatable messages per field."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypeVar

import pydantic
from pydantic_core import PydanticCustomError

from services.shared.errors import Message, ValidationError

M = TypeVar("M", bound=pydantic.BaseModel)

# A practical e-mail check: one @, a dot in the domain, no spaces. Deliverability is not our business.
EMAIL_PATTERN = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)

_PYDANTIC_KEYS = {
    "missing": "errors.required",
    "string_too_short": "errors.required",
    "string_too_long": "errors.too_long",
    "int_parsing": "errors.not_a_number",
    "int_from_float": "errors.not_a_whole_number",
    "float_parsing": "errors.not_a_number",
    "greater_than": "errors.too_small",
    "greater_than_equal": "errors.too_small",
    "less_than": "errors.too_large",
    "less_than_equal": "errors.too_large",
    "date_parsing": "errors.not_a_date",
    "date_from_datetime_parsing": "errors.not_a_date",
    "literal_error": "errors.not_allowed_value",
    "enum": "errors.not_allowed_value",
}


def fail(key: str, **params: Any) -> PydanticCustomError:
    """An error for a field validator whose message is the translation `key`."""
    return PydanticCustomError(key, key, params)


# Invisible characters that change how text reads without showing: bidi overrides and isolates
# (U+202A-202E, U+2066-2069, LRM/RLM/ALM), zero-width spaces and joiners, BOM, soft hyphen, and other
# Unicode format characters (category Cf), plus control characters other than tab and line breaks.
_KEEP_CONTROLS = frozenset("\t\n\r")


def _visible(ch: str) -> bool:
    kind = unicodedata.category(ch)
    return not (kind == "Cf" or (kind == "Cc" and ch not in _KEEP_CONTROLS))


def strip_invisible(text: str) -> str:
    """`text` in composed form (NFC) without format and control characters (tab and line breaks stay).

    A title such as "Bra\u202eidé" would otherwise show reversed, and "idé\u200b" would look equal to
    "idé" but never match it.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch for ch in text if _visible(ch))


def clean_text(value: Any) -> Any:
    """The shared cleaning of every user text field: invisible characters removed (see
    `strip_invisible`), surrounding whitespace trimmed; empty text becomes None (so `required` can
    catch it). Anything that is not text is returned unchanged."""
    if isinstance(value, str):
        value = strip_invisible(value).strip()
        return value or None
    return value


# A decimal number as people write it once spaces are gone: an optional sign, digits, one decimal
# point or comma. Python's float() would also take "1_000", "1e3", "inf" and "nan".
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def number_from_text(text: str) -> float | None:
    """A number typed or read from a file: "1 234,5", "1234.5", "-12", "0,5" (spaces, also no-break and
    thin ones, group the thousands). None for anything else, e.g. "1_000_000", "1e3", "inf", "1.234,5"."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", strip_invisible(text))
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def number_field(value: Any) -> Any:
    """A before-validator for number fields that may arrive as text: text must be a number as
    `number_from_text` reads it (pydantic alone would take "1_000_000")."""
    if isinstance(value, str):
        if not value.strip():
            return None
        number = number_from_text(value)
        if number is None:
            raise fail("errors.not_a_number")
        return number
    return value


def check_email(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if not EMAIL_PATTERN.match(value):
        raise fail("errors.email_invalid")
    return value


def check_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not URL_PATTERN.match(value.strip()):
        raise fail("errors.url_invalid")
    return value.strip()


def parse(model: type[M], data: dict[str, Any]) -> M:
    """Validate `data` into `model`, or raise `ValidationError` naming each bad field."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        fields: dict[str, Message] = {}
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "__all__"
            if name in fields:
                continue
            kind = error["type"]
            ctx = dict(error.get("ctx") or {})
            if "." in kind:  # our own message key, from `fail`
                key = kind
            elif error.get("input") is None:  # left empty (blank text is cleaned to None)
                key = "errors.required"
            else:
                key = _PYDANTIC_KEYS.get(kind, "errors.invalid")
            params = {k: v for k, v in ctx.items() if isinstance(v, (int, float, str))}
            fields[name] = Message(key, params)
        raise ValidationError(fields) from None

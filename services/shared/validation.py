"""Turning user input into validated input models, with translatable messages per field."""

from __future__ import annotations

import re
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


def clean_text(value: Any) -> Any:
    """Trim surrounding whitespace; empty text becomes None (so `required` can catch it)."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
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

"""Domain errors. Each carries a translation key and its parameters, so that the page can say it in
the reader's language; services never choose the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """A translatable message: a key in the `i18n` table and the values it refers to."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


class DomainError(Exception):
    """A request the domain refuses, with a message a person can act on."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.message = Message(key, params)

    @property
    def key(self) -> str:
        return self.message.key

    @property
    def params(self) -> dict[str, Any]:
        return self.message.params


class PermissionDenied(DomainError):
    """The actor may not read or change this record."""

    def __init__(self, key: str = "errors.permission_denied", **params: Any) -> None:
        super().__init__(key, **params)


class NotFound(DomainError):
    """No such record (or none the actor may know of)."""

    def __init__(self, key: str = "errors.not_found", **params: Any) -> None:
        super().__init__(key, **params)


class Unavailable(DomainError):
    """The database could not do it just now (locked by another writer, busy, unreachable): nothing was
    saved, and trying again in a moment is the remedy."""

    def __init__(self, key: str = "errors.try_again", **params: Any) -> None:
        super().__init__(key, **params)


class InvalidTransition(DomainError):
    """The record's current state does not allow this step."""


class ValidationError(DomainError):
    """Input that cannot be accepted; `fields` maps a field name to what is wrong with it."""

    def __init__(
        self,
        fields: dict[str, Message] | None = None,
        key: str = "errors.form_invalid",
        **params: Any,
    ) -> None:
        super().__init__(key, **params)
        self.fields: dict[str, Message] = dict(fields or {})

    @classmethod
    def single(cls, field_name: str, key: str, **params: Any) -> ValidationError:
        return cls({field_name: Message(key, params)})


class RateLimited(DomainError):
    """Too many attempts from this client for now; `minutes` says how long until the next may go."""

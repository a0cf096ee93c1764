"""The one translation table. Swedish is the default, English is complete.

Each domain keeps its texts in its own module (`common`, and one per feature) as
`{key: (swedish, english)}`; they are merged here into `TEXTS`, and a key defined twice is an error.
Texts use `str.format` placeholders: `t("ideas.count", "sv", n=3)`.

Counts: a text that depends on how many things there are is stored in its plural forms, as keys
`<key>.one` and `<key>.other` (CLDR's categories; Swedish and English use these two). `t(key, n=3)`
picks the form by the language's plural rule (Babel) and writes the number as the language does
("1 234", "12,5" in Swedish), so "1 idé har väntat" and "3 idéer har väntat" come from one call.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from i18n import (
    accessibility,
    common,
    council,
    figures,
    fund,
    ideas,
    indicators,
    notifications,
    obstacles,
    samverkan,
    testbeds,
)

LANGUAGES: tuple[str, ...] = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LOCALES: dict[str, Locale] = {"sv": Locale.parse("sv_SE"), "en": Locale.parse("en_GB")}
PLURAL_FORMS: tuple[str, ...] = ("one", "other")
_MODULES = (
    common,
    ideas,
    fund,
    testbeds,
    indicators,
    figures,
    notifications,
    accessibility,
    samverkan,
    council,
    obstacles,
)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in _MODULES:
        for key, texts in module.TEXTS.items():
            if key in merged:
                raise ValueError(f"translation key defined twice: {key}")
            merged[key] = texts
    return merged


TEXTS: dict[str, tuple[str, str]] = _merge()


def locale(language: str) -> Locale:
    return LOCALES.get(language, LOCALES[DEFAULT_LANGUAGE])


def number(value: float | int, language: str = DEFAULT_LANGUAGE) -> str:
    """A number as the language writes it: "1\u00a0234,5" in Swedish, "1,234.5" in English."""
    return format_decimal(value, locale=locale(language))


def plural_form(count: float | int, language: str = DEFAULT_LANGUAGE) -> str:
    """ "one" or "other": which plural form `count` takes in `language` (Babel's CLDR rules)."""
    return locale(language).plural_form(abs(count))


def t(key: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text for `key` in `language`. An unknown key shows itself, so that a gap is visible.

    A numeric `n` chooses the plural form of a counted text and is written as the language writes
    numbers; a text given `n` already as text is used as it is.
    """
    count = params.get("n")
    counted = isinstance(count, int | float) and not isinstance(count, bool)
    texts = TEXTS.get(key)
    if texts is None and f"{key}.one" in TEXTS:
        form = plural_form(count, language) if counted else "other"
        texts = TEXTS.get(f"{key}.{form}") or TEXTS[f"{key}.other"]
    if texts is None:
        return key
    if counted:
        params["n"] = number(count, language)
    text = texts[1] if language == "en" else texts[0]
    return text.format(**params) if params else text


def label(value: StrEnum | str | None, kind: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The display name of an enumeration value, e.g. `label("screening", "stage")` -> "Bedömning"."""
    if value is None:
        return ""
    return t(f"{kind}.{value}", language)

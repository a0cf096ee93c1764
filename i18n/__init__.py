"""The one translation table. Swedish is the default, English is complete.

Each domain keeps its texts in its own module (`common`, and one per feature) as
`{key: (swedish, english)}`; they are merged here into `TEXTS`, and a key defined twice is an error.
Texts use `str.format` placeholders: `t("ideas.count", "sv", n=3)`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from i18n import common, figures, fund, ideas, indicators, testbeds

LANGUAGES: tuple[str, ...] = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
_MODULES = (common, ideas, fund, testbeds, indicators, figures)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in _MODULES:
        for key, texts in module.TEXTS.items():
            if key in merged:
                raise ValueError(f"translation key defined twice: {key}")
            merged[key] = texts
    return merged


TEXTS: dict[str, tuple[str, str]] = _merge()


def t(key: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text for `key` in `language`. An unknown key shows itself, so that a gap is visible."""
    texts = TEXTS.get(key)
    if texts is None:
        return key
    text = texts[1] if language == "en" else texts[0]
    return text.format(**params) if params else text


def label(value: StrEnum | str | None, kind: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The display name of an enumeration value, e.g. `label("screening", "stage")` -> "Bedömning"."""
    if value is None:
        return ""
    return t(f"{kind}.{value}", language)

"""Whole numbers are written as Babel writes them, in both languages, without calling Babel each time."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal

import i18n
from components import ui

NUMBERS = [
    0,
    1,
    -1,
    7,
    999,
    1000,
    -1000,
    12_345,
    -99_999,
    1_234_567,
    -1_234_567,
    10**12,
    2.5,
    3.5,
    -2.5,
    0.49,
    1e9 + 0.6,
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_whole_numbers_read_as_babel_writes_them(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui, "lang", lambda: language)
    for number in NUMBERS:
        assert ui.fmt_int(number) == format_decimal(round(number), locale=i18n.locale(language)), number
    assert ui.fmt_int(None) == "–"


def test_swedish_groups_thousands_with_a_no_break_space_and_english_with_a_comma(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui, "lang", lambda: "sv")
    assert (ui.fmt_int(-1_234_567), ui.fmt_sek(2_500_000)) == ("-1\u00a0234\u00a0567", "2\u00a0500\u00a0000\u00a0kr")
    monkeypatch.setattr(ui, "lang", lambda: "en")
    assert (ui.fmt_int(-1_234_567), ui.fmt_sek(2_500_000)) == ("-1,234,567", "SEK\u00a02,500,000")

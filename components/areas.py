"""Area names and colours for tables and charts, in the reader's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import context
from components.context import CACHE_ENTRIES
from services.people import organisations


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _areas(language: str, key: tuple) -> list[tuple[str, str, str]]:
    with context.reading() as session:
        return [(a.code, a.name(language), a.colour) for a in organisations.list_areas(session=session)]


def area_table() -> pd.DataFrame:
    """`code`, `area` (name) and `colour` of every area."""

    return pd.DataFrame(_areas(context.lang(), context.shared_key()), columns=["code", "area", "colour"])


def area_names() -> dict[str, str]:
    """Each area's code and name in the reader's language, in the areas' order."""
    return {code: name for code, name, _ in _areas(context.lang(), context.shared_key())}


def with_area_names(frame: pd.DataFrame, code_column: str = "area_code") -> pd.DataFrame:
    """Add `area` and `colour` to a frame that has area codes (a code without an area gets neither).
    Looked up, not merged: a merge took 5 ms a frame at every run of a page that draws from the cache."""
    areas = _areas(context.lang(), context.shared_key())
    codes = frame[code_column]
    return frame.assign(
        area=codes.map({code: name for code, name, _ in areas}),
        colour=codes.map({code: colour for code, _, colour in areas}),
    ).reset_index(drop=True)

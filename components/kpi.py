"""KPI tiles: metrics in a grid of bordered cells."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

TILE_MIN_WIDTH = 170  # px: four tiles a row beside the menu, one a row on a phone (as st.columns stack)


def grid(columns: int, min_width: int = TILE_MIN_WIDTH) -> DeltaGenerator:
    """A grid of at most `columns` bordered cells a row (fewer when they would be narrower than
    `min_width` px), each element put in it one cell, a row's cells one height. One element, where
    rows of st.columns took one a row and one a column."""
    return st.grid(columns, border=True, min_column_width=min_width)


def tiles(items: list[dict], columns: int = 4, min_width: int = TILE_MIN_WIDTH) -> None:
    """A grid of metrics; each item holds `st.metric`'s keyword arguments."""
    with grid(columns, min_width):
        for item in items:
            st.metric(**item)

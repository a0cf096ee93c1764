"""KPI tiles: bordered metrics in a grid."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

TILE_GRID = "tilegrid"  # the key prefix of tile containers laid out as grids (the style in components/a11y)


def grid(columns: int, key: str) -> DeltaGenerator:
    """A container that the page style lays out as a grid of `columns` equal columns (one column on
    narrow screens, as st.columns): one element, where rows of columns took one per column and row.
    `key` names it, unique on its page."""
    return st.container(horizontal=True, key=f"{TILE_GRID}{columns}-{key}")


def tiles(items: list[dict], columns: int = 4, *, key: str) -> None:
    """A grid of bordered metrics; each item holds `st.metric`'s keyword arguments."""
    with grid(columns, key):
        for item in items:
            st.metric(border=True, **item)

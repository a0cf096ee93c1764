"""KPI tiles."""

from __future__ import annotations

import streamlit as st


def tiles(items: list[dict], columns: int = 4) -> None:
    """A row (or rows) of bordered metrics; each item holds `st.metric`'s keyword arguments."""
    for start in range(0, len(items), columns):
        row = st.columns(columns)
        for column, item in zip(row, items[start : start + columns], strict=False):
            column.metric(border=True, **item)

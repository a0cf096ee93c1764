"""Each cached function's parameter names are looked up once, and the data cache keys by them as before."""

from __future__ import annotations

import inspect

import pytest
import streamlit as st
from streamlit import type_util

from components import streamlit_costs


def test_parameters_are_looked_up_once_per_function(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[object] = []
    monkeypatch.setattr(
        streamlit_costs,
        "_original",
        lambda func: looked_up.append(func) or list(inspect.signature(func).parameters.values()),
    )
    streamlit_costs._parameters.cache_clear()
    monkeypatch.setattr(type_util, "get_func_parameters", type_util.get_func_parameters)  # undone after the test
    streamlit_costs.remember_signatures()

    def figures(key: tuple, _session: object, *rest: int, year: int = 0) -> None: ...

    for _ in range(3):
        found = type_util.get_func_parameters(figures)
    assert [p.name for p in found] == ["key", "_session", "rest", "year"]
    assert looked_up == [figures]
    streamlit_costs._parameters.cache_clear()


def test_the_data_cache_still_keys_on_named_arguments_and_skips_underscored_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(type_util, "get_func_parameters", type_util.get_func_parameters)
    streamlit_costs.remember_signatures()
    ran: list[tuple] = []

    @st.cache_data(show_spinner=False)
    def figures(key: str, _session: object, year: int) -> int:
        ran.append((key, year))
        return year

    assert figures("a", object(), 2025) == 2025
    assert figures("a", object(), 2025) == 2025  # another session: the same entry
    assert figures("a", object(), 2026) == 2026
    assert figures("b", object(), 2026) == 2026
    assert ran == [("a", 2025), ("a", 2026), ("b", 2026)]
    figures.clear()

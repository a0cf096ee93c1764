"""A cached function's key and parameter names are made once, and the data cache keys as before."""

from __future__ import annotations

import gc
import inspect

import pytest
import streamlit as st
from streamlit import type_util
from streamlit.runtime.caching import cache_utils
from streamlit.runtime.caching.cache_type import CacheType

from components import streamlit_costs


def test_parameters_are_looked_up_once_per_function(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[object] = []
    monkeypatch.setattr(
        streamlit_costs,
        "_parameters_of",
        lambda func: looked_up.append(func) or list(inspect.signature(func).parameters.values()),
    )
    streamlit_costs._parameters.clear()
    monkeypatch.setattr(type_util, "get_func_parameters", type_util.get_func_parameters)  # undone after the test
    streamlit_costs.remember_signatures()

    def figures(key: tuple, _session: object, *rest: int, year: int = 0) -> None: ...

    for _ in range(3):
        found = type_util.get_func_parameters(figures)
    assert [p.name for p in found] == ["key", "_session", "rest", "year"]
    assert looked_up == [figures]
    looked_up.clear()
    del figures
    gc.collect()
    assert len(streamlit_costs._parameters) == 0  # forgotten with the function (a page run's: its namespace)


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


def test_a_page_functions_key_is_made_once_per_compiled_code(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    monkeypatch.setattr(
        streamlit_costs, "_function_key", lambda kind, func: made.append(func.__name__) or func.__name__
    )
    monkeypatch.setattr(streamlit_costs, "_keys", {})
    monkeypatch.setattr(cache_utils, "_make_function_key", cache_utils._make_function_key)
    streamlit_costs.remember_signatures()
    page = compile("def figures(key):\n    return key\n", "pages/x.py", "exec")

    def run(code) -> object:  # a page run: the page's code executed anew, its function decorated anew
        scope: dict = {"__name__": "__main__"}
        exec(code, scope)
        return st.cache_data(show_spinner=False)(scope["figures"])

    first, second = run(page), run(page)
    assert first is not second and first._function_key == second._function_key == "figures"
    assert made == ["figures"]  # once for both runs
    run(compile("def figures(key):\n    return key + 1\n", "pages/x.py", "exec"))  # the page edited
    assert made == ["figures", "figures"]
    # Another page's function with equal code but another default: its own key (Streamlit's reads the source).
    run(compile("def figures(key, n=1):\n    return key\n", "pages/a.py", "exec"))
    run(compile("def figures(key, n=2):\n    return key\n", "pages/b.py", "exec"))
    assert made == ["figures"] * 4


def test_the_function_key_is_streamlits_own() -> None:
    def figures(key: str) -> str:
        return key

    assert streamlit_costs._remembered_function_key(CacheType.DATA, figures) == streamlit_costs._function_key(
        CacheType.DATA, figures
    )

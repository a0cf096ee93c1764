"""A cached function's key and parameter names are made once, and the data cache keys as before."""

from __future__ import annotations

import datetime
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


_WIDGETS_SCRIPT = """
import datetime
import streamlit as st
from streamlit.runtime.state import get_session_state
from components import streamlit_costs

def same_answers(tag):
    # The one-key view against Streamlit's whole dict, for every key there is and two that are not.
    safe = get_session_state()
    whole = safe.filtered_state
    for key in [*whole, "missing", "Organisation"]:
        view = streamlit_costs._OneKeyState(safe)
        assert (key in view) == (key in whole), (tag, key)
        if key in whole:
            assert view[key] == whole[key], (tag, key)
    st.session_state.setdefault("checked", []).append(tag)

streamlit_costs.look_up_widget_keys_alone()
st.session_state.setdefault("plain", "a value of the page's own")
runs = st.session_state.setdefault("runs", 0)
st.session_state.runs = runs + 1
same_answers(f"start {runs}")
st.selectbox("Organisation", ["SLSO", "Karolinska"], key="org")
st.selectbox("Område", ["Kultur", "Trafik"], key="area", index=None)
if runs == 0:
    st.selectbox("Flytt", ["a", "b"], key="moved")
else:  # the key moves to another widget: two widget ids name it for a run
    same_answers(f"moving {runs}")
    st.text_input("Flytt", key="moved")
st.text_input("Titel", key="title")
st.text_area("Behov", key="need")
st.number_input("Belopp", key="amount", value=5)
st.radio("Typ", ["a", "b"], key="kind")
st.time_input("Tid", key="at", value=datetime.time(9, 0))
st.slider("År", 2020, 2030, key="years")
st.date_input("Från", key="since")
st.selectbox("Utan nyckel", ["x", "y"])
same_answers(f"end {runs}")
"""


def test_input_widgets_read_their_own_key_as_streamlits_whole_state_has_it() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(_WIDGETS_SCRIPT, default_timeout=30)
    at.session_state["area"] = "Trafik"  # set by the page before the widget is drawn
    at.session_state["years"] = (2022, 2026)  # a slider and a date field without a value read their key
    at.session_state["since"] = datetime.date(2026, 1, 1)
    at.run()
    assert not at.exception
    at.text_input(key="title").input("Ny titel").run()
    at.selectbox(key="org").select("Karolinska").run()
    at.text_input(key="moved").input("flyttad").run()
    assert not at.exception
    assert at.session_state["checked"] == [
        f"{when} {run}" for run in range(4) for when in ("start", "moving", "end") if (when, run) != ("moving", 0)
    ]
    # What the reader sees: what the page set and what the reader chose.
    assert at.selectbox(key="area").value == "Trafik"
    assert at.selectbox(key="org").value == "Karolinska"
    assert at.text_input(key="title").value == "Ny titel"
    assert at.text_input(key="moved").value == "flyttad"
    assert at.slider(key="years").value == (2022, 2026)
    assert at.date_input(key="since").value == datetime.date(2026, 1, 1)
    assert all(m.get_session_state is streamlit_costs._widget_session_state for m in streamlit_costs._WIDGET_MODULES)


def test_a_widget_whose_key_holds_none_shows_nothing_chosen() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(_WIDGETS_SCRIPT, default_timeout=30)
    for key in ("org", "title", "need", "amount", "kind", "at"):
        at.session_state[key] = None
    at.run()
    assert not at.exception
    assert at.selectbox(key="org").value is None and at.selectbox(key="org").index is None
    assert at.text_input(key="title").value is None
    assert at.text_area(key="need").value is None
    assert at.number_input(key="amount").value is None  # its own default is 5
    assert at.radio(key="kind").value is None
    assert at.time_input(key="at").value is None  # its own default is 9:00
    assert at.session_state["checked"] == ["start 0", "end 0"]

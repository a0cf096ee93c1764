"""Shared cached figures: one object for every reader, keyed like st.cache_data, and never changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

from components import caching


@pytest.mark.parametrize("checking", [False, True], ids=["as-served", "checking"])
def test_a_hit_returns_the_very_object_cached_and_keys_on_the_named_arguments(
    monkeypatch: pytest.MonkeyPatch, checking: bool
) -> None:
    monkeypatch.setattr(caching, "CHECK", checking)
    ran: list[tuple] = []

    @caching.shared
    def figures(key: tuple, _session: object, year: int) -> dict:
        ran.append((key, year))
        return {"year": year, "rows": [1, 2, 3]}

    @caching.shared
    def other(key: tuple, _session: object, year: int) -> dict:
        return {"other": year}

    first = figures(("v", 1), object(), 2025)
    assert figures(("v", 1), object(), 2025) is first  # another reader's session: the same entry
    assert figures(("v", 2), object(), 2025) == first and ran == [(("v", 1), 2025), (("v", 2), 2025)]
    assert other(("v", 1), object(), 2025) == {"other": 2025}  # its own cache, the same arguments
    caching.clear()
    assert figures(("v", 1), object(), 2025) is not first and len(ran) == 3
    figures.clear()
    other.clear()


def test_a_value_changed_in_place_fails_the_next_read_while_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caching, "CHECK", True)

    @caching.shared
    def rows(key: str) -> list[int]:
        return [3, 1, 2]

    rows("a").sort()  # what a page must never do with a shared value
    with pytest.raises(caching.ChangedInPlace):
        rows("a")
    assert sorted(rows("b")) == [1, 2, 3] and rows("b") == [3, 1, 2]  # a new list from it is fine
    rows.clear()


_PAGE = """
import streamlit as st
from components import caching

@caching.shared
def figures(key: str) -> dict:
    return {"areas": ["Kultur", "Trafik"], "count": 2}

data = figures("v1")
st.write(", ".join(data["areas"]))
if st.session_state.get("careful"):
    shown = [*data["areas"], "Hälsa"]  # a new list from the shared one
if st.session_state.get("careless"):
    data["areas"].append("Hälsa")
"""


def test_a_page_that_changes_a_shared_value_fails_its_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caching, "CHECK", True)
    shown = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")  # the app hides error messages; the test reads one
    try:
        caching.clear()
        at = AppTest.from_string(_PAGE, default_timeout=30).run()
        at.session_state["careful"] = True
        at.run()
        at.run()
        assert not at.exception and at.markdown[0].value == "Kultur, Trafik"
        at.session_state["careless"] = True
        at.run()  # draws as before, then changes the value
        assert not at.exception and at.markdown[0].value == "Kultur, Trafik"
        at.run()
        assert "figures: a shared cached value was changed in place" in at.exception[0].message
        assert not at.markdown  # stopped at the read
    finally:
        config.set_option("client.showErrorDetails", shown)
        caching.clear()


def test_clearing_reaches_each_page_s_function_of_the_same_name(tmp_path: Path) -> None:
    """Pages run as __main__, and two pages may both name a function `_charts`."""
    source = (
        "from components import caching\n"
        "ran = []\n"
        "@caching.shared\n"
        "def _charts(key):\n"
        "    ran.append(key)\n"
        "    return [key, {page!r}]\n"
    )
    pages = []
    for name in ("a.py", "b.py"):
        path = tmp_path / name
        path.write_text(source.format(page=name))
        namespace = {"__name__": "__main__"}
        exec(compile(path.read_text(), str(path), "exec"), namespace)  # a page script, as Streamlit runs it
        pages.append(namespace)
    for page in pages:
        page["_charts"]("v1")
        page["_charts"]("v1")
    assert [page["ran"] for page in pages] == [["v1"], ["v1"]]  # each its own cache, each hit once
    caching.clear()
    for page in pages:
        page["_charts"]("v1")
    assert [page["ran"] for page in pages] == [["v1", "v1"], ["v1", "v1"]]
    caching.clear()


def test_a_newer_data_version_empties_the_shared_caches() -> None:
    ran: list[tuple] = []

    @caching.shared
    def figures(key: tuple) -> list:
        ran.append(key)
        return [key]

    caching.data_moved("sqlite:///a.db", 7)  # the first version seen: nothing to drop
    figures(("sqlite:///a.db", 7))
    caching.data_moved("sqlite:///a.db", 7)
    caching.data_moved("sqlite:///b.db", 1)  # another database's first version
    caching.data_moved("sqlite:///a.db", 6)  # an older run's version
    figures(("sqlite:///a.db", 7))
    assert ran == [("sqlite:///a.db", 7)]
    caching.data_moved("sqlite:///a.db", 8)  # a write: version 7's entries can never be read again
    figures(("sqlite:///a.db", 7))  # a run that began before the write asks again: made again
    assert ran == [("sqlite:///a.db", 7)] * 2
    figures.clear()


def test_clearing_still_reaches_a_function_after_streamlit_cleared_all_its_caches() -> None:
    """Streamlit replaces every storage on st.cache_resource.clear() (or a browser's "Clear caches");
    a function decorated once, at import, must still be emptied when the data moves."""
    ran: list[tuple] = []

    @caching.shared
    def figures(key: tuple) -> list:
        ran.append(key)
        return [key]

    figures(("sqlite:///c.db", 1))
    st.cache_resource.clear()
    figures(("sqlite:///c.db", 1))
    figures(("sqlite:///c.db", 1))
    assert len(ran) == 2
    caching.data_moved("sqlite:///c.db", 1)
    caching.data_moved("sqlite:///c.db", 2)
    figures(("sqlite:///c.db", 1))
    assert len(ran) == 3
    figures.clear()

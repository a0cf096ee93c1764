"""Drawing the chart builders' Altair charts (components/charts.py) on a page.

`st.altair_chart` validates the whole Vega-Lite spec against Altair's JSON schema at every run: 20–50 ms
a chart, more than the rest of a page whose figures come from the cache (the area dashboards draw five).
Here the spec is made without that check and handed to `st.vega_lite_chart`; the builders' specs are
validated by the tests (tests/components), where a wrong one fails once instead of slowing every run.

Building the Altair chart and its spec is itself 10–25 ms a chart (the area dashboards draw seven at
every run, cache hit or not), so pages draw `built(builder, …)`: the builder's spec made once per
inputs and language, its datasets already as Arrow, and then read from Streamlit's data cache. The
charts every dashboard draws are written as specs without Altair (`services.shared.charts.vega_lite`).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import Any

import altair as alt
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from components.context import lang

# Altair's default theme puts a 300 × 300 view size in every spec; Streamlit sizes charts itself (it
# switches that theme off for st.altair_chart too).
_THEME_DEFAULTS = ("continuousWidth", "continuousHeight")


def spec(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """The chart's Vega-Lite spec, data inline, without the schema check (a builder's spec written as
    one, `services.shared.charts.vega_lite`, as it is)."""
    if isinstance(chart, dict):
        return chart
    result = chart.to_dict(validate=False)
    view = result.get("config", {}).get("view", {})
    for name in _THEME_DEFAULTS:
        view.pop(name, None)
    if "view" in result.get("config", {}) and not view:
        del result["config"]["view"]
    if "config" in result and not result["config"]:
        del result["config"]
    return result


def draw(chart: alt.TopLevelMixin | dict[str, Any], *, width: str = "stretch") -> None:
    """Draw a chart (or a spec made by `spec`, e.g. a cached one), its datasets sent as plain Arrow."""
    st.vega_lite_chart(spec=arrow_datasets(spec(chart)), width=width)


def arrow_datasets(chart_spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with each dataset (rows) as Arrow IPC bytes, which Streamlit sends as they are.

    Given the rows, Streamlit makes a pandas DataFrame of each and sends it with pandas' metadata: some
    0.7–0.9 KB a chart (a sixth of an area dashboard's charts) and 2–3 ms a chart at every run. Rows that
    Arrow cannot type (mixed kinds in a column) are left to Streamlit."""
    datasets = chart_spec.get("datasets")
    if not datasets:
        return chart_spec
    return {**chart_spec, "datasets": {name: _arrow(rows) for name, rows in datasets.items()}}


def _arrow(rows: Any) -> Any:
    if not isinstance(rows, list) or not rows or not all(isinstance(row, dict) for row in rows):
        return rows
    try:
        table = _repeats_once(pa.Table.from_pylist(rows))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _repeats_once(table: pa.Table) -> pa.Table:
    """Text columns whose values repeat (an organisation's name in each of its bars, a measure's name in
    every row) as a dictionary: each text sent once. A third of the budget chart's bytes."""
    columns = [
        pc.dictionary_encode(column)
        if pa.types.is_string(column.type) and 2 * pc.count_distinct(column).as_py() <= len(column)
        else column
        for column in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def built(builder: Callable[..., alt.TopLevelMixin | dict[str, Any]], /, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The spec of `builder(*args, **kwargs)` (a chart builder: a pure function of its arguments, its
    texts in the reader's language) with its datasets as Arrow (`arrow_datasets`, 0.5 ms a chart at
    every run otherwise), made on the first call with these inputs and read from Streamlit's data cache
    after that. The inputs are keyed by their pickled bytes (DataFrames included): Streamlit's own
    hashing of a small DataFrame took 5–15 ms, more than building its chart."""
    return _built(builder, (args, kwargs), _name(builder), lang(), _fingerprint(args, kwargs))


def made(maker: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """What `maker(*args, **kwargs)` returns (a pure function of its arguments and the reader's
    language: a chart's spec and table made from a page's figures), made once per inputs and language
    like `built`: small lists of figures pickle in microseconds, where the frames made from them took
    milliseconds at every run."""
    return _made(maker, (args, kwargs), _name(maker), lang(), _fingerprint(args, kwargs))


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _fingerprint(args: tuple, kwargs: dict) -> str:
    inputs = pickle.dumps((args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(inputs, digest_size=20).hexdigest()


# Keyed by `name`, `language` and `fingerprint` (arguments starting with _ are not hashed): what is made
# follows the reader's language (t()).


@st.cache_data(max_entries=2000, show_spinner=False)
def _built(
    _builder: Callable[..., alt.TopLevelMixin | dict[str, Any]],
    _inputs: tuple[tuple, dict],
    name: str,
    language: str,
    fingerprint: str,
) -> dict[str, Any]:
    args, kwargs = _inputs
    return arrow_datasets(spec(_builder(*args, **kwargs)))


@st.cache_data(max_entries=2000, show_spinner=False)
def _made(_maker: Callable[..., Any], _inputs: tuple[tuple, dict], name: str, language: str, fingerprint: str) -> Any:
    args, kwargs = _inputs
    return _maker(*args, **kwargs)

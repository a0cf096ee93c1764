"""Chart specs that services draw too: pure functions from an aggregated DataFrame to a chart.

The innovationsbokslut's charts are shown on its page and printed in its PDF (rendered from the same
Vega-Lite spec by vl-convert), so their builder lives here, free of Streamlit; the pages' other chart
builders stay in components/charts.py.

The charts every dashboard draws (`simple_bars` here, `series_chart` and `bars_with_targets` in
components/indicators/views.py, the budget's) are written as Vega-Lite specs directly (`vega_lite`):
Altair took 1.5-6 ms a chart to build its objects and turn them into that same spec, 20 ms of an area
dashboard's miss. tests/components/test_vega.py holds the Altair chart each one stands for and checks
that the specs are equal.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import altair as alt
import pandas as pd
from altair.utils.data import limit_rows
from altair.vegalite.data import default_data_transformer

PLAIN_ROWS = "plain_rows"


def plain_rows(data: Any, max_rows: int = 5000) -> Any:
    """Altair's default data transformer, quicker for the frames the charts draw (a few dozen rows of
    text and numbers): their values as Python's own, missing numbers and texts as None, exactly as
    Altair's `sanitize_pandas_dataframe` gives them, without its copy of the frame and a pandas
    operation per column (a third of making a chart's spec). Any other frame, and any other data, goes
    to Altair's own transformer; so do more than `max_rows` rows (it raises MaxRowsError)."""
    if not isinstance(data, pd.DataFrame) or not _plain(data):
        return default_data_transformer(data, max_rows=max_rows)
    limit_rows(data, max_rows=max_rows)
    columns = [_plain_values(data[name]) for name in data.columns]
    return {"values": [dict(zip(data.columns, row, strict=True)) for row in zip(*columns, strict=True)]}


def _plain(frame: pd.DataFrame) -> bool:
    """Only text (with gaps or not), whole numbers, floats and truth values, under plain column names.
    Text held as Python objects is Altair's to sanitise: it leaves gaps there as NaN."""
    if isinstance(frame.columns, pd.MultiIndex) or isinstance(frame.index, pd.MultiIndex):
        return False
    if not all(isinstance(name, str) for name in frame.columns) or frame.columns.has_duplicates:
        return False
    if frame.columns.empty:  # rows without columns: Altair gives an empty row for each
        return False
    return all(_plain_dtype(frame[name]) for name in frame.columns)


def _plain_dtype(column: pd.Series) -> bool:
    dtype = column.dtype
    if str(dtype) == "str":  # pandas' default text (its gaps NaN; "string" has pd.NA: Altair's to handle)
        return True
    return dtype.kind in "iufb" and not isinstance(dtype, pd.api.extensions.ExtensionDtype)


def _plain_values(column: pd.Series) -> list[Any]:
    values = column.tolist()  # Python's int, float, bool and str
    return [None if _missing(v) else v for v in values]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def use_plain_rows() -> None:
    """Make `plain_rows` Altair's data transformer in this process (app.py calls it at every run: after
    the first, this only reads which transformer is active; Altair's list of names reads every
    installed package's entry points, 3 ms)."""
    if alt.data_transformers.active != PLAIN_ROWS:
        alt.data_transformers.register(PLAIN_ROWS, plain_rows)
        alt.data_transformers.enable(PLAIN_ROWS)


Spec = dict[str, Any]
_TYPES = {"N": "nominal", "O": "ordinal", "Q": "quantitative", "T": "temporal"}


def vega_lite(data: pd.DataFrame, **spec: Any) -> Spec:
    """A top-level Vega-Lite spec drawing `data`, as Altair writes it: the rows (`plain_rows`) as one
    dataset named by their hash. `spec` holds the rest (mark, encoding, layer, description, …)."""
    rows = plain_rows(data)["values"]
    name = _dataset_name(rows)
    return {"$schema": alt.SCHEMA_URL, "data": {"name": name}, **spec, "datasets": {name: rows}}


def _dataset_name(rows: list[dict[str, Any]]) -> str:
    """Altair's name for a dataset: a hash of its rows."""
    if rows == [{}]:
        return "empty"
    return "data-" + hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:32]


def channel(shorthand: str, title: str | None = None, **properties: Any) -> Spec:
    """One encoding channel: "field:N" (or :O, :Q, :T) with its title and any other properties."""
    field, kind = shorthand.rsplit(":", 1)
    found: Spec = {"field": field, "type": _TYPES[kind], **properties}
    if title is not None:
        found["title"] = title
    return found


def simple_bars(data: pd.DataFrame, *, category_title: str, value_title: str, description: str, colour: str) -> Spec:
    """Horizontal bars per `category` (in the frame's order) of `value`."""
    return vega_lite(
        data,
        mark={"type": "bar", "color": colour},
        description=description,
        encoding={
            "y": channel("category:N", category_title, sort=None),
            "x": channel("value:Q", value_title, axis={"tickMinStep": 1}),
            "tooltip": [channel("category:N", category_title), channel("value:Q", value_title)],
        },
    )

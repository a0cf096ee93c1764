"""The app's data transformer for charts (`plain_rows`) gives every chart's rows exactly as Altair's own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import altair as alt
import numpy as np
import pandas as pd
import pytest
from altair.vegalite.data import default_data_transformer

from services.shared.charts import PLAIN_ROWS, plain_rows, use_plain_rows

FRAMES = {
    "text, whole numbers, floats with gaps": pd.DataFrame(
        {"category": ["Karolinska", "Södersjukhuset", "Danderyd"], "value": [3, 1, 0], "target": [4.5, np.nan, np.inf]}
    ),
    "text with gaps": pd.DataFrame({"name": ["Kultur", None, "Trafik"], "n": [1, 2, 3]}),
    "truth values and negative infinity": pd.DataFrame({"met": [True, False], "change": [-np.inf, -0.5]}),
    "no rows": pd.DataFrame({"category": pd.Series([], dtype="str"), "value": pd.Series([], dtype="int64")}),
}


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_plain_frames_give_the_rows_altair_gives(name: str) -> None:
    frame = FRAMES[name]
    ours = plain_rows(frame)
    assert ours == default_data_transformer(frame)
    for row in ours["values"]:
        assert all(type(v) in (str, int, float, bool, type(None)) for v in row.values())  # Python's own values


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"month": pd.to_datetime([date(2026, 1, 1), date(2026, 2, 1)]), "n": [1, 2]}),  # dates
        pd.DataFrame({"mixed": pd.Series([1, "a"], dtype=object)}),  # numbers among text
        pd.DataFrame({"name": pd.Series(["a", None], dtype=object)}),  # text as Python objects
        pd.DataFrame({"n": pd.array([1, None], dtype="Int64")}),  # nullable whole numbers
        pd.DataFrame({"area": pd.Categorical(["Kultur", "Kultur"])}),
        pd.DataFrame({"name": ["Kultur", None]}).astype({"name": "string"}),  # gaps as pd.NA
        pd.DataFrame(index=range(3)),  # rows without columns
    ],
)
def test_other_frames_go_to_altairs_own_transformer(frame: pd.DataFrame) -> None:
    assert plain_rows(frame) == default_data_transformer(frame)


def test_too_many_rows_are_refused_as_altair_refuses_them() -> None:
    frame = pd.DataFrame({"value": range(5001)})
    with pytest.raises(alt.MaxRowsError):
        plain_rows(frame)
    with pytest.raises(alt.MaxRowsError):
        default_data_transformer(frame)


@pytest.fixture
def plain() -> Iterator[None]:
    before = alt.data_transformers.active
    use_plain_rows()
    yield
    alt.data_transformers.enable(before)


def test_the_app_makes_charts_with_it_and_their_specs_stay_the_same(plain: None) -> None:
    assert alt.data_transformers.active == PLAIN_ROWS
    frame = FRAMES["text, whole numbers, floats with gaps"]
    chart = alt.Chart(frame, description="Per organisation").mark_bar().encode(x="value:Q", y="category:N")
    ours = chart.to_dict()
    with alt.data_transformers.enable("default"):
        assert chart.to_dict() == ours
    use_plain_rows()  # once more: nothing changes
    assert alt.data_transformers.active == PLAIN_ROWS

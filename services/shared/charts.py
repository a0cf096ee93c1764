"""Chart specs that services draw too: pure functions from an aggregated DataFrame to an Altair chart.

The innovationsbokslut's charts are shown on its page and printed in its PDF (rendered from the same
Vega-Lite spec by vl-convert), so their builder lives here, free of Streamlit; the pages' other chart
builders stay in components/charts.py.
"""

from __future__ import annotations

import altair as alt
import pandas as pd


def simple_bars(
    data: pd.DataFrame, *, category_title: str, value_title: str, description: str, colour: str
) -> alt.Chart:
    """Horizontal bars per `category` (in the frame's order) of `value`."""
    return (
        alt.Chart(data, description=description)
        .mark_bar(color=colour)
        .encode(
            y=alt.Y("category:N", title=category_title, sort=None),
            x=alt.X("value:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("category:N", title=category_title), alt.Tooltip("value:Q", title=value_title)],
        )
    )

"""Chart builders: pure functions from an aggregated DataFrame to an Altair chart.

Each chart gets a `description` (its accessible name) and only the rows it draws. Area colours come
from the data (`area`, `colour` columns), so that an area looks the same in every chart.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

LEGEND = alt.Legend(orient="bottom", columns=2, labelLimit=320, titleLimit=320)
# Axis, legend and title text: Streamlit's chart theme draws it at 3.7:1 on white; this is 12.6:1.
CHART_TEXT = "#31333f"


def readable(chart: alt.TopLevelMixin | dict[str, Any]) -> alt.TopLevelMixin | dict[str, Any]:
    """The chart (or a spec made by `vega.spec`) with text that passes WCAG's 4.5:1: axis labels and
    titles, legends, titles. On a spec it is a dictionary merge; on an Altair chart each `configure_*`
    deep-copies the whole chart (about 20 ms a chart), so pages pass specs."""
    if isinstance(chart, dict):
        config = dict(chart.get("config", {}))
        for part, colours in (
            ("axis", {"labelColor": CHART_TEXT, "titleColor": CHART_TEXT}),
            ("legend", {"labelColor": CHART_TEXT, "titleColor": CHART_TEXT}),
            ("title", {"color": CHART_TEXT}),
        ):
            config[part] = {**config.get(part, {}), **colours}
        return {**chart, "config": config}
    return (
        chart.configure_axis(labelColor=CHART_TEXT, titleColor=CHART_TEXT)
        .configure_legend(labelColor=CHART_TEXT, titleColor=CHART_TEXT)
        .configure_title(color=CHART_TEXT)
    )


def _colour(data: pd.DataFrame, title: str) -> alt.Color:
    """Colour by area name with each area's own colour, legend below the chart."""
    rows = list(zip(data["area"].tolist(), data["colour"].tolist(), strict=True))
    if all(isinstance(area, str) for area, _ in rows):  # in Python: pandas took 1-2 ms a chart
        first: dict[str, str] = {}
        for area, colour in rows:
            first.setdefault(area, colour)
        domain = sorted(first)
        colours = [first[area] for area in domain]
    else:  # a row without an area: as pandas orders it, the gap last
        pairs = data.drop_duplicates("area").sort_values("area")
        domain, colours = list(pairs["area"]), list(pairs["colour"])
    scale = alt.Scale(domain=domain, range=colours)
    return alt.Color("area:N", scale=scale, title=title, legend=LEGEND)


def stacked_bars(
    data: pd.DataFrame,
    *,
    category: str,
    value: str,
    category_title: str,
    value_title: str,
    order: list[str],
    description: str,
    colour_title: str,
    label_limit: int | None = None,
) -> alt.Chart:
    """Horizontal bars per `category` in the given order, stacked by area: long labels stay readable
    (up to `label_limit` pixels, if given, before they are cut)."""
    axis = alt.Axis(labelLimit=label_limit) if label_limit else alt.Undefined
    return (
        alt.Chart(data, description=description)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", sort=order, title=category_title, axis=axis),
            x=alt.X(f"sum({value}):Q", title=value_title, stack="zero"),
            color=_colour(data, colour_title),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=category_title),
                alt.Tooltip("area:N", title=colour_title),
                alt.Tooltip(f"sum({value}):Q", title=value_title),
            ],
        )
    )


def complete_months(data: pd.DataFrame, months: list, value: str) -> pd.DataFrame:
    """Add zero rows for months in which an area had nothing, so that no month silently disappears."""
    areas = data[["area", "colour"]].drop_duplicates()
    grid = pd.DataFrame({"month": pd.to_datetime(months)}).merge(areas, how="cross")
    data = data.assign(month=pd.to_datetime(data["month"]))
    merged = grid.merge(data[["month", "area", value]], on=["month", "area"], how="left")
    return merged.fillna({value: 0})


def monthly_bars(
    data: pd.DataFrame, *, value: str, value_title: str, month_title: str, description: str, colour_title: str
) -> alt.Chart:
    """Bars per month, stacked by area."""
    return (
        alt.Chart(data, description=description)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):O", title=month_title, axis=alt.Axis(format="%Y-%m", labelAngle=-45)),
            y=alt.Y(f"sum({value}):Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
            color=_colour(data, colour_title),
            tooltip=[
                alt.Tooltip("yearmonth(month):O", format="%Y-%m", title=month_title),
                alt.Tooltip("area:N", title=colour_title),
                alt.Tooltip(f"sum({value}):Q", title=value_title),
            ],
        )
    )


def grouped_bars(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    description: str,
    colour_title: str,
    y_format: str = ",.0f",
) -> alt.Chart:
    """Bars per `x` (e.g. year), side by side per area."""
    return (
        alt.Chart(data, description=description)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("area:N"),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format="~s")),
            color=_colour(data, colour_title),
            tooltip=[
                alt.Tooltip(f"{x}:O", title=x_title),
                alt.Tooltip("area:N", title=colour_title),
                alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
            ],
        )
    )

"""Pieces shared by the indicator views (area dashboards, Rådsläge, Innovationsbokslut): values in
their unit, KPI tiles with target, the period filter, and charts that can be shown as a table and
downloaded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

import i18n
from components import kpi, vega
from components.chart_table import chart_with_table  # noqa: F401  (the dashboards call it from here)
from components.context import lang, t
from components.ui import NBSP, fmt_msek, fmt_pct, fmt_sek, label_text
from services.indicators import periods as ind_periods
from services.indicators.dashboard import IndicatorFigure, IndicatorInfo
from services.indicators.targets import unit_name
from services.shared.charts import Spec, channel, simple_bars, vega_lite  # simple_bars: shared with the PDF

PERIOD_KINDS = ("year", "quarter", "month")
_HOW_MANY = {"year": 5, "quarter": 8, "month": 12}


def unit_label(unit: str) -> str:
    """The unit in the reader's language (plain text: escape it with `plain` where Markdown renders)."""
    return unit_name(unit, lang())


def fmt_number(value: float | None, decimals: int = 1) -> str:
    """A decimal number as the reader writes it (comma in Swedish)."""
    if value is None:
        return "–"
    return i18n.number(round(value, decimals), lang())


def fmt_value(value: float | None, unit: str) -> str:
    """A value in its indicator's unit: 45 %, 1 200 000 kr, 12,5 dagar, 7."""
    if value is None:
        return "–"
    if unit == "%":
        return fmt_pct(value, 1 if not float(value).is_integer() else 0)
    if unit == "SEK":
        return fmt_msek(value) if abs(value) >= 100_000 else fmt_sek(value)
    if unit == "dagar":
        return t("indicators.computed.days", n=round(value, 1))
    return fmt_number(value)


def fmt_change(change: float | None, unit: str) -> str | None:
    if change is None:
        return None
    sign = "+" if change > 0 else ("-" if change < 0 else "±")  # ASCII: st.metric reads the sign
    return t("indicators.area.vs_previous", change=sign + fmt_value(abs(change), unit).replace("–", "0"))


def period_label(start: date, end: date) -> str:
    """2025, 2025 K2 / 2025 Q2, 2025-04, or start–end for anything else."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if ind_periods.period_of("quarter", start) == (start, end):
        return t("indicators.area.quarter_label", year=start.year, q=(start.month - 1) // 3 + 1)
    if ind_periods.period_of("month", start) == (start, end):
        return f"{start.year}-{start.month:02d}"
    return f"{start.isoformat()}{NBSP}–{NBSP}{end.isoformat()}"


def recent_periods(kind: str, today: date) -> list[tuple[date, date]]:
    """The last few calendar periods of `kind` up to the one holding today, newest first."""
    current = ind_periods.period_of(kind, today)
    periods = [current]
    while len(periods) < _HOW_MANY[kind]:
        periods.append(ind_periods.previous_period(*periods[-1]))
    return periods


def period_filter(key: str, today: date) -> tuple[date, date]:
    """Period kind (year, quarter, month) and one of its recent periods; defaults to this year."""
    left, right = st.columns([2, 3])
    kind = left.segmented_control(
        t("indicators.area.period_kind"),
        PERIOD_KINDS,
        default="year",
        format_func=lambda k: t(f"frequency.{k}"),
        key=f"{key}_kind",
    )
    kind = kind or "year"
    periods = recent_periods(kind, today)
    chosen = right.selectbox(
        t("indicators.area.period"),
        periods,
        format_func=lambda p: period_label(*p),
        key=f"{key}_period_{kind}",
        placeholder=t("ui.choose"),
    )
    return chosen


def tiles(figures: Sequence[IndicatorFigure], columns: int = 4) -> None:
    """A tile per indicator: value, change against the previous period, and the target met or not.

    One grid (`kpi.grid`), each tile one metric with its target as the description beside its change:
    28 elements for an area dashboard's 27 tiles, where rows of columns with a caption in each took 89
    (Streamlit's time is per element, at every run). The tiles' texts are made once per figures and
    language (`vega.made`): formatting 27 tiles' numbers took 2 ms at every run."""
    shown = vega.made(tile_texts, list(figures))
    with kpi.grid(columns):
        for metric in shown:
            st.metric(**metric)


def tile_texts(figures: list[IndicatorFigure]) -> list[dict]:
    """Each tile's `st.metric` arguments in the reader's language, the target as the change's description."""
    shown = []
    for figure in figures:
        ind = figure.indicator
        change = figure.change
        name = label_text(ind.name(lang()))  # registry data: shown as typed
        shown.append(
            {
                "label": name,
                "value": fmt_value(figure.value, ind.unit),
                "delta": fmt_change(change, ind.unit),
                "delta_color": "off" if not change else "inverse" if ind.direction == "down" else "normal",
                "delta_arrow": "auto" if change else "off",
                "delta_description": target_text(figure.target, figure.met, ind.unit),
                "help": f"{name}. {t(f'direction.{ind.direction}')}.",
            }
        )
    return shown


def target_text(target: float | None, met: bool | None, unit: str) -> str:
    """'Mål 10 · uppnått' with an icon that does not rely on colour alone."""
    if target is None:
        return t("indicators.area.no_target")
    if met is None:
        return t("indicators.area.target", target=fmt_value(target, unit))
    key = "indicators.area.target_met" if met else "indicators.area.target_missed"
    return t(key, target=fmt_value(target, unit))


def series_chart(points: pd.DataFrame, *, value_title: str, period_title: str, description: str) -> Spec:
    """The indicator per period as a line with points, the year's target as a dashed step line.

    `points` has `period` (label), `value` and `target`; the rows are the layers' one dataset."""
    period = channel("period:O", period_title, sort=None, axis={"labelAngle": -45})
    value = {
        "mark": {"type": "line", "point": True},
        "description": description,
        "encoding": {
            "x": period,
            "y": channel("value:Q", value_title),
            "tooltip": [channel("period:O", period_title), channel("value:Q", value_title)],
        },
    }
    # aria False: the target is read from the table view; an empty layer would be an unnamed image.
    target = {
        "mark": {"type": "line", "strokeDash": [6, 4], "interpolate": "step-after", "color": "#595959", "aria": False},
        "description": description,
        "encoding": {
            "x": period,
            "y": channel("target:Q"),
            "tooltip": [
                channel("period:O", period_title),
                channel("target:Q", t("indicators.area.target_col")),
            ],
        },
    }
    return vega_lite(points, layer=[value, target], description=description)


def bars_with_targets(
    data: pd.DataFrame, *, category_title: str, value_title: str, description: str, colour: str = "#1f6fb2"
) -> Spec:
    """Horizontal bars per `category` with a tick at each one's `target` (if any)."""
    category = channel("category:N", category_title, sort=None)
    bars = {
        "mark": {"type": "bar", "color": colour},
        "description": description,
        "encoding": {
            "y": category,
            "x": channel("value:Q", value_title),
            "tooltip": [channel("category:N", category_title), channel("value:Q", value_title)],
        },
    }
    # aria False: targets are read from the table view; without targets the layer would be an unnamed image.
    ticks = {
        "mark": {"type": "tick", "color": "#222222", "thickness": 3, "size": 18, "aria": False},
        "description": description,
        "encoding": {
            "y": category,
            "x": channel("target:Q"),
            "tooltip": [
                channel("category:N", category_title),
                channel("target:Q", t("indicators.area.target_col")),
            ],
        },
    }
    return vega_lite(data, layer=[bars, ticks], description=description)


def kind_bars(
    rows: Sequence[tuple[str, str, float]],
    *,
    what_title: str,
    category_title: str,
    value_title: str,
    description: str,
    colour: str,
) -> tuple[dict, pd.DataFrame]:
    """Bars for rows of (what, category, value), each labelled "what: category" ("Idéer: Kostnad"), and
    the same rows as a three-column table with the reader's headers: the chart's spec and its table."""
    frame = pd.DataFrame(rows, columns=["kind", "category", "value"])
    chart = vega.built(
        simple_bars,
        frame.assign(category=frame["kind"] + ": " + frame["category"]),
        category_title=category_title,
        value_title=value_title,
        description=description,
        colour=colour,
    )
    return chart, frame.rename(columns={"kind": what_title, "category": category_title, "value": value_title})


def indicator_options(indicators: Sequence[IndicatorInfo]) -> dict[int, str]:
    """Indicator id -> "CODE name" for a select box."""
    return {i.id: f"{i.code} {i.name(lang())}" for i in indicators}

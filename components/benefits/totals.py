"""Benefit totals and ideas/applications by kind of benefit, as the dashboards, Min förvaltning and the
innovationsbokslut show them: a small table per unit, a bar chart with its table and downloads."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import context, vega
from components.benefits.panel import fmt_amount, unit_label
from components.context import t
from components.indicators import views
from services.benefits.figures import UNITS, BenefitTotal, KindCount


def totals_table(totals: list[BenefitTotal]) -> None:
    """Estimated and realised benefits per unit (a real <table>), or a line saying there are none."""
    if not totals:
        st.caption(t("benefits.no_totals"))
        return
    st.table(
        pd.DataFrame(
            {
                t("benefits.col.unit"): [unit_label(r.unit) for r in totals],
                t("benefits.col.realised"): [fmt_amount(r.realised) for r in totals],
                t("benefits.col.estimated"): [fmt_amount(r.estimated) for r in totals],
                t("benefits.col.measured_of"): [
                    t("benefits.measured_of", measured=r.measured, benefits=r.benefits) for r in totals
                ],
            }
        )
    )


def level_benefits(figures: dict[str, Any]) -> list[BenefitTotal]:
    """A bokslut level's saved benefits as totals (a year frozen before benefits were followed up has none)."""
    saved = figures.get("benefits", {})
    return [
        BenefitTotal(unit, v["estimated"], v["realised"], v["benefits"], v["measured"])
        for unit in UNITS
        if (v := saved.get(unit))
    ]


def benefits_by_level(levels: list[tuple[str, list[BenefitTotal]]]) -> None:
    """The benefits of the levels below one (the areas of the region, the organisations of an area), one
    row per level and unit that has any."""
    rows = [(name, r) for name, totals in levels for r in totals]
    if not rows:
        st.caption(t("benefits.no_totals"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("annual.col.name"): [name for name, _ in rows],
                t("benefits.col.unit"): [unit_label(r.unit) for _, r in rows],
                t("benefits.col.realised"): [fmt_amount(r.realised) for _, r in rows],
                t("benefits.col.estimated"): [fmt_amount(r.estimated) for _, r in rows],
                t("benefits.col.measured_of"): [
                    t("benefits.measured_of", measured=r.measured, benefits=r.benefits) for _, r in rows
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def by_kind_chart(kinds: list[KindCount], *, key: str, filename: str, colour: str) -> None:
    """Ideas received and applications submitted per kind of benefit: chart or table, downloadable."""
    chart, table = vega.made(_by_kind, kinds, colour)
    views.chart_with_table(chart, table, key=key, filename=filename)


def _by_kind(kinds: list[KindCount], colour: str) -> tuple[dict, pd.DataFrame]:
    rows = [(t("benefits.col.ideas"), context.label(k.kind, "benefit_kind"), k.ideas) for k in kinds] + [
        (t("benefits.col.applications"), context.label(k.kind, "benefit_kind"), k.applications) for k in kinds
    ]
    return views.kind_bars(
        rows,
        what_title=t("benefits.what"),
        category_title=t("benefits.col.kind"),
        value_title=t("benefits.count"),
        description=t("benefits.by_kind_description"),
        colour=colour,
    )


def benefits_section(
    totals: list[BenefitTotal], kinds: list[KindCount], *, period: str, key: str, filename: str, colour: str
) -> None:
    """The "Nytta" block of a dashboard: totals at the period's end beside the ideas and applications of
    the period by kind of benefit."""
    left, right = st.columns(2)
    with left:
        st.subheader(t("benefits.totals", period=period))
        st.caption(t("benefits.totals_help"))
        totals_table(totals)
    with right:
        st.subheader(t("benefits.by_kind", period=period))
        by_kind_chart(kinds, key=key, filename=filename, colour=colour)

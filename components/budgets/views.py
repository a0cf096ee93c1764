"""Innovation budget against outcome: one organisation's tiles, every organisation's table, the form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import vega
from components.chart_table import chart_with_table
from components.context import t
from components.kpi import tiles
from components.ui import FieldErrors, fmt_int, fmt_pct, fmt_sek, plain, required, write_then_confirm
from services.budgets import budget
from services.budgets.budget import AreaBudget, BudgetRow, BudgetTotal
from services.people.auth import Actor
from services.shared.charts import Spec, channel, vega_lite


def budget_tiles(row: BudgetRow, year: int) -> None:
    """Min förvaltning: the year's budget, the fund money granted (and its share of the budget), the
    projects running and the ideas implemented."""
    st.subheader(t("budget.myorg_title", year=year))
    _outcome_tiles(row, no_budget=t("budget.not_set"))
    if row.note:
        st.caption(f"{t('budget.note')}: {plain(row.note)}")


def total_tiles(row: BudgetTotal) -> None:
    """An area's or the region's budget against outcome, summed over its organisations."""
    _outcome_tiles(row, no_budget="–")


def _outcome_tiles(row: BudgetRow | BudgetTotal, *, no_budget: str) -> None:
    """Budget, granted (with its share of the budget), projects running, ideas implemented."""
    budget_sek = fmt_sek(row.budget_sek) if row.budget_sek is not None else no_budget
    tiles(
        [
            {"label": t("budget.budget"), "value": budget_sek},
            {
                "label": t("budget.granted"),
                "value": fmt_sek(row.granted_sek),
                "delta": t("budget.of_budget", share=fmt_pct(row.granted_share))
                if row.granted_share is not None
                else None,
                "delta_color": "off",
                "delta_arrow": "off",
            },
            {"label": t("budget.running"), "value": fmt_int(row.projects_running)},
            {"label": t("budget.implemented"), "value": fmt_int(row.ideas_implemented)},
        ]
    )


def budget_chart(frame: pd.DataFrame, *, description: str, colour: str) -> Spec:
    """Budget and granted side by side per organisation (aggregated rows: organisation, measure, value)."""
    organisation, measure, sek = t("budget.organisation"), t("budget.measure"), t("budget.sek")
    return vega_lite(
        frame,
        mark={"type": "bar"},
        description=description,
        encoding={
            "y": channel("category:N", organisation, sort=None),
            "yOffset": channel("measure:N", sort=None),
            "x": channel("value:Q", sek),
            "color": channel("measure:N", measure, sort=None, scale={"range": [colour, "#5f6b7a"]}),
            "tooltip": [
                channel("name:N", organisation),
                channel("measure:N", measure),
                channel("value:Q", sek, format=",.0f"),
            ],
        },
    )


def budget_section(data: AreaBudget, *, key: str, filename: str, colour: str, all_shown: bool) -> None:
    """The dashboards' budget section: the total, then budget against granted per organisation."""
    st.subheader(t("budget.section", year=data.year))
    st.caption(
        t(
            "budget.section_help",
            year=data.year,
            budgeted=data.total.budgeted,
            organisations=data.total.organisations,
        )
    )
    if data.total.budgeted == 0:
        st.info(t("budget.no_budget", year=data.year))
    total_tiles(data.total)
    if data.rows:
        st.markdown(f"**{t('budget.by_organisation')}**")
        chart, table = vega.made(_by_organisation, data.rows, data.year, colour)
        chart_with_table(chart, table, key=key, filename=filename)
    if not all_shown:
        st.caption(t("budget.own_only"))


def _by_organisation(rows: list[BudgetRow], year: int, colour: str) -> tuple[dict, pd.DataFrame]:
    """The budget chart's spec (budget beside granted per organisation) and its table."""
    budget_label, granted_label = t("budget.budget"), t("budget.granted")
    frame = pd.DataFrame(
        [
            (r.short_name or r.organisation, r.organisation, measure, value)
            for r in rows
            for measure, value in ((budget_label, r.budget_sek or 0), (granted_label, r.granted_sek))
        ],
        columns=["category", "name", "measure", "value"],
    )
    table = pd.DataFrame(
        [
            {
                t("budget.organisation"): r.organisation,
                t("budget.budget"): r.budget_sek,
                t("budget.granted"): r.granted_sek,
                t("budget.share"): None if r.granted_share is None else round(r.granted_share, 1),
                t("budget.running"): r.projects_running,
                t("budget.implemented"): r.ideas_implemented,
            }
            for r in rows
        ]
    )
    chart = vega.built(budget_chart, frame, description=t("budget.chart_description", year=year), colour=colour)
    return chart, table


def annual_budget(level: dict | None, below: list[tuple[str, dict]], year: int) -> None:
    """The innovationsbokslut's budget section: the level's budget against outcome (summed over its
    organisations), then each level below it. A year frozen before budgets were in the report has none."""
    if level is None:
        return
    st.markdown(f"**{t('budget.section', year=year)}**")
    total_tiles(BudgetTotal(**level))
    rows = [(name, BudgetTotal(**figures)) for name, figures in below if figures is not None]
    if rows:
        st.table(
            [
                {
                    t("budget.level"): plain(name),
                    t("budget.budget"): fmt_sek(r.budget_sek) if r.budget_sek is not None else "–",
                    t("budget.granted"): fmt_sek(r.granted_sek),
                    t("budget.share"): fmt_pct(r.granted_share) if r.granted_share is not None else "–",
                    t("budget.running"): fmt_int(r.projects_running),
                    t("budget.implemented"): fmt_int(r.ideas_implemented),
                }
                for name, r in rows
            ]
        )


def budget_table(rows: list[BudgetRow], area_names: dict[int, str]) -> None:
    st.table(
        [
            {
                t("budget.organisation"): plain(r.organisation),
                t("budget.area"): plain(area_names.get(r.area_id, "–")),
                t("budget.budget"): fmt_sek(r.budget_sek) if r.budget_sek is not None else "–",
                t("budget.granted"): fmt_sek(r.granted_sek),
                t("budget.share"): fmt_pct(r.granted_share) if r.granted_share is not None else "–",
                t("budget.running"): fmt_int(r.projects_running),
                t("budget.implemented"): fmt_int(r.ideas_implemented),
            }
            for r in rows
        ]
    )


def budget_form(me: Actor, rows: list[BudgetRow], year: int) -> None:
    names = {r.organisation_id: r.organisation for r in rows}
    with st.form("budget_form"):
        errors = FieldErrors()
        c1, c2 = st.columns([2, 1])
        organisation_id = c1.selectbox(
            required("budget.organisation"),
            list(names),
            index=None,
            format_func=lambda i: names[i],
            placeholder=t("ui.choose"),
            key="budget_org",
        )
        amount = c2.text_input(required("budget.amount", year=year), key="budget_amount")
        with c2:
            errors.slot("budget_sek", t("budget.amount", year=year))
        note = st.text_input(t("budget.note"), max_chars=2000, key="budget_note")
        if st.form_submit_button(t("budget.save"), type="primary"):
            if organisation_id is None:
                st.error(t("budget.choose_org"))
                return
            write_then_confirm(
                lambda s: budget.set_budget(
                    session=s,
                    actor=me,
                    organisation_id=organisation_id,
                    data={"year": year, "budget_sek": amount, "note": note},
                ),
                "budget.saved",
                errors,
                organisation=names[organisation_id],
            )

"""Innovation budget against outcome: one organisation's tiles, every organisation's table, the form."""

from __future__ import annotations

import streamlit as st

from components.context import t
from components.kpi import tiles
from components.ui import FieldErrors, fmt_int, fmt_pct, fmt_sek, plain, required, write_then_confirm
from services.budgets import budget
from services.budgets.budget import BudgetRow
from services.people.auth import Actor


def budget_tiles(row: BudgetRow, year: int) -> None:
    """Min förvaltning: the year's budget, the fund money granted (and its share of the budget), the
    projects running and the ideas implemented."""
    st.subheader(t("budget.myorg_title", year=year))
    tiles(
        [
            {
                "label": t("budget.budget"),
                "value": fmt_sek(row.budget_sek) if row.budget_sek is not None else t("budget.not_set"),
            },
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
    if row.note:
        st.caption(f"{t('budget.note')}: {plain(row.note)}")


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

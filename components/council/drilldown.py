"""Rådsläge's drill-down: pick a figure (and an area), read the records behind it, a page at a time."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import context
from components.context import label, lang, t
from components.ui import current_page, fmt_date, fmt_sek, pager, plain
from services.council import drilldown
from services.indicators import dashboard as dash
from services.people.auth import Actor
from services.people.organisations import AreaRow
from services.shared.errors import PermissionDenied

STATUS_KIND = {"idea": "stage", "adoption": "stage", "application": "application_status", "request": "request_status"}


def _figure_names() -> dict[str, str]:
    """The registry's names for the live indicators, the board's own words for the rest."""
    with context.reading() as session:
        registry = {i.computation: i.name(lang()) for i in dash.central_indicators(session) if i.computation}
    return {key: registry.get(key) or t(f"council.drill.figure.{key}") for key in drilldown.FIGURES}


def drilldown_section(me: Actor | None, today: date, areas: list[AreaRow]) -> None:
    st.subheader(t("council.drill.title"))
    st.caption(t("council.drill.caption"))
    names = _figure_names()
    area_names = {a.id: a.name(lang()) for a in areas}
    left, right = st.columns(2)
    figure = left.selectbox(
        t("council.drill.figure"),
        list(names),
        index=None,
        format_func=names.get,
        key="council_drill_figure",
        placeholder=t("ui.choose"),
    )
    area_id = right.selectbox(
        t("council.drill.area"),
        [None, *area_names],
        format_func=lambda a: t("council.drill.region") if a is None else area_names[a],
        key="council_drill_area",
    )
    if figure is None:
        return
    pager_key = f"council_drill_page_{figure}_{area_id}"  # a new choice starts on its first page
    try:
        with context.reading() as session:
            page = drilldown.records(
                session=session,
                actor=me,
                figure=figure,
                today=today,
                area_id=area_id,
                page=current_page(pager_key),
            )
    except PermissionDenied:
        st.error(t("errors.permission_denied"))
        return
    st.caption(t(f"council.drill.about.{figure}"))
    if not page.items:
        st.info(t("council.drill.none"))
        return
    st.table(
        [
            {
                t("council.drill.ref"): plain(r.ref),
                t("council.drill.what"): plain(r.title),
                t("council.drill.organisation"): plain(r.organisation or "–"),
                t("council.drill.area_col"): plain(area_names.get(r.area_id or 0, "–")),
                t("council.drill.on"): fmt_date(r.on),
                t("council.drill.status"): label(r.status, STATUS_KIND[r.kind]) if r.status else "–",
                **({t("council.drill.granted"): fmt_sek(r.amount_sek)} if figure == "fund_sek_granted" else {}),
            }
            for r in page.items
        ]
    )
    pager(page, pager_key)

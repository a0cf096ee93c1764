"""Obstacles in figures: a chart and table by kind, tables by area and organisation, the cases behind."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components import context, vega
from components.chart_table import chart_with_table
from components.context import CACHE_ENTRIES, t
from components.ui import current_page, fmt_int, pager, plain
from models import ObstacleKind
from services.obstacles import figures
from services.obstacles.register import require_reader
from services.people.auth import Actor
from services.shared.pagination import Page


def kind_chart(table: pd.DataFrame, *, kind_title: str, value_title: str, description: str) -> alt.Chart:
    """Horizontal bars, one per obstacle kind, in the table's order (long labels stay readable)."""
    return (
        alt.Chart(table, description=description)
        .mark_bar(color="#002d5a")
        .encode(
            y=alt.Y(f"{kind_title}:N", sort=list(table[kind_title]), title=kind_title),
            x=alt.X(f"{value_title}:Q", title=value_title),
            tooltip=[alt.Tooltip(f"{kind_title}:N"), alt.Tooltip(f"{value_title}:Q")],
        )
    )


def _kind(value: str) -> str:
    return context.label(value, "obstacle_kind")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _figures(key: tuple, year: int | None) -> tuple[list[figures.KindFigure], list, list]:
    """The three region-wide counts: the same for every reader (admins and the council), so keyed on the
    data alone (`shared_key`); three grouped scans of the ideas at every run otherwise."""
    me = context.actor()
    with context.reading() as session:
        return (
            figures.by_kind(session=session, actor=me, year=year),
            figures.by_area(session=session, actor=me, year=year),
            figures.by_organisation(session=session, actor=me, year=year),
        )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _cases(key: tuple, kind: str, area_id: int | None, year: int | None, page: int) -> Page[figures.CaseRow]:
    with context.reading() as session:
        return figures.cases(session=session, actor=context.actor(), kind=kind, area_id=area_id, year=year, page=page)


def figures_section(me: Actor, year: int | None, area_names: dict[int, str]) -> None:
    require_reader(me)  # per reader; the cached figures are the same for every reader
    kinds, areas, orgs = _figures(context.shared_key(), year)
    table = pd.DataFrame(
        {
            t("obstacles.c.kind"): [_kind(k.kind) for k in kinds],
            t("obstacles.c.parked"): [k.ideas_parked for k in kinds],
            t("obstacles.c.closed"): [k.ideas_closed for k in kinds],
            t("obstacles.c.stopped"): [k.projects_stopped for k in kinds],
            t("obstacles.c.total"): [k.total for k in kinds],
            t("obstacles.c.open"): [k.open_obstacles for k in kinds],
        }
    )
    chart = vega.built(
        kind_chart,
        table,
        kind_title=t("obstacles.c.kind"),
        value_title=t("obstacles.c.total"),
        description=t("obstacles.by_kind_chart"),
    )
    chart_with_table(chart, table, key="obstacles_kinds", filename=f"hinder-{year or 'alla'}")
    # Full width, one below the other: side by side the area table would have to scroll.
    st.markdown(f"**{t('obstacles.by_area')}**")
    _by_area(areas, area_names)
    st.markdown(f"**{t('obstacles.by_organisation')}**")
    _by_organisation(orgs)


def _by_area(rows: list[tuple[int, str, int]], area_names: dict[int, str]) -> None:
    """One row per obstacle kind that occurs, one column per core area."""
    if not rows:
        st.caption(t("obstacles.none_cases"))
        return
    counts = {(a, k): n for a, k, n in rows}
    shown_areas = [a for a in area_names if any(r[0] == a for r in rows)]
    st.table(
        [
            {
                t("obstacles.c.kind"): _kind(kind),
                **{plain(area_names[a]): fmt_int(counts.get((a, kind), 0)) for a in shown_areas},
            }
            for kind in ObstacleKind
            if any(r[1] == kind for r in rows)
        ]
    )


def _by_organisation(rows: list[tuple[str, str, int]]) -> None:
    """One row per organisation: its cases and its most common obstacle."""
    if not rows:
        st.caption(t("obstacles.none_cases"))
        return
    per_org: dict[str, dict[str, int]] = {}
    for org, kind, n in rows:
        per_org.setdefault(org, {})[kind] = n
    st.table(
        [
            {
                t("obstacles.c.organisation"): plain(org),
                t("obstacles.c.total"): fmt_int(sum(kinds.values())),
                t("obstacles.c.most_common"): _kind(max(kinds, key=lambda k: (kinds[k], k))),
            }
            for org, kinds in per_org.items()
        ]
    )


def drill_section(me: Actor, year: int | None, area_names: dict[int, str]) -> None:
    """The cases behind a figure: pick the obstacle (and an area), get the ideas and projects."""
    st.markdown(f"#### {t('obstacles.drill')}")
    c1, c2 = st.columns(2)
    kind = c1.selectbox(t("obstacles.drill_kind"), list(ObstacleKind), format_func=_kind, key="obstacles_drill_kind")
    area_id = c2.selectbox(
        t("obstacles.drill_area"),
        [None, *area_names],
        format_func=lambda a: t("obstacles.all") if a is None else area_names[a],
        key="obstacles_drill_area",
    )
    require_reader(me)
    page = _cases(context.shared_key(), kind, area_id, year, current_page("obstacles_drill_page"))
    if not page.items:
        st.info(t("obstacles.none_cases"))
        return
    st.table(
        [
            {
                t("obstacles.c.ref"): plain(r.ref),
                t("obstacles.c.title"): plain(r.title),
                t("obstacles.c.organisation"): plain(r.organisation or "–"),
                t("obstacles.c.state"): context.label(r.state, "stage" if r.kind == "idea" else "application_status"),
            }
            for r in page.items
        ]
    )
    pager(page, "obstacles_drill_page")

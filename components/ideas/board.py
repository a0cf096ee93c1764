"""Idéhantering's board: counts per stage, filters, the paginated list, exports, response times and
(for admins) the personal-data tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import db
import i18n
from components import context
from components.context import CACHE_ENTRIES, t
from components.ideas.common import SELECTED, area_names, organisation_names
from components.ui import FieldErrors, attempt, current_page, fmt_date, fmt_int, pager, search_box
from models import STAGE_PATH, IdeaStage, Role, SubmitterKind
from services.ideas import privacy, stats, triage
from services.ideas.triage import IdeaFilter
from services.people import users
from services.people.auth import Actor
from services.shared import exports
from services.shared.history import today as stockholm_today
from services.shared.pagination import Page

AGES = (None, 14, 30, 90, 365)
STAGES = (*STAGE_PATH, IdeaStage.parked, IdeaStage.closed)


def _filters(me: Actor) -> IdeaFilter:
    areas, orgs = area_names(), organisation_names()
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    search = search_box(t("ui.search"), "board_search", c1, placeholder=t("ideas.search_hint"))
    area_id = c2.selectbox(
        t("ideas.area"),
        [None, *areas],
        format_func=lambda a: t("ui.all") if a is None else areas[a],
        key="board_area",
        placeholder=t("ui.all"),
    )
    kind = c3.selectbox(
        t("ideas.submitted_as"),
        [None, *SubmitterKind],
        format_func=lambda k: t("ui.all") if k is None else context.label(k, "submitter_kind"),
        key="board_kind",
        placeholder=t("ui.all"),
    )
    age = c4.selectbox(
        t("ideas.age"),
        AGES,
        format_func=lambda d: t("ui.all") if d is None else t("ideas.older_than", n=d),
        key="board_age",
        placeholder=t("ui.all"),
    )
    d1, d2, d3 = st.columns([3, 3, 2])
    organisation_id = None
    if me.is_admin:
        organisation_id = d1.selectbox(
            t("ideas.organisation"),
            [None, *orgs],
            format_func=lambda o: t("ui.all") if o is None else orgs[o],
            key="board_org",
            placeholder=t("ui.all"),
        )
    else:
        d1.text_input(t("ideas.organisation"), value=orgs.get(me.organisation_id, ""), disabled=True)
    owners = _owner_choices(me)
    owner_id = d2.selectbox(
        t("ideas.owner"),
        [None, *owners],
        format_func=lambda o: t("ui.all") if o is None else owners[o],
        key="board_owner",
        placeholder=t("ui.all"),
    )
    overdue_only = d3.checkbox(t("ideas.overdue_only"), key="board_overdue")
    return IdeaFilter(
        area_id=area_id,
        organisation_id=organisation_id,
        submitter_kind=kind,
        owner_id=owner_id,
        older_than_days=age,
        search=search,
        overdue_only=overdue_only,
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _owners(key: tuple, organisation_id: int | None, admin: bool) -> dict[int, str]:
    with context.reading() as session:
        me = context.actor()
        roles = (Role.admin, Role.manager) if admin else None
        return dict(
            users.user_choices(
                session=session, actor=me, roles=roles, organisation_id=None if admin else organisation_id
            )
        )


def _owner_choices(me: Actor) -> dict[int, str]:
    return _owners(context.scope_key(), me.organisation_id, me.is_admin)


def _stage_picker(board: triage.Board) -> str | None:
    options = ["all", *[str(s) for s in STAGES]]

    def label(option: str) -> str:
        if option == "all":
            return t("ideas.all_stages", n=fmt_int(board.total))
        return f"{context.label(option, 'stage')} ({fmt_int(board.counts.get(option, 0))})"

    chosen = st.segmented_control(
        t("ideas.stage"), options, format_func=label, default="all", key="board_stage", width="stretch"
    )
    return None if chosen in (None, "all") else chosen


def _table(page) -> None:
    areas = area_names()
    frame = pd.DataFrame(
        {
            t("ideas.reference"): [r.ref for r in page.items],
            t("ideas.title"): [r.title for r in page.items],
            t("ideas.stage"): [context.label(r.stage, "stage") for r in page.items],
            t("ideas.waiting"): [t("ideas.overdue_flag") if r.overdue else "" for r in page.items],
            t("ideas.area"): [areas.get(r.area_id, "") for r in page.items],
            t("ideas.organisation"): [r.organisation or t("ideas.organisation_unknown") for r in page.items],
            t("ideas.owner"): [r.owner or "–" for r in page.items],
            t("ideas.submitted_as"): [context.label(r.submitter_kind, "submitter_kind") for r in page.items],
            t("ideas.received"): [fmt_date(r.received_at) for r in page.items],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", alt=t("nav.ideas_manage"))


EXPORT_COLUMNS = (
    "reference",
    "title",
    "stage",
    "waiting",
    "area",
    "organisation",
    "owner",
    "submitted_as",
    "benefit_kind",
    "ip_status",
    "received",
    "stage_changed",
)


def export_table(
    rows: Iterable[triage.IdeaRow], areas: dict[int, str], language: str
) -> tuple[list[str], list[list[Any]]]:
    """Headers in the reader's language and one row per idea, user text as typed (exports escape it)."""
    headers = [i18n.t(f"ideas.{c}", language) for c in EXPORT_COLUMNS]
    values = [
        [
            r.ref,
            r.title,
            i18n.label(r.stage, "stage", language),
            i18n.t("ideas.overdue_flag", language) if r.overdue else "",
            areas.get(r.area_id, ""),
            r.organisation or "",
            r.owner or "",
            i18n.label(r.submitter_kind, "submitter_kind", language),
            i18n.label(r.benefit_kind, "benefit_kind", language),
            i18n.label(r.ip_status, "ip_status", language),
            r.received_at.date().isoformat(),
            r.stage_changed_at.date().isoformat(),
        ]
        for r in rows
    ]
    return headers, values


def _export(engine: Engine, me: Actor, filters: IdeaFilter, kind: str, areas: dict[int, str], language: str) -> bytes:
    """The file, built when the button is clicked: outside the page's run, so no Streamlit calls here
    (the reader's language and the area names come in from the run)."""
    with db.read_session(engine) as session:
        headers, rows = export_table(triage.export_rows(session=session, actor=me, filters=filters), areas, language)
    if kind == "xlsx":
        return exports.table_to_xlsx(headers, rows, sheet=i18n.t("nav.ideas_manage", language))
    return exports.table_to_csv(headers, rows)


def _exports(me: Actor, filters: IdeaFilter) -> None:
    engine, areas, language = context.engine(), area_names(), context.lang()
    stamp = f"{stockholm_today():%Y%m%d}"
    columns = st.columns([1, 1, 4])
    formats = (("xlsx", exports.XLSX_MIME, ":material/table_view:"), ("csv", exports.CSV_MIME, ":material/download:"))
    for column, (kind, mime, icon) in zip(columns, formats, strict=False):
        column.download_button(
            t(f"ideas.export_{kind}"),
            data=lambda kind=kind: _export(engine, me, filters, kind, areas, language),
            file_name=f"ideer-{stamp}.{kind}",
            mime=mime,
            icon=icon,
            on_click="ignore",
        )


@st.cache_data(show_spinner=False, max_entries=200)
def _board(key: tuple, filters: IdeaFilter) -> triage.Board:
    """Counts per stage, per scope and data version: free text over 100k ideas is a full scan."""
    with context.reading() as session:
        return triage.board(session=session, actor=context.actor(), filters=filters)


@st.cache_data(show_spinner=False, max_entries=200)
def _page(key: tuple, filters: IdeaFilter, page: int, total: int) -> Page[triage.IdeaRow]:
    """One page of the list; `total` comes from the board's counts, so free text is not scanned twice."""
    with context.reading() as session:
        return triage.list_ideas(session=session, actor=context.actor(), filters=filters, page=page, total=total)


def portfolio_counts(filters: IdeaFilter) -> triage.Board:
    """The board's counts for Idéportfölj, shared by the reader's scope (checked here first: a cached
    answer runs no service check)."""
    triage.require_portfolio_reader(context.actor())
    return _board(context.scope_key(), filters)


def portfolio_page(filters: IdeaFilter, page: int, total: int) -> Page[triage.IdeaRow]:
    """One page of Idéportfölj's list, shared like `portfolio_counts`."""
    triage.require_portfolio_reader(context.actor())
    return _page(context.scope_key(), filters, page, total)


def board_view(me: Actor) -> None:
    triage.require_manager(me)  # per reader; the cached counts and pages are the same for their scope
    filters = _filters(me)
    counts = _board(context.scope_key(), filters)
    if counts.overdue:
        st.warning(t("ideas.overdue_warning", n=counts.overdue), icon=":material/schedule:")
    stage = _stage_picker(counts)
    filters = IdeaFilter(**{**filters.__dict__, "stage": stage})
    total = counts.counts.get(stage, 0) if stage else counts.total
    page = _page(context.scope_key(), filters, current_page("board_page"), total)
    if not page.items and page.page > 1:  # the filters shrank the list below the page chosen before
        st.session_state["board_page"] = 1
        page = _page(context.scope_key(), filters, 1, total)
    if not page.items:
        st.info(t("ideas.none_found"))
        return
    _table(page)
    pager(page, "board_page")
    choices = {r.id: f"{r.ref} · {r.title}" for r in page.items}
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    chosen = c1.selectbox(
        t("ideas.open_idea"), list(choices), format_func=choices.get, key="board_chosen", placeholder=t("ui.choose")
    )
    if c2.button(t("ideas.open"), type="primary", icon=":material/open_in_new:"):
        st.session_state[SELECTED] = chosen
        st.rerun()
    _exports(me, filters)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _response_times(key: tuple) -> list[stats.ResponseTime]:
    with context.reading() as session:
        return stats.response_times(session=session, actor=context.actor())


def response_times_view(me: Actor) -> None:
    triage.require_manager(me)  # per reader; the cached figures are the same for their scope
    st.caption(t("ideas.response_caption", n=triage.OVERDUE_DAYS))
    rows = _response_times(context.scope_key())
    st.dataframe(
        pd.DataFrame(
            {
                t("ideas.organisation"): [r.organisation or t("ideas.organisation_unknown") for r in rows],
                t("ideas.decided"): [r.decided for r in rows],
                t("ideas.median_days"): [r.median_days for r in rows],
                t("ideas.waiting_now"): [r.waiting for r in rows],
                t("ideas.overdue_now"): [r.overdue for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.response_times"),
    )


def person_view(me: Actor) -> None:
    """Admins: everything held about one e-mail address, as JSON or Excel."""
    st.caption(t("ideas.person_caption"))
    with st.form("person_export"):
        errors = FieldErrors()
        email = st.text_input(t("ideas.contact_email"), key="person_email")
        errors.slot("email", t("ideas.contact_email"))
        asked = st.form_submit_button(t("ideas.person_find"), icon=":material/person_search:")
    if not asked:
        return

    def collect() -> dict:
        with context.writing() as session:
            return privacy.person_data(session=session, actor=me, email=email)

    data = attempt(collect, errors)
    if data is None:
        return
    found = sum(len(v) for v in data.values())
    st.success(t("ideas.person_found", n=found))
    sheets = {
        t(f"ideas.person.{name}"): (
            list(rows[0]) if rows else [t("ideas.person_empty")],
            [list(r.values()) for r in rows],
        )
        for name, rows in data.items()
    }
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        t("ideas.export_json"),
        data=lambda: json.dumps(data, default=str, ensure_ascii=False, indent=2),  # built when clicked
        file_name="personuppgifter.json",
        mime="application/json",
        on_click="ignore",
    )
    c2.download_button(
        t("ideas.export_xlsx"),
        data=lambda: exports.to_xlsx(sheets),
        file_name="personuppgifter.xlsx",
        mime=exports.XLSX_MIME,
        on_click="ignore",
    )

"""Förfrågningar: the list of requests, one request with its history, the answer and link forms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pandas as pd
import streamlit as st

import db
import i18n
from components import context
from components.context import t
from components.samverkan.partner_links import partner_links
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_date, fmt_datetime, plain
from services.people.auth import Actor
from services.testbeds import requests
from services.testbeds.requests import RESPONSE_LIMIT_WORKDAYS, InboxRow, RequestDetail


def _number(value: int | None) -> str:
    """A count of days as text, with a dash where it does not apply (answered, or not yet answered)."""
    return "–" if value is None else str(value)


def inbox_table(rows: list[InboxRow]) -> None:
    """The requests of one page as a table: who asked, for what, how long they have waited."""
    st.dataframe(
        pd.DataFrame(
            {
                t("testbeds.col.ref"): [r.ref for r in rows],
                t("testbeds.col.testbed"): [r.testbed for r in rows],
                t("testbeds.col.requester"): [
                    " · ".join(x for x in (r.requester_name, r.requester_org) if x) for r in rows
                ],
                t("testbeds.col.kind"): [context.label(r.requester_kind, "requester_kind") for r in rows],
                t("testbeds.col.status"): [context.label(r.status, "request_status") for r in rows],
                t("testbeds.col.received"): [fmt_date(r.received_at) for r in rows],
                t("testbeds.col.waiting"): [_number(r.workdays_waiting) for r in rows],
                t("testbeds.col.first_response"): [fmt_date(r.first_response_at) for r in rows],
                t("testbeds.col.response_days"): [_number(r.workdays_to_response) for r in rows],
                t("testbeds.col.flag"): [t("testbeds.overdue_flag") if r.overdue else "" for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.testbeds_requests"),
    )


def _history(detail: RequestDetail) -> None:
    st.markdown(f"**{t('testbeds.history')}**")
    for event in detail.events:
        to_status = context.label(event.to_status, "request_status")
        move = (
            to_status
            if event.from_status is None
            else f"{context.label(event.from_status, 'request_status')} → {to_status}"
        )
        who = plain(event.actor) if event.actor else t("testbeds.requester")
        st.markdown(f"{fmt_datetime(event.at)} · {who} · {move}")
        if event.text:
            st.text(event.text)


def _answer_form(me: Actor, detail: RequestDetail) -> None:
    if not detail.next_statuses:
        st.info(t("testbeds.answer_closed"))
        return
    with st.form(f"tb_answer_{detail.row.id}"):
        errors = FieldErrors()
        to_status = st.selectbox(
            t("testbeds.answer_status"),
            list(detail.next_statuses),
            format_func=lambda s: (
                t("testbeds.keep_status", status=context.label(s, "request_status"))
                if s == detail.row.status
                else context.label(s, "request_status")
            ),
            key=f"tb_answer_status_{detail.row.id}",
            placeholder=t("ui.choose"),
        )
        errors.slot("to_status", t("testbeds.answer_status"))
        message = st.text_area(
            t("testbeds.answer_message"),
            key=f"tb_answer_text_{detail.row.id}",
            max_chars=5000,
            help=t("testbeds.answer_help", email=plain(detail.requester_email or "–")),
        )
        errors.slot("message", t("testbeds.answer_message"))
        if st.form_submit_button(t("testbeds.answer_submit"), type="primary"):

            def answer() -> str:
                with context.writing() as session:
                    done = requests.respond(
                        session=session, actor=me, request_id=detail.row.id, to_status=to_status, message=message
                    )
                    return done.ref

            if attempt(answer, errors):
                st.session_state.pop(f"tb_answer_text_{detail.row.id}", None)
                flash_and_rerun("testbeds.answered", ref=detail.row.ref)


def _link_form(me: Actor, detail: RequestDetail) -> None:
    with st.form(f"tb_link_{detail.row.id}"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        idea_ref = c1.text_input(t("testbeds.link_idea"), value=detail.idea_ref or "", placeholder="IDE-2026-00001")
        with c1:
            errors.slot("idea_ref", t("testbeds.link_idea"))
        application_ref = c2.text_input(
            t("testbeds.link_application"), value=detail.application_ref or "", placeholder="FON-2026-0001"
        )
        with c2:
            errors.slot("application_ref", t("testbeds.link_application"))
        if st.form_submit_button(t("testbeds.link_submit")):

            def save() -> bool:
                with context.writing() as session:
                    requests.link(
                        session=session,
                        actor=me,
                        request_id=detail.row.id,
                        idea_ref=idea_ref,
                        application_ref=application_ref,
                    )
                return True

            if attempt(save, errors):
                flash_and_rerun("testbeds.linked", ref=detail.row.ref)


def request_panel(me: Actor, request_id: int, today: date) -> None:
    """One request: what was asked, by whom, its history, and the forms to answer and link it."""
    with context.reading() as session:
        detail = attempt(lambda: requests.get_request(session=session, actor=me, request_id=request_id, today=today))
    if detail is None:
        return
    row = detail.row
    st.subheader(t("testbeds.request_heading", ref=row.ref, testbed=plain(row.testbed)))
    if row.overdue:
        st.warning(t("testbeds.overdue_warning", days=row.workdays_waiting, limit=RESPONSE_LIMIT_WORKDAYS))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('testbeds.inbox_description')}**")
        st.text(detail.description)
        st.markdown(f"**{t('testbeds.req.period')}:** {plain(detail.wanted_period or '–')}")
        _history(detail)
    with right:
        facts = [
            (t("testbeds.req.name"), row.requester_name or "–"),
            (t("testbeds.req.org"), row.requester_org or "–"),
            (t("testbeds.req.email"), detail.requester_email or "–"),
            (t("testbeds.req.kind"), context.label(row.requester_kind, "requester_kind")),
            (t("testbeds.col.status"), context.label(row.status, "request_status")),
            (t("testbeds.col.received"), fmt_datetime(row.received_at)),
            (t("testbeds.col.first_response"), fmt_datetime(row.first_response_at)),
            (t("testbeds.handled_by"), detail.handled_by or "–"),
        ]
        if detail.from_response:
            facts.append((t("samverkan.came_from_response"), detail.from_response))
        st.table(
            pd.DataFrame(
                {t("testbeds.fact"): [plain(k) for k, _ in facts], t("testbeds.value"): [plain(v) for _, v in facts]}
            ).set_index(t("testbeds.fact"))
        )
    _answer_form(me, detail)
    _link_form(me, detail)
    partner_links(me, "testbed_request", row.id)


REQUEST_COLUMNS = (
    "ref",
    "testbed",
    "requester",
    "org",
    "email",
    "kind",
    "status",
    "received",
    "waiting",
    "first_response",
    "response_days",
)


def _to_second(moment: datetime | None) -> datetime | None:
    """Times in exports to the second: spreadsheets show microseconds as noise."""
    return moment.replace(microsecond=0) if moment else None


def request_table(found: list[tuple[InboxRow, str | None]], language: str) -> tuple[list[str], list[list]]:
    """The request list as an export table: headers and values in the reader's language."""
    headers = [i18n.t(f"testbeds.col.{k}", language) for k in REQUEST_COLUMNS]
    rows = [
        [
            r.ref,
            r.testbed,
            r.requester_name,
            r.requester_org,
            email,
            i18n.label(r.requester_kind, "requester_kind", language),
            i18n.label(r.status, "request_status", language),
            _to_second(r.received_at),
            r.workdays_waiting,
            _to_second(r.first_response_at),
            r.workdays_to_response,
        ]
        for r, email in found
    ]
    return headers, rows


def request_export(me: Actor, today: date, statuses: tuple[str, ...]) -> tuple[list[str], Callable[[], list[list]]]:
    """Headers and a row builder for the request-list export (the rows are read only on download)."""
    engine = context.engine()
    language = context.lang()
    headers, _ = request_table([], language)

    def rows() -> list[list]:
        with db.read_session(engine) as session:
            found = requests.export_rows(session=session, actor=me, today=today, statuses=statuses)
        return request_table(found, language)[1]

    return headers, rows

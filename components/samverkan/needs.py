"""Behovshantering: the need form, the list of needs, the responses to one need, and one response with
the jäv declaration, its details, the assessment, and taking it forward (a procurement here; a testbed
request or a fund application in components.samverkan.forward)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.samverkan.forward import application_form, became_notes, request_form
from components.samverkan.procurements import procurement_fields
from components.ui import (
    FieldErrors,
    attempt,
    flash_and_rerun,
    fmt_date,
    fmt_decimal,
    forget_inputs,
    plain,
    required,
    write_then_confirm,
)
from models import NeedStatus, ResponseStatus
from services.fund import applications
from services.people.auth import Actor
from services.samverkan import forward, needs, procurements
from services.shared.history import today as stockholm_today

PROCUREMENTS_PAGE = "pages/samverkan/procurements.py"


def need_form(me: Actor, areas: dict[int, str], orgs: dict[int, str]) -> None:
    """A new need, as a draft or published at once; bad input beside its field, nothing saved."""
    with st.form("sv_need_form"):
        errors = FieldErrors()
        title = st.text_input(required("samverkan.need.title"), key="svn_title", max_chars=200)
        errors.slot("title", t("samverkan.need.title"))
        description = st.text_area(required("samverkan.need.description"), key="svn_description", max_chars=10000)
        errors.slot("description", t("samverkan.need.description"))
        guidance = st.text_area(required("samverkan.need.guidance"), key="svn_guidance", max_chars=5000)
        errors.slot("response_guidance", t("samverkan.need.guidance"))
        c1, c2, c3 = st.columns(3)
        area_id = c1.selectbox(t("samverkan.area"), list(areas), format_func=areas.get, key="svn_area")
        with c1:
            errors.slot("area_id", t("samverkan.area"))
        org_id = c2.selectbox(t("samverkan.organisation"), list(orgs), format_func=orgs.get, key="svn_org")
        with c2:
            errors.slot("organisation_id", t("samverkan.organisation"))
        deadline = c3.date_input(
            t("samverkan.deadline"),
            value=stockholm_today() + timedelta(days=30),
            key="svn_deadline",
            format="YYYY-MM-DD",
        )
        with c3:
            errors.slot("deadline", t("samverkan.deadline"))
        publish = st.checkbox(t("samverkan.need.publish_now"), value=True, key="svn_publish")
        if st.form_submit_button(t("samverkan.need.save"), type="primary"):
            data = {
                "title": title,
                "description": description,
                "response_guidance": guidance,
                "area_id": area_id,
                "organisation_id": org_id,
                "deadline": deadline,
            }

            def save() -> bool:
                with context.writing() as session:
                    needs.create_need(session=session, actor=me, data=data, publish=publish)
                return True

            if attempt(save, errors):
                forget_inputs("svn_")
                flash_and_rerun("samverkan.need_saved")


def needs_table(rows: list[needs.NeedRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("samverkan.col.title"): [r.title for r in rows],
                t("samverkan.organisation"): [r.organisation for r in rows],
                t("samverkan.col.status"): [context.label(r.status, "need_status") for r in rows],
                t("samverkan.deadline"): [fmt_date(r.deadline) for r in rows],
                t("samverkan.col.responses"): [r.responses for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.samverkan_needs_manage"),
    )


def need_status_buttons(me: Actor, row: needs.NeedRow) -> None:
    """Publish a draft, close a published need, reopen a closed one."""
    target, label = {
        NeedStatus.draft: (NeedStatus.published, "samverkan.publish"),
        NeedStatus.published: (NeedStatus.closed, "samverkan.close"),
        NeedStatus.closed: (NeedStatus.published, "samverkan.reopen"),
    }[NeedStatus(row.status)]
    if st.button(t(label), key=f"svn_status_{row.id}"):
        write_then_confirm(
            lambda s: needs.set_need_status(session=s, actor=me, need_id=row.id, status=target.value),
            "samverkan.need_status_saved",
        )


def responses_table(rows: list[needs.ResponseRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("samverkan.col.ref"): [r.ref for r in rows],
                t("samverkan.col.responder"): [r.responder_org for r in rows],
                t("samverkan.col.kind"): [context.label(r.responder_kind, "partner_kind") for r in rows],
                t("samverkan.col.status"): [context.label(r.status, "response_status") for r in rows],
                t("samverkan.col.received"): [fmt_date(r.received_at) for r in rows],
                t("samverkan.col.assessments"): [r.assessments for r in rows],
                t("samverkan.col.mean_score"): [fmt_decimal(r.mean_score, 1) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("samverkan.responses_heading"),
    )


def response_panel(me: Actor, response_id: int) -> None:
    """One response: the jäv declaration first; then the proposal, contact, scores, and the next steps."""

    def load() -> needs.ResponseDetail:
        with context.reading() as session:
            return needs.get_response(session=session, actor=me, response_id=response_id)

    detail = attempt(load)
    if detail is None:
        return
    st.subheader(f"{detail.ref} · {plain(detail.responder_org)}")
    st.caption(
        f"{context.label(detail.responder_kind, 'partner_kind')} · "
        f"{context.label(detail.status, 'response_status')} · {fmt_date(detail.received_at)}"
    )
    if detail.declaration is None:
        _declaration_form(me, detail)
        return
    if detail.declaration == "conflict":
        st.info(t("samverkan.you_have_conflict"), icon=":material/block:")
        return
    st.text(detail.proposal or "")
    contact = " · ".join(x for x in (detail.responder_name, detail.responder_email, detail.org_number) if x)
    st.markdown(f"**{t('samverkan.contact')}:** {plain(contact)}")
    if detail.assessments:
        st.markdown(f"**{t('samverkan.assessments_heading')}**")
        st.table(
            pd.DataFrame(
                {
                    t("samverkan.col.responder"): [plain(a.assessor) for a in detail.assessments],
                    t("samverkan.score"): [a.score for a in detail.assessments],
                    t("samverkan.note"): [plain(a.note or "") for a in detail.assessments],
                }
            )
        )
    _assessment_form(me, detail)
    if detail.procurement_ref:
        st.info(t("samverkan.has_procurement", ref=detail.procurement_ref), icon=":material/gavel:")
        if st.button(t("samverkan.open_procurement"), key=f"svp_open_{detail.id}"):
            st.session_state["svp_chosen"] = detail.procurement_id
            st.switch_page(PROCUREMENTS_PAGE)
    became_notes(detail)
    if detail.status == ResponseStatus.declined:
        return
    if not detail.procurement_ref:
        _start_form(me, detail)
    _forward_forms(me, detail)
    if detail.status != ResponseStatus.taken_forward and st.button(
        t("samverkan.decline"), key=f"svr_decline_{detail.id}"
    ):
        write_then_confirm(lambda s: needs.decline(session=s, actor=me, response_id=detail.id), "samverkan.declined")


def _forward_forms(me: Actor, detail: needs.ResponseDetail) -> None:
    """A testbed request and a fund application, each until the response has become one."""
    made = {record.kind for record in detail.became}
    today = stockholm_today()
    with context.reading() as session:
        testbeds = forward.testbed_choices(session=session, actor=me) if "testbed_request" not in made else None
        calls = applications.open_calls(session=session, actor=me, today=today) if "application" not in made else None
    if testbeds is not None:
        request_form(me, detail, testbeds)
    if calls is not None:
        application_form(me, detail, calls, today)


def _declaration_form(me: Actor, detail: needs.ResponseDetail) -> None:
    st.markdown(f"**{t('samverkan.declare_heading')}**")
    st.write(t("samverkan.declare_text", org=plain(detail.responder_org)))
    with st.form(f"svd_{detail.id}"):
        errors = FieldErrors()
        note = st.text_input(t("samverkan.conflict_note"), key=f"svd_note_{detail.id}", max_chars=500)
        errors.slot("conflict_note", t("samverkan.conflict_note"))
        c1, c2 = st.columns(2)
        clear = c1.form_submit_button(t("samverkan.declare_no_conflict"), type="primary")
        conflict = c2.form_submit_button(t("samverkan.declare_conflict"))
        if clear or conflict:
            write_then_confirm(
                lambda s: needs.declare(session=s, actor=me, response_id=detail.id, conflict=bool(conflict), note=note),
                "samverkan.declared",
                errors,
            )


def _assessment_form(me: Actor, detail: needs.ResponseDetail) -> None:
    with st.form(f"sva_{detail.id}"):
        errors = FieldErrors()
        score = st.radio(
            t("samverkan.score"),
            [1, 2, 3, 4, 5],
            index=(detail.my_score - 1) if detail.my_score else None,
            horizontal=True,
            key=f"sva_score_{detail.id}",
        )
        errors.slot("score", t("samverkan.score"))
        note = st.text_area(t("samverkan.note"), value=detail.my_note or "", key=f"sva_note_{detail.id}")
        errors.slot("note", t("samverkan.note"))
        if st.form_submit_button(t("samverkan.assess"), type="primary"):
            write_then_confirm(
                lambda s: needs.assess(session=s, actor=me, response_id=detail.id, score=score, note=note),
                "samverkan.assessed",
                errors,
                ref=detail.ref,
            )


def _start_form(me: Actor, detail: needs.ResponseDetail) -> None:
    with st.expander(t("samverkan.start_procurement"), icon=":material/gavel:"), st.form(f"svs_{detail.id}"):
        errors = FieldErrors()
        data = procurement_fields(f"svs_{detail.id}_", errors, title=detail.need_title)
        if st.form_submit_button(t("samverkan.proc.create"), type="primary"):

            def start() -> tuple[int, str]:
                with context.writing() as session:
                    done = procurements.start_from_response(session=session, actor=me, response_id=detail.id, data=data)
                    return done.id, done.ref

            started = attempt(start, errors)
            if started:
                st.session_state["svp_chosen"] = started[0]
                flash_and_rerun("samverkan.procurement_started", ref=started[1])

"""A response taken forward: what it became (with the way there), and the forms that make a testbed
request or a draft fund application of it. The handler adds only what the response cannot hold."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_sek, forget_inputs, plain, required
from models import BenefitKind
from services.fund.applications import CallRow
from services.people.auth import Actor
from services.samverkan import forward, needs

REQUESTS_PAGE = "pages/testbeds/requests.py"
MY_APPLICATIONS_PAGE = "pages/fund/mine.py"


def became_notes(detail: needs.ResponseDetail) -> None:
    """The testbed request and fund application the response became, with a link where the actor may go."""
    for record in detail.became:
        if record.kind == "testbed_request":
            status = context.label(record.status, "request_status")
            st.info(
                t("samverkan.has_request", ref=record.ref, testbed=plain(record.testbed or "–"), status=status),
                icon=":material/science:",
            )
            if record.may_open:
                st.page_link(REQUESTS_PAGE, label=t("samverkan.open_requests"), icon=":material/inbox:")
        else:
            status = context.label(record.status, "application_status")
            st.info(t("samverkan.has_application", ref=record.ref, status=status), icon=":material/savings:")
            if record.may_open:
                st.page_link(
                    MY_APPLICATIONS_PAGE, label=t("samverkan.open_my_applications"), icon=":material/folder_open:"
                )


def request_form(me: Actor, detail: needs.ResponseDetail, testbeds: dict[int, str]) -> None:
    """Choose the testbed (and, if known, when): the rest comes from the response."""
    prefix = f"svt_{detail.id}_"
    with st.expander(t("samverkan.start_request"), icon=":material/science:"), st.form(f"{prefix}form"):
        st.caption(t("samverkan.fwd.request_help", org=plain(detail.responder_org)))
        errors = FieldErrors()
        testbed_id = st.selectbox(
            required("samverkan.fwd.testbed"),
            list(testbeds),
            format_func=testbeds.get,
            index=None,
            key=f"{prefix}testbed",
            placeholder=t("ui.choose"),
        )
        errors.slot("testbed_id", t("samverkan.fwd.testbed"))
        period = st.text_input(t("samverkan.fwd.period"), key=f"{prefix}period", max_chars=120)
        errors.slot("wanted_period", t("samverkan.fwd.period"))
        if st.form_submit_button(t("samverkan.fwd.request_create"), type="primary"):
            data = {"testbed_id": testbed_id, "wanted_period": period}

            def start() -> str:
                with context.writing() as session:
                    made = forward.start_testbed_request(session=session, actor=me, response_id=detail.id, data=data)
                    return made.ref

            ref = attempt(start, errors)
            if ref:
                forget_inputs(prefix)
                flash_and_rerun("samverkan.request_started", ref=ref, testbed=plain(testbeds[testbed_id]))


def application_form(me: Actor, detail: needs.ResponseDetail, calls: list[CallRow], today: date) -> None:
    """A draft in an open call, with the need's title and the response's proposal filled in."""
    prefix = f"svf_{detail.id}_"
    with st.expander(t("samverkan.start_application"), icon=":material/savings:"):
        if not calls:
            st.info(t("samverkan.fwd.no_open_calls"))
            return
        with st.form(f"{prefix}form"):
            _application_fields(me, detail, calls, today, prefix)


def _application_fields(
    me: Actor, detail: needs.ResponseDetail, calls: list[CallRow], today: date, prefix: str
) -> None:
    by_id = {c.id: c for c in calls}
    st.caption(t("samverkan.fwd.application_help", org=plain(detail.organisation)))
    errors = FieldErrors()
    call_id = st.selectbox(
        required("samverkan.fwd.call"),
        list(by_id),
        format_func=lambda i: f"{by_id[i].name} ({fmt_sek(by_id[i].budget_sek)})",
        key=f"{prefix}call",
    )
    errors.slot("call_id", t("samverkan.fwd.call"))
    title = st.text_input(required("fund.f.title"), value=detail.need_title, key=f"{prefix}title", max_chars=200)
    errors.slot("title", t("fund.f.title"))
    summary = st.text_area(required("fund.f.summary"), value=detail.proposal or "", key=f"{prefix}summary")
    errors.slot("summary", t("fund.f.summary"))
    benefit = st.text_area(
        required("fund.f.expected_benefit"), key=f"{prefix}benefit", help=t("fund.f.expected_benefit_help")
    )
    errors.slot("expected_benefit", t("fund.f.expected_benefit"))
    c1, c2 = st.columns(2)
    kind = c1.selectbox(
        t("fund.f.benefit_kind"),
        [k.value for k in BenefitKind],
        format_func=lambda k: context.label(k, "benefit_kind"),
        key=f"{prefix}kind",
    )
    requested = c2.number_input(required("fund.f.requested_sek"), value=0, step=10_000, key=f"{prefix}requested")
    with c2:
        errors.slot("requested_sek", t("fund.f.requested_sek"))
    starts = c1.date_input(required("fund.f.starts_on"), value=None, format="YYYY-MM-DD", key=f"{prefix}starts")
    with c1:
        errors.slot("starts_on", t("fund.f.starts_on"))
    ends = c2.date_input(required("fund.f.ends_on"), value=None, format="YYYY-MM-DD", key=f"{prefix}ends")
    with c2:
        errors.slot("ends_on", t("fund.f.ends_on"))
    co_funding = c1.number_input(t("fund.f.co_funding_sek"), value=0, step=10_000, key=f"{prefix}co")
    with c1:
        errors.slot("co_funding_sek", t("fund.f.co_funding_sek"))
    if st.form_submit_button(t("samverkan.fwd.application_create"), type="primary"):
        data = {
            "call_id": call_id,
            "title": title,
            "summary": summary,
            "expected_benefit": benefit,
            "benefit_kind": kind,
            "requested_sek": int(requested) if requested is not None else None,
            "co_funding_sek": int(co_funding) if co_funding is not None else None,
            "starts_on": starts,
            "ends_on": ends,
        }

        def start() -> str:
            with context.writing() as session:
                made = forward.start_fund_application(
                    session=session, actor=me, response_id=detail.id, data=data, today=today
                )
                return made.ref

        ref = attempt(start, errors)
        if ref:
            forget_inputs(prefix)
            flash_and_rerun("samverkan.application_started", ref=ref)

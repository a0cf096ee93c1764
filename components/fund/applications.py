"""Rendering pieces shared by the fund pages: the application form, an application's details, its
history and its reports. Pages stay short scripts; services decide what is allowed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

import i18n
from components import context
from components.context import t
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_date, fmt_datetime, fmt_sek, forget_inputs, plain
from models import BenefitKind
from services.fund import applications, decisions
from services.fund.applications import ApplicationView, CallRow, EventRow
from services.fund.decisions import ReportRow
from services.people.auth import Actor


def criterion_label(name: str) -> str:
    """The default criteria have translations; an admin's own criteria show as written."""
    key = f"fund.criterion.{name}"
    return t(key) if key in i18n.TEXTS else name.capitalize()


def status_label(status: str) -> str:
    return context.label(status, "application_status")


def call_card(call: CallRow) -> None:
    """What a call funds, how much there is and when it closes."""
    with st.container(border=True):
        st.subheader(plain(call.name))
        if call.description:
            st.markdown(plain(call.description))
        cols = st.columns(3)
        cols[0].markdown(t("fund.closes_on", day=fmt_date(call.closes_on)))
        cols[1].markdown(t("fund.budget_is", amount=fmt_sek(call.budget_sek)))
        cols[2].markdown(t("fund.criteria_are", criteria=plain(", ".join(criterion_label(c) for c in call.criteria))))


def _options(pairs: list[tuple[int, str]], optional: bool) -> tuple[list[int | None], dict[int | None, str]]:
    names: dict[int | None, str] = {i: n for i, n in pairs}
    ids: list[int | None] = list(names)
    if optional:
        ids = [None, *ids]
        names[None] = t("ui.none")
    return ids, names


def application_form(me: Actor, call: CallRow, existing: ApplicationView | None, today: date) -> None:
    """Draft, edit and submit. Widget keys carry the application's id, so what was typed stays after a
    refused save and two applications never share their inputs."""
    prefix = f"fund_app_{existing.row.id if existing else 'new'}_{call.id}_"
    with context.reading() as session:
        choices = applications.link_choices(session=session, actor=me)
    org_ids, org_names = _options(choices["organisations"], optional=False)
    idea_ids, idea_names = _options(choices["ideas"], optional=True)
    testbed_ids, testbed_names = _options(choices["testbeds"], optional=True)
    kinds = list(BenefitKind)

    def index(ids: list[Any], value: Any) -> int:
        return ids.index(value) if value in ids else 0

    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        title = st.text_input(t("fund.f.title"), value=existing.row.title if existing else "", key=f"{prefix}title")
        errors.slot("title", t("fund.f.title"))
        summary = st.text_area(t("fund.f.summary"), value=existing.summary if existing else "", key=f"{prefix}summary")
        errors.slot("summary", t("fund.f.summary"))
        benefit = st.text_area(
            t("fund.f.expected_benefit"),
            value=existing.expected_benefit if existing else "",
            help=t("fund.f.expected_benefit_help"),
            key=f"{prefix}benefit",
        )
        errors.slot("expected_benefit", t("fund.f.expected_benefit"))
        c1, c2 = st.columns(2)
        benefit_kind = c1.selectbox(
            t("fund.f.benefit_kind"),
            kinds,
            index=index(kinds, BenefitKind(existing.benefit_kind)) if existing else 0,
            format_func=lambda k: context.label(k, "benefit_kind"),
            key=f"{prefix}kind",
            placeholder=t("ui.choose"),
        )
        organisation_id = c2.selectbox(
            t("fund.f.organisation"),
            org_ids,
            index=index(org_ids, existing.organisation_id if existing else me.organisation_id),
            format_func=org_names.get,
            key=f"{prefix}org",
            placeholder=t("ui.choose"),
        )
        with c2:
            errors.slot("organisation_id", t("fund.f.organisation"))
        requested = c1.number_input(
            t("fund.f.requested_sek"),
            value=existing.row.requested_sek if existing else 0,
            step=10_000,
            key=f"{prefix}requested",
        )
        with c1:
            errors.slot("requested_sek", t("fund.f.requested_sek"))
        co_funding = c2.number_input(
            t("fund.f.co_funding_sek"), value=existing.co_funding_sek if existing else 0, step=10_000, key=f"{prefix}co"
        )
        with c2:
            errors.slot("co_funding_sek", t("fund.f.co_funding_sek"))
        starts = c1.date_input(
            t("fund.f.starts_on"),
            value=existing.starts_on if existing else None,
            format="YYYY-MM-DD",
            key=f"{prefix}starts",
        )
        with c1:
            errors.slot("starts_on", t("fund.f.starts_on"))
        ends = c2.date_input(
            t("fund.f.ends_on"), value=existing.ends_on if existing else None, format="YYYY-MM-DD", key=f"{prefix}ends"
        )
        with c2:
            errors.slot("ends_on", t("fund.f.ends_on"))
        idea_id = c1.selectbox(
            t("fund.f.idea"),
            idea_ids,
            index=index(idea_ids, existing.idea_id if existing else None),
            format_func=idea_names.get,
            key=f"{prefix}idea",
            placeholder=t("ui.choose"),
        )
        testbed_id = c2.selectbox(
            t("fund.f.testbed"),
            testbed_ids,
            index=index(testbed_ids, existing.testbed_id if existing else None),
            format_func=testbed_names.get,
            key=f"{prefix}testbed",
            placeholder=t("ui.choose"),
        )
        b1, b2 = st.columns(2)
        save = b1.form_submit_button(t("fund.save_draft"), icon=":material/save:")
        send = b2.form_submit_button(t("fund.submit"), type="primary", icon=":material/send:")
    if not (save or send):
        return
    data = {
        "title": title,
        "summary": summary,
        "expected_benefit": benefit,
        "benefit_kind": benefit_kind,
        "requested_sek": int(requested) if requested is not None else None,
        "co_funding_sek": int(co_funding) if co_funding is not None else None,
        "starts_on": starts,
        "ends_on": ends,
        "organisation_id": organisation_id,
        "idea_id": idea_id,
        "testbed_id": testbed_id,
    }

    def store() -> str:
        with context.writing() as session:
            application = applications.save_application(
                session=session,
                actor=me,
                data=data,
                today=today,
                call_id=None if existing else call.id,
                application_id=existing.row.id if existing else None,
            )
            if send:
                applications.submit_application(session=session, actor=me, application_id=application.id, today=today)
            return application.ref

    ref = attempt(store, errors)
    if ref:
        forget_inputs(prefix)
        forget_inputs("fund_draft")
        flash_and_rerun("fund.submitted" if send else "fund.draft_saved", ref=ref)


def application_details(view: ApplicationView) -> None:
    """The application as submitted (plain text: nothing the applicant wrote is rendered as Markdown)."""
    row = view.row
    st.subheader(plain(f"{row.ref} · {row.title}"))
    st.caption(
        plain(
            t(
                "fund.detail_caption",
                call=row.call_name,
                applicant=row.applicant,
                organisation=row.organisation,
                status=status_label(row.status),
            )
        )
    )
    facts = {
        t("fund.f.requested_sek"): fmt_sek(row.requested_sek),
        t("fund.f.co_funding_sek"): fmt_sek(view.co_funding_sek),
        t("fund.period"): f"{fmt_date(view.starts_on)} – {fmt_date(view.ends_on)}",
        t("fund.f.benefit_kind"): context.label(view.benefit_kind, "benefit_kind"),
        t("fund.idea"): view.idea or "–",
        t("fund.testbed"): view.testbed or "–",
    }
    if view.from_response:
        facts[t("samverkan.came_from_response")] = view.from_response
    st.table(
        {t("fund.fact"): [plain(k) for k in facts], t("fund.value"): [plain(v) for v in facts.values()]},
        hide_index=True,
    )
    st.markdown(f"**{t('fund.f.summary')}**")
    st.text(view.summary)
    st.markdown(f"**{t('fund.f.expected_benefit')}**")
    st.text(view.expected_benefit)


def decision_box(view: ApplicationView) -> None:
    """What was decided, in the words the applicant reads."""
    row = view.row
    if row.granted_sek is not None:
        st.success(
            t("fund.decision_approved", amount=fmt_sek(row.granted_sek), day=fmt_date(row.decided_on)),
            icon=":material/verified:",
        )
    elif row.status == "rejected":
        st.error(t("fund.decision_rejected", day=fmt_date(row.decided_on)), icon=":material/block:")
    if view.decision_note:
        st.text(view.decision_note)


def history_table(events: list[EventRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("fund.h.at"): [fmt_datetime(e.at) for e in events],
                t("fund.h.status"): [status_label(e.to_status) if e.to_status else "" for e in events],
                t("fund.h.by"): [e.actor or "–" for e in events],
                t("fund.h.message"): [e.text or "" for e in events],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.application_history"),
    )


def reports_table(reports: list[ReportRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("fund.r.kind"): [context.label(r.kind, "report_kind") for r in reports],
                t("fund.r.due_on"): [fmt_date(r.due_on) for r in reports],
                t("fund.r.submitted_on"): [fmt_date(r.submitted_on) if r.submitted_on else "–" for r in reports],
                t("fund.r.spent_sek"): [fmt_sek(r.spent_sek) if r.spent_sek is not None else "–" for r in reports],
                t("fund.r.late"): [t("fund.r.late_flag") if r.late else "" for r in reports],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.application_reports"),
    )


def report_form(me: Actor, reports: list[ReportRow], today: date) -> None:
    """The applicant's next report: text and SEK spent since the last one."""
    due = [r for r in reports if r.owed]
    if not due:
        return
    report = due[0]
    st.markdown(
        f"**{t('fund.report_next', kind=context.label(report.kind, 'report_kind'), day=fmt_date(report.due_on))}**"
    )
    with st.form(f"fund_report_{report.id}"):
        errors = FieldErrors()
        text = st.text_area(t("fund.r.text"), key=f"fund_report_text_{report.id}")
        errors.slot("text", t("fund.r.text"))
        spent = st.number_input(t("fund.r.spent_sek"), value=0, step=10_000, key=f"fund_report_spent_{report.id}")
        errors.slot("spent_sek", t("fund.r.spent_sek"))
        if st.form_submit_button(t("fund.r.submit"), type="primary"):

            def send() -> bool:
                with context.writing() as session:
                    decisions.submit_report(
                        session=session,
                        actor=me,
                        report_id=report.id,
                        text=text,
                        spent_sek=int(spent) if spent is not None else None,
                        today=today,
                    )
                return True

            if attempt(send, errors):
                flash_and_rerun("fund.report_submitted")

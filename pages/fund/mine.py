"""Mina ansökningar: one's own applications (a manager may widen to the organisation's), their status
history, a request for more information, the decision, and the reports the project owes."""

import pandas as pd
import streamlit as st

from components import context
from components.benefits.panel import benefits_panel
from components.context import actor, t
from components.fund.applications import (
    application_details,
    application_form,
    decision_box,
    history_table,
    report_form,
    reports_table,
    status_label,
)
from components.samverkan.partner_links import partner_links
from components.ui import current_page, fmt_date, fmt_sek, heading, pager, plain
from models import REPORTING_STATUSES, ApplicationStatus
from services.fund import applications, decisions
from services.fund.applications import FUNDED
from services.shared.history import today as stockholm_today

me = actor()
today = stockholm_today()
heading("nav.fund_mine", "fund.mine.caption")

whole_org = me.is_manager and st.toggle(t("fund.mine.whole_org"), key="fund_mine_org")
with context.reading() as session:
    page = applications.list_applications(
        session=session, actor=me, mine_only=not whole_org, page=current_page("fund_mine_page"), page_size=20
    )
if not page.items:
    st.info(t("fund.mine.none"))
    st.stop()

st.dataframe(
    pd.DataFrame(
        {
            t("fund.c.ref"): [r.ref for r in page.items],
            t("fund.c.title"): [r.title for r in page.items],
            t("fund.c.call"): [r.call_name for r in page.items],
            t("fund.c.status"): [status_label(r.status) for r in page.items],
            t("fund.c.requested"): [fmt_sek(r.requested_sek) for r in page.items],
            t("fund.c.granted"): [fmt_sek(r.granted_sek) for r in page.items],
            t("fund.c.decided_on"): [fmt_date(r.decided_on) for r in page.items],
        }
    ),
    hide_index=True,
    width="stretch",
    alt=t("nav.fund_mine"),
)
pager(page, "fund_mine_page")

labels = {r.id: f"{r.ref} · {r.title}" for r in page.items}
chosen = st.selectbox(
    t("fund.mine.choose"), list(labels), format_func=labels.get, key="fund_mine_chosen", placeholder=t("ui.choose")
)
with context.reading() as session:
    view = applications.get_application(session=session, actor=me, application_id=chosen)
    events = applications.application_history(session=session, actor=me, application_id=chosen)
    reports = decisions.reports_for(session=session, actor=me, application_id=chosen, today=today)
    call = applications.get_call(session=session, actor=me, call_id=view.row.call_id, today=today)
mine = view.applicant_id == me.id

decision_box(view)
if view.row.status == ApplicationStatus.needs_info:
    asked = next((e.text for e in reversed(events) if e.to_status == ApplicationStatus.needs_info), None)
    st.warning(t("fund.mine.needs_info"), icon=":material/help:")
    if asked:
        st.text(asked)
if reports:
    late = [r for r in reports if r.late]
    upcoming = [r for r in reports if r.owed]
    if late:
        st.error(t("fund.mine.late", n=len(late)), icon=":material/schedule:")
    if upcoming:
        st.info(
            t(
                "fund.mine.next_report",
                kind=context.label(upcoming[0].kind, "report_kind"),
                day=fmt_date(upcoming[0].due_on),
            ),
            icon=":material/event:",
        )

details, history, follow = st.tabs([t("fund.mine.tab_details"), t("fund.mine.tab_history"), t("fund.mine.tab_reports")])
with details:
    if mine and view.row.status in (ApplicationStatus.draft, ApplicationStatus.needs_info):
        st.caption(t("fund.mine.edit_hint"))
        if view.from_response:
            st.caption(f"{t('samverkan.came_from_response')}: {plain(view.from_response)}")
        application_form(me, call, view, today)
    else:
        application_details(view)
    if me.is_admin or me.manages(view.organisation_id):
        partner_links(me, "application", chosen)
with history:
    history_table(events)
with follow:
    if not reports:
        st.info(t("fund.mine.no_reports"))
    else:
        reports_table(reports)
        if mine and view.row.status in REPORTING_STATUSES:
            report_form(me, reports, today)
    if view.row.status in {s.value for s in FUNDED}:
        benefits_panel(me, application_id=chosen)

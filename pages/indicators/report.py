"""Rapportera värden: managers report their own organisation's values per period (a table, or a file of
many at once); admins report for any organisation and approve or return what was submitted."""

import streamlit as st

from components import context
from components.context import actor, t
from components.indicators.data import review_queue, sheet_editor
from components.indicators.file_import import import_panel
from components.ui import heading, plain
from services.indicators import values
from services.people import organisations

me = actor()
heading("indicators.report.title", "indicators.report.caption")

with context.reading() as session:
    orgs = organisations.list_organisations(session=session)
    waiting_review = values.queue_size(session=session, actor=me) if me and me.is_admin else 0
org_name = {o.id: o.name for o in orgs}

if me is None or (not me.is_admin and me.organisation_id is None):
    st.info(t("indicators.report.no_organisation"))
    st.stop()

if me.is_admin:
    review_tab, report_tab, import_tab = st.tabs(
        [
            t("indicators.report.tab_review", n=waiting_review),
            t("indicators.report.tab_report"),
            t("indicators.report.tab_import"),
        ]
    )
    with review_tab:
        review_queue(me, org_name)
    with report_tab:
        organisation_id = st.selectbox(
            t("indicators.report.organisation"),
            list(org_name),
            format_func=org_name.get,
            key="rep_org",
            placeholder=t("ui.choose"),
        )
else:
    organisation_id = me.organisation_id
    st.markdown(t("indicators.report.reporting_for", organisation=plain(org_name.get(organisation_id, "–"))))
    report_tab, import_tab = st.tabs([t("indicators.report.tab_report"), t("indicators.report.tab_import")])

with context.reading() as session:
    reportable = values.reportable_indicators(session=session, actor=me, organisation_id=organisation_id)

with report_tab:
    if reportable:
        sheet_editor(me, organisation_id, reportable)
    else:
        st.info(t("indicators.report.no_indicators"))

with import_tab:
    if me.is_admin:
        st.caption(t("indicators.report.template_for", organisation=plain(org_name.get(organisation_id, "–"))))
    import_panel(me, organisation_id)

"""Upphandlingar (admins, managers for their own organisation): procurements with innovation, their
pipeline, log, links to need, partner, ideas and testbeds."""

import streamlit as st

from components import context
from components.context import actor, t
from components.samverkan.procurements import procurement_fields, procurement_panel, procurements_table
from components.ui import FieldErrors, attempt, current_page, flash_and_rerun, heading, pager, search_box
from models import ProcurementMethod, ProcurementStage
from services.samverkan import access, procurements

me = actor()
heading("nav.samverkan_procurements", "samverkan.procurements_caption")
with context.reading() as session:
    orgs = attempt(lambda: access.handled_organisations(session, me))
    testbeds = procurements.testbed_choices(session=session, actor=me) if orgs is not None else {}
if orgs is None:
    st.stop()

with st.expander(t("samverkan.new_procurement"), icon=":material/add:"), st.form("svp_new"):
    errors = FieldErrors()
    org_id = st.selectbox(t("samverkan.proc.organisation"), list(orgs), format_func=orgs.get, key="svp_new_org")
    data = procurement_fields("svp_new_", errors)
    if st.form_submit_button(t("samverkan.proc.create"), type="primary"):

        def create() -> tuple[int, str]:
            with context.writing() as session:
                done = procurements.create_procurement(session=session, actor=me, organisation_id=org_id, data=data)
                return done.id, done.ref

        created = attempt(create, errors)
        if created:
            st.session_state["svp_chosen"] = created[0]
            flash_and_rerun("samverkan.procurement_started", ref=created[1])

c1, c2, c3 = st.columns([3, 3, 2])
search = search_box(t("ui.search"), "svp_search", c1)
stages = c2.multiselect(
    t("samverkan.col.stage"),
    [s.value for s in ProcurementStage],
    format_func=lambda s: context.label(s, "procurement_stage"),
    key="svp_stages",
    placeholder=t("ui.all"),
)
method = c3.selectbox(
    t("samverkan.col.method"),
    [None, *(m.value for m in ProcurementMethod)],
    format_func=lambda m: t("ui.all") if m is None else context.label(m, "procurement_method"),
    key="svp_method",
)
with context.reading() as session:
    found = procurements.list_procurements(
        session=session, actor=me, stages=tuple(stages), method=method, search=search, page=current_page("svp_page")
    )
if not found.items:
    st.info(t("samverkan.procurements_empty"))
    st.stop()
procurements_table(found.items)
pager(found, "svp_page")
labels = {r.id: f"{r.ref} · {r.title}" for r in found.items}
wanted = st.session_state.get("svp_chosen")
if wanted is not None and wanted not in labels:
    st.session_state.pop("svp_chosen")  # chosen elsewhere but not on this page of the list
chosen = st.selectbox(
    t("samverkan.choose_procurement"), list(labels), format_func=labels.get, key="svp_chosen", index=None
)
if chosen is not None:
    with context.reading() as session:
        detail = attempt(lambda: procurements.get_procurement(session=session, actor=me, procurement_id=chosen))
    if detail is not None:
        st.divider()
        procurement_panel(me, detail, testbeds)

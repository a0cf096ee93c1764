"""Behovshantering (admins, managers for their own organisation): publish needs, read the responses after
the jäv declaration, assess them and start a procurement from one."""

import streamlit as st

from components import context
from components.context import actor, t
from components.samverkan.needs import need_form, need_status_buttons, needs_table, response_panel, responses_table
from components.ui import attempt, current_page, heading, pager, plain
from models import NeedStatus
from services.people import organisations
from services.samverkan import access, needs

me = actor()
heading("nav.samverkan_needs_manage", "samverkan.manage_caption")

with context.reading() as session:
    orgs = attempt(lambda: access.handled_organisations(session, me))
    areas = {a.id: a.name(context.lang()) for a in organisations.list_areas(session=session)}
if orgs is None:
    st.stop()

with st.expander(t("samverkan.new_need"), icon=":material/add:"):
    need_form(me, areas, orgs)

statuses = st.multiselect(
    t("samverkan.col.status"),
    [s.value for s in NeedStatus],
    default=[NeedStatus.draft.value, NeedStatus.published.value],
    format_func=lambda s: context.label(s, "need_status"),
    key="svn_statuses",
    placeholder=t("ui.all"),
)
with context.reading() as session:
    found = needs.list_needs(session=session, actor=me, statuses=tuple(statuses), page=current_page("svn_page"))
if not found.items:
    st.info(t("samverkan.needs_empty"))
    st.stop()
needs_table(found.items)
pager(found, "svn_page")
rows = {r.id: r for r in found.items}
chosen = st.selectbox(
    t("samverkan.choose_need"), list(rows), format_func=lambda i: rows[i].title, key="svn_chosen", index=None
)
if chosen is None:
    st.stop()
st.divider()
st.header(plain(rows[chosen].title), anchor=False)
st.caption(context.label(rows[chosen].status, "need_status"))
need_status_buttons(me, rows[chosen])
st.subheader(t("samverkan.responses_heading"))
with context.reading() as session:
    responses = needs.list_responses(session=session, actor=me, need_id=chosen, page=current_page("svr_page"))
if not responses.items:
    st.info(t("samverkan.no_responses"))
    st.stop()
responses_table(responses.items)
pager(responses, "svr_page")
labels = {r.id: f"{r.ref} · {r.responder_org}" for r in responses.items}
response_id = st.selectbox(
    t("samverkan.choose_response"), list(labels), format_func=labels.get, key="svr_chosen", index=None
)
if response_id is not None:
    response_panel(me, response_id)

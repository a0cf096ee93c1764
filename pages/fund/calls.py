"""Utlysningar & ansökan: the open calls, and one's own application in one of them (draft, edit, submit)."""

import streamlit as st

from components import context
from components.context import actor, t
from components.fund.applications import application_form, call_card, status_label
from components.ui import heading
from models import ApplicationStatus
from services.fund import applications
from services.shared.history import today as stockholm_today

me = actor()
today = stockholm_today()
heading("nav.fund_calls", "fund.calls.caption")

with context.reading() as session:
    calls = applications.open_calls(session=session, actor=me, today=today)

if not calls:
    st.info(t("fund.calls.none_open"))
    st.stop()

for call in calls:
    call_card(call)

st.subheader(t("fund.calls.apply"))
by_id = {c.id: c for c in calls}
call_id = st.selectbox(
    t("fund.calls.choose_call"),
    list(by_id),
    format_func=lambda i: by_id[i].name,
    key="fund_call",
    placeholder=t("ui.choose"),
)
call = by_id[call_id]
with context.reading() as session:
    drafts = applications.list_applications(
        session=session,
        actor=me,
        mine_only=True,
        call_id=call.id,
        statuses=(ApplicationStatus.draft, ApplicationStatus.needs_info),
        page_size=50,
    ).items
choices: dict[int | None, str] = {None: t("fund.calls.new_application")}
choices.update({d.id: f"{d.ref} · {d.title} ({status_label(d.status)})" for d in drafts})
chosen = st.selectbox(
    t("fund.calls.which"), list(choices), format_func=choices.get, key="fund_draft", placeholder=t("ui.choose")
)
existing = None
if chosen is not None:
    with context.reading() as session:
        existing = applications.get_application(session=session, actor=me, application_id=chosen)
st.caption(t("fund.calls.form_hint"))
application_form(me, call, existing, today)

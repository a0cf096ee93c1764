"""Förfrågningar (managers of the owning organisation, admins): requests by status, how long each has
waited, the late ones flagged; answer by moving the status with a message, link to ideas and projects."""

import streamlit as st

from components import context
from components.context import actor, t
from components.testbeds.catalogue import download_buttons
from components.testbeds.inbox import inbox_table, request_export, request_panel
from components.ui import attempt, current_page, fmt_int, heading, pager
from models import RequestStatus
from services.shared.history import today as stockholm_today
from services.testbeds import catalogue, requests
from services.testbeds.requests import RESPONSE_LIMIT_WORKDAYS

me = actor()
today = stockholm_today()
heading("nav.testbeds_requests", "testbeds.inbox_caption", limit=RESPONSE_LIMIT_WORKDAYS)

with context.reading() as session:
    mine = attempt(lambda: catalogue.managed_testbeds(session=session, actor=me))
if mine is None:
    st.stop()
names = {i: n for i, n, _ in mine}

c1, c2, c3 = st.columns([3, 3, 2])
statuses = c1.multiselect(
    t("testbeds.col.status"),
    [s.value for s in RequestStatus],
    default=[RequestStatus.new.value, RequestStatus.in_dialogue.value],
    format_func=lambda s: context.label(s, "request_status"),
    key="tbi_status",
    placeholder=t("ui.all"),
)
testbed_id = c2.selectbox(
    t("testbeds.col.testbed"),
    [None, *names],
    format_func=lambda i: t("ui.all") if i is None else names[i],
    key="tbi_testbed",
    placeholder=t("ui.choose"),
)
overdue_only = c3.toggle(t("testbeds.overdue_only"), key="tbi_overdue")

with context.reading() as session:
    found = requests.inbox(
        session=session,
        actor=me,
        today=today,
        statuses=tuple(statuses),
        testbed_id=testbed_id,
        overdue_only=overdue_only,
        page=current_page("tbi_page"),
    )
    late = requests.late_count(session=session, actor=me, today=today)

m1, m2 = st.columns(2)
m1.metric(t("testbeds.inbox_shown"), fmt_int(found.total), border=True)
m2.metric(t("testbeds.inbox_overdue", limit=RESPONSE_LIMIT_WORKDAYS), fmt_int(late), border=True)

if not found.items:
    st.info(t("testbeds.inbox_empty"))
else:
    inbox_table(found.items)
    pager(found, "tbi_page")
    headers, rows = request_export(me, today, tuple(statuses))
    download_buttons("tbi_export", headers, rows, t("testbeds.requests_file"))
    choices = {r.id: f"{r.ref} · {r.testbed}" for r in found.items}
    chosen = st.selectbox(
        t("testbeds.choose_request"),
        list(choices),
        format_func=choices.get,
        key="tbi_chosen",
        placeholder=t("ui.choose"),
    )
    if chosen is not None:
        st.divider()
        request_panel(me, chosen, today)

"""Rådsmöten: the innovation council's meetings. Admins record a meeting, its agenda (items about ideas,
applications, the bokslut), decisions and actions; council members read them and their own actions."""

import streamlit as st

from components import context
from components.context import t
from components.council.actions import my_actions_section
from components.council.meetings import meeting_form, meeting_view
from components.ui import attempt, current_page, flash_and_rerun, fmt_date, fmt_int, heading, pager, plain
from services.council import meetings
from services.shared.history import today as stockholm_today

PARAM = "mote"
CHOSEN = "council_meeting_chosen"

heading("nav.council_meetings", "council.meetings.caption")
me = context.actor()
today = stockholm_today()
my_actions_section(me, today, always=False)

if me.is_admin:
    with st.expander(t("council.meeting.new"), icon=":material/add:"):
        created = meeting_form(me)
        if created:
            st.session_state[CHOSEN] = created
            flash_and_rerun("council.meeting.created")

with context.reading() as session:
    page = meetings.list_meetings(session=session, actor=me, today=today, page=current_page("meetings_page"))
if page.total == 0:
    st.info(t("council.meeting.none"))
    st.stop()

st.markdown(f"#### {t('council.meeting.list')}")
st.table(
    [
        {
            t("council.meeting.held_on"): fmt_date(r.held_on),
            t("council.meeting.title"): plain(r.title),
            t("council.meeting.present"): fmt_int(r.present),
            t("council.meeting.open_actions"): fmt_int(r.open_actions),
            t("council.meeting.overdue_actions"): fmt_int(r.overdue_actions),
        }
        for r in page.items
    ]
)
pager(page, "meetings_page")

CHOICE = "meeting_choice"
options = {r.id: f"{fmt_date(r.held_on)} · {r.title}" for r in page.items}
wanted = st.session_state.pop(CHOSEN, None)
linked = st.query_params.get(PARAM)
if wanted is None and CHOICE not in st.session_state and linked and linked.isdigit():
    wanted = int(linked)  # a link to a meeting, opened fresh
if wanted is not None:
    st.session_state[CHOICE] = wanted
chosen_id = st.session_state.get(CHOICE)
if chosen_id not in options:
    chosen_id = chosen_id if isinstance(chosen_id, int) else next(iter(options))
    st.session_state[CHOICE] = chosen_id


def load(meeting_id: int) -> meetings.MeetingDetail:
    with context.reading() as session:
        return meetings.get_meeting(session=session, actor=me, meeting_id=meeting_id, today=today)


detail = attempt(lambda: load(chosen_id))
if detail is not None and detail.id not in options:  # an older meeting, named by its link
    options = {detail.id: f"{fmt_date(detail.held_on)} · {detail.title}", **options}
if detail is None:
    st.session_state[CHOICE] = next(iter(options))
st.selectbox(t("council.meeting.choose"), list(options), format_func=lambda i: options[i], key=CHOICE)
if detail is not None:
    st.query_params[PARAM] = str(detail.id)
    with st.container(border=True):
        meeting_view(me, detail)

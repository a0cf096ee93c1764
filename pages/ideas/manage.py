"""Idéhantering (managers: their own organisation; admins: all): the board and the idea page.

An idea opens from the list or from a link `?ide=IDE-YYYY-NNNNN`; only its id is kept in the session.
"""

import streamlit as st

from components import context
from components.context import actor, t
from components.ideas.board import board_view, person_view, response_times_view
from components.ideas.common import SELECTED
from components.ideas.detail import detail_view
from components.ui import attempt, heading
from services.ideas import triage

me = actor()
heading("nav.ideas_manage", "ideas.manage_caption")

linked = st.query_params.get("ide")
if linked:

    def find() -> int:
        with context.reading() as session:
            return triage.find_id(session=session, actor=me, ref=linked)

    found = attempt(find)
    if found is not None:
        st.session_state[SELECTED] = found

selected = st.session_state.get(SELECTED)
if selected is not None:
    detail_view(me, selected)
else:
    tab_names = [t("ideas.board_tab"), t("ideas.response_tab")] + ([t("ideas.person_tab")] if me.is_admin else [])
    tabs = st.tabs(tab_names)
    with tabs[0]:
        board_view(me)
    with tabs[1]:
        response_times_view(me)
    if me.is_admin:
        with tabs[2]:
            person_view(me)

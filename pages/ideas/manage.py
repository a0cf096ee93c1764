"""Idéhantering (managers: their own organisation; admins: all): the board and the idea page.

An idea opens from the list or from a link `?ide=IDE-YYYY-NNNNN`; only its id is kept in the session.
"""

import streamlit as st

from components import context
from components.context import actor, t
from components.ideas.board import board_view, person_view, response_times_view
from components.ideas.common import SELECTED
from components.ideas.detail import detail_view
from components.ui import attempt, heading, lazy_tabs
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
    # The response times (a median per organisation: the page's costliest figure) are counted only when
    # their tab is open; the board's filters and the person search's form are kept at every run.
    board, person = t("ideas.board_tab"), t("ideas.person_tab")
    tabs = {board: lambda: board_view(me), t("ideas.response_tab"): lambda: response_times_view(me)}
    if me.is_admin:
        tabs[person] = lambda: person_view(me)
    lazy_tabs("ideas_manage_tab", tabs, always=(board, person))

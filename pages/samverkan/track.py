"""Följ ditt svar: the responder opens their private link (or pastes its code) and sees the response's
status. A reference alone shows nothing."""

import streamlit as st

from components import context
from components.context import t
from components.samverkan.public import tracking_view
from components.ui import attempt, heading
from services.samverkan import needs

heading("nav.samverkan_track", "samverkan.track_caption")
from_link = st.query_params.get(needs.TRACKING_PARAM)
if from_link and "sv_track_code" not in st.session_state:
    st.session_state["sv_track_code"] = from_link

with st.form("sv_track"):
    code = st.text_input(t("samverkan.tracking_code_field"), key="sv_track_code")
    st.form_submit_button(t("samverkan.track_show"), type="primary", icon=":material/search:")

if (code or "").strip():

    def look_up() -> needs.ResponseTracking:
        with context.reading() as session:
            return needs.track_response(session=session, code=code)

    seen = attempt(look_up)
    if seen is not None:
        tracking_view(seen)

"""Följ din idé: the submitter opens their private link (or types its code) and sees the stage and the
public timeline. A reference alone shows nothing: references are sequential, anyone could guess them."""

import streamlit as st

from components import context
from components.context import t
from components.ideas.common import tracking_view
from components.ideas.respond import submitter_actions
from components.ui import attempt, heading
from services.ideas import intake

heading("nav.ideas_track", "ideas.track_caption")
from_link = st.query_params.get(intake.TRACKING_PARAM)
if from_link and "track_code" not in st.session_state:
    st.session_state["track_code"] = from_link

with st.form("track"):
    code = st.text_input(t("ideas.tracking_code_field"), key="track_code", help=t("ideas.tracking_code_help"))
    st.form_submit_button(t("ideas.track_show"), type="primary", icon=":material/search:")

if (code or "").strip():
    if intake.REF_PATTERN.match(intake.normalise_ref(code)):
        st.info(t("ideas.track_ref_not_enough"), icon=":material/key:")
    else:

        def look_up() -> intake.Tracking:
            with context.reading() as session:
                return intake.track_idea(session=session, code=code)

        seen = attempt(look_up)
        if seen is not None:
            tracking_view(seen)
            submitter_actions(seen, code)

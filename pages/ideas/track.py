"""Följ din idé: the submitter enters the reference and sees the stage and the public timeline."""

import streamlit as st

from components import context
from components.context import t
from components.ideas.common import tracking_view
from components.ui import attempt, heading
from services.ideas import intake

heading("nav.ideas_track", "ideas.track_caption")
from_link = st.query_params.get("ide")
if from_link and "track_ref" not in st.session_state:
    st.session_state["track_ref"] = from_link

with st.form("track"):
    ref = st.text_input(t("ideas.reference"), key="track_ref", placeholder="IDE-2026-00042")
    st.form_submit_button(t("ideas.track_show"), type="primary", icon=":material/search:")

if (ref or "").strip():

    def look_up() -> intake.Tracking:
        with context.reading() as session:
            return intake.track_idea(session=session, ref=ref)

    seen = attempt(look_up)
    if seen is not None:
        tracking_view(seen)

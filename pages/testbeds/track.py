"""Följ din förfrågan: the requester opens their private link (or types its code) and sees the request's
status and answers, and can write back. A reference alone shows nothing."""

import streamlit as st

from components import context
from components.context import t
from components.testbeds.track import tracking_view
from components.ui import attempt, heading
from services.testbeds import requests

heading("nav.testbeds_track", "testbeds.track_caption")
from_link = st.query_params.get(requests.TRACKING_PARAM)
if from_link and "tb_track_code" not in st.session_state:
    st.session_state["tb_track_code"] = from_link

with st.form("tb_track"):
    code = st.text_input(t("testbeds.tracking_code_field"), key="tb_track_code")
    st.form_submit_button(t("testbeds.track_show"), type="primary", icon=":material/search:")

if (code or "").strip():

    def look_up() -> requests.RequestTracking:
        with context.reading() as session:
            return requests.track_request(session=session, code=code)

    seen = attempt(look_up)
    if seen is not None:
        tracking_view(seen, code)

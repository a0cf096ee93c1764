"""The requester's side of a testbed request: the private link shown once after sending, and the page
the link opens (status, the conversation, a reply box). Nobody's name is shown, only the testbed's."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_datetime, plain, private_link
from services.testbeds import requests

TRACK_PAGE = "pages/testbeds/track.py"


def tracking_link(code: str) -> str:
    """The address of Följ din förfrågan with `code`: absolute when the browser's address is known."""
    return private_link(TRACK_PAGE, requests.TRACKING_PARAM, code)


def receipt_link(code: str) -> None:
    """After sending: the private link to follow the request, shown this once."""
    with st.container(border=True):
        st.warning(t("testbeds.tracking_once"), icon=":material/key:")
        st.code(tracking_link(code), language=None, wrap_lines=True)
        st.page_link(
            TRACK_PAGE,
            label=t("testbeds.go_track"),
            icon=":material/travel_explore:",
            query_params={requests.TRACKING_PARAM: code},
        )


def tracking_view(seen: requests.RequestTracking, code: str) -> None:
    st.subheader(f"{seen.ref} · {plain(seen.testbed)}")
    c1, c2 = st.columns(2)
    c1.metric(t("testbeds.status"), context.label(seen.status, "request_status"))
    c2.metric(t("testbeds.received"), fmt_datetime(seen.received_at))
    st.markdown(f"**{t('testbeds.history')}**")
    for message in seen.messages:
        who = t("testbeds.you") if message.from_requester else t("testbeds.the_testbed")
        st.markdown(f"{fmt_datetime(message.at)} · {who} · {context.label(message.status, 'request_status')}")
        if message.text:
            st.text(message.text)  # as text: user text never renders
    if not seen.may_reply:
        st.info(t("testbeds.reply_closed"))
        return
    with st.form("tb_reply"):
        errors = FieldErrors()
        text = st.text_area(t("testbeds.reply_field"), key="tb_reply_text")
        errors.slot("reply", t("testbeds.reply_field"))
        if st.form_submit_button(t("testbeds.reply_submit"), type="primary", icon=":material/reply:"):

            def send() -> bool:
                with context.writing() as session:
                    requests.reply(session=session, code=code, text=text, address=context.client_address())
                return True

            if attempt(send, errors):
                st.session_state.pop("tb_reply_text", None)
                flash_and_rerun("testbeds.replied")

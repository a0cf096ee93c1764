"""Avregistrera: the unsubscribe link of a mail (`?kod=`), no login needed. Says what it will do first."""

import streamlit as st

from components import context
from components.context import t
from components.ui import attempt, heading
from services.notifications import mailer, preferences

heading("nav.unsubscribe", "notifications.unsubscribe_caption")
token = st.query_params.get(mailer.UNSUBSCRIBE_PARAM)


def look_up() -> preferences.Unsubscribe:
    with context.reading() as session:
        return preferences.unsubscribe_info(session=session, token=token)


if st.session_state.get("_unsubscribed") == token and token:
    st.success(t("notifications.unsubscribed"), icon=":material/check_circle:")
    st.stop()
info = attempt(look_up)
if info is not None:
    if info.for_user:
        st.info(t("notifications.unsubscribe_user", kind=t(f"notifications.kind.{info.kind}")))
    else:
        st.info(t("notifications.unsubscribe_public", ref=info.idea_ref or "–"))
    if st.button(t("notifications.unsubscribe_button"), type="primary", icon=":material/unsubscribe:"):

        def go() -> preferences.Unsubscribe:
            with context.writing() as session:
                return preferences.unsubscribe(session=session, token=token)

        if attempt(go) is not None:
            st.session_state["_unsubscribed"] = token
            st.rerun()

"""The sidebar below the menu: who is logged in, the language switch, logout."""

from __future__ import annotations

import streamlit as st

from components import a11y, auth, context
from components.context import t
from components.notifications.inbox import unread_link
from components.ui import attempt, plain
from i18n import LANGUAGES
from services.people import users
from services.people.auth import Actor

_LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


def _language_changed() -> None:
    chosen = st.session_state["language_choice"]
    context.set_lang(chosen)
    current = context.actor()
    if current is not None:

        def store() -> None:
            with context.writing() as session:
                users.set_language(session=session, actor=current, language=chosen)

        attempt(store)  # the choice holds for this session even if it cannot be stored just now


def render(actor: Actor | None) -> None:
    a11y.page_setup()
    with st.sidebar:
        if actor is not None:
            st.caption(t("auth.logged_in_as", name=plain(actor.display_name), role=context.label(actor.role, "role")))
            unread_link(actor)
        notice = st.session_state.pop(auth.NOTICE, None)
        if notice:
            st.warning(t(notice))
        st.session_state.setdefault("language_choice", context.lang())
        st.session_state["language_choice"] = context.lang()
        st.selectbox(
            t("profile.language"),
            LANGUAGES,
            format_func=_LANGUAGE_NAMES.get,
            key="language_choice",
            on_change=_language_changed,
            placeholder=t("ui.choose"),
        )
    if actor is not None:
        auth.logout_button()

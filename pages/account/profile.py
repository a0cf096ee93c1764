"""Min profil: who I am in the app, my password, my language."""

import streamlit as st

from components import auth, context
from components.context import actor, t
from components.ui import FieldErrors, attempt, fmt_date, heading, plain
from services.people import organisations, users

me = actor()
heading("profile.title")

with context.reading() as session:
    record = users.get_user(session=session, actor=me, user_id=me.id)
    org_names = {o.id: o.name for o in organisations.list_organisations(session=session)}

st.table(
    {
        t("profile.field"): [
            t("users.username"),
            t("users.display_name"),
            t("users.email"),
            t("users.role"),
            t("users.organisation"),
            t("users.certified"),
        ],
        t("profile.value"): [
            plain(record.username),
            plain(record.display_name),
            plain(record.email),
            context.label(record.role, "role"),
            plain(org_names.get(record.organisation_id, "–")),
            fmt_date(record.certified_innovation_leader_on) if record.certified_innovation_leader_on else t("ui.no"),
        ],
    },
    hide_index=True,
)
st.caption(t("profile.language_hint"))

st.subheader(t("profile.change_password"))
with st.form("change_password"):
    errors = FieldErrors()
    current = st.text_input(t("profile.current_password"), type="password", autocomplete="current-password")
    errors.slot("current_password", t("profile.current_password"))
    new = st.text_input(
        t("profile.new_password"),
        type="password",
        autocomplete="new-password",
        help=t("users.password_rule", min=users.MIN_PASSWORD_LENGTH),
    )
    errors.slot("new_password", t("profile.new_password"))
    repeat = st.text_input(t("profile.repeat_password"), type="password", autocomplete="new-password")
    errors.slot("repeat_password", t("profile.repeat_password"))
    if st.form_submit_button(t("profile.save_password"), type="primary"):

        def change() -> int:
            with context.writing() as session:
                return users.change_own_password(session=session, actor=me, current=current, new=new, repeat=repeat)

        session_version = attempt(change, errors)
        if session_version is not None:
            auth.renew_cookie(session_version)  # every other session has ended; this one carries on
            st.success(t("profile.password_changed"))

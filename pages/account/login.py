"""Logga in: single sign-on with the organisation's identity provider when configured, and the password
form (one step, see components/auth.py) unless the installation turned it off; or, for someone the
provider knows and the app does not, how to get access."""

import streamlit as st

import settings
from components import auth
from components.context import t
from components.ui import heading, message, plain

NO_ACCESS = frozenset({"sso.no_account", "sso.ambiguous", "sso.claim_missing", "sso.email_unverified"})

refusal = auth.sso_refusal()
if refusal is not None and refusal.key in NO_ACCESS and not auth.login_pending():
    heading("login.no_access_title")
    left, _ = st.columns([2, 3])  # after the heading: the page reads from its title down
    with left:
        claims = auth.sso_identity() or {}
        who = claims.get("email") or claims.get("name") or ""
        st.warning(message(refusal), icon=":material/person_off:")
        if who:
            st.markdown(t("login.no_access_who", who=plain(who)))
        contact = settings.sso_setting(settings.SSO_ACCESS_CONTACT_ENV)
        st.info(t("login.no_access_ask", contact=plain(contact)) if contact else t("login.no_access_ask_team"))
        auth.sso_switch_account_button()
    st.stop()

heading("login.title", "login.intro")
left, _ = st.columns([2, 3])
with left:
    sso, password = auth.sso_configured(), auth.password_login_offered()
    if sso and not auth.login_pending():
        if refusal is not None:
            st.warning(message(refusal))
        auth.sso_login_button()
    if password or auth.login_pending():
        if sso and not auth.login_pending():
            st.divider()
            st.caption(t("login.or_password"))
        auth.login_form()
        st.caption(t("login.help"))
    elif not sso:
        st.error(t("login.nothing_configured", env=settings.PASSWORD_LOGIN_ENV))

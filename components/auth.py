"""Login with streamlit-authenticator, backed by the User table.

The library draws the form, keeps the session and the re-login cookie. The password check is ours
(`services.people.users.authenticate`: bcrypt, failure count, lockout) and so is everything after login:
role and organisation come from the database on every run, and a deactivated user is logged out.
"""

from __future__ import annotations

import os

import streamlit as st
import streamlit_authenticator as stauth

from components import context
from components.context import t
from services.people import users
from services.people.auth import Actor, load_actor
from settings import COOKIE_KEY_ENV, COOKIE_NAME, MIN_COOKIE_KEY_BYTES, cookie_key_problem

COOKIE_DAYS = 1.0
_AUTHENTICATOR = "_authenticator"
_SET_COOKIE = "_set_cookie_pending"
_DELETE_COOKIE = "_delete_cookie_pending"
NOTICE = "_auth_notice"


def cookie_key() -> str | None:
    """The secret that signs the re-login cookie: environment first, then `.streamlit/secrets.toml`."""
    key = os.environ.get(COOKIE_KEY_ENV)
    if key:
        return key
    try:
        return st.secrets.get("cookie_key") or None
    except FileNotFoundError:
        return None


def _check_credentials(username: str, password: str) -> bool:
    # The service opens its own short sessions: bcrypt must not run inside a write transaction.
    return users.authenticate(engine=context.engine(), username=username, password=password)


class _CredentialsFromDatabase(dict):
    """streamlit-authenticator's `credentials["usernames"]`, filled from the User table on demand.

    The library only ever looks up the one username being logged in (from the form or the cookie);
    building the whole mapping on every run would cost time in proportion to the number of accounts.
    """

    def _load(self, username: object) -> None:
        if isinstance(username, str) and not dict.__contains__(self, username):
            with context.reading() as session:
                entry = users.credential(session=session, username=username)
            if entry is not None:
                dict.__setitem__(self, username, entry)

    def __contains__(self, username: object) -> bool:
        self._load(username)
        return dict.__contains__(self, username)

    def __getitem__(self, username: str) -> dict:
        self._load(username)
        return dict.__getitem__(self, username)

    def get(self, username: str, default: object = None) -> object:
        self._load(username)
        return dict.get(self, username, default)


def authenticator() -> stauth.Authenticate:
    """The authenticator of this run (made by `start`)."""
    return st.session_state[_AUTHENTICATOR]


def start() -> Actor | None:
    """Make this run's authenticator, restore a session from its cookie, and return the actor.

    Call once per run, before navigation. Stops the app with a message when no cookie key is set.
    """
    key = cookie_key()
    problem = cookie_key_problem(key)
    if problem:
        st.error(t(problem, env=COOKIE_KEY_ENV, min=MIN_COOKIE_KEY_BYTES))
        st.stop()
    auth = stauth.Authenticate({"usernames": {}}, COOKIE_NAME, key, COOKIE_DAYS, auto_hash=False)
    # The two seams into the library: credentials come from the User table as they are looked up, and
    # our check counts failures and honours lockouts in the database.
    model = auth.authentication_controller.authentication_model
    model.credentials["usernames"] = _CredentialsFromDatabase()
    model.check_credentials = _check_credentials
    st.session_state[_AUTHENTICATOR] = auth

    if st.session_state.pop(_DELETE_COOKIE, False):
        auth.cookie_controller.delete_cookie()
    if not st.session_state.get("authentication_status") and COOKIE_NAME in st.context.cookies:
        try:
            auth.login(location="unrendered")
        except Exception:
            st.session_state["authentication_status"] = None

    actor = None
    if st.session_state.get("authentication_status"):
        with context.reading() as session:
            actor = load_actor(session, st.session_state.get("username"))
        if actor is None:
            # Deactivated (or removed) since the session began: out, now.
            _logout(notice="auth.deactivated")
        elif st.session_state.pop(_SET_COOKIE, False):
            auth.cookie_controller.set_cookie()
    if actor is not None and st.session_state.get(context.ACTOR_KEY) is None:
        st.session_state[context.LANG_KEY] = actor.language  # the user's choice, kept in the database
    st.session_state[context.ACTOR_KEY] = actor
    return actor


def _logout(notice: str | None = None) -> None:
    authenticator().logout(location="unrendered")
    st.session_state[context.ACTOR_KEY] = None
    st.session_state[_DELETE_COOKIE] = True
    if notice:
        st.session_state[NOTICE] = notice


def login_form() -> None:
    """The login form; after a successful login the app reruns with the user's own pages."""
    authenticator().login(
        location="main",
        fields={
            "Form name": t("login.form"),
            "Username": t("login.username"),
            "Password": t("login.password"),
            "Login": t("login.submit"),
        },
        key="login",
    )
    status = st.session_state.get("authentication_status")
    if status:
        # Set the cookie on the next run: a rerun now would unmount the component that writes it.
        st.session_state[_SET_COOKIE] = True
        st.session_state[context.ACTOR_KEY] = None
        context.clear_caches()
        st.rerun()
    elif status is False:
        # The same words for a wrong password, an unknown user and a locked account.
        st.error(t("login.failed"))


def logout_button() -> None:
    """A logout button in the sidebar."""
    if st.sidebar.button(t("auth.logout"), key="logout_button", icon=":material/logout:"):
        _logout()
        context.clear_caches()
        st.rerun()

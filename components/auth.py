"""Login, the re-login cookie and logout.

The password check and every rule about sessions live in `services.people` (bcrypt outside any write,
waits per client address after wrong passwords, the session version that ends sessions). Here is what
only a browser session can do:

- **Login is one step.** The form's password is checked, then the browser is told to write the
  re-login cookie, and only when it reports the cookie written does the session count as logged in
  and the menu change. Nothing reruns the app by itself afterwards, so a click right after login is
  never swallowed, and a reload right after login keeps the user logged in.
- **The cookie** is a signed token (HS256, the cookie key) carrying the user's id and session version;
  SameSite=Strict, and Secure when the app is served over https. A new browser session logs in from
  it only while that version is still the user's.
- **Every run** reads the actor from the database with the session's version: a logout elsewhere, a
  new password, a new role or a deactivation ends the session at its next run
  (`recheck` does the same for fragments that rerun on their own).
- **Single sign-on** (when `.streamlit/secrets.toml` has an `[auth]` section): `st.login` sends the
  browser to the organisation's OpenID Connect provider, and Streamlit keeps the identity it vouches
  for in its own cookie (`st.user`). A session without a login of its own turns that identity into one
  through `services.people.sso.sign_in` (matched to the User table, refused when the sign-in predates
  the end of the account's sessions), then goes through the same one-step cookie hand-over as a
  password login, so from there on every rule above applies unchanged.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime, timedelta

import jwt
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import settings
from components import context
from components.context import t
from services.people import sso, users
from services.people.auth import Actor, session_actor
from services.shared.errors import Message, PermissionDenied, RateLimited, Unavailable
from settings import COOKIE_KEY_ENV, COOKIE_NAME, MIN_COOKIE_KEY_BYTES, cookie_key_problem

COOKIE_DAYS = 1.0
USER_KEY = "_auth_user_id"
VERSION_KEY = "_auth_session_version"
NOTICE = "_auth_notice"
_COMMAND = "_auth_cookie_command"  # what the browser is still to do with the cookie
_WRITER = "_auth_cookie_writer"  # the writer's state: which command the browser has carried out
_COOKIE_TRIED = "_auth_cookie_tried"
_SSO_TRIED = "_auth_sso_tried"
SSO_REFUSAL = "_auth_sso_refusal"  # why the provider's identity did not log in (a `Message`)

# Writes (or deletes) the cookie in the page itself; for a login, then reports that it did.
_WRITER_JS = """
export default function ({ data, setStateValue }) {
  const parts = [data.name + "=" + data.value, "path=/", "SameSite=Strict", "Max-Age=" + data.max_age];
  if (data.secure || window.location.protocol === "https:") parts.push("Secure");
  document.cookie = parts.join("; ");
  if (data.report) {
    const written = document.cookie.split("; ").includes(data.name + "=" + data.value);
    setStateValue("done", { nonce: data.nonce, written: written });
  }
}
"""
_cookie_writer = st.components.v2.component("innovationsportalen_login_cookie", js=_WRITER_JS)
_HIDDEN = f"<style>.st-key-{_WRITER} {{ display: none; }}</style>"


def cookie_key() -> str | None:
    """The secret that signs the re-login cookie: environment first, then `.streamlit/secrets.toml`."""
    key = os.environ.get(COOKIE_KEY_ENV)
    if key:
        return key
    try:
        return st.secrets.get("cookie_key") or None
    except FileNotFoundError:
        return None


def _key() -> str:
    key = cookie_key()
    problem = cookie_key_problem(key)
    if problem:
        st.error(t(problem, env=COOKIE_KEY_ENV, min=MIN_COOKIE_KEY_BYTES))
        st.stop()
    return key


# ---------------------------------------------------------------- the cookie


def make_token(key: str, user_id: int, session_version: int, now: datetime | None = None) -> str:
    """The cookie's value: who, which session version, until when; signed with `key`."""
    expires = (now or datetime.now(UTC)) + timedelta(days=COOKIE_DAYS)
    return jwt.encode({"sub": str(user_id), "sv": session_version, "exp": expires}, key, algorithm="HS256")


def read_token(key: str, token: str) -> tuple[int, int] | None:
    """(user id, session version) from a genuine, unexpired cookie value; None for anything else."""
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["sub", "sv", "exp"]})
        return int(claims["sub"]), int(claims["sv"])
    except (jwt.PyJWTError, ValueError, TypeError):
        return None


def served_over_https(url: str | None, forwarded_proto: str | None) -> bool:
    """Whether the browser reached the app over https (directly, or through a proxy that says so)."""
    url = url if isinstance(url, str) else ""
    forwarded_proto = forwarded_proto if isinstance(forwarded_proto, str) else ""
    return url.lower().startswith("https:") or forwarded_proto.lower().startswith("https")


def _command(value: str | None, *, login: dict[str, int] | None = None) -> None:
    """Ask the browser to write the cookie (`value`) or delete it (None), from this run on."""
    st.session_state[_COMMAND] = {
        "nonce": secrets.token_hex(8),
        "value": value or "",
        "max_age": int(COOKIE_DAYS * 86400) if value else 0,
        "login": login,
    }


def _confirmed_login() -> dict[str, int] | None:
    """The login whose cookie the browser has just reported written (its command is then done)."""
    command = st.session_state.get(_COMMAND)
    if not command or not command["login"]:
        return None
    done = (st.session_state.get(_WRITER) or {}).get("done") or {}
    if done.get("nonce") != command["nonce"]:
        return None
    del st.session_state[_COMMAND]
    return {**command["login"], "written": bool(done.get("written"))}


def _hand_cookie_to_browser() -> None:
    """Render the writer for the session's cookie command, if any.

    Only a login waits for the browser's word (one rerun, before the menu changes). A renewed or
    deleted cookie is handed over at every run instead, which triggers nothing: a deleted cookie that
    never reached the browser is worthless anyway, its session version having been ended.
    """
    command = st.session_state.get(_COMMAND)
    if command is None:
        return
    st.html(_HIDDEN)  # the writer shows nothing and takes no room
    _cookie_writer(
        key=_WRITER,
        data={
            "name": COOKIE_NAME,
            "value": command["value"],
            "max_age": command["max_age"],
            "nonce": command["nonce"],
            "report": bool(command["login"]),
            "secure": served_over_https(st.context.url, st.context.headers.get("X-Forwarded-Proto")),
        },
        default={"done": None},
        on_done_change=lambda: None,
    )


# ---------------------------------------------------------------- every run


def start() -> Actor | None:
    """This run's actor: the session's user as the database knows them now, or one restored from the
    re-login cookie; None for a visitor. Call once per run, before navigation.

    Stops the app with a message when the cookie key is missing or too short.
    """
    key = _key()
    login = _confirmed_login()
    if login:
        # The browser holds the cookie: the login is complete and the app may move on.
        st.session_state[USER_KEY] = login["user_id"]
        st.session_state[VERSION_KEY] = login["session_version"]
        if not login["written"]:
            st.session_state[NOTICE] = "auth.cookie_refused"
    actor = None
    if st.session_state.get(USER_KEY) is not None:
        actor = _session_actor()
        if actor is None:
            with context.reading() as session:
                problem = users.session_problem(session=session, user_id=st.session_state.get(USER_KEY))
            _forget_session(notice=problem)
    elif not login_pending():
        actor = _restore_from_cookie(key)
        if actor is None and not login_pending():
            _sign_in_with_sso(key)
    if actor is not None and st.session_state.get(context.ACTOR_KEY) is None:
        context.set_lang(actor.language)  # the user's choice, kept in the database
    st.session_state[context.ACTOR_KEY] = actor
    _hand_cookie_to_browser()
    return actor


def _session_actor() -> Actor | None:
    with context.reading() as session:
        return session_actor(
            session,
            user_id=st.session_state.get(USER_KEY),
            session_version=st.session_state.get(VERSION_KEY),
        )


def _restore_from_cookie(key: str) -> Actor | None:
    """A new browser session logs in from its cookie (once: the cookies a session was opened with
    never change, and after a logout they are stale)."""
    token = _cookie_sent()
    if not token or st.session_state.get(_COOKIE_TRIED):
        return None
    st.session_state[_COOKIE_TRIED] = True
    claims = read_token(key, token)
    actor = None
    if claims is not None:
        with context.reading() as session:
            actor = session_actor(session, user_id=claims[0], session_version=claims[1])
    if actor is None:
        _command(None)  # forged, expired or ended: the browser may forget it
        return None
    st.session_state[USER_KEY], st.session_state[VERSION_KEY] = claims
    return actor


def sso_configured() -> bool:
    """Whether the installation signs people in with an OpenID Connect provider (`[auth]` in secrets)."""
    return "is_logged_in" in st.user


def sso_identity() -> dict | None:
    """The claims of the identity the provider vouched for in this browser, if any (`st.user`)."""
    return st.user.to_dict() if st.user.get("is_logged_in") else None


def _sign_in_with_sso(key: str) -> None:
    """Turn the provider's identity into a login of this session (once per browser session: after a
    logout or an ended session the provider's cookie does not log in again by itself)."""
    claims = sso_identity()
    if claims is None or st.session_state.get(_SSO_TRIED):
        return
    st.session_state[_SSO_TRIED] = True
    try:
        identity = sso.Identity.from_claims(
            claims,
            match_claim=settings.sso_setting(settings.SSO_MATCH_CLAIM_ENV, "email"),
            organisation_claim=settings.sso_setting(settings.SSO_ORGANISATION_CLAIM_ENV),
        )
        with context.writing() as session:
            grant = sso.sign_in(
                session=session,
                identity=identity,
                create_users=settings.sso_setting(settings.SSO_ORGANISATION_CLAIM_ENV) is not None,
                address=context.client_address(),
            )
    except PermissionDenied as refused:
        st.session_state[SSO_REFUSAL] = refused.message
        return
    except Unavailable as busy:  # the database could not answer just now: the next run tries again
        st.session_state[_SSO_TRIED] = False
        st.session_state[SSO_REFUSAL] = busy.message
        return
    st.session_state.pop(SSO_REFUSAL, None)
    token = make_token(key, grant.user_id, grant.session_version)
    _command(token, login={"user_id": grant.user_id, "session_version": grant.session_version})


def sso_refusal() -> Message | None:
    """Why the provider's identity did not log this browser in (no account, deactivated, sign in again)."""
    return st.session_state.get(SSO_REFUSAL)


def sso_login_button() -> None:
    """The button that sends the browser to the organisation's identity provider."""
    if st.button(t("login.sso"), key="login_sso", type="primary", icon=":material/badge:"):
        st.session_state.pop(SSO_REFUSAL, None)
        st.login(settings.sso_setting(settings.SSO_PROVIDER_ENV))


def sso_switch_account_button() -> None:
    """Forget the provider's identity in this browser (to sign in as someone else)."""
    if st.button(t("login.sso_switch"), key="login_sso_switch"):
        st.session_state.pop(SSO_REFUSAL, None)
        st.logout()
        st.stop()


def _cookie_sent() -> str | None:
    """The login cookie the browser sent when this session opened."""
    return st.context.cookies.get(COOKIE_NAME)


def recheck() -> Actor | None:
    """For a fragment that reruns by itself (Rådsläge): the actor as the database knows them now.

    Anything changed since this run began (logged out, deactivated, a new role or organisation) sends
    the whole app through a new run, which logs the user out or rebuilds their menu. In a run of the
    whole app, `start` has just read the actor: that read stands (two reads fewer per Rådsläge run).
    """
    run = get_script_run_ctx()
    if run is not None and not run.fragment_ids_this_run:
        return context.actor()
    fresh = _session_actor() if st.session_state.get(USER_KEY) is not None else None
    if fresh != context.actor():
        st.rerun(scope="app")
    return fresh


def _forget_session(notice: str | None = None) -> None:
    for name in (USER_KEY, VERSION_KEY):
        st.session_state.pop(name, None)
    st.session_state[context.ACTOR_KEY] = None
    _command(None)
    if notice:
        st.session_state[NOTICE] = notice


# ---------------------------------------------------------------- login and logout


def login_pending() -> bool:
    """True between a right password and the browser's word that the cookie is written."""
    command = st.session_state.get(_COMMAND)
    return bool(command and command["login"])


def _finish_without_cookie() -> None:
    command = st.session_state.pop(_COMMAND, None)
    if not command or not command["login"]:
        st.rerun()  # the browser's word came first: the login is already complete
    st.session_state[USER_KEY] = command["login"]["user_id"]
    st.session_state[VERSION_KEY] = command["login"]["session_version"]
    st.session_state[NOTICE] = "auth.cookie_refused"
    st.rerun()


def log_in(username: str, password: str) -> None:
    """Check the password; when right, rerun at once to hand the cookie to the browser (the app moves
    on when it is written). Returns only for a wrong password or an unknown or deactivated user;
    raises `RateLimited` while this address must wait after wrong passwords."""
    # Spaces at either end are dropped, as the password rules promise. The service opens its own short
    # sessions: bcrypt must not run inside a write transaction.
    grant = users.authenticate(
        engine=context.engine(),
        username=username.strip(),
        password=password.strip(),
        address=context.client_address(),
    )
    if grant is None:
        return
    token = make_token(_key(), grant.user_id, grant.session_version)
    _command(token, login={"user_id": grant.user_id, "session_version": grant.session_version})
    st.rerun()


def renew_cookie(session_version: int) -> None:
    """After one's own password change: this session carries on under the new version, with a new cookie."""
    user_id = st.session_state[USER_KEY]
    st.session_state[VERSION_KEY] = session_version
    _command(make_token(_key(), user_id, session_version))


def password_login_offered() -> bool:
    """Whether the login page shows the password form (`INNOVATION_PASSWORD_LOGIN` is not `off`)."""
    return settings.password_login() != "off"


def login_form() -> None:
    """The login form, or a short wait while the browser stores the cookie."""
    if login_pending():
        st.info(t("login.pending"), icon=":material/hourglass_top:")
        # Should the browser never report the cookie (a script blocked by a strict policy), the login
        # still completes, for this browser session only.
        if st.button(t("login.continue_without_cookie"), key="login_continue"):
            _finish_without_cookie()
        return
    with st.form("login"):
        st.subheader(t("login.form"))
        username = st.text_input(t("login.username"), key="login_username", autocomplete="username")
        password = st.text_input(
            t("login.password"), type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("login.submit"), type="primary")
    if submitted:
        try:
            log_in(username, password)
        except (RateLimited, PermissionDenied) as refused:  # a wait, or password login not for this account
            st.error(t(refused.key, **refused.params))
            return
        # Still here: the same words for a wrong password, an unknown user and a deactivated account.
        st.error(t("login.failed"))


def logout_button() -> None:
    """A logout button in the sidebar: ends every session of the user, here and elsewhere."""
    if st.sidebar.button(t("auth.logout"), key="logout_button", icon=":material/logout:"):
        current = context.actor()
        if current is not None:
            with context.writing() as session:
                users.log_out(session=session, actor=current)
        _forget_session()
        if sso_identity() is not None:
            # Streamlit forgets the provider's identity and, when the provider offers it, ends the
            # sign-in there too: on a shared workstation the next person must not walk in as this one.
            st.logout()
            st.stop()
        st.rerun()

"""The real login form against the User table: one step, the re-login cookie and its revocation,
lockout and deactivation."""

from __future__ import annotations

import contextlib

import pytest
from sqlmodel import Session, select

import db
from components import auth
from models import User
from services.people import users
from services.people.auth import load_actor
from services.people.login_throttle import FREE_PER_USERNAME
from services.shared.errors import Message, RateLimited
from tests.pages.apptest import app_as, texts

FAILED = "Användarnamnet eller lösenordet stämmer inte."
KEY = "test-cookie-key-" + "x" * 40  # tests/conftest.py


def _log_in(at, username: str, password: str):
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def _browser_writes_the_cookie(at) -> str:
    """What the browser does with the cookie writer: store the cookie, say so. Returns the cookie."""
    command = at.session_state[auth._COMMAND]
    at.session_state[auth._WRITER] = {"done": {"nonce": command["nonce"], "written": True}}
    at.run()
    return command["value"]


def _logged_in(username: str, password: str = "demo1234"):
    """A session that has logged in through the form, and the cookie its browser now holds."""
    at = app_as(None)
    at.run()
    _log_in(at, username, password)
    cookie = _browser_writes_the_cookie(at)
    assert at.session_state["actor"].username == username
    return at, cookie


def _visit_with_cookie(cookie: str | None, monkeypatch: pytest.MonkeyPatch):
    """A new browser session (a reload, a new tab) that sends `cookie`."""
    monkeypatch.setattr(auth, "_cookie_sent", lambda: cookie)
    at = app_as(None)
    at.run()
    return at


def _user(url: str, username: str) -> User:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
    engine.dispose()
    return user


def _change(url: str, change) -> None:
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        change(session, load_actor(session, "admin"))
    engine.dispose()


def test_login_is_one_step_the_menu_changes_once_the_browser_holds_the_cookie(demo_url: str) -> None:
    at = app_as(None)
    at.run()
    assert at.title[0].value == "Logga in"
    _log_in(at, "manager", "demo1234")
    assert not at.exception
    # The password was right; the browser has been handed the cookie but not yet said it is stored.
    assert "Loggar in" in texts(at)
    assert at.session_state["actor"] is None and not at.text_input
    cookie = _browser_writes_the_cookie(at)
    assert at.session_state["actor"].role == "manager"
    assert at.title[0].value == "Översikt"
    assert "Anders Lindqvist" in "\n".join(c.value for c in at.sidebar.caption)
    user = _user(demo_url, "manager")
    assert auth.read_token(KEY, cookie) == (user.id, user.session_version)


def test_a_browser_that_never_stores_the_cookie_can_still_go_on_for_this_session(demo_url: str) -> None:
    at = app_as(None)
    at.run()
    _log_in(at, "manager", "demo1234")
    at.button(key="login_continue").click().run()
    assert at.session_state["actor"].username == "manager"
    assert "logga in igen om du laddar om" in "\n".join(w.value for w in at.sidebar.warning)


def test_the_cookie_logs_a_new_browser_session_in(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _, cookie = _logged_in("council")
    at = _visit_with_cookie(cookie, monkeypatch)
    assert at.session_state["actor"].username == "council"
    assert at.title[0].value == "Översikt"


@pytest.mark.parametrize(
    "cookie",
    [
        "inte-en-kaka",
        auth.make_token("en-annan-nyckel-" + "y" * 40, 1, 0),  # signed with another key
    ],
)
def test_a_forged_cookie_logs_nobody_in(demo_url: str, monkeypatch: pytest.MonkeyPatch, cookie: str) -> None:
    at = _visit_with_cookie(cookie, monkeypatch)
    assert at.session_state["actor"] is None and at.title[0].value == "Logga in"


def test_logout_ends_the_cookie_and_every_other_session(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    here, cookie = _logged_in("employee")
    elsewhere = _visit_with_cookie(cookie, monkeypatch)  # the same user in another tab
    assert elsewhere.session_state["actor"].username == "employee"
    here.sidebar.button(key="logout_button").click().run()
    assert here.title[0].value == "Logga in" and here.session_state["actor"] is None
    # A copy of the cookie no longer logs in...
    assert _visit_with_cookie(cookie, monkeypatch).session_state["actor"] is None
    # ...and the other tab is logged out at its next run, and told why.
    elsewhere.run()
    assert elsewhere.session_state["actor"] is None and elsewhere.title[0].value == "Logga in"
    assert "Du har loggats ut" in "\n".join(w.value for w in elsewhere.sidebar.warning)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda s, admin: users.set_password(
                session=s, actor=admin, user_id=_id(s, "employee"), password="ett-nytt-losen"
            ),
            id="password reset",
        ),
        pytest.param(
            lambda s, _: users.reset_password_by_username(session=s, username="employee", password="ett-nytt-losen"),
            id="password reset by the operator",
        ),
        pytest.param(
            lambda s, admin: users.update_user(
                session=s,
                actor=admin,
                user_id=_id(s, "employee"),
                data={**_profile(s, "employee"), "role": "manager"},
            ),
            id="role change",
        ),
        pytest.param(
            lambda s, admin: users.set_active(session=s, actor=admin, user_id=_id(s, "employee"), active=False),
            id="deactivation",
        ),
    ],
)
def test_an_ended_session_and_its_cookie_stop_working(demo_url: str, monkeypatch: pytest.MonkeyPatch, change) -> None:
    at, cookie = _logged_in("employee")
    _change(demo_url, change)
    at.run()
    assert at.session_state["actor"] is None and at.title[0].value == "Logga in"
    assert _visit_with_cookie(cookie, monkeypatch).session_state["actor"] is None


def test_someone_guessing_elsewhere_neither_logs_the_owner_out_nor_keeps_them_out(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, cookie = _logged_in("employee")
    engine = db.make_engine(demo_url)
    for _ in range(FREE_PER_USERNAME + 2):
        with contextlib.suppress(RateLimited):
            users.authenticate(engine=engine, username="employee", password="gissning", address="203.0.113.66")
    engine.dispose()
    at.run()
    assert at.session_state["actor"].username == "employee"
    assert _visit_with_cookie(cookie, monkeypatch).session_state["actor"].username == "employee"
    monkeypatch.setattr(auth, "_cookie_sent", lambda: None)
    again, _ = _logged_in("employee")  # from this machine, through the form
    assert again.session_state["actor"].username == "employee"


def test_own_password_change_keeps_this_session_with_a_new_cookie(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, old_cookie = _logged_in("employee")
    elsewhere = _visit_with_cookie(old_cookie, monkeypatch)
    at.switch_page("pages/account/profile.py").run()
    at.text_input[0].input("demo1234")
    at.text_input[1].input("nytt-losenord")
    at.text_input[2].input("nytt-losenord")
    at.button(key="FormSubmitter:change_password-Byt lösenord").click().run()
    assert "Lösenordet är bytt." in texts(at)
    at.run()
    assert at.session_state["actor"].username == "employee"  # this session carries on...
    new_cookie = at.session_state[auth._COMMAND]["value"]  # ...handing its browser a new cookie
    assert _visit_with_cookie(new_cookie, monkeypatch).session_state["actor"].username == "employee"
    assert _visit_with_cookie(old_cookie, monkeypatch).session_state["actor"] is None
    elsewhere.run()
    assert elsewhere.session_state["actor"] is None


def test_wrong_password_unknown_user_and_deactivated_account_read_the_same(demo_url: str) -> None:
    messages = []
    for username, password in [("manager", "fel"), ("ingen.alls", "demo1234"), ("former.employee", "demo1234")]:
        at = app_as(None)
        at.run()
        _log_in(at, username, password)
        messages.append([e.value for e in at.error])
        assert at.session_state["actor"] is None and "Loggar in" not in texts(at)
    assert all(m == [m[0]] and m[0].startswith(FAILED) for m in messages), messages
    assert messages[0] == messages[1] == messages[2]


def test_after_five_wrong_passwords_this_address_waits_and_is_told_how_long(demo_url: str) -> None:
    for _ in range(FREE_PER_USERNAME):
        at = app_as(None)
        at.run()
        _log_in(at, "employee", "fel")
    at = app_as(None)
    at.run()
    _log_in(at, "employee", "demo1234")  # the right password, but too soon
    assert [e.value for e in at.error] == [
        "För många felaktiga inloggningsförsök härifrån. Vänta 1 min och försök igen, eller kontakta innovationsstödet."
    ]
    assert at.session_state["actor"] is None and "Loggar in" not in texts(at)
    assert at.text_input(key="login_username").value == "employee"  # what was typed stays


def test_spaces_typed_around_the_password_are_dropped(demo_url: str) -> None:
    at = app_as(None)
    at.run()
    _log_in(at, " manager ", " demo1234 ")
    assert "Loggar in" in texts(at)


def test_deactivated_user_is_logged_out_at_the_next_interaction(demo_url: str) -> None:
    at = app_as("employee")
    at.run()
    assert at.session_state["actor"].username == "employee"
    engine = db.make_engine(demo_url)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == "employee")).one()
        user.is_active = False
        session.commit()
    engine.dispose()
    at.run()
    assert at.session_state["actor"] is None
    assert at.title[0].value == "Logga in"
    assert "inte längre aktivt" in texts(at) + "\n".join(w.value for w in at.sidebar.warning)


def test_role_comes_from_the_database_at_every_run(demo_url: str) -> None:
    at = app_as("employee")
    at.run()
    assert at.session_state["actor"].role == "employee"
    engine = db.make_engine(demo_url)
    with Session(engine) as session:  # changed behind the app's back, without ending sessions
        user = session.exec(select(User).where(User.username == "employee")).one()
        user.role = "manager"
        session.commit()
    engine.dispose()
    at.run()
    assert at.session_state["actor"].role == "manager"


def test_logout_returns_to_the_login_page(demo_url: str) -> None:
    at = app_as("council")
    at.run()
    at.sidebar.button(key="logout_button").click().run()
    assert not at.exception
    assert at.title[0].value == "Logga in"
    assert at.session_state["actor"] is None


def test_language_choice_switches_the_ui_and_is_kept(demo_url: str) -> None:
    at = app_as("council")
    at.run()
    at.switch_page("pages/start/overview.py").run()
    at.sidebar.selectbox(key="language_choice").select("en").run()
    assert at.title[0].value == "Overview"
    assert _user(demo_url, "council").language == "en"
    fresh = app_as("council")  # a new session takes the choice from the database
    fresh.run()
    assert fresh.title[0].value == "Overview"


def test_a_short_cookie_key_stops_the_app_with_a_clear_message(demo_url: str, monkeypatch) -> None:
    monkeypatch.setenv("INNOVATION_COOKIE_KEY", "k" * 31)
    at = app_as(None)
    at.run()
    assert "för kort" in texts(at) and "32 byte" in texts(at)
    assert not at.text_input  # no login form signed with a guessable key


@pytest.mark.parametrize(
    ("url", "forwarded", "secure"),
    [
        ("https://innovation.regionstockholm.se/", None, True),
        ("http://localhost:8501/", None, False),
        ("http://10.0.0.5:8501/", "https", True),  # behind a proxy that ends TLS
        (None, None, False),
    ],
)
def test_the_cookie_is_secure_when_served_over_https(url: str | None, forwarded: str | None, secure: bool) -> None:
    assert auth.served_over_https(url, forwarded) is secure


def _id(session: Session, username: str) -> int:
    return session.exec(select(User.id).where(User.username == username)).one()


def _profile(session: Session, username: str) -> dict:
    user = session.exec(select(User).where(User.username == username)).one()
    return {
        "display_name": user.display_name,
        "email": user.email,
        "role": user.role,
        "organisation_id": user.organisation_id,
        "certified_innovation_leader_on": user.certified_innovation_leader_on,
    }


def test_with_password_login_off_and_no_sso_the_page_says_what_to_set_up(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNOVATION_PASSWORD_LOGIN", "off")
    at = app_as(None)
    at.run()
    assert not at.text_input  # no form that could not log anyone in
    assert "Inloggning med lösenord är avstängd (`INNOVATION_PASSWORD_LOGIN=off`)" in at.error[0].value


def test_password_login_for_admins_only_refuses_an_employee_with_the_reason(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNOVATION_PASSWORD_LOGIN", "admins")
    at = app_as(None)
    at.run()
    at = _log_in(at, "employee", "demo1234")
    assert "Det här kontot loggar in med organisationskontot, inte med lösenord." in texts(at)
    assert auth.USER_KEY not in at.session_state or at.session_state[auth.USER_KEY] is None


def test_someone_the_provider_knows_and_the_app_does_not_is_told_to_ask_for_access(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INNOVATION_ACCESS_CONTACT", "innovation@demo.regionstockholm.example")
    at = app_as(None)
    at.session_state[auth.SSO_REFUSAL] = Message("sso.no_account")
    at.run()
    shown = texts(at)
    assert "Du har inget konto här ännu" in shown
    assert "Be innovationsteamet om åtkomst: skriv till innovation@demo" in shown
    assert not at.text_input

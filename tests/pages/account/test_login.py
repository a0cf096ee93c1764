"""The real login form (streamlit-authenticator) against the User table, lockout and deactivation."""

from __future__ import annotations

from sqlmodel import Session, select

import db
from models import User
from services.people.users import MAX_FAILED_LOGINS
from tests.pages.apptest import app_as, texts

FAILED = "Användarnamnet eller lösenordet stämmer inte."


def _log_in(at, username: str, password: str):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def _user(url: str, username: str) -> User:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
    engine.dispose()
    return user


def test_login_form_logs_in_with_the_role_from_the_database(demo_url: str) -> None:
    at = app_as(None)
    at.run()
    assert at.title[0].value == "Logga in"
    _log_in(at, "manager", "demo1234")
    assert not at.exception
    assert at.session_state["authentication_status"] is True
    assert at.session_state["actor"].role == "manager"
    at.switch_page("pages/start/overview.py").run()
    assert at.title[0].value == "Översikt"
    assert "Anders Lindqvist" in "\n".join(c.value for c in at.sidebar.caption)


def test_wrong_password_unknown_user_and_locked_account_read_the_same(demo_url: str) -> None:
    messages = []
    for username, password in [("manager", "fel"), ("ingen.alls", "demo1234")]:
        at = app_as(None)
        at.run()
        _log_in(at, username, password)
        messages.append([e.value for e in at.error])
    for _ in range(MAX_FAILED_LOGINS):
        at = app_as(None)
        at.run()
        _log_in(at, "employee", "fel")
    assert _user(demo_url, "employee").locked_until is not None
    at = app_as(None)
    at.run()
    _log_in(at, "employee", "demo1234")  # right password, but locked
    messages.append([e.value for e in at.error])
    assert at.session_state["authentication_status"] is False
    assert all(m == [m[0]] and m[0].startswith(FAILED) for m in messages), messages
    assert messages[0] == messages[1] == messages[2]


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
    assert not at.session_state["authentication_status"]
    assert at.title[0].value == "Logga in"
    assert "inte längre aktivt" in texts(at) + "\n".join(w.value for w in at.sidebar.warning)


def test_role_comes_from_the_database_not_the_session(demo_url: str) -> None:
    at = app_as("employee")
    at.session_state["roles"] = ["admin"]  # a forged claim
    at.run()
    assert at.session_state["actor"].role == "employee"
    assert at.title[0].value == "Översikt"


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

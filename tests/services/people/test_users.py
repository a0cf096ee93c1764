"""Users: login with lockout, the admin's management, one's own profile; permissions per role."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, func, select

import db
from models import AuditLog, Role, User, utcnow
from services.people import users
from services.shared.errors import PermissionDenied, ValidationError
from services.shared.workdays import as_utc
from tests.conftest import actor

NEW_USER = {
    "username": "Ny.Person",
    "display_name": "Ny Person",
    "email": "ny.person@demo.regionstockholm.example",
    "role": "employee",
    "organisation_id": None,
    "password": "hemligt-ord",
}


def _user(session: Session, username: str) -> User:
    return session.exec(select(User).where(User.username == username)).one()


def _audit_count(session: Session, action: str) -> int:
    return session.exec(select(func.count()).select_from(AuditLog).where(AuditLog.action == action)).one()


def _org_id(session: Session, username: str = "employee") -> int:
    return _user(session, username).organisation_id


# ---------------------------------------------------------------- login


def _login(engine: Engine, username: str, password: str, now: datetime | None = None) -> bool:
    return users.authenticate(engine=engine, username=username, password=password, now=now)


def _fresh(engine: Engine, username: str) -> User:
    with db.read_session(engine) as session:
        return _user(session, username)


def _audits(engine: Engine, action: str) -> int:
    with db.read_session(engine) as session:
        return _audit_count(session, action)


def test_right_password_logs_in_and_is_audited(engine: Engine) -> None:
    assert _login(engine, "employee", "demo1234")
    assert _fresh(engine, "employee").last_login_at is not None
    assert _audits(engine, "user.login") == 1


def test_username_is_case_insensitive(engine: Engine) -> None:
    assert _login(engine, " Employee ", "demo1234")


def test_wrong_password_is_counted(engine: Engine) -> None:
    assert not _login(engine, "employee", "fel")
    assert _fresh(engine, "employee").failed_logins == 1
    assert _audits(engine, "user.login_failed") == 1


def test_unknown_user_is_refused_and_writes_nothing(engine: Engine) -> None:
    with db.read_session(engine) as session:
        before = session.exec(select(func.count()).select_from(AuditLog)).one()
    assert not _login(engine, "finns.inte", "demo1234")
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(AuditLog)).one() == before


def test_deactivated_user_cannot_log_in(engine: Engine) -> None:
    assert not _login(engine, "former.employee", "demo1234")


def test_five_failures_lock_the_account_for_fifteen_minutes(engine: Engine) -> None:
    start = utcnow()
    for _ in range(users.MAX_FAILED_LOGINS):
        assert not _login(engine, "employee", "fel", now=start)
    assert as_utc(_fresh(engine, "employee").locked_until) == start + timedelta(minutes=15)
    # The right password does not help while locked...
    assert not _login(engine, "employee", "demo1234", now=start)
    later = start + timedelta(minutes=14, seconds=59)
    assert not _login(engine, "employee", "demo1234", now=later)
    # ...but works once the 15 minutes have passed.
    after = start + timedelta(minutes=15, seconds=1)
    assert _login(engine, "employee", "demo1234", now=after)
    assert _fresh(engine, "employee").locked_until is None


def test_a_success_resets_the_failure_count(engine: Engine) -> None:
    for _ in range(4):
        _login(engine, "employee", "fel")
    assert _login(engine, "employee", "demo1234")
    assert _fresh(engine, "employee").failed_logins == 0
    _login(engine, "employee", "fel")
    assert _fresh(engine, "employee").locked_until is None


def test_writers_are_not_held_up_while_a_password_is_checked(
    engine: Engine, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bcrypt takes ~0.3 s at cost 12: run inside a write transaction, every failed login would stall
    all writers (idea submissions, reports) for that long, and a few login loops would lock them out."""
    checking, release = threading.Event(), threading.Event()
    real = users.password_matches

    def slow_check(password: str, password_hash: str) -> bool:
        checking.set()
        release.wait(timeout=10)  # as long as it takes the writer below to finish
        return real(password, password_hash)

    monkeypatch.setattr(users, "password_matches", slow_check)
    outcome: list[bool] = []
    login = threading.Thread(target=lambda: outcome.append(_login(engine, "employee", "fel")))
    login.start()
    try:
        assert checking.wait(timeout=10)
        impatient = db.make_engine(demo_url)  # a writer that gives up after 0.5 s instead of 10
        event.listen(impatient, "connect", lambda connection, _: connection.execute("PRAGMA busy_timeout=500"))
        with db.write_session(impatient) as session:
            admin = _user(session, "admin")
            admin.display_name = "Ändrad under inloggningen"
            session.commit()
        impatient.dispose()
    finally:
        release.set()
        login.join(timeout=20)
    assert outcome == [None]
    assert _fresh(engine, "admin").display_name == "Ändrad under inloggningen"
    assert _fresh(engine, "employee").failed_logins == 1


def test_a_password_changed_while_it_was_checked_does_not_log_in(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = users.password_matches

    def check_then_change(password: str, password_hash: str) -> bool:
        with db.write_session(engine) as session:
            users.reset_password_by_username(session=session, username="employee", password="ett-nytt-losen")
        return real(password, password_hash)

    monkeypatch.setattr(users, "password_matches", check_then_change)
    assert not _login(engine, "employee", "demo1234")


# ---------------------------------------------------------------- admin: create and change


def test_admin_creates_a_user(session: Session) -> None:
    admin = actor(session, "admin")
    data = {**NEW_USER, "organisation_id": _org_id(session)}
    created = users.create_user(session=session, actor=admin, data=data)
    assert created.username == "ny.person"  # stored lower-case
    assert users.password_matches("hemligt-ord", _user(session, "ny.person").password_hash)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.created")).one()
    assert entry.actor_id == admin.id and entry.entity_id == created.id


@pytest.mark.parametrize("username", ["council", "manager", "employee"])
def test_only_admins_create_users(session: Session, username: str) -> None:
    with pytest.raises(PermissionDenied):
        users.create_user(session=session, actor=actor(session, username), data=NEW_USER)
    assert session.exec(select(User).where(User.username == "ny.person")).first() is None


def test_anonymous_cannot_create_users(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        users.create_user(session=session, actor=None, data=NEW_USER)


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"username": "ADMIN"}, "username", "users.username_taken"),
        ({"username": "a b"}, "username", "users.username_invalid"),
        ({"email": "inte-en-adress"}, "email", "errors.email_invalid"),
        ({"email": "  "}, "email", "errors.required"),
        ({"password": "kort"}, "password", "users.password_too_short"),
        ({"password": " hemligt-ord"}, "password", "users.password_spaces"),
        ({"password": "hemligt-ord\t"}, "password", "users.password_spaces"),
        ({"display_name": "x" * 121}, "display_name", "errors.too_long"),
        ({"role": "employee", "organisation_id": None}, "organisation_id", "users.organisation_required"),
    ],
)
def test_bad_user_input_is_refused_per_field_and_writes_nothing(
    session: Session, change: dict, field: str, key: str
) -> None:
    admin = actor(session, "admin")
    before = session.exec(select(func.count()).select_from(User)).one()
    data = {**NEW_USER, "organisation_id": _org_id(session), **change}
    with pytest.raises(ValidationError) as refused:
        users.create_user(session=session, actor=admin, data=data)
    assert refused.value.fields[field].key == key
    assert session.exec(select(func.count()).select_from(User)).one() == before


def test_update_user_changes_role_and_is_audited(session: Session) -> None:
    admin = actor(session, "admin")
    target = _user(session, "employee.sl")
    users.update_user(
        session=session,
        actor=admin,
        user_id=target.id,
        data={
            "display_name": target.display_name,
            "email": target.email,
            "role": "manager",
            "organisation_id": target.organisation_id,
            "certified_innovation_leader_on": None,
        },
    )
    assert _user(session, "employee.sl").role == Role.manager
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.updated")).one()
    assert entry.details["changes"]["role"] == {"from": "employee", "to": "manager"}


def test_the_last_admin_keeps_the_role(empty_engine) -> None:
    import db

    with db.write_session(empty_engine) as session:
        lone = User(username="solo", display_name="Solo", email="solo@x.se", password_hash="x", role="admin")
        session.add(lone)
        session.commit()
        me = actor(session, "solo")
        with pytest.raises(ValidationError) as refused:
            users.update_user(
                session=session,
                actor=me,
                user_id=lone.id,
                data={"display_name": "Solo", "email": "solo@x.se", "role": "council", "organisation_id": None},
            )
        assert refused.value.fields["role"].key == "users.last_admin"


def test_deactivation_and_self_protection(session: Session) -> None:
    admin = actor(session, "admin")
    employee = _user(session, "employee")
    users.set_active(session=session, actor=admin, user_id=employee.id, active=False)
    assert not _user(session, "employee").is_active
    with pytest.raises(ValidationError):
        users.set_active(session=session, actor=admin, user_id=admin.id, active=False)
    with pytest.raises(PermissionDenied):
        users.set_active(session=session, actor=actor(session, "manager"), user_id=employee.id, active=True)
    assert _audit_count(session, "user.deactivated") == 1


def test_list_users_filters_and_paginates_for_admins_only(session: Session) -> None:
    admin = actor(session, "admin")
    page = users.list_users(session=session, actor=admin, role=Role.manager, page=1, page_size=5)
    assert page.total == session.exec(select(func.count()).where(User.role == "manager")).one()
    assert len(page.items) == 5 and all(u.role == "manager" for u in page.items)
    assert page.pages == -(-page.total // 5)
    found = users.list_users(session=session, actor=admin, search="SJÖBERG")
    assert [u.username for u in found.items] == ["lina.sjoberg"]
    with pytest.raises(PermissionDenied):
        users.list_users(session=session, actor=actor(session, "council"))


def test_get_user_is_for_admins_and_oneself(session: Session) -> None:
    employee = actor(session, "employee")
    assert users.get_user(session=session, actor=employee, user_id=employee.id).username == "employee"
    with pytest.raises(PermissionDenied):
        users.get_user(session=session, actor=employee, user_id=_user(session, "admin").id)


# ---------------------------------------------------------------- one's own profile


def test_change_own_password(engine: Engine) -> None:
    with db.write_session(engine) as session:
        _change_own_password(session)
    assert _login(engine, "employee", "nytt-losen")
    assert not _login(engine, "employee", "demo1234")


def _change_own_password(session: Session) -> None:
    me = actor(session, "employee")
    with pytest.raises(ValidationError) as wrong:
        users.change_own_password(session=session, actor=me, current="fel", new="nytt-losen", repeat="nytt-losen")
    assert "current_password" in wrong.value.fields
    with pytest.raises(ValidationError) as differ:
        users.change_own_password(session=session, actor=me, current="demo1234", new="nytt-losen", repeat="annat")
    assert "repeat_password" in differ.value.fields
    users.change_own_password(session=session, actor=me, current="demo1234", new="nytt-losen", repeat="nytt-losen")


def test_language_choice_is_kept(session: Session) -> None:
    me = actor(session, "manager")
    users.set_language(session=session, actor=me, language="en")
    assert _user(session, "manager").language == "en"
    with pytest.raises(ValidationError):
        users.set_language(session=session, actor=me, language="de")


def test_operator_reset_password_lifts_a_lock(engine: Engine) -> None:
    for _ in range(users.MAX_FAILED_LOGINS):
        _login(engine, "council", "fel")
    with db.write_session(engine) as session:
        users.reset_password_by_username(session=session, username="council", password="ett-nytt-losen")
    assert _login(engine, "council", "ett-nytt-losen")


def test_a_password_with_spaces_at_either_end_is_refused_wherever_it_is_set(engine: Engine) -> None:
    """The login form drops spaces typed at either end, so such a password could be set but never used."""
    with db.write_session(engine) as session:
        admin, me = actor(session, "admin"), actor(session, "employee")
        council_id = _user(session, "council").id
        attempts = [
            lambda: users.set_password(session=session, actor=admin, user_id=council_id, password="nytt losen "),
            lambda: users.change_own_password(
                session=session, actor=me, current="demo1234", new=" nytt losen", repeat=" nytt losen"
            ),
            lambda: users.reset_password_by_username(session=session, username="manager", password=" nytt-losen "),
        ]
        for set_it in attempts:
            with pytest.raises(ValidationError) as refused:
                set_it()
            assert [m.key for m in refused.value.fields.values()] == ["users.password_spaces"]
    # Spaces inside are fine, and every old password still works.
    with db.write_session(engine) as session:
        admin = actor(session, "admin")
        users.set_password(session=session, actor=admin, user_id=council_id, password="ett nytt losen")
    assert _login(engine, "council", "ett nytt losen")
    assert _login(engine, "employee", "demo1234") and _login(engine, "manager", "demo1234")

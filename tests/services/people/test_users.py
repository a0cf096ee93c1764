"""Users: login with waits per client address, the admin's management, one's own profile; permissions per role."""

from __future__ import annotations

import contextlib
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, func, select

import db
from models import AuditLog, Role, User, utcnow
from services.people import login_throttle, users
from services.shared import versions
from services.shared.errors import PermissionDenied, RateLimited, ValidationError
from tests.conftest import actor, sqlite_only

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


def _login(
    engine: Engine, username: str, password: str, now: datetime | None = None, address: str = "198.51.100.7"
) -> bool:
    return users.authenticate(engine=engine, username=username, password=password, address=address, now=now) is not None


def _fresh(engine: Engine, username: str) -> User:
    with db.read_session(engine) as session:
        return _user(session, username)


def _audits(engine: Engine, action: str) -> int:
    with db.read_session(engine) as session:
        return _audit_count(session, action)


ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


def test_right_password_logs_in_and_is_audited(engine: Engine) -> None:
    grant = users.authenticate(engine=engine, username="employee", password="demo1234", address=OWNER)
    user = _fresh(engine, "employee")
    assert grant == users.SessionGrant(user.id, user.session_version)
    assert user.last_login_at is not None
    assert _audits(engine, "user.login") == 1


def test_username_is_case_insensitive(engine: Engine) -> None:
    assert _login(engine, " Employee ", "demo1234")


def test_wrong_password_is_counted_for_the_address_and_audited(engine: Engine) -> None:
    assert not _login(engine, "employee", "fel", address=ATTACKER)
    with db.read_session(engine) as session:
        assert login_throttle.failures(session, address=ATTACKER, username="employee") == (1, None)
        entry = session.exec(select(AuditLog).where(AuditLog.action == "user.login_failed")).one()
    assert entry.details["address"] == ATTACKER


def test_unknown_user_is_refused_and_audits_nothing(engine: Engine) -> None:
    with db.read_session(engine) as session:
        before = session.exec(select(func.count()).select_from(AuditLog)).one()
    assert not _login(engine, "finns.inte", "demo1234")
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(AuditLog)).one() == before


def test_deactivated_user_cannot_log_in(engine: Engine) -> None:
    assert not _login(engine, "former.employee", "demo1234")


def test_wrong_passwords_make_the_address_wait_longer_and_longer(engine: Engine) -> None:
    start = utcnow()
    for _ in range(login_throttle.FREE_PER_USERNAME):
        assert not _login(engine, "admin", "fel", now=start, address=ATTACKER)
    # The fifth wrong password in a row: this address waits a minute, even with the right password...
    with pytest.raises(RateLimited) as waiting:
        _login(engine, "admin", "demo1234", now=start + timedelta(seconds=59), address=ATTACKER)
    assert waiting.value.key == "login.throttled" and waiting.value.params == {"minutes": 1}
    # ...then may try again; another wrong password doubles the wait, and so on up to an hour.
    moment = start + timedelta(minutes=1, seconds=1)
    for expected in (2, 4, 8, 16, 32, 60, 60):
        assert not _login(engine, "admin", "fel", now=moment, address=ATTACKER)
        with pytest.raises(RateLimited) as waiting:
            _login(engine, "admin", "demo1234", now=moment + timedelta(seconds=1), address=ATTACKER)
        assert waiting.value.params == {"minutes": expected}
        moment += timedelta(minutes=expected, seconds=1)
    # Attempts made while waiting were never checked, nor counted.
    assert _audits(engine, "user.login_failed") == login_throttle.FREE_PER_USERNAME + 7


def test_the_owner_gets_in_from_their_own_address_while_an_attacker_waits(engine: Engine) -> None:
    """The old lockout was the account's: five wrong guesses from anywhere kept `admin` out, for ever."""
    now = utcnow()
    for _ in range(10):
        with contextlib.suppress(RateLimited):
            _login(engine, "admin", "gissning", now=now, address=ATTACKER)
    assert _login(engine, "admin", "demo1234", now=now, address=OWNER)
    with pytest.raises(RateLimited):
        _login(engine, "admin", "demo1234", now=now, address=ATTACKER)


def test_an_address_trying_many_usernames_waits_as_a_whole(engine: Engine) -> None:
    now = utcnow()
    names = [f"gissat.namn{i}" for i in range(login_throttle.FREE_PER_ADDRESS)]
    for name in names:
        assert not _login(engine, name, "demo1234", now=now, address=ATTACKER)
    with pytest.raises(RateLimited):
        _login(engine, "manager", "demo1234", now=now, address=ATTACKER)  # a fresh username, a right password
    assert _login(engine, "manager", "demo1234", now=now, address=OWNER)


def test_a_right_password_or_a_quiet_day_starts_the_count_afresh(engine: Engine) -> None:
    now = utcnow()
    for _ in range(login_throttle.FREE_PER_USERNAME - 1):
        _login(engine, "employee", "fel", now=now)
    assert _login(engine, "employee", "demo1234", now=now)
    for _ in range(login_throttle.FREE_PER_USERNAME - 1):
        _login(engine, "employee", "fel", now=now)
    later = now + login_throttle.FORGET_AFTER + timedelta(seconds=1)
    for _ in range(login_throttle.FREE_PER_USERNAME - 1):
        _login(engine, "employee", "fel", now=later)
    assert _login(engine, "employee", "demo1234", now=later)  # never five in a row within a day


def test_logging_in_and_out_leaves_cached_figures_alone(engine: Engine) -> None:
    """Login bookkeeping changes nothing a cached figure shows: a failed-login loop must not empty caches."""
    with db.read_session(engine) as session:
        before = versions.current(session)
    _login(engine, "employee", "fel")
    _login(engine, "employee", "demo1234")
    with db.write_session(engine) as session:
        users.log_out(session=session, actor=actor(session, "employee"))
    with db.read_session(engine) as session:
        assert versions.current(session) == before
        assert _audit_count(session, "user.logout") == 1


def test_two_app_processes_share_the_waits(demo_url: str) -> None:
    one, other = db.make_engine(demo_url), db.make_engine(demo_url)
    now = utcnow()
    try:
        for engine in (one, other, one, other, one):
            _login(engine, "council", "fel", now=now, address=ATTACKER)
        with pytest.raises(RateLimited):
            _login(other, "council", "demo1234", now=now, address=ATTACKER)
    finally:
        one.dispose()
        other.dispose()


def test_an_admin_sees_and_lifts_the_waits(engine: Engine) -> None:
    now = utcnow()
    for _ in range(login_throttle.FREE_PER_USERNAME):
        _login(engine, "employee", "fel", now=now, address=ATTACKER)
    with db.write_session(engine) as session:
        admin, employee = actor(session, "admin"), _user(session, "employee")
        assert users.login_waits(session=session, actor=admin, user_id=employee.id)
        listed = users.list_users(session=session, actor=admin, search="employee").items
        assert [u.locked for u in listed if u.username == "employee"] == [True]
        with pytest.raises(PermissionDenied):
            users.unlock(session=session, actor=actor(session, "manager"), user_id=employee.id)
        users.unlock(session=session, actor=admin, user_id=employee.id)
        assert not users.login_waits(session=session, actor=admin, user_id=employee.id)
    assert _login(engine, "employee", "demo1234", address=ATTACKER)


@sqlite_only  # SQLite's one writer at a time is what a long login transaction would block
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
    assert outcome == [False]
    assert _fresh(engine, "admin").display_name == "Ändrad under inloggningen"
    assert _audits(engine, "user.login_failed") == 1


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


@sqlite_only
def test_the_list_of_users_is_read_in_its_order_from_an_index(session: Session) -> None:
    """Användare's page is the first entries of the index in the list's order (`ix_user_name_order`,
    migration 0036), not every user read and sorted at each run of the page."""
    listed: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "ORDER BY lower(" in statement:
            listed.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        users.list_users(session=session, actor=actor(session, "admin"))
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    ((statement, parameters),) = listed
    plan = str(session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall())
    assert "ix_user_name_order" in plan
    assert "TEMP B-TREE" not in plan  # no sort of its own


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


def test_operator_reset_password_lifts_the_waits(engine: Engine) -> None:
    for _ in range(login_throttle.FREE_PER_USERNAME):
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


def test_a_picker_among_everyone_offers_the_chosen_and_the_reader_then_what_the_search_finds(session: Session) -> None:
    me = actor(session, "admin")
    before = session.exec(select(User).where(User.username == "employee")).one()
    offered = users.found_people(session=session, actor=me, search=None, include=(before.id, me.id, None))
    assert [i for i, _ in offered] == sorted([before.id, me.id], key=lambda i: session.get(User, i).display_name)
    quitter = session.exec(select(User).where(User.is_active, User.id != me.id, User.id != before.id)).first()
    word = quitter.display_name.split()[0]
    assert quitter.id in [i for i, _ in users.found_people(session=session, actor=me, search=word)]
    quitter.is_active = False
    session.commit()
    found = users.found_people(session=session, actor=me, search=word, include=(me.id,))
    assert found[0][0] == me.id  # the reader first, whatever the search
    assert quitter.id not in [i for i, _ in found]  # no one who has left is offered
    everyone = session.exec(select(func.count()).select_from(User).where(User.is_active)).one()
    capped = users.found_people(session=session, actor=me, search="a", limit=5)
    assert len(capped) == 5 < everyone
    assert all("a" in label.casefold() for _, label in capped)
    with pytest.raises(PermissionDenied):
        users.found_people(session=session, actor=None, search="a")

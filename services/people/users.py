"""Users: login checks (with waits per client address, and sessions that can be ended), the admin's user
management, and one's own profile."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import bcrypt
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

import db
import settings
from models import CertificationChange, Language, Organisation, Role, User, utcnow
from services.people import login_throttle
from services.people.auth import Actor, require_admin, require_login
from services.shared import audit, history
from services.shared.errors import Message, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.search import text_matches
from services.shared.validation import check_email, clean_text, fail, parse

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
# Production strength by default; tests may lower it through the environment to stay quick.
BCRYPT_ROUNDS = max(4, int(os.environ.get("INNOVATION_BCRYPT_ROUNDS", "12")))
# Compared against when the username is unknown, so that both answers take the same time.
_DUMMY_HASH = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(rounds=BCRYPT_ROUNDS))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def password_matches(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:
        return False


def password_problem(password: str | None) -> Message | None:
    """What is wrong with a new password, or None when it is acceptable."""
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        return Message("users.password_too_short", {"min": MIN_PASSWORD_LENGTH})
    if password != password.strip():
        # The login form drops spaces at either end of what is typed: such a password could never be used.
        return Message("users.password_spaces")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return Message("users.password_too_long", {"max": MAX_PASSWORD_BYTES})
    return None


def _check_password_rules(password: str | None) -> str | None:
    problem = password_problem(password)
    if problem:
        raise fail(problem.key, **problem.params)
    return password


# ---------------------------------------------------------------- login


@dataclass(frozen=True)
class _LoginCandidate:
    id: int
    password_hash: str
    is_active: bool


def password_login_allowed(role: Role | str, policy: str) -> bool:
    """Whether an account with `role` may log in with its password under the installation's `policy`
    (`settings.password_login`: all, admins for break-glass accounts only, off when everyone uses SSO)."""
    return policy == "all" or (policy == "admins" and role == Role.admin)


def _candidate(session: Session, username: str) -> _LoginCandidate | None:
    row = session.exec(select(User.id, User.password_hash, User.is_active).where(User.username == username)).first()
    return _LoginCandidate(*row) if row is not None else None


@dataclass(frozen=True)
class SessionGrant:
    """A successful login: whom the new session belongs to, and the session version its cookie carries."""

    user_id: int
    session_version: int


def authenticate(
    *,
    engine: Engine,
    username: str,
    password: str,
    address: str | None = None,
    now: datetime | None = None,
    policy: str | None = None,
) -> SessionGrant | None:
    """A `SessionGrant` when `username` is active and `password` is right; else None.

    Wrong passwords make the client `address` wait before it may try again (`login_throttle`: per
    username and per address, growing, never a lock on the account); while it must wait, raises
    `RateLimited` without looking at the password. A deactivated or unknown account answers None exactly
    like a wrong password, so that the login page cannot tell anyone which accounts exist. A right
    password for an account that `policy` (default: `settings.password_login()`) keeps from password
    login raises `PermissionDenied("login.password_off")`: it must sign in with single sign-on.

    Takes the engine rather than a session because it owns its transactions: the attempt is counted
    and the account read in one short write, the password (bcrypt, ~0.3 s at cost 12) is checked
    outside any transaction, and the outcome is recorded in another short write, so that a stream of
    failed logins never holds the write lock that idea submissions and every other write need.
    """
    now = now or utcnow()
    name = (username or "").strip().lower()
    if not name or not password:
        return None
    address = address or "unknown"
    with db.write_session(engine) as session:
        login_throttle.count_attempt(session, address=address, username=name, now=now)
        seen = _candidate(session, name)
        session.commit()
    if seen is None:
        password_matches(password, _DUMMY_HASH.decode("ascii"))
        return None
    right = password_matches(password, seen.password_hash)
    if not seen.is_active:
        return None
    with db.write_session(engine) as session:
        return _record_login(session, seen, right, address, now, policy or settings.password_login())


def _record_login(
    session: Session, seen: _LoginCandidate, right: bool, address: str, now: datetime, policy: str
) -> SessionGrant | None:
    """The bookkeeping of one login attempt, decided again on the account as it is now: a deactivation
    or a new password that came in while the password was being checked wins."""
    user = session.get(User, seen.id)
    if user is None or not user.is_active:
        return None
    if right and user.password_hash == seen.password_hash:
        login_throttle.attempt_was_right(session, address=address, username=user.username)
        if not password_login_allowed(user.role, policy):
            audit.record(session, None, "user.login_refused", "user", user.id, moves_data=False, reason="password_off")
            session.commit()
            raise PermissionDenied("login.password_off")
        user.last_login_at = now
        user.updated_at = now
        audit.record(session, actor_of(user), "user.login", "user", user.id, moves_data=False, address=address)
        session.commit()
        return SessionGrant(user.id, user.session_version)
    failures, waits_until = login_throttle.failures(session, address=address, username=user.username)
    details: dict[str, Any] = {"address": address, "failures_in_a_row": failures}
    if waits_until is not None:
        details["address_waits_until"] = waits_until
    audit.record(session, None, "user.login_failed", "user", user.id, moves_data=False, **details)
    session.commit()
    return None


def _end_sessions(user: User) -> None:
    """Every session and login cookie issued to `user` so far stops working at its next run, and so
    does every single sign-on made before now (`sso.sign_in`)."""
    user.session_version += 1
    user.sessions_ended_at = utcnow()


def log_out(*, session: Session, actor: Actor | None) -> None:
    """Log out: ends this and every other session of the actor, and makes their login cookies worthless
    (a copied cookie included)."""
    actor = require_login(actor)
    user = session.get(User, actor.id)
    if user is None:
        return
    _end_sessions(user)
    audit.record(session, actor, "user.logout", "user", user.id, moves_data=False)
    session.commit()


def session_problem(*, session: Session, user_id: int | None) -> str:
    """Why a session of `user_id` is no longer valid, as a translation key (after `session_actor` said so)."""
    active = session.exec(select(User.is_active).where(User.id == user_id)).first() if user_id else None
    return "auth.session_ended" if active else "auth.deactivated"


def actor_of(user: User) -> Actor:
    """The user as an actor for audit entries (without the organisation's area)."""
    return Actor(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        role=Role(user.role),
        organisation_id=user.organisation_id,
        area_id=None,
        language=user.language,
    )


# ---------------------------------------------------------------- input models


class UserCreate(BaseModel):
    username: str = Field(max_length=60)
    display_name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    role: Role
    organisation_id: int | None = None
    password: str
    language: Language = Language.sv

    _clean = field_validator("username", "display_name", "email", "organisation_id", mode="before")(clean_text)

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        value = value.lower()
        if not USERNAME_PATTERN.match(value):
            raise fail("users.username_invalid")
        return value

    _email = field_validator("email")(check_email)
    _password = field_validator("password")(_check_password_rules)


class UserUpdate(BaseModel):
    display_name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    role: Role
    organisation_id: int | None = None
    certified_innovation_leader_on: date | None = None

    _clean = field_validator("display_name", "email", "organisation_id", mode="before")(clean_text)
    _email = field_validator("email")(check_email)


def _needs_organisation(role: Role, organisation_id: int | None) -> None:
    if organisation_id is None and role in (Role.manager, Role.employee):
        raise ValidationError.single("organisation_id", "users.organisation_required")


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    email: str
    role: str
    organisation_id: int | None
    organisation: str | None
    is_active: bool
    certified_innovation_leader_on: date | None
    locked: bool
    last_login_at: datetime | None


def list_users(
    *,
    session: Session,
    actor: Actor | None,
    search: str | None = None,
    role: Role | None = None,
    organisation_id: int | None = None,
    active: bool | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[UserRow]:
    """Users matching the filters, by name; admins only."""
    require_admin(actor)
    query = select(User, Organisation.short_name).join(
        Organisation, User.organisation_id == Organisation.id, isouter=True
    )
    if (matches := text_matches(search, User.username, User.display_name, User.email)) is not None:
        query = query.where(matches)
    if role:
        query = query.where(User.role == role)
    if organisation_id is not None:
        query = query.where(User.organisation_id == organisation_id)
    if active is not None:
        query = query.where(User.is_active == active)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(query.order_by(func.lower(User.display_name), User.id).offset(offset).limit(limit)).all()
    waiting = login_throttle.waiting_usernames(session, [u.username for u, _ in rows], utcnow())
    items = [
        UserRow(
            id=u.id,
            username=u.username,
            display_name=u.display_name,
            email=u.email,
            role=u.role,
            organisation_id=u.organisation_id,
            organisation=short,
            is_active=u.is_active,
            certified_innovation_leader_on=u.certified_innovation_leader_on,
            locked=u.username in waiting,
            last_login_at=u.last_login_at,
        )
        for u, short in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


def get_user(*, session: Session, actor: Actor | None, user_id: int) -> User:
    """One user's record: admins any, everyone else only themselves."""
    actor = require_login(actor)
    if not actor.is_admin and actor.id != user_id:
        raise PermissionDenied()
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


PEOPLE_FOUND = 20  # people a searched picker offers at once (`found_people`); the search narrows the rest


def user_choices(
    *,
    session: Session,
    actor: Actor | None,
    roles: tuple[Role, ...] | None = None,
    organisation_id: int | None = None,
) -> list[tuple[int, str]]:
    """(id, "Name (username)") of active users, for pickers of a few (an organisation's people, the
    officials); any logged-in user may ask. Pickers among everyone use `found_people`."""
    require_login(actor)
    query = select(User.id, User.display_name, User.username).where(User.is_active)
    if roles:
        query = query.where(col(User.role).in_([r.value for r in roles]))
    if organisation_id is not None:
        query = query.where(User.organisation_id == organisation_id)
    return [(i, f"{name} ({username})") for i, name, username in session.exec(query.order_by(User.display_name))]


def found_people(
    *,
    session: Session,
    actor: Actor | None,
    search: str | None,
    include: tuple[int | None, ...] = (),
    limit: int = PEOPLE_FOUND,
) -> list[tuple[int, str]]:
    """(id, "Name (username)") for a picker among every active user: those whose name or username holds
    every word of `search` (the first `limit`, by name), after the people in `include` (the one chosen
    before, the reader), who are always offered. Searched and capped in SQL: at ten times the region a
    picker of all 10,000 users sent 400 KB with every run of its page. Any logged-in user may ask."""
    require_login(actor)
    columns = (User.id, User.display_name, User.username)
    wanted = [i for i in dict.fromkeys(include) if i is not None]
    rows = (
        list(session.exec(select(*columns).where(col(User.id).in_(wanted)).order_by(User.display_name)))
        if wanted
        else []
    )
    if (matches := text_matches(search, User.display_name, User.username)) is not None:
        query = select(*columns).where(User.is_active, matches, col(User.id).not_in(wanted))
        rows += session.exec(query.order_by(User.display_name, User.id).limit(limit))
    return [(i, f"{name} ({username})") for i, name, username in rows]


# ---------------------------------------------------------------- writing (admin)


def _check_organisation(session: Session, organisation_id: int | None) -> None:
    if organisation_id is not None and session.get(Organisation, organisation_id) is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")


def create_user(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> User:
    """Create an account; admins only. Refuses a taken username with a message on that field."""
    actor = require_admin(actor)
    values = parse(UserCreate, data)
    _needs_organisation(values.role, values.organisation_id)
    _check_organisation(session, values.organisation_id)
    if session.exec(select(User.id).where(User.username == values.username)).first() is not None:
        raise ValidationError.single("username", "users.username_taken", username=values.username)
    user = User(
        username=values.username,
        display_name=values.display_name,
        email=values.email,
        role=values.role,
        organisation_id=values.organisation_id,
        language=values.language,
        password_hash=hash_password(values.password),
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user.created",
        "user",
        user.id,
        username=user.username,
        role=user.role,
        organisation_id=user.organisation_id,
    )
    session.commit()
    return user


def _active_admins(session: Session) -> int:
    return session.exec(select(func.count()).where(User.role == Role.admin, User.is_active)).one()


def update_user(*, session: Session, actor: Actor | None, user_id: int, data: dict[str, Any]) -> User:
    """Change name, e-mail, role, organisation or certification; admins only.

    The last active admin cannot lose the admin role, so that nobody is locked out of administration.
    """
    actor = require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    values = parse(UserUpdate, data)
    _needs_organisation(values.role, values.organisation_id)
    _check_organisation(session, values.organisation_id)
    if user.role == Role.admin and values.role != Role.admin and user.is_active and _active_admins(session) <= 1:
        raise ValidationError.single("role", "users.last_admin")
    changes = {}
    for name in ("display_name", "email", "role", "organisation_id", "certified_innovation_leader_on"):
        new = getattr(values, name)
        if getattr(user, name) != new:
            changes[name] = {"from": getattr(user, name), "to": new}
            setattr(user, name, new)
    if "certified_innovation_leader_on" in changes:
        _certification_changed(session, actor, user, changes["certified_innovation_leader_on"]["from"])
    if changes:
        if "role" in changes:
            _end_sessions(user)  # the new role starts with a new login
        user.updated_at = utcnow()
        audit.record(session, actor, "user.updated", "user", user.id, changes=changes)
        session.commit()
    return user


def _record_certification(session: Session, actor: Actor, user: User, certified: bool, on: date) -> None:
    session.add(CertificationChange(user_id=user.id, certified=certified, changed_on=on, actor_id=actor.id))


def _certification_changed(session: Session, actor: Actor, user: User, before: date | None) -> None:
    """Keep the certification's history: certified from its date, no longer from today when removed; a
    changed date corrects when the latest certification began."""
    after = user.certified_innovation_leader_on
    if after is None:
        _record_certification(session, actor, user, False, history.today())
        return
    latest = session.exec(
        select(CertificationChange)
        .where(CertificationChange.user_id == user.id, col(CertificationChange.certified).is_(True))
        .order_by(col(CertificationChange.changed_on).desc(), col(CertificationChange.id).desc())
    ).first()
    if before is not None and latest is not None:
        latest.changed_on = after
    else:
        _record_certification(session, actor, user, True, after)


def set_active(*, session: Session, actor: Actor | None, user_id: int, active: bool) -> User:
    """Activate or deactivate an account; a deactivated user's sessions and cookies end at once."""
    actor = require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if not active and user.id == actor.id:
        raise ValidationError.single("is_active", "users.cannot_deactivate_self")
    if user.is_active == active:
        return user
    user.is_active = active
    if not active:
        _end_sessions(user)
    if user.certified_innovation_leader_on is not None:
        # A certified leader who leaves stops counting from today, and counts again on coming back.
        _record_certification(session, actor, user, active, history.today())
    user.updated_at = utcnow()
    audit.record(session, actor, "user.activated" if active else "user.deactivated", "user", user.id)
    session.commit()
    return user


def login_waits(*, session: Session, actor: Actor | None, user_id: int) -> bool:
    """Whether some client address must currently wait before trying this user's password; admins only."""
    require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return bool(login_throttle.waiting_usernames(session, [user.username], utcnow()))


def unlock(*, session: Session, actor: Actor | None, user_id: int) -> User:
    """Lift every address's wait for this user (e.g. the owner, who mistyped from several places); admins only."""
    actor = require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    login_throttle.lift(session, username=user.username)
    audit.record(session, actor, "user.unlocked", "user", user.id)
    session.commit()
    return user


def set_password(*, session: Session, actor: Actor | None, user_id: int, password: str) -> None:
    """An admin sets a new password for someone (e.g. one who forgot theirs)."""
    actor = require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    _store_password(session, user, password, actor, "user.password_reset")


def _store_password(session: Session, user: User, password: str, actor: Actor | None, action: str) -> int:
    """Store a new password; every session and cookie issued before ends. Returns the new session version."""
    problem = password_problem(password)
    if problem:
        raise ValidationError({"new_password": problem})
    user.password_hash = hash_password(password)
    login_throttle.lift(session, username=user.username)
    _end_sessions(user)
    user.updated_at = utcnow()
    audit.record(session, actor, action, "user", user.id)
    session.commit()
    return user.session_version


def reset_password_by_username(*, session: Session, username: str, password: str) -> None:
    """For `manage.py reset-password`, run by whoever operates the server."""
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFound("users.unknown_username", username=username)
    _store_password(session, user, password, None, "user.password_reset_cli")


# ---------------------------------------------------------------- one's own profile


def change_own_password(*, session: Session, actor: Actor | None, current: str, new: str, repeat: str) -> int:
    """Change one's own password; the current one must be right and the new one given twice.

    Ends every session of the user, so returns the new session version for the session that asked to
    carry on with.
    """
    actor = require_login(actor)
    user = session.get(User, actor.id)
    if user is None:
        raise NotFound()
    if not password_matches(current or "", user.password_hash):
        raise ValidationError.single("current_password", "users.current_password_wrong")
    if new != repeat:
        raise ValidationError.single("repeat_password", "users.passwords_differ")
    return _store_password(session, user, new, actor, "user.password_changed")


def set_language(*, session: Session, actor: Actor | None, language: str) -> None:
    """Keep the user's choice of interface language."""
    actor = require_login(actor)
    if language not in Language.__members__:
        raise ValidationError.single("language", "errors.not_allowed_value")
    user = session.get(User, actor.id)
    if user is None:
        raise NotFound()
    if user.language != language:
        audit.record(session, actor, "user.language_changed", "user", user.id, language=language)
        user.language = language
        user.updated_at = utcnow()
        session.commit()

"""Who is acting: the `Actor`, read from the database on every run, and the permission checks that
every service uses. The cookie and the session only say who someone claims to be."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from models import Organisation, Role, User
from services.shared.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    """A logged-in, active user as the database knows them right now."""

    id: int | None  # None only for the operator (manage.py), who has no account
    username: str
    display_name: str
    email: str
    role: Role
    organisation_id: int | None
    area_id: int | None
    language: str

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    @property
    def is_council(self) -> bool:
        return self.role == Role.council

    @property
    def is_manager(self) -> bool:
        return self.role == Role.manager

    def manages(self, organisation_id: int | None) -> bool:
        """True for a manager of exactly this organisation."""
        return self.is_manager and organisation_id is not None and organisation_id == self.organisation_id


def operator() -> Actor:
    """Whoever runs `manage.py` on the server: admin rights, no account; audited without a user."""
    return Actor(None, "manage.py", "manage.py", "", Role.admin, None, None, "en")


def load_actor(session: Session, username: str | None) -> Actor | None:
    """The active user called `username`, or None when unknown or deactivated."""
    if not username:
        return None
    row = session.exec(
        select(User, Organisation.area_id)
        .join(Organisation, User.organisation_id == Organisation.id, isouter=True)
        .where(User.username == username.strip().lower(), User.is_active)
    ).first()
    return _actor(*row) if row is not None else None


def session_actor(session: Session, *, user_id: int | None, session_version: int | None) -> Actor | None:
    """The active user `user_id` as the database knows them now, if their sessions have not been ended
    (logout, new password, new role, deactivation) since `session_version` was handed out."""
    if user_id is None or session_version is None:
        return None
    row = session.exec(
        select(User, Organisation.area_id)
        .join(Organisation, User.organisation_id == Organisation.id, isouter=True)
        .where(User.id == user_id, User.is_active, User.session_version == session_version)
    ).first()
    return _actor(*row) if row is not None else None


def _actor(user: User, area_id: int | None) -> Actor:
    return Actor(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        role=Role(user.role),
        organisation_id=user.organisation_id,
        area_id=area_id,
        language=user.language,
    )


def require_login(actor: Actor | None) -> Actor:
    if actor is None:
        raise PermissionDenied("errors.login_required")
    return actor


def require_role(actor: Actor | None, *roles: Role) -> Actor:
    """The actor, if logged in with one of `roles`; otherwise `PermissionDenied`."""
    actor = require_login(actor)
    if actor.role not in roles:
        raise PermissionDenied()
    return actor


def require_admin(actor: Actor | None) -> Actor:
    return require_role(actor, Role.admin)


def require_org_access(actor: Actor | None, organisation_id: int | None) -> Actor:
    """Records of an organisation: admins see all, managers and employees only their own."""
    actor = require_login(actor)
    if actor.is_admin or actor.is_council:
        return actor
    if organisation_id is not None and organisation_id == actor.organisation_id:
        return actor
    raise PermissionDenied()

"""Single sign-on: an identity the organisation's OpenID Connect provider vouches for, matched to a User.

The provider only says who someone is. Whether they may use the app, with which role and organisation,
stays in the User table: an account is matched on its e-mail (or another configured claim); a
deactivated account stays out; and a sign-in from before the account's sessions were last ended
(logout, new role, deactivation) no longer logs in, however long the provider's cookie lives. Unknown
people get a clear refusal, or, when the installation names an organisation claim, an employee account
in the organisation that claim names.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from models import Organisation, Role, User, utcnow
from services.people.users import SessionGrant, actor_of
from services.shared import audit
from services.shared.errors import PermissionDenied
from services.shared.validation import EMAIL_PATTERN
from services.shared.workdays import as_utc

# A password hash that no password matches: an account made by single sign-on has no password.
NO_PASSWORD = "!sso"
# The provider's clock and ours may differ a little; a sign-in this close to a logout still counts as
# older than it, so that a copied provider cookie cannot slip through the gap.
CLOCK_SKEW = timedelta(seconds=5)
_USERNAME_CHARS = re.compile(r"[^a-z0-9._-]+")


class NoAccount(PermissionDenied):
    """The provider knows this person, the app does not (and may not create them)."""

    def __init__(self, key: str = "sso.no_account", **params: Any) -> None:
        super().__init__(key, **params)


class SignInTooOld(PermissionDenied):
    """The provider's sign-in predates the end of the account's sessions: sign in at the provider again."""

    def __init__(self, key: str = "sso.sign_in_again", **params: Any) -> None:
        super().__init__(key, **params)


@dataclass(frozen=True)
class Identity:
    """What the provider's ID token says about the person, as far as the app uses it."""

    match_value: str  # the value of the matching claim (an e-mail address by default), lower-case
    display_name: str
    email: str | None
    organisation: str | None  # the value of the organisation claim, when one is configured
    signed_in_at: datetime | None  # the token's `iat`

    @classmethod
    def from_claims(
        cls, claims: Mapping[str, Any], *, match_claim: str = "email", organisation_claim: str | None = None
    ) -> Identity:
        """Read an identity from the ID token's claims (`st.user`); refuses one without the matching claim
        or with an e-mail the provider says it has not verified."""
        value = claims.get(match_claim)
        if not isinstance(value, str) or not value.strip():
            raise NoAccount("sso.claim_missing", claim=match_claim)
        if claims.get("email_verified") is False and match_claim == "email":
            raise NoAccount("sso.email_unverified")
        email = claims.get("email") if isinstance(claims.get("email"), str) else None
        name = claims.get("name") if isinstance(claims.get("name"), str) else None
        organisation = claims.get(organisation_claim) if organisation_claim else None
        issued = claims.get("iat")
        return cls(
            match_value=value.strip().lower(),
            display_name=(name or value).strip()[:120],
            email=email.strip().lower() if email else None,
            organisation=organisation.strip() if isinstance(organisation, str) and organisation.strip() else None,
            signed_in_at=datetime.fromtimestamp(issued, UTC) if isinstance(issued, (int, float)) else None,
        )


def _matching_users(session: Session, identity: Identity) -> list[User]:
    return list(session.exec(select(User).where(func.lower(User.email) == identity.match_value)).all())


def _organisation_named(session: Session, name: str) -> Organisation | None:
    wanted = name.strip().lower()
    return session.exec(
        select(Organisation).where(
            or_(func.lower(Organisation.name) == wanted, func.lower(Organisation.short_name) == wanted)
        )
    ).first()


def sign_in(
    *,
    session: Session,
    identity: Identity,
    create_users: bool = False,
    address: str | None = None,
    now: datetime | None = None,
) -> SessionGrant:
    """A session for the account `identity` matches, or a domain error that says why not:

    - `NoAccount` when no account has the identity's address (and `create_users` is off, or the
      organisation claim names no known organisation), or when several active accounts share it;
    - `PermissionDenied("auth.deactivated")` when the account is deactivated;
    - `SignInTooOld` when the provider's sign-in is older than the last end of the account's sessions.

    With `create_users`, an unknown person whose organisation claim names an organisation (its name or
    short name) gets an employee account there, audited as made by single sign-on. Commits.
    """
    now = now or utcnow()
    found = _matching_users(session, identity)
    active = [user for user in found if user.is_active]
    if len(active) > 1:
        raise NoAccount("sso.ambiguous")
    if not active and found:
        raise PermissionDenied("auth.deactivated")
    if not active:
        if not create_users:
            raise NoAccount()
        user = _create_employee(session, identity, now)
    else:
        user = active[0]
    ended = as_utc(user.sessions_ended_at) if user.sessions_ended_at else None
    if ended is not None and (identity.signed_in_at is None or identity.signed_in_at <= ended + CLOCK_SKEW):
        raise SignInTooOld()
    user.last_login_at = now
    user.updated_at = now
    audit.record(
        session, actor_of(user), "user.login", "user", user.id, moves_data=False, method="sso", address=address or ""
    )
    session.commit()
    return SessionGrant(user.id, user.session_version)


def _create_employee(session: Session, identity: Identity, now: datetime) -> User:
    organisation = _organisation_named(session, identity.organisation) if identity.organisation else None
    if organisation is None:
        raise NoAccount()
    email = identity.email or identity.match_value
    if not EMAIL_PATTERN.match(email):
        raise NoAccount()
    user = User(
        username=_free_username(session, email),
        display_name=identity.display_name,
        email=email,
        role=Role.employee,
        organisation_id=organisation.id,
        password_hash=NO_PASSWORD,
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        None,
        "user.created",
        "user",
        user.id,
        username=user.username,
        role=user.role,
        organisation_id=user.organisation_id,
        by="sso",
        claim_value=identity.organisation,
    )
    return user


def _free_username(session: Session, email: str) -> str:
    """A username from the address's local part (`anna.andersson`), with a number when it is taken."""
    base = _USERNAME_CHARS.sub("", email.split("@", 1)[0].lower()).strip("._-")[:50] or "user"
    if len(base) < 2:
        base = f"{base}-user"
    candidate = base
    for number in range(2, 1000):
        if session.exec(select(User.id).where(User.username == candidate)).first() is None:
            return candidate
        candidate = f"{base}{number}"
    return f"{base}-{secrets.token_hex(4)}"

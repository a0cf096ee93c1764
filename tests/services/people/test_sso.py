"""Single sign-on: the provider's identity matched to the User table, which keeps role, organisation,
deactivation and the end of sessions; unknown people refused or, when configured, created as employees;
password login limited by the installation's setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from models import AuditLog, Organisation, Role, User, utcnow
from services.people import sso, users
from services.people.auth import operator, session_actor
from services.shared.errors import PermissionDenied
from settings import password_login
from tests.conftest import actor

EMPLOYEE_EMAIL = "sofia.karlsson@demo.regionstockholm.example"


def _claims(email: str = EMPLOYEE_EMAIL, at: datetime | None = None, **more: object) -> dict[str, object]:
    issued = at or utcnow()
    return {"sub": "abc-123", "email": email, "name": "Sofia K", "iat": int(issued.timestamp()), **more}


def _identity(**kwargs: object) -> sso.Identity:
    return sso.Identity.from_claims(_claims(**kwargs), organisation_claim="department")


def _user(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def test_an_identity_is_matched_on_email_and_gets_the_accounts_role_and_session(session: Session) -> None:
    grant = sso.sign_in(session=session, identity=_identity(email=EMPLOYEE_EMAIL.upper()), address="198.51.100.7")
    user = _user(session, EMPLOYEE_EMAIL)
    assert grant == users.SessionGrant(user.id, user.session_version)
    current = session_actor(session, user_id=grant.user_id, session_version=grant.session_version)
    assert (current.username, current.role) == ("employee", Role.employee)
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.login", AuditLog.entity_id == user.id)).one()
    assert entry.details == {"method": "sso", "address": "198.51.100.7"}


def test_another_claim_can_be_the_one_matched(session: Session) -> None:
    claims = {"sub": "x", "upn": EMPLOYEE_EMAIL, "iat": int(utcnow().timestamp())}
    identity = sso.Identity.from_claims(claims, match_claim="upn")
    assert sso.sign_in(session=session, identity=identity).user_id == _user(session, EMPLOYEE_EMAIL).id
    with pytest.raises(sso.NoAccount) as missing:
        sso.Identity.from_claims(claims)  # matched on email, which this provider did not send
    assert missing.value.params == {"claim": "email"}


def test_an_unverified_email_is_refused() -> None:
    with pytest.raises(sso.NoAccount) as refused:
        sso.Identity.from_claims(_claims(email_verified=False))
    assert refused.value.key == "sso.email_unverified"


def test_an_unknown_person_is_refused_and_nothing_is_written(session: Session) -> None:
    before = session.exec(select(func.count()).select_from(User)).one()
    with pytest.raises(sso.NoAccount) as refused:
        sso.sign_in(session=session, identity=_identity(email="okand@example.org"))
    assert refused.value.key == "sso.no_account"
    assert session.exec(select(func.count()).select_from(User)).one() == before


def test_a_deactivated_account_stays_out(session: Session) -> None:
    with pytest.raises(PermissionDenied) as refused:
        sso.sign_in(session=session, identity=_identity(email="gustav.nyberg@demo.regionstockholm.example"))
    assert refused.value.key == "auth.deactivated"
    assert not isinstance(refused.value, sso.NoAccount)


def test_a_sign_in_from_before_the_sessions_ended_no_longer_logs_in(session: Session) -> None:
    """Logout, a new role and deactivation end sessions; the provider's cookie, issued before, does not
    bring them back. A new sign-in at the provider does."""
    signed_in = utcnow() - timedelta(minutes=10)
    grant = sso.sign_in(session=session, identity=_identity(at=signed_in))
    users.log_out(session=session, actor=actor(session, "employee"))
    assert session_actor(session, user_id=grant.user_id, session_version=grant.session_version) is None
    with pytest.raises(sso.SignInTooOld):
        sso.sign_in(session=session, identity=_identity(at=signed_in))
    with pytest.raises(sso.SignInTooOld):  # no time at all counts as old
        sso.sign_in(session=session, identity=sso.Identity.from_claims({"email": EMPLOYEE_EMAIL}))
    later = sso.sign_in(session=session, identity=_identity(at=utcnow() + sso.CLOCK_SKEW + timedelta(seconds=1)))
    assert later.session_version == grant.session_version + 1


def test_a_role_change_ends_an_sso_session(session: Session) -> None:
    signed_in = utcnow() - timedelta(minutes=1)
    grant = sso.sign_in(session=session, identity=_identity(at=signed_in))
    user = _user(session, EMPLOYEE_EMAIL)
    data = {"display_name": user.display_name, "email": user.email, "role": "manager"}
    users.update_user(
        session=session, actor=operator(), user_id=user.id, data=data | {"organisation_id": user.organisation_id}
    )
    assert session_actor(session, user_id=grant.user_id, session_version=grant.session_version) is None
    with pytest.raises(sso.SignInTooOld):
        sso.sign_in(session=session, identity=_identity(at=signed_in))


def test_several_active_accounts_with_one_address_are_not_guessed_between(session: Session) -> None:
    twin = _user(session, EMPLOYEE_EMAIL)
    session.add(User(username="sofia2", display_name="S", email=twin.email, role="employee", password_hash="!"))
    session.commit()
    with pytest.raises(sso.NoAccount) as refused:
        sso.sign_in(session=session, identity=_identity())
    assert refused.value.key == "sso.ambiguous"


def test_when_configured_an_unknown_person_becomes_an_employee_of_the_named_organisation(session: Session) -> None:
    identity = _identity(email="ny.kollega@demo.regionstockholm.example", department="södersjukhuset ab")
    grant = sso.sign_in(session=session, identity=identity, create_users=True)
    user = session.get(User, grant.user_id)
    organisation = session.get(Organisation, user.organisation_id)
    assert (user.username, user.role, user.is_active) == ("ny.kollega", "employee", True)
    assert organisation.name == "Södersjukhuset AB"
    assert not users.password_matches("", user.password_hash)  # no password logs in to it
    created = session.exec(
        select(AuditLog).where(AuditLog.action == "user.created", AuditLog.entity_id == user.id)
    ).one()
    assert created.actor_id is None
    assert created.details["by"] == "sso" and created.details["claim_value"] == "södersjukhuset ab"
    # The next sign-in finds the same account.
    assert sso.sign_in(session=session, identity=identity, create_users=True).user_id == user.id


def test_a_taken_username_gets_a_number(session: Session) -> None:
    identity = _identity(email="employee@elsewhere.example", department="SöS")
    user = session.get(User, sso.sign_in(session=session, identity=identity, create_users=True).user_id)
    assert user.username == "employee2"


def test_an_unknown_organisation_claim_creates_nobody(session: Session) -> None:
    before = session.exec(select(func.count()).select_from(User)).one()
    for department in ("Okänd förvaltning", None):
        with pytest.raises(sso.NoAccount):
            sso.sign_in(
                session=session, identity=_identity(email="x@example.org", department=department), create_users=True
            )
    assert session.exec(select(func.count()).select_from(User)).one() == before


@pytest.mark.parametrize(
    ("policy", "admin_may", "employee_may"),
    [("all", True, True), ("admins", True, False), ("off", False, False)],
)
def test_password_login_follows_the_installations_setting(
    engine: Engine, policy: str, admin_may: bool, employee_may: bool
) -> None:
    for username, may in (("admin", admin_may), ("employee", employee_may)):
        if may:
            assert users.authenticate(engine=engine, username=username, password="demo1234", policy=policy)
        else:
            with pytest.raises(PermissionDenied) as refused:
                users.authenticate(engine=engine, username=username, password="demo1234", policy=policy)
            assert refused.value.key == "login.password_off"
    # A wrong password stays a wrong password, whatever the setting.
    assert users.authenticate(engine=engine, username="employee", password="fel", policy=policy) is None


def test_the_password_login_setting_is_read_safely() -> None:
    assert password_login({}) == "all"
    assert password_login({"INNOVATION_PASSWORD_LOGIN": " Off "}) == "off"
    assert password_login({"INNOVATION_PASSWORD_LOGIN": "admins"}) == "admins"
    assert password_login({"INNOVATION_PASSWORD_LOGIN": "nej"}) == "admins"  # a typo never opens it to all


def test_sign_in_time_is_read_from_iat() -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert sso.Identity.from_claims(_claims(at=at)).signed_in_at == at

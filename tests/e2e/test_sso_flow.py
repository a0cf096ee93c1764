"""In a real browser, against a real OpenID Connect provider started here (`oidc-provider-mock`): single
sign-on through Streamlit's `st.login`, matched on e-mail to the User table.

The app runs as its own process with `[auth]` in a secrets file of its own, on a copy of the demo
database, configured as a region that signs in through its identity provider: password login for
break-glass admins only, and unknown people whose `department` claim names an organisation get an
employee account there.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from oidc_provider_mock import User as ProviderUser
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Page, expect
from sqlmodel import select

import db
import i18n
import models as m
from components.navigation import visible_specs
from models import Role
from services.people import sso, users
from services.people.auth import Actor, operator
from services.shared.workdays import as_utc
from tests.e2e.conftest import app_environment, copy_database, free_port, running_app
from tests.e2e.helpers import expect_menu, has_login_cookie, submit_login

MANAGER = "anders.lindqvist@demo.regionstockholm.example"  # `manager` in the demo data
EMPLOYEE = "sofia.karlsson@demo.regionstockholm.example"  # `employee`
NEWCOMER = "ny.kollega@demo.regionstockholm.example"  # nobody in the demo data
CONTACT = "innovation@demo.regionstockholm.example"
LOGOUT_MS = 60_000


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The identity provider's base URL. Its one predefined person has a `department` claim."""
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the provider serves plain http on localhost
    newcomer = ProviderUser(
        sub=NEWCOMER, claims={"email": NEWCOMER, "name": "Nora Nykvist", "department": "Södersjukhuset AB"}
    )
    with run_server_in_thread(user_claims=[newcomer]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def sso_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sso")


@pytest.fixture(scope="module")
def sso_database(live_app: str, live_db_url: str, sso_workdir: Path) -> str:
    """A copy of the live app's demo database (prepared once it runs), for the app that signs in through
    the provider."""
    return copy_database(live_db_url, sso_workdir / "innovation.db")


@pytest.fixture(scope="module")
def sso_app(provider: str, sso_database: str, sso_workdir: Path) -> Iterator[str]:
    port = free_port()
    secrets_file = sso_workdir / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "innovationsportalen"\n'
        f'client_secret = "{secrets.token_urlsafe(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = app_environment(
        sso_database,
        INNOVATION_PASSWORD_LOGIN="admins",
        INNOVATION_SSO_ORGANISATION_CLAIM="department",
        INNOVATION_ACCESS_CONTACT=CONTACT,
    )
    with running_app(sso_workdir, env, "--secrets.files", str(secrets_file), port=port) as url:
        yield url


def _sign_in_at_provider(page: Page, app: str, email: str) -> None:
    page.goto(app)
    page.get_by_role("button", name="Logga in med ditt organisationskonto").click()
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize", exact=True).click()


def _wait_until_a_sign_in_is_newer_than_the_end(database: str, user_id: int) -> None:
    """The provider stamps a sign-in (`iat`) in whole seconds; the app takes one as newer than the end of
    the account's sessions only past `sso.CLOCK_SKEW`. A person signs in again minutes later; a test,
    seconds later, so it waits out that rule (a fixed span of the domain, not a race)."""
    engine = db.make_engine(database)
    with db.read_session(engine) as session:
        ended = as_utc(session.get(m.User, user_id).sessions_ended_at)
    engine.dispose()
    remaining = (ended + sso.CLOCK_SKEW + timedelta(seconds=1) - datetime.now(UTC)).total_seconds()
    if remaining > 0:
        time.sleep(remaining)


def _titles(role: Role) -> list[str]:
    return [i18n.t(s.title_key) for s in visible_specs(Actor(1, "x", "x", "x", role, None, None, "sv")) if s.in_menu]


def test_a_user_signs_in_through_the_provider_and_lands_on_their_roles_pages(page: Page, sso_app: str) -> None:
    _sign_in_at_provider(page, sso_app, MANAGER)
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect_menu(page, _titles(Role.manager))
    expect(page.get_by_text("Inloggad som Anders Lindqvist")).to_be_visible()
    assert has_login_cookie(page), "the app moved on before the browser held the login cookie"
    page.reload()
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()

    # Logging out ends the sign-in at the provider too, and the provider's identity is forgotten here.
    # The click waits for the navigation it starts, which passes three servers (the app's rerun, its
    # /auth/logout asking the provider for its end-session address, the provider): slow on a busy box.
    page.get_by_role("button", name="Logga ut").click(timeout=LOGOUT_MS)
    page.get_by_role("button", name="End session").click(timeout=LOGOUT_MS)
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Logga in med ditt organisationskonto")).to_be_visible()
    expect(page.get_by_text("Inloggad som")).to_have_count(0)


def test_an_unknown_email_is_told_to_ask_the_innovation_team(page: Page, sso_app: str) -> None:
    _sign_in_at_provider(page, sso_app, "okand.person@example.org")
    expect(page.get_by_role("heading", name="Du har inget konto här ännu")).to_be_visible()
    expect(page.get_by_text("okand.person@example.org")).to_be_visible()
    expect(page.get_by_text(f"Be innovationsteamet om åtkomst: skriv till {CONTACT}")).to_be_visible()
    expect(page.get_by_text("Inloggad som")).to_have_count(0)
    # Public pages stay open to them.
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Lämna en idé")).to_be_visible()


def test_a_new_role_ends_the_sso_session_and_the_providers_cookie_does_not_bring_it_back(
    page: Page, sso_app: str, sso_database: str
) -> None:
    _sign_in_at_provider(page, sso_app, EMPLOYEE)
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect_menu(page, _titles(Role.employee))

    engine = db.make_engine(sso_database)
    with db.write_session(engine) as session:
        user = session.exec(select(m.User).where(m.User.username == "employee")).one()
        user_id = user.id
        users.update_user(
            session=session,
            actor=operator(),
            user_id=user.id,
            data={
                "display_name": user.display_name,
                "email": user.email,
                "role": "manager",
                "organisation_id": user.organisation_id,
            },
        )
    engine.dispose()

    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Mina idéer").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    page.reload()  # Streamlit's identity cookie is still there, but its sign-in predates the change
    expect(page.get_by_text("Din inloggning har avslutats")).to_be_visible()
    expect(page.get_by_text("Inloggad som")).to_have_count(0)

    # A new sign-in at the provider logs in again, with the new role, once it is newer than the change by
    # more than the clock skew the app allows the provider (a sign-in within it counts as older).
    page.get_by_role("button", name="Logga in med ditt organisationskonto").click()
    page.get_by_placeholder("sub").fill(EMPLOYEE)
    _wait_until_a_sign_in_is_newer_than_the_end(sso_database, user_id)
    page.get_by_role("button", name="Authorize", exact=True).click()
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect_menu(page, _titles(Role.manager))


def test_a_newcomer_whose_department_is_known_becomes_an_employee_there(
    page: Page, sso_app: str, sso_database: str
) -> None:
    page.goto(sso_app)
    page.get_by_role("button", name="Logga in med ditt organisationskonto").click()
    page.get_by_role("button", name=NEWCOMER).click()  # the provider's predefined person, with a department
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect_menu(page, _titles(Role.employee))

    engine = db.make_engine(sso_database)
    with db.read_session(engine) as session:
        user = session.exec(select(m.User).where(m.User.email == NEWCOMER)).one()
        organisation = session.get(m.Organisation, user.organisation_id)
        created = session.exec(
            select(m.AuditLog).where(m.AuditLog.action == "user.created", m.AuditLog.entity_id == user.id)
        ).one()
    engine.dispose()
    assert (user.username, user.display_name, user.role) == ("ny.kollega", "Nora Nykvist", "employee")
    assert organisation.name == "Södersjukhuset AB"
    assert created.details["by"] == "sso"


def test_password_login_is_kept_for_break_glass_admins_only(page: Page, sso_app: str) -> None:
    page.goto(sso_app)
    submit_login(page, "employee.sl")
    expect(page.get_by_text("Det här kontot loggar in med organisationskontot, inte med lösenord.")).to_be_visible()
    expect(page.get_by_text("Inloggad som")).to_have_count(0)
    submit_login(page, "admin")
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    expect_menu(page, _titles(Role.admin))

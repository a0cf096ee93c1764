"""In a real browser: each role logs in through the form, sees exactly its pages, and logs out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

import db
import i18n
from components.navigation import visible_specs
from models import Role
from services.people import users
from services.people.auth import Actor
from services.people.login_throttle import FREE_PER_USERNAME
from settings import COOKIE_NAME
from tests.e2e.helpers import expect_menu, has_login_cookie, log_in, log_out, submit_login


def _expected_titles(role: Role) -> list[str]:
    return [i18n.t(s.title_key) for s in visible_specs(Actor(1, "x", "x", "x", role, None, None, "sv")) if s.in_menu]


@pytest.mark.parametrize(("username", "role"), [("admin", Role.admin), ("employee", Role.employee)])
def test_role_sees_exactly_its_pages_and_logs_out(page: Page, live_app: str, username: str, role: Role) -> None:
    log_in(page, live_app, username)
    expect_menu(page, _expected_titles(role))
    # Figures computed from the demo database, not placeholders.
    expect(page.get_by_text("Idéer totalt")).to_be_visible()
    # The session survives a reload (the re-login cookie was written after login).
    page.reload()
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    log_out(page)
    expect_menu(page, _expected_titles_logged_out())
    # ...and stays logged out after a reload: the cookie is gone.
    page.reload()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


def _expected_titles_logged_out() -> list[str]:
    titles = [i18n.t(s.title_key) for s in visible_specs(None) if s.in_menu]
    return titles if len(titles) > 1 else []  # a single page gets no menu


def test_page_language_is_swedish(page: Page, live_app: str) -> None:
    page.goto(live_app)
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_wrong_password_gets_the_calm_message(page: Page, live_app: str) -> None:
    page.goto(live_app)
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill("fel-losenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Användarnamnet eller lösenordet stämmer inte.")).to_be_visible()


def test_a_click_right_after_login_is_kept_and_so_is_the_cookie(page: Page, live_app: str) -> None:
    """Login is one step: the menu changes only once the browser holds the cookie, and nothing reruns
    the app after that, so the first click lands and a reload keeps the user logged in."""
    for _ in range(3):
        page.goto(live_app)
        submit_login(page, "employee")
        mine = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Mina idéer")
        mine.click()  # as soon as the logged-in menu is there
        expect(page.get_by_role("heading", name="Mina idéer")).to_be_visible()
        assert has_login_cookie(page)
        page.reload()
        expect(page.get_by_role("heading", name="Mina idéer")).to_be_visible()
        log_out(page)


def test_a_copied_cookie_is_worthless_after_logout(browser, page: Page, live_app: str) -> None:
    log_in(page, live_app, "manager")
    copied = [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]
    log_out(page)
    thief = browser.new_context(locale="sv-SE")
    try:
        thief.add_cookies(copied)
        other = thief.new_page()
        other.goto(live_app)
        expect(other.get_by_role("heading", name="Logga in")).to_be_visible()
        expect(other.get_by_text("Inloggad som")).to_have_count(0)
    finally:
        thief.close()


def test_guesses_from_one_address_do_not_keep_the_owner_out(browser, live_app: str, live_db_url: str) -> None:
    """Waits belong to the client address (behind a proxy, the one it forwards), never to the account."""
    engine = db.make_engine(live_db_url)
    for _ in range(FREE_PER_USERNAME):  # someone elsewhere guesses the admin's password
        users.authenticate(engine=engine, username="helena.forsberg", password="gissning", address="203.0.113.66")
    engine.dispose()
    guesser = browser.new_context(locale="sv-SE", extra_http_headers={"X-Forwarded-For": "203.0.113.66"})
    owner = browser.new_context(locale="sv-SE", extra_http_headers={"X-Forwarded-For": "198.51.100.7"})
    try:
        page = guesser.new_page()
        page.goto(live_app)
        submit_login(page, "helena.forsberg")  # even the right password waits, from there
        expect(page.get_by_text("För många felaktiga inloggningsförsök härifrån. Vänta 1 min")).to_be_visible()
        page = owner.new_page()
        page.goto(live_app)
        submit_login(page, "helena.forsberg")
        expect(page.get_by_role("heading", name="Översikt")).to_be_visible()
    finally:
        guesser.close()
        owner.close()

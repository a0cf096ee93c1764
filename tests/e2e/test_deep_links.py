"""In a real browser: a link to a page works for whoever follows it, without Streamlit's "Page not found".

This file sorts first among the browser tests, so its first test is the app's first browser session: the one
Streamlit would serve in its legacy mode had `manage.py serve` not switched that off.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import has_login_cookie, submit_login


def test_link_to_a_protected_page_asks_for_login_then_opens_it(page: Page, live_app: str) -> None:
    page.goto(f"{live_app}/handelselogg")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    submit_login(page, "admin")
    expect(page.get_by_role("heading", name="Händelselogg")).to_be_visible()
    assert has_login_cookie(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)

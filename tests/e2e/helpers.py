"""Steps a person takes in the browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from settings import COOKIE_NAME

LOGIN_MS = 60_000


def log_in(page: Page, base_url: str, username: str, password: str = "demo1234") -> None:
    page.goto(base_url)
    submit_login(page, username, password)
    # A login is a bcrypt check, the browser's word that it holds the cookie, and Översikt's first count:
    # on a box shared by several test runs that can take longer than one ordinary step.
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible(timeout=LOGIN_MS)
    assert has_login_cookie(page), "the app moved on before the browser held the login cookie"


def submit_login(page: Page, username: str, password: str = "demo1234") -> None:
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in", exact=True).click()


def has_login_cookie(page: Page) -> bool:
    return any(c["name"] == COOKIE_NAME for c in page.context.cookies())


def menu_titles(page: Page) -> list[str]:
    """The page titles offered in the sidebar menu (call once the page's heading is visible).

    Streamlit shows no menu at all when there is only one page.
    """
    links = page.locator('[data-testid="stSidebarNav"] a')
    # Each link reads "<icon name>\n\n<title>"; the title is the last line.
    return [t.strip().splitlines()[-1] for t in links.all_inner_texts()]


def run_finished(page: Page) -> None:
    """Wait until the app has finished the run whose result the test has just seen begin (a heading, a
    message): a list opened while that run still draws the page is redrawn shut."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1)


def log_out(page: Page) -> None:
    """Log out. The app may delete the cookie a moment later: it no longer logs anyone in either way."""
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


def settled(page: Page) -> None:
    """Wait until the app has finished the run that the last click started."""
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=20_000)


def open_from_menu(page: Page, title: str) -> None:
    """Click `title` in the sidebar menu and wait for the page's heading and its run to finish."""
    settled(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=20_000)  # two cores, four helpers
    settled(page)


def choose(page: Page, key: str, option: str) -> None:
    """Pick the option containing `option` in the selectbox whose widget key is `key`."""
    page.locator(f".st-key-{key}").click()
    page.keyboard.type(option)  # long lists are virtualised: filter first so that the option is drawn
    page.get_by_role("option").filter(has_text=option).first.click()
    expect(page.locator(f".st-key-{key} input")).to_have_value(re.compile(re.escape(option)))
    settled(page)

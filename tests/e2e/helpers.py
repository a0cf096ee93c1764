"""Steps a person takes in the browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def log_in(page: Page, base_url: str, username: str, password: str = "demo1234") -> None:
    page.goto(base_url)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible()


def menu_titles(page: Page) -> list[str]:
    """The page titles offered in the sidebar menu (call once the page's heading is visible).

    Streamlit shows no menu at all when there is only one page.
    """
    links = page.locator('[data-testid="stSidebarNav"] a')
    # Each link reads "<icon name>\n\n<title>"; the title is the last line.
    return [t.strip().splitlines()[-1] for t in links.all_inner_texts()]


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()

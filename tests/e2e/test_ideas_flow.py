"""In a real browser: a visitor submits an idea with an HTML payload in its title and follows it with the
private link shown once; an admin moves it to Bedömning; the tracking page, given the code, then says
Bedömning. The payload is text throughout."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import log_in

PAYLOAD = '<img src=x onerror="document.title=1"><b>Fet</b> **inte fet**'


def _open(page: Page, url: str, heading: str | re.Pattern[str]) -> None:
    """Go straight to a public page's address. On such a direct load this app's Streamlit shows its
    "Page not found" notice over the correctly loaded page; a person closes it, and so do we."""
    page.goto(url)
    title = page.get_by_role("heading", name=heading)
    notice = page.get_by_text("Page not found")
    expect(title.or_(notice).first).to_be_visible()
    if notice.count():
        page.keyboard.press("Escape")
        expect(notice).to_have_count(0)
    expect(title).to_be_visible()


def _submit_idea(page: Page, base_url: str) -> tuple[str, str, str]:
    """Submit an idea; (reference, private link, tracking code) as the receipt shows them."""
    _open(page, f"{base_url}/lamna-ide", "Lämna en idé")
    page.get_by_role("textbox", name="Rubrik").fill(PAYLOAD)
    page.get_by_role("textbox", name="Behov eller problem").fill("Det är svårt att hitta rätt entré på sjukhuset.")
    page.get_by_role("textbox", name="Förslag på lösning").fill("Färgade linjer i golvet till varje mottagning.")
    page.get_by_text("Hälso- och sjukvård", exact=True).click()
    page.get_by_text("Patient", exact=True).click()
    page.get_by_text("Social nytta", exact=True).click()
    page.get_by_role("button", name="Skicka idén").click()
    confirmation = page.get_by_text("Din idé har tagits emot med referensen")
    expect(confirmation).to_be_visible()
    match = re.search(r"IDE-\d{4}-\d{5,}", confirmation.inner_text())
    assert match, confirmation.inner_text()
    blocks = page.locator('[data-testid="stCode"]')
    expect(blocks).to_have_count(2)  # drawn just after the confirmation
    link, code = (block.inner_text().strip() for block in blocks.all())
    assert link == f"{base_url}/folj-ide?kod={code}"
    return match.group(0), link, code


def _menu(page: Page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def _follow(page: Page, code: str) -> None:
    page.get_by_role("textbox", name="Spårningskod eller länk").fill(code)
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text(PAYLOAD, exact=True)).to_be_visible()  # the payload as text, not markup


def test_visitor_submits_and_follows_an_idea_that_an_admin_moves(page: Page, live_app: str) -> None:
    ref, link, code = _submit_idea(page, live_app)
    _open(page, f"{live_app}/folj-ide", "Följ din idé")
    page.get_by_role("textbox", name="Spårningskod eller länk").fill(ref)  # the reference alone: nothing
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("Referensen ensam visar inte idén")).to_be_visible()
    expect(page.get_by_text(PAYLOAD, exact=True)).to_have_count(0)
    _open(page, link, "Följ din idé")  # the private link opens the idea directly
    expect(page.get_by_text(PAYLOAD, exact=True)).to_be_visible()
    stage = page.get_by_test_id("stMetric").filter(has_text="Steg")
    expect(stage).to_contain_text("Inkommen")
    assert page.locator("b", has_text="Fet").count() == 0 and page.title() != "1"

    log_in(page, live_app, "admin")
    _menu(page, "Idéhantering")
    page.get_by_role("textbox", name="Sök").fill(ref)
    page.get_by_role("textbox", name="Sök").press("Enter")
    expect(page.get_by_text(re.compile("Visar 1–1 av 1"))).to_be_visible()
    open_button = page.get_by_role("button", name="Öppna", exact=True)
    expect(open_button).to_have_count(1)  # the list before the search has left the page
    open_button.click()
    expect(page.get_by_role("heading", name=re.compile(re.escape(ref)))).to_be_visible()
    page.get_by_role("radio", name="Bedömning").check()
    page.get_by_role("button", name="Flytta", exact=True).click()
    expect(page.get_by_text("Idén är flyttad till Bedömning.")).to_be_visible()

    _menu(page, "Följ din idé")
    _follow(page, code)
    expect(page.get_by_test_id("stMetric").filter(has_text="Steg")).to_contain_text("Bedömning")

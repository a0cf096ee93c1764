"""In a real browser, two app processes on one database, as behind a load balancer: an idea sent through
one process appears on the other's Rådsläge at its next refresh, and the other's cached pages show it
at their next run. Nothing that must be shared lives in one process's memory: the figures are read
from the database, and every cache is keyed on the database's data version, which the write moved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import app_environment, running_app
from tests.e2e.helpers import STEP_MS, log_in, open_from_menu

# On a machine shared by several test runs a recount may itself take a while: the change must show
# within one refresh period (as Rådsläge states it) plus one slow run.
SLOW_RUN_MS = STEP_MS


@pytest.fixture(scope="module")
def second_app(live_app: str, live_db_url: str, live_workdir: Path) -> Iterator[str]:
    """A second app process on the live app's database (started once that one has prepared it)."""
    with running_app(live_workdir, app_environment(live_db_url), log_name="streamlit-second.log") as url:
        yield url


def _refresh_ms(page: Page) -> int:
    """Rådsläge's refresh period, as its caption tells the council ("räknas om var 5:e sekund")."""
    caption = page.get_by_text(re.compile(r"räknas om var \d+:e sekund"))
    expect(caption).to_be_visible()
    return int(re.search(r"var (\d+):e sekund", caption.inner_text()).group(1)) * 1000


def _number(value: int) -> re.Pattern[str]:
    """`value` as a tile shows it, whatever thousands separator the formatting puts between its digits."""
    return re.compile(r"^\D*" + r"\D?".join(str(value)) + r"\D*$")


def _ideas_received(page: Page) -> int:
    tile = page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first
    return int(re.sub(r"\D", "", tile.get_by_test_id("stMetricValue").inner_text()))


def _overview_total(page: Page) -> int:
    tile = page.get_by_test_id("stMetric").filter(has_text="Idéer totalt").first
    return int(re.sub(r"\D", "", tile.get_by_test_id("stMetricValue").inner_text()))


def _submit_idea_as_visitor(browser: Browser, base_url: str) -> str:
    """Send an idea through the public form of the app at `base_url`; returns its reference."""
    # An address of its own: the public-write limit counts per client, and other tests send ideas too.
    visitor = browser.new_context(locale="sv-SE", extra_http_headers={"X-Forwarded-For": "198.51.100.42"})
    try:
        page = visitor.new_page()
        page.goto(base_url)
        open_from_menu(page, "Lämna en idé")
        page.get_by_role("textbox", name="Rubrik").fill("Skyltar på lättläst svenska i entrén")
        page.get_by_role("textbox", name="Behov eller problem").fill("Besökare hittar inte rätt mottagning.")
        page.get_by_role("textbox", name="Förslag på lösning").fill("Skyltar med piktogram och lättläst text.")
        page.get_by_text("Hälso- och sjukvård", exact=True).click()
        page.get_by_text("Patient", exact=True).click()
        page.get_by_text("Social nytta", exact=True).click()
        page.get_by_role("button", name="Skicka idén").click()
        confirmation = page.get_by_text("Din idé har tagits emot med referensen")
        expect(confirmation).to_be_visible()
        match = re.search(r"IDE-\d{4}-\d{5,}", confirmation.inner_text())
        assert match, confirmation.inner_text()
        return match.group(0)
    finally:
        visitor.close()


def test_an_idea_sent_through_one_process_appears_on_the_others_council_screen(
    browser: Browser, page: Page, live_app: str, second_app: str
) -> None:
    assert live_app != second_app
    log_in(page, live_app, "council")
    total_before = _overview_total(page)  # Översikt's figures are cached in this process
    open_from_menu(page, "Rådsläge")
    tile = page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first
    expect(tile).to_be_visible()
    before = _ideas_received(page)
    one_refresh_ms = _refresh_ms(page)

    _submit_idea_as_visitor(browser, second_app)

    # No click, no reload in the first process: its next automatic refresh shows the new idea.
    expect(tile.get_by_test_id("stMetricValue")).to_have_text(_number(before + 1), timeout=one_refresh_ms + SLOW_RUN_MS)
    # And its cache of Översikt, filled before the idea came, is not served stale.
    open_from_menu(page, "Översikt")
    expect(
        page.get_by_test_id("stMetric").filter(has_text="Idéer totalt").first.get_by_test_id("stMetricValue")
    ).to_have_text(_number(total_before + 1))

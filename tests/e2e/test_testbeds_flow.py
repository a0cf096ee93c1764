"""In a real browser: a visitor finds a testbed, asks to use it and gets a reference; the owning
organisation's manager sees the request in the inbox and answers; the answer time shows in the figures."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import STEP_MS, log_in

# A planned culture testbed without requests in the demo, run by Kulturförvaltningen (manager.kultur).
TESTBED = "Gestaltningslabb"
WAIT = STEP_MS


def test_visitor_request_is_answered_and_timed(page: Page, live_app: str) -> None:
    # Start at the root, as a visitor would (on this branch a deep link as the very first load of a fresh
    # browser showed Streamlit's "Page not found" dialog over the page, even for /logga-in).
    page.goto(live_app)
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible(timeout=WAIT)
    page.goto(f"{live_app}/testmiljoer")
    expect(page.get_by_role("heading", name="Testmiljöer", exact=True)).to_be_visible(timeout=WAIT)
    page.get_by_label("Sök").fill("gestaltningslabb")
    page.get_by_label("Sök").press("Enter")
    expect(page.get_by_role("heading", name="1 testmiljö", exact=True)).to_be_visible(timeout=WAIT)
    open_buttons = page.get_by_role("button", name="Läs mer och gör en förfrågan")
    expect(open_buttons).to_have_count(1, timeout=WAIT)  # the other cards are gone once the search has run
    open_buttons.click()
    expect(page.get_by_role("heading", name=re.compile(TESTBED))).to_be_visible(timeout=WAIT)

    page.get_by_label("Namn (obligatoriskt)", exact=True).fill("Eva Testare")
    page.get_by_label("Organisation", exact=True).fill("Ljusdesign AB")
    page.get_by_label("E-post (obligatoriskt)", exact=True).fill("eva@ljusdesign.example")
    page.get_by_role("textbox", name="Vad vill du testa?").fill("Vi vill prova dynamisk belysning i ett väntrum.")
    page.get_by_text("Jag samtycker till").click()
    page.get_by_role("button", name="Skicka förfrågan").click()
    receipt = page.get_by_text(re.compile(r"har tagits emot med referens"))
    expect(receipt).to_be_visible(timeout=WAIT)
    ref = re.search(r"TMR-\d{4}-\d{4}", receipt.inner_text()).group(0)

    log_in(page, live_app, "manager.kultur")
    page.get_by_role("link", name="Förfrågningar").click()
    expect(page.get_by_role("heading", name=re.compile(ref))).to_be_visible(timeout=WAIT)  # unanswered first
    page.get_by_role("textbox", name="Meddelande till frågeställaren").fill(
        "Välkommen! Vi föreslår ett möte nästa vecka."
    )
    page.get_by_role("button", name="Svara").click()
    expect(page.get_by_text(f"Svaret på {ref} är sparat.")).to_be_visible(timeout=WAIT)

    page.get_by_role("link", name="Testmiljöer i siffror").click()
    expect(page.get_by_role("heading", name="Testmiljöer i siffror")).to_be_visible(timeout=WAIT)
    page.get_by_label("Testmiljö", exact=True).click()
    page.keyboard.type(TESTBED)
    page.keyboard.press("Enter")
    expect(_metric(page, "Förfrågningar")).to_have_text("1", timeout=WAIT)
    expect(_metric(page, "Mediantid till första svar")).to_have_text("0 dagar", timeout=WAIT)
    expect(_metric(page, "Ännu utan svar")).to_have_text("0", timeout=WAIT)


def _metric(page: Page, label: str):
    """The value of the KPI tile whose label is `label`."""
    tile = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return tile.get_by_test_id("stMetricValue")

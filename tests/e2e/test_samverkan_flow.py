"""In a real browser, the must-show of Samverkan: an admin publishes a need; a visitor responds without
logging in and gets a UTM- reference; the owning organisation's manager declares no conflict, assesses
the response and starts a procurement from it; the procurement shows the linked need and partner; and
Samverkan i siffror counts it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import answered, choose, log_in, log_out, open_from_menu, pick, run_finished
from tests.e2e.test_ideas_flow import _open

NEED = "Nattlig fallprevention på vårdavdelning"
COMPANY = "Golvsensor Nordic AB"
ORG = "Hälso- och sjukvårdsförvaltningen"  # the demo manager's organisation


def _pick_in_form(page: Page, key: str, option: str) -> None:
    """`choose` for a selectbox inside a form: the choice makes no run until the form is sent."""
    pick(page.locator(f".st-key-{key} input"), option)


def _metric(page: Page, label: str):
    tile = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return tile.get_by_test_id("stMetricValue")


def _procurements_counted(page: Page) -> int:
    open_from_menu(page, "Samverkan i siffror")
    choose(page, "svf_org", ORG)
    value = _metric(page, "Upphandlingar med innovation")
    expect(value).to_have_text(re.compile(r"^\d+$"))
    return int(value.inner_text())


def test_need_response_assessment_procurement_and_figures(page: Page, live_app: str) -> None:
    log_in(page, live_app, "admin")
    before = _procurements_counted(page)

    open_from_menu(page, "Behovshantering")
    page.get_by_text("Nytt behov", exact=True).click()  # an expander opens in the browser, no run
    page.get_by_label("Rubrik (obligatoriskt)").fill(NEED)
    page.get_by_label("Beskriv behovet (obligatoriskt)").fill("Vi behöver veta när en patient är på väg upp ur sängen.")
    page.get_by_label("Vad ska ett svar innehålla? (obligatoriskt)").fill("Lösning, mognadsgrad och testbehov.")
    _pick_in_form(page, "svn_area", "Hälso- och sjukvård")
    _pick_in_form(page, "svn_org", ORG)
    page.get_by_role("button", name="Spara behovet").click()
    expect(page.get_by_text("Behovet är sparat.")).to_be_visible()
    log_out(page)

    _open(page, f"{live_app}/behov-och-utmaningar", "Behov och utmaningar")
    search = page.get_by_label("Sök")
    search.fill("fallprevention")
    with answered(page):
        search.press("Enter")
    expect(page.get_by_role("heading", name="1 öppet behov")).to_be_visible()
    open_buttons = page.get_by_role("button", name="Läs och svara")
    expect(open_buttons).to_have_count(1)  # the other needs' cards are gone once the search has run
    with answered(page):
        open_buttons.click()
    expect(page.get_by_role("heading", name=NEED)).to_be_visible()
    page.get_by_role("textbox", name="Organisation (obligatoriskt)").fill(COMPANY)
    page.get_by_role("textbox", name="Organisationsnummer").fill("556016-0681")  # a typo in the check digit
    page.get_by_label("Kontaktperson (obligatoriskt)").fill("Maja Ek")
    page.get_by_label("E-post (obligatoriskt)").fill("maja@golvsensor.example")
    page.get_by_role("textbox", name="Ert svar").fill("En trådlös golvsensor som larmar när någon kliver upp.")
    page.get_by_text("Jag samtycker till att regionen sparar svaret").click()
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_text("kontrollsiffran är fel").first).to_be_visible()  # refused, the form kept
    expect(page.get_by_role("textbox", name="Organisation (obligatoriskt)")).to_have_value(COMPANY)
    page.get_by_role("textbox", name="Organisationsnummer").fill("556016-0680")
    page.get_by_role("button", name="Skicka svaret").click()
    receipt = page.get_by_text(re.compile("Ditt svar har tagits emot med referens"))
    expect(receipt).to_be_visible()
    ref = re.search(r"UTM-\d{4}-\d{4}", receipt.inner_text()).group(0)

    log_in(page, live_app, "manager")
    open_from_menu(page, "Behovshantering")
    choose(page, "svn_chosen", NEED)
    choose(page, "svr_chosen", ref)
    expect(page.get_by_text(f"Svaret kommer från {COMPANY}")).to_be_visible()
    page.get_by_role("button", name="Jag är inte jävig").click()
    expect(page.get_by_text("Din deklaration är sparad.")).to_be_visible()
    # Shown after declaring, as text (and again as the draft fund application's summary, in its expander).
    expect(page.get_by_test_id("stText").get_by_text("En trådlös golvsensor som larmar")).to_be_visible()
    page.get_by_text("4", exact=True).click()
    page.get_by_role("textbox", name="Motivering").fill("Lovande och enkel att testa.")
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_text(f"Bedömningen av {ref} är sparad.")).to_be_visible()
    run_finished(page)  # the confirmation shows early in the run: the form below is drawn after it
    page.get_by_text("Starta upphandling från svaret").click()
    page.get_by_label("Uppskattat värde (kr)").fill("1 500 000")
    page.get_by_role("button", name="Starta upphandlingen").click()
    started = page.get_by_text(re.compile(r"Upphandlingen UPH-\d{4}-\d{4} är startad\."))
    expect(started).to_be_visible()
    procurement = re.search(r"UPH-\d{4}-\d{4}", started.inner_text()).group(0)

    open_from_menu(page, "Upphandlingar")
    # The page opens at the procurement just started.
    expect(page.locator(".st-key-svp_chosen input")).to_have_value(re.compile(re.escape(procurement)))
    expect(page.get_by_role("heading", name=re.compile(procurement))).to_be_visible()
    expect(page.get_by_text(f"Behov: {NEED} ({ref})")).to_be_visible()
    expect(page.get_by_text(f"Partner: {COMPANY}")).to_be_visible()

    assert _procurements_counted(page) == before + 1

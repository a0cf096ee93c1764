"""In a real browser, the fund's whole path: an employee applies in an open call; an admin assigns a
council member; the council member declares no conflict and reviews; the admin approves part of the
amount; the applicant sees the decision and the first report due date."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from services.fund.decisions import REPORT_INTERVAL_MONTHS, add_months
from tests.e2e.helpers import log_in, log_out, open_from_menu, pick, run_finished

TITLE = "Webbläsartest: digital väntrumsskärm"


def _switch_user(page: Page, base_url: str, username: str) -> None:
    log_out(page)
    log_in(page, base_url, username)


def _type_date(page: Page, label: str, day: date) -> None:
    # Streamlit's date field is three spin buttons (year, month, day) that move on as they fill.
    page.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(f"{day.year:04d}{day.month:02d}{day.day:02d}")


def _choose(page: Page, label: str, option: str, exact: bool = False) -> None:
    """Pick `option` in the selectbox `label` once the page has been drawn to the end."""
    run_finished(page)
    pick(page.get_by_label(label, exact=True).first, option, exact=exact)


def test_apply_review_approve_and_see_the_decision(page: Page, live_app: str) -> None:
    starts = date.today() + timedelta(days=30)
    ends = add_months(starts, 12)

    # The employee applies in the open call.
    log_in(page, live_app, "employee")
    open_from_menu(page, "Utlysningar & ansökan")
    page.get_by_label("Projektets namn").fill(TITLE)
    page.get_by_label("Sammanfattning").fill("Skärmar som visar väntetiden i akutens väntrum.")
    page.get_by_label("Förväntad nytta", exact=True).and_(page.get_by_role("textbox")).fill(
        "Lugnare väntrum och färre frågor i receptionen."
    )
    page.get_by_label("Sökt belopp (kr)").fill("300000")
    _type_date(page, "Projektstart", starts)
    _type_date(page, "Projektslut", ends)
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_text("är inskickad")).to_be_visible()

    # The admin assigns a council member.
    _switch_user(page, live_app, "admin")
    open_from_menu(page, "Fondhantering")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    _choose(page, "Ny granskare", "Birgitta Ahlström (council)")
    page.get_by_role("button", name="Tilldela").click()
    expect(page.get_by_text("Granskaren är tilldelad.")).to_be_visible()

    # The council member declares no conflict, then reviews.
    _switch_user(page, live_app, "council")
    open_from_menu(page, "Granskning")
    _choose(page, "Välj ansökan", TITLE)
    expect(page.get_by_text("Innan du ser ansökan")).to_be_visible()
    expect(page.get_by_text("Skärmar som visar väntetiden")).to_have_count(0)  # details hidden until declared
    page.get_by_role("button", name="Lämna deklaration").click()
    expect(page.get_by_text("Tack! Nu kan du granska ansökan.")).to_be_visible()
    expect(page.get_by_text("Skärmar som visar väntetiden")).to_be_visible()
    for criterion in ("Nytta", "Nyhetsgrad", "Genomförbarhet", "Spridningspotential"):
        _choose(page, criterion, "4", exact=True)
    _choose(page, "Rekommendation", "Ja", exact=True)
    page.get_by_role("button", name="Skicka in bedömningen").click()
    expect(page.get_by_text("Bedömningen är inskickad.")).to_be_visible()

    # The admin approves part of the amount.
    _switch_user(page, live_app, "admin")
    open_from_menu(page, "Fondhantering")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Rekommendationer: ja 1")).to_be_visible()
    page.get_by_label("Beviljat belopp (kr)").fill("200000")
    page.get_by_label("Motivering till sökanden (valfritt)").fill("Beviljas för första etappen.")
    page.get_by_role("button", name="Bevilja").click()
    expect(page.get_by_text("Ansökan är beviljad")).to_be_visible()
    # The other tabs are drawn when opened (only the open one runs): the budget, with the grant in it.
    expect(page.get_by_text("Per utlysning")).to_have_count(0)
    page.get_by_role("tab", name="Budget").click()
    expect(page.get_by_text("Per utlysning")).to_be_visible()

    # The applicant sees the decision and the first report due date.
    _switch_user(page, live_app, "employee")
    open_from_menu(page, "Mina ansökningar")
    _choose(page, "Välj ansökan", TITLE)
    expect(page.get_by_text("Beviljad 200\u00a0000\u00a0kr")).to_be_visible()
    expect(page.get_by_text("Beviljas för första etappen.")).to_be_visible()
    first_due = add_months(starts, REPORT_INTERVAL_MONTHS)
    expect(page.get_by_text(f"Nästa rapport: Lägesrapport, senast {first_due.isoformat()}.")).to_be_visible()

"""In a real browser: an admin records a council meeting with an agenda item about an idea, a decision
and an action for a manager; the manager sees the action in Min förvaltning and marks it done; the
meeting then shows it done."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from services.shared import history
from tests.e2e.helpers import log_in, log_out, open_expander, open_from_menu, pick, run_finished

TITLE = "Webbläsartest: rådsmöte om hörslingor"
ACTION = "Webbläsartest: ta fram en spridningsplan för hörslingor"
IDEA_TITLE = "Betala resan genom att blippa bankkortet eller mobilen direkt i spärren"


def _idea_ref(db_url: str) -> str:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as connection:
        [(ref,)] = connection.execute("SELECT ref FROM idea WHERE title = ?", (IDEA_TITLE,)).fetchall()
    return ref


def test_an_action_from_a_council_meeting_is_followed_to_done(page: Page, live_app: str, live_db_url: str) -> None:
    ref = _idea_ref(live_db_url)
    due = date.today() + timedelta(days=14)

    log_in(page, live_app, "admin")
    open_from_menu(page, "Rådsmöten")
    form = open_expander(page, "Nytt rådsmöte")
    form.get_by_label("Rubrik (obligatoriskt)").fill(TITLE)
    pick(form.get_by_label("Närvarande ledamöter", exact=True), "Birgitta Ahlström", several=True)
    page.keyboard.press("Escape")
    form.get_by_role("button", name="Spara mötet").click()
    expect(page.get_by_text("Mötet är sparat.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(re.escape(TITLE)))).to_be_visible()

    form = open_expander(page, "Lägg till punkt på dagordningen")
    form.get_by_label("Punkt (obligatoriskt)").fill("Blippa i spärren – sprida till bussarna?")
    pick(form.get_by_label("Gäller", exact=True), "Idé")
    form.get_by_label(re.compile("^Referens")).fill(ref)
    form.get_by_role("button", name="Lägg till punkten").click()
    expect(page.get_by_text("Punkten är tillagd.")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(re.escape(ref)))).to_be_visible()

    form = open_expander(page, "Registrera beslut")
    pick(form.get_by_label("På dagordningspunkt", exact=True), "Punkt 1")
    form.get_by_label("Beslut (obligatoriskt)").fill("Rådet vill att piloten utvärderas innan spridning.")
    form.get_by_role("button", name="Spara beslutet").click()
    expect(page.get_by_text("Beslutet är registrerat.")).to_be_visible()
    expect(page.get_by_role("cell", name="Rådet vill att piloten utvärderas innan spridning.")).to_be_visible()

    form = open_expander(page, "Ge en åtgärd")
    form.get_by_label("Åtgärd (obligatoriskt)").fill(ACTION)
    pick(form.get_by_label("Ansvarig (obligatoriskt)", exact=True), "Anders Lindqvist")
    form.get_by_role("spinbutton", name="year, Klart senast (obligatoriskt)").click()
    page.keyboard.type(f"{due.year:04d}{due.month:02d}{due.day:02d}")
    pick(form.get_by_label("Följer av beslut", exact=True), "Rådet vill att piloten")
    form.get_by_role("button", name="Spara åtgärden").click()
    expect(page.get_by_text("Åtgärden är registrerad")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=ACTION)
    expect(row.get_by_role("cell", name="Öppen", exact=True)).to_be_visible()
    run_finished(page)
    meeting_url = page.url

    # The owner sees it in Min förvaltning and marks it done.
    log_out(page)
    log_in(page, live_app, "manager")
    open_from_menu(page, "Min förvaltning")
    card = page.locator('[class*="st-key-my_action_"]').filter(has_text=ACTION)
    expect(card).to_be_visible()
    expect(card.get_by_text(f"Klart senast {due.isoformat()}")).to_be_visible()
    card.get_by_label("Vad som gjordes (valfritt)").fill("Planen är skickad till rådet.")
    card.get_by_role("button", name="Markera som klar").click()
    expect(page.get_by_text("Åtgärden är markerad som klar.")).to_be_visible()
    expect(page.locator('[class*="st-key-my_action_"]').filter(has_text=ACTION)).to_have_count(0)

    # The meeting shows it done.
    log_out(page)
    log_in(page, live_app, "admin")
    page.goto(meeting_url)
    expect(page.get_by_role("heading", name=re.compile(re.escape(TITLE)))).to_be_visible()
    row = page.get_by_role("row").filter(has_text=ACTION)
    expect(
        # Marked done today in Stockholm (the day the app dates changes by), not the test machine's day
        row.get_by_role("cell", name=re.compile(rf"^Klar {history.today().isoformat()} \(Anders Lindqvist\)"))
    ).to_be_visible()
    expect(row.get_by_role("cell", name="Planen är skickad till rådet.")).to_be_visible()

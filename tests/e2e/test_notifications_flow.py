"""In a real browser with a real SMTP server: a visitor submits an idea with an address and consent and
gets the receipt with the reference and the private link; the link shows the idea; an admin asks a
question, which is mailed; the visitor answers through the link and the answer is on the idea's
timeline, for the visitor and for the team; the admin moves the idea and the stage change is mailed."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import STEP_MS, log_in, run_finished
from tests.e2e.test_ideas_flow import _open
from tests.mailserver import MailServer, html_of, text_of

ADDRESS = "ada.lind@example.se"
TITLE = "Ljudslingor i väntrummet på vårdcentralen"
ANSWER = "Det gäller väntrummet vid entré B, där högtalarna hörs dåligt."


def _submit(page: Page, base_url: str) -> str:
    _open(page, f"{base_url}/lamna-ide", "Lämna en idé")
    page.get_by_role("textbox", name="Rubrik").fill(TITLE)
    page.get_by_role("textbox", name="Behov eller problem").fill("Den som hör dåligt missar när hen ropas upp.")
    page.get_by_role("textbox", name="Förslag på lösning").fill("Hörslinga och skärm som visar vems tur det är.")
    page.get_by_text("Hälso- och sjukvård", exact=True).click()
    page.get_by_text("Patient", exact=True).click()
    page.get_by_text("Social nytta", exact=True).click()
    page.get_by_role("textbox", name="Namn").fill("Ada Lind")
    page.get_by_role("textbox", name="E-post").fill(ADDRESS)
    page.get_by_text(re.compile("^Jag samtycker till att mina kontaktuppgifter")).click()  # the label, as a person does
    expect(page.get_by_role("checkbox", name=re.compile("Jag samtycker"))).to_be_checked()
    page.get_by_role("button", name="Skicka idén").click()
    confirmation = page.get_by_text("Din idé har tagits emot med referensen")
    expect(confirmation).to_be_visible()
    match = re.search(r"IDE-\d{4}-\d{5,}", confirmation.inner_text())
    assert match, confirmation.inner_text()
    return match.group(0)


def _mail(server: MailServer, subject: str):
    [message] = server.inbox.wait_for(lambda m: m["To"] == ADDRESS and m["Subject"] == subject)
    return message


def test_visitor_hears_back_answers_a_question_and_hears_of_the_move(
    page: Page, browser: Browser, live_app: str, mail_server: MailServer
) -> None:
    ref = _submit(page, live_app)

    receipt = _mail(mail_server, f"Tack för din idé – {ref}")
    body = text_of(receipt)
    assert ref in body and TITLE in body
    link = re.search(rf"{re.escape(live_app)}/folj-ide\?kod=[A-Za-z0-9_-]{{22}}", body)
    assert link, body
    assert link.group(0) in html_of(receipt)  # the HTML part carries the same link

    visitor = browser.new_context(locale="sv-SE", viewport={"width": 1400, "height": 1000}).new_page()
    visitor.set_default_timeout(STEP_MS)
    _open(visitor, link.group(0), "Följ din idé")  # following the link shows the idea
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()

    log_in(page, live_app, "admin")
    _open(page, f"{live_app}/idehantering?ide={ref}", "Idéhantering")
    expect(page.get_by_role("heading", name=re.compile(re.escape(ref)))).to_be_visible()
    run_finished(page)
    page.get_by_role("textbox", name="Fråga", exact=True).fill("Vilket väntrum gäller det?")
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.get_by_text("Frågan är skickad till idégivaren.")).to_be_visible()
    question = _mail(mail_server, f"En fråga om din idé {ref}")
    assert "Vilket väntrum gäller det?" in text_of(question)

    _open(visitor, link.group(0), "Följ din idé")  # the visitor answers through the link
    expect(visitor.get_by_text("Innovationsstödet har en fråga till dig")).to_be_visible()
    expect(visitor.get_by_text("Vilket väntrum gäller det?").first).to_be_visible()
    run_finished(visitor)
    visitor.get_by_role("textbox", name="Ditt svar").fill(ANSWER)
    visitor.get_by_role("button", name="Skicka svaret").click()
    expect(visitor.get_by_text("Tack! Ditt svar finns nu på idéns tidslinje.")).to_be_visible()
    expect(visitor.get_by_role("cell", name=ANSWER)).to_be_visible()  # on the public timeline

    _open(page, f"{live_app}/idehantering?ide={ref}", "Idéhantering")
    expect(page.get_by_role("cell", name=ANSWER)).to_be_visible()  # and on the team's timeline
    run_finished(page)
    page.get_by_role("radio", name="Bedömning").check()
    page.get_by_role("button", name="Flytta", exact=True).click()
    expect(page.get_by_text("Idén är flyttad till Bedömning.")).to_be_visible()
    moved = _mail(mail_server, f"Din idé {ref} är nu i steget Bedömning")
    assert "från Inkommen till Bedömning" in text_of(moved)
    assert "/avregistrera?kod=" in text_of(moved)  # a mail one may refuse carries its unsubscribe link
    visitor.context.close()

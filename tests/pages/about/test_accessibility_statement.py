"""Tillgänglighetsredogörelse through AppTest: what a visitor reads and sends, what the admins then see."""

from __future__ import annotations

from sqlmodel import select
from streamlit.util import calc_hash

import db
import i18n
from components.navigation import PAGES
from models import AuditLog, BarrierReport
from services.accessibility.statement import DIGG_COMPLAINT_URL
from tests.pages.apptest import app_as, open_page, texts

PAGE = "pages/about/accessibility.py"
ADMIN_PAGE = "pages/admin/barriers.py"


def _reports(url: str) -> list[BarrierReport]:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = list(session.exec(select(BarrierReport)))
    engine.dispose()
    return found


def test_a_visitor_reads_the_statement_without_logging_in(demo_url: str) -> None:
    at = open_page(app_as(None), PAGE)
    assert not at.exception
    shown = texts(at)
    assert at.title[0].value == "Tillgänglighetsredogörelse"
    for part in ("delvis förenlig", DIGG_COMPLAINT_URL, "Innehåll som inte är tillgängligt", "Hur vi testat tjänsten"):
        assert part in shown, part
    assert "Redogörelsen skrevs den" in shown


def test_the_statement_speaks_english_when_the_visitor_chose_it(demo_url: str) -> None:
    at = open_page(app_as(None, lang="en"), PAGE)
    shown = texts(at)
    assert at.title[0].value == "Accessibility statement"
    assert "partially compliant" in shown and DIGG_COMPLAINT_URL in shown


def test_a_report_without_description_names_the_field_and_keeps_what_was_typed(demo_url: str) -> None:
    at = open_page(app_as(None), PAGE)
    at.text_input(key="barrier_location").input("Lämna en idé")
    at.button(key="barrier_submit").click().run()
    assert "Beskrivning: Fyll i det här fältet." in [e.value for e in at.error]
    assert at.text_input(key="barrier_location").value == "Lämna en idé"
    assert _reports(demo_url) == []


def test_a_visitors_report_reaches_the_admins_who_mark_it_handled(demo_url: str) -> None:
    at = open_page(app_as(None), PAGE)
    at.text_area(key="barrier_description").input("Knappen Skicka går inte att nå med tangentbordet.")
    at.text_input(key="barrier_wanted_format").input("Formuläret som PDF")
    at.text_input(key="barrier_contact_email").input("eva@example.se")
    at.button(key="barrier_submit").click().run()
    assert not at.exception
    [report] = _reports(demo_url)
    assert any(f"nummer {report.id}" in s.value for s in at.success)
    assert (report.status, report.contact_email, report.wanted_format) == (
        "new",
        "eva@example.se",
        "Formuläret som PDF",
    )

    admin = open_page(app_as("admin"), ADMIN_PAGE)
    assert not admin.exception
    assert "Knappen Skicka går inte att nå med tangentbordet." in [t.value for t in admin.text]
    admin.text_area(key=f"barrier_note_{report.id}").input("Rättat och svar skickat.")
    admin.button(key=f"barrier_done_{report.id}").click().run()
    assert "Synpunkten är markerad som hanterad." in texts(admin)
    [handled] = _reports(demo_url)
    assert handled.status == "handled" and handled.handling_note == "Rättat och svar skickat."
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        actions = set(session.exec(select(AuditLog.action).where(AuditLog.entity == "barrier_report")))
    engine.dispose()
    assert actions == {"barrier_report.created", "barrier_report.handled"}


def test_only_admins_get_the_reports_page(demo_url: str) -> None:
    spec = next(s for s in PAGES if s.path == ADMIN_PAGE)
    at = app_as("manager")
    at.run()
    at.switch_page("pages/start/overview.py")
    at._page_hash = calc_hash(spec.url_path)  # the address, as a manager sent the link (see apptest.open_spec)
    at.run()
    assert not at.exception
    assert at.title[0].value == i18n.t("nav.no_access.title")

"""Benefit realisation in AppTest: recording on the idea page, by an idea's owner under Mina idéer and
on a funded project's follow-up; refused input said beside the field in the reader's language with
what was typed kept; the bokslut's nytta section with the demo's 2025 figures."""

from __future__ import annotations

from datetime import date

from sqlmodel import func, select

import db
import i18n
import models as m
from components.navigation import PAGES
from models import BenefitKind, BenefitUnit
from tests.pages.apptest import app_as, open_page, open_spec, open_tab, texts

MANAGE, MINE_IDEAS, MINE_FUND = "pages/ideas/manage.py", "pages/ideas/mine.py", "pages/fund/mine.py"
REPORT = next(s for s in PAGES if s.path == "pages/indicators/annual_report.py")
HANDOVER = "Strukturerad digital överrapportering när patienten flyttas från akuten till vårdavdelningen"


def _idea(url: str, title_start: str) -> m.Idea:
    with db.read_session(db.make_engine(url)) as session:
        return session.exec(select(m.Idea).where(m.Idea.title.startswith(title_start))).one()


def _benefits(url: str, **where) -> list[m.BenefitRecord]:
    with db.read_session(db.make_engine(url)) as session:
        query = select(m.BenefitRecord)
        for name, value in where.items():
            query = query.where(getattr(m.BenefitRecord, name) == value)
        return list(session.exec(query.order_by(m.BenefitRecord.id)))


def _eye_screening(url: str) -> tuple[m.FundApplication, m.BenefitRecord]:
    """amanda.roos's funded AI eye-screening project and its demo benefit (one measurement)."""
    with db.read_session(db.make_engine(url)) as session:
        project = session.exec(
            select(m.FundApplication).where(m.FundApplication.title.startswith("AI-förgranskning i screeningen"))
        ).one()
    return project, _benefits(url, application_id=project.id)[0]


def _open_idea(url: str, username: str, lang: str | None = None):
    idea = _idea(url, "Strukturerad digital överrapportering")
    at = app_as(username, lang=lang)
    at.query_params["ide"] = idea.ref
    at = open_page(at, MANAGE)
    assert not at.exception, at.exception
    return at, idea


def _fill_new(at, key: str, *, unit: BenefitUnit | None, description: str, estimate: str):
    at.selectbox(key=f"{key}_new_kind").set_value(BenefitKind.environmental)
    if unit is not None:
        at.selectbox(key=f"{key}_new_unit").set_value(unit)
    at.text_area(key=f"{key}_new_description").input(description)
    at.text_input(key=f"{key}_new_estimated").input(estimate)
    return at


def _summary(at):
    """The benefits table: one row per benefit with its latest measurement."""
    return next(t.value for t in at.table if "Mätningar" in t.value.columns)


def _errors(at) -> str:
    return "\n".join(e.value for e in at.error)


def test_a_manager_records_a_benefit_on_the_idea_page_after_a_refusal_that_keeps_the_text(demo_url: str) -> None:
    at, idea = _open_idea(demo_url, "maria.ekholm")  # manages KS, the idea's organisation
    assert "Sjuksköterskans tid som frigörs" in _summary(at).to_string()  # the demo's benefit
    before = len(_benefits(demo_url, idea_id=idea.id))
    key = f"ben_i{idea.id}"
    _fill_new(at, key, unit=None, description="Mindre pappersutskrifter", estimate="-40")
    at = next(b for b in at.button if b.label == "Registrera nyttan").click().run()
    shown = _errors(at)
    assert "Välj en enhet" in shown and "kan inte vara negativt" in shown
    assert at.text_area(key=f"{key}_new_description").value == "Mindre pappersutskrifter"  # kept as typed
    assert at.text_input(key=f"{key}_new_estimated").value == "-40"
    assert len(_benefits(demo_url, idea_id=idea.id)) == before  # nothing half-saved

    at.selectbox(key=f"{key}_new_unit").set_value(BenefitUnit.co2e_tonnes_per_year)
    at.text_input(key=f"{key}_new_estimated").input("1,5")
    at.text_input(key=f"{key}_first_value").input("0,8")
    at.date_input(key=f"{key}_first_measured_on").set_value(date(2026, 10, 1))
    at = next(b for b in at.button if b.label == "Registrera nyttan").click().run()
    assert not at.exception
    assert "Nyttan är sparad." in texts(at)
    saved = _benefits(demo_url, idea_id=idea.id)[-1]
    assert (saved.kind, saved.unit, saved.estimated_value, saved.recorded_by_id is not None) == (
        "environmental",
        "co2e_tonnes_per_year",
        1.5,
        True,
    )
    with db.read_session(db.make_engine(demo_url)) as session:
        measured = session.exec(select(m.BenefitMeasurement).where(m.BenefitMeasurement.benefit_id == saved.id)).one()
    assert (measured.value, measured.measured_on, measured.measured_by) == (0.8, date(2026, 10, 1), "Maria Ekholm")
    assert "0,8" in _summary(at).to_string()  # the table shows the realised value the Swedish way


def test_refusals_speak_english_to_an_english_reader(demo_url: str) -> None:
    at = open_page(app_as("ahmed.ali", lang="en"), MINE_FUND)  # whose applications are not drafts
    with db.read_session(db.make_engine(demo_url)) as session:
        project = session.exec(
            select(m.FundApplication).where(m.FundApplication.title == "Videotriage i ambulanssjukvården")
        ).one()
    benefit = _benefits(demo_url, application_id=project.id)[0]
    at.selectbox(key="fund_mine_chosen").set_value(project.id).run()
    key = f"ben_a{project.id}_{benefit.id}_m"
    at.text_input(key=f"{key}_value").input("-3")
    at.date_input(key=f"{key}_measured_on").set_value(date(2026, 11, 1))
    at = next(b for b in at.button if b.label == "Record the measurement").click().run()
    assert "The value cannot be negative" in _errors(at)
    assert at.text_input(key=f"{key}_value").value == "-3"


def test_a_new_measurement_replaces_the_realised_value_shown(demo_url: str) -> None:
    at, idea = _open_idea(demo_url, "admin")
    benefit = _benefits(demo_url, idea_id=idea.id)[0]
    key = f"ben_i{idea.id}_{benefit.id}_m"
    at.text_input(key=f"{key}_value").input("4 100")
    at.date_input(key=f"{key}_measured_on").set_value(date(2026, 9, 30))
    at.text_input(key=f"{key}_measured_by").input("Vårdenhetschef, akuten")
    at = next(b for b in at.button if b.label == "Registrera mätningen").click().run()
    assert "Mätningen är sparad." in texts(at)
    assert list(_summary(at).iloc[0])[4:7] == ["4\u00a0100", "2026-09-30", "Vårdenhetschef, akuten"]


def test_a_manager_of_another_organisation_gets_no_benefit_forms(demo_url: str) -> None:
    at, _idea_row = _open_idea(demo_url, "lina.sjoberg")  # SL
    assert "Du har inte behörighet" in texts(at)
    assert not [b for b in at.button if b.label == "Registrera nyttan"]


def test_an_employee_who_owns_an_idea_records_its_benefit_under_mina_ideer(demo_url: str) -> None:
    idea = _idea(demo_url, "Strukturerad digital överrapportering")
    engine = db.make_engine(demo_url)
    with db.write_session(engine) as session:
        employee = session.exec(select(m.User).where(m.User.username == "employee")).one()  # KS
        session.get(m.Idea, idea.id).owner_id = employee.id
        session.commit()
    at = open_page(app_as("employee"), MINE_IDEAS)
    at = open_tab(at, "mine_tab", "Nytta att följa upp")
    key = f"ben_i{idea.id}"
    _fill_new(at, key, unit=BenefitUnit.hours_per_year, description="Kortare överrapportering", estimate="800")
    at = next(b for b in at.button if b.label == "Registrera nyttan").click().run()
    assert "Nyttan är sparad." in texts(at)
    assert _benefits(demo_url, idea_id=idea.id)[-1].description == "Kortare överrapportering"
    other = open_page(app_as("employee.sl"), MINE_IDEAS)  # owns nothing: no such tab
    assert "Nytta att följa upp" not in [tab.label for tab in other.tabs]


def test_an_applicant_follows_up_the_funded_project_s_benefit(demo_url: str) -> None:
    at = open_page(app_as("amanda.roos"), MINE_FUND)
    with db.read_session(db.make_engine(demo_url)) as session:
        project = session.exec(
            select(m.FundApplication).where(m.FundApplication.title.startswith("AI-förgranskning"))
        ).one()
    at.selectbox(key="fund_mine_chosen").set_value(project.id).run()
    assert "Ögonläkartimmar som frigörs" in "\n".join(t.value.to_string() for t in at.table)
    benefit = _benefits(demo_url, application_id=project.id)[0]
    key = f"ben_a{project.id}_{benefit.id}_m"
    at.text_input(key=f"{key}_value").input("abc")
    at.date_input(key=f"{key}_measured_on").set_value(date(2026, 11, 1))
    at = next(b for b in at.button if b.label == "Registrera mätningen").click().run()
    assert i18n.t("errors.not_a_number") in _errors(at)
    with db.read_session(db.make_engine(demo_url)) as session:
        count = session.exec(
            select(func.count()).select_from(m.BenefitMeasurement).where(m.BenefitMeasurement.benefit_id == benefit.id)
        ).one()
    assert count == 1  # the demo's one measurement, nothing added


def test_the_bokslut_shows_the_nytta_section_with_the_year_end_totals(demo_url: str) -> None:
    at = open_spec(app_as("council"), REPORT)
    assert not at.exception, at.exception
    at.selectbox(key="annual_year").set_value(2025).run()
    assert "Nytta vid årets slut" in texts(at)
    tables = [t.value for t in at.table]
    totals = next(t for t in tables if "Uppmätta nyttor" in t.columns)
    sek = totals[totals["Enhet"] == "kr per år"].iloc[0]
    # SL's blipp 4 200 000 + the desflurane project 410 000 + video triage 8 600 000 (latest measurements)
    assert (sek["Realiserat"], sek["Uppmätta nyttor"]) == ("13\u00a0210\u00a0000", "3 av 6")
    by_area = next(d.value for d in at.dataframe if "Namn" in d.value.columns and "Enhet" in d.value.columns)
    assert {"Hälso- och sjukvård", "Kollektivtrafik", "Kultur"} <= set(by_area["Namn"])

"""Hinder, Idéportfölj and Vem kan jag fråga? on the demo region."""

from __future__ import annotations

from sqlmodel import select

import db
import models as m
from components.navigation import PAGES
from tests.pages.apptest import app_as, open_spec, texts

OBSTACLES = next(s for s in PAGES if s.path == "pages/council/obstacles.py")
PORTFOLIO = next(s for s in PAGES if s.path == "pages/council/portfolio.py")
WHO = next(s for s in PAGES if s.path == "pages/start/who_to_ask.py")
COUNCIL_MODE = next(s for s in PAGES if s.path == "pages/council/council_mode.py")


def _tables(at) -> str:
    return "\n".join(t.value.to_csv() for t in at.table).replace("\\", "")  # as Markdown shows it


def test_the_council_reads_obstacles_by_kind_and_the_register(demo_url: str) -> None:
    at = open_spec(app_as("council"), OBSTACLES)
    assert not at.exception, at.exception
    tables = _tables(at)
    assert "Gemensam upphandling dröjer för tekniska hjälpmedel" in tables
    assert "Hälso- och sjukvård" in tables  # obstacles by core area
    assert "Löst" in tables  # the resolved one is listed with its day
    assert not [e for e in at.expander if "Registrera ett hinder" in e.label]  # the council only reads


def test_the_council_reads_the_portfolio_of_a_core_area_from_a_link(demo_url: str) -> None:
    at = app_as("council")
    at.run()
    at.query_params["omrade"] = "culture"
    at.query_params["steg"] = "implementation"
    at = open_spec(at, PORTFOLIO)
    assert not at.exception, at.exception
    assert at.selectbox(key="portfolio_stage").value == "implementation"
    rows = at.table[0].value
    assert len(rows) > 0
    assert set(rows["Steg"]) == {"Införande"}
    assert "Kultur" in set(rows["Kärnverksamhet"])


def test_radslage_links_each_area_to_its_ideas_and_counts_cross_sector_ideas(demo_url: str) -> None:
    at = open_spec(app_as("council"), COUNCIL_MODE)
    assert not at.exception, at.exception
    assert any(m.label == "Sektorsövergripande idéer från andra områden" for m in at.metric)
    links = [e for e in at.get("page_link") if "Idéerna bakom siffrorna" in e.proto.label]
    assert len(links) == 4


def test_every_employee_finds_who_to_ask(demo_url: str) -> None:
    at = open_spec(app_as("employee"), WHO)
    assert not at.exception, at.exception
    shown = texts(at).replace("\\", "")
    assert "Innovationsansvarig" in shown
    assert "Anders Lindqvist" in shown or "Certifierade innovationsledare" in shown


BUDGET = next(s for s in PAGES if s.path == "pages/indicators/budget.py")
COMPETENCE = next(s for s in PAGES if s.path == "pages/indicators/competence.py")
MY_ORG = next(s for s in PAGES if s.path == "pages/indicators/my_org.py")


def test_the_council_reads_budgets_against_outcome(demo_url: str) -> None:
    at = open_spec(app_as("council"), BUDGET)
    assert not at.exception, at.exception
    rows = at.table[0].value
    assert len(rows) == 15  # every organisation
    assert "2\u00a0500\u00a0000\u00a0kr" in set(rows["Budgeterat innovationsstöd"])  # HSF's budget


def test_a_manager_sees_the_budget_in_min_forvaltning(demo_url: str) -> None:
    at = open_spec(app_as("manager"), MY_ORG)
    assert not at.exception, at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Budgeterat innovationsstöd"] == "2\u00a0500\u00a0000\u00a0kr"


def test_competence_shows_courses_officials_and_the_share_trained(demo_url: str) -> None:
    at = open_spec(app_as("admin"), COMPETENCE)
    assert not at.exception, at.exception
    tables = _tables(at)
    assert "Certifiering av innovationsledare" in tables
    assert "Kulturnämnden" in tables  # an elected official of the newest effort, by committee
    assert any(e.label == "Registrera en utbildning" for e in at.expander)


def test_closing_an_idea_asks_for_its_coded_obstacle(demo_url: str) -> None:
    engine = db.make_engine()
    with db.read_session(engine) as session:
        ref = session.exec(select(m.Idea.ref).where(m.Idea.stage == "received").order_by(m.Idea.id.desc())).first()
    at = app_as("admin")
    at.query_params["ide"] = ref
    at = open_spec(at, next(s for s in PAGES if s.path == "pages/ideas/manage.py"))
    at.radio[0].set_value("closed")
    next(a for a in at.text_area if a.label == "Meddelande till idégivaren").input("Finns redan")
    at = next(b for b in at.button if b.label == "Flytta").click().run()
    assert any("Välj vilket hinder" in e.value for e in at.error)
    next(s for s in at.selectbox if s.label.startswith("Hinder")).set_value("procurement")
    at = next(b for b in at.button if b.label == "Flytta").click().run()
    with db.read_session(engine) as session:
        idea = session.exec(select(m.Idea).where(m.Idea.ref == ref)).one()
    engine.dispose()
    assert (idea.stage, idea.obstacle_kind) == ("closed", "procurement")


def test_a_council_member_opens_the_records_behind_a_radslage_figure(demo_url: str) -> None:
    at = open_spec(app_as("council"), COUNCIL_MODE)
    assert any(m.label == "Sektorsövergripande idéer" for m in at.metric)  # the region's, each idea once
    at.selectbox(key="council_drill_figure").select("fund_sek_granted").run()
    assert not at.exception, at.exception
    granted = next(tb.value for tb in at.table if "Beviljat" in tb.value.columns)
    assert all(str(ref).replace("\\", "").startswith("FON-") for ref in granted["Referens"])
    assert "Ansökningarna som beviljats medel genom beslut under perioden." in texts(at)
    at.selectbox(key="council_drill_figure").select("cross_sector").run()
    culture = at.selectbox(key="council_drill_area").options.index("Kultur")
    at.selectbox(key="council_drill_area").select_index(culture).run()
    assert isinstance(at.selectbox(key="council_drill_area").value, int)  # an area, not the region
    assert not at.exception, at.exception
    shown = "\n".join(tb.value.to_csv() for tb in at.table).replace("\\", "")
    assert "IDE-" in shown and "Kultur" in shown

"""Hinder, Idéportfölj and Vem kan jag fråga? on the demo region."""

from __future__ import annotations

from sqlmodel import select

import db
import models as m
from components.navigation import PAGES
from services.ideas import triage
from services.shared.history import today as stockholm_today
from tests.conftest import actor
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


def test_a_budget_an_admin_saves_shows_in_the_table_at_once(demo_url: str) -> None:
    """The table is kept between runs (keyed on the data version): the saved budget shows after the save."""
    at = open_spec(app_as("admin"), BUDGET)
    first = at.table[0].value.iloc[0]
    organisation = str(first["Organisation"]).replace("\\", "")
    at.selectbox(key="budget_org").set_value(_organisation_id(demo_url, organisation))
    at.text_input(key="budget_amount").input("1234567")
    at.button(key="FormSubmitter:budget_form-Spara budgeten").click().run()
    assert not at.exception, at.exception
    row = at.table[0].value.iloc[0]
    assert str(row["Organisation"]).replace("\\", "") == organisation
    assert row["Budgeterat innovationsstöd"] == "1\u00a0234\u00a0567\u00a0kr"


def _organisation_id(url: str, name: str) -> int:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = session.exec(select(m.Organisation.id).where(m.Organisation.name == name)).one()
    engine.dispose()
    return found


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


def test_an_admin_finds_the_owner_of_a_new_obstacle_by_name(demo_url: str) -> None:
    """The owner is picked among every user by a search (the picker offers the reader until then)."""
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        admin = session.exec(select(m.User).where(m.User.username == "admin")).one()
        owner = session.exec(select(m.User).where(m.User.username == "manager")).one()
        everyone = len(session.exec(select(m.User.id).where(m.User.is_active)).all())
    at = open_spec(app_as("admin"), OBSTACLES)
    picker = at.selectbox(key="obstacle_new_owner")
    assert picker.options == [f"{admin.display_name} (admin)"] and everyone > 20  # not every user at once
    at.text_input(key="obstacle_new_owner_search").input(owner.display_name).run()
    picker = at.selectbox(key="obstacle_new_owner")
    assert f"{owner.display_name} (manager)" in picker.options and len(picker.options) <= 21
    at.text_input(key="obstacle_new_title").input("Journalsystemen talar inte med varandra")
    at.selectbox(key="obstacle_new_kind").set_value(m.ObstacleKind.law)
    at.selectbox(key="obstacle_new_owner").set_value(owner.id)
    at.text_area(key="obstacle_new_text").input("Uppgifter skrivs in två gånger.")
    at.button(key="FormSubmitter:obstacle_new_form-Spara hindret").click().run()
    assert not at.exception, at.exception
    assert "Hindret är registrerat." in texts(at)
    with db.read_session(engine) as session:
        saved = session.exec(
            select(m.Obstacle).where(m.Obstacle.title == "Journalsystemen talar inte med varandra")
        ).one()
    engine.dispose()
    assert saved.owner_id == owner.id


def test_an_admin_finds_an_employee_to_add_to_a_course_by_name(demo_url: str) -> None:
    at = open_spec(app_as("admin"), COMPETENCE)
    search = next(i for i in at.text_input if (i.key or "").startswith("course_employee_search_"))
    course_id = int(search.key.rsplit("_", 1)[1])
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        person = session.exec(select(m.User).where(m.User.username == "employee.sl")).one()
    assert f"{person.display_name} (employee.sl)" not in at.selectbox(key=f"course_employee_{course_id}_who").options
    search.input("employee.sl").run()
    at.selectbox(key=f"course_employee_{course_id}_who").set_value(person.id)
    at.button(key=f"FormSubmitter:course_employee_{course_id}-Lägg till").click().run()
    assert not at.exception, at.exception
    assert "Deltagaren är tillagd." in texts(at)
    with db.read_session(engine) as session:
        added = session.exec(
            select(m.CourseParticipant).where(
                m.CourseParticipant.course_id == course_id, m.CourseParticipant.user_id == person.id
            )
        ).all()
    engine.dispose()
    assert len(added) == 1


def test_obstacle_figures_and_the_portfolio_follow_a_closed_idea_at_once(demo_url: str) -> None:
    """Both pages keep their counts between runs (keyed on the data version): a change shows at the next."""
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        idea = session.exec(select(m.Idea).where(m.Idea.stage == "received").order_by(m.Idea.id)).first()
        area = session.get(m.Area, idea.area_id).name_sv
    obstacles = open_spec(app_as("council"), OBSTACLES)
    portfolio = app_as("council")
    portfolio.session_state["portfolio_stage"] = m.IdeaStage.closed  # as the picker holds it
    portfolio.session_state["portfolio_obstacle"] = m.ObstacleKind.law
    portfolio = open_spec(portfolio, PORTFOLIO)

    def law_in_area() -> int:  # the table of obstacles by core area: a row per kind, a column per area
        by_area = obstacles.table[0].value
        by_area.columns = [str(c).replace("\\", "") for c in by_area.columns]
        return int(by_area.set_index("Hinder").get(area, {}).get("Lag och regelverk", 0))

    def portfolio_refs() -> set[str]:
        return {str(r).replace("\\", "") for r in portfolio.table[0].value["Referens"]} if portfolio.table else set()

    before, listed = law_in_area(), portfolio_refs()
    assert idea.ref not in listed
    with db.write_session(engine) as session:
        triage.change_stage(
            session=session,
            actor=actor(session, "admin"),
            idea_id=idea.id,
            to_stage="closed",
            text="Lagen tillåter det inte ännu.",
            obstacle_kind=m.ObstacleKind.law,
        )
    engine.dispose()
    obstacles.run()
    portfolio.run()
    assert not obstacles.exception and not portfolio.exception
    assert law_in_area() == before + 1
    assert portfolio_refs() == listed | {idea.ref}


def test_the_share_trained_follows_a_completed_course_at_once(demo_url: str) -> None:
    """Kept between runs (keyed on the data version): a course completed shows at the council's next run."""
    from services.competence import courses

    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        person = session.exec(select(m.User).where(m.User.username == "employee.sl")).one()
        taken = select(m.CourseParticipant.course_id).where(m.CourseParticipant.user_id == person.id)
        course = session.exec(
            select(m.Course).where(
                m.Course.kind != m.CourseKind.information,
                m.Course.starts_on <= stockholm_today(),
                m.Course.id.not_in(taken),
            )
        ).first()
        organisation = session.get(m.Organisation, person.organisation_id).name
    at = open_spec(app_as("council"), COMPETENCE)

    def trained() -> int:
        table = at.table[0].value
        names = [str(n).replace("\\", "") for n in table["Organisation"]]
        return int(str(table["Utbildade"].iloc[names.index(organisation)]).replace("\u00a0", ""))

    before = trained()
    with db.write_session(engine) as session:
        admin = actor(session, "admin")
        joined = courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=person.id)
        courses.set_completed(session=session, actor=admin, participant_id=joined.id, completed_on=stockholm_today())
    engine.dispose()
    at.run()
    assert not at.exception, at.exception
    assert trained() == before + 1

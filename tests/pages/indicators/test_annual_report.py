"""Innovationsbokslut page: year and level, commentary, freezing, both languages."""

from __future__ import annotations

from sqlmodel import select

import db
import models as m
from components.navigation import PAGES
from tests.pages.apptest import app_as, open_spec, texts

SPEC = next(s for s in PAGES if s.path == "pages/indicators/annual_report.py")


def _open(lang: str | None = None, username: str = "admin"):
    at = open_spec(app_as(username, lang=lang), SPEC)
    assert not at.exception, at.exception
    return at


def test_shows_last_years_figures_with_exports(demo_url: str) -> None:
    at = _open()
    assert at.title[0].value == "Innovationsbokslut"
    year = at.selectbox(key="annual_year").value
    assert f"Region Stockholm {year}" in [h.value for h in at.subheader]
    assert "Inkomna idéer" in [mt.label for mt in at.metric]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ned bokslutet som Excel" in labels  # built when clicked
    assert "Skapa bokslutet som PDF" in [b.label for b in at.button]  # built in a worker process, on request


def test_the_pdf_is_built_beside_the_page_and_shared_with_the_next_reader(demo_url: str) -> None:
    at = _open()
    next(b for b in at.button if b.label == "Skapa bokslutet som PDF").click().run()
    assert not at.exception, at.exception
    assert [p.proto.text for p in at.get("progress")] == [
        f"innovationsbokslut-{at.selectbox(key='annual_year').value}.pdf skapas …"
    ]
    job = _the_job(at)
    pdf = job.future.result(timeout=300)  # waiting for the worker, not timing it
    assert pdf.startswith(b"%PDF") and job.share_done() == 1.0
    at.run()
    assert "Ladda ned bokslutet som PDF" in _pdf_labels(at)
    other = _open()  # another admin session, the same data: the finished file, no second build
    assert "Ladda ned bokslutet som PDF" in _pdf_labels(other)
    assert "Skapa bokslutet som PDF" not in [b.label for b in other.button]


def _pdf_labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def _the_job(at):
    from components import background

    year = at.selectbox(key="annual_year").value
    jobs = [j for k, j in background.jobs()._jobs.items() if k[0] == "annual_pdf" and k[2] == year]
    assert jobs, "no PDF job started"
    return jobs[-1]


def test_commentary_for_an_organisation_is_saved(demo_url: str) -> None:
    at = _open()
    options = at.selectbox(key="annual_level").options
    at.selectbox(key="annual_level").select_index(next(i for i, o in enumerate(options) if "Karolinska" in o)).run()
    at.text_area[0].input("Ett år med många idéer från vården.")
    next(b for b in at.button if b.label == "Spara kommentaren").click().run()
    assert not at.exception
    assert "Kommentaren är sparad." in texts(at)
    engine = db.make_engine()
    with db.read_session(engine) as session:
        saved = session.exec(select(m.AnnualReport).where(m.AnnualReport.organisation_id.is_not(None))).one()
    engine.dispose()
    assert saved.commentary == "Ett år med många idéer från vården."


def test_freezing_a_year_shows_the_snapshot(demo_url: str) -> None:
    at = _open()
    year = at.selectbox(key="annual_year").value
    at.checkbox(key=f"annual_freeze_sure_{year}").check().run()
    at.button(key=f"annual_freeze_{year}").click().run()
    assert not at.exception
    assert f"{year} års bokslut är fryst." in texts(at)
    assert "Året frystes" in texts(at)
    assert not [b for b in at.button if b.key == f"annual_freeze_{year}"]


def test_english(demo_url: str) -> None:
    at = _open("en")
    assert at.title[0].value == "Annual innovation report"
    assert "Ideas received" in [mt.label for mt in at.metric]


def test_admins_the_council_and_managers_are_offered_the_page() -> None:
    assert SPEC.roles == {m.Role.admin, m.Role.council, m.Role.manager}


def test_the_council_reads_every_level_and_writes_nothing(demo_url: str) -> None:
    at = _open(username="council")
    assert any("Karolinska" in o for o in at.selectbox(key="annual_level").options)
    assert not any(b.label == "Spara kommentaren" for b in at.button)
    assert not [b for b in at.button if (b.key or "").startswith("annual_freeze_")]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ned bokslutet som Excel" in labels


def test_a_manager_reads_region_areas_and_own_organisation_and_writes_its_commentary(demo_url: str) -> None:
    at = _open(username="manager")  # Hälso- och sjukvårdsförvaltningen
    options = at.selectbox(key="annual_level").options
    assert any("Hälso- och sjukvårdsförvaltningen" in o for o in options)
    assert not any("Karolinska" in o for o in options)
    assert any("Kollektivtrafik" in o for o in options)  # every area
    # The region's commentary is the innovation team's: read only.
    assert not any(b.label == "Spara kommentaren" for b in at.button)
    own = next(i for i, o in enumerate(options) if "Hälso- och sjukvårdsförvaltningen" in o)
    at.selectbox(key="annual_level").select_index(own).run()
    at.text_area[0].input("Digitala vårdbesök blev vardag.")
    next(b for b in at.button if b.label == "Spara kommentaren").click().run()
    assert not at.exception
    assert "Kommentaren är sparad." in texts(at)
    engine = db.make_engine()
    with db.read_session(engine) as session:
        saved = session.exec(select(m.AnnualReport).where(m.AnnualReport.organisation_id.is_not(None))).one()
    engine.dispose()
    assert saved.commentary == "Digitala vårdbesök blev vardag."


def test_an_admin_writes_a_core_areas_commentary(demo_url: str) -> None:
    at = _open()
    options = at.selectbox(key="annual_level").options
    at.selectbox(key="annual_level").select_index(next(i for i, o in enumerate(options) if "Kultur" in o)).run()
    at.text_area[0].input("Kulturen prövade VR i vården.")
    next(b for b in at.button if b.label == "Spara kommentaren").click().run()
    assert "Kommentaren är sparad." in texts(at)
    engine = db.make_engine()
    with db.read_session(engine) as session:
        saved = session.exec(select(m.AnnualReport).where(m.AnnualReport.area_id.is_not(None))).one()
    engine.dispose()
    assert saved.commentary == "Kulturen prövade VR i vården."


def test_the_report_sets_the_innovation_budget_against_its_outcome(demo_url: str) -> None:
    at = _open(username="council")
    year = at.selectbox(key="annual_year").value
    assert f"**Innovationsbudget {year}**" in [md.value for md in at.markdown]
    labels = [mt.label for mt in at.metric]
    assert "Budgeterat innovationsstöd" in labels and "Beviljat ur Innovationsfonden" in labels
    budget_rows = next(tb.value for tb in at.table if "Budgeterat innovationsstöd" in tb.value.columns)
    # st.table renders Markdown, so the names are escaped (plain()); the reader sees them as written.
    assert [name.replace("\\", "") for name in budget_rows["Nivå"]] == [
        "Hälso- och sjukvård",
        "Kollektivtrafik",
        "Kultur",
        "Regional utveckling (inkl. miljö)",
    ]

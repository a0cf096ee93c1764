"""The totals of benefit realisation, pinned with figures worked out by hand: a benefit's realised value
as of a day is its latest measurement by then (re-measurements are never added up), estimates add up over
benefits, units never mix; ideas and applications by kind of benefit; the bokslut's nytta section and its
workbook; and the demo region's 2025 figures from `data/seed/benefits.json`."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session

import db
import models as m
from services.annual_report import export
from services.annual_report import report as annual
from services.benefits import figures
from services.benefits.figures import BenefitTotal, KindCount
from services.people.auth import Actor, load_actor
from services.seed import SEED_DIR
from services.shared.errors import PermissionDenied
from tests import factories as f
from tests.conftest import actor


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


def benefit(
    s: Session, unit: str, estimated: float | None, recorded: str, *measured: tuple[str, float], **owner
) -> None:
    row = m.BenefitRecord(
        kind="economic", description="Nytta", unit=unit, estimated_value=estimated, created_at=f.at(recorded), **owner
    )
    s.add(row)
    s.flush()
    for day, value in measured:
        s.add(
            m.BenefitMeasurement(benefit_id=row.id, measured_on=date.fromisoformat(day), value=value, measured_by="C")
        )
    s.flush()


@pytest.fixture
def region(s: Session) -> dict:
    """Health: KS with an idea that has two SEK benefits (one measured three times) and an hours benefit;
    SÖS with a funded project; transport: SL with an idea measured only in 2026."""
    health = f.area(s, "health", name_sv="Hälso- och sjukvård", name_en="Health care")
    transport = f.area(s, "transport", name_sv="Kollektivtrafik", name_en="Public transport")
    ks = f.organisation(s, health, "KS", name="Karolinska Universitetssjukhuset")
    sos = f.organisation(s, health, "SOS", name="Södersjukhuset AB")
    sl = f.organisation(s, transport, "SL", name="AB Storstockholms Lokaltrafik")
    admin = f.user(s, "admin", "admin")
    f.user(s, "council", "council")
    f.user(s, "employee", "employee", ks)
    ks_idea = f.idea(s, health, "2025-01-10", "implementation", organisation_id=ks.id, benefit_kind="economic")
    sl_idea = f.idea(s, transport, "2025-02-10", "spread", organisation_id=sl.id, benefit_kind="environmental")
    f.idea(s, health, "2025-03-10", organisation_id=sos.id, benefit_kind="social")
    f.idea(s, health, "2024-12-31", organisation_id=ks.id, benefit_kind="social")  # another year
    call = f.call(s, 2025)
    project = f.application(
        s,
        call,
        admin,
        sos,
        500_000,
        status="in_progress",
        granted_sek=400_000,
        submitted_at=f.at("2025-02-01"),
        benefit_kind="social",
    )
    f.application(s, call, admin, ks, status="draft", benefit_kind="economic")  # never submitted: not counted
    # KS: 1 000 000 estimated, measured 300 000 (March), 700 000 (September), 900 000 (February 2026)
    benefit(
        s,
        "sek_per_year",
        1_000_000,
        "2025-02-01",
        ("2025-03-31", 300_000),
        ("2025-09-30", 700_000),
        ("2026-02-28", 900_000),
        idea_id=ks_idea.id,
    )
    benefit(s, "sek_per_year", 250_000, "2025-06-01", idea_id=ks_idea.id)  # estimated only
    benefit(s, "hours_per_year", 1_500, "2025-06-01", ("2025-12-31", 1_200), idea_id=ks_idea.id)
    # SÖS project: 200 000 estimated, measured 150 000 in 2025
    benefit(s, "sek_per_year", 200_000, "2025-04-01", ("2025-11-15", 150_000), application_id=project.id)
    # SL: recorded in 2026 with a measurement dated back to November 2025 -> counts for 2025
    benefit(s, "co2e_tonnes_per_year", 80, "2026-01-20", ("2025-11-30", 55.5), idea_id=sl_idea.id)
    # SL: recorded in 2026, first measured in 2026 -> not in 2025 at all
    benefit(s, "sek_per_year", 3_000_000, "2026-01-20", ("2026-01-31", 1_000_000), idea_id=sl_idea.id)
    s.commit()
    return {"health": health.id, "transport": transport.id, "ks": ks.id, "sos": sos.id, "sl": sl.id}


def who(s: Session, username: str) -> Actor:
    found = load_actor(s, username)
    assert found is not None
    return found


def test_the_region_at_2025_s_end_takes_each_benefit_s_latest_measurement(s: Session, region: dict) -> None:
    totals = figures.totals(s, who(s, "council"), end=date(2025, 12, 31))
    assert totals == [
        # estimated 1 000 000 + 250 000 + 200 000; realised KS 700 000 (September, not 300 000 + 700 000) + SÖS 150 000
        BenefitTotal("sek_per_year", 1_450_000.0, 850_000.0, benefits=3, measured=2),
        BenefitTotal("hours_per_year", 1_500.0, 1_200.0, benefits=1, measured=1),
        BenefitTotal("co2e_tonnes_per_year", 80.0, 55.5, benefits=1, measured=1),
    ]


def test_a_later_day_takes_the_re_measurement_and_the_benefits_recorded_since(s: Session, region: dict) -> None:
    sek = figures.totals(s, who(s, "admin"), end=date(2026, 3, 1))[0]
    # realised KS 900 000 + SÖS 150 000 + SL 1 000 000; estimated + SL's 3 000 000
    assert sek == BenefitTotal("sek_per_year", 4_450_000.0, 2_050_000.0, benefits=4, measured=3)
    mid_2025 = figures.totals(s, who(s, "admin"), end=date(2025, 6, 30))[0]
    assert (mid_2025.realised, mid_2025.estimated, mid_2025.benefits) == (300_000.0, 1_450_000.0, 3)


def test_an_area_and_an_organisation_count_their_own_ideas_and_projects(s: Session, region: dict) -> None:
    admin = who(s, "admin")
    health = figures.totals(s, admin, end=date(2025, 12, 31), area_id=region["health"])
    assert [(t.unit, t.realised) for t in health] == [("sek_per_year", 850_000.0), ("hours_per_year", 1_200.0)]
    sos = figures.totals(s, admin, end=date(2025, 12, 31), organisation_id=region["sos"])
    assert sos == [BenefitTotal("sek_per_year", 200_000.0, 150_000.0, 1, 1)]
    assert figures.totals(s, admin, end=date(2025, 12, 31), organisation_id=region["sl"]) == [
        BenefitTotal("co2e_tonnes_per_year", 80.0, 55.5, 1, 1)
    ]


def test_ideas_and_submitted_applications_by_kind_of_benefit(s: Session, region: dict) -> None:
    kinds = figures.by_kind(s, who(s, "admin"), start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert kinds == [KindCount("economic", 1, 0), KindCount("social", 1, 1), KindCount("environmental", 1, 0)]
    health = figures.by_kind(
        s, who(s, "admin"), start=date(2025, 1, 1), end=date(2025, 12, 31), area_id=region["health"]
    )
    assert [(k.kind, k.ideas, k.applications) for k in health] == [
        ("economic", 1, 0),
        ("social", 1, 1),
        ("environmental", 0, 0),
    ]


def test_employees_do_not_read_the_totals(s: Session, region: dict) -> None:
    with pytest.raises(PermissionDenied):
        figures.totals(s, who(s, "employee"), end=date(2025, 12, 31))
    with pytest.raises(PermissionDenied):
        figures.by_kind(s, who(s, "employee"), start=date(2025, 1, 1), end=date(2025, 12, 31))


def test_the_bokslut_s_nytta_section_per_level_and_its_workbook(s: Session, region: dict) -> None:
    report = annual.report(s, who(s, "admin"), 2025)
    levels = report.data["levels"]
    sek = {"estimated": 1_450_000.0, "realised": 850_000.0, "benefits": 3, "measured": 2}
    assert levels["region"]["benefits"]["sek_per_year"] == sek
    assert levels[f"area:{region['health']}"]["benefits"]["sek_per_year"] == sek
    assert levels[f"org:{region['ks']}"]["benefits"]["sek_per_year"] == {
        "estimated": 1_250_000.0,
        "realised": 700_000.0,
        "benefits": 2,
        "measured": 1,
    }
    assert levels[f"org:{region['sl']}"]["benefits"] == {
        "co2e_tonnes_per_year": {"estimated": 80.0, "realised": 55.5, "benefits": 1, "measured": 1}
    }
    assert levels["region"]["ideas_by_benefit"] == {"economic": 1, "social": 1, "environmental": 1}
    assert levels[f"area:{region['health']}"]["applications_by_benefit"] == {"social": 1}

    book = load_workbook(io.BytesIO(export.to_workbook(report, "sv")))
    rows = list(book["Nytta"].iter_rows(values_only=True))
    assert rows[0] == ("Nivå", "Namn", "Enhet", "Realiserat", "Uppskattat", "Varav uppmätta", "Nyttor")
    assert ("Region", "Region Stockholm", "kr per år", 850_000, 1_450_000, 2, 3) in rows
    assert ("Organisation", "Karolinska Universitetssjukhuset", "kr per år", 700_000, 1_250_000, 1, 2) in rows
    assert ("Organisation", "AB Storstockholms Lokaltrafik", "ton CO₂e per år", 55.5, 80, 1, 1) in rows
    kinds = list(load_workbook(io.BytesIO(export.to_workbook(report, "en")))["By kind of benefit"].values)
    assert ("Region", "Region Stockholm", "Social benefit", 1, 1) in kinds


def test_the_pdf_has_the_nytta_section(s: Session, region: dict) -> None:
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(export.to_pdf(annual.report(s, who(s, "admin"), 2025), "sv")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Nytta vid årets slut" in text
    assert "Organisationernas nytta vid årets slut" in text
    assert "850 000" in text and "2 av 3" in text


def realised_by_hand(year: int, shift_days: int = 0) -> dict[str, float]:
    """Per unit, the sum over the demo's benefits of each one's latest measurement up to 31 December
    (the seed file's days moved by `shift_days`, as the demo loaded on a later day has them)."""
    end = date(year, 12, 31)
    totals: dict[str, float] = {}
    for row in json.loads((SEED_DIR / "benefits.json").read_text(encoding="utf-8")):
        days = [(date.fromisoformat(x["on"]) + timedelta(days=shift_days), x["value"]) for x in row["measurements"]]
        measured = sorted((day, value) for day, value in days if day <= end)
        if measured:
            totals[row["unit"]] = totals.get(row["unit"], 0) + measured[-1][1]
    return totals


def test_the_demo_region_s_2025_benefits(session: Session) -> None:
    totals = {t.unit: t for t in figures.totals(session, actor(session, "council"), end=date(2025, 12, 31))}
    assert {u: t.realised for u, t in totals.items()} == realised_by_hand(2025)
    # SL's blipp (4 200 000, November), the anaesthetic gas project (410 000), video triage (8 600 000)
    assert totals["sek_per_year"].realised == 4_200_000 + 410_000 + 8_600_000
    # desflurane: 810 t in November replaces 620 t in August; meals 28, building material 350, scanner 9.5
    assert totals["co2e_tonnes_per_year"].realised == 810 + 28 + 350 + 9.5
    every_area = annual.report(session, actor(session, "admin"), 2025).data["levels"]
    assert all(every_area[f"area:{a}"]["benefits"] for a in (1, 2, 3, 4))  # the council sees every area filled

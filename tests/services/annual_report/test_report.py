"""The innovationsbokslut: the year's figures per level, commentary, freezing and the exports."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageChops
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import i18n
import models as m
from services.annual_report import charts, export
from services.annual_report import report as annual
from services.people.auth import Actor, load_actor
from services.shared.errors import PermissionDenied, ValidationError
from tests import factories as f

TODAY = date(2026, 3, 1)


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


@pytest.fixture
def region(s: Session) -> dict:
    """2025: health/KS three ideas (one from a patient, one implemented, one spread to SOS), SL one
    idea; one approved application; a testbed; an indicator with a target."""
    health = f.area(s, "health", name_sv="Hälso- och sjukvård", name_en="Health care")
    transport = f.area(s, "transport", name_sv="Kollektivtrafik", name_en="Public transport")
    ks = f.organisation(s, health, "KS", name="Karolinska Universitetssjukhuset")
    sos = f.organisation(s, health, "SOS", name="Södersjukhuset AB")
    sl = f.organisation(s, transport, "SL", name="AB Storstockholms Lokaltrafik")
    admin = f.user(s, "admin", "admin")
    f.idea(s, health, "2025-02-01", organisation_id=ks.id)
    f.idea(s, health, "2025-03-01", organisation_id=ks.id, submitter_kind="patient", stage="implementation")
    spread = f.idea(s, health, "2025-04-01", organisation_id=ks.id, stage="spread")
    s.add(m.IdeaAdoption(idea_id=spread.id, organisation_id=sos.id, adopted_on=date(2025, 9, 1)))
    f.idea(s, transport, "2025-05-01", organisation_id=sl.id, submitter_kind="traveller")
    f.idea(s, transport, "2024-12-31", organisation_id=sl.id)  # another year
    call = f.call(s, 2025)
    f.application(
        s,
        call,
        admin,
        ks,
        400_000,
        status="approved",
        submitted_at=f.at("2025-03-01"),
        granted_sek=300_000,
        decided_on=date(2025, 5, 1),
    )
    f.testbed(s, health, ks)
    received = m.Indicator(
        code="IDE-01",
        name_sv="Inkomna idéer",
        name_en="Ideas received",
        unit="antal",
        frequency="quarter",
        source="computed",
        computation="ideas_received",
    )
    granted = m.Indicator(
        code="FON-03",
        name_sv="Beviljat belopp",
        name_en="Amount granted",
        unit="SEK",
        frequency="year",
        source="computed",
        computation="fund_sek_granted",
    )
    own = m.Indicator(
        code="KS-01",
        name_sv="Egen",
        name_en="Own",
        unit="%",
        source="reported",
        scope="own",
        owner_org_id=ks.id,
    )
    s.add_all([received, granted, own])
    s.flush()
    s.add(m.IndicatorTarget(indicator_id=received.id, year=2025, value=1))  # per quarter: 4 for the year
    s.add(m.IndicatorTarget(indicator_id=received.id, year=2025, value=1, area_id=health.id))
    s.add(
        m.IndicatorValue(
            indicator_id=own.id, organisation_id=ks.id, period_start=date(2025, 1, 1), value=42, status="approved"
        )
    )
    s.commit()
    return {
        "health": health,
        "transport": transport,
        "ks": ks,
        "sos": sos,
        "sl": sl,
        "admin": Actor(admin.id, "admin", "Admin", "", m.Role.admin, None, None, "sv"),
    }


def test_figures_per_region_area_and_organisation(s: Session, region: dict) -> None:
    data = annual.report(s, region["admin"], 2025).data
    health, ks = annual.area_key(region["health"].id), annual.org_key(region["ks"].id)
    assert data["levels"]["region"]["ideas_by_stage"] == {"received": 2, "implementation": 1, "spread": 1}
    assert data["levels"]["region"]["ideas_by_kind"] == {"employee": 2, "patient": 1, "traveller": 1}
    assert data["levels"][health]["ideas_by_stage"] == {"received": 1, "implementation": 1, "spread": 1}
    assert annual.summary_value(data, ks, "ideas_received") == 3
    assert annual.summary_value(data, ks, "adoptions") is None  # no indicator for it in this registry
    assert annual.summary_value(data, "region", "fund_sek_granted") == 300_000
    assert data["levels"]["region"]["indicators"]["IDE-01"] == {"value": 4.0, "target": 4.0, "met": True}
    assert data["levels"][health]["indicators"]["IDE-01"] == {"value": 3.0, "target": 4.0, "met": False}
    transport = annual.area_key(region["transport"].id)
    assert data["levels"][transport]["indicators"]["IDE-01"]["target"] is None  # the region's count is not its
    assert data["levels"][health]["testbeds"] == {"open": 1}
    # an administration's own indicator is in its own report only
    assert data["levels"][ks]["indicators"]["KS-01"]["value"] == 42
    assert "KS-01" not in data["levels"]["region"]["indicators"]


def test_commentary_is_saved_audited_and_refused_when_too_long(s: Session, region: dict) -> None:
    annual.save_commentary(s, region["admin"], 2025, region["ks"].id, "  Ett starkt år för KS.  ")
    assert annual.report(s, region["admin"], 2025).commentary == {
        annual.org_key(region["ks"].id): "Ett starkt år för KS."
    }
    assert s.exec(select(m.AuditLog).where(m.AuditLog.action == "annual_report.commentary")).first()
    with pytest.raises(ValidationError) as refused:
        annual.save_commentary(s, region["admin"], 2025, None, "x" * (annual.MAX_COMMENTARY + 1))
    assert "commentary" in refused.value.fields


def test_freezing_keeps_the_figures_after_a_record_changes(s: Session, region: dict) -> None:
    annual.save_commentary(s, region["admin"], 2025, None, "Regionens kommentar")
    annual.freeze(s, region["admin"], 2025, today=TODAY)
    f.idea(s, region["health"], "2025-06-01", organisation_id=region["ks"].id)  # a late registration
    s.commit()
    frozen = annual.report(s, region["admin"], 2025)
    assert frozen.frozen and sum(frozen.data["levels"]["region"]["ideas_by_stage"].values()) == 4
    assert frozen.commentary == {"region": "Regionens kommentar"}
    assert sum(annual.build(s, 2025)["levels"]["region"]["ideas_by_stage"].values()) == 5  # the records moved
    with pytest.raises(annual.YearFrozen):
        annual.save_commentary(s, region["admin"], 2025, None, "Ändrad i efterhand")
    with pytest.raises(annual.YearFrozen):
        annual.freeze(s, region["admin"], 2025, today=TODAY)
    assert s.exec(select(m.AuditLog).where(m.AuditLog.action == "annual_report.freeze")).first()


def test_a_year_that_is_not_over_cannot_be_frozen(s: Session, region: dict) -> None:
    with pytest.raises(ValidationError):
        annual.freeze(s, region["admin"], 2026, today=TODAY)
    assert s.exec(select(m.AnnualReport)).all() == []


def _actor(s: Session, role: m.Role, org: m.Organisation | None = None) -> Actor:
    """A user of `role` (in `org`), stored, as the services see them."""
    username = f"{role.value}-{org.short_name if org else 'region'}".lower()
    if s.exec(select(m.User).where(m.User.username == username)).first() is None:
        f.user(s, username, role.value, org)
        s.commit()
    found = load_actor(s, username)
    assert found is not None
    return found


def test_the_council_reads_everything_a_manager_the_region_areas_and_own_organisation(s: Session, region: dict) -> None:
    ks, sos = region["ks"], region["sos"]
    annual.save_commentary(s, region["admin"], 2025, sos.id, "Södersjukhusets egen text")
    annual.save_commentary(s, region["admin"], 2025, None, "Regionens text", area_id=region["health"].id)
    council = annual.report(s, _actor(s, m.Role.council), 2025)
    assert annual.org_key(sos.id) in council.data["levels"]
    assert council.commentary[annual.org_key(sos.id)] == "Södersjukhusets egen text"
    mine = annual.report(s, _actor(s, m.Role.manager, ks), 2025)
    assert set(mine.data["levels"]) == {
        annual.REGION,
        annual.area_key(region["health"].id),
        annual.area_key(region["transport"].id),
        annual.org_key(ks.id),
    }
    assert mine.commentary == {annual.area_key(region["health"].id): "Regionens text"}
    assert [o["short_name"] for o in mine.data["organisations"]] == ["KS"]
    # The exports are made from the reader's copy: no other organisation in them.
    book = load_workbook(io.BytesIO(export.to_workbook(mine, "sv")))
    names = {row[1] for sheet in book.worksheets for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Karolinska Universitetssjukhuset" in names and "Södersjukhuset AB" not in names
    other = annual.report(s, _actor(s, m.Role.manager, sos), 2025)
    assert "KS-01" not in {i["code"] for i in other.data["indicators"]}  # KS's own indicator is KS's
    for who in (_actor(s, m.Role.employee, ks), None):
        with pytest.raises(PermissionDenied):
            annual.report(s, who, 2025)


def test_each_writes_the_commentary_of_their_own_level_and_a_frozen_year_stays_frozen(s: Session, region: dict) -> None:
    ks, sos, health = region["ks"], region["sos"], region["health"]
    chef = _actor(s, m.Role.manager, ks)
    annual.save_commentary(s, chef, 2025, ks.id, "Karolinskas år")
    before = s.exec(select(m.AnnualReport.id, m.AnnualReport.commentary)).all()
    for organisation_id, area_id in ((sos.id, None), (None, None), (None, health.id)):
        with pytest.raises(PermissionDenied):
            annual.save_commentary(s, chef, 2025, organisation_id, "x", area_id=area_id)
    for who in (_actor(s, m.Role.council), _actor(s, m.Role.employee, ks), None):
        with pytest.raises(PermissionDenied):
            annual.save_commentary(s, who, 2025, ks.id, "x")
        with pytest.raises(PermissionDenied):
            annual.freeze(s, who, 2025, today=TODAY)
    with pytest.raises(PermissionDenied):
        annual.freeze(s, chef, 2025, today=TODAY)
    assert s.exec(select(m.AnnualReport.id, m.AnnualReport.commentary)).all() == before
    annual.save_commentary(s, region["admin"], 2025, None, "Vården", area_id=health.id)
    entry = s.exec(select(m.AuditLog).where(m.AuditLog.action == "annual_report.commentary")).all()[-1]
    assert entry.details["area_id"] == health.id
    annual.freeze(s, region["admin"], 2025, today=TODAY)
    frozen = annual.report(s, chef, 2025)
    assert frozen.commentary == {annual.org_key(ks.id): "Karolinskas år", annual.area_key(health.id): "Vården"}
    for who in (chef, region["admin"]):
        with pytest.raises(annual.YearFrozen):
            annual.save_commentary(s, who, 2025, ks.id, "Ändrad i efterhand")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_workbook_opens_and_holds_the_years_figures(s: Session, region: dict, language: str) -> None:
    annual.save_commentary(s, region["admin"], 2025, region["ks"].id, "=SUM(A1) är ingen formel")
    workbook = load_workbook(io.BytesIO(export.to_workbook(annual.report(s, region["admin"], 2025), language)))
    summary = workbook[workbook.sheetnames[0]]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0][2] == ("Inkomna idéer" if language == "sv" else "Ideas received")
    region_row = next(r for r in rows if r[1] == "Region Stockholm")
    assert region_row[2] == 4  # ideas received in 2025
    ks_row = next(r for r in rows if r[1] == "Karolinska Universitetssjukhuset")
    assert ks_row[2] == 3
    comments = list(workbook[workbook.sheetnames[-1]].iter_rows(values_only=True))
    assert comments[1][2] == "'=SUM(A1) är ingen formel"  # formula-safe
    # Units in the reader's language: the registry's Swedish "antal" is "count" in English.
    sheet = workbook[i18n.t("annual.sheet.indicators", language)]
    ideas = next(r for r in sheet.iter_rows(values_only=True) if "IDE-01" in r)
    assert ("count" if language == "en" else "antal") in ideas


def test_the_english_pdf_names_its_units_in_english(s: Session, region: dict) -> None:
    pdf = PdfReader(io.BytesIO(export.to_pdf(annual.report(s, region["admin"], 2025), "en")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Annual innovation report 2025" in text
    assert "300,000 SEK" in text and " kr" not in text


def test_the_pdf_opens_and_holds_the_years_figures_with_charts(s: Session, region: dict) -> None:
    annual.save_commentary(s, region["admin"], 2025, region["ks"].id, "Åtta av tio idéer kom från vården.")
    pdf = PdfReader(io.BytesIO(export.to_pdf(annual.report(s, region["admin"], 2025), "sv")))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Innovationsbokslut 2025" in text
    assert "Hälso- och sjukvård" in text and "Kollektivtrafik" in text
    assert "SOS" in text  # the organisations' table
    assert "Åtta av tio idéer kom från vården." in text
    assert "300 000" in text  # granted SEK
    assert sum(len(page.images) for page in pdf.pages) >= 2  # the charts


def test_the_pdf_prints_the_pages_own_chart_specs(s: Session, region: dict) -> None:
    """The region's charts in the PDF are, pixel for pixel, the Altair specs the page shows, rendered
    from the report's own figures (not a second drawing of them)."""
    report = annual.report(s, region["admin"], 2025)
    first = PdfReader(io.BytesIO(export.to_pdf(report, "sv"))).pages[0]
    level = report.data["levels"][annual.REGION]
    expected = [
        charts.stages_chart(charts.stages_frame(level, "sv"), "sv"),
        charts.kinds_chart(charts.kinds_frame(level, "sv"), "sv"),
    ]
    printed = [image.image.convert("RGB") for image in first.images]
    assert len(printed) == 2
    for chart, image in zip(expected, printed, strict=True):
        drawn = Image.open(io.BytesIO(export.chart_png(chart))).convert("RGB")
        assert image.size == drawn.size
        assert ImageChops.difference(image, drawn).getbbox() is None
    # ...and they hold the figures: the stage chart's rows are the region's ideas per stage.
    assert charts.stages_frame(level, "sv")["value"].sum() == sum(level["ideas_by_stage"].values())
    assert "Årets idéer per steg" in first.extract_text()


def test_the_innovation_budget_stands_against_its_outcome_per_level_in_the_report_and_its_exports(
    s: Session, region: dict
) -> None:
    from services.budgets import budget

    admin = region["admin"]
    for org, amount in ((region["ks"], 600_000), (region["sl"], 200_000)):
        budget.set_budget(session=s, actor=admin, organisation_id=org.id, data={"year": 2025, "budget_sek": amount})
    levels = annual.report(s, admin, 2025).data["levels"]
    ks = levels[annual.org_key(region["ks"].id)]["budget"]
    assert (ks["budget_sek"], ks["granted_sek"], ks["projects_running"], ks["ideas_implemented"]) == (
        600_000,
        300_000,
        1,
        2,
    )
    health = levels[annual.area_key(region["health"].id)]["budget"]
    assert (health["organisations"], health["budgeted"], health["budget_sek"]) == (2, 1, 600_000)  # KS and SOS
    assert levels[annual.org_key(region["sos"].id)]["budget"]["budget_sek"] is None
    assert levels["region"]["budget"]["budget_sek"] == 800_000 and levels["region"]["budget"]["granted_sek"] == 300_000

    report = annual.report(s, admin, 2025)
    sheet = load_workbook(io.BytesIO(export.to_workbook(report, "sv")))["Innovationsbudget"]
    rows = {r[1]: r for r in sheet.iter_rows(values_only=True)}
    assert rows["Region Stockholm"][2:] == (800_000, 300_000, 37.5, 1, 2, 2)  # 300 000 of 800 000 budgeted
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(export.to_pdf(report, "sv"))).pages)
    assert "Innovationsbudget 2025" in text and "800 000 kr" in text

    # A year frozen before budgets were in the report keeps its figures and still exports.
    old = {
        **report.data,
        "levels": {k: {x: y for x, y in v.items() if x != "budget"} for k, v in report.data["levels"].items()},
    }
    frozen = annual.Report(2025, old, {}, report.frozen_at, None)
    assert "Innovationsbudget" in load_workbook(io.BytesIO(export.to_workbook(frozen, "sv"))).sheetnames
    assert "Innovationsbudget 2025" not in "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(export.to_pdf(frozen, "sv"))).pages
    )


def test_the_reports_budget_takes_the_outcome_its_indicators_counted(session: Session) -> None:
    """On the demo region (whose indicators count the money granted and the ideas implemented), the
    report hands those per-organisation figures to the budget instead of counting them again: every
    level's budget is what the budget service counts by itself."""
    from services.budgets import budget

    year = session.exec(select(m.InnovationBudget.year)).first()
    assert year is not None
    levels = annual.build(session, year)["levels"]
    rows = budget.outcome_rows(session, year)  # counted here, without the report's figures
    assert any(r.ideas_implemented for r in rows) and any(r.granted_sek for r in rows)
    for row in rows:
        assert levels[annual.org_key(row.organisation_id)]["budget"] == budget.total([row]).as_dict()
    assert levels[annual.REGION]["budget"] == budget.total(rows).as_dict()

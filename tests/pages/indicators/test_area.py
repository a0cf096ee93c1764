"""The area dashboards: one page file, four areas; tiles, charts as tables, downloads, both languages."""

from __future__ import annotations

import re

import pytest

from components.navigation import PAGES
from services.shared import versions
from tests.pages.apptest import app_as, open_spec, texts

AREA_SPECS = {s.area_code: s for s in PAGES if s.area_code}


def test_the_page_is_registered_once_per_core_area() -> None:
    assert set(AREA_SPECS) == {"health", "transport", "culture", "regional"}
    assert {s.path for s in AREA_SPECS.values()} == {"pages/indicators/area.py"}
    assert len({s.url_path for s in AREA_SPECS.values()}) == 4


@pytest.mark.parametrize("code", ["health", "culture"])
def test_each_url_shows_its_own_area(demo_url: str, code: str) -> None:
    at = open_spec(app_as("council"), AREA_SPECS[code])
    assert not at.exception, at.exception
    assert at.title[0].value == {"health": "Hälso- och sjukvård", "culture": "Kultur"}[code]
    labels = [m.label for m in at.metric]
    assert "Inkomna idéer" in labels and "Beviljat belopp i Innovationsfonden" in labels
    assert "Nyckeltal 20" in texts(at)  # the default period is this year


def test_a_chart_becomes_a_table_and_downloads_hold_its_rows(demo_url: str) -> None:
    at = open_spec(app_as("manager"), AREA_SPECS["health"])
    funnel_toggle = next(tg for tg in at.toggle if tg.key == "funnel_health_as_table")
    funnel_toggle.set_value(True)
    at.run()
    assert not at.exception
    tables = [df.value for df in at.dataframe]
    funnel = next(tb for tb in tables if "Steg" in tb.columns)
    assert list(funnel["Steg"]) == ["Inkommen", "Bedömning", "Utveckling", "Test", "Införande", "Spridning"]
    assert list(funnel["Idéer"]) == sorted(funnel["Idéer"], reverse=True)  # a funnel narrows
    downloads = [b.proto.label for b in at.get("download_button")]
    charts = [tg for tg in at.toggle if tg.key.endswith("_as_table")]
    assert len(charts) >= 4  # series, organisations, funnel, fund, testbeds
    assert downloads.count("Ladda ned Excel") == downloads.count("Ladda ned CSV") == len(charts)


def test_english_and_the_period_filter(demo_url: str) -> None:
    at = open_spec(app_as("admin", lang="en"), AREA_SPECS["transport"])
    assert at.title[0].value == "Public transport"
    assert "Ideas received" in [m.label for m in at.metric]
    at.selectbox(key="area_transport_period_year").select_index(1).run()
    assert not at.exception
    year = at.selectbox(key="area_transport_period_year").value[0].year
    assert f"Key figures {year}" in texts(at)


def test_employees_are_not_offered_the_dashboards() -> None:
    from components.navigation import visible_specs
    from models import Role
    from services.people.auth import Actor

    employee = Actor(1, "x", "x", "x", Role.employee, None, None, "sv")
    assert not [s for s in visible_specs(employee) if s.area_code]


def test_an_approved_reported_value_shows_on_its_areas_dashboard(demo_url: str) -> None:
    from datetime import date

    from sqlmodel import select

    import db
    import models as m

    label = "Pågående innovationsprojekt i egen verksamhet"
    at = open_spec(app_as("council"), AREA_SPECS["health"])
    before = int(next(mt.value for mt in at.metric if mt.label == label).replace("\u00a0", ""))
    engine = db.make_engine()
    with db.write_session(engine) as session:
        indicator = session.exec(select(m.Indicator).where(m.Indicator.code == "PRJ-01")).one()
        org = session.exec(select(m.Organisation).where(m.Organisation.short_name == "SöS")).one()
        # PRJ-01 is a stock: the year shows each organisation's last approved quarter, so change SöS's.
        latest = session.exec(
            select(m.IndicatorValue)
            .where(
                m.IndicatorValue.indicator_id == indicator.id,
                m.IndicatorValue.organisation_id == org.id,
                m.IndicatorValue.status == "approved",
                m.IndicatorValue.period_start >= date(date.today().year, 1, 1),
            )
            .order_by(m.IndicatorValue.period_start.desc())
        ).first()
        assert latest is not None
        added = 1000 - latest.value
        row = latest
        row.value = 1000
        session.add(row)
        versions.bump(session)  # as every audited write does: the cached figures are keyed on it
        session.commit()
    engine.dispose()
    at.run()
    after = int(next(mt.value for mt in at.metric if mt.label == label).replace("\u00a0", ""))
    assert after == before + added


def test_the_areas_innovation_budget_against_its_outcome(demo_url: str) -> None:
    """The council sees the area's budget total and every organisation's budget against what was granted;
    a manager the total and their own organisation; both charts come as tables too."""
    at = open_spec(app_as("council"), AREA_SPECS["health"])
    year = at.selectbox(key="area_health_period_year").value[0].year
    assert f"Innovationsbudget {year}" in [h.value for h in at.subheader]
    labels = [mt.label for mt in at.metric]
    assert "Budgeterat innovationsstöd" in labels and "Pågående fondprojekt" in labels
    next(tg for tg in at.toggle if tg.key == "budget_health_as_table").set_value(True)
    at.run()
    table = next(df.value for df in at.dataframe if "Budgeterat innovationsstöd" in df.value.columns)
    assert "Karolinska Universitetssjukhuset" in list(table["Organisation"])
    assert len(table) > 1

    mine = open_spec(app_as("manager"), AREA_SPECS["health"])  # Hälso- och sjukvårdsförvaltningen
    assert not mine.exception, mine.exception
    next(tg for tg in mine.toggle if tg.key == "budget_health_as_table").set_value(True)
    mine.run()
    own = next(df.value for df in mine.dataframe if "Budgeterat innovationsstöd" in df.value.columns)
    assert list(own["Organisation"]) == ["Hälso- och sjukvårdsförvaltningen"]
    assert "Andra organisationers budgetar visas för innovationsrådet och innovationsstödet." in texts(mine)


def test_kom01_is_a_live_tile_counted_from_the_course_register(demo_url: str) -> None:
    """KOM-01 is computed from Kompetensutveckling's records (the demo's 2026 courses), not reported."""
    at = open_spec(app_as("council"), AREA_SPECS["health"])
    tile = next(mt for mt in at.metric if mt.label == "Andel medarbetare utbildade i innovationsmetodik")
    assert tile.value not in ("", "–")  # health's organisations have staff counts and trained employees
    assert "Andel medarbetare som deltagit i förbättrings- eller innovationsarbete" in [mt.label for mt in at.metric]


def test_each_tile_says_its_target_and_whether_it_was_met(demo_url: str) -> None:
    """The target is the description beside a tile's change: one element a tile, all in one grid."""
    at = open_spec(app_as("council"), AREA_SPECS["health"])
    grid = next(g for g in at.get("grid_container") if len(g.children) > 20)  # not the budget's four
    said = {mt.label: mt.proto.delta_description for mt in grid.children.values()}
    assert len(said) > 20 and all(said.values())  # every indicator's tile says something about its target
    met = [d for d in said.values() if re.fullmatch(r":material/(check_circle|cancel): Mål .+: (inte )?uppnått", d)]
    assert met and all(d == "Inget mål satt för perioden" or d in met or d.startswith("Mål: ") for d in said.values())

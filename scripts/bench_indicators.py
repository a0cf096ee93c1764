"""Benchmarks of the indicator views: the area dashboards, Rådsläge and the innovationsbokslut, with
the queries their pages make (run by scripts/benchmark.py at ten times the region's size)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select

from models import Area, Indicator
from scripts.benchmark import TODAY, benchmark
from services.indicators import computed

YEAR = {"start": date(TODAY.year, 1, 1), "end": TODAY}


def _health(session: Any) -> int:
    return session.exec(select(Area.id).where(Area.code == "health")).one()


@benchmark("Indikatorer: all computed indicators, region, year to date")
def _computed_region(session: Any, actors: dict[str, Any]) -> Any:

    return {key: computed.compute(session, key, **YEAR) for key in computed.COMPUTATIONS}


@benchmark("Indikatorer: all computed indicators per organisation of an area (grouped)")
def _computed_by_org(session: Any, actors: dict[str, Any]) -> Any:

    area_id = _health(session)
    return {
        key: computed.compute_by_organisation(session, key, **YEAR, area_id=area_id) for key in computed.COMPUTATIONS
    }


@benchmark("Kärnverksamhet: KPI tiles (every indicator, previous period, target)")
def _area_tiles(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import dashboard as dash

    return dash.figures(session, actors["council"], **YEAR, area_id=_health(session))


@benchmark("Kärnverksamhet: funnel, fund and testbeds")
def _area_rest(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import dashboard as dash

    area_id = _health(session)
    return (
        dash.idea_funnel(session, actors["council"], **YEAR, area_id=area_id),
        dash.fund_by_status(session, actors["council"], **YEAR, area_id=area_id),
        dash.requests_by_status(session, actors["council"], **YEAR, area_id=area_id),
    )


@benchmark("Kärnverksamhet: one indicator over three years and per organisation")
def _area_detail(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import dashboard as dash

    area_id = _health(session)
    indicator_id = session.exec(select(Indicator.id).where(Indicator.computation == "ideas_received")).one()
    start = date(TODAY.year - 2, 1, 1)
    return (
        dash.series(session, actors["council"], indicator_id, start=start, end=TODAY, area_id=area_id),
        dash.by_organisation(session, actors["council"], indicator_id, **YEAR, area_id=area_id),
    )


@benchmark("Kärnverksamhet: a reported indicator per organisation (1M values)")
def _area_reported(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import dashboard as dash

    indicator_id = session.exec(select(Indicator.id).where(Indicator.source == "reported")).first()
    return dash.by_organisation(
        session, actors["council"], indicator_id, start=date(2021, 1, 1), end=date(2021, 12, 31), area_id=None
    )


@benchmark("Rådsläge: one refresh")
def _council(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import dashboard as dash

    return dash.live_figures(session, actors["council"], today=TODAY)


@benchmark("Innovationsbokslut: the year's figures, every level")
def _annual(session: Any, actors: dict[str, Any]) -> Any:
    from services.annual_report import report as annual_report

    return annual_report.report(session, actors["admin"], TODAY.year - 1)


@benchmark("Innovationsbokslut: .xlsx and PDF with charts")
def _annual_files(session: Any, actors: dict[str, Any]) -> Any:
    from services.annual_report import export
    from services.annual_report import report as annual_report

    report = annual_report.report(session, actors["admin"], TODAY.year - 1)
    return export.to_workbook(report, "sv"), export.to_pdf(report, "sv")

"""Benchmarks of the indicator data pages: Min förvaltning, Rapportera värden (review queue, reporting
table) and the check of a large import (run by scripts/benchmark.py at ten times the region's size)."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from models import Indicator
from scripts.benchmark import TODAY, benchmark
from services.indicators import values

IMPORT_ROWS = 5_000


def _org(actors: dict[str, Any]) -> int:
    return actors["manager"].organisation_id


@benchmark("Min förvaltning: what waits (ideas, fund reports, testbed requests, unreported periods)")
def _waiting(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import my_org

    return my_org.waiting(session=session, actor=actors["manager"], organisation_id=_org(actors), today=TODAY)


@benchmark("Min förvaltning: organisation against area and region, year to date")
def _comparison(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import my_org

    return my_org.comparison(
        session=session, actor=actors["manager"], organisation_id=_org(actors), year=TODAY.year, today=TODAY
    )


@benchmark("Rapportera värden: review queue, first page")
def _queue(session: Any, actors: dict[str, Any]) -> Any:

    return values.review_queue(session=session, actor=actors["admin"], page=1, page_size=25)


@benchmark("Rapportera värden: one indicator's reporting table for a year")
def _sheet(session: Any, actors: dict[str, Any]) -> Any:

    indicator_id = session.exec(select(Indicator.id).where(Indicator.code == "PRJ-01")).one()
    return values.reporting_sheet(
        session=session,
        actor=actors["manager"],
        indicator_id=indicator_id,
        organisation_id=_org(actors),
        year=TODAY.year,
    )


@benchmark(f"Rapportera värden: checking an import of {IMPORT_ROWS:,} rows (refused on its last row)")
def _import_check(session: Any, actors: dict[str, Any]) -> Any:
    from services.indicators import file_import

    lines = ["indikator;organisation;period;värde"]  # distinct keys: 125 benchmark units × 40 quarters
    lines += [f"PRJ-01;BE{i % 125};{2001 + i // 500}-K{i // 125 % 4 + 1};{i}" for i in range(IMPORT_ROWS - 1)]
    lines.append("OKÄND;KS;2020-01-01;1")
    try:
        file_import.check_file(
            session=session,
            actor=actors["admin"],
            content="\n".join(lines).encode("utf-8"),
            filename="bench.csv",
            today=TODAY,
        )
    except file_import.ImportRefused as refused:
        return refused.rows
    raise AssertionError("the benchmark file should have been refused")

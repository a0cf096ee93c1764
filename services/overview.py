"""The region's figures for Översikt: counted in SQL from the records, at the moment of asking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    STAGE_PATH,
    Area,
    Idea,
    IdeaStage,
    MonthCount,
    Organisation,
    Testbed,
    TestbedStatus,
    User,
)
from services.people.auth import Actor, require_login

STOCKHOLM = ZoneInfo("Europe/Stockholm")
STAGE_ORDER: tuple[str, ...] = (*[s.value for s in STAGE_PATH], IdeaStage.parked.value, IdeaStage.closed.value)


def start_of_day(day: date) -> datetime:
    """Midnight in Stockholm at the start of `day`, as UTC (what `*_at` columns hold)."""
    return datetime.combine(day, time.min, tzinfo=STOCKHOLM).astimezone(UTC)


@dataclass(frozen=True)
class RegionFigures:
    today: date
    ideas_total: int
    ideas_this_year: int
    ideas_same_period_last_year: int
    ideas_in_progress: int
    ideas_implemented: int
    granted_sek_this_year: int
    granted_sek_last_year: int
    open_testbeds: int
    planned_testbeds: int
    organisations: int
    organisations_with_lead: int
    certified_leaders: int

    @property
    def lead_share(self) -> float | None:
        return 100 * self.organisations_with_lead / self.organisations if self.organisations else None


def region_figures(*, session: Session, actor: Actor | None, today: date) -> RegionFigures:
    """Region-wide aggregates (no records), for every logged-in role."""
    require_login(actor)
    year_start = start_of_day(date(today.year, 1, 1))
    last_year_start = start_of_day(date(today.year - 1, 1, 1))
    same_day_last_year = start_of_day(_same_day_last_year(today))
    tomorrow = start_of_day(today + timedelta(days=1))

    def count_ideas(*conditions: object) -> int:  # ideas merged into another are duplicates: not counted
        return session.exec(
            select(func.count()).select_from(Idea).where(col(Idea.merged_into_id).is_(None), *conditions)
        ).one()

    def granted(year: int) -> int:
        return sum(_kept_per_year(session, "fund_sek_granted", year=year).values())

    def count_testbeds(status: TestbedStatus) -> int:
        return session.exec(select(func.count()).select_from(Testbed).where(Testbed.status == status)).one()

    active_path = [IdeaStage.screening, IdeaStage.development, IdeaStage.testing]
    return RegionFigures(
        today=today,
        ideas_total=count_ideas(),
        ideas_this_year=count_ideas(Idea.received_at >= year_start, Idea.received_at < tomorrow),
        ideas_same_period_last_year=count_ideas(
            Idea.received_at >= last_year_start, Idea.received_at < same_day_last_year
        ),
        ideas_in_progress=count_ideas(col(Idea.stage).in_(active_path)),
        ideas_implemented=count_ideas(col(Idea.stage).in_([IdeaStage.implementation, IdeaStage.spread])),
        granted_sek_this_year=granted(today.year),
        granted_sek_last_year=granted(today.year - 1),
        open_testbeds=count_testbeds(TestbedStatus.open),
        planned_testbeds=count_testbeds(TestbedStatus.planned),
        organisations=session.exec(select(func.count()).select_from(Organisation)).one(),
        organisations_with_lead=session.exec(
            select(func.count()).select_from(Organisation).where(Organisation.innovation_lead_id.is_not(None))
        ).one(),
        certified_leaders=session.exec(
            select(func.count())
            .select_from(User)
            .where(User.is_active, User.certified_innovation_leader_on.is_not(None))
        ).one(),
    )


def _same_day_last_year(today: date) -> date:
    """The day after today's date a year ago: the end of the comparable part of last year."""
    try:
        last = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        last = date(today.year - 1, 2, 28)
    return last + timedelta(days=1)


@dataclass(frozen=True)
class StageAreaCount:
    stage: str
    area_code: str
    count: int


def ideas_by_stage_and_area(*, session: Session, actor: Actor | None) -> list[StageAreaCount]:
    """How many ideas stand in each stage, per core area (ideas merged into another left out): stages in
    the path's order, areas in theirs."""
    require_login(actor)
    # Grouped in the order of the (area, stage) index and named afterwards: joined to the areas and
    # grouped by code, PostgreSQL hashed every idea (23-36 ms at ten times the region, against 12) and
    # SQLite read the ideas area by area (16 ms against 12.5).
    rows = session.exec(
        select(Idea.area_id, Idea.stage, func.count())
        .where(Idea.merged_into_id.is_(None))
        .group_by(Idea.area_id, Idea.stage)
    ).all()
    areas = session.exec(select(Area.id, Area.code).order_by(Area.sort_order, Area.id)).all()
    codes, place = {a: code for a, code in areas}, {a: n for n, (a, _) in enumerate(areas)}
    rows = sorted(rows, key=lambda r: (STAGE_ORDER.index(r[1]), place[r[0]]))
    return [StageAreaCount(stage, codes[area_id], n) for area_id, stage, n in rows]


@dataclass(frozen=True)
class MonthAreaCount:
    month: date
    area_code: str
    count: int


def ideas_per_month(*, session: Session, actor: Actor | None, today: date, months: int = 24) -> list[MonthAreaCount]:
    """Ideas received per calendar month (Stockholm's, as every figure's days) and area, the last `months`
    months; merged duplicates not counted. Read from the kept month counts
    (`services.indicators.day_counts`): counted from the ideas, two years' were grouped by month with
    SQL's date functions row by row (15 ms at ten times the region)."""
    require_login(actor)
    first_month = _add_months(date(today.year, today.month, 1), -(months - 1))
    rows = session.exec(
        select(MonthCount.month, MonthCount.area_id, func.sum(MonthCount.value))
        .where(
            MonthCount.measure == "ideas_received",
            col(MonthCount.further).is_(False),
            MonthCount.month >= first_month,
        )
        .group_by(MonthCount.month, MonthCount.area_id)
    ).all()
    codes = dict(session.exec(select(Area.id, Area.code)).all())
    return [MonthAreaCount(month, codes[area_id], int(n)) for month, area_id, n in rows if n and area_id in codes]


def month_starts(today: date, months: int = 24) -> list[date]:
    """The first day of each of the last `months` months, oldest first (for charts with empty months)."""
    first = date(today.year, today.month, 1)
    return [_add_months(first, -n) for n in range(months - 1, -1, -1)]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class YearAreaAmount:
    year: int
    area_code: str
    applied_sek: int
    granted_sek: int


def fund_per_year(*, session: Session, actor: Actor | None) -> list[YearAreaAmount]:
    """SEK applied (submitted applications, by the Stockholm day they came in) and granted (by the day
    of the decision), per year and area: read from the fund's kept month counts
    (`services.indicators.day_counts`), not summed over every application (25 ms at ten times the
    region's fund)."""
    require_login(actor)
    codes = dict(session.exec(select(Area.id, Area.code)).all())
    totals: dict[tuple[int, str], list[int]] = {}
    for side, measure in enumerate(("fund_sek_applied", "fund_sek_granted")):
        for (year, area_id), amount in _kept_per_year(session, measure).items():
            if area_id in codes:
                totals.setdefault((year, codes[area_id]), [0, 0])[side] = amount
    return [YearAreaAmount(y, code, a, g) for (y, code), (a, g) in sorted(totals.items())]


def _kept_per_year(session: Session, measure: str, *, year: int | None = None) -> dict[tuple[int, int | None], int]:
    """{(year, area id): the sum of a kept measure}, each idea or application once (not on its further
    areas), over every year or one."""
    stmt = select(MonthCount.month, MonthCount.area_id, func.sum(MonthCount.value)).where(
        MonthCount.measure == measure, col(MonthCount.further).is_(False)
    )
    if year is not None:
        stmt = stmt.where(MonthCount.month >= date(year, 1, 1), MonthCount.month <= date(year, 12, 1))
    found: dict[tuple[int, int | None], int] = {}
    for month, area_id, amount in session.exec(stmt.group_by(MonthCount.month, MonthCount.area_id)).all():
        key = (month.year, area_id)
        found[key] = found.get(key, 0) + int(amount or 0)
    return found

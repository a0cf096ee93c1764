"""The totals of benefit realisation ("nytta") for the region, a core area or an organisation, and ideas
and fund applications by the kind of benefit they aim at.

The rule (README: how benefits are summed): a benefit is a yearly rate (SEK a year, hours a year, tonnes
CO2e a year) or a number of people reached, so its total is a **stock**, read as of the period's last day:
- realised: per benefit, its **latest measurement on or before that day** (a re-measurement replaces the
  earlier figure, it is never added to it), summed over the benefits in scope per unit;
- estimated: the estimates of the benefits in scope, summed per unit;
- a benefit is in scope as of a day once it was recorded or measured by then, and belongs to its idea's
  (else its project's) core area and organisation, as in the other figures.
Units are never added to each other, and periods never to each other.

Totals are aggregates, read by every role that reads the dashboards (admins, the council, managers); one
grouped SQL statement per question, so that they stay fast however many benefits are recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import func, literal, or_
from sqlmodel import Session, col, select

from models import BenefitKind, BenefitMeasurement, BenefitRecord, BenefitUnit, FundApplication, Idea, Role
from services.overview import start_of_day
from services.people.auth import Actor, require_role

READERS: tuple[Role, ...] = (Role.admin, Role.council, Role.manager)
Group = Literal["organisation", "area"] | None
UNITS: tuple[str, ...] = tuple(u.value for u in BenefitUnit)
KINDS: tuple[str, ...] = tuple(k.value for k in BenefitKind)


@dataclass(frozen=True)
class BenefitTotal:
    """One unit's benefits in scope: realised and estimated sums, how many benefits, how many measured."""

    unit: str
    estimated: float
    realised: float
    benefits: int
    measured: int


def _scope_columns() -> tuple[Any, Any]:
    """The area and organisation a benefit counts for: its idea's, else its project's."""
    return (
        func.coalesce(Idea.area_id, FundApplication.area_id),
        func.coalesce(Idea.organisation_id, FundApplication.organisation_id),
    )


def totals_rows(
    session: Session,
    *,
    end: date,
    group_by_scope: bool = False,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[tuple[int | None, int | None, str, float, float, int, int]]:
    """(area, organisation, unit, estimated, realised, benefits, measured) of the benefits as of `end` in
    scope, grouped by unit (and by area and organisation when asked): the one statement every total is
    read from."""
    area, organisation = _scope_columns()
    # each benefit's latest day measured by `end` (one measurement per benefit and day: a unique key)
    last_day = (
        select(BenefitMeasurement.benefit_id, func.max(BenefitMeasurement.measured_on).label("day"))
        .where(col(BenefitMeasurement.measured_on) <= end)
        .group_by(BenefitMeasurement.benefit_id)
        .subquery()
    )
    latest = (
        select(BenefitMeasurement.benefit_id, BenefitMeasurement.value)
        .join(
            last_day,
            (last_day.c.benefit_id == BenefitMeasurement.benefit_id)
            & (last_day.c.day == BenefitMeasurement.measured_on),
        )
        .subquery()
    )
    keys = [area, organisation] if group_by_scope else [literal(None), literal(None)]
    stmt = (
        select(
            *keys,
            BenefitRecord.unit,
            func.coalesce(func.sum(BenefitRecord.estimated_value), 0),
            func.coalesce(func.sum(latest.c.value), 0),
            func.count(),
            func.count(latest.c.value),
        )
        .select_from(BenefitRecord)
        .join(latest, latest.c.benefit_id == BenefitRecord.id, isouter=True)
        .join(Idea, BenefitRecord.idea_id == Idea.id, isouter=True)
        .join(FundApplication, BenefitRecord.application_id == FundApplication.id, isouter=True)
        .where(or_(BenefitRecord.created_at < start_of_day(end + timedelta(days=1)), latest.c.value.is_not(None)))
        .group_by(*([area, organisation] if group_by_scope else []), BenefitRecord.unit)
    )
    if area_id is not None:
        stmt = stmt.where(area == area_id)
    if organisation_id is not None:
        stmt = stmt.where(organisation == organisation_id)
    return [
        (a, o, unit, float(estimated), float(realised), int(n), int(measured))
        for a, o, unit, estimated, realised, n, measured in session.exec(stmt).all()
    ]


def totals(
    session: Session,
    actor: Actor | None,
    *,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[BenefitTotal]:
    """The benefits of the region, an area or an organisation as of `end`, one row per unit that has any
    (in the order of `BenefitUnit`)."""
    require_role(actor, *READERS)
    found = {row[2]: row[3:] for row in totals_rows(session, end=end, area_id=area_id, organisation_id=organisation_id)}
    return [BenefitTotal(u, round(v[0], 1), round(v[1], 1), v[2], v[3]) for u in UNITS if (v := found.get(u))]


# ---------------------------------------------------------------- ideas and applications by kind of benefit


def by_kind_rows(
    session: Session,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[tuple[str, int, int, str, int]]:
    """("idea"|"application", area, organisation, benefit kind, count) of the ideas received and the
    applications submitted in start..end, in scope: two grouped statements."""
    since, until = start_of_day(start), start_of_day(end + timedelta(days=1))

    def grouped(table: Any, at: Any, *where: Any) -> list:
        stmt = (
            select(table.area_id, table.organisation_id, table.benefit_kind, func.count())
            .where(at >= since, at < until, *where)
            .group_by(table.area_id, table.organisation_id, table.benefit_kind)
        )
        if area_id is not None:
            stmt = stmt.where(table.area_id == area_id)
        if organisation_id is not None:
            stmt = stmt.where(table.organisation_id == organisation_id)
        return list(session.exec(stmt).all())

    ideas = grouped(Idea, Idea.received_at, col(Idea.merged_into_id).is_(None))
    applications = grouped(FundApplication, FundApplication.submitted_at)
    return [("idea", a, o, k, int(n)) for a, o, k, n in ideas] + [
        ("application", a, o, k, int(n)) for a, o, k, n in applications
    ]


@dataclass(frozen=True)
class KindCount:
    kind: str
    ideas: int
    applications: int


def by_kind(
    session: Session,
    actor: Actor | None,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[KindCount]:
    """Ideas received and fund applications submitted in the period, by the kind of benefit they aim at
    (economic, social, environmental), for the region, an area or an organisation."""
    require_role(actor, *READERS)
    counts = {k: [0, 0] for k in KINDS}
    rows = by_kind_rows(session, start=start, end=end, area_id=area_id, organisation_id=organisation_id)
    for what, _, _, kind, n in rows:
        counts.setdefault(kind, [0, 0])[0 if what == "idea" else 1] += n
    return [KindCount(k, ideas, applications) for k, (ideas, applications) in counts.items()]

"""The fund in figures, aggregated in SQL: per call and per core area, budget, applied, granted,
remaining and spent. Feeds Fondhantering's budget overview and, later, Översikt and the indicator
dashboards. Aggregates only (no records), so every logged-in role may ask.

Applied = requested SEK of submitted applications (drafts do not count); granted = SEK of approved
applications; spent = SEK reported spent in submitted reports; remaining = budget - granted (calls only:
budgets belong to calls, not to areas).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Area, FundApplication, FundCall, FundReport
from services.fund.applications import FUNDED
from services.people.auth import Actor, require_login


@dataclass(frozen=True)
class FundFigures:
    key: str  # call name, or area code
    year: int | None
    budget_sek: int | None
    applications: int
    applied_sek: int
    approved: int
    granted_sek: int
    spent_sek: int

    @property
    def remaining_sek(self) -> int | None:
        return None if self.budget_sek is None else self.budget_sek - self.granted_sek


def _per_application() -> Any:
    """Per submitted application: requested, granted (if funded) and spent so far."""
    spent = (
        select(FundReport.application_id, func.sum(FundReport.spent_sek).label("spent"))
        .where(FundReport.submitted_on.is_not(None))
        .group_by(FundReport.application_id)
        .subquery()
    )
    funded = col(FundApplication.status).in_(FUNDED)
    return spent, funded


def fund_figures(
    *,
    session: Session,
    actor: Actor | None,
    by: str = "call",
    year: int | None = None,
    area_id: int | None = None,
) -> list[FundFigures]:
    """Figures per call (`by="call"`, with budget and remaining) or per area (`by="area"`), optionally for
    one call year and one area. Calls without applications are included (their budget is still there)."""
    require_login(actor)
    spent, funded = _per_application()
    measures = (
        func.count(FundApplication.id).filter(FundApplication.submitted_at.is_not(None)),
        func.coalesce(func.sum(FundApplication.requested_sek).filter(FundApplication.submitted_at.is_not(None)), 0),
        func.count(FundApplication.id).filter(funded),
        func.coalesce(func.sum(FundApplication.granted_sek).filter(funded), 0),
        func.coalesce(func.sum(spent.c.spent), 0),
    )
    if by == "call":
        join_on = FundApplication.call_id == FundCall.id
        if area_id is not None:
            join_on = join_on & (FundApplication.area_id == area_id)
        query = (
            select(FundCall.name, FundCall.year, FundCall.budget_sek, *measures)
            .select_from(FundCall)
            .join(FundApplication, join_on, isouter=True)
            .join(spent, spent.c.application_id == FundApplication.id, isouter=True)
            .group_by(FundCall.id, FundCall.name, FundCall.year, FundCall.budget_sek)
            .order_by(FundCall.opens_on, FundCall.id)
        )
        if year is not None:
            query = query.where(FundCall.year == year)
        return [
            FundFigures(n, y, b, int(c), int(a), int(k), int(g), int(s))
            for n, y, b, c, a, k, g, s in session.exec(query)
        ]
    join_on = FundApplication.area_id == Area.id
    if year is not None:
        join_on = join_on & col(FundApplication.call_id).in_(select(FundCall.id).where(FundCall.year == year))
    query = (
        select(Area.code, *measures)
        .select_from(Area)
        .join(FundApplication, join_on, isouter=True)
        .join(spent, spent.c.application_id == FundApplication.id, isouter=True)
        .group_by(Area.id, Area.code)
        .order_by(Area.sort_order, Area.id)
    )
    if area_id is not None:
        query = query.where(Area.id == area_id)
    return [
        FundFigures(code, year, None, int(c), int(a), int(k), int(g), int(s))
        for code, c, a, k, g, s in session.exec(query)
    ]


def fund_years(*, session: Session, actor: Actor | None) -> list[int]:
    """The call years, newest first (for filters)."""
    require_login(actor)
    return list(session.exec(select(FundCall.year).distinct().order_by(col(FundCall.year).desc())))

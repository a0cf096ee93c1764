"""Samverkan's figures, aggregated in SQL (no personal data): needs published and answered, responses per
need, procurements with innovation by procedure and value, the share that used tests in the region's
testbeds, and partners by type and how many are active. Everyone logged in may read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, exists, func, or_
from sqlmodel import Session, col, select

from models import (
    Agreement,
    Area,
    Need,
    NeedResponse,
    NeedStatus,
    Organisation,
    Partner,
    Procurement,
    ProcurementStage,
    ProcurementTestbed,
)
from services.samverkan.agreements import EXPIRING_WITHIN_DAYS
from services.shared.history import today as stockholm_today
from services.shared.workdays import start_of_day


@dataclass(frozen=True)
class MethodRow:
    method: str | None
    procurements: int
    value_sek: int


@dataclass(frozen=True)
class SamverkanFigures:
    needs_published: int
    needs_answered: int  # published needs with at least one response
    responses: int
    procurements: int
    procurements_value_sek: int
    procurements_with_tests: int
    partners_active: int
    agreements_active: int = 0
    agreements_expiring: int = 0  # in force and ending within 90 days
    by_method: list[MethodRow] = field(default_factory=list)
    partners_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def responses_per_need(self) -> float | None:
        return round(self.responses / self.needs_published, 1) if self.needs_published else None

    @property
    def share_with_tests(self) -> float | None:
        """Procurements that used a testbed of the region, in percent of all (not cancelled)."""
        return 100 * self.procurements_with_tests / self.procurements if self.procurements else None


def _period(column: Any, start: date | None, end: date | None) -> list[Any]:
    conditions = []
    if start is not None:
        conditions.append(col(column) >= start_of_day(start))
    if end is not None:
        conditions.append(col(column) < start_of_day(end + timedelta(days=1)))
    return conditions


def samverkan_figures(
    session: Session,
    *,
    organisation_id: int | None = None,
    area_code: str | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
) -> SamverkanFigures:
    """The figures for the region, an area or an organisation; needs by the day they were published,
    responses by the day received, procurements by the day started (days inclusive)."""
    area_id = session.exec(select(Area.id).where(Area.code == area_code)).first() if area_code else None
    if area_code and area_id is None:
        return SamverkanFigures(0, 0, 0, 0, 0, 0, 0)

    def own(table: Any) -> list[Any]:
        conditions = []
        if organisation_id is not None:
            conditions.append(table.organisation_id == organisation_id)
        if area_id is not None and hasattr(table, "area_id"):
            conditions.append(table.area_id == area_id)
        elif area_id is not None:  # partners and agreements belong to an area through their organisation
            conditions.append(
                col(table.organisation_id).in_(select(Organisation.id).where(Organisation.area_id == area_id))
            )
        return conditions

    need_scope = [col(Need.status) != NeedStatus.draft.value, *own(Need), *_period(Need.published_at, start, end)]
    answered = exists().where(NeedResponse.need_id == Need.id)
    published, with_responses = session.exec(
        select(func.count(col(Need.id)), func.sum(case((answered, 1), else_=0))).where(*need_scope)
    ).one()
    responses = session.exec(
        select(func.count(col(NeedResponse.id)))
        .join(Need, NeedResponse.need_id == Need.id)
        .where(*own(Need), *_period(NeedResponse.received_at, start, end))
    ).one()

    proc_scope = [
        Procurement.stage != ProcurementStage.cancelled.value,
        *own(Procurement),
        *([col(Procurement.started_on) >= start] if start else []),
        *([col(Procurement.started_on) <= end] if end else []),
    ]
    tested = exists().where(ProcurementTestbed.procurement_id == Procurement.id)
    by_method = [
        MethodRow(method, n, int(value or 0))
        for method, n, value in session.exec(
            select(Procurement.method, func.count(col(Procurement.id)), func.sum(Procurement.estimated_value_sek))
            .where(*proc_scope)
            .group_by(Procurement.method)
            .order_by(func.count(col(Procurement.id)).desc(), Procurement.method)
        )
    ]
    procurements, value, with_tests = session.exec(
        select(
            func.count(col(Procurement.id)),
            func.sum(Procurement.estimated_value_sek),
            func.sum(case((tested, 1), else_=0)),
        ).where(*proc_scope)
    ).one()

    partner_scope = [col(Partner.merged_into_id).is_(None), *own(Partner)]
    by_kind = dict(
        session.exec(
            select(Partner.kind, func.count(col(Partner.id))).where(*partner_scope).group_by(Partner.kind)
        ).all()
    )
    active = session.exec(select(func.count(col(Partner.id))).where(*partner_scope, col(Partner.is_active))).one()
    today = today or stockholm_today()
    in_force = [
        col(Agreement.starts_on) <= today,
        or_(col(Agreement.ends_on).is_(None), col(Agreement.ends_on) >= today),
        *own(Agreement),
        *(
            [col(Agreement.organisation_id).in_(select(Organisation.id).where(Organisation.area_id == area_id))]
            if area_id
            else []
        ),
    ]
    ending = col(Agreement.ends_on) <= today + timedelta(days=EXPIRING_WITHIN_DAYS)
    agreements_active, agreements_expiring = session.exec(
        select(func.count(col(Agreement.id)), func.sum(case((ending, 1), else_=0))).where(*in_force)
    ).one()
    return SamverkanFigures(
        agreements_active=agreements_active,
        agreements_expiring=int(agreements_expiring or 0),
        needs_published=published,
        needs_answered=int(with_responses or 0),
        responses=responses,
        procurements=procurements,
        procurements_value_sek=int(value or 0),
        procurements_with_tests=int(with_tests or 0),
        partners_active=active,
        by_method=by_method,
        partners_by_kind=by_kind,
    )

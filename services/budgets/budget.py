"""Each board's or company's budgeted innovation support per year against its outcome: fund money
granted to it, fund projects running, ideas that reached implementation. The outcome comes from the
same computed indicators as the dashboards (services/indicators/computed.py), so the figures agree.

Admins set budgets; admins and the council read every organisation, a manager their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import ApplicationStatus, FundApplication, InnovationBudget, Organisation, Role, utcnow
from services.indicators import computed
from services.people.auth import Actor, require_admin, require_org_access, require_role
from services.shared import audit
from services.shared.errors import NotFound
from services.shared.validation import clean_text, number_field, parse

RUNNING = (ApplicationStatus.approved, ApplicationStatus.in_progress)


class BudgetInput(BaseModel):
    year: int = Field(ge=2019, le=2100)
    budget_sek: int = Field(ge=0, le=10_000_000_000)
    note: str | None = Field(default=None, max_length=2000)

    _number = field_validator("budget_sek", mode="before")(number_field)
    _clean = field_validator("note", mode="before")(clean_text)


def set_budget(
    *, session: Session, actor: Actor | None, organisation_id: int, data: dict[str, Any]
) -> InnovationBudget:
    """Set (or change) an organisation's innovation budget for a year; admins only, audited."""
    actor = require_admin(actor)
    if session.get(Organisation, organisation_id) is None:
        raise NotFound()
    values = parse(BudgetInput, data)
    row = session.exec(
        select(InnovationBudget).where(
            InnovationBudget.organisation_id == organisation_id, InnovationBudget.year == values.year
        )
    ).first()
    before = row.budget_sek if row else None
    if row is None:
        row = InnovationBudget(organisation_id=organisation_id, year=values.year, budget_sek=values.budget_sek)
    row.budget_sek, row.note, row.updated_at = values.budget_sek, values.note, utcnow()
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "innovation_budget.set",
        "organisation",
        organisation_id,
        year=values.year,
        before=before,
        budget_sek=values.budget_sek,
    )
    session.commit()
    return row


@dataclass(frozen=True)
class BudgetRow:
    organisation_id: int
    organisation: str
    area_id: int
    budget_sek: int | None
    note: str | None
    granted_sek: float
    projects_running: int
    ideas_implemented: float
    short_name: str = ""

    @property
    def granted_share(self) -> float | None:
        """Granted fund money as a share (%) of the budget; None without a budget."""
        return None if not self.budget_sek else 100.0 * self.granted_sek / self.budget_sek


def outcome(*, session: Session, actor: Actor | None, year: int, organisation_id: int | None = None) -> list[BudgetRow]:
    """Budget against outcome per organisation for `year` (one organisation if given; managers must give
    their own). Three grouped queries and the dashboards' computations, whatever the number of
    organisations."""
    if organisation_id is None:
        require_role(actor, Role.admin, Role.council)  # every organisation: the region's readers
    else:
        require_org_access(actor, organisation_id)
    return outcome_rows(session, year, organisation_id=organisation_id)


def outcome_rows(
    session: Session,
    year: int,
    *,
    organisation_id: int | None = None,
    area_id: int | None = None,
    counted: Mapping[str, Mapping[int, float | None]] | None = None,
) -> list[BudgetRow]:
    """Budget against outcome per organisation (of the region, an area or one organisation), without a
    permission check: callers check (`outcome`, `area_outcome`, the innovationsbokslut). `counted` may
    hold the year's "fund_sek_granted" and "ideas_implemented" per organisation as
    `computed.compute_by_organisation` gives them, already counted by the caller (the bokslut's levels)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    orgs = select(Organisation).order_by(Organisation.area_id, Organisation.name)
    if organisation_id is not None:
        orgs = orgs.where(Organisation.id == organisation_id)
    if area_id is not None:
        orgs = orgs.where(Organisation.area_id == area_id)
    budgets = {
        b.organisation_id: b for b in session.exec(select(InnovationBudget).where(InnovationBudget.year == year)).all()
    }
    # Every organisation's outcome (by the organisation, whatever area its application or idea is filed
    # under: the budget is the organisation's), then the ones asked for.
    known = counted or {}

    def by_organisation(key: str) -> Mapping[int, float | None]:
        if key in known:
            return known[key]
        return computed.compute_by_organisation(session, key, start=start, end=end)

    granted = by_organisation("fund_sek_granted")
    implemented = by_organisation("ideas_implemented")
    running = dict(
        session.exec(
            select(FundApplication.organisation_id, func.count())
            .where(
                col(FundApplication.status).in_([s.value for s in RUNNING]),
                FundApplication.starts_on <= end,
                FundApplication.ends_on >= start,
            )
            .group_by(FundApplication.organisation_id)
        ).all()
    )
    return [
        BudgetRow(
            organisation_id=o.id,
            organisation=o.name,
            area_id=o.area_id,
            budget_sek=budgets[o.id].budget_sek if o.id in budgets else None,
            note=budgets[o.id].note if o.id in budgets else None,
            granted_sek=granted.get(o.id) or 0.0,
            projects_running=running.get(o.id, 0),
            ideas_implemented=implemented.get(o.id) or 0.0,
            short_name=o.short_name,
        )
        for o in session.exec(orgs).all()
    ]


@dataclass(frozen=True)
class BudgetTotal:
    """Budget against outcome summed over organisations (an area, the region). The share granted is
    counted over the organisations that have a budget only, so that money granted to one without a
    budget does not swell it."""

    organisations: int
    budgeted: int  # organisations with a budget for the year
    budget_sek: int | None  # None when none has one
    granted_sek: float
    granted_budgeted_sek: float  # granted to the organisations with a budget
    projects_running: int
    ideas_implemented: float

    @property
    def granted_share(self) -> float | None:
        return None if not self.budget_sek else 100.0 * self.granted_budgeted_sek / self.budget_sek

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON (what a frozen bokslut keeps)."""
        return {
            "organisations": self.organisations,
            "budgeted": self.budgeted,
            "budget_sek": self.budget_sek,
            "granted_sek": self.granted_sek,
            "granted_budgeted_sek": self.granted_budgeted_sek,
            "projects_running": self.projects_running,
            "ideas_implemented": self.ideas_implemented,
        }


def total(rows: list[BudgetRow]) -> BudgetTotal:
    """The sum of per-organisation rows (already aggregated in SQL, one row per organisation)."""
    budgeted = [r for r in rows if r.budget_sek is not None]
    return BudgetTotal(
        organisations=len(rows),
        budgeted=len(budgeted),
        budget_sek=sum(r.budget_sek or 0 for r in budgeted) if budgeted else None,
        granted_sek=round(sum(r.granted_sek for r in rows), 1),
        granted_budgeted_sek=round(sum(r.granted_sek for r in budgeted), 1),
        projects_running=sum(r.projects_running for r in rows),
        ideas_implemented=round(sum(r.ideas_implemented for r in rows), 1),
    )


@dataclass(frozen=True)
class AreaBudget:
    """An area's (or the region's) budget against outcome: the total and the organisations the reader may
    see one by one."""

    year: int
    total: BudgetTotal
    rows: list[BudgetRow]


def area_outcome(*, session: Session, actor: Actor | None, year: int, area_id: int | None = None) -> AreaBudget:
    """The dashboards' budget section: the total over the area's organisations (or the region's), and
    per organisation for admins and the council; a manager sees the total and their own organisation
    (other organisations' budgets are theirs, as on Innovationsbudget)."""
    actor = require_role(actor, Role.admin, Role.council, Role.manager)
    rows = outcome_rows(session, year, area_id=area_id)
    shown = [r for r in rows if r.organisation_id == actor.organisation_id] if actor.is_manager else rows
    return AreaBudget(year, total(rows), shown)

"""The records behind one of Rådsläge's figures, read-only: a council member picks a figure (and an area)
and sees what was counted, a page at a time.

Each figure selects exactly the records its computation counts (`services.indicators.computed`: same
period, same conditions, same attribution, a cross-sector idea on every area it touches), so the list's
total is the figure (for a share, the records in its numerator; a sum lists what was summed). Admins and
the council read it; the rows carry references, titles, organisations and amounts, never a submitter's or
requester's contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, literal, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from models import (
    PUBLIC_SUBMITTER_KINDS,
    FundApplication,
    Idea,
    IdeaAdoption,
    IdeaArea,
    Organisation,
    Role,
    Testbed,
    TestbedRequest,
)
from services.indicators import computed
from services.people.auth import Actor, require_role
from services.shared.errors import ValidationError
from services.shared.pagination import Page, page_bounds

Scope = computed.Scope
READERS: tuple[Role, ...] = (Role.admin, Role.council)
# The figures a council member can open, in Rådsläge's order (the live indicators, then the board's own).
FIGURES: tuple[str, ...] = (
    "ideas_received",
    "ideas_public_share",
    "ideas_implemented",
    "adoptions",
    "fund_sek_granted",
    "testbed_requests",
    "ideas_today",
    "cross_sector",
)


@dataclass(frozen=True)
class DrillRow:
    """One record behind a figure. `kind` says what it is: idea, adoption, application or request."""

    kind: str
    ref: str
    title: str  # the idea's or application's title, the testbed's name for a request
    organisation: str | None  # the responsible organisation (for an adoption: the one that adopted)
    area_id: int | None
    on: date | datetime  # received, moved, adopted, decided
    status: str | None  # the idea's stage or the request's status now
    amount_sek: int | None = None  # granted, for an application


def records(
    *,
    session: Session,
    actor: Actor | None,
    figure: str,
    today: date,
    area_id: int | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[DrillRow]:
    """The records behind `figure` for the year so far (1 January to `today`; "ideas_today": today), for
    the region or an area, newest first, one page. Unknown figures are a `ValidationError`."""
    require_role(actor, *READERS)
    if figure not in FIGURES:
        raise ValidationError.single("figure", "errors.not_allowed_value")
    start = today if figure == "ideas_today" else date(today.year, 1, 1)
    scope = computed.Scope(start, today, area_id)
    query, order = _QUERIES[figure](scope)
    total = session.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(query.order_by(*order).offset(offset).limit(limit)).all()
    return Page(items=[DrillRow(*row) for row in rows], total=int(total), page=page, page_size=page_size)


# ---------------------------------------------------------------- one query per figure


def _idea_rows(scope: Scope, *conditions: Any, on: Any = None) -> tuple[Any, list[Any]]:
    on = Idea.received_at if on is None else on
    query = (
        select(
            literal("idea"),
            Idea.ref,
            Idea.title,
            Organisation.short_name,
            Idea.area_id,
            on,
            Idea.stage,
        )
        .select_from(Idea)
        .join(Organisation, Idea.organisation_id == Organisation.id, isouter=True)
        .where(col(Idea.merged_into_id).is_(None), *conditions)
    )
    if scope.area_id is not None:
        query = query.where(computed.touches_area(Idea.id, scope.area_id))
    return query, [col(on).desc(), col(Idea.id).desc()]


def _received(scope: Scope) -> tuple[Any, list[Any]]:
    return _idea_rows(scope, *_in_period(Idea.received_at, scope))


def _public(scope: Scope) -> tuple[Any, list[Any]]:
    public = col(Idea.submitter_kind).in_([k.value for k in PUBLIC_SUBMITTER_KINDS])
    return _idea_rows(scope, public, *_in_period(Idea.received_at, scope))


def _implemented(scope: Scope) -> tuple[Any, list[Any]]:
    return _idea_rows(scope, computed.reached_implementation(scope), on=Idea.stage_changed_at)


def _cross_sector(scope: Scope) -> tuple[Any, list[Any]]:
    elsewhere = select(IdeaArea.idea_id).where(IdeaArea.idea_id == Idea.id, IdeaArea.area_id != Idea.area_id)
    return _idea_rows(scope, elsewhere.exists(), *_in_period(Idea.received_at, scope))


_ADOPTER = aliased(Organisation)  # made once: an alias copies each of its table's columns


def _adoptions(scope: Scope) -> tuple[Any, list[Any]]:
    other = or_(col(Idea.organisation_id).is_(None), IdeaAdoption.organisation_id != Idea.organisation_id)
    query = (
        select(
            literal("adoption"),
            Idea.ref,
            Idea.title,
            _ADOPTER.short_name,
            Idea.area_id,
            IdeaAdoption.adopted_on,
            Idea.stage,
        )
        .select_from(IdeaAdoption)
        .join(Idea, IdeaAdoption.idea_id == Idea.id)
        .join(_ADOPTER, IdeaAdoption.organisation_id == _ADOPTER.id)
        .where(other, IdeaAdoption.adopted_on >= scope.start, IdeaAdoption.adopted_on <= scope.end)
    )
    if scope.area_id is not None:
        query = query.where(computed.touches_area(Idea.id, scope.area_id))
    return query, [col(IdeaAdoption.adopted_on).desc(), col(IdeaAdoption.id).desc()]


def _granted(scope: Scope) -> tuple[Any, list[Any]]:
    query = (
        select(
            literal("application"),
            FundApplication.ref,
            FundApplication.title,
            Organisation.short_name,
            FundApplication.area_id,
            FundApplication.decided_on,
            FundApplication.status,
            FundApplication.granted_sek,
        )
        .select_from(FundApplication)
        .join(Organisation, FundApplication.organisation_id == Organisation.id, isouter=True)
        .where(
            col(FundApplication.granted_sek).is_not(None),
            FundApplication.decided_on >= scope.start,
            FundApplication.decided_on <= scope.end,
        )
    )
    if scope.area_id is not None:
        query = query.where(FundApplication.area_id == scope.area_id)
    return query, [col(FundApplication.decided_on).desc(), col(FundApplication.id).desc()]


def _requests(scope: Scope) -> tuple[Any, list[Any]]:
    query = (
        select(
            literal("request"),
            TestbedRequest.ref,
            Testbed.name,
            Organisation.short_name,
            Testbed.area_id,
            TestbedRequest.received_at,
            TestbedRequest.status,
        )
        .select_from(TestbedRequest)
        .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
        .join(Organisation, Testbed.organisation_id == Organisation.id, isouter=True)
        .where(*_in_period(TestbedRequest.received_at, scope))
    )
    if scope.area_id is not None:
        query = query.where(Testbed.area_id == scope.area_id)
    return query, [col(TestbedRequest.received_at).desc(), col(TestbedRequest.id).desc()]


def _in_period(column: Any, scope: Scope) -> list[Any]:
    return [column >= scope.start_at, column < scope.end_at]


_QUERIES = {
    "ideas_received": _received,
    "ideas_public_share": _public,
    "ideas_implemented": _implemented,
    "adoptions": _adoptions,
    "fund_sek_granted": _granted,
    "testbed_requests": _requests,
    "ideas_today": _received,
    "cross_sector": _cross_sector,
}

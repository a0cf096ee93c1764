"""Procurements with innovation (per Upphandlingsmyndigheten's guidance): a pipeline from needs analysis
through dialogue with the market, the choice of procedure, announcement, evaluation and contract to
follow-up, with the estimated value, the linked need, response, partner, ideas and testbeds, and a log of
RFIs, dialogue meetings and stage moves with their days.

Admins handle every procurement, managers their own organisation's (`access`). A procurement started from
a response to a need belongs to the need's organisation and links the need, the response and the
responder as a partner (found by organisationsnummer, or registered). Stages move forward one at a time
(or to `cancelled`); a procedure must be chosen before the announcement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    PROCUREMENT_PATH,
    Idea,
    Need,
    NeedResponse,
    Organisation,
    Partner,
    Procurement,
    ProcurementEvent,
    ProcurementEventKind,
    ProcurementIdea,
    ProcurementMethod,
    ProcurementStage,
    ProcurementTestbed,
    Testbed,
    User,
    utcnow,
)
from services.people.auth import Actor
from services.samverkan import access, needs
from services.shared import audit, refs
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.search import text_matches
from services.shared.validation import clean_text, number_field, parse
from services.shared.workdays import as_utc, local_day

MAX_TEXT = 5000
# A procedure is chosen in `procedure`; from the announcement on it must be known.
NEEDS_METHOD_FROM = PROCUREMENT_PATH.index(ProcurementStage.announcement)


class ProcurementInput(BaseModel):
    title: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=MAX_TEXT)
    method: ProcurementMethod | None = None
    estimated_value_sek: int | None = Field(default=None, ge=0, le=100_000_000_000)

    _clean = field_validator("title", "description", mode="before")(clean_text)
    _number = field_validator("estimated_value_sek", mode="before")(number_field)


def _new(
    session: Session,
    actor: Actor,
    values: ProcurementInput,
    *,
    organisation_id: int,
    area_id: int,
    today: date,
    **links: Any,
) -> Procurement:
    now = utcnow()
    procurement = Procurement(
        ref=refs.next_ref(session, "UPH", today.year),
        title=values.title,
        description=values.description,
        method=values.method.value if values.method else None,
        estimated_value_sek=values.estimated_value_sek,
        organisation_id=organisation_id,
        area_id=area_id,
        started_on=today,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
        stage=ProcurementStage.needs_analysis.value,
        **links,
    )
    session.add(procurement)
    session.flush()
    session.add(
        ProcurementEvent(
            procurement_id=procurement.id,
            at=now,
            actor_id=actor.id,
            kind=ProcurementEventKind.created.value,
            stage=procurement.stage,
            occurred_on=today,
        )
    )
    audit.record(session, actor, "procurement.created", "procurement", procurement.id, ref=procurement.ref, **links)
    return procurement


def start_from_response(
    *, session: Session, actor: Actor | None, response_id: int, data: dict[str, Any], today: date | None = None
) -> Procurement:
    """Start a procurement from a response, by someone who handles its need and has declared no conflict
    with it. The responder becomes (or is found as) a partner of the need's organisation; the response is
    taken forward. One procurement per response. Commits."""
    actor, response, need = needs.forwardable(session, actor, response_id)
    if session.exec(select(Procurement.id).where(Procurement.response_id == response_id)).first() is not None:
        raise InvalidTransition("samverkan.procurement_exists")
    values = parse(ProcurementInput, data)
    partner = needs.register_responder(session, actor, response, need)
    procurement = _new(
        session,
        actor,
        values,
        organisation_id=need.organisation_id,
        area_id=need.area_id,
        today=today or local_day(utcnow()),
        need_id=need.id,
        response_id=response.id,
        partner_id=partner.id,
    )
    needs.mark_taken_forward(session, actor, response, procurement=procurement.ref)
    session.commit()
    return procurement


def create_procurement(
    *,
    session: Session,
    actor: Actor | None,
    organisation_id: int,
    data: dict[str, Any],
    today: date | None = None,
) -> Procurement:
    """A procurement of an organisation the actor handles, without a response behind it. Commits."""
    actor = access.require_handler(actor, organisation_id)
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    values = parse(ProcurementInput, data)
    procurement = _new(
        session, actor, values, organisation_id=org.id, area_id=org.area_id, today=today or local_day(utcnow())
    )
    session.commit()
    return procurement


def _handled(session: Session, actor: Actor | None, procurement_id: int) -> tuple[Actor, Procurement]:
    procurement = session.get(Procurement, procurement_id)
    if procurement is None:
        raise NotFound()
    return access.require_handler(actor, procurement.organisation_id), procurement


def update_procurement(
    *, session: Session, actor: Actor | None, procurement_id: int, data: dict[str, Any]
) -> Procurement:
    """Change title, description, procedure and estimated value. Commits."""
    actor, procurement = _handled(session, actor, procurement_id)
    values = parse(ProcurementInput, data)
    changed: dict[str, Any] = {}
    for name, value in values.model_dump().items():
        value = value.value if isinstance(value, ProcurementMethod) else value
        if getattr(procurement, name) != value:
            changed[name] = value
            setattr(procurement, name, value)
    if procurement.method is None and _position(procurement.stage) >= NEEDS_METHOD_FROM:
        raise ValidationError.single("method", "samverkan.method_required")
    if changed:
        procurement.updated_at = utcnow()
        audit.record(session, actor, "procurement.updated", "procurement", procurement.id, fields=sorted(changed))
        session.commit()
    return procurement


def _position(stage: str) -> int:
    return PROCUREMENT_PATH.index(ProcurementStage(stage)) if stage != ProcurementStage.cancelled else -1


def next_stages(stage: str) -> tuple[str, ...]:
    """Where a procurement in `stage` may go: the next step of the path, or cancelled."""
    if stage in (ProcurementStage.cancelled, ProcurementStage.follow_up):
        return ()
    following = PROCUREMENT_PATH[_position(stage) + 1]
    return (following.value, ProcurementStage.cancelled.value)


def move_stage(
    *,
    session: Session,
    actor: Actor | None,
    procurement_id: int,
    to_stage: str,
    occurred_on: date | None = None,
    note: str | None = None,
) -> Procurement:
    """Move to the next stage (or cancel), dated `occurred_on` (today by default). Commits."""
    actor, procurement = _handled(session, actor, procurement_id)
    if to_stage not in next_stages(procurement.stage):
        raise InvalidTransition("samverkan.stage_refused")
    if (
        to_stage != ProcurementStage.cancelled
        and procurement.method is None
        and _position(to_stage) >= NEEDS_METHOD_FROM
    ):
        raise ValidationError.single("method", "samverkan.method_required")
    text = _text(note)
    day = occurred_on or local_day(utcnow())
    previous, procurement.stage, procurement.updated_at = procurement.stage, to_stage, utcnow()
    session.add(
        ProcurementEvent(
            procurement_id=procurement.id,
            actor_id=actor.id,
            kind=ProcurementEventKind.stage_changed.value,
            stage=to_stage,
            occurred_on=day,
            text=text,
        )
    )
    audit.record(
        session, actor, "procurement.stage_changed", "procurement", procurement.id, previous=previous, stage=to_stage
    )
    session.commit()
    return procurement


def _text(note: str | None) -> str | None:
    text = clean_text(note)
    if text and len(text) > MAX_TEXT:
        raise ValidationError.single("text", "errors.too_long", max_length=MAX_TEXT)
    return text


def log_activity(
    *, session: Session, actor: Actor | None, procurement_id: int, kind: str, occurred_on: date, text: str | None
) -> None:
    """Log an RFI, a dialogue meeting or a note in the current stage. Commits."""
    actor, procurement = _handled(session, actor, procurement_id)
    if kind not in (ProcurementEventKind.rfi, ProcurementEventKind.meeting, ProcurementEventKind.note):
        raise ValidationError.single("kind", "errors.not_allowed_value")
    body = _text(text)
    if not body:
        raise ValidationError.single("text", "errors.required")
    session.add(
        ProcurementEvent(
            procurement_id=procurement.id,
            actor_id=actor.id,
            kind=kind,
            stage=procurement.stage,
            occurred_on=occurred_on,
            text=body,
        )
    )
    procurement.updated_at = utcnow()
    audit.record(session, actor, f"procurement.{kind}_logged", "procurement", procurement.id)
    session.commit()


def add_testbed(*, session: Session, actor: Actor | None, procurement_id: int, testbed_id: int, stage: str) -> None:
    """Record that a stage used one of the region's testbeds (tests in real or simulated use). Commits."""
    actor, procurement = _handled(session, actor, procurement_id)
    if session.get(Testbed, testbed_id) is None:
        raise ValidationError.single("testbed_id", "errors.not_allowed_value")
    if stage not in {s.value for s in PROCUREMENT_PATH}:
        raise ValidationError.single("stage", "errors.not_allowed_value")
    if session.get(ProcurementTestbed, (procurement_id, testbed_id, stage)) is not None:
        return
    session.add(ProcurementTestbed(procurement_id=procurement_id, testbed_id=testbed_id, stage=stage))
    procurement.updated_at = utcnow()
    audit.record(
        session, actor, "procurement.testbed_added", "procurement", procurement.id, testbed_id=testbed_id, stage=stage
    )
    session.commit()


def link_idea(*, session: Session, actor: Actor | None, procurement_id: int, idea_ref: str | None) -> None:
    """Link an idea of the procurement's organisation (for admins any idea) by its reference. Commits."""
    actor, procurement = _handled(session, actor, procurement_id)
    ref = (idea_ref or "").strip().upper()
    idea = session.exec(select(Idea).where(Idea.ref == ref)).first() if ref else None
    if idea is None or not (actor.is_admin or idea.organisation_id == procurement.organisation_id):
        raise ValidationError.single("idea_ref", "samverkan.ref_unknown", ref=ref or "–")
    if session.get(ProcurementIdea, (procurement_id, idea.id)) is not None:
        return
    session.add(ProcurementIdea(procurement_id=procurement_id, idea_id=idea.id))
    procurement.updated_at = utcnow()
    audit.record(session, actor, "procurement.idea_linked", "procurement", procurement.id, idea_id=idea.id)
    session.commit()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ProcurementRow:
    id: int
    ref: str
    title: str
    organisation: str
    method: str | None
    stage: str
    estimated_value_sek: int | None
    started_on: date
    partner: str | None
    uses_testbeds: bool


def list_procurements(
    *,
    session: Session,
    actor: Actor | None,
    stages: tuple[str, ...] = (),
    method: str | None = None,
    search: str | None = None,
    page: int = 1,
    page_size: int = 25,
) -> Page[ProcurementRow]:
    """The procurements the actor handles, newest first; filtered and counted in SQL."""
    conditions: list[Any] = []
    own = access.scope(actor, Procurement.organisation_id)
    if own is not None:
        conditions.append(own)
    if stages:
        conditions.append(col(Procurement.stage).in_(stages))
    if method:
        conditions.append(Procurement.method == method)
    if (matches := text_matches(search, Procurement.title, Procurement.ref)) is not None:
        conditions.append(matches)
    total = session.exec(select(func.count(col(Procurement.id))).where(*conditions)).one()
    tested = select(func.count()).where(ProcurementTestbed.procurement_id == Procurement.id).scalar_subquery()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(Procurement, Organisation.short_name, Partner.name, tested)
        .join(Organisation, Procurement.organisation_id == Organisation.id)
        .join(Partner, Procurement.partner_id == Partner.id, isouter=True)
        .where(*conditions)
        .order_by(col(Procurement.started_on).desc(), col(Procurement.id).desc())
        .offset(offset)
        .limit(limit)
    )
    items = [
        ProcurementRow(
            p.id, p.ref, p.title, org, p.method, p.stage, p.estimated_value_sek, p.started_on, partner, bool(n)
        )
        for p, org, partner, n in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class EventRow:
    at: datetime
    occurred_on: date
    actor: str | None
    kind: str
    stage: str | None
    text: str | None


@dataclass(frozen=True)
class ProcurementDetail:
    row: ProcurementRow
    description: str | None
    organisation_id: int
    need_id: int | None
    need_title: str | None
    response_ref: str | None
    partner_id: int | None
    ideas: list[tuple[str, str]]  # (ref, title)
    testbeds: list[tuple[str, str]]  # (testbed name, stage)
    events: list[EventRow]
    next_stages: tuple[str, ...]


def get_procurement(*, session: Session, actor: Actor | None, procurement_id: int) -> ProcurementDetail:
    """A procurement with its links and log; only to those who handle it."""
    _, p = _handled(session, actor, procurement_id)
    org = session.get(Organisation, p.organisation_id)
    partner = session.get(Partner, p.partner_id) if p.partner_id else None
    need = session.get(Need, p.need_id) if p.need_id else None
    response = session.get(NeedResponse, p.response_id) if p.response_id else None
    tested = session.exec(
        select(Testbed.name, ProcurementTestbed.stage)
        .join(Testbed, ProcurementTestbed.testbed_id == Testbed.id)
        .where(ProcurementTestbed.procurement_id == p.id)
        .order_by(Testbed.name)
    ).all()
    ideas = session.exec(
        select(Idea.ref, Idea.title)
        .join(ProcurementIdea, ProcurementIdea.idea_id == Idea.id)
        .where(ProcurementIdea.procurement_id == p.id)
        .order_by(Idea.ref)
    ).all()
    events = session.exec(
        select(ProcurementEvent, User.display_name)
        .join(User, ProcurementEvent.actor_id == User.id, isouter=True)
        .where(ProcurementEvent.procurement_id == p.id)
        .order_by(col(ProcurementEvent.occurred_on), col(ProcurementEvent.at), col(ProcurementEvent.id))
    )
    row = ProcurementRow(
        p.id,
        p.ref,
        p.title,
        org.short_name,
        p.method,
        p.stage,
        p.estimated_value_sek,
        p.started_on,
        partner.name if partner else None,
        bool(tested),
    )
    return ProcurementDetail(
        row=row,
        description=p.description,
        organisation_id=p.organisation_id,
        need_id=p.need_id,
        need_title=need.title if need else None,
        response_ref=response.ref if response else None,
        partner_id=p.partner_id,
        ideas=[(r, t) for r, t in ideas],
        testbeds=[(n, s) for n, s in tested],
        events=[EventRow(as_utc(e.at), e.occurred_on, name, e.kind, e.stage, e.text) for e, name in events],
        next_stages=next_stages(p.stage),
    )


def testbed_choices(*, session: Session, actor: Actor | None) -> dict[int, str]:
    """id -> name of the region's testbeds, for linking one to a stage; handlers only."""
    access.scope(actor, Testbed.organisation_id)  # refuses everyone but admins and managers
    return {i: n for i, n in session.exec(select(Testbed.id, Testbed.name).order_by(Testbed.name))}

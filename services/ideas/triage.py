"""Idéhantering: the triage board, the idea page and every change the team makes to an idea.

Who may: an admin, every idea; a manager, the ideas their own organisation is responsible for. Every
read of a record and every change checks that here; every change writes an `IdeaEvent` and an audit
entry in the same transaction, and a refused change writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from models import (
    STAGE_PATH,
    Area,
    Idea,
    IdeaAdoption,
    IdeaArea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStage,
    IdeaSupport,
    IpStatus,
    ObstacleKind,
    Organisation,
    Role,
    Testbed,
    TestbedRequest,
    User,
    utcnow,
)
from services.fund import applications as fund
from services.ideas import notices
from services.ideas.intake import MAX_TEXT
from services.people.auth import Actor, require_admin, require_login
from services.shared import audit, fulltext, tokens
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text
from services.shared.workdays import as_utc

OVERDUE_DAYS = 14
SIDE_EXITS = (IdeaStage.parked, IdeaStage.closed)


# ---------------------------------------------------------------- permissions


def may_manage(actor: Actor | None, organisation_id: int | None) -> bool:
    """Admins manage every idea; a manager the ideas of their own organisation."""
    return actor is not None and (actor.is_admin or actor.manages(organisation_id))


def require_manager(actor: Actor | None) -> Actor:
    """Idéhantering is for admins and managers."""
    actor = require_login(actor)
    if actor.role not in (Role.admin, Role.manager):
        raise PermissionDenied()
    return actor


def require_portfolio_reader(actor: Actor | None) -> Actor:
    """The board and the list (never the idea page, with its contact details and internal notes) are also
    the council's: they read the whole region's portfolio, without changing anything."""
    actor = require_login(actor)
    if actor.role not in (Role.admin, Role.manager, Role.council):
        raise PermissionDenied()
    return actor


def _managed(session: Session, actor: Actor | None, idea_id: int) -> tuple[Actor, Idea]:
    actor = require_manager(actor)
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise NotFound()
    if not may_manage(actor, idea.organisation_id):
        raise PermissionDenied()
    return actor, idea


def _scope(actor: Actor) -> list[Any]:
    """The conditions that keep a list within what the actor may see."""
    return [] if actor.is_admin or actor.is_council else [Idea.organisation_id == actor.organisation_id]


# ---------------------------------------------------------------- board and list


@dataclass(frozen=True)
class IdeaFilter:
    """The board's filters; None means "any"."""

    stage: str | None = None
    area_id: int | None = None
    organisation_id: int | None = None
    submitter_kind: str | None = None
    owner_id: int | None = None
    older_than_days: int | None = None
    search: str | None = None
    overdue_only: bool = False
    # With an area: also the cross-sector ideas that touch it (`IdeaArea`), as the council's figures count.
    touching_area: bool = False
    obstacle_kind: str | None = None


def _conditions(
    session: Session, actor: Actor, filters: IdeaFilter, now: datetime, *, with_stage: bool = True
) -> list[Any]:
    conditions = _scope(actor)
    if with_stage and filters.stage:
        conditions.append(Idea.stage == filters.stage)
    if filters.area_id is not None and filters.touching_area:
        further = select(IdeaArea.idea_id).where(IdeaArea.area_id == filters.area_id)
        conditions.append((Idea.area_id == filters.area_id) | col(Idea.id).in_(further))
    elif filters.area_id is not None:
        conditions.append(Idea.area_id == filters.area_id)
    if filters.obstacle_kind:
        conditions.append(Idea.obstacle_kind == filters.obstacle_kind)
    if filters.organisation_id is not None:
        conditions.append(Idea.organisation_id == filters.organisation_id)
    if filters.submitter_kind:
        conditions.append(Idea.submitter_kind == filters.submitter_kind)
    if filters.owner_id is not None:
        conditions.append(Idea.owner_id == filters.owner_id)
    if filters.older_than_days:
        conditions.append(Idea.received_at < now - timedelta(days=filters.older_than_days))
    if filters.overdue_only:
        conditions.append(overdue_condition(now))
    if (match := fulltext.matches(session, filters.search, Idea.ref, Idea.title, Idea.need, Idea.proposal)) is not None:
        conditions.append(match)
    return conditions


def overdue_condition(now: datetime) -> Any:
    """Waiting in `received` longer than `OVERDUE_DAYS`: the promise of a timely answer is at risk."""
    return (Idea.stage == IdeaStage.received) & (Idea.received_at < now - timedelta(days=OVERDUE_DAYS))


@dataclass(frozen=True)
class Board:
    counts: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def board(*, session: Session, actor: Actor | None, filters: IdeaFilter, now: datetime | None = None) -> Board:
    """How many ideas stand in each stage (the stage filter left out), and how many wait too long.

    One pass over the ideas: with free text every pass reads all texts, so the overdue count rides along
    in the same GROUP BY instead of a second scan."""
    actor = require_portfolio_reader(actor)
    now = now or utcnow()
    conditions = _conditions(session, actor, filters, now, with_stage=False)
    overdue = func.sum(case((overdue_condition(now), 1), else_=0))
    rows = session.exec(select(Idea.stage, func.count(), overdue).where(*conditions).group_by(Idea.stage)).all()
    counts = {str(stage): 0 for stage in (*STAGE_PATH, *SIDE_EXITS)}
    counts.update({str(stage): n for stage, n, _ in rows})
    return Board(counts, sum(int(late or 0) for _, _, late in rows))


@dataclass(frozen=True)
class IdeaRow:
    id: int
    ref: str
    title: str
    stage: str
    area_id: int
    organisation: str | None
    owner: str | None
    submitter_kind: str
    benefit_kind: str
    ip_status: str
    received_at: datetime
    stage_changed_at: datetime
    overdue: bool


# Aliases are made once: an alias copies each of its table's columns (2.5 ms for User's, 0.7 for Idea's,
# at every run of a page that made one per query).
_OWNER = aliased(User)
_RELATED = aliased(Idea)


def _row_query(session: Session, actor: Actor, filters: IdeaFilter, now: datetime) -> Any:
    return (
        select(Idea, Organisation.short_name, _OWNER.display_name)
        .join(Organisation, Idea.organisation_id == Organisation.id, isouter=True)
        .join(_OWNER, Idea.owner_id == _OWNER.id, isouter=True)
        .where(*_conditions(session, actor, filters, now))
    )


def _row(idea: Idea, org: str | None, owner: str | None, now: datetime) -> IdeaRow:
    waiting = idea.stage == IdeaStage.received and as_utc(idea.received_at) < now - timedelta(days=OVERDUE_DAYS)
    return IdeaRow(
        idea.id,
        idea.ref,
        idea.title,
        idea.stage,
        idea.area_id,
        org,
        owner,
        idea.submitter_kind,
        idea.benefit_kind,
        idea.ip_status,
        idea.received_at,
        idea.stage_changed_at,
        waiting,
    )


RARE_MATCHES = 250


def _newest_first(*, rare: bool) -> tuple[Any, Any]:
    """Newest received first. Walking the received_at index finds a common word's first page at once,
    but for a rare word it visits every idea in index order; then one plain scan and a sort of the few
    matches is two to three times faster (at 100k ideas), so the index is kept out of the ORDER BY."""
    received = func.coalesce(Idea.received_at, Idea.received_at) if rare else col(Idea.received_at)
    return received.desc(), col(Idea.id).desc()


def list_ideas(
    *,
    session: Session,
    actor: Actor | None,
    filters: IdeaFilter,
    page: int = 1,
    page_size: int = 25,
    now: datetime | None = None,
    total: int | None = None,
) -> Page[IdeaRow]:
    """One page of the filtered ideas, newest received first.

    `total`: the count the caller already has from `board` (its count for the chosen stage, or its
    total); it saves a second full scan when free text is searched. Left out, it is counted here."""
    actor = require_portfolio_reader(actor)
    now = now or utcnow()
    if total is None:
        total = session.exec(
            select(func.count()).select_from(Idea).where(*_conditions(session, actor, filters, now))
        ).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        _row_query(session, actor, filters, now)
        .order_by(*_newest_first(rare=bool(filters.search) and total < RARE_MATCHES))
        .offset(offset)
        .limit(limit)
    )
    return Page([_row(i, o, w, now) for i, o, w in rows], total, page, page_size)


def export_rows(
    *, session: Session, actor: Actor | None, filters: IdeaFilter, now: datetime | None = None
) -> Iterator[IdeaRow]:
    """Every idea the filters select, for the Excel/CSV export; streamed, not paginated."""
    actor = require_manager(actor)
    now = now or utcnow()
    query = _row_query(session, actor, filters, now).order_by(col(Idea.received_at).desc(), col(Idea.id).desc())
    for idea, org, owner in session.exec(query.execution_options(yield_per=1000)):
        yield _row(idea, org, owner, now)


# ---------------------------------------------------------------- the idea page


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    actor: str | None
    from_stage: str | None
    to_stage: str | None
    text: str | None
    internal: bool
    related_ref: str | None


@dataclass(frozen=True)
class Linked:
    ref: str
    title: str
    status: str


@dataclass(frozen=True)
class Adoption:
    organisation: str
    adopted_on: date
    note: str | None


@dataclass
class IdeaDetail:
    id: int
    ref: str
    title: str
    need: str
    proposal: str
    stage: str
    area_id: int
    organisation_id: int | None
    owner_id: int | None
    owner: str | None
    submitter_kind: str
    submitter: str | None
    benefit_kind: str
    ip_status: str
    contact_name: str | None
    contact_email: str | None
    consent_at: datetime | None
    anonymised_at: datetime | None
    received_at: datetime
    stage_changed_at: datetime
    closed_reason: str | None
    merged_into_ref: str | None
    supporters: int
    obstacle_kind: str | None = None
    further_area_ids: list[int] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    applications: list[Linked] = field(default_factory=list)
    testbed_requests: list[Linked] = field(default_factory=list)
    merged_from: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)


def find_id(*, session: Session, actor: Actor | None, ref: str | None) -> int:
    """The id of the idea `ref` (e.g. from `?ide=`), if the actor may manage it."""
    actor = require_manager(actor)
    row = session.exec(select(Idea.id, Idea.organisation_id).where(Idea.ref == (ref or "").strip().upper())).first()
    if row is None:
        raise NotFound()
    if not may_manage(actor, row[1]):
        raise PermissionDenied()
    return row[0]


def idea_detail(*, session: Session, actor: Actor | None, idea_id: int) -> IdeaDetail:
    """Everything about one idea, internal notes and contact details included."""
    actor, idea = _managed(session, actor, idea_id)
    owner = session.get(User, idea.owner_id) if idea.owner_id else None
    submitter = session.get(User, idea.submitter_id) if idea.submitter_id else None
    merged_into = session.get(Idea, idea.merged_into_id) if idea.merged_into_id else None
    supporters = session.exec(select(func.count()).select_from(IdeaSupport).where(IdeaSupport.idea_id == idea.id)).one()
    return IdeaDetail(
        id=idea.id,
        ref=idea.ref,
        title=idea.title,
        need=idea.need,
        proposal=idea.proposal,
        stage=idea.stage,
        area_id=idea.area_id,
        organisation_id=idea.organisation_id,
        owner_id=idea.owner_id,
        owner=owner.display_name if owner else None,
        submitter_kind=idea.submitter_kind,
        submitter=submitter.display_name if submitter else None,
        benefit_kind=idea.benefit_kind,
        ip_status=idea.ip_status,
        contact_name=idea.contact_name,
        contact_email=idea.contact_email,
        consent_at=idea.consent_at,
        anonymised_at=idea.anonymised_at,
        received_at=idea.received_at,
        stage_changed_at=idea.stage_changed_at,
        closed_reason=idea.closed_reason,
        merged_into_ref=merged_into.ref if merged_into else None,
        supporters=supporters,
        obstacle_kind=idea.obstacle_kind,
        further_area_ids=list(session.exec(select(IdeaArea.area_id).where(IdeaArea.idea_id == idea.id))),
        adoptions=[
            Adoption(name, day, note)
            for name, day, note in session.exec(
                select(Organisation.name, IdeaAdoption.adopted_on, IdeaAdoption.note)
                .join(Organisation, IdeaAdoption.organisation_id == Organisation.id)
                .where(IdeaAdoption.idea_id == idea.id)
                .order_by(col(IdeaAdoption.adopted_on))
            )
        ],
        timeline=_timeline(session, idea.id),
        applications=[
            Linked(a.ref, a.title, a.status) for a in fund.linked_to_idea(session=session, actor=actor, idea_id=idea.id)
        ],
        testbed_requests=[
            Linked(ref, name, status)
            for ref, name, status in session.exec(
                select(TestbedRequest.ref, Testbed.name, TestbedRequest.status)
                .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
                .where(TestbedRequest.idea_id == idea.id)
                .order_by(col(TestbedRequest.id))
            )
        ],
        merged_from=list(session.exec(select(Idea.ref).where(Idea.merged_into_id == idea.id).order_by(Idea.ref))),
        moves=[str(s) for s in allowed_moves(session, idea)],
    )


def _timeline(session: Session, idea_id: int) -> list[TimelineEntry]:
    rows = session.exec(
        select(IdeaEvent, User.display_name, _RELATED.ref)
        .join(User, IdeaEvent.actor_id == User.id, isouter=True)
        .join(_RELATED, IdeaEvent.related_idea_id == _RELATED.id, isouter=True)
        .where(IdeaEvent.idea_id == idea_id)
        .order_by(col(IdeaEvent.at), col(IdeaEvent.id))
    )
    return [
        TimelineEntry(e.at, e.kind, name, e.from_stage, e.to_stage, e.text, e.internal, ref) for e, name, ref in rows
    ]


# ---------------------------------------------------------------- stage changes


def _previous_path_stage(session: Session, idea: Idea) -> IdeaStage:
    """Where a parked or closed idea came from: the last path stage it left for a side exit."""
    rows = session.exec(
        select(IdeaEvent.from_stage)
        .where(
            IdeaEvent.idea_id == idea.id,
            col(IdeaEvent.kind).in_([IdeaEventKind.stage_changed, IdeaEventKind.merged]),
            col(IdeaEvent.to_stage).in_(SIDE_EXITS),
        )
        .order_by(col(IdeaEvent.at).desc(), col(IdeaEvent.id).desc())
    )
    for stage in rows:
        if stage in STAGE_PATH:
            return IdeaStage(stage)
    return IdeaStage.screening


def allowed_moves(session: Session, idea: Idea) -> list[IdeaStage]:
    """The stages the idea may move to now: one step forward or back along the path, park, close,
    or (when parked or closed) reopen to the stage it left. A merged idea stays closed."""
    if idea.merged_into_id is not None:
        return []
    if idea.stage in SIDE_EXITS:
        back = [_previous_path_stage(session, idea)]
        return back + ([IdeaStage.closed] if idea.stage == IdeaStage.parked else [])
    index = STAGE_PATH.index(IdeaStage(idea.stage))
    moves = []
    if index + 1 < len(STAGE_PATH):
        moves.append(STAGE_PATH[index + 1])
    if index > 0:
        moves.append(STAGE_PATH[index - 1])
    return [*moves, IdeaStage.parked, IdeaStage.closed]


def change_stage(
    *,
    session: Session,
    actor: Actor | None,
    idea_id: int,
    to_stage: str,
    text: str | None = None,
    expected_stage: str | None = None,
    obstacle_kind: str | None = None,
    now: datetime | None = None,
) -> Idea:
    """Move the idea to `to_stage` if the rules allow it (see `allowed_moves`). Commits.

    Closing needs a reason, which the submitter reads on the tracking page; any other note is shown to
    the submitter too. Parking or closing also needs the coded obstacle (`ObstacleKind`), which the
    council's figures count; back on the path the code is cleared. `expected_stage` refuses the move
    when someone else moved the idea meanwhile.
    """
    actor, idea = _managed(session, actor, idea_id)
    text = clean_text(text)
    if expected_stage is not None and idea.stage != expected_stage:
        raise InvalidTransition("ideas.moved_meanwhile", stage=idea.stage)
    if to_stage not in allowed_moves(session, idea):
        raise InvalidTransition("ideas.move_not_allowed", from_stage=idea.stage, to_stage=to_stage)
    if to_stage == IdeaStage.closed and not text:
        raise ValidationError.single("text", "ideas.close_needs_reason")
    if to_stage in SIDE_EXITS and obstacle_kind not in set(ObstacleKind):
        raise ValidationError.single("obstacle_kind", "obstacles.kind_required")
    if text and len(text) > MAX_TEXT:
        raise ValidationError.single("text", "errors.too_long", max_length=MAX_TEXT)
    now = now or utcnow()
    from_stage = idea.stage
    idea.stage = to_stage
    idea.stage_changed_at = now
    idea.updated_at = now
    idea.closed_reason = text if to_stage == IdeaStage.closed else None
    idea.obstacle_kind = obstacle_kind if to_stage in SIDE_EXITS else None
    if from_stage == IdeaStage.received and idea.first_decision_at is None:
        idea.first_decision_at = now
    session.add(
        IdeaEvent(
            idea_id=idea.id,
            at=now,
            actor_id=actor.id,
            kind=IdeaEventKind.stage_changed,
            from_stage=from_stage,
            to_stage=to_stage,
            text=text,
        )
    )
    audit.record(
        session,
        actor,
        "idea.stage_changed",
        "idea",
        idea.id,
        from_stage=from_stage,
        to_stage=to_stage,
        obstacle_kind=idea.obstacle_kind,
    )
    notices.stage_changed(session, idea, from_stage, text)
    session.commit()
    return idea


# ---------------------------------------------------------------- other changes


def _event(session: Session, actor: Actor, idea: Idea, kind: IdeaEventKind, text: str | None, **extra: Any) -> None:
    now = utcnow()
    idea.updated_at = now
    session.add(IdeaEvent(idea_id=idea.id, at=now, actor_id=actor.id, kind=kind, text=text, **extra))


def add_comment(
    *, session: Session, actor: Actor | None, idea_id: int, text: str | None, internal: bool = True
) -> None:
    """A note on the timeline; internal notes are never shown to the submitter. Commits."""
    actor, idea = _managed(session, actor, idea_id)
    text = clean_text(text) or ""
    if not text:
        raise ValidationError.single("comment", "errors.required")
    if len(text) > MAX_TEXT:
        raise ValidationError.single("comment", "errors.too_long", max_length=MAX_TEXT)
    _event(session, actor, idea, IdeaEventKind.comment, text, internal=internal)
    audit.record(session, actor, "idea.commented", "idea", idea.id, internal=internal)
    session.commit()


def ask_submitter(*, session: Session, actor: Actor | None, idea_id: int, text: str | None) -> None:
    """The team's question to the submitter: on the public timeline, sent to them (by mail to the address
    they gave, in the app when they have an account), answered through their tracking link. Refused when
    the submitter cannot be reached. Commits."""
    actor, idea = _managed(session, actor, idea_id)
    text = clean_text(text) or ""
    if not text:
        raise ValidationError.single("question", "errors.required")
    if len(text) > MAX_TEXT:
        raise ValidationError.single("question", "errors.too_long", max_length=MAX_TEXT)
    if not notices.has_contact(idea):
        raise InvalidTransition("ideas.no_contact_to_ask")
    if idea.merged_into_id is not None:
        raise InvalidTransition("ideas.ask_merged")
    _event(session, actor, idea, IdeaEventKind.question, text, internal=False)
    audit.record(session, actor, "idea.question_asked", "idea", idea.id)
    notices.question(session, idea, text)
    session.commit()


def owner_choices(*, session: Session, actor: Actor | None, idea_id: int) -> list[tuple[int, str]]:
    """Who may own the idea: for an admin any active admin, manager or employee; for a manager, the
    active people of their own organisation."""
    actor, _idea = _managed(session, actor, idea_id)
    query = select(User.id, User.display_name, User.username).where(
        User.is_active, col(User.role).in_([Role.admin, Role.manager, Role.employee])
    )
    if not actor.is_admin:
        query = query.where(User.organisation_id == actor.organisation_id)
    return [(i, f"{name} ({username})") for i, name, username in session.exec(query.order_by(User.display_name))]


def assign(
    *, session: Session, actor: Actor | None, idea_id: int, owner_id: int | None, organisation_id: int | None
) -> None:
    """Set the owner and the responsible organisation. Only an admin may hand an idea to another
    organisation; a manager picks an owner among their own people. Commits."""
    actor, idea = _managed(session, actor, idea_id)
    if organisation_id != idea.organisation_id:
        if not actor.is_admin:
            raise PermissionDenied("ideas.only_admin_moves_org")
        if organisation_id is not None and session.get(Organisation, organisation_id) is None:
            raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    if owner_id is not None and owner_id not in dict(owner_choices(session=session, actor=actor, idea_id=idea_id)):
        raise ValidationError.single("owner_id", "errors.not_allowed_value")
    if owner_id == idea.owner_id and organisation_id == idea.organisation_id:
        return
    owner = session.get(User, owner_id) if owner_id else None
    org = session.get(Organisation, organisation_id) if organisation_id else None
    text = " · ".join(x for x in (owner.display_name if owner else None, org.short_name if org else None) if x)
    idea.owner_id, idea.organisation_id = owner_id, organisation_id
    _event(session, actor, idea, IdeaEventKind.assigned, text or None, internal=True)
    audit.record(session, actor, "idea.assigned", "idea", idea.id, owner_id=owner_id, organisation_id=organisation_id)
    session.commit()


def new_tracking_code(*, session: Session, actor: Actor | None, idea_id: int) -> str:
    """A new private tracking code for the idea's submitter, e.g. one who lost the link (ideas from
    before tracking codes have none anyone holds). The old code stops working. Returned this once, for
    the team to send to the contact address given; only its digest is stored. Commits."""
    actor, idea = _managed(session, actor, idea_id)
    code = tokens.issue()
    idea.tracking_hash = code.digest
    idea.updated_at = utcnow()
    audit.record(session, actor, "idea.tracking_code_renewed", "idea", idea.id, ref=idea.ref)
    session.commit()
    return code.token


def set_ip_status(*, session: Session, actor: Actor | None, idea_id: int, ip_status: str) -> None:
    """Record the assessment of intellectual property. Commits."""
    actor, idea = _managed(session, actor, idea_id)
    if ip_status not in set(IpStatus):
        raise ValidationError.single("ip_status", "errors.not_allowed_value")
    if ip_status == idea.ip_status:
        return
    before, idea.ip_status = idea.ip_status, ip_status
    _event(session, actor, idea, IdeaEventKind.ip_changed, ip_status, internal=True)
    audit.record(session, actor, "idea.ip_changed", "idea", idea.id, before=before, after=ip_status)
    session.commit()


def set_further_areas(*, session: Session, actor: Actor | None, idea_id: int, area_ids: list[int]) -> None:
    """The other core areas a cross-sector idea touches (its own area is left out). Commits."""
    actor, idea = _managed(session, actor, idea_id)
    wanted = {a for a in area_ids if a != idea.area_id}
    known = set(session.exec(select(Area.id).where(col(Area.id).in_(wanted)))) if wanted else set()
    if wanted - known:
        raise ValidationError.single("area_ids", "errors.not_allowed_value")
    current = set(session.exec(select(IdeaArea.area_id).where(IdeaArea.idea_id == idea.id)))
    if current == wanted:
        return
    session.exec(delete(IdeaArea).where(IdeaArea.idea_id == idea.id))  # type: ignore[call-overload]
    session.add_all([IdeaArea(idea_id=idea.id, area_id=a) for a in sorted(wanted)])
    codes = sorted(session.exec(select(Area.code).where(col(Area.id).in_(wanted)))) if wanted else []
    _event(session, actor, idea, IdeaEventKind.linked, ", ".join(codes) or None, internal=True)
    audit.record(session, actor, "idea.areas_changed", "idea", idea.id, area_ids=sorted(wanted))
    session.commit()


def add_adoption(
    *,
    session: Session,
    actor: Actor | None,
    idea_id: int,
    organisation_id: int | None,
    adopted_on: date | None,
    note: str | None = None,
) -> None:
    """Spread: another organisation took the innovation into use. Only for ideas in implementation or
    spread, once per organisation, not the responsible one. The note is shown to the submitter. Commits."""
    actor, idea = _managed(session, actor, idea_id)
    if idea.stage not in (IdeaStage.implementation, IdeaStage.spread):
        raise InvalidTransition("ideas.adoption_needs_implementation")
    org = session.get(Organisation, organisation_id) if organisation_id else None
    if org is None:
        raise ValidationError.single("adoption_org", "errors.required")
    if org.id == idea.organisation_id:
        raise ValidationError.single("adoption_org", "ideas.adoption_own_org")
    if adopted_on is None or adopted_on > utcnow().date():
        raise ValidationError.single("adopted_on", "ideas.adoption_date")
    note = clean_text(note)
    if note and len(note) > MAX_TEXT:
        raise ValidationError.single("adoption_note", "errors.too_long", max_length=MAX_TEXT)
    taken = session.exec(
        select(IdeaAdoption.id).where(IdeaAdoption.idea_id == idea.id, IdeaAdoption.organisation_id == org.id)
    ).first()
    if taken is not None:
        raise ValidationError.single("adoption_org", "ideas.adoption_twice")
    session.add(IdeaAdoption(idea_id=idea.id, organisation_id=org.id, adopted_on=adopted_on, note=note))
    _event(session, actor, idea, IdeaEventKind.adopted, note or org.name)
    audit.record(session, actor, "idea.adopted", "idea", idea.id, organisation_id=org.id, adopted_on=adopted_on)
    session.commit()


def merge(
    *, session: Session, actor: Actor | None, duplicate_id: int, into_ref: str | None, reason: str | None
) -> Idea:
    """Close a duplicate as merged into another idea; both timelines keep the link, the duplicate's
    backers move over (once each), and its submitter reads `reason`. Admins only. Commits."""
    actor = require_admin(actor)
    duplicate = session.get(Idea, duplicate_id)
    if duplicate is None:
        raise NotFound()
    target = session.exec(select(Idea).where(Idea.ref == (into_ref or "").strip().upper())).first()
    if target is None:
        raise ValidationError.single("into_ref", "ideas.merge_unknown")
    if target.id == duplicate.id:
        raise ValidationError.single("into_ref", "ideas.merge_self")
    if duplicate.merged_into_id is not None or target.merged_into_id is not None:
        raise InvalidTransition("ideas.merge_already")
    reason = clean_text(reason) or ""
    if not reason:
        raise ValidationError.single("merge_reason", "ideas.close_needs_reason")
    now = utcnow()
    from_stage = duplicate.stage
    duplicate.merged_into_id = target.id
    duplicate.stage, duplicate.closed_reason, duplicate.stage_changed_at = IdeaStage.closed, reason, now
    if from_stage == IdeaStage.received and duplicate.first_decision_at is None:
        duplicate.first_decision_at = now
    _event(
        session,
        actor,
        duplicate,
        IdeaEventKind.merged,
        reason,
        from_stage=from_stage,
        to_stage=IdeaStage.closed,
        related_idea_id=target.id,
    )
    _event(session, actor, target, IdeaEventKind.merged, None, internal=True, related_idea_id=duplicate.id)
    _move_supporters(session, duplicate, target)
    audit.record(session, actor, "idea.merged", "idea", duplicate.id, into_id=target.id, from_stage=from_stage)
    session.commit()
    return target


def _move_supporters(session: Session, duplicate: Idea, target: Idea) -> None:
    already = set(session.exec(select(IdeaSupport.user_id).where(IdeaSupport.idea_id == target.id)))
    for user_id in session.exec(select(IdeaSupport.user_id).where(IdeaSupport.idea_id == duplicate.id)).all():
        if user_id not in already and user_id != target.submitter_id:
            session.add(IdeaSupport(idea_id=target.id, user_id=user_id))

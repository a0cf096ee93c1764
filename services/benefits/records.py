"""The benefits of an idea at Införande or Spridning, or of a funded project: what each is expected to
bring (its estimate) and what it realised, measured over time.

What callers may rely on:
- A benefit belongs to one idea (at `implementation` or `spread`) or one funded project (approved or
  later); writing elsewhere is refused: nothing is being realised yet.
- Who may read and write follows the record it belongs to. An idea's benefits: admins, the managers of
  the idea's organisation and the idea's owner (its handler). A project's: admins, the managers of its
  organisation and its applicant write; whoever may read the application reads (reviewers included).
  The council and other managers read the totals (`services.benefits.figures`), not the records.
- A value is a number of 0 or more below a sensible maximum for its unit (`MAX_BY_UNIT`), in one of the
  units of `BenefitUnit`. A benefit is recorded with an estimate, a first measurement or both.
- A measurement says what the benefit realised, measured on a day (not in the future) by someone; one
  per benefit and day. A re-measurement does not add to the earlier one: the latest measurement on or
  before a day is what the benefit realised by then.
- A refused input writes nothing and names each bad field; every write leaves an audit entry in the
  same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    BenefitKind,
    BenefitMeasurement,
    BenefitRecord,
    BenefitUnit,
    FundApplication,
    Idea,
    IdeaStage,
    User,
    utcnow,
)
from services.fund.applications import FUNDED, may_read
from services.people.auth import Actor, require_login
from services.shared import audit, history
from services.shared.errors import InvalidTransition, Message, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text, fail, number_field, parse

ENTITY = "benefitrecord"
REALISING_STAGES: tuple[str, ...] = (IdeaStage.implementation.value, IdeaStage.spread.value)
FUNDED_STATUSES: frozenset[str] = frozenset(s.value for s in FUNDED)
# Above these a figure is a typing mistake, not a benefit: the region turns over some 120 billion SEK a
# year, has about 45,000 staff (some 80 million working hours a year) and 2.4 million inhabitants.
MAX_BY_UNIT: dict[str, float] = {
    BenefitUnit.sek_per_year.value: 5_000_000_000,
    BenefitUnit.hours_per_year.value: 5_000_000,
    BenefitUnit.co2e_tonnes_per_year.value: 1_000_000,
    BenefitUnit.people_reached.value: 5_000_000,
}
FIRST_DAY = date(2000, 1, 1)
MAX_DESCRIPTION = 2000
MAX_MEASURED_BY = 200


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    measured_on: date
    value: float
    measured_by: str
    recorded_by: str | None


@dataclass(frozen=True)
class BenefitRow:
    """A benefit as pages show it (plain data): its latest measurement first among `measurements`."""

    id: int
    idea_id: int | None
    application_id: int | None
    kind: str
    description: str
    unit: str
    estimated_value: float | None
    recorded_by: str | None
    updated_at: datetime
    measurements: tuple[MeasurementRow, ...]

    @property
    def latest(self) -> MeasurementRow | None:
        return self.measurements[0] if self.measurements else None


# ---------------------------------------------------------------- input


def _unit_given(value: Any) -> Any:
    if value in (None, ""):
        raise fail("benefits.unit_required")
    return value


def _not_negative(value: Any) -> Any:
    value = number_field(value)
    if isinstance(value, (int, float)) and value < 0:
        raise fail("benefits.value_negative")
    return value


class BenefitInput(BaseModel):
    """A benefit: kind, what it is, its unit and estimate (the first measurement comes separately)."""

    kind: BenefitKind
    description: str = Field(min_length=3, max_length=MAX_DESCRIPTION)
    unit: BenefitUnit
    estimated_value: float | None = Field(default=None, allow_inf_nan=False)

    _clean = field_validator("description", mode="before")(clean_text)
    _unit = field_validator("unit", mode="before")(_unit_given)
    _value = field_validator("estimated_value", mode="before")(_not_negative)

    @field_validator("kind", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return None if value == "" else value


class MeasurementInput(BaseModel):
    """What a benefit realised, measured on a day by someone."""

    value: float = Field(allow_inf_nan=False)
    measured_on: date
    measured_by: str = Field(min_length=2, max_length=MAX_MEASURED_BY)

    _clean = field_validator("measured_by", mode="before")(clean_text)
    _value = field_validator("value", mode="before")(_not_negative)


def _absurd(unit: str, value: float | None) -> Message | None:
    limit = MAX_BY_UNIT[unit]
    if value is not None and value > limit:
        return Message("benefits.value_absurd", {"max": f"{limit:,.0f}".replace(",", "\u202f")})
    return None


def _benefit_input(data: dict[str, Any]) -> BenefitInput:
    clean = parse(BenefitInput, data)
    if problem := _absurd(clean.unit.value, clean.estimated_value):
        raise ValidationError({"estimated_value": problem})
    return clean


def _measurement_input(data: dict[str, Any], unit: str, today: date, *, prefix: str = "") -> MeasurementInput:
    """The measurement, or a `ValidationError` naming every bad field (`prefix` + field name)."""
    try:
        clean = parse(MeasurementInput, data)
    except ValidationError as error:
        raise ValidationError({prefix + k: v for k, v in error.fields.items()}) from None
    problems: dict[str, Message] = {}
    if problem := _absurd(unit, clean.value):
        problems[prefix + "value"] = problem
    if not FIRST_DAY <= clean.measured_on <= today:
        problems[prefix + "measured_on"] = Message("benefits.measured_on_range")
    if problems:
        raise ValidationError(problems)
    return clean


# ---------------------------------------------------------------- permissions


def _idea_allowed(actor: Actor, idea: Idea) -> bool:
    return actor.is_admin or actor.manages(idea.organisation_id) or (actor.id is not None and idea.owner_id == actor.id)


def _idea(session: Session, actor: Actor, idea_id: int) -> Idea:
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise NotFound()
    if not _idea_allowed(actor, idea):
        raise PermissionDenied()
    return idea


def _project(session: Session, actor: Actor, application_id: int, *, write: bool) -> FundApplication:
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    if write:
        allowed = actor.is_admin or actor.manages(application.organisation_id) or application.applicant_id == actor.id
    else:
        allowed = may_read(session, actor, application)
    if not allowed:
        raise PermissionDenied()
    return application


def may_record(record: Idea | FundApplication) -> bool:
    """An idea records benefits from Införande on, a project once it is funded."""
    if isinstance(record, Idea):
        return record.stage in REALISING_STAGES
    return record.status in FUNDED_STATUSES


def may_write(
    *, session: Session, actor: Actor | None, idea_id: int | None = None, application_id: int | None = None
) -> bool:
    """True when `actor` may record benefits of this idea or project now (for showing the forms; every
    write checks again)."""
    if actor is None:
        return False
    try:
        record = (
            _idea(session, actor, idea_id)
            if idea_id is not None
            else _project(session, actor, application_id or 0, write=True)
        )
    except (NotFound, PermissionDenied):
        return False
    return may_record(record)


def _writable(session: Session, actor: Actor, benefit: BenefitRecord) -> None:
    """Refuses unless `actor` may write the benefit's idea or project, and it is at a stage that records."""
    record = (
        _idea(session, actor, benefit.idea_id)
        if benefit.idea_id is not None
        else _project(session, actor, benefit.application_id or 0, write=True)
    )
    if not may_record(record):
        raise InvalidTransition("benefits.not_yet")


def _benefit(session: Session, actor: Actor, benefit_id: int) -> BenefitRecord:
    benefit = session.get(BenefitRecord, benefit_id)
    if benefit is None:
        raise NotFound()
    _writable(session, actor, benefit)
    return benefit


# ---------------------------------------------------------------- reading


def _rows(session: Session, where: Any) -> list[BenefitRow]:
    benefits = list(
        session.exec(
            select(BenefitRecord, User.display_name)
            .join(User, BenefitRecord.recorded_by_id == User.id, isouter=True)
            .where(where)
            .order_by(BenefitRecord.id)
        )
    )
    ids = [b.id for b, _ in benefits]
    measured: dict[int, list[MeasurementRow]] = {i: [] for i in ids}
    if ids:
        query = (
            select(BenefitMeasurement, User.display_name)
            .join(User, BenefitMeasurement.recorded_by_id == User.id, isouter=True)
            .where(col(BenefitMeasurement.benefit_id).in_(ids))
            .order_by(col(BenefitMeasurement.measured_on).desc())
        )
        for m, who in session.exec(query):
            measured[m.benefit_id].append(MeasurementRow(m.id, m.measured_on, m.value, m.measured_by, who))
    return [
        BenefitRow(
            b.id,
            b.idea_id,
            b.application_id,
            b.kind,
            b.description,
            b.unit,
            b.estimated_value,
            who,
            b.updated_at,
            tuple(measured[b.id]),
        )
        for b, who in benefits
    ]


def for_idea(*, session: Session, actor: Actor | None, idea_id: int) -> list[BenefitRow]:
    """The idea's benefits in the order recorded (admins, the idea's organisation's managers, its owner)."""
    actor = require_login(actor)
    _idea(session, actor, idea_id)
    return _rows(session, BenefitRecord.idea_id == idea_id)


def for_project(*, session: Session, actor: Actor | None, application_id: int) -> list[BenefitRow]:
    """A funded project's benefits (whoever may read the application)."""
    actor = require_login(actor)
    _project(session, actor, application_id, write=False)
    return _rows(session, BenefitRecord.application_id == application_id)


@dataclass(frozen=True)
class OwnedIdea:
    id: int
    ref: str
    title: str
    stage: str
    benefits: int


def ideas_to_follow_up(*, session: Session, actor: Actor | None, page: int = 1, page_size: int = 25) -> Page[OwnedIdea]:
    """The ideas `actor` owns (handles) at Införande or Spridning, newest first, with how many benefits
    each has: where an owner who is not a manager records them."""
    actor = require_login(actor)
    where = (Idea.owner_id == actor.id, col(Idea.stage).in_(REALISING_STAGES))
    total = session.exec(select(func.count()).select_from(Idea).where(*where)).one()
    offset, limit = page_bounds(page, page_size)
    counts = (
        select(BenefitRecord.idea_id, func.count().label("n"))
        .where(col(BenefitRecord.idea_id).is_not(None))
        .group_by(BenefitRecord.idea_id)
        .subquery()
    )
    rows = session.exec(
        select(Idea.id, Idea.ref, Idea.title, Idea.stage, func.coalesce(counts.c.n, 0))
        .join(counts, counts.c.idea_id == Idea.id, isouter=True)
        .where(*where)
        .order_by(col(Idea.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return Page(
        [OwnedIdea(i, r, t, s, int(n)) for i, r, t, s, n in rows], total=int(total), page=page, page_size=page_size
    )


# ---------------------------------------------------------------- writing


def add_benefit(
    *,
    session: Session,
    actor: Actor | None,
    data: dict[str, Any],
    measurement: dict[str, Any] | None = None,
    idea_id: int | None = None,
    application_id: int | None = None,
    today: date | None = None,
) -> BenefitRow:
    """Record a benefit of an idea at Införande/Spridning or of a funded project (one of the two), with
    its estimate, a first measurement (`measurement`, its fields prefixed `first_` in errors) or both."""
    actor = require_login(actor)
    if (idea_id is None) == (application_id is None):
        raise ValidationError.single("idea_id", "errors.not_allowed_value")
    record = (
        _idea(session, actor, idea_id)
        if idea_id is not None
        else _project(session, actor, application_id or 0, write=True)
    )
    if not may_record(record):
        raise InvalidTransition("benefits.not_yet")
    clean, first = _benefit_and_first(data, measurement, today or history.today())
    row = BenefitRecord(idea_id=idea_id, application_id=application_id, recorded_by_id=actor.id, **_columns(clean))
    session.add(row)
    session.flush()
    owner = {"idea_id": idea_id, "application_id": application_id}
    audit.record(session, actor, "benefit.recorded", ENTITY, row.id, **owner, **_columns(clean))
    if first is not None:
        _add_measurement(session, actor, row, first)
    session.commit()
    return _rows(session, BenefitRecord.id == row.id)[0]


def _benefit_and_first(
    data: dict[str, Any], measurement: dict[str, Any] | None, today: date
) -> tuple[BenefitInput, MeasurementInput | None]:
    """Both inputs checked at once, so that one refusal names every bad field."""
    problems: dict[str, Message] = {}
    clean = first = None
    try:
        clean = _benefit_input(data)
    except ValidationError as error:
        problems.update(error.fields)
    wants_first = measurement is not None and any(
        v not in (None, "") for v in (measurement.get("value"), measurement.get("measured_on"))
    )
    if wants_first and measurement is not None:
        unit = clean.unit.value if clean else BenefitUnit.sek_per_year.value
        try:
            first = _measurement_input(measurement, unit, today, prefix="first_")
        except ValidationError as error:
            problems.update(error.fields)
    if clean is not None and clean.estimated_value is None and not wants_first:
        problems["estimated_value"] = Message("benefits.value_required")
    if problems or clean is None:
        raise ValidationError(problems)
    return clean, first


def update_benefit(*, session: Session, actor: Actor | None, benefit_id: int, data: dict[str, Any]) -> BenefitRow:
    """Change a benefit's kind, description, unit or estimate. The unit stays once it has been measured
    (the measurements are in it); a benefit without measurements keeps an estimate."""
    actor = require_login(actor)
    row = _benefit(session, actor, benefit_id)
    clean = _benefit_input(data)
    has_measurements = session.exec(
        select(func.count()).select_from(BenefitMeasurement).where(BenefitMeasurement.benefit_id == row.id)
    ).one()
    if has_measurements and clean.unit.value != row.unit:
        raise ValidationError.single("unit", "benefits.unit_locked")
    if not has_measurements and clean.estimated_value is None:
        raise ValidationError.single("estimated_value", "benefits.value_required")
    changes = {k: v for k, v in _columns(clean).items() if getattr(row, k) != v}
    if changes:
        before = {k: getattr(row, k) for k in changes}
        for key, value in changes.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        audit.record(session, actor, "benefit.updated", ENTITY, row.id, before=before, after=changes)
        session.commit()
    return _rows(session, BenefitRecord.id == row.id)[0]


def delete_benefit(*, session: Session, actor: Actor | None, benefit_id: int) -> None:
    """Remove a benefit recorded by mistake, with its measurements (the same people who may change it)."""
    actor = require_login(actor)
    row = _benefit(session, actor, benefit_id)
    details = {
        "idea_id": row.idea_id,
        "application_id": row.application_id,
        "description": row.description,
        "unit": row.unit,
        "estimated_value": row.estimated_value,
    }
    for m in session.exec(select(BenefitMeasurement).where(BenefitMeasurement.benefit_id == row.id)):
        session.delete(m)
    session.delete(row)
    audit.record(session, actor, "benefit.deleted", ENTITY, benefit_id, **details)
    session.commit()


def _add_measurement(session: Session, actor: Actor, benefit: BenefitRecord, clean: MeasurementInput) -> None:
    same_day = session.exec(
        select(BenefitMeasurement.id).where(
            BenefitMeasurement.benefit_id == benefit.id, BenefitMeasurement.measured_on == clean.measured_on
        )
    ).first()
    if same_day is not None:
        raise ValidationError.single("measured_on", "benefits.measured_twice")
    measurement = BenefitMeasurement(benefit_id=benefit.id, recorded_by_id=actor.id, **clean.model_dump())
    session.add(measurement)
    session.flush()
    benefit.updated_at = utcnow()
    audit.record(
        session, actor, "benefit.measured", ENTITY, benefit.id, measurement_id=measurement.id, **clean.model_dump()
    )


def add_measurement(
    *, session: Session, actor: Actor | None, benefit_id: int, data: dict[str, Any], today: date | None = None
) -> BenefitRow:
    """Record what a benefit realised, measured on a day by someone (one measurement per day)."""
    actor = require_login(actor)
    benefit = _benefit(session, actor, benefit_id)
    clean = _measurement_input(data, benefit.unit, today or history.today())
    _add_measurement(session, actor, benefit, clean)
    session.commit()
    return _rows(session, BenefitRecord.id == benefit.id)[0]


def delete_measurement(*, session: Session, actor: Actor | None, measurement_id: int) -> None:
    """Remove a measurement recorded by mistake; the one before it is what the benefit realised again.
    The last one of a benefit without an estimate stays (the benefit would have no figure left)."""
    actor = require_login(actor)
    measurement = session.get(BenefitMeasurement, measurement_id)
    if measurement is None:
        raise NotFound()
    benefit = _benefit(session, actor, measurement.benefit_id)
    others = session.exec(
        select(func.count())
        .select_from(BenefitMeasurement)
        .where(BenefitMeasurement.benefit_id == benefit.id, BenefitMeasurement.id != measurement.id)
    ).one()
    if benefit.estimated_value is None and not others:
        raise InvalidTransition("benefits.last_measurement")
    details = {"measurement_id": measurement.id, "measured_on": measurement.measured_on, "value": measurement.value}
    session.delete(measurement)
    benefit.updated_at = utcnow()
    audit.record(session, actor, "benefit.measurement_deleted", ENTITY, benefit.id, **details)
    session.commit()


def _columns(clean: BenefitInput) -> dict[str, Any]:
    return {
        "kind": clean.kind.value,
        "description": clean.description,
        "unit": clean.unit.value,
        "estimated_value": clean.estimated_value,
    }

"""The indicator registry, targets per year and reported values with their review.

What callers may rely on:
- `period_target(...)` / `target_for(...)` / `pick_target(...)` apply the ONE target rule (see "the
  target rule" below) for every page: shares fall back organisation -> area -> region; counts and
  amounts take their own level's target only, scaled to the span.
- A reported value moves draft -> submitted -> approved, or submitted/approved -> returned (with a
  note the reporter reads) -> draft/submitted again. Only approved values count in dashboards
  (`services.indicators_dashboard`).
- Managers write values only for their own organisation, admins for every one; only reported
  indicators take values, and an administration's own indicator only from that administration.
- A year whose region-wide innovationsbokslut is frozen (`AnnualReport` without organisation, with
  `frozen_at`) takes no new or changed values: the published figures stay as published.
- Every write leaves an audit entry in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

import i18n
from models import (
    AnnualReport,
    Direction,
    Frequency,
    Indicator,
    IndicatorScope,
    IndicatorSource,
    IndicatorTarget,
    IndicatorValue,
    Organisation,
    Role,
    User,
    ValueStatus,
    utcnow,
)
from services import audit
from services.auth import Actor, require_admin, require_login, require_role
from services.errors import InvalidTransition, Message, NotFound, PermissionDenied, ValidationError
from services.indicator_computations import COMPUTATIONS, period_of, periods_between, periods_in
from services.pagination import Page, page_bounds
from services.validation import clean_text, fail, parse

CODE_PATTERN = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9_-]{1,29}$")
# Statuses in which a reporter may still change the value.
EDITABLE: frozenset[str] = frozenset({ValueStatus.draft, ValueStatus.returned, ValueStatus.submitted})
# Values that no longer wait for the reporter (counted as reported).
REPORTED: tuple[str, ...] = (ValueStatus.submitted.value, ValueStatus.approved.value)
ENTITY_INDICATOR = "indicator"
ENTITY_TARGET = "indicator_target"
ENTITY_VALUE = "indicator_value"
MAX_VALUE = 1e12


# ---------------------------------------------------------------- plain rows


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as pages show it (plain data, safe to cache)."""

    id: int
    code: str
    name_sv: str
    name_en: str
    description: str
    unit: str
    direction: str
    frequency: str
    source: str
    computation: str | None
    scope: str
    owner_org_id: int | None
    owner_org: str | None
    is_active: bool

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv


@dataclass(frozen=True)
class TargetRow:
    id: int
    indicator_id: int
    year: int
    area_id: int | None
    organisation_id: int | None
    value: float


@dataclass(frozen=True)
class ValueRow:
    """A reported value with the names a reviewer needs."""

    id: int
    indicator_id: int
    indicator_code: str
    indicator_name_sv: str
    indicator_name_en: str
    unit: str
    organisation_id: int
    organisation: str
    period_start: date
    value: float
    status: str
    note: str | None
    entered_by: str | None
    submitted_at: datetime | None
    reviewed_at: datetime | None
    frequency: str = Frequency.quarter

    def indicator_name(self, language: str) -> str:
        return self.indicator_name_en if language == "en" else self.indicator_name_sv


def _indicator_row(ind: Indicator, owner: str | None) -> IndicatorRow:
    return IndicatorRow(
        ind.id,
        ind.code,
        ind.name_sv,
        ind.name_en,
        ind.description,
        ind.unit,
        ind.direction,
        ind.frequency,
        ind.source,
        ind.computation,
        ind.scope,
        ind.owner_org_id,
        owner,
        ind.is_active,
    )


# ---------------------------------------------------------------- periods and frozen years


def period_starts(frequency: str, year: int) -> list[date]:
    """The first day of every period of `frequency` in `year` (12 months, 4 quarters or 1 year)."""
    return [first for first, _ in periods_between(frequency, date(year, 1, 1), date(year, 12, 31))]


def is_period_start(frequency: str, day: date) -> bool:
    """True when `day` opens a period of `frequency` (1 Jan/Apr/Jul/Oct for quarters, and so on)."""
    return period_of(frequency, day)[0] == day


def period_end(frequency: str, start: date) -> date:
    """The last day of the period that `start` opens."""
    return period_of(frequency, start)[1]


def frozen_at(session: Session, year: int) -> datetime | None:
    """When the region's innovationsbokslut of `year` was frozen; None while the year is open."""
    return session.exec(
        select(AnnualReport.frozen_at).where(
            AnnualReport.year == year,
            col(AnnualReport.organisation_id).is_(None),
            col(AnnualReport.frozen_at).is_not(None),
        )
    ).first()


def frozen_years(session: Session) -> set[int]:
    """Every year whose region-wide report is frozen (one query, for imports of many rows)."""
    rows = session.exec(
        select(AnnualReport.year).where(
            col(AnnualReport.organisation_id).is_(None), col(AnnualReport.frozen_at).is_not(None)
        )
    )
    return set(rows.all())


def _refuse_frozen(session: Session, year: int) -> None:
    if frozen_at(session, year) is not None:
        raise InvalidTransition("indicators.data.year_frozen", year=year)


# ---------------------------------------------------------------- registry


class IndicatorInput(BaseModel):
    """What an admin types to create or change an indicator."""

    code: str = Field(max_length=30)
    name_sv: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    description: str = Field(default="", max_length=4000)
    unit: str = Field(max_length=20)
    direction: Direction = Direction.up
    frequency: Frequency = Frequency.quarter
    source: IndicatorSource = IndicatorSource.reported
    computation: str | None = None
    scope: IndicatorScope = IndicatorScope.central
    owner_org_id: int | None = None
    is_active: bool = True

    _clean = field_validator("code", "name_sv", "name_en", "unit", "computation", mode="before")(clean_text)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> Any:
        return (value or "").strip() if isinstance(value, str) or value is None else value

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        value = value.upper()
        if not CODE_PATTERN.match(value):
            raise fail("indicators.data.code_invalid")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorInput:
        if self.source == IndicatorSource.computed:
            if self.computation not in COMPUTATIONS:
                raise ValueError("computation")
        else:
            self.computation = None
        if self.scope == IndicatorScope.own and self.owner_org_id is None:
            raise ValueError("owner_org_id")
        if self.scope == IndicatorScope.central:
            self.owner_org_id = None
        return self


def _parse_indicator(data: dict[str, Any]) -> IndicatorInput:
    try:
        return parse(IndicatorInput, data)
    except ValidationError as error:
        # The cross-field check belongs to no field: put its message beside the field to change.
        bad = error.fields.pop("__all__", None)
        if bad is not None:
            source = data.get("source")
            if source == IndicatorSource.computed and data.get("computation") not in COMPUTATIONS:
                error.fields["computation"] = Message("indicators.data.computation_required")
            else:
                error.fields["owner_org_id"] = Message("indicators.data.owner_required")
        raise


def computation_keys() -> list[str]:
    """The keys a computed indicator may use (registered in `services.indicator_computations`)."""
    return list(COMPUTATIONS)


def _owner_names(session: Session) -> dict[int, str]:
    return dict(session.exec(select(Organisation.id, Organisation.short_name)).all())


def list_indicators(
    *,
    session: Session,
    actor: Actor | None,
    source: str | None = None,
    include_inactive: bool = False,
    organisation_id: int | None = None,
) -> list[IndicatorRow]:
    """Indicators by code. Admins and the council see all; managers the central ones and their own
    administration's; `organisation_id` keeps the central ones and that organisation's own."""
    actor = require_role(actor, Role.admin, Role.council, Role.manager)
    query = select(Indicator)
    if source:
        query = query.where(Indicator.source == source)
    if not include_inactive:
        query = query.where(Indicator.is_active)
    if actor.is_manager:
        organisation_id = actor.organisation_id
    if organisation_id is not None:
        query = query.where(or_(Indicator.scope == IndicatorScope.central, Indicator.owner_org_id == organisation_id))
    owners = _owner_names(session)
    rows = session.exec(query.order_by(Indicator.scope, Indicator.code))
    return [_indicator_row(ind, owners.get(ind.owner_org_id)) for ind in rows]


def reportable_indicators(*, session: Session, actor: Actor | None, organisation_id: int) -> list[IndicatorRow]:
    """The active reported indicators that `organisation_id` reports: central ones and its own."""
    _require_writer(actor, organisation_id)
    rows = list_indicators(session=session, actor=actor, source=IndicatorSource.reported)
    return [r for r in rows if r.scope == IndicatorScope.central or r.owner_org_id == organisation_id]


def _check_unique_code(session: Session, code: str, indicator_id: int | None) -> None:
    query = select(Indicator.id).where(func.upper(Indicator.code) == code.upper())
    if indicator_id is not None:
        query = query.where(Indicator.id != indicator_id)
    if session.exec(query).first() is not None:
        raise ValidationError.single("code", "indicators.data.code_taken", code=code)


def _check_owner(session: Session, owner_org_id: int | None) -> None:
    if owner_org_id is not None and session.get(Organisation, owner_org_id) is None:
        raise ValidationError.single("owner_org_id", "indicators.data.owner_required")


def create_indicator(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> IndicatorRow:
    """A new indicator (admins). Codes are unique, upper-case; a computed one names its computation."""
    actor = require_admin(actor)
    clean = _parse_indicator(data)
    _check_unique_code(session, clean.code, None)
    _check_owner(session, clean.owner_org_id)
    ind = Indicator(**clean.model_dump())
    session.add(ind)
    session.flush()
    audit.record(session, actor, "indicator.created", ENTITY_INDICATOR, ind.id, **clean.model_dump())
    session.commit()
    return _indicator_row(ind, _owner_names(session).get(ind.owner_org_id))


def update_indicator(*, session: Session, actor: Actor | None, indicator_id: int, data: dict[str, Any]) -> IndicatorRow:
    """Change an indicator (admins). A source change is refused once values are reported for it."""
    actor = require_admin(actor)
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound()
    clean = _parse_indicator(data)
    _check_unique_code(session, clean.code, indicator_id)
    _check_owner(session, clean.owner_org_id)
    if clean.source != ind.source and _value_count(session, indicator_id) > 0:
        raise ValidationError.single("source", "indicators.data.source_has_values")
    changes = {k: v for k, v in clean.model_dump().items() if getattr(ind, k) != v}
    if not changes:
        return _indicator_row(ind, _owner_names(session).get(ind.owner_org_id))
    for key, value in changes.items():
        setattr(ind, key, value)
    ind.updated_at = utcnow()
    audit.record(session, actor, "indicator.updated", ENTITY_INDICATOR, ind.id, **changes)
    session.commit()
    return _indicator_row(ind, _owner_names(session).get(ind.owner_org_id))


def _value_count(session: Session, indicator_id: int) -> int:
    return session.exec(select(func.count()).where(IndicatorValue.indicator_id == indicator_id)).one()


# ---------------------------------------------------------------- targets


def list_targets(*, session: Session, actor: Actor | None, indicator_id: int) -> list[TargetRow]:
    """Every target of the indicator, newest year first, region before areas before organisations."""
    require_role(actor, Role.admin, Role.council, Role.manager)
    rows = session.exec(
        select(IndicatorTarget)
        .where(IndicatorTarget.indicator_id == indicator_id)
        .order_by(
            col(IndicatorTarget.year).desc(),
            col(IndicatorTarget.organisation_id).is_not(None),
            col(IndicatorTarget.area_id).is_not(None),
            IndicatorTarget.area_id,
            IndicatorTarget.organisation_id,
        )
    )
    return [TargetRow(t.id, t.indicator_id, t.year, t.area_id, t.organisation_id, t.value) for t in rows]


class TargetInput(BaseModel):
    year: int = Field(ge=2000, le=2100)
    value: float = Field(ge=-MAX_VALUE, le=MAX_VALUE)
    area_id: int | None = None
    organisation_id: int | None = None

    @model_validator(mode="after")
    def _one_level(self) -> TargetInput:
        if self.area_id is not None and self.organisation_id is not None:
            raise ValueError("level")
        return self


def set_target(
    *,
    session: Session,
    actor: Actor | None,
    indicator_id: int,
    year: Any,
    value: Any,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> TargetRow:
    """Set (or change) the target for one year at one level: region, an area or an organisation."""
    actor = require_admin(actor)
    if session.get(Indicator, indicator_id) is None:
        raise NotFound()
    try:
        clean = parse(
            TargetInput,
            {"year": year, "value": value, "area_id": area_id, "organisation_id": organisation_id},
        )
    except ValidationError as error:
        if error.fields.pop("__all__", None) is not None:
            error.fields["organisation_id"] = Message("indicators.data.target_one_level")
        raise
    row = session.exec(
        select(IndicatorTarget).where(
            IndicatorTarget.indicator_id == indicator_id,
            IndicatorTarget.year == clean.year,
            _is(IndicatorTarget.area_id, clean.area_id),
            _is(IndicatorTarget.organisation_id, clean.organisation_id),
        )
    ).first()
    before = row.value if row else None
    if row is None:
        row = IndicatorTarget(indicator_id=indicator_id, **clean.model_dump())
        session.add(row)
    else:
        row.value = clean.value
        row.updated_at = utcnow()
    session.flush()
    audit.record(session, actor, "indicator_target.set", ENTITY_TARGET, row.id, before=before, **clean.model_dump())
    session.commit()
    return TargetRow(row.id, row.indicator_id, row.year, row.area_id, row.organisation_id, row.value)


def delete_target(*, session: Session, actor: Actor | None, target_id: int) -> None:
    """Remove a target (admins); the level above applies again."""
    actor = require_admin(actor)
    row = session.get(IndicatorTarget, target_id)
    if row is None:
        raise NotFound()
    details = {"indicator_id": row.indicator_id, "year": row.year, "value": row.value}
    session.delete(row)
    audit.record(session, actor, "indicator_target.deleted", ENTITY_TARGET, target_id, **details)
    session.commit()


def _is(column: Any, value: int | None) -> Any:
    return col(column).is_(None) if value is None else column == value


# ---------------------------------------------------------------- the target rule
#
# ONE rule, used by the dashboards, Min förvaltning, Rådsläge and the innovationsbokslut:
# - A target is set per year (the year of the period's start) for the region, an area or an
#   organisation, and it is a target per period of the indicator's frequency.
# - Shares, indices and medians: the level's own target, else the wider level's (organisation ->
#   its area -> the region): a 40 % share is a yardstick for every part of the region.
# - Counts and amounts (units "antal" and "SEK", `is_additive`): only the level's own target (the
#   region's count is no yardstick for one area), multiplied by how many of the indicator's periods the
#   span covers (`periods_in`: a year of a quarterly count is held against four times the target, a
#   month against a third of it, the year so far against the share of the year gone).

ADDITIVE_UNITS: frozenset[str] = frozenset({"antal", "SEK"})
TargetKey = tuple[int, int | None, int | None]  # indicator, area, organisation


# The registry's units are Swedish data; the common ones have a name in each language.
UNIT_KEYS: dict[str, str] = {"antal": "annual.unit.count", "dagar": "annual.unit.days", "SEK": "annual.unit.sek"}


def unit_name(unit: str, language: str) -> str:
    """The unit as the reader says it ("dagar" -> "days"); an administration's own unit as typed."""
    key = UNIT_KEYS.get(unit)
    return i18n.t(key, language) if key else unit


def is_additive(unit: str) -> bool:
    """Counts and amounts add up over organisations and periods; shares, indices and medians do not."""
    return unit in ADDITIVE_UNITS


def targets_of_year(session: Session, year: int, indicator_id: int | None = None) -> dict[TargetKey, float]:
    """Every target set for `year` (of one indicator, or all), keyed by (indicator, area, organisation)."""
    stmt = select(IndicatorTarget).where(IndicatorTarget.year == year)
    if indicator_id is not None:
        stmt = stmt.where(IndicatorTarget.indicator_id == indicator_id)
    return {(r.indicator_id, r.area_id, r.organisation_id): float(r.value) for r in session.exec(stmt).all()}


def pick_target(
    targets: dict[TargetKey, float],
    indicator_id: int,
    *,
    additive: bool,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The per-period target the rule above picks from `targets` (of one year) for this level.

    For an organisation pass its area too, so that a share can fall back to the area's target.
    """
    chain: list[tuple[int | None, int | None]] = []
    if organisation_id is not None:
        chain.append((None, organisation_id))
    if area_id is not None:
        chain.append((area_id, None))
    chain.append((None, None))
    for area, org in chain[:1] if additive else chain:
        if (indicator_id, area, org) in targets:
            return targets[(indicator_id, area, org)]
    return None


def target_for(
    session: Session,
    indicator_id: int,
    year: int,
    *,
    additive: bool = False,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The per-period target that applies in `year` at this level by the rule above (None: none set).

    An organisation's area is looked up when not given. Targets are aggregates: every logged-in role
    may read them.
    """
    if organisation_id is not None and area_id is None:
        area_id = session.exec(select(Organisation.area_id).where(Organisation.id == organisation_id)).first()
    targets = targets_of_year(session, year, indicator_id)
    return pick_target(targets, indicator_id, additive=additive, area_id=area_id, organisation_id=organisation_id)


def target_met(direction: str, value: float | None, target: float | None) -> bool | None:
    """True when the value reaches the target in the indicator's direction; None without both."""
    if value is None or target is None:
        return None
    return value <= target if direction == "down" else value >= target


def scale_target(target: float | None, *, unit: str, frequency: str, start: date, end: date) -> float | None:
    """A per-period target held against the span start..end: counts and amounts times the periods."""
    if target is None or not is_additive(unit):
        return target
    return round(target * periods_in(frequency, start, end), 1)


def period_target(
    session: Session,
    indicator_id: int,
    *,
    unit: str,
    frequency: str,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The target for the span start..end (its start's year) at this level, by the rule above."""
    additive = is_additive(unit)
    target = target_for(
        session, indicator_id, start.year, additive=additive, area_id=area_id, organisation_id=organisation_id
    )
    return scale_target(target, unit=unit, frequency=frequency, start=start, end=end)


# ---------------------------------------------------------------- reported values: reading


def _require_writer(actor: Actor | None, organisation_id: int) -> Actor:
    """Admins write for every organisation, managers only for their own."""
    actor = require_login(actor)
    if actor.is_admin or actor.manages(organisation_id):
        return actor
    raise PermissionDenied("indicators.data.not_your_organisation")


def _require_value_reader(actor: Actor | None, organisation_id: int | None) -> Actor:
    actor = require_role(actor, Role.admin, Role.council, Role.manager)
    if actor.is_manager and organisation_id != actor.organisation_id:
        raise PermissionDenied("indicators.data.not_your_organisation")
    return actor


def _value_query() -> Any:
    return (
        select(IndicatorValue, Indicator, Organisation.short_name, User.display_name)
        .join(Indicator, IndicatorValue.indicator_id == Indicator.id)
        .join(Organisation, IndicatorValue.organisation_id == Organisation.id)
        .join(User, IndicatorValue.entered_by_id == User.id, isouter=True)
    )


def _value_row(value: IndicatorValue, ind: Indicator, org: str, entered_by: str | None) -> ValueRow:
    return ValueRow(
        value.id,
        ind.id,
        ind.code,
        ind.name_sv,
        ind.name_en,
        ind.unit,
        value.organisation_id,
        org,
        value.period_start,
        value.value,
        value.status,
        value.note,
        entered_by,
        value.submitted_at,
        value.reviewed_at,
        ind.frequency,
    )


def list_values(
    *,
    session: Session,
    actor: Actor | None,
    organisation_id: int,
    indicator_id: int | None = None,
    year: int | None = None,
    status: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[ValueRow]:
    """An organisation's reported values, newest period first; managers only their own organisation."""
    _require_value_reader(actor, organisation_id)
    query = _value_query().where(IndicatorValue.organisation_id == organisation_id)
    if indicator_id is not None:
        query = query.where(IndicatorValue.indicator_id == indicator_id)
    if year is not None:
        query = query.where(
            IndicatorValue.period_start >= date(year, 1, 1), IndicatorValue.period_start <= date(year, 12, 31)
        )
    if status:
        query = query.where(IndicatorValue.status == status)
    return _paged(session, query, page, page_size, col(IndicatorValue.period_start).desc(), Indicator.code)


def _paged(session: Session, query: Any, page: int, page_size: int, *order: Any) -> Page[ValueRow]:
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(query.order_by(*order, IndicatorValue.id).offset(offset).limit(limit))
    return Page([_value_row(*r) for r in rows], total, page, page_size)


def review_queue(
    *,
    session: Session,
    actor: Actor | None,
    organisation_id: int | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[ValueRow]:
    """Submitted values waiting for an admin (of one organisation, if given), oldest submission first.

    The page's ids are found on `indicatorvalue` alone, through its (indicator, status) index, and only
    those rows are joined to their names: with a million approved values a joined filter would scan.
    """
    require_admin(actor)
    where = [
        IndicatorValue.status == ValueStatus.submitted,
        col(IndicatorValue.indicator_id).in_(select(Indicator.id)),  # lets SQLite use the index
    ]
    if organisation_id is not None:
        where.append(IndicatorValue.organisation_id == organisation_id)
    total = session.exec(select(func.count()).select_from(IndicatorValue).where(*where)).one()
    offset, limit = page_bounds(page, page_size)
    ids = session.exec(
        select(IndicatorValue.id)
        .where(*where)
        .order_by(IndicatorValue.submitted_at, IndicatorValue.id)
        .offset(offset)
        .limit(limit)
    ).all()
    rows = session.exec(
        _value_query().where(col(IndicatorValue.id).in_(ids)).order_by(IndicatorValue.submitted_at, IndicatorValue.id)
    )
    return Page([_value_row(*r) for r in rows], total, page, page_size)


def queue_size(*, session: Session, actor: Actor | None) -> int:
    require_admin(actor)
    return session.exec(select(func.count()).where(IndicatorValue.status == ValueStatus.submitted)).one()


@dataclass(frozen=True)
class SheetRow:
    """One period of the reporting sheet: what is stored for it, if anything."""

    period_start: date
    period_end: date
    value_id: int | None
    value: float | None
    status: str | None
    note: str | None


def reporting_sheet(
    *, session: Session, actor: Actor | None, indicator_id: int, organisation_id: int, year: int
) -> list[SheetRow]:
    """Every period of the year for one indicator and organisation, with the stored value if any."""
    _require_writer(actor, organisation_id)
    ind = _reportable(session, indicator_id, organisation_id)
    starts = period_starts(ind.frequency, year)
    stored = {
        v.period_start: v
        for v in session.exec(
            select(IndicatorValue).where(
                IndicatorValue.indicator_id == indicator_id,
                IndicatorValue.organisation_id == organisation_id,
                IndicatorValue.period_start >= starts[0],
                IndicatorValue.period_start <= date(year, 12, 31),
            )
        )
    }
    rows = []
    for start in starts:
        v = stored.get(start)
        rows.append(
            SheetRow(
                start,
                period_end(ind.frequency, start),
                v.id if v else None,
                v.value if v else None,
                v.status if v else None,
                v.note if v else None,
            )
        )
    return rows


# ---------------------------------------------------------------- reported values: writing


class ValueInput(BaseModel):
    value: float = Field(ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False)
    note: str | None = Field(default=None, max_length=2000)

    _clean = field_validator("note", mode="before")(clean_text)

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return parse_number(value) if isinstance(value, str) else value


def parse_number(text: str) -> float | str:
    """A number as people type it: "1 234,5", "1234.5", "12". Anything else is returned unchanged so
    that validation names it."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return text


def _reportable(session: Session, indicator_id: int, organisation_id: int) -> Indicator:
    """The indicator, if `organisation_id` may report values for it."""
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound()
    if ind.source != IndicatorSource.reported:
        raise InvalidTransition("indicators.data.computed_not_reported", code=ind.code)
    if ind.scope == IndicatorScope.own and ind.owner_org_id != organisation_id:
        raise PermissionDenied("indicators.data.own_of_other", code=ind.code)
    if not ind.is_active:
        raise InvalidTransition("indicators.data.inactive", code=ind.code)
    return ind


def save_value(
    *,
    session: Session,
    actor: Actor | None,
    indicator_id: int,
    organisation_id: int,
    period_start: date,
    value: Any,
    note: Any = None,
    submit: bool = False,
) -> ValueRow:
    """Store a value for one period as a draft, or submit it for approval (`submit=True`).

    Refused: another organisation than the manager's own, a computed or another administration's
    indicator, a date that does not open a period, a future period, a frozen year, an approved value
    (an admin returns it first).
    """
    actor = _require_writer(actor, organisation_id)
    ind = _reportable(session, indicator_id, organisation_id)
    row = _store(session, actor, ind, organisation_id, period_start, value, note, submit)
    session.commit()
    return _load_value(session, row.id)


@dataclass(frozen=True)
class Entry:
    """One period's value as typed in the reporting table."""

    period_start: date
    value: Any
    note: Any = None


def save_sheet(
    *,
    session: Session,
    actor: Actor | None,
    indicator_id: int,
    organisation_id: int,
    entries: list[Entry],
    submit: bool = False,
) -> int:
    """Store several periods of one indicator at once, all or none, as drafts or submitted.

    A refusal is a `ValidationError` whose fields are the periods (ISO dates) with what is wrong with
    each; nothing is written then. Returns how many values were stored.
    """
    actor = _require_writer(actor, organisation_id)
    ind = _reportable(session, indicator_id, organisation_id)
    problems: dict[str, Any] = {}
    for entry in entries:
        try:
            _store(session, actor, ind, organisation_id, entry.period_start, entry.value, entry.note, submit)
        except ValidationError as error:
            problems[entry.period_start.isoformat()] = next(iter(error.fields.values()), error.message)
        except (InvalidTransition, PermissionDenied) as error:
            problems[entry.period_start.isoformat()] = error.message
    if problems:
        session.rollback()
        raise ValidationError(problems)
    session.commit()
    return len(entries)


def _store(
    session: Session,
    actor: Actor,
    ind: Indicator,
    organisation_id: int,
    period_start: date,
    value: Any,
    note: Any,
    submit: bool,
) -> IndicatorValue:
    """Check and write one value with its audit entry; the caller commits."""
    if not is_period_start(ind.frequency, period_start):
        raise ValidationError.single("period_start", f"indicators.data.period_not_{ind.frequency}")
    if period_start > date.today():
        raise ValidationError.single("period_start", "indicators.data.period_future")
    clean = parse(ValueInput, {"value": value, "note": note})
    _refuse_frozen(session, period_start.year)
    row = session.exec(
        select(IndicatorValue).where(
            IndicatorValue.indicator_id == ind.id,
            IndicatorValue.organisation_id == organisation_id,
            IndicatorValue.period_start == period_start,
        )
    ).first()
    if row is not None and row.status not in EDITABLE:
        raise InvalidTransition("indicators.data.already_approved")
    status = ValueStatus.submitted if submit else ValueStatus.draft
    before = None if row is None else {"value": row.value, "status": row.status}
    if row is None:
        row = IndicatorValue(indicator_id=ind.id, organisation_id=organisation_id, period_start=period_start)
        session.add(row)
    row.value = clean.value
    row.note = clean.note
    row.status = status
    row.entered_by_id = actor.id
    row.submitted_at = utcnow() if submit else None
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "indicator_value.submitted" if submit else "indicator_value.saved",
        ENTITY_VALUE,
        row.id,
        indicator=ind.code,
        organisation_id=organisation_id,
        period_start=period_start,
        value=clean.value,
        before=before,
    )
    return row


def _load_value(session: Session, value_id: int) -> ValueRow:
    found = session.exec(_value_query().where(IndicatorValue.id == value_id)).first()
    if found is None:
        raise NotFound()
    return _value_row(*found)


def _move(
    session: Session,
    actor: Actor,
    value_id: int,
    allowed_from: tuple[str, ...],
    to: ValueStatus,
    action: str,
    note: str | None = None,
) -> ValueRow:
    row = session.get(IndicatorValue, value_id)
    if row is None:
        raise NotFound()
    if not actor.is_admin and not actor.manages(row.organisation_id):
        raise PermissionDenied("indicators.data.not_your_organisation")
    if row.status not in allowed_from:
        raise InvalidTransition("indicators.data.wrong_status", status=row.status)
    _refuse_frozen(session, row.period_start.year)
    before = row.status
    row.status = to
    row.updated_at = utcnow()
    if to == ValueStatus.submitted:
        row.submitted_at = utcnow()
    else:
        row.reviewed_by_id = actor.id
        row.reviewed_at = utcnow()
    if note is not None:
        row.note = note
    audit.record(session, actor, action, ENTITY_VALUE, row.id, before=before, after=to.value, note=note)
    session.commit()
    return _load_value(session, row.id)


def submit_value(*, session: Session, actor: Actor | None, value_id: int) -> ValueRow:
    """Send a draft or returned value for approval (the reporter or an admin)."""
    actor = require_login(actor)
    return _move(
        session,
        actor,
        value_id,
        (ValueStatus.draft, ValueStatus.returned),
        ValueStatus.submitted,
        "indicator_value.submitted",
    )


def approve_value(*, session: Session, actor: Actor | None, value_id: int) -> ValueRow:
    """Approve a submitted value (admins): from now on it counts in dashboards."""
    actor = require_admin(actor)
    return _move(session, actor, value_id, (ValueStatus.submitted,), ValueStatus.approved, "indicator_value.approved")


def return_value(*, session: Session, actor: Actor | None, value_id: int, note: Any) -> ValueRow:
    """Send a submitted or approved value back to the reporter with a note saying why (required)."""
    actor = require_admin(actor)
    text = clean_text(note) if isinstance(note, str) else None
    if not text:
        raise ValidationError.single("note", "indicators.data.return_note_required")
    if len(text) > 2000:
        raise ValidationError.single("note", "errors.too_long", max_length=2000)
    return _move(
        session,
        actor,
        value_id,
        (ValueStatus.submitted, ValueStatus.approved),
        ValueStatus.returned,
        "indicator_value.returned",
        note=text,
    )


# ---------------------------------------------------------------- what waits for a manager


@dataclass(frozen=True)
class MissingPeriod:
    indicator_id: int
    code: str
    name_sv: str
    name_en: str
    period_start: date
    period_end: date
    status: str | None  # draft or returned when something is stored but not yet submitted

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv


def unreported_periods(
    *, session: Session, actor: Actor | None, organisation_id: int, today: date, months_back: int = 12
) -> list[MissingPeriod]:
    """Periods that ended within the last `months_back` months and whose value is not yet submitted
    (nothing stored, or a draft or a returned value), per reportable indicator, oldest first."""
    indicators = reportable_indicators(session=session, actor=actor, organisation_id=organisation_id)
    if not indicators:
        return []
    window_start = _months_before(today, months_back)
    stored = {
        (i, p): s
        for i, p, s in session.exec(
            select(IndicatorValue.indicator_id, IndicatorValue.period_start, IndicatorValue.status).where(
                IndicatorValue.organisation_id == organisation_id,
                col(IndicatorValue.indicator_id).in_([r.id for r in indicators]),
                IndicatorValue.period_start >= date(window_start.year - 1, 1, 1),
            )
        )
    }
    frozen = frozen_years(session)
    missing = []
    for ind in indicators:
        for year in range(window_start.year - 1, today.year + 1):
            if year in frozen:
                continue
            for start in period_starts(ind.frequency, year):
                end = period_end(ind.frequency, start)
                status = stored.get((ind.id, start))
                if end < today and end >= window_start and status not in REPORTED:
                    missing.append(MissingPeriod(ind.id, ind.code, ind.name_sv, ind.name_en, start, end, status))
    return sorted(missing, key=lambda m: (m.period_start, m.code))


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)

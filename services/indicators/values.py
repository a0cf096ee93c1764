"""Reported indicator values with their review, and what waits for a reporting manager.

What callers may rely on:
- A reported value moves draft -> submitted -> approved, or submitted/approved -> returned (with a
  note the reporter reads) -> draft/submitted again. Only approved values count in dashboards
  (`services.indicators.dashboard`).
- Managers write values only for their own organisation, admins for every one; only reported
  indicators take values, and an administration's own indicator only from that administration.
- A share weighted by numerator and denominator (`Weighting.ratio`) takes both, never a bare
  percentage: the value is stored as 100 * numerator / denominator beside them, so that an area's share
  is Σ numerators / Σ denominators (`services.indicators.aggregation`).
- A year whose region-wide innovationsbokslut is frozen (`AnnualReport` without organisation, with
  `frozen_at`) takes no new or changed values: the published figures stay as published.
- Every write leaves an audit entry in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    Aggregation,
    Frequency,
    Indicator,
    IndicatorScope,
    IndicatorSource,
    IndicatorValue,
    Organisation,
    Role,
    User,
    ValueStatus,
    Weighting,
    utcnow,
)
from services.indicators.periods import (
    FIRST_YEAR,
    frozen_years,
    is_period_start,
    period_end,
    period_starts,
    refuse_frozen,
)
from services.indicators.registry import IndicatorRow, list_indicators
from services.indicators.targets import MAX_VALUE
from services.people.auth import Actor, require_admin, require_login, require_role
from services.shared import audit
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from services.shared.history import today as stockholm_today
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text, number_field, number_from_text, parse

# Statuses in which a reporter may still change the value.
EDITABLE: frozenset[str] = frozenset({ValueStatus.draft, ValueStatus.returned, ValueStatus.submitted})
# Values that no longer wait for the reporter (counted as reported).
REPORTED: tuple[str, ...] = (ValueStatus.submitted.value, ValueStatus.approved.value)
ENTITY_VALUE = "indicator_value"


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
    numerator: float | None = None
    denominator: float | None = None

    def indicator_name(self, language: str) -> str:
        return self.indicator_name_en if language == "en" else self.indicator_name_sv


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
        value.numerator,
        value.denominator,
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
    where = _waiting()
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
    """How many submitted values wait for an admin (Rapportera värden's tab label, at every run)."""
    require_admin(actor)
    return session.exec(select(func.count()).select_from(IndicatorValue).where(*_waiting())).one()


def _waiting() -> list[Any]:
    """Submitted values, found through the (indicator, status) index: filtered on status alone, SQLite
    read the whole index (a million values: 30 ms at every run of the page)."""
    return [
        IndicatorValue.status == ValueStatus.submitted,
        col(IndicatorValue.indicator_id).in_(select(Indicator.id)),  # lets SQLite use the index
    ]


@dataclass(frozen=True)
class SheetRow:
    """One period of the reporting sheet: what is stored for it, if anything."""

    period_start: date
    period_end: date
    value_id: int | None
    value: float | None
    status: str | None
    note: str | None
    numerator: float | None = None
    denominator: float | None = None


def takes_ratio(indicator: Any) -> bool:
    """True for a share reported as numerator and denominator (not as a bare percentage)."""
    return indicator.aggregation == Aggregation.share and indicator.weighting == Weighting.ratio


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
                v.numerator if v else None,
                v.denominator if v else None,
            )
        )
    return rows


# ---------------------------------------------------------------- reported values: writing


class ValueInput(BaseModel):
    value: float = Field(ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False)
    note: str | None = Field(default=None, max_length=2000)

    _clean = field_validator("note", mode="before")(clean_text)

    _number = field_validator("value", mode="before")(number_field)


class RatioInput(BaseModel):
    """A share's numerator and denominator (e.g. employees trained, employees): the value follows."""

    numerator: float = Field(ge=0, le=MAX_VALUE, allow_inf_nan=False)
    denominator: float = Field(gt=0, le=MAX_VALUE, allow_inf_nan=False)
    note: str | None = Field(default=None, max_length=2000)

    _clean = field_validator("note", mode="before")(clean_text)

    _number = field_validator("numerator", "denominator", mode="before")(number_field)

    @property
    def value(self) -> float:
        return round(100.0 * self.numerator / self.denominator, 4)


def _parse_value(ind: Indicator, value: Any, note: Any, numerator: Any, denominator: Any) -> ValueInput | RatioInput:
    """The typed value, or for a ratio share its numerator and denominator (a numerator above the
    denominator is no share)."""
    if not takes_ratio(ind):
        return parse(ValueInput, {"value": value, "note": note})
    clean = parse(RatioInput, {"numerator": numerator, "denominator": denominator, "note": note})
    if clean.numerator > clean.denominator:
        raise ValidationError.single("numerator", "indicators.data.numerator_above_denominator")
    return clean


def parse_number(text: str) -> float | str:
    """A number as people type it: "1 234,5", "1234.5", "12" (see `number_from_text`). Anything else is
    returned unchanged so that validation names it."""
    number = number_from_text(text)
    return text if number is None else number


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
    value: Any = None,
    note: Any = None,
    submit: bool = False,
    numerator: Any = None,
    denominator: Any = None,
) -> ValueRow:
    """Store a value for one period as a draft, or submit it for approval (`submit=True`). A ratio
    share takes `numerator` and `denominator` instead of `value`.

    Refused: another organisation than the manager's own, a computed or another administration's
    indicator, a date that does not open a period, a future period, a frozen year, an approved value
    (an admin returns it first).
    """
    actor = _require_writer(actor, organisation_id)
    ind = _reportable(session, indicator_id, organisation_id)
    row = _store(session, actor, ind, organisation_id, period_start, (value, numerator, denominator), note, submit)
    session.commit()
    return _load_value(session, row.id)


@dataclass(frozen=True)
class Entry:
    """One period's value as typed in the reporting table."""

    period_start: date
    value: Any
    note: Any = None
    numerator: Any = None
    denominator: Any = None


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
            typed = (entry.value, entry.numerator, entry.denominator)
            _store(session, actor, ind, organisation_id, entry.period_start, typed, entry.note, submit)
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
    typed: tuple[Any, Any, Any],
    note: Any,
    submit: bool,
) -> IndicatorValue:
    """Check and write one value (value, numerator, denominator as typed) with its audit entry; the
    caller commits."""
    if not is_period_start(ind.frequency, period_start):
        raise ValidationError.single("period_start", f"indicators.data.period_not_{ind.frequency}")
    if period_start > stockholm_today():
        raise ValidationError.single("period_start", "indicators.data.period_future")
    if period_start.year < FIRST_YEAR:
        raise ValidationError.single("period_start", "indicators.data.period_too_early", first=FIRST_YEAR)
    clean = _parse_value(ind, typed[0], note, typed[1], typed[2])
    ratio = isinstance(clean, RatioInput)
    refuse_frozen(session, period_start.year)
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
    row.numerator = clean.numerator if ratio else None
    row.denominator = clean.denominator if ratio else None
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
        **({"numerator": clean.numerator, "denominator": clean.denominator} if ratio else {}),
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
    refuse_frozen(session, row.period_start.year)
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
    if to == ValueStatus.returned:
        from services.indicators import notices  # notices reads this module's periods

        notices.returned(session, row, note or "")
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


def reportable_indicators(*, session: Session, actor: Actor | None, organisation_id: int) -> list[IndicatorRow]:
    """The active reported indicators that `organisation_id` reports: central ones and its own."""
    _require_writer(actor, organisation_id)
    rows = list_indicators(session=session, actor=actor, source=IndicatorSource.reported)
    return [r for r in rows if r.scope == IndicatorScope.central or r.owner_org_id == organisation_id]

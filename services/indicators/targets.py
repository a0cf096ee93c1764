"""Targets per year for the region, an area or an organisation, and the ONE target rule every page uses.

What callers may rely on:
- `period_target(...)` / `target_for(...)` / `pick_target(...)` apply the rule described below, by the
  indicator's aggregation rule: shares and levels fall back organisation -> area -> region; flows and
  stocks take their own level's target only; only flows are scaled to the span.
- Admins set and delete every target; a manager those of their organisation's own indicators, at their
  organisation's level. Every logged-in role may read them (they are aggregates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlmodel import Session, col, select

import i18n
from models import (
    Indicator,
    IndicatorScope,
    IndicatorTarget,
    Organisation,
    Role,
    utcnow,
)
from services.indicators.aggregation import is_scaled, is_summed
from services.indicators.periods import periods_in
from services.people.auth import Actor, require_role
from services.shared import audit
from services.shared.errors import Message, NotFound, PermissionDenied, ValidationError
from services.shared.validation import number_field, parse

ENTITY_TARGET = "indicator_target"
MAX_VALUE = 1e12


@dataclass(frozen=True)
class TargetRow:
    id: int
    indicator_id: int
    year: int
    area_id: int | None
    organisation_id: int | None
    value: float


# ---------------------------------------------------------------- targets


def list_targets(*, session: Session, actor: Actor | None, indicator_id: int) -> list[TargetRow]:
    """Every target of the indicator, newest year first, region before areas before organisations.

    Of an indicator the reader may see (as in the register): a manager gets no targets of another
    administration's own indicator, just `NotFound`."""
    actor = require_role(actor, Role.admin, Role.council, Role.manager)
    indicator = session.get(Indicator, indicator_id)
    if indicator is None or (
        actor.is_manager and indicator.scope == IndicatorScope.own and indicator.owner_org_id != actor.organisation_id
    ):
        raise NotFound()
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

    _number = field_validator("value", mode="before")(number_field)

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
    """Set (or change) the target for one year at one level: region, an area or an organisation.

    A manager sets only their own indicators' targets, and only for their own organisation."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotFound()
    actor = _require_target_writer(actor, indicator, area_id, organisation_id)
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
    """Remove a target (admins; a manager their own indicators' own-level ones); the level above applies again."""
    row = session.get(IndicatorTarget, target_id)
    if row is None:
        raise NotFound()
    indicator = session.get(Indicator, row.indicator_id)
    actor = _require_target_writer(actor, indicator, row.area_id, row.organisation_id)
    details = {"indicator_id": row.indicator_id, "year": row.year, "value": row.value}
    session.delete(row)
    audit.record(session, actor, "indicator_target.deleted", ENTITY_TARGET, target_id, **details)
    session.commit()


def _require_target_writer(
    actor: Actor | None, indicator: Indicator | None, area_id: int | None, organisation_id: int | None
) -> Actor:
    """Admins write every target; a manager their own organisation's own indicators' targets, at their
    organisation's level (not the region's or an area's)."""
    actor = require_role(actor, Role.admin, Role.manager)
    if actor.is_admin:
        return actor
    own = (
        indicator is not None
        and indicator.scope == IndicatorScope.own
        and actor.manages(indicator.owner_org_id)
        and area_id is None
        and organisation_id == actor.organisation_id
    )
    if not own:
        raise PermissionDenied("indicators.data.own_targets_only")
    return actor


def _is(column: Any, value: int | None) -> Any:
    return col(column).is_(None) if value is None else column == value


# ---------------------------------------------------------------- the target rule
#
# ONE rule, used by the dashboards, Min förvaltning, Rådsläge and the innovationsbokslut, following the
# indicator's aggregation rule (`services.indicators.aggregation`):
# - A target is set per year (the year of the period's start) for the region, an area or an
#   organisation, and it is a target per period of the indicator's frequency.
# - Shares and levels: the level's own target, else the wider level's (organisation -> its area -> the
#   region): a 40 % share is a yardstick for every part of the region.
# - Flows and stocks add up over organisations: only the level's own target counts (the region's count
#   is no yardstick for one area).
# - Only a flow is scaled to the span (`periods_in`: a year of a quarterly flow is held against four
#   times the target, a month against a third of it); a stock's year target is the level to stand at
#   the year's end, not four quarterly targets added; a share's or level's is as set.

TargetKey = tuple[int, int | None, int | None]  # indicator, area, organisation


# The registry's units are Swedish data; the common ones have a name in each language.
UNIT_KEYS: dict[str, str] = {"antal": "annual.unit.count", "dagar": "annual.unit.days", "SEK": "annual.unit.sek"}


def unit_name(unit: str, language: str) -> str:
    """The unit as the reader says it ("dagar" -> "days"); an administration's own unit as typed."""
    key = UNIT_KEYS.get(unit)
    return i18n.t(key, language) if key else unit


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
    aggregation: str,
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
    for area, org in chain[:1] if is_summed(aggregation) else chain:
        if (indicator_id, area, org) in targets:
            return targets[(indicator_id, area, org)]
    return None


def target_for(
    session: Session,
    indicator_id: int,
    year: int,
    *,
    aggregation: str,
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
    return pick_target(targets, indicator_id, aggregation=aggregation, area_id=area_id, organisation_id=organisation_id)


def target_met(direction: str, value: float | None, target: float | None) -> bool | None:
    """True when the value reaches the target in the indicator's direction; None without both."""
    if value is None or target is None:
        return None
    return value <= target if direction == "down" else value >= target


def scale_target(target: float | None, *, aggregation: str, frequency: str, start: date, end: date) -> float | None:
    """A per-period target held against the span start..end: a flow's times the periods, others as set."""
    if target is None or not is_scaled(aggregation):
        return target
    return round(target * periods_in(frequency, start, end), 1)


def period_target(
    session: Session,
    indicator_id: int,
    *,
    aggregation: str,
    frequency: str,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The target for the span start..end (its start's year) at this level, by the rule above."""
    target = target_for(
        session, indicator_id, start.year, aggregation=aggregation, area_id=area_id, organisation_id=organisation_id
    )
    return scale_target(target, aggregation=aggregation, frequency=frequency, start=start, end=end)

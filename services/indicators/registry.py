"""The indicator registry: central indicators and administrations' own, computed or reported.

What callers may rely on:
- Codes are unique and upper-case; a computed indicator names a registered computation
  (`services.indicators.computed.COMPUTATIONS`); an own indicator names its administration.
- Admins and the council read every indicator, managers the central ones and their own administration's.
- Admins create and change every indicator; a manager creates and changes their own administration's
  own indicators only (`scope='own'`, owned by their organisation): "Nämnder och bolag kan även fastställa
  egna indikatorer". `may_edit` says which.
- Every indicator has an aggregation rule (`services.indicators.aggregation`): a computed one takes its
  computation's; a reported one states its own (shares weighted by numerator/denominator or staff,
  levels by staff or equally). Changing the rule of an indicator with reported values needs
  `confirm_rule_change=True` (the figures are counted anew) and is audited as `indicator.rule_changed`.
- A source change is refused once values are reported for the indicator; every write is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import func, or_
from sqlmodel import Session, select

from models import (
    Aggregation,
    Direction,
    Frequency,
    Indicator,
    IndicatorScope,
    IndicatorSource,
    IndicatorValue,
    Organisation,
    Role,
    Weighting,
    utcnow,
)
from services.indicators.aggregation import WEIGHTINGS, default_rule
from services.indicators.computed import COMPUTATIONS
from services.people.auth import Actor, require_role
from services.shared import audit
from services.shared.errors import Message, NotFound, PermissionDenied, ValidationError
from services.shared.validation import clean_text, fail, parse

CODE_PATTERN = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9_-]{1,29}$")
ENTITY_INDICATOR = "indicator"


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
    aggregation: str = Aggregation.flow
    weighting: str | None = None

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv


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
        ind.aggregation,
        ind.weighting,
    )


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
    aggregation: Aggregation | None = None
    weighting: Weighting | None = None

    _clean = field_validator("code", "name_sv", "name_en", "unit", "computation", mode="before")(clean_text)

    @field_validator("aggregation", "weighting", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> Any:
        return (clean_text(value) or "") if isinstance(value, str) or value is None else value

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
        clean = parse(IndicatorInput, data)
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
    _settle_rule(clean)
    return clean


def _settle_rule(clean: IndicatorInput) -> None:
    """A computed indicator takes its computation's rule; a reported one its own, with a weighting that
    fits it (flows and stocks none, shares ratio or staff, levels equal or staff; the first by default)."""
    if clean.source == IndicatorSource.computed:
        clean.aggregation, clean.weighting = default_rule(clean.unit, clean.computation)
        return
    if clean.aggregation is None:
        clean.aggregation, default_weighting = default_rule(clean.unit)
        clean.weighting = clean.weighting or default_weighting
    allowed = WEIGHTINGS[clean.aggregation]
    if clean.weighting is None:
        clean.weighting = allowed[0]
    elif clean.weighting not in allowed:
        if allowed == (None,):
            clean.weighting = None  # a flow or a stock is summed: a weighting means nothing to it
        else:
            raise ValidationError.single("weighting", f"indicators.data.weighting_for_{clean.aggregation}")


def computation_keys() -> list[str]:
    """The keys a computed indicator may use (registered in `services.indicators.computed`)."""
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


def may_edit(actor: Actor | None, owner_org_id: int | None, scope: str) -> bool:
    """Admins edit every indicator; a manager their own organisation's own ones."""
    if actor is None:
        return False
    return actor.is_admin or (scope == IndicatorScope.own and actor.manages(owner_org_id))


def _require_editor(actor: Actor | None, owner_org_id: int | None, scope: str) -> Actor:
    actor = require_role(actor, Role.admin, Role.manager)
    if not may_edit(actor, owner_org_id, scope):
        raise PermissionDenied("indicators.data.own_indicators_only")
    return actor


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
    """A new indicator: admins any, a manager their own organisation's own one. Codes are unique,
    upper-case; a computed one names its computation."""
    actor = require_role(actor, Role.admin, Role.manager)
    if actor.is_manager:  # a manager's new indicator is their administration's own
        data = {**data, "scope": IndicatorScope.own, "owner_org_id": actor.organisation_id}
    clean = _parse_indicator(data)
    actor = _require_editor(actor, clean.owner_org_id, clean.scope)
    _check_unique_code(session, clean.code, None)
    _check_owner(session, clean.owner_org_id)
    ind = Indicator(**clean.model_dump())
    session.add(ind)
    session.flush()
    audit.record(session, actor, "indicator.created", ENTITY_INDICATOR, ind.id, **clean.model_dump())
    session.commit()
    return _indicator_row(ind, _owner_names(session).get(ind.owner_org_id))


def update_indicator(
    *,
    session: Session,
    actor: Actor | None,
    indicator_id: int,
    data: dict[str, Any],
    confirm_rule_change: bool = False,
) -> IndicatorRow:
    """Change an indicator (admins any, a manager their own organisation's own ones, which stay theirs).
    A source change is refused once values are reported for it; a rule change then needs
    `confirm_rule_change` (refused with the number of values otherwise)."""
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound()
    actor = _require_editor(actor, ind.owner_org_id, ind.scope)
    if actor.is_manager:
        data = {**data, "scope": IndicatorScope.own, "owner_org_id": ind.owner_org_id}
    if not data.get("aggregation"):  # a form that does not speak of the rule keeps it
        data = {**data, "aggregation": ind.aggregation, "weighting": data.get("weighting") or ind.weighting}
    clean = _parse_indicator(data)
    _check_unique_code(session, clean.code, indicator_id)
    _check_owner(session, clean.owner_org_id)
    reported = _value_count(session, indicator_id)
    if clean.source != ind.source and reported > 0:
        raise ValidationError.single("source", "indicators.data.source_has_values")
    rule_before = {"aggregation": ind.aggregation, "weighting": ind.weighting}
    rule_after = {"aggregation": clean.aggregation, "weighting": clean.weighting}
    rule_changed = rule_before != rule_after
    if rule_changed and reported > 0 and not confirm_rule_change:
        raise ValidationError.single("aggregation", "indicators.data.rule_change_confirm", n=reported)
    changes = {k: v for k, v in clean.model_dump().items() if getattr(ind, k) != v}
    if not changes:
        return _indicator_row(ind, _owner_names(session).get(ind.owner_org_id))
    for key, value in changes.items():
        setattr(ind, key, value)
    ind.updated_at = utcnow()
    audit.record(session, actor, "indicator.updated", ENTITY_INDICATOR, ind.id, **changes)
    if rule_changed:
        audit.record(
            session,
            actor,
            "indicator.rule_changed",
            ENTITY_INDICATOR,
            ind.id,
            before=rule_before,
            after=rule_after,
            values=reported,
        )
    session.commit()
    return _indicator_row(ind, _owner_names(session).get(ind.owner_org_id))


def _value_count(session: Session, indicator_id: int) -> int:
    return session.exec(select(func.count()).where(IndicatorValue.indicator_id == indicator_id)).one()

"""Areas and organisations: the region's structure, and who leads innovation where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, select

from models import Area, InnovationLeadChange, Organisation, OrganisationKind, User, utcnow
from services.people.auth import Actor, require_admin
from services.shared import audit, history
from services.shared.errors import NotFound, ValidationError
from services.shared.validation import clean_text, parse


@dataclass(frozen=True)
class AreaRow:
    id: int
    code: str
    name_sv: str
    name_en: str
    colour: str

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    kind: str
    area_id: int
    area_code: str
    innovation_lead_id: int | None
    innovation_lead: str | None
    lead_certified_on: date | None
    staff_count: int | None = None


def list_areas(*, session: Session) -> list[AreaRow]:
    """Every core area in display order. Public: area names are no secret."""
    rows = session.exec(select(Area).order_by(Area.sort_order, Area.id))
    return [AreaRow(a.id, a.code, a.name_sv, a.name_en, a.colour) for a in rows]


def area_by_code(*, session: Session, code: str) -> AreaRow | None:
    """The core area with this code (`health`, `transport`, ...), or None. Public, like `list_areas`."""
    a = session.exec(select(Area).where(Area.code == code)).first()
    return None if a is None else AreaRow(a.id, a.code, a.name_sv, a.name_en, a.colour)


def list_organisations(*, session: Session, area_id: int | None = None) -> list[OrganisationRow]:
    """Every organisation with its area and innovation lead, by name. Public, like the org chart.

    Read as plain rows, not as records: eight pages read the list at every run (1 ms against 2 at the
    region's 150 organisations)."""
    query = (
        select(
            Organisation.id,
            Organisation.name,
            Organisation.short_name,
            Organisation.kind,
            Organisation.area_id,
            Area.code,
            Organisation.innovation_lead_id,
            User.display_name,
            User.certified_innovation_leader_on,
            Organisation.staff_count,
        )
        .join(Area, Organisation.area_id == Area.id)
        .join(User, Organisation.innovation_lead_id == User.id, isouter=True)
    )
    if area_id is not None:
        query = query.where(Organisation.area_id == area_id)
    return [
        OrganisationRow(
            id=id_,
            name=name,
            short_name=short_name,
            kind=kind,
            area_id=in_area,
            area_code=area_code,
            innovation_lead_id=lead_id,
            innovation_lead=lead,
            lead_certified_on=certified,
            staff_count=staff,
        )
        for id_, name, short_name, kind, in_area, area_code, lead_id, lead, certified, staff in session.exec(
            query.order_by(Area.sort_order, Organisation.name)
        )
    ]


MAX_STAFF = 1_000_000


class OrganisationCreate(BaseModel):
    name: str = Field(max_length=200)
    short_name: str = Field(max_length=40)
    kind: OrganisationKind
    area_id: int
    staff_count: int | None = Field(default=None, ge=0, le=MAX_STAFF)

    @field_validator("staff_count", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return _staff(value)

    _clean = field_validator("name", "short_name", mode="before")(clean_text)


def create_organisation(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> Organisation:
    """Add an organisation; admins only. Names and short names are unique."""
    actor = require_admin(actor)
    values = parse(OrganisationCreate, data)
    if session.get(Area, values.area_id) is None:
        raise ValidationError.single("area_id", "errors.not_allowed_value")
    for field in ("name", "short_name"):
        taken = session.exec(
            select(Organisation.id).where(func.lower(getattr(Organisation, field)) == getattr(values, field).lower())
        ).first()
        if taken is not None:
            raise ValidationError.single(field, "organisations.name_taken")
    organisation = Organisation(**values.model_dump())
    session.add(organisation)
    session.flush()
    audit.record(session, actor, "organisation.created", "organisation", organisation.id, **values.model_dump())
    session.commit()
    return organisation


def _staff(value: Any) -> Any:
    """A staff count as typed: blank is unknown, "12 500" is 12500."""
    if isinstance(value, str):
        value = value.replace("\u00a0", "").replace(" ", "").strip()
        return value or None
    return value


class StaffInput(BaseModel):
    staff_count: int | None = Field(default=None, ge=0, le=MAX_STAFF)

    _blank = field_validator("staff_count", mode="before")(_staff)


def set_staff_count(*, session: Session, actor: Actor | None, organisation_id: int, staff_count: Any) -> Organisation:
    """Set how many people an organisation employs (blank: unknown); admins only. It weighs the
    organisation's shares and levels weighted by staff (`services.indicators.aggregation`)."""
    actor = require_admin(actor)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound()
    value = parse(StaffInput, {"staff_count": staff_count}).staff_count
    if organisation.staff_count == value:
        return organisation
    before = organisation.staff_count
    organisation.staff_count = value
    organisation.updated_at = utcnow()
    audit.record(
        session, actor, "organisation.staff_set", "organisation", organisation.id, before=before, staff_count=value
    )
    session.commit()
    return organisation


def set_innovation_lead(
    *, session: Session, actor: Actor | None, organisation_id: int, user_id: int | None
) -> Organisation:
    """Appoint (or remove) an organisation's innovation lead; admins only.

    The lead must be an active user of the same organisation: the strategy asks each organisation to
    appoint its own.
    """
    actor = require_admin(actor)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound()
    if user_id is not None:
        lead = session.get(User, user_id)
        if lead is None or not lead.is_active:
            raise ValidationError.single("innovation_lead_id", "errors.not_allowed_value")
        if lead.organisation_id != organisation.id:
            raise ValidationError.single("innovation_lead_id", "organisations.lead_other_org")
    if organisation.innovation_lead_id == user_id:
        return organisation
    previous = organisation.innovation_lead_id
    organisation.innovation_lead_id = user_id
    organisation.innovation_lead_appointed_on = history.today() if user_id else None
    organisation.updated_at = utcnow()
    # Kept with its day, so that "organisations with a lead" can be counted as they stood at a year's end.
    session.add(
        InnovationLeadChange(
            organisation_id=organisation.id, lead_id=user_id, changed_on=history.today(), actor_id=actor.id
        )
    )
    audit.record(
        session, actor, "organisation.lead_set", "organisation", organisation.id, previous=previous, lead=user_id
    )
    session.commit()
    return organisation

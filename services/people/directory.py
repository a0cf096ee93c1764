"""Vem kan jag fråga?: each organisation's innovation lead and its certified innovation leaders, readable
by everyone logged in, with the lead appointments' history (from `InnovationLeadChange`: an appointment
that ended keeps the day it began and gains the day it ended)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from models import Area, InnovationLeadChange, Organisation, User
from services.people.auth import Actor, require_login
from services.shared.pagination import Page, page_bounds


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    since: date | None


@dataclass(frozen=True)
class Appointment:
    name: str
    began: date
    ended: date | None  # None: still the lead


@dataclass(frozen=True)
class OrganisationContacts:
    id: int
    name: str
    short_name: str
    area_id: int
    lead: Person | None
    certified: list[Person] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)


def appointments(session: Session, organisation_ids: list[int]) -> dict[int, list[Appointment]]:
    """Each organisation's lead appointments, newest first: a change to someone begins one, the next change
    (to another or to no one) ends it."""
    rows = session.exec(
        select(InnovationLeadChange.organisation_id, InnovationLeadChange.changed_on, User.display_name)
        .join(User, InnovationLeadChange.lead_id == User.id, isouter=True)
        .where(col(InnovationLeadChange.organisation_id).in_(organisation_ids))
        .order_by(InnovationLeadChange.organisation_id, InnovationLeadChange.changed_on, InnovationLeadChange.id)
    ).all()
    found: dict[int, list[Appointment]] = {}
    for org_id, changed_on, name in rows:
        history = found.setdefault(org_id, [])
        if history and history[-1].ended is None:
            history[-1] = Appointment(history[-1].name, history[-1].began, changed_on)
        if name is not None:
            history.append(Appointment(name, changed_on, None))
    return {org_id: list(reversed(history)) for org_id, history in found.items()}


def directory(
    *,
    session: Session,
    actor: Actor | None,
    area_id: int | None = None,
    search: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[OrganisationContacts]:
    """Organisations in name order (narrowed by area and by a name in SQL), each with its lead, its
    active certified innovation leaders and the leads it has had; everyone logged in may read it."""
    require_login(actor)
    conditions = []
    if area_id is not None:
        conditions.append(Organisation.area_id == area_id)
    text = (search or "").strip().lower()
    if text:
        pattern = f"%{text}%"
        people = select(User.organisation_id).where(User.is_active, func.lower(User.display_name).like(pattern))
        conditions.append(
            or_(
                func.lower(Organisation.name).like(pattern),
                func.lower(Organisation.short_name).like(pattern),
                col(Organisation.id).in_(people),
            )
        )
    total = session.exec(select(func.count()).select_from(Organisation).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    orgs = session.exec(
        select(Organisation, User)
        .join(User, (Organisation.innovation_lead_id == User.id) & col(User.is_active), isouter=True)
        .join(Area, Organisation.area_id == Area.id)
        .where(*conditions)
        .order_by(Area.sort_order, Organisation.name)
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [o.id for o, _ in orgs]
    certified: dict[int, list[Person]] = {}
    for user in session.exec(
        select(User)
        .where(
            col(User.organisation_id).in_(ids), User.is_active, col(User.certified_innovation_leader_on).is_not(None)
        )
        .order_by(User.display_name)
    ).all():
        certified.setdefault(user.organisation_id, []).append(
            Person(user.display_name, user.email, user.certified_innovation_leader_on)
        )
    history = appointments(session, ids)
    items = [
        OrganisationContacts(
            id=o.id,
            name=o.name,
            short_name=o.short_name,
            area_id=o.area_id,
            lead=Person(lead.display_name, lead.email, o.innovation_lead_appointed_on) if lead else None,
            certified=certified.get(o.id, []),
            appointments=history.get(o.id, []),
        )
        for o, lead in orgs
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)

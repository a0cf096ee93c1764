"""Partners (aktörer) linked to the region's ideas, testbed requests and fund applications or projects,
from those records' own pages; the partner's page lists them (`partners.get_partner`).

What callers may rely on:
- Linking and unlinking need both sides: the actor handles the record (an idea: admins and the idea's
  organisation's managers; a testbed request: admins and the testbed's organisation's managers; a fund
  application: admins and the managers of its organisation, not someone else's draft) and the partner
  (admins all, managers their organisation's). Anyone else gets `PermissionDenied`, and an unknown
  record or partner `NotFound`; one merged away is refused (link the one it was merged into).
- Reading a record's partners needs the record side only: their names are the record's facts.
- A link is made once (linking again changes nothing); each change leaves an audit entry on the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    FundApplication,
    Idea,
    Partner,
    PartnerApplication,
    PartnerIdea,
    PartnerTestbedRequest,
    Testbed,
    TestbedRequest,
)
from services.fund import applications
from services.ideas import triage
from services.people.auth import Actor, require_login
from services.samverkan import access
from services.shared import audit
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError

Kind = Literal["idea", "testbed_request", "application"]


@dataclass(frozen=True)
class _Table:
    link: Any  # the link table
    column: str  # its column naming the record
    record: Any  # the record's table
    entity: str  # the record's name in the audit log


TABLES: dict[str, _Table] = {
    "idea": _Table(PartnerIdea, "idea_id", Idea, "idea"),
    "testbed_request": _Table(PartnerTestbedRequest, "request_id", TestbedRequest, "testbed_request"),
    "application": _Table(PartnerApplication, "application_id", FundApplication, "fundapplication"),
}


def _table(kind: str) -> _Table:
    if kind not in TABLES:
        raise NotFound()
    return TABLES[kind]


def may_handle_record(session: Session, actor: Actor, kind: str, record: Any) -> bool:
    """Whether the actor handles the record (and so its partner links)."""
    if kind == "idea":
        return triage.may_manage(actor, record.organisation_id)
    if kind == "testbed_request":
        testbed = session.get(Testbed, record.testbed_id)
        return access.may_handle(actor, testbed.organisation_id)
    return applications.may_read(session, actor, record) and access.may_handle(actor, record.organisation_id)


def _handled_record(session: Session, actor: Actor | None, kind: str, record_id: int) -> tuple[Actor, _Table, Any]:
    actor = require_login(actor)
    table = _table(kind)
    record = session.get(table.record, record_id)
    if record is None:
        raise NotFound()
    if not may_handle_record(session, actor, kind, record):
        raise PermissionDenied()
    return actor, table, record


def _handled_partner(session: Session, actor: Actor, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound()
    access.require_handler(actor, partner.organisation_id)
    if partner.merged_into_id is not None:
        raise InvalidTransition("samverkan.already_merged")
    return partner


def _existing(session: Session, table: _Table, partner_id: int, record_id: int) -> Any:
    return session.get(table.link, {"partner_id": partner_id, table.column: record_id})


def link_partner(*, session: Session, actor: Actor | None, kind: str, record_id: int, partner_id: int | None) -> None:
    """Link a partner to an idea, a testbed request or a fund application (see the module). Commits."""
    actor, table, record = _handled_record(session, actor, kind, record_id)
    if partner_id is None:
        raise ValidationError.single("partner_id", "errors.required")
    partner = _handled_partner(session, actor, partner_id)
    if _existing(session, table, partner.id, record.id) is not None:
        return
    add_link(session, actor, kind, record, partner)
    session.commit()


def add_link(session: Session, actor: Actor, kind: str, record: Any, partner: Partner) -> None:
    """The link and its audit entry, once: for callers that have checked the permissions (e.g. a response
    taken forward links its responder). No commit."""
    table = _table(kind)
    if _existing(session, table, partner.id, record.id) is not None:
        return
    session.add(table.link(partner_id=partner.id, linked_by_id=actor.id, **{table.column: record.id}))
    audit.record(
        session,
        actor,
        f"{table.entity}.partner_linked",
        table.entity,
        record.id,
        partner_id=partner.id,
        name=partner.name,
    )


def unlink_partner(*, session: Session, actor: Actor | None, kind: str, record_id: int, partner_id: int) -> None:
    """Remove a partner's link to the record, by someone who may handle both. Commits."""
    actor, table, record = _handled_record(session, actor, kind, record_id)
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound()
    access.require_handler(actor, partner.organisation_id)
    link = _existing(session, table, partner.id, record.id)
    if link is None:
        return
    session.delete(link)
    audit.record(
        session,
        actor,
        f"{table.entity}.partner_unlinked",
        table.entity,
        record.id,
        partner_id=partner.id,
        name=partner.name,
    )
    session.commit()


@dataclass(frozen=True)
class LinkedPartner:
    id: int
    name: str
    kind: str
    may_handle: bool  # the actor handles the partner: may open it and unlink it


def linked_partners(*, session: Session, actor: Actor | None, kind: str, record_id: int) -> list[LinkedPartner]:
    """The partners linked to the record, by name; for those who handle the record."""
    actor, table, record = _handled_record(session, actor, kind, record_id)
    rows = session.exec(
        select(Partner)
        .join(table.link, table.link.partner_id == Partner.id)
        .where(getattr(table.link, table.column) == record.id)
        .order_by(func.lower(Partner.name), Partner.id)
    )
    return [LinkedPartner(p.id, p.name, p.kind, access.may_handle(actor, p.organisation_id)) for p in rows]


def link_choices(*, session: Session, actor: Actor | None, kind: str, record_id: int) -> dict[int, str]:
    """id -> name of the partners the actor may link to the record: theirs to handle, not merged away, not
    linked already; by name, at most 500 (the register is per organisation, in the hundreds)."""
    actor, table, record = _handled_record(session, actor, kind, record_id)
    linked = select(table.link.partner_id).where(getattr(table.link, table.column) == record.id)
    query = (
        select(Partner.id, Partner.name)
        .where(col(Partner.merged_into_id).is_(None), col(Partner.id).not_in(linked))
        .order_by(func.lower(Partner.name), Partner.id)
        .limit(500)
    )
    if not actor.is_admin:
        query = query.where(Partner.organisation_id == actor.organisation_id)
    return {i: n for i, n in session.exec(query)}

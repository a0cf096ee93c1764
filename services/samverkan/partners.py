"""The register of partners (aktörer): companies, universities and research institutes, incubators,
foundations, civil society and other public bodies, with what they are linked to.

A partner belongs to the region organisation that keeps it (`organisation_id`): admins handle every
partner, managers their own organisation's. The contact person's details are kept only with consent.
A Swedish organisationsnummer is checked (ten digits, Luhn check digit) and stored as NNNNNN-NNNN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    Agreement,
    AgreementParty,
    FundApplication,
    Idea,
    Need,
    NeedResponse,
    Organisation,
    Partner,
    PartnerApplication,
    PartnerIdea,
    PartnerKind,
    PartnerTestbedRequest,
    Procurement,
    Testbed,
    TestbedRequest,
    utcnow,
)
from services.people.auth import Actor
from services.samverkan import access
from services.shared import audit
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.search import text_matches
from services.shared.validation import check_email, check_url, clean_text, fail, parse

_ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check that the tenth digit of a Swedish organisationsnummer satisfies."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalise_org_number(value: str | None) -> str | None:
    """An organisationsnummer as NNNNNN-NNNN, or None when empty. Refuses anything that is not ten digits
    (with an optional hyphen, an optional "16" century prefix) or whose check digit is wrong."""
    if value is None:
        return None
    text = re.sub(r"\s", "", value)
    if not text:
        return None
    if len(text.replace("-", "")) == 12 and text.startswith("16"):
        text = text[2:]
    match = _ORG_NUMBER.match(text)
    if match is None:
        raise fail("samverkan.org_number_format")
    digits = match.group(1) + match.group(2)
    if not luhn_ok(digits):
        raise fail("samverkan.org_number_checksum")
    return f"{match.group(1)}-{match.group(2)}"


class PartnerInput(BaseModel):
    name: str = Field(max_length=200)
    kind: PartnerKind
    org_number: str | None = Field(default=None, max_length=20)
    website: str | None = Field(default=None, max_length=300)
    description: str | None = Field(default=None, max_length=5000)
    organisation_id: int
    contact_name: str | None = Field(default=None, max_length=120)
    contact_email: str | None = Field(default=None, max_length=254)
    consent: bool = Field(default=False, validate_default=True)

    _clean = field_validator(
        "name", "org_number", "website", "description", "contact_name", "contact_email", mode="before"
    )(clean_text)
    _org = field_validator("org_number")(normalise_org_number)
    _email = field_validator("contact_email")(check_email)
    _url = field_validator("website")(check_url)

    @field_validator("consent")
    @classmethod
    def _consented_contact(cls, value: bool, info: ValidationInfo) -> bool:
        if (info.data.get("contact_name") or info.data.get("contact_email")) and not value:
            raise fail("samverkan.contact_consent_required")
        return value


def create_partner(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> Partner:
    """Register a partner for an organisation the actor may handle. Commits."""
    values = parse(PartnerInput, data)
    actor = access.require_handler(actor, values.organisation_id)
    if session.get(Organisation, values.organisation_id) is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    now = utcnow()
    partner = Partner(**values.model_dump(exclude={"consent", "kind"}), kind=values.kind.value)
    partner.consent_at = now if values.consent and (values.contact_name or values.contact_email) else None
    session.add(partner)
    session.flush()
    audit.record(session, actor, "partner.created", "partner", partner.id, name=partner.name)
    session.commit()
    return partner


def update_partner(*, session: Session, actor: Actor | None, partner_id: int, data: dict[str, Any]) -> Partner:
    """Change a partner the actor may handle (and, for a move, may handle the new organisation too)."""
    partner = _handled(session, actor, partner_id)
    values = parse(PartnerInput, data)
    actor = access.require_handler(actor, values.organisation_id)
    changed = {}
    for name, value in values.model_dump(exclude={"consent"}).items():
        value = value.value if isinstance(value, PartnerKind) else value
        if getattr(partner, name) != value:
            changed[name] = value
            setattr(partner, name, value)
    if (values.contact_name or values.contact_email) and partner.consent_at is None:
        partner.consent_at = utcnow()
    if not changed:
        return partner
    partner.updated_at = utcnow()
    audit.record(session, actor, "partner.updated", "partner", partner.id, fields=sorted(changed))
    session.commit()
    return partner


def _handled(session: Session, actor: Actor | None, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound()
    access.require_handler(actor, partner.organisation_id)
    return partner


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    kind: str
    org_number: str | None
    organisation: str
    is_active: bool
    responses: int
    procurements: int


def list_partners(
    *,
    session: Session,
    actor: Actor | None,
    search: str | None = None,
    kind: str | None = None,
    page: int = 1,
    page_size: int = 25,
) -> Page[PartnerRow]:
    """Partners the actor may handle, not merged away, by name; filtered and counted in SQL."""
    conditions: list[Any] = [col(Partner.merged_into_id).is_(None)]
    own = access.scope(actor, Partner.organisation_id)
    if own is not None:
        conditions.append(own)
    if kind:
        conditions.append(Partner.kind == kind)
    if (matches := text_matches(search, Partner.name, Partner.org_number)) is not None:
        conditions.append(matches)
    total = session.exec(select(func.count(col(Partner.id))).where(*conditions)).one()
    responses = select(func.count(col(NeedResponse.id))).where(NeedResponse.partner_id == Partner.id).scalar_subquery()
    procurements = select(func.count(col(Procurement.id))).where(Procurement.partner_id == Partner.id).scalar_subquery()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(Partner, Organisation.short_name, responses, procurements)
        .join(Organisation, Partner.organisation_id == Organisation.id)
        .where(*conditions)
        .order_by(func.lower(Partner.name), Partner.id)
        .offset(offset)
        .limit(limit)
    )
    items = [
        PartnerRow(p.id, p.name, p.kind, p.org_number, org, p.is_active, int(r or 0), int(q or 0))
        for p, org, r, q in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class LinkedRecord:
    kind: str  # "response" | "procurement" | "agreement" | "idea" | "testbed_request" | "application"
    id: int
    ref: str
    title: str
    status: str


@dataclass(frozen=True)
class PartnerDetail:
    id: int
    name: str
    kind: str
    org_number: str | None
    website: str | None
    description: str | None
    organisation_id: int
    organisation: str
    contact_name: str | None
    contact_email: str | None
    consent_at: datetime | None
    is_active: bool
    linked: list[LinkedRecord]


def get_partner(*, session: Session, actor: Actor | None, partner_id: int) -> PartnerDetail:
    """A partner with everything linked to it; only to those who may handle it."""
    p = _handled(session, actor, partner_id)
    org = session.get(Organisation, p.organisation_id)
    linked = [
        LinkedRecord("response", r.id, r.ref, title, r.status)
        for r, title in session.exec(
            select(NeedResponse, Need.title)
            .join(Need, NeedResponse.need_id == Need.id)
            .where(NeedResponse.partner_id == p.id)
            .order_by(col(NeedResponse.received_at).desc())
            .limit(100)
        )
    ]
    linked += [
        LinkedRecord("procurement", q.id, q.ref, q.title, q.stage)
        for q in session.exec(
            select(Procurement).where(Procurement.partner_id == p.id).order_by(col(Procurement.id).desc()).limit(100)
        )
    ]
    linked += [
        LinkedRecord("agreement", a.id, a.ref, a.title, a.kind)
        for a in session.exec(
            select(Agreement)
            .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
            .where(AgreementParty.partner_id == p.id)
            .order_by(col(Agreement.starts_on).desc())
            .limit(100)
        )
    ]
    linked += _linked_by_the_team(session, p.id)
    return PartnerDetail(
        p.id,
        p.name,
        p.kind,
        p.org_number,
        p.website,
        p.description,
        p.organisation_id,
        org.short_name if org else "–",
        p.contact_name,
        p.contact_email,
        p.consent_at,
        p.is_active,
        linked,
    )


def _linked_by_the_team(session: Session, partner_id: int) -> list[LinkedRecord]:
    """The ideas, testbed requests and fund applications the partner was linked to (`links`), newest first."""
    rows = [
        LinkedRecord("idea", i.id, i.ref, i.title, i.stage)
        for i in session.exec(
            select(Idea)
            .join(PartnerIdea, PartnerIdea.idea_id == Idea.id)
            .where(PartnerIdea.partner_id == partner_id)
            .order_by(col(PartnerIdea.linked_at).desc())
            .limit(100)
        )
    ]
    rows += [
        LinkedRecord("testbed_request", r.id, r.ref, name, r.status)
        for r, name in session.exec(
            select(TestbedRequest, Testbed.name)
            .join(PartnerTestbedRequest, PartnerTestbedRequest.request_id == TestbedRequest.id)
            .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
            .where(PartnerTestbedRequest.partner_id == partner_id)
            .order_by(col(PartnerTestbedRequest.linked_at).desc())
            .limit(100)
        )
    ]
    rows += [
        LinkedRecord("application", a.id, a.ref, a.title, a.status)
        for a in session.exec(
            select(FundApplication)
            .join(PartnerApplication, PartnerApplication.application_id == FundApplication.id)
            .where(PartnerApplication.partner_id == partner_id)
            .order_by(col(PartnerApplication.linked_at).desc())
            .limit(100)
        )
    ]
    return rows


def partner_choices(*, session: Session, actor: Actor | None) -> dict[int, str]:
    """id -> name of the partners the actor handles (not merged away), by name, at most 500: the
    choices of link pickers (an agreement's parties, a merge)."""
    query = (
        select(Partner.id, Partner.name)
        .where(col(Partner.merged_into_id).is_(None))
        .order_by(func.lower(Partner.name), Partner.id)
        .limit(500)
    )
    if (own := access.scope(actor, Partner.organisation_id)) is not None:
        query = query.where(own)
    return {i: n for i, n in session.exec(query)}


def find_or_create_for_response(
    session: Session, response: NeedResponse, organisation_id: int, actor: Actor | None = None
) -> Partner:
    """The partner a response comes from: the one of `organisation_id` with the same organisationsnummer
    (or, without one, the same name), else a new one with the responder as contact, registered in the
    audit log as `actor`'s. No commit."""
    query = select(Partner).where(Partner.organisation_id == organisation_id, col(Partner.merged_into_id).is_(None))
    if response.org_number:
        query = query.where(Partner.org_number == response.org_number)
    else:
        query = query.where(func.lower(Partner.name) == response.responder_org.lower())
    partner = session.exec(query).first()
    if partner is None:
        partner = Partner(
            name=response.responder_org,
            kind=response.responder_kind,
            org_number=response.org_number,
            organisation_id=organisation_id,
            contact_name=response.responder_name,
            contact_email=response.responder_email,
            consent_at=response.consent_at,
        )
        session.add(partner)
        session.flush()
        audit.record(session, actor, "partner.created", "partner", partner.id, name=partner.name, response=response.ref)
    return partner


def merge_partners(*, session: Session, actor: Actor | None, duplicate_id: int, into_id: int) -> Partner:
    """Merge a duplicate into another partner, as ideas are merged: responses, procurements, agreement
    parties and links to ideas, testbed requests and fund applications move to `into_id`; the duplicate
    is kept (for the record) but hidden and inactive. Both must be partners the actor handles, neither
    merged before. Commits."""
    if duplicate_id == into_id:
        raise ValidationError.single("into_id", "samverkan.merge_self")
    duplicate = _handled(session, actor, duplicate_id)
    into = _handled(session, actor, into_id)
    if duplicate.merged_into_id is not None or into.merged_into_id is not None:
        raise InvalidTransition("samverkan.already_merged")
    for table in (NeedResponse, Procurement):
        for row in session.exec(select(table).where(table.partner_id == duplicate.id)):
            row.partner_id = into.id
    kept = set(session.exec(select(AgreementParty.agreement_id).where(AgreementParty.partner_id == into.id)))
    for party in session.exec(select(AgreementParty).where(AgreementParty.partner_id == duplicate.id)).all():
        session.delete(party)
        if party.agreement_id not in kept:
            session.add(AgreementParty(agreement_id=party.agreement_id, partner_id=into.id))
    for table, column in (
        (PartnerIdea, "idea_id"),
        (PartnerTestbedRequest, "request_id"),
        (PartnerApplication, "application_id"),
    ):
        kept = set(session.exec(select(getattr(table, column)).where(table.partner_id == into.id)))
        for link in session.exec(select(table).where(table.partner_id == duplicate.id)).all():
            session.delete(link)
            if getattr(link, column) not in kept:
                session.add(
                    table(
                        partner_id=into.id,
                        linked_at=link.linked_at,
                        linked_by_id=link.linked_by_id,
                        **{column: getattr(link, column)},
                    )
                )
    now = utcnow()
    duplicate.merged_into_id, duplicate.is_active, duplicate.updated_at = into.id, False, now
    if into.org_number is None and duplicate.org_number:
        into.org_number = duplicate.org_number
    into.updated_at = now
    audit.record(session, actor, "partner.merged", "partner", duplicate.id, into=into.id)
    session.commit()
    return into

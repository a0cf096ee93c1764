"""Agreements (avtal) with partners: cooperation, test, IP and other agreements of one of the region's
organisations, with their parties, dates, notice before the end, IP principle, linked records and the
signed copy.

Admins handle every agreement, managers their own organisation's (`access`). An agreement's end is
notified ahead (`notice_days` before `ends_on`) to the organisation's managers through the notification
outbox, once per agreement and end date (`queue_expiring`). The signed copy is checked by
`signed_copies` and only served as a download to those who handle the agreement.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    Agreement,
    AgreementFile,
    AgreementKind,
    AgreementParty,
    FundApplication,
    Idea,
    IpPrinciple,
    Need,
    Organisation,
    Partner,
    Procurement,
    Testbed,
    utcnow,
)
from services.people.auth import Actor
from services.samverkan import access, partners, signed_copies
from services.shared import audit, refs
from services.shared.errors import NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.search import text_matches
from services.shared.validation import clean_text, fail, parse
from services.shared.workdays import as_utc, local_day

EXPIRING_WITHIN_DAYS = 90  # what "expiring" means in the lists and figures


class AgreementInput(BaseModel):
    title: str = Field(max_length=200)
    kind: AgreementKind
    organisation_id: int
    partner_ids: list[int] = Field(min_length=1, max_length=20)
    starts_on: date
    ends_on: date | None = None
    notice_days: int = Field(default=90, ge=0, le=730)
    auto_renews: bool = False
    ip_principle: IpPrinciple = IpPrinciple.not_applicable
    note: str | None = Field(default=None, max_length=5000)
    procurement_id: int | None = None
    need_id: int | None = None
    idea_ref: str | None = Field(default=None, max_length=20)
    testbed_id: int | None = None
    application_ref: str | None = Field(default=None, max_length=20)

    _clean = field_validator("title", "note", "idea_ref", "application_ref", mode="before")(clean_text)

    @field_validator("ends_on")
    @classmethod
    def _after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("starts_on")
        if value is not None and start is not None and value < start:
            raise fail("samverkan.ends_before_start")
        return value


def _links(session: Session, actor: Actor, values: AgreementInput) -> dict[str, int | None]:
    """The linked records' ids; each must exist and (but for testbeds, which are public) belong to the
    agreement's organisation unless the actor is an admin."""
    own = lambda org_id: actor.is_admin or org_id == values.organisation_id  # noqa: E731
    links: dict[str, int | None] = {"procurement_id": None, "need_id": None, "idea_id": None}
    links |= {"testbed_id": None, "application_id": None}
    if values.procurement_id is not None:
        p = session.get(Procurement, values.procurement_id)
        if p is None or not own(p.organisation_id):
            raise ValidationError.single("procurement_id", "errors.not_allowed_value")
        links["procurement_id"] = p.id
    if values.need_id is not None:
        n = session.get(Need, values.need_id)
        if n is None or not own(n.organisation_id):
            raise ValidationError.single("need_id", "errors.not_allowed_value")
        links["need_id"] = n.id
    if values.testbed_id is not None:
        if session.get(Testbed, values.testbed_id) is None:
            raise ValidationError.single("testbed_id", "errors.not_allowed_value")
        links["testbed_id"] = values.testbed_id
    for field, table, key in (("idea_ref", Idea, "idea_id"), ("application_ref", FundApplication, "application_id")):
        ref = (getattr(values, field) or "").strip().upper()
        if ref:
            row = session.exec(select(table).where(table.ref == ref)).first()
            if row is None or not own(row.organisation_id):
                raise ValidationError.single(field, "samverkan.record_unknown", ref=ref)
            links[key] = row.id
    return links


def _partners(session: Session, actor: Actor, values: AgreementInput) -> list[int]:
    ids = list(dict.fromkeys(values.partner_ids))
    found = session.exec(
        select(Partner.id, Partner.organisation_id).where(
            col(Partner.id).in_(ids), col(Partner.merged_into_id).is_(None)
        )
    ).all()
    if len(found) != len(ids) or not all(actor.is_admin or org == values.organisation_id for _, org in found):
        raise ValidationError.single("partner_ids", "errors.not_allowed_value")
    return ids


def _apply(session: Session, actor: Actor, agreement: Agreement, values: AgreementInput) -> None:
    for name in ("title", "organisation_id", "starts_on", "ends_on", "notice_days", "auto_renews", "note"):
        setattr(agreement, name, getattr(values, name))
    agreement.kind = values.kind.value
    agreement.ip_principle = values.ip_principle.value
    for name, value in _links(session, actor, values).items():
        setattr(agreement, name, value)


def create_agreement(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> Agreement:
    """A new agreement of an organisation the actor handles, with at least one partner of it. Commits."""
    values = parse(AgreementInput, data)
    actor = access.require_handler(actor, values.organisation_id)
    if session.get(Organisation, values.organisation_id) is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    partner_ids = _partners(session, actor, values)
    agreement = Agreement(ref=refs.next_ref(session, "AVT", values.starts_on.year), created_by_id=actor.id)
    _apply(session, actor, agreement, values)
    session.add(agreement)
    session.flush()
    for partner_id in partner_ids:
        session.add(AgreementParty(agreement_id=agreement.id, partner_id=partner_id))
    audit.record(session, actor, "agreement.created", "agreement", agreement.id, ref=agreement.ref)
    session.commit()
    return agreement


def update_agreement(*, session: Session, actor: Actor | None, agreement_id: int, data: dict[str, Any]) -> Agreement:
    """Change an agreement (its parties too); the actor must handle both its old and new organisation."""
    actor, agreement = _handled(session, actor, agreement_id)
    values = parse(AgreementInput, data)
    access.require_handler(actor, values.organisation_id)
    partner_ids = _partners(session, actor, values)
    _apply(session, actor, agreement, values)
    agreement.updated_at = utcnow()
    current = set(session.exec(select(AgreementParty.partner_id).where(AgreementParty.agreement_id == agreement.id)))
    for partner_id in current - set(partner_ids):
        session.delete(session.get(AgreementParty, (agreement.id, partner_id)))
    for partner_id in set(partner_ids) - current:
        session.add(AgreementParty(agreement_id=agreement.id, partner_id=partner_id))
    audit.record(session, actor, "agreement.updated", "agreement", agreement.id)
    session.commit()
    return agreement


def _handled(session: Session, actor: Actor | None, agreement_id: int) -> tuple[Actor, Agreement]:
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound()
    return access.require_handler(actor, agreement.organisation_id), agreement


# ---------------------------------------------------------------- the signed copy


def attach_signed_copy(
    *, session: Session, actor: Actor | None, agreement_id: int, filename: str | None, data: bytes
) -> AgreementFile:
    """Store (or replace) the signed copy after `signed_copies.check`; nothing is stored when refused."""
    actor, agreement = _handled(session, actor, agreement_id)
    checked = signed_copies.check(filename, data)
    existing = session.exec(select(AgreementFile).where(AgreementFile.agreement_id == agreement.id)).first()
    row = existing or AgreementFile(agreement_id=agreement.id, filename="", content_type="", size_bytes=0, sha256="")
    row.filename, row.content_type, row.size_bytes = checked.filename, checked.content_type, len(data)
    row.sha256, row.data = hashlib.sha256(data).hexdigest(), data
    row.uploaded_by_id, row.uploaded_at = actor.id, utcnow()
    session.add(row)
    agreement.updated_at = utcnow()
    audit.record(
        session, actor, "agreement.file_attached", "agreement", agreement.id, filename=row.filename, sha256=row.sha256
    )
    session.commit()
    return row


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes


def signed_copy(*, session: Session, actor: Actor | None, agreement_id: int) -> Download:
    """The signed copy, for those who handle the agreement; `NotFound` when there is none."""
    _, agreement = _handled(session, actor, agreement_id)
    row = session.exec(select(AgreementFile).where(AgreementFile.agreement_id == agreement.id)).first()
    if row is None:
        raise NotFound()
    return Download(row.filename, row.content_type, row.data)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class AgreementRow:
    id: int
    ref: str
    title: str
    kind: str
    organisation: str
    parties: str
    starts_on: date
    ends_on: date | None
    ip_principle: str
    has_file: bool
    expiring: bool


def _expiring(ends_on: date | None, today: date) -> bool:
    return ends_on is not None and today <= ends_on <= today + timedelta(days=EXPIRING_WITHIN_DAYS)


def list_agreements(
    *,
    session: Session,
    actor: Actor | None,
    today: date,
    search: str | None = None,
    kind: str | None = None,
    expiring_only: bool = False,
    partner_id: int | None = None,
    page: int = 1,
    page_size: int = 25,
) -> Page[AgreementRow]:
    """The agreements the actor handles, soonest end first (open-ended last); filtered in SQL."""
    conditions: list[Any] = []
    own = access.scope(actor, Agreement.organisation_id)
    if own is not None:
        conditions.append(own)
    if kind:
        conditions.append(Agreement.kind == kind)
    if expiring_only:
        conditions += [
            col(Agreement.ends_on) >= today,
            col(Agreement.ends_on) <= today + timedelta(days=EXPIRING_WITHIN_DAYS),
        ]
    if partner_id is not None:
        conditions.append(
            col(Agreement.id).in_(select(AgreementParty.agreement_id).where(AgreementParty.partner_id == partner_id))
        )
    if (matches := text_matches(search, Agreement.title, Agreement.ref)) is not None:
        conditions.append(matches)
    total = session.exec(select(func.count(col(Agreement.id))).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    has_file = select(func.count(col(AgreementFile.id))).where(AgreementFile.agreement_id == Agreement.id)
    rows = session.exec(
        select(Agreement, Organisation.short_name, has_file.scalar_subquery())
        .join(Organisation, Agreement.organisation_id == Organisation.id)
        .where(*conditions)
        .order_by(col(Agreement.ends_on).is_(None), col(Agreement.ends_on), col(Agreement.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    names = _party_names(session, [a.id for a, _, _ in rows])
    items = [
        AgreementRow(
            a.id,
            a.ref,
            a.title,
            a.kind,
            org,
            ", ".join(names.get(a.id, [])),
            a.starts_on,
            a.ends_on,
            a.ip_principle,
            bool(f),
            _expiring(a.ends_on, today),
        )
        for a, org, f in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


def _party_names(session: Session, agreement_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if agreement_ids:
        for agreement_id, name in session.exec(
            select(AgreementParty.agreement_id, Partner.name)
            .join(Partner, AgreementParty.partner_id == Partner.id)
            .where(col(AgreementParty.agreement_id).in_(agreement_ids))
            .order_by(Partner.name)
        ):
            names.setdefault(agreement_id, []).append(name)
    return names


@dataclass(frozen=True)
class AgreementDetail:
    row: AgreementRow
    organisation_id: int
    partner_ids: list[int]
    notice_days: int
    auto_renews: bool
    note: str | None
    linked: list[tuple[str, str]]  # (what, reference or name)
    procurement_id: int | None
    need_id: int | None
    testbed_id: int | None
    idea_ref: str | None
    application_ref: str | None
    file_name: str | None
    file_size: int | None
    file_uploaded_at: datetime | None


def get_agreement(*, session: Session, actor: Actor | None, agreement_id: int, today: date) -> AgreementDetail:
    """An agreement with its parties, links and the signed copy's facts; only to those who handle it."""
    _, a = _handled(session, actor, agreement_id)
    org = session.get(Organisation, a.organisation_id)
    partner_ids = list(session.exec(select(AgreementParty.partner_id).where(AgreementParty.agreement_id == a.id)))
    file = session.exec(select(AgreementFile).where(AgreementFile.agreement_id == a.id)).first()
    procurement = session.get(Procurement, a.procurement_id) if a.procurement_id else None
    need = session.get(Need, a.need_id) if a.need_id else None
    idea = session.get(Idea, a.idea_id) if a.idea_id else None
    testbed = session.get(Testbed, a.testbed_id) if a.testbed_id else None
    application = session.get(FundApplication, a.application_id) if a.application_id else None
    linked = [
        (kind, text)
        for kind, text in (
            ("procurement", f"{procurement.ref} {procurement.title}" if procurement else None),
            ("need", need.title if need else None),
            ("idea", f"{idea.ref} {idea.title}" if idea else None),
            ("testbed", testbed.name if testbed else None),
            ("application", f"{application.ref} {application.title}" if application else None),
        )
        if text
    ]
    names = _party_names(session, [a.id]).get(a.id, [])
    row = AgreementRow(
        a.id,
        a.ref,
        a.title,
        a.kind,
        org.short_name,
        ", ".join(names),
        a.starts_on,
        a.ends_on,
        a.ip_principle,
        file is not None,
        _expiring(a.ends_on, today),
    )
    return AgreementDetail(
        row=row,
        organisation_id=a.organisation_id,
        partner_ids=partner_ids,
        notice_days=a.notice_days,
        auto_renews=a.auto_renews,
        note=a.note,
        linked=linked,
        procurement_id=a.procurement_id,
        need_id=a.need_id,
        testbed_id=a.testbed_id,
        idea_ref=idea.ref if idea else None,
        application_ref=application.ref if application else None,
        file_name=file.filename if file else None,
        file_size=file.size_bytes if file else None,
        file_uploaded_at=as_utc(file.uploaded_at) if file else None,
    )


# ---------------------------------------------------------------- notice ahead of the end


def queue_expiring(session: Session, *, now: datetime | None = None) -> int:
    """Agreements whose end lies within their notice period, to the organisation's managers (the central
    team when it has none), once per agreement, end date and recipient. Returns how many were queued.
    No commit (the schedule's job commits)."""
    from services.samverkan import notices

    today = local_day(now or utcnow())
    rows = session.exec(
        select(Agreement).where(
            col(Agreement.ends_on).is_not(None),
            col(Agreement.ends_on) >= today,
            col(Agreement.ends_on) <= today + timedelta(days=730),
        )
    ).all()
    return sum(
        notices.agreement_expiring(session, a, now=now)
        for a in rows
        if a.ends_on - timedelta(days=a.notice_days) <= today
    )


def form_choices(*, session: Session, actor: Actor | None) -> dict[str, dict[int, str]]:
    """What the agreement form offers the actor: their partners ("partner_ids"), procurements, needs
    (their organisation's, all for admins) and the region's testbeds. At most 500 of each, newest first."""
    choices: dict[str, dict[int, str]] = {"partner_ids": partners.partner_choices(session=session, actor=actor)}
    for key, table, label, order in (
        ("procurement_id", Procurement, Procurement.ref + " " + Procurement.title, col(Procurement.id).desc()),
        ("need_id", Need, Need.title, col(Need.id).desc()),
    ):
        query = select(table.id, label).order_by(order).limit(500)
        own = access.scope(actor, table.organisation_id)
        if own is not None:
            query = query.where(own)
        choices[key] = {i: text for i, text in session.exec(query)}
    choices["testbed_id"] = {i: n for i, n in session.exec(select(Testbed.id, Testbed.name).order_by(Testbed.name))}
    return choices

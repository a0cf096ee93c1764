"""The records an agenda item can be about, each named by the code people know it by: an idea's
reference (IDE-…), a fund application's reference (FON-…), a procurement's (UPH-…), a Samverkan need by
its heading (needs have no reference code), the innovationsbokslut of a year. A new kind of record is one
more entry in `KINDS`: the link is a kind and an id, no foreign key, so it needs no migration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import FundApplication, Idea, Need, Procurement
from services.shared import history
from services.shared.errors import ValidationError

FIRST_REPORT_YEAR = 2019  # the strategy's year: no bokslut before it


@dataclass(frozen=True)
class LinkedRecord:
    kind: str
    id: int
    code: str  # the reference or the year, as people write it
    title: str  # the record's title ("" for the bokslut)


def _idea(session: Session, ids: list[int]) -> dict[int, LinkedRecord]:
    rows = session.exec(select(Idea.id, Idea.ref, Idea.title).where(col(Idea.id).in_(ids))).all()
    return {i: LinkedRecord("idea", i, ref, title) for i, ref, title in rows}


def _idea_by_code(session: Session, code: str) -> int | None:
    return session.exec(select(Idea.id).where(Idea.ref == code.upper())).first()


def _application(session: Session, ids: list[int]) -> dict[int, LinkedRecord]:
    rows = session.exec(
        select(FundApplication.id, FundApplication.ref, FundApplication.title).where(col(FundApplication.id).in_(ids))
    ).all()
    return {i: LinkedRecord("fund_application", i, ref, title) for i, ref, title in rows}


def _application_by_code(session: Session, code: str) -> int | None:
    return session.exec(select(FundApplication.id).where(FundApplication.ref == code.upper())).first()


def _need(session: Session, ids: list[int]) -> dict[int, LinkedRecord]:
    rows = session.exec(select(Need.id, Need.title).where(col(Need.id).in_(ids))).all()
    return {i: LinkedRecord("need", i, "", title) for i, title in rows}


def _need_by_code(session: Session, code: str) -> int | None:
    """A need by its heading, as typed (case and surrounding spaces aside); the newest of namesakes."""
    return session.exec(
        select(Need.id).where(func.lower(Need.title) == code.strip().lower()).order_by(col(Need.id).desc())
    ).first()


def _procurement(session: Session, ids: list[int]) -> dict[int, LinkedRecord]:
    rows = session.exec(
        select(Procurement.id, Procurement.ref, Procurement.title).where(col(Procurement.id).in_(ids))
    ).all()
    return {i: LinkedRecord("procurement", i, ref, title) for i, ref, title in rows}


def _procurement_by_code(session: Session, code: str) -> int | None:
    return session.exec(select(Procurement.id).where(Procurement.ref == code.upper())).first()


def _report(session: Session, ids: list[int]) -> dict[int, LinkedRecord]:
    return {year: LinkedRecord("annual_report", year, str(year), "") for year in ids}


def _report_by_code(session: Session, code: str) -> int | None:
    if code.isdigit() and FIRST_REPORT_YEAR <= int(code) <= history.today().year:
        return int(code)
    return None


@dataclass(frozen=True)
class LinkKind:
    key: str
    describe: Callable[[Session, list[int]], dict[int, LinkedRecord]]
    find: Callable[[Session, str], int | None]


KINDS: dict[str, LinkKind] = {
    k.key: k
    for k in (
        LinkKind("idea", _idea, _idea_by_code),
        LinkKind("fund_application", _application, _application_by_code),
        LinkKind("need", _need, _need_by_code),
        LinkKind("procurement", _procurement, _procurement_by_code),
        LinkKind("annual_report", _report, _report_by_code),
    )
}


def find(session: Session, kind: str, code: str | None) -> int:
    """The id of the record of `kind` that `code` names, or `ValidationError` on the field "linked_code"."""
    spec = KINDS.get(kind)
    if spec is None:
        raise ValidationError.single("linked_kind", "errors.not_allowed_value")
    code = (code or "").strip()
    if not code:
        raise ValidationError.single("linked_code", "errors.required")
    found = spec.find(session, code)
    if found is None:
        raise ValidationError.single("linked_code", f"council.link_not_found.{kind}", code=code)
    return found


def describe(session: Session, links: list[tuple[str, int]]) -> dict[tuple[str, int], LinkedRecord]:
    """The records behind (kind, id) pairs, a query per kind; a record since removed is left out."""
    by_kind: dict[str, list[int]] = {}
    for kind, record_id in links:
        if kind in KINDS:
            by_kind.setdefault(kind, []).append(record_id)
    found: dict[tuple[str, int], LinkedRecord] = {}
    for kind, ids in by_kind.items():
        for record_id, record in KINDS[kind].describe(session, ids).items():
            found[(kind, record_id)] = record
    return found

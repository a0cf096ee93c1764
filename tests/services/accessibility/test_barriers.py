"""Barrier reports: anyone reports, only admins read and close them, every write audited."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.accessibility import barriers
from services.people.auth import Actor, load_actor
from services.shared.errors import InvalidTransition, PermissionDenied, RateLimited, ValidationError
from tests import factories as f


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        ks = f.organisation(session, health, "KS")
        f.user(session, "root", "admin", ks)
        f.user(session, "staff", "employee", ks)
        f.user(session, "boss", "manager", ks)
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    actor = load_actor(session, username)
    assert actor is not None
    return actor


def test_a_visitor_reports_a_barrier_and_an_admin_reads_and_closes_it(session: Session) -> None:
    number = barriers.submit_report(
        session=session,
        data={
            "location": "Lämna en idé",
            "description": "  Jag kan inte välja kärnverksamhet med tangentbordet.  ",
            "wanted_format": "Blanketten på papper",
            "contact_email": "Anna@Example.se",
        },
        language="en",
        address="10.0.0.1",
    )
    admin = _actor(session, "root")
    page = barriers.list_reports(session=session, actor=admin)
    assert page.total == 1
    row = page.items[0]
    assert (row.id, row.description, row.contact_email, row.language, row.status) == (
        number,
        "Jag kan inte välja kärnverksamhet med tangentbordet.",
        "anna@example.se",
        "en",
        "new",
    )
    assert barriers.count_new(session=session, actor=admin) == 1

    barriers.mark_handled(session=session, actor=admin, report_id=number, note="Rättat, svar skickat.")
    handled = barriers.list_reports(session=session, actor=admin, status="handled").items[0]
    assert (handled.status, handled.handled_by, handled.handling_note) == ("handled", "Root", "Rättat, svar skickat.")
    assert barriers.count_new(session=session, actor=admin) == 0
    actions = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "barrier_report")).all()
    assert sorted(actions) == ["barrier_report.created", "barrier_report.handled"]
    with pytest.raises(InvalidTransition):
        barriers.mark_handled(session=session, actor=admin, report_id=number)


def test_a_report_needs_a_description_and_a_valid_address_if_one_is_given(session: Session) -> None:
    with pytest.raises(ValidationError) as refused:
        barriers.submit_report(session=session, data={"description": "  ", "contact_email": "inte en adress"})
    assert set(refused.value.fields) == {"description", "contact_email"}
    assert session.exec(select(m.BarrierReport)).all() == []


@pytest.mark.parametrize("username", ["staff", "boss"])
def test_only_admins_read_or_close_reports(session: Session, username: str) -> None:
    number = barriers.submit_report(session=session, data={"description": "Kontrasten är för låg."})
    someone = _actor(session, username)
    with pytest.raises(PermissionDenied):
        barriers.list_reports(session=session, actor=someone)
    with pytest.raises(PermissionDenied):
        barriers.mark_handled(session=session, actor=someone, report_id=number)
    with pytest.raises(PermissionDenied):
        barriers.list_reports(session=session, actor=None)


def test_a_browser_is_held_to_the_public_write_limit(session: Session) -> None:
    for _ in range(5):
        barriers.submit_report(session=session, data={"description": "Samma hinder igen."}, address="10.0.0.9")
    with pytest.raises(RateLimited):
        barriers.submit_report(session=session, data={"description": "Samma hinder igen."}, address="10.0.0.9")
    assert len(session.exec(select(m.BarrierReport)).all()) == 5

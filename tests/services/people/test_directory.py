"""Vem kan jag fråga?: everyone logged in reads each organisation's lead and certified leaders; lead
appointments keep their history (ending one keeps its start and adds its end)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
from services.people import directory, organisations
from services.people.auth import Actor, load_actor
from services.shared import history
from services.shared.errors import PermissionDenied
from tests import factories as f


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        culture = f.area(session, "culture")
        ks = f.organisation(session, health, "KS", name="Karolinska")
        f.organisation(session, culture, "KF", name="Kulturförvaltningen")
        f.user(session, "root", "admin", ks)
        f.user(session, "anna", "manager", ks, display_name="Anna Ledare")
        f.user(session, "bo", "manager", ks, display_name="Bo Ledare")
        f.user(
            session,
            "cert",
            "employee",
            ks,
            display_name="Cissi Certifierad",
            certified_innovation_leader_on=date(2024, 5, 1),
        )
        f.user(
            session,
            "gone",
            "employee",
            ks,
            display_name="Gunnar Borta",
            is_active=False,
            certified_innovation_leader_on=date(2023, 1, 1),
        )
        f.user(session, "staff", "employee", ks)
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


def _on(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(history, "today", lambda: day)


def test_an_employee_reads_leads_certified_leaders_and_the_leads_before(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = _actor(session, "root")
    ks = next(o for o in organisations.list_organisations(session=session) if o.short_name == "KS")
    _on(monkeypatch, date(2024, 1, 10))
    organisations.set_innovation_lead(
        session=session, actor=admin, organisation_id=ks.id, user_id=_actor(session, "anna").id
    )
    _on(monkeypatch, date(2025, 6, 30))
    organisations.set_innovation_lead(session=session, actor=admin, organisation_id=ks.id, user_id=None)  # ended
    _on(monkeypatch, date(2025, 9, 1))
    organisations.set_innovation_lead(
        session=session, actor=admin, organisation_id=ks.id, user_id=_actor(session, "bo").id
    )

    page = directory.directory(session=session, actor=_actor(session, "staff"))
    assert [o.short_name for o in page.items] == ["KS", "KF"]
    karolinska = page.items[0]
    assert karolinska.lead == directory.Person("Bo Ledare", "bo@test.example", date(2025, 9, 1))
    assert [p.name for p in karolinska.certified] == ["Cissi Certifierad"]  # the one who left is not listed
    assert karolinska.appointments == [
        directory.Appointment("Bo Ledare", date(2025, 9, 1), None),
        directory.Appointment("Anna Ledare", date(2024, 1, 10), date(2025, 6, 30)),
    ]
    assert page.items[1].lead is None


def test_the_directory_filters_by_area_and_name_and_is_for_people_logged_in(session: Session) -> None:
    staff = _actor(session, "staff")
    culture = organisations.area_by_code(session=session, code="culture")
    assert [o.short_name for o in directory.directory(session=session, actor=staff, area_id=culture.id).items] == ["KF"]
    assert [o.short_name for o in directory.directory(session=session, actor=staff, search="cissi").items] == ["KS"]
    assert [o.short_name for o in directory.directory(session=session, actor=staff, search="KULTUR").items] == ["KF"]
    with pytest.raises(PermissionDenied):
        directory.directory(session=session, actor=None)

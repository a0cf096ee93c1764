"""Competence development: admins record courses and participants (employees and elected officials);
admins, the council and managers read; the share of staff trained counts completed training courses
where the head count is known."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.competence import courses
from services.people.auth import Actor, load_actor
from services.shared.errors import PermissionDenied, ValidationError
from tests import factories as f


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        ks = f.organisation(session, health, "KS", staff_count=4)
        sos = f.organisation(session, health, "SöS")  # no head count known
        f.user(session, "root", "admin", ks)
        f.user(session, "rådet", "council", ks)
        f.user(session, "boss", "manager", ks)
        f.user(session, "anna", "employee", ks, display_name="Anna Anställd")
        f.user(session, "bo", "employee", ks, display_name="Bo Anställd")
        f.user(session, "sara", "employee", sos, display_name="Sara SöS")
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


def _course(session: Session, kind: str = "design", **extra: object) -> m.Course:
    data = {"title": "Tjänstedesign", "kind": kind, "starts_on": date(2026, 3, 10), "target_group": "Alla", **extra}
    return courses.create_course(session=session, actor=_actor(session, "root"), data=data)


def test_courses_with_employees_and_officials_and_the_share_trained(session: Session) -> None:
    admin = _actor(session, "root")
    design = _course(session, for_officials=True)
    info = _course(session, kind="information", title="Informationsträff")
    anna = courses.add_employee(session=session, actor=admin, course_id=design.id, user_id=_actor(session, "anna").id)
    courses.add_employee(session=session, actor=admin, course_id=design.id, user_id=_actor(session, "sara").id)
    official = courses.add_official(
        session=session,
        actor=admin,
        course_id=design.id,
        data={"official_name": "Eva Lindgren", "official_committee": "Hälso- och sjukvårdsnämnden"},
    )
    bo_info = courses.add_employee(session=session, actor=admin, course_id=info.id, user_id=_actor(session, "bo").id)
    for row in (anna, official, bo_info):
        courses.set_completed(session=session, actor=admin, participant_id=row.id, completed_on=date(2026, 3, 11))

    council = _actor(session, "rådet")
    listed = {
        c.title: (c.participants, c.completed) for c in courses.list_courses(session=session, actor=council).items
    }
    assert listed == {"Tjänstedesign": (3, 2), "Informationsträff": (1, 1)}
    people = courses.participants(session=session, actor=council, course_id=design.id)
    assert [(p.name, p.organisation_or_committee, p.official) for p in people] == [
        ("Anna Anställd", "KS", False),
        ("Sara SöS", "SöS", False),
        ("Eva Lindgren", "Hälso- och sjukvårdsnämnden", True),
    ]
    boss_sees = courses.participants(session=session, actor=_actor(session, "boss"), course_id=design.id)
    assert [p.name for p in boss_sees] == ["Anna Anställd", "Eva Lindgren"]  # own staff and the officials

    shares = {r.organisation_id: r for r in courses.trained_share(session=session, actor=council, year=2026)}
    ks = shares[session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "KS")).one()]
    assert (ks.trained, ks.share) == (1, 25.0)  # Anna; Bo's information effort is no training
    sos = shares[session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "SöS")).one()]
    assert (sos.trained, sos.share) == (0, None)  # Sara did not complete; no head count either
    assert courses.trained_share(session=session, actor=council, year=2025)[0].trained == 0


@pytest.mark.parametrize("username", ["rådet", "boss", "anna"])
def test_only_admins_record_courses_and_participants(session: Session, username: str) -> None:
    course = _course(session)
    someone = _actor(session, username)
    with pytest.raises(PermissionDenied):
        courses.create_course(
            session=session,
            actor=someone,
            data={"title": "x", "kind": "ip", "starts_on": date(2026, 1, 1), "target_group": "x"},
        )
    with pytest.raises(PermissionDenied):
        courses.add_employee(session=session, actor=someone, course_id=course.id, user_id=someone.id)
    with pytest.raises(PermissionDenied):
        courses.add_official(
            session=session, actor=someone, course_id=course.id, data={"official_name": "x", "official_committee": "y"}
        )


def test_employees_do_not_read_the_course_register(session: Session) -> None:
    anna = _actor(session, "anna")
    with pytest.raises(PermissionDenied):
        courses.list_courses(session=session, actor=anna)
    with pytest.raises(PermissionDenied):
        courses.trained_share(session=session, actor=anna, year=2026)


def test_bad_course_and_participant_input_is_refused(session: Session) -> None:
    admin = _actor(session, "root")
    with pytest.raises(ValidationError) as refused:
        courses.create_course(
            session=session,
            actor=admin,
            data={"title": " ", "kind": "yoga", "starts_on": "igår", "target_group": ""},
        )
    assert set(refused.value.fields) == {"title", "kind", "starts_on", "target_group"}
    with pytest.raises(ValidationError) as refused:
        _course(session, ends_on=date(2026, 3, 1))
    assert refused.value.fields["ends_on"].key == "competence.ends_before_starts"
    course = _course(session)
    with pytest.raises(ValidationError) as refused:
        courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=999_999)
    assert refused.value.fields["user_id"].key == "competence.participant_unknown"
    courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=_actor(session, "anna").id)
    with pytest.raises(ValidationError) as refused:
        courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=_actor(session, "anna").id)
    assert refused.value.fields["user_id"].key == "competence.participant_twice"
    with pytest.raises(ValidationError) as refused:
        courses.add_official(
            session=session, actor=admin, course_id=course.id, data={"official_name": "Eva", "official_committee": " "}
        )
    assert set(refused.value.fields) == {"official_committee"}
    [row] = session.exec(select(m.CourseParticipant)).all()
    with pytest.raises(ValidationError):
        courses.set_completed(session=session, actor=admin, participant_id=row.id, completed_on=date(2026, 1, 1))

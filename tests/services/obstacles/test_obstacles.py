"""Obstacles: coded reasons on parked and closed ideas and stopped fund projects, the register (admins
write, the council reads), and the council's figures by kind, area and organisation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.fund import decisions
from services.ideas import triage
from services.obstacles import figures, register
from services.people.auth import Actor, load_actor
from services.shared.errors import InvalidTransition, PermissionDenied, ValidationError
from tests import factories as f


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        culture = f.area(session, "culture")
        ks = f.organisation(session, health, "KS")
        kf = f.organisation(session, culture, "KF")
        f.user(session, "root", "admin", f.organisation(session, health, "RLK"))
        f.user(session, "rådet", "council", ks)
        boss = f.user(session, "boss", "manager", ks)
        f.user(session, "staff", "employee", ks)
        f.idea(session, health, "2026-03-01", ref="IDE-2026-00001", organisation_id=ks.id, title="Vård-VR")
        vr = f.idea(session, culture, "2026-03-02", ref="IDE-2026-00002", organisation_id=kf.id, title="Kultur-VR")
        session.add(m.IdeaArea(idea_id=vr.id, area_id=health.id))  # cross-sector: culture and health care
        call = f.call(session, 2026)
        f.application(session, call, boss, ks, ref="FON-2026-0001", status="in_progress", granted_sek=50_000)
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


def _idea(session: Session, ref: str) -> m.Idea:
    return session.exec(select(m.Idea).where(m.Idea.ref == ref)).one()


def test_parking_or_closing_an_idea_needs_a_coded_obstacle_which_is_cleared_on_return(session: Session) -> None:
    admin = _actor(session, "root")
    idea = _idea(session, "IDE-2026-00001")
    with pytest.raises(ValidationError) as refused:
        triage.change_stage(session=session, actor=admin, idea_id=idea.id, to_stage="parked")
    assert refused.value.fields["obstacle_kind"].key == "obstacles.kind_required"
    with pytest.raises(ValidationError):
        triage.change_stage(session=session, actor=admin, idea_id=idea.id, to_stage="parked", obstacle_kind="nej")
    session.refresh(idea)
    assert (idea.stage, idea.obstacle_kind) == ("received", None)

    triage.change_stage(session=session, actor=admin, idea_id=idea.id, to_stage="parked", obstacle_kind="financing")
    session.refresh(idea)
    assert (idea.stage, idea.obstacle_kind) == ("parked", "financing")
    assert triage.idea_detail(session=session, actor=admin, idea_id=idea.id).obstacle_kind == "financing"
    triage.change_stage(session=session, actor=admin, idea_id=idea.id, to_stage="received")
    session.refresh(idea)
    assert idea.obstacle_kind is None


def test_a_fund_project_stops_early_with_its_obstacle_and_reason(session: Session) -> None:
    admin = _actor(session, "root")
    project = session.exec(select(m.FundApplication)).one()
    with pytest.raises(PermissionDenied):
        decisions.stop_project(
            session=session, actor=_actor(session, "boss"), application_id=project.id, obstacle_kind="time", reason="x"
        )
    with pytest.raises(ValidationError) as refused:
        decisions.stop_project(session=session, actor=admin, application_id=project.id, obstacle_kind=None, reason="")
    assert "obstacle_kind" in refused.value.fields
    decisions.stop_project(
        session=session,
        actor=admin,
        application_id=project.id,
        obstacle_kind="competence",
        reason="Projektledaren slutade och ingen kunde ta över.",
    )
    session.refresh(project)
    assert (project.status, project.obstacle_kind) == ("closed", "competence")
    with pytest.raises(InvalidTransition):
        decisions.stop_project(
            session=session, actor=admin, application_id=project.id, obstacle_kind="time", reason="Igen"
        )
    event = session.exec(select(m.FundApplicationEvent).where(m.FundApplicationEvent.to_status == "closed")).one()
    assert event.text == "Projektledaren slutade och ingen kunde ta över."


def test_the_register_is_written_by_admins_and_read_by_the_council(session: Session) -> None:
    admin = _actor(session, "root")
    obstacle = register.create_obstacle(
        session=session,
        actor=admin,
        data={
            "title": "Ramavtal saknar optioner",
            "kind": "procurement",
            "description": "Nya lösningar kan inte avropas.",
            "owner_id": admin.id,
        },
    )
    register.add_case(session=session, actor=admin, obstacle_id=obstacle.id, linked_kind="idea", code="ide-2026-00001")
    register.add_case(
        session=session, actor=admin, obstacle_id=obstacle.id, linked_kind="fund_application", code="FON-2026-0001"
    )
    with pytest.raises(ValidationError) as refused:
        register.add_case(
            session=session, actor=admin, obstacle_id=obstacle.id, linked_kind="idea", code="IDE-2026-00001"
        )
    assert refused.value.fields["linked_code"].key == "obstacles.case_twice"
    with pytest.raises(ValidationError):
        register.add_case(
            session=session, actor=admin, obstacle_id=obstacle.id, linked_kind="idea", code="IDE-1999-00001"
        )

    council = _actor(session, "rådet")
    [row] = register.list_obstacles(session=session, actor=council).items
    assert (row.title, row.kind, row.cases, row.status) == ("Ramavtal saknar optioner", "procurement", 2, "open")
    cases = register.cases_of(session=session, actor=council, obstacle_id=obstacle.id)
    assert [(c.record.kind, c.record.code) for c in cases] == [
        ("idea", "IDE-2026-00001"),
        ("fund_application", "FON-2026-0001"),
    ]
    register.set_resolved(session=session, actor=admin, obstacle_id=obstacle.id, resolved=True)
    assert register.list_obstacles(session=session, actor=council, status="open").total == 0
    with pytest.raises(InvalidTransition):
        register.set_resolved(session=session, actor=admin, obstacle_id=obstacle.id, resolved=True)
    actions = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "obstacle")).all()
    assert sorted(actions) == ["obstacle.case_added", "obstacle.case_added", "obstacle.created", "obstacle.resolved"]


@pytest.mark.parametrize("username", ["rådet", "boss", "staff"])
def test_only_admins_write_the_register(session: Session, username: str) -> None:
    someone = _actor(session, username)
    data = {"title": "Hinder", "kind": "time", "description": "Text", "owner_id": someone.id}
    with pytest.raises(PermissionDenied):
        register.create_obstacle(session=session, actor=someone, data=data)
    obstacle = register.create_obstacle(session=session, actor=_actor(session, "root"), data=data)
    with pytest.raises(PermissionDenied):
        register.update_obstacle(session=session, actor=someone, obstacle_id=obstacle.id, data=data)
    with pytest.raises(PermissionDenied):
        register.add_case(session=session, actor=someone, obstacle_id=obstacle.id, linked_kind="idea", code="x")
    with pytest.raises(PermissionDenied):
        register.set_resolved(session=session, actor=someone, obstacle_id=obstacle.id, resolved=True)


@pytest.mark.parametrize("username", ["boss", "staff"])
def test_managers_and_employees_read_neither_register_nor_figures(session: Session, username: str) -> None:
    someone = _actor(session, username)
    for call in (
        lambda: register.list_obstacles(session=session, actor=someone),
        lambda: figures.by_kind(session=session, actor=someone),
        lambda: figures.by_area(session=session, actor=someone),
        lambda: figures.by_organisation(session=session, actor=someone),
        lambda: figures.cases(session=session, actor=someone, kind="time"),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_bad_register_input_is_refused_and_writes_nothing(session: Session) -> None:
    admin = _actor(session, "root")
    with pytest.raises(ValidationError) as refused:
        register.create_obstacle(
            session=session, actor=admin, data={"title": " ", "kind": "väder", "description": "", "owner_id": 999_999}
        )
    assert set(refused.value.fields) == {"title", "kind", "description"}
    with pytest.raises(ValidationError) as refused:
        register.create_obstacle(
            session=session, actor=admin, data={"title": "T", "kind": "time", "description": "D", "owner_id": 999_999}
        )
    assert refused.value.fields["owner_id"].key == "obstacles.owner_unknown"
    assert session.exec(select(m.Obstacle)).all() == []


def test_figures_count_by_kind_area_and_organisation_and_show_the_cases_behind(session: Session) -> None:
    admin = _actor(session, "root")
    council = _actor(session, "rådet")
    for ref, kind in (("IDE-2026-00001", "law"), ("IDE-2026-00002", "law")):
        triage.change_stage(
            session=session,
            actor=admin,
            idea_id=_idea(session, ref).id,
            to_stage="closed",
            text="Nej",
            obstacle_kind=kind,
        )
    project = session.exec(select(m.FundApplication)).one()
    decisions.stop_project(session=session, actor=admin, application_id=project.id, obstacle_kind="law", reason="Lag")

    law = next(k for k in figures.by_kind(session=session, actor=council) if k.kind == "law")
    assert (law.ideas_parked, law.ideas_closed, law.projects_stopped, law.total) == (0, 2, 1, 3)
    areas = {
        session.get(m.Area, a).code: n for a, k, n in figures.by_area(session=session, actor=council) if k == "law"
    }
    assert areas == {"health": 2, "culture": 1}  # the cross-sector VR idea counts on both of its areas
    orgs = figures.by_organisation(session=session, actor=council)
    assert orgs == [("KS", "law", 2), ("KF", "law", 1)]
    behind = figures.cases(session=session, actor=council, kind="law")
    assert sorted(r.ref for r in behind.items) == ["FON-2026-0001", "IDE-2026-00001", "IDE-2026-00002"]
    in_health = figures.cases(
        session=session, actor=council, kind="law", area_id=_idea(session, "IDE-2026-00001").area_id
    )
    assert sorted(r.ref for r in in_health.items) == ["IDE-2026-00001", "IDE-2026-00002"]
    assert figures.by_kind(session=session, actor=council, year=2020)[0].total == 0
    # A year counts the projects stopped in it too, as by kind (the stopped project is this year's).
    assert figures.by_organisation(session=session, actor=council, year=2020) == []
    assert figures.by_area(session=session, actor=council, year=2020) == []
    assert figures.cases(session=session, actor=council, kind="law", year=2020).total == 0  # what the figure holds
    this_year = figures.cases(session=session, actor=council, kind="law", year=project.updated_at.year)
    assert this_year.total == 3 and len(this_year.items) == 3

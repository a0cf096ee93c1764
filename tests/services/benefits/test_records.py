"""Recording benefits: who may read and write them for an idea or a funded project, what input is
refused (and that nothing is then written), measurements over time, and the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

import db
import models as m
from services.benefits import records
from services.people.auth import Actor, load_actor
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests import factories as f

TODAY = date(2026, 3, 1)
BENEFIT = {"kind": "economic", "description": "Färre återbesök", "unit": "sek_per_year", "estimated_value": "1 200 000"}


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


@pytest.fixture
def world(s: Session) -> dict:
    """KS (health) with its manager, an employee who owns an idea, the applicant of a funded project;
    SL's manager; an admin; a council member."""
    health = f.area(s, "health")
    transport = f.area(s, "transport")
    ks = f.organisation(s, health, "KS")
    sl = f.organisation(s, transport, "SL")
    users = {
        "admin": f.user(s, "admin", "admin"),
        "council": f.user(s, "council", "council"),
        "ks_manager": f.user(s, "ks_manager", "manager", ks),
        "sl_manager": f.user(s, "sl_manager", "manager", sl),
        "owner": f.user(s, "owner", "employee", ks, display_name="Olle Ägare"),
        "applicant": f.user(s, "applicant", "employee", ks),
        "colleague": f.user(s, "colleague", "employee", ks),
    }
    implementing = f.idea(s, health, "2025-02-01", "implementation", organisation_id=ks.id, owner_id=users["owner"].id)
    testing = f.idea(s, health, "2025-03-01", "testing", organisation_id=ks.id, owner_id=users["owner"].id)
    call = f.call(s, 2025)
    funded = f.application(s, call, users["applicant"], ks, status="in_progress", granted_sek=80_000)
    rejected = f.application(s, call, users["applicant"], ks, status="rejected")
    s.commit()
    return {
        "users": users,
        "idea": implementing.id,
        "testing": testing.id,
        "project": funded.id,
        "rejected": rejected.id,
    }


def who(s: Session, username: str) -> Actor:
    found = load_actor(s, username)
    assert found is not None
    return found


def count(s: Session, table) -> int:
    return s.exec(select(func.count()).select_from(table)).one()


def add(s: Session, username: str, world: dict, **kwargs) -> records.BenefitRow:
    target = kwargs.pop("target", {"idea_id": world["idea"]})
    return records.add_benefit(
        session=s, actor=who(s, username), data=kwargs.pop("data", BENEFIT), today=TODAY, **target, **kwargs
    )


@pytest.mark.parametrize("username", ["admin", "ks_manager", "owner"])
def test_the_idea_s_owner_its_organisation_s_managers_and_admins_record_and_read(
    s: Session, world: dict, username: str
) -> None:
    row = add(s, username, world)
    assert (row.unit, row.estimated_value, row.recorded_by) == (
        "sek_per_year",
        1_200_000.0,
        who(s, username).display_name,
    )
    shown = records.for_idea(session=s, actor=who(s, username), idea_id=world["idea"])
    assert [r.description for r in shown] == ["Färre återbesök"]


@pytest.mark.parametrize("username", ["sl_manager", "colleague", "council", "applicant"])
def test_others_may_neither_record_nor_read_an_idea_s_benefits(s: Session, world: dict, username: str) -> None:
    with pytest.raises(PermissionDenied):
        add(s, username, world)
    add(s, "admin", world)
    with pytest.raises(PermissionDenied):
        records.for_idea(session=s, actor=who(s, username), idea_id=world["idea"])
    assert count(s, m.BenefitRecord) == 1


@pytest.mark.parametrize("username", ["admin", "ks_manager", "applicant"])
def test_a_funded_project_s_applicant_its_managers_and_admins_record(s: Session, world: dict, username: str) -> None:
    row = add(s, username, world, target={"application_id": world["project"]})
    assert row.application_id == world["project"]
    assert records.may_write(session=s, actor=who(s, username), application_id=world["project"])


@pytest.mark.parametrize("username", ["sl_manager", "colleague", "owner"])
def test_others_may_not_record_for_a_project(s: Session, world: dict, username: str) -> None:
    with pytest.raises(PermissionDenied):
        add(s, username, world, target={"application_id": world["project"]})
    assert not records.may_write(session=s, actor=who(s, username), application_id=world["project"])


def test_only_an_idea_being_implemented_or_a_funded_project_records(s: Session, world: dict) -> None:
    with pytest.raises(InvalidTransition):
        add(s, "admin", world, target={"idea_id": world["testing"]})
    with pytest.raises(InvalidTransition):
        add(s, "admin", world, target={"application_id": world["rejected"]})
    with pytest.raises(NotFound):
        add(s, "admin", world, target={"idea_id": 999_999})
    assert not records.may_write(session=s, actor=who(s, "admin"), idea_id=world["testing"])
    assert count(s, m.BenefitRecord) == 0


@pytest.mark.parametrize(
    ("data", "measurement", "field", "key"),
    [
        ({**BENEFIT, "estimated_value": "-5"}, None, "estimated_value", "benefits.value_negative"),
        ({**BENEFIT, "estimated_value": "12 000 000 000"}, None, "estimated_value", "benefits.value_absurd"),
        ({**BENEFIT, "estimated_value": "1e9"}, None, "estimated_value", "errors.not_a_number"),
        ({**BENEFIT, "unit": None}, None, "unit", "benefits.unit_required"),
        ({**BENEFIT, "estimated_value": ""}, None, "estimated_value", "benefits.value_required"),
        ({**BENEFIT, "description": " "}, None, "description", "errors.required"),
        (
            BENEFIT,
            {"value": "10", "measured_on": None, "measured_by": "Controller"},
            "first_measured_on",
            "errors.required",
        ),
        (
            BENEFIT,
            {"value": "-1", "measured_on": date(2026, 1, 5), "measured_by": "C"},
            "first_value",
            "benefits.value_negative",
        ),
        (
            BENEFIT,
            {"value": "10", "measured_on": date(2026, 3, 2), "measured_by": "Controller"},
            "first_measured_on",
            "benefits.measured_on_range",
        ),
        (
            {**BENEFIT, "unit": "hours_per_year"},
            {"value": "6 000 000", "measured_on": date(2026, 1, 5), "measured_by": "HR"},
            "first_value",
            "benefits.value_absurd",
        ),
    ],
)
def test_bad_input_is_refused_per_field_and_nothing_is_written(
    s: Session, world: dict, data: dict, measurement: dict | None, field: str, key: str
) -> None:
    audit_before = count(s, m.AuditLog)
    with pytest.raises(ValidationError) as refused:
        add(s, "owner", world, data=data, measurement=measurement)
    assert refused.value.fields[field].key == key
    s.rollback()
    assert (count(s, m.BenefitRecord), count(s, m.BenefitMeasurement), count(s, m.AuditLog)) == (0, 0, audit_before)


def test_a_refusal_names_every_bad_field_at_once(s: Session, world: dict) -> None:
    with pytest.raises(ValidationError) as refused:
        add(
            s,
            "owner",
            world,
            data={**BENEFIT, "unit": "", "description": ""},
            measurement={"value": "abc", "measured_on": date(2026, 1, 1), "measured_by": "x"},
        )
    assert set(refused.value.fields) == {"unit", "description", "first_value", "first_measured_by"}


def test_measurements_over_time_the_latest_is_what_was_realised_and_each_write_is_audited(
    s: Session, world: dict
) -> None:
    owner = who(s, "owner")
    row = add(
        s,
        "owner",
        world,
        measurement={"value": "400 000", "measured_on": date(2025, 6, 30), "measured_by": "Controller, KS"},
    )
    row = records.add_measurement(
        session=s,
        actor=who(s, "ks_manager"),
        benefit_id=row.id,
        data={"value": "950 000,5", "measured_on": date(2025, 12, 31), "measured_by": "Controller, KS"},
        today=TODAY,
    )
    assert [(x.measured_on, x.value) for x in row.measurements] == [
        (date(2025, 12, 31), 950_000.5),
        (date(2025, 6, 30), 400_000.0),
    ]
    assert row.latest is not None and row.latest.recorded_by == "Ks_Manager"
    with pytest.raises(ValidationError) as twice:
        records.add_measurement(
            session=s,
            actor=owner,
            benefit_id=row.id,
            data={"value": "1", "measured_on": date(2025, 12, 31), "measured_by": "HR"},
            today=TODAY,
        )
    assert twice.value.fields["measured_on"].key == "benefits.measured_twice"
    s.rollback()
    actions = s.exec(
        select(m.AuditLog.action, m.AuditLog.actor_id)
        .where(m.AuditLog.entity == "benefitrecord")
        .order_by(m.AuditLog.id)
    ).all()
    assert actions == [
        ("benefit.recorded", owner.id),
        ("benefit.measured", owner.id),
        ("benefit.measured", who(s, "ks_manager").id),
    ]


def test_changing_removing_and_the_unit_of_a_measured_benefit(s: Session, world: dict) -> None:
    owner = who(s, "owner")
    row = add(s, "owner", world)
    changed = records.update_benefit(
        session=s,
        actor=owner,
        benefit_id=row.id,
        data={**BENEFIT, "estimated_value": "800000", "unit": "hours_per_year"},
    )
    assert (changed.unit, changed.estimated_value) == ("hours_per_year", 800_000.0)
    records.add_measurement(
        session=s,
        actor=owner,
        benefit_id=row.id,
        data={"value": "700", "measured_on": date(2026, 2, 1), "measured_by": "HR"},
        today=TODAY,
    )
    with pytest.raises(ValidationError) as locked:
        records.update_benefit(session=s, actor=owner, benefit_id=row.id, data=BENEFIT)
    assert locked.value.fields["unit"].key == "benefits.unit_locked"
    s.rollback()
    with pytest.raises(PermissionDenied):
        records.delete_benefit(session=s, actor=who(s, "sl_manager"), benefit_id=row.id)
    measurement_id = records.for_idea(session=s, actor=owner, idea_id=world["idea"])[0].measurements[0].id
    records.delete_measurement(session=s, actor=owner, measurement_id=measurement_id)
    assert count(s, m.BenefitMeasurement) == 0
    records.delete_benefit(session=s, actor=who(s, "admin"), benefit_id=row.id)
    assert count(s, m.BenefitRecord) == 0
    deleted = s.exec(select(m.AuditLog).where(m.AuditLog.action == "benefit.deleted")).one()
    assert deleted.entity_id == row.id and deleted.details["estimated_value"] == 800_000.0


def test_a_benefit_without_estimate_keeps_its_last_measurement(s: Session, world: dict) -> None:
    owner = who(s, "owner")
    row = add(
        s,
        "owner",
        world,
        data={**BENEFIT, "estimated_value": ""},
        measurement={"value": "5", "measured_on": date(2026, 1, 10), "measured_by": "Ekonomi"},
    )
    assert row.estimated_value is None and row.latest is not None
    with pytest.raises(InvalidTransition):
        records.delete_measurement(session=s, actor=owner, measurement_id=row.latest.id)
    assert count(s, m.BenefitMeasurement) == 1


def test_the_owner_s_ideas_to_follow_up(s: Session, world: dict) -> None:
    add(s, "owner", world)
    page = records.ideas_to_follow_up(session=s, actor=who(s, "owner"))
    assert [(i.id, i.benefits) for i in page.items] == [(world["idea"], 1)]  # the idea in test is not listed
    assert records.ideas_to_follow_up(session=s, actor=who(s, "colleague")).total == 0

"""Organisations and their innovation leads."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from models import Area, AuditLog, Organisation, User
from services.people import organisations
from services.shared.errors import PermissionDenied, ValidationError
from tests.conftest import actor


def _org(session: Session, short_name: str) -> Organisation:
    return session.exec(select(Organisation).where(Organisation.short_name == short_name)).one()


def test_list_organisations_shows_areas_and_leads(session: Session) -> None:
    rows = {o.short_name: o for o in organisations.list_organisations(session=session)}
    assert len(rows) == 15
    assert rows["KS"].area_code == "health" and rows["KS"].innovation_lead == "Maria Ekholm"
    assert rows["S:t Erik"].innovation_lead is None


def test_each_organisations_row_holds_its_own_record(session: Session) -> None:
    """Every field of every row against the records themselves (the rows are read as plain columns)."""
    rows = organisations.list_organisations(session=session)
    areas = {a.id: a for a in session.exec(select(Area))}
    for row in rows:
        org = session.get(Organisation, row.id)
        lead = session.get(User, org.innovation_lead_id) if org.innovation_lead_id else None
        assert row == organisations.OrganisationRow(
            id=org.id,
            name=org.name,
            short_name=org.short_name,
            kind=org.kind,
            area_id=org.area_id,
            area_code=areas[org.area_id].code,
            innovation_lead_id=org.innovation_lead_id,
            innovation_lead=lead.display_name if lead else None,
            lead_certified_on=lead.certified_innovation_leader_on if lead else None,
            staff_count=org.staff_count,
        )
    order = [(areas[r.area_id].sort_order, r.name) for r in rows]
    assert order == sorted(order)  # by area, then by name
    assert any(r.lead_certified_on for r in rows) and any(r.staff_count for r in rows)
    health = organisations.list_organisations(session=session, area_id=rows[0].area_id)
    assert health == [r for r in rows if r.area_id == rows[0].area_id]


def test_admin_appoints_a_lead_from_the_organisation(session: Session) -> None:
    st_erik = _org(session, "S:t Erik")
    amanda = session.exec(select(User).where(User.username == "amanda.roos")).one()
    organisations.set_innovation_lead(
        session=session, actor=actor(session, "admin"), organisation_id=st_erik.id, user_id=amanda.id
    )
    assert _org(session, "S:t Erik").innovation_lead_id == amanda.id
    assert (
        session.exec(select(AuditLog).where(AuditLog.action == "organisation.lead_set")).one().entity_id == st_erik.id
    )


def test_a_lead_from_another_organisation_is_refused(session: Session) -> None:
    st_erik = _org(session, "S:t Erik")
    other = session.exec(select(User).where(User.username == "employee")).one()
    with pytest.raises(ValidationError) as refused:
        organisations.set_innovation_lead(
            session=session, actor=actor(session, "admin"), organisation_id=st_erik.id, user_id=other.id
        )
    assert refused.value.fields["innovation_lead_id"].key == "organisations.lead_other_org"
    assert _org(session, "S:t Erik").innovation_lead_id is None


@pytest.mark.parametrize("username", ["council", "manager", "employee"])
def test_only_admins_appoint_leads(session: Session, username: str) -> None:
    with pytest.raises(PermissionDenied):
        organisations.set_innovation_lead(
            session=session, actor=actor(session, username), organisation_id=_org(session, "KS").id, user_id=None
        )


def test_create_organisation_refuses_a_taken_name(session: Session) -> None:
    admin = actor(session, "admin")
    area_id = _org(session, "KS").area_id
    with pytest.raises(ValidationError) as refused:
        organisations.create_organisation(
            session=session,
            actor=admin,
            data={
                "name": "karolinska universitetssjukhuset",
                "short_name": "KUS",
                "kind": "forvaltning",
                "area_id": area_id,
            },
        )
    assert "name" in refused.value.fields
    created = organisations.create_organisation(
        session=session,
        actor=admin,
        data={"name": "Habilitering & Hälsa", "short_name": "H&H", "kind": "forvaltning", "area_id": area_id},
    )
    assert _org(session, "H&H").id == created.id


def test_admin_sets_a_staff_count_as_typed_and_it_is_audited(session: Session) -> None:
    admin = actor(session, "admin")
    ks = _org(session, "KS")
    organisations.set_staff_count(session=session, actor=admin, organisation_id=ks.id, staff_count="16 800")
    assert session.get(Organisation, ks.id).staff_count == 16_800
    entry = session.exec(select(AuditLog).where(AuditLog.action == "organisation.staff_set")).one()
    assert entry.details["staff_count"] == 16_800 and entry.actor_id == admin.id
    for typed, key in [("-5", "errors.too_small"), ("många", "errors.not_a_number"), ("5000000", "errors.too_large")]:
        with pytest.raises(ValidationError) as refused:
            organisations.set_staff_count(session=session, actor=admin, organisation_id=ks.id, staff_count=typed)
        assert refused.value.fields["staff_count"].key == key
    assert session.get(Organisation, ks.id).staff_count == 16_800
    organisations.set_staff_count(session=session, actor=admin, organisation_id=ks.id, staff_count=" ")
    assert session.get(Organisation, ks.id).staff_count is None
    with pytest.raises(PermissionDenied):
        organisations.set_staff_count(
            session=session, actor=actor(session, "manager"), organisation_id=ks.id, staff_count=1
        )

"""Dated history: every change of a testbed's status, an organisation's innovation lead and a person's
certification is kept with its day, so that counts "at the year's end" are what stood on 31 December."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

import models as m
from services.annual_report import report
from services.indicators import computed
from services.people import organisations, users
from services.shared import history
from services.testbeds import catalogue
from tests.conftest import actor

LAST_YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def _changes(session: Session, model, **where) -> list:
    query = select(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return list(session.exec(query.order_by(model.changed_on, model.id)).all())


def test_a_testbed_closed_in_march_of_last_year_is_closed_not_open_in_its_bokslut(session: Session) -> None:
    """The demo's self-driving bus in Kista (SL) was open from 2023 and closed on 20 March 2025."""
    kista = session.exec(select(m.Testbed).where(m.Testbed.slug == "kista-sjalvkorande-buss")).one()
    assert [(c.status, c.changed_on) for c in _changes(session, m.TestbedStatusChange, testbed_id=kista.id)] == [
        ("open", date(2023, 2, 13)),
        ("closed", date(2025, 3, 20)),
    ]
    sl = report.org_key(kista.organisation_id)
    assert report.build(session, 2024)["levels"][sl]["testbeds"] == {"open": 2}
    assert report.build(session, 2025)["levels"][sl]["testbeds"] == {"closed": 1, "open": 1}


def test_changing_a_testbeds_status_keeps_the_day(session: Session) -> None:
    admin = actor(session, "admin")
    bed = session.exec(select(m.Testbed).where(m.Testbed.status == "planned")).first()
    catalogue.set_status(session=session, actor=admin, testbed_id=bed.id, status="open")
    latest = _changes(session, m.TestbedStatusChange, testbed_id=bed.id)[-1]
    assert (latest.status, latest.changed_on, latest.actor_id) == ("open", history.today(), admin.id)
    counts = catalogue.status_counts_on(session, history.today(), organisation_id=bed.organisation_id)
    assert any(testbed_status == "open" for _, _, testbed_status, _ in counts)


def test_a_lead_removed_today_still_counts_at_last_years_end(session: Session) -> None:
    admin = actor(session, "admin")
    before = computed.compute(session, "orgs_innovation_lead_share", **LAST_YEAR)
    ks = session.exec(select(m.Organisation).where(m.Organisation.short_name == "KS")).one()
    organisations.set_innovation_lead(session=session, actor=admin, organisation_id=ks.id, user_id=None)
    latest = _changes(session, m.InnovationLeadChange, organisation_id=ks.id)[-1]
    assert (latest.lead_id, latest.changed_on) == (None, history.today())
    assert computed.compute(session, "orgs_innovation_lead_share", **LAST_YEAR) == before
    today = {"start": date(history.today().year, 1, 1), "end": history.today()}
    orgs = session.exec(select(m.Organisation)).all()
    with_lead = sum(1 for o in orgs if o.innovation_lead_id is not None)
    assert computed.compute(session, "orgs_innovation_lead_share", **today) == round(100 * with_lead / len(orgs), 1)


def test_a_certified_leader_who_leaves_counts_until_the_day_they_leave(session: Session) -> None:
    admin = actor(session, "admin")
    today = {"start": date(history.today().year, 1, 1), "end": history.today()}
    leader = session.exec(
        select(m.User).where(m.User.username == "maria.ekholm")  # certified in 2024
    ).one()
    last_year, now = (computed.compute(session, "certified_innovation_leaders", **s) for s in (LAST_YEAR, today))
    users.set_active(session=session, actor=admin, user_id=leader.id, active=False)
    assert computed.compute(session, "certified_innovation_leaders", **LAST_YEAR) == last_year
    assert computed.compute(session, "certified_innovation_leaders", **today) == now - 1
    users.set_active(session=session, actor=admin, user_id=leader.id, active=True)
    assert computed.compute(session, "certified_innovation_leaders", **today) == now
    # Removing the certification ends it today; setting a date certifies from that date.
    employee = session.exec(select(m.User).where(m.User.username == "employee")).one()
    data = {
        "display_name": employee.display_name,
        "email": employee.email,
        "role": employee.role,
        "organisation_id": employee.organisation_id,
        "certified_innovation_leader_on": date(2025, 6, 1),
    }
    users.update_user(session=session, actor=admin, user_id=employee.id, data=data)
    assert computed.compute(session, "certified_innovation_leaders", **LAST_YEAR) == last_year + 1
    users.update_user(
        session=session, actor=admin, user_id=employee.id, data={**data, "certified_innovation_leader_on": None}
    )
    assert computed.compute(session, "certified_innovation_leaders", **LAST_YEAR) == last_year + 1
    assert computed.compute(session, "certified_innovation_leaders", **today) == now

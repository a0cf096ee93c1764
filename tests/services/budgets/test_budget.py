"""Innovation budget per organisation and year against its outcome: admins set, the council reads all,
a manager reads their own; bad amounts are refused and write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.budgets import budget
from services.people.auth import Actor, load_actor
from services.shared.errors import PermissionDenied, ValidationError
from tests import factories as f


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        ks = f.organisation(session, health, "KS")
        sos = f.organisation(session, health, "SöS")
        f.user(session, "root", "admin", ks)
        f.user(session, "rådet", "council", ks)
        boss = f.user(session, "boss", "manager", ks)
        f.user(session, "other", "manager", sos)
        f.user(session, "nobody", "employee", ks)
        call = f.call(session, 2026)
        f.application(
            session,
            call,
            boss,
            ks,
            requested_sek=400_000,
            status="in_progress",
            granted_sek=300_000,
            decided_on=date(2026, 4, 10),
        )
        idea = f.idea(session, health, "2026-02-01", stage="implementation", organisation_id=ks.id)
        idea.stage_changed_at = datetime(2026, 6, 1, 9, tzinfo=UTC)
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


def _org(session: Session, short: str) -> int:
    return session.exec(select(m.Organisation.id).where(m.Organisation.short_name == short)).one()


def test_an_admin_sets_a_budget_and_the_outcome_stands_beside_it(session: Session) -> None:
    admin = _actor(session, "root")
    ks = _org(session, "KS")
    budget.set_budget(session=session, actor=admin, organisation_id=ks, data={"year": 2026, "budget_sek": "1 000 000"})
    budget.set_budget(
        session=session, actor=admin, organisation_id=ks, data={"year": 2026, "budget_sek": 1_200_000, "note": "Höjd"}
    )  # a change, not a second row
    assert len(session.exec(select(m.InnovationBudget)).all()) == 1
    rows = {r.organisation_id: r for r in budget.outcome(session=session, actor=_actor(session, "rådet"), year=2026)}
    ks_row = rows[ks]
    assert (ks_row.budget_sek, ks_row.note, ks_row.granted_sek, ks_row.projects_running) == (
        1_200_000,
        "Höjd",
        300_000,
        1,
    )
    assert ks_row.granted_share == pytest.approx(25.0)
    sos = rows[_org(session, "SöS")]
    assert sos.budget_sek is None and sos.granted_share is None
    [own] = budget.outcome(session=session, actor=_actor(session, "boss"), year=2026, organisation_id=ks)
    assert own.budget_sek == 1_200_000
    audited = session.exec(select(m.AuditLog.action).where(m.AuditLog.action == "innovation_budget.set")).all()
    assert len(audited) == 2


def test_permissions_for_budgets(session: Session) -> None:
    ks = _org(session, "KS")
    for username in ("rådet", "boss"):
        with pytest.raises(PermissionDenied):
            budget.set_budget(
                session=session,
                actor=_actor(session, username),
                organisation_id=ks,
                data={"year": 2026, "budget_sek": 1},
            )
    with pytest.raises(PermissionDenied):  # a manager reads their own organisation only
        budget.outcome(session=session, actor=_actor(session, "other"), year=2026, organisation_id=ks)
    with pytest.raises(PermissionDenied):  # and not every organisation at once
        budget.outcome(session=session, actor=_actor(session, "boss"), year=2026)


@pytest.mark.parametrize("amount", ["-5", "mycket", "1e6", None])
def test_a_bad_amount_is_refused_and_nothing_is_written(session: Session, amount: str | None) -> None:
    with pytest.raises(ValidationError) as refused:
        budget.set_budget(
            session=session,
            actor=_actor(session, "root"),
            organisation_id=_org(session, "KS"),
            data={"year": 2026, "budget_sek": amount},
        )
    assert "budget_sek" in refused.value.fields
    assert session.exec(select(m.InnovationBudget)).all() == []


def test_the_dashboards_total_counts_the_share_over_budgeted_organisations_and_managers_see_their_own(
    session: Session,
) -> None:
    admin = _actor(session, "root")
    ks, sos = _org(session, "KS"), _org(session, "SöS")
    health = session.exec(select(m.Area.id)).one()
    # SöS has no budget but money granted: it counts in what was granted, not in the share of the budget.
    call = session.exec(select(m.FundCall)).one()
    other = session.exec(select(m.User).where(m.User.username == "other")).one()
    f.application(
        session,
        call,
        other,
        session.get(m.Organisation, sos),
        status="approved",
        granted_sek=100_000,
        decided_on=date(2026, 5, 2),
    )
    session.commit()
    budget.set_budget(session=session, actor=admin, organisation_id=ks, data={"year": 2026, "budget_sek": 600_000})

    council = budget.area_outcome(session=session, actor=_actor(session, "rådet"), year=2026, area_id=health)
    assert council.year == 2026 and {r.organisation_id for r in council.rows} == {ks, sos}
    total = council.total
    assert (total.organisations, total.budgeted, total.budget_sek, total.granted_sek) == (2, 1, 600_000, 400_000)
    assert total.granted_share == pytest.approx(50.0)  # KS's 300 000 of its 600 000, not 400 000
    assert (total.projects_running, total.ideas_implemented) == (2, 1)
    region = budget.area_outcome(session=session, actor=admin, year=2026)
    assert region.total == total  # one area in this region

    mine = budget.area_outcome(session=session, actor=_actor(session, "boss"), year=2026, area_id=health)
    assert mine.total == total and [r.organisation_id for r in mine.rows] == [ks]  # the total, and their own
    with pytest.raises(PermissionDenied):
        budget.area_outcome(session=session, actor=_actor(session, "nobody"), year=2026)
    assert budget.area_outcome(session=session, actor=admin, year=2025).total.budget_sek is None

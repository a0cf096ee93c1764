"""Procurements with innovation: started from an assessed response (need, response and partner linked),
moved along Upphandlingsmyndigheten's steps, logged, linked to testbeds and ideas; and the figures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

import models as m
from services.samverkan import figures, needs, procurements
from services.shared.errors import InvalidTransition, PermissionDenied, ValidationError
from tests.services.samverkan.conftest import TODAY, respond, who

DATA = {"title": "Fallsensorer", "method": None, "estimated_value_sek": "2 500 000"}


def _cleared_response(session, ids, username: str = "boss.ks") -> int:
    respond(session, ids["need"])
    response_id = session.exec(select(m.NeedResponse.id)).one()
    needs.declare(session=session, actor=who(session, username), response_id=response_id, conflict=False)
    return response_id


def test_a_procurement_started_from_a_response_links_need_response_and_partner(region) -> None:
    session, ids = region
    response_id = _cleared_response(session, ids)
    boss = who(session, "boss.ks")
    started = procurements.start_from_response(
        session=session, actor=boss, response_id=response_id, data=DATA, today=TODAY
    )
    assert started.ref == "UPH-2026-0001" and started.estimated_value_sek == 2_500_000
    detail = procurements.get_procurement(session=session, actor=boss, procurement_id=started.id)
    assert detail.need_title == "Färre fall på natten" and detail.response_ref == "UTM-2026-0001"
    assert detail.row.partner == "Sensa AB" and detail.row.stage == "needs_analysis"
    partner = session.get(m.Partner, detail.partner_id)
    assert (partner.org_number, partner.kind, partner.organisation_id) == ("556016-0680", "company", ids["ks"])
    assert session.get(m.NeedResponse, response_id).status == "taken_forward"
    with pytest.raises(InvalidTransition):
        procurements.start_from_response(session=session, actor=boss, response_id=response_id, data=DATA)
    # A second response from the same organisation number finds the same partner.
    respond(session, ids["need"], responder_org="Sensa Aktiebolag")
    second = session.exec(select(m.NeedResponse.id).where(m.NeedResponse.ref == "UTM-2026-0002")).one()
    needs.declare(session=session, actor=boss, response_id=second, conflict=False)
    again = procurements.start_from_response(session=session, actor=boss, response_id=second, data=DATA)
    assert again.partner_id == partner.id


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("root", True), ("boss.ks", True), ("boss.sl", False), ("staff.ks", False), ("wise", False), (None, False)],
)
def test_who_may_start_read_and_move_a_procurement(region, username, allowed) -> None:
    session, ids = region
    response_id = _cleared_response(session, ids, "root")
    actor = who(session, username)
    if allowed:
        if username != "root":
            needs.declare(session=session, actor=actor, response_id=response_id, conflict=False)
        started = procurements.start_from_response(session=session, actor=actor, response_id=response_id, data=DATA)
        procurements.move_stage(session=session, actor=actor, procurement_id=started.id, to_stage="market_dialogue")
        assert procurements.list_procurements(session=session, actor=actor).total == 1
        return
    with pytest.raises(PermissionDenied):
        procurements.start_from_response(session=session, actor=actor, response_id=response_id, data=DATA)
    started = procurements.start_from_response(
        session=session, actor=who(session, "root"), response_id=response_id, data=DATA
    )
    for call in (
        lambda: procurements.get_procurement(session=session, actor=actor, procurement_id=started.id),
        lambda: procurements.move_stage(
            session=session, actor=actor, procurement_id=started.id, to_stage="market_dialogue"
        ),
        lambda: procurements.log_activity(
            session=session, actor=actor, procurement_id=started.id, kind="rfi", occurred_on=TODAY, text="RFI"
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    if username == "boss.sl":
        assert procurements.list_procurements(session=session, actor=actor).total == 0
    else:
        with pytest.raises(PermissionDenied):
            procurements.list_procurements(session=session, actor=actor)


def test_starting_needs_the_starters_own_declaration(region) -> None:
    session, ids = region
    response_id = _cleared_response(session, ids, "root")
    with pytest.raises(PermissionDenied) as refused:
        procurements.start_from_response(
            session=session, actor=who(session, "boss.ks"), response_id=response_id, data=DATA
        )
    assert refused.value.key == "samverkan.declare_first"


def test_the_pipeline_moves_one_step_at_a_time_and_needs_a_procedure_before_announcement(region) -> None:
    session, ids = region
    boss = who(session, "boss.ks")
    p = procurements.create_procurement(session=session, actor=boss, organisation_id=ids["ks"], data=DATA, today=TODAY)
    with pytest.raises(InvalidTransition):
        procurements.move_stage(session=session, actor=boss, procurement_id=p.id, to_stage="evaluation")
    procurements.move_stage(
        session=session, actor=boss, procurement_id=p.id, to_stage="market_dialogue", occurred_on=date(2026, 3, 3)
    )
    procurements.log_activity(
        session=session, actor=boss, procurement_id=p.id, kind="rfi", occurred_on=date(2026, 3, 5), text="RFI ute"
    )
    procurements.log_activity(
        session=session, actor=boss, procurement_id=p.id, kind="meeting", occurred_on=date(2026, 3, 9), text="Möte"
    )
    procurements.add_testbed(
        session=session, actor=boss, procurement_id=p.id, testbed_id=ids["sim"], stage="market_dialogue"
    )
    procurements.move_stage(
        session=session, actor=boss, procurement_id=p.id, to_stage="procedure", occurred_on=date(2026, 3, 10)
    )
    with pytest.raises(ValidationError) as refused:
        procurements.move_stage(session=session, actor=boss, procurement_id=p.id, to_stage="announcement")
    assert refused.value.fields["method"].key == "samverkan.method_required"
    procurements.update_procurement(
        session=session, actor=boss, procurement_id=p.id, data=DATA | {"method": "innovation_partnership"}
    )
    procurements.move_stage(
        session=session, actor=boss, procurement_id=p.id, to_stage="announcement", occurred_on=date(2026, 3, 20)
    )
    detail = procurements.get_procurement(session=session, actor=boss, procurement_id=p.id)
    assert [e.kind for e in detail.events] == [
        "created",
        "stage_changed",
        "rfi",
        "meeting",
        "stage_changed",
        "stage_changed",
    ]
    assert detail.testbeds == [("Simulering", "market_dialogue")] and detail.row.uses_testbeds
    assert detail.next_stages == ("evaluation", "cancelled")
    with pytest.raises(ValidationError):
        procurements.update_procurement(session=session, actor=boss, procurement_id=p.id, data=DATA)  # method again
    actions = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "procurement")).all()
    assert actions.count("procurement.stage_changed") == 3 and "procurement.rfi_logged" in actions


@pytest.mark.parametrize("value", ["-5", "mycket", "1e9"])
def test_a_bad_value_is_refused(region, value) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as refused:
        procurements.create_procurement(
            session=session,
            actor=who(session, "root"),
            organisation_id=ids["ks"],
            data=DATA | {"estimated_value_sek": value},
        )
    assert "estimated_value_sek" in refused.value.fields
    assert session.exec(select(m.Procurement)).all() == []


def test_the_figures_count_needs_responses_procurements_and_partners(region) -> None:
    session, ids = region
    before = figures.samverkan_figures(session)
    assert (before.needs_published, before.needs_answered, before.procurements) == (1, 0, 0)
    response_id = _cleared_response(session, ids)
    boss = who(session, "boss.ks")
    p = procurements.start_from_response(session=session, actor=boss, response_id=response_id, data=DATA)
    procurements.update_procurement(
        session=session, actor=boss, procurement_id=p.id, data=DATA | {"method": "pre_commercial"}
    )
    procurements.add_testbed(
        session=session, actor=boss, procurement_id=p.id, testbed_id=ids["sim"], stage="needs_analysis"
    )
    procurements.create_procurement(
        session=session, actor=boss, organisation_id=ids["ks"], data=DATA | {"estimated_value_sek": None}
    )
    now = figures.samverkan_figures(session)
    assert (now.needs_published, now.needs_answered, now.responses, now.responses_per_need) == (1, 1, 1, 1.0)
    assert (now.procurements, now.procurements_value_sek, now.procurements_with_tests) == (2, 2_500_000, 1)
    assert now.share_with_tests == 50.0
    assert {(r.method, r.procurements, r.value_sek) for r in now.by_method} == {
        ("pre_commercial", 1, 2_500_000),
        (None, 1, 0),
    }
    assert now.partners_by_kind == {"company": 1} and now.partners_active == 1
    assert figures.samverkan_figures(session, organisation_id=ids["sl"]).procurements == 0
    assert figures.samverkan_figures(session, area_code="health").procurements == 2
    assert figures.samverkan_figures(session, area_code="transport").needs_published == 0

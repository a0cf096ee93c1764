"""A response to a need taken forward into a testbed request or a fund application: who may, what the
new record takes from the response (nothing typed again), the links both ways, the notices, the audit
trail, and bad input refused with nothing written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import func, select

import models as m
from services.fund import applications
from services.samverkan import forward, needs
from services.shared.errors import InvalidTransition, PermissionDenied, ValidationError
from services.testbeds import requests
from tests import factories as f
from tests.factories import at
from tests.services.samverkan.conftest import TODAY, respond, who

NOW = at("2026-03-04")


def _response(session, ids, *cleared: str) -> int:
    respond(session, ids["need"])
    response_id = session.exec(select(m.NeedResponse.id)).one()
    for username in cleared:
        needs.declare(session=session, actor=who(session, username), response_id=response_id, conflict=False)
    return response_id


def _open_call(session, **values: Any) -> int:
    call = f.call(session, 2026, opens_on=date(2026, 2, 1), closes_on=date(2026, 3, 31), **values)
    session.commit()
    return call.id


def _fund_data(call_id: int | None, **changes: Any) -> dict[str, Any]:
    return {
        "call_id": call_id,
        "title": "Fallsensorer i vården",
        "summary": "En golvsensor som larmar personalen.",
        "expected_benefit": "Färre fallskador nattetid.",
        "benefit_kind": "social",
        "requested_sek": 250_000,
        "co_funding_sek": 50_000,
        "starts_on": date(2026, 5, 1),
        "ends_on": date(2026, 12, 31),
    } | changes


def _nothing_written(session, response_id: int) -> None:
    response = session.get(m.NeedResponse, response_id)
    assert (response.status, response.partner_id) == ("received", None)
    assert session.exec(select(func.count()).select_from(m.TestbedRequest)).one() == 0
    assert session.exec(select(func.count()).select_from(m.FundApplication)).one() == 0
    assert session.exec(select(func.count()).select_from(m.Partner)).one() == 0


def test_a_response_becomes_a_testbed_request_that_holds_what_the_response_holds(region) -> None:
    session, ids = region
    response_id = _response(session, ids, "boss.ks")
    boss = who(session, "boss.ks")
    made = forward.start_testbed_request(
        session=session,
        actor=boss,
        response_id=response_id,
        data={"testbed_id": ids["sim"], "wanted_period": " april "},
        now=NOW,
    )
    response = session.get(m.NeedResponse, response_id)
    assert made.ref == "TMR-2026-0001" and made.status == "new" and made.testbed_id == ids["sim"]
    assert (made.requester_org, made.requester_name, made.requester_email) == (
        "Sensa AB",
        "Lina Berg",
        "lina@sensa.example",
    )
    assert (made.requester_kind, made.description, made.wanted_period) == (
        "company",
        "En golvsensor som larmar personalen.",
        "april",
    )
    assert made.consent_at == response.consent_at and made.requester_language == "sv"
    assert made.response_id == response_id and made.first_response_at is None
    # The response shows what it became; the request where it came from.
    assert response.status == "taken_forward" and response.partner_id is not None
    [became] = needs.get_response(session=session, actor=boss, response_id=response_id).became
    assert (became.kind, became.ref, became.status, became.testbed, became.may_open) == (
        "testbed_request",
        "TMR-2026-0001",
        "new",
        "Simulering",
        True,
    )
    detail = requests.get_request(session=session, actor=boss, request_id=made.id, today=TODAY)
    assert detail.from_response == "UTM-2026-0001 · Färre fall på natten"
    assert [(e.actor, e.to_status) for e in detail.events] == [(boss.display_name, "new")]
    # The responder hears of it with a private link that opens the request; the testbed's owners too.
    mail = session.exec(select(m.Notification).where(m.Notification.kind == "samverkan.became_request")).one()
    assert mail.email == "lina@sensa.example" and mail.entity_id == made.id
    code = mail.link.split("kod=")[1]
    assert requests.track_request(session=session, code=code).ref == "TMR-2026-0001"
    owners = session.exec(select(m.Notification.user_id).where(m.Notification.kind == "testbed.new_request")).all()
    assert owners == [boss.id]
    actions = session.exec(select(m.AuditLog.action).order_by(m.AuditLog.id)).all()
    assert actions[-4:] == [
        "partner.created",
        "testbed_request.created",
        "testbed_request.partner_linked",
        "need_response.taken_forward",
    ]
    with pytest.raises(InvalidTransition) as again:
        forward.start_testbed_request(
            session=session, actor=boss, response_id=response_id, data={"testbed_id": ids["sim"]}
        )
    assert again.value.key == "samverkan.request_exists"


def test_a_request_for_another_organisations_testbed_goes_to_its_inbox(region) -> None:
    session, ids = region
    sl = session.get(m.Organisation, ids["sl"])
    bus = f.testbed(session, session.get(m.Area, ids["transport"]), sl, name="Bussdepån")
    session.commit()
    response_id = _response(session, ids, "boss.ks")
    boss = who(session, "boss.ks")
    made = forward.start_testbed_request(
        session=session, actor=boss, response_id=response_id, data={"testbed_id": bus.id}, now=NOW
    )
    [became] = needs.get_response(session=session, actor=boss, response_id=response_id).became
    assert became.testbed == "Bussdepån" and not became.may_open  # another organisation's inbox
    with pytest.raises(PermissionDenied):
        requests.get_request(session=session, actor=boss, request_id=made.id, today=TODAY)
    inbox = requests.inbox(session=session, actor=who(session, "boss.sl"), today=TODAY)
    assert [r.ref for r in inbox.items] == [made.ref]


def test_a_response_becomes_a_draft_fund_application_of_the_one_who_takes_it_forward(region) -> None:
    session, ids = region
    call_id = _open_call(session)
    response_id = _response(session, ids, "boss.ks")
    boss = who(session, "boss.ks")
    draft = forward.start_fund_application(
        session=session, actor=boss, response_id=response_id, data=_fund_data(call_id), today=TODAY
    )
    assert draft.ref == "FON-2026-0001" and draft.status == "draft" and draft.applicant_id == boss.id
    assert (draft.organisation_id, draft.area_id, draft.response_id) == (ids["ks"], ids["health"], response_id)
    assert session.get(m.NeedResponse, response_id).status == "taken_forward"
    [became] = needs.get_response(session=session, actor=boss, response_id=response_id).became
    assert (became.kind, became.ref, became.status, became.may_open) == ("application", "FON-2026-0001", "draft", True)
    view = applications.get_application(session=session, actor=boss, application_id=draft.id)
    assert view.from_response == "UTM-2026-0001 · Färre fall på natten"
    mine = applications.list_applications(session=session, actor=boss, mine_only=True)
    assert [r.ref for r in mine.items] == ["FON-2026-0001"]
    applications.submit_application(session=session, actor=boss, application_id=draft.id, today=TODAY)
    assert session.get(m.FundApplication, draft.id).status == "submitted"
    audit = session.exec(select(m.AuditLog.details).where(m.AuditLog.action == "need_response.taken_forward")).one()
    assert audit["application"] == "FON-2026-0001"
    with pytest.raises(InvalidTransition) as again:
        forward.start_fund_application(
            session=session, actor=boss, response_id=response_id, data=_fund_data(call_id), today=TODAY
        )
    assert again.value.key == "samverkan.application_exists"


def test_a_response_can_go_both_ways_and_to_a_procurement_but_not_once_declined(region) -> None:
    from services.samverkan import procurements

    session, ids = region
    call_id = _open_call(session)
    response_id = _response(session, ids, "root")
    root = who(session, "root")
    forward.start_testbed_request(session=session, actor=root, response_id=response_id, data={"testbed_id": ids["sim"]})
    forward.start_fund_application(
        session=session, actor=root, response_id=response_id, data=_fund_data(call_id), today=TODAY
    )
    procurements.start_from_response(session=session, actor=root, response_id=response_id, data={"title": "Sensorer"})
    detail = needs.get_response(session=session, actor=root, response_id=response_id)
    assert [b.kind for b in detail.became] == ["testbed_request", "application"] and detail.procurement_ref
    assert session.exec(select(func.count()).select_from(m.Partner)).one() == 1  # one partner, found again

    respond(session, ids["need"], responder_org="Annat AB", org_number=None)
    other = session.exec(select(m.NeedResponse.id).where(m.NeedResponse.ref == "UTM-2026-0002")).one()
    needs.declare(session=session, actor=root, response_id=other, conflict=False)
    needs.decline(session=session, actor=root, response_id=other)
    for start in (
        lambda: forward.start_testbed_request(
            session=session, actor=root, response_id=other, data={"testbed_id": ids["sim"]}
        ),
        lambda: forward.start_fund_application(
            session=session, actor=root, response_id=other, data=_fund_data(call_id), today=TODAY
        ),
    ):
        with pytest.raises(InvalidTransition) as refused:
            start()
        assert refused.value.key == "samverkan.response_declined"


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("root", True), ("boss.ks", True), ("boss.sl", False), ("staff.ks", False), ("wise", False), (None, False)],
)
@pytest.mark.parametrize("target", ["testbed_request", "application"])
def test_who_may_take_a_response_forward(region, username, allowed, target) -> None:
    session, ids = region
    call_id = _open_call(session)
    response_id = _response(session, ids)
    actor = who(session, username)

    def start() -> Any:
        if target == "testbed_request":
            return forward.start_testbed_request(
                session=session, actor=actor, response_id=response_id, data={"testbed_id": ids["sim"]}
            )
        return forward.start_fund_application(
            session=session, actor=actor, response_id=response_id, data=_fund_data(call_id), today=TODAY
        )

    if not allowed:
        with pytest.raises(PermissionDenied):
            start()
        _nothing_written(session, response_id)
        return
    with pytest.raises(PermissionDenied) as undeclared:  # first the declaration of no conflict (jäv)
        start()
    assert undeclared.value.key == "samverkan.declare_first"
    needs.declare(session=session, actor=actor, response_id=response_id, conflict=False)
    made = start()
    assert made.response_id == response_id


def test_an_assessor_with_a_conflict_cannot_take_the_response_forward(region) -> None:
    session, ids = region
    response_id = _response(session, ids)
    boss = who(session, "boss.ks")
    needs.declare(session=session, actor=boss, response_id=response_id, conflict=True, note="Delägare")
    with pytest.raises(PermissionDenied):
        forward.start_testbed_request(
            session=session, actor=boss, response_id=response_id, data={"testbed_id": ids["sim"]}
        )
    _nothing_written(session, response_id)


@pytest.mark.parametrize(
    ("data", "field", "key"),
    [
        ({}, "testbed_id", "errors.required"),
        ({"testbed_id": None}, "testbed_id", "errors.required"),
        ({"testbed_id": 999_999}, "testbed_id", "errors.not_allowed_value"),
        ({"testbed_id": "closed"}, "testbed_id", "testbeds.closed_no_requests"),
        ({"testbed_id": "sim", "wanted_period": "x" * 121}, "wanted_period", "errors.too_long"),
    ],
)
def test_bad_input_for_a_testbed_request_is_named_and_nothing_is_written(region, data, field, key) -> None:
    session, ids = region
    closed = f.testbed(session, session.get(m.Area, ids["health"]), session.get(m.Organisation, ids["ks"]))
    closed.status = "closed"
    session.commit()
    named = {"sim": ids["sim"], "closed": closed.id}
    data = {k: named.get(v, v) if isinstance(v, str) and k == "testbed_id" else v for k, v in data.items()}
    response_id = _response(session, ids, "boss.ks")
    with pytest.raises(ValidationError) as refused:
        forward.start_testbed_request(
            session=session, actor=who(session, "boss.ks"), response_id=response_id, data=data
        )
    assert refused.value.fields[field].key == key
    _nothing_written(session, response_id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"call_id": None}, "call_id"),
        ({"call_id": 999_999}, "call_id"),
        ({"title": "  "}, "title"),
        ({"expected_benefit": ""}, "expected_benefit"),
        ({"requested_sek": 0}, "requested_sek"),
        ({"requested_sek": 2_000_000}, "requested_sek"),  # above the call's budget
        ({"ends_on": date(2026, 4, 1)}, "ends_on"),  # before it starts
        ({"benefit_kind": "magic"}, "benefit_kind"),
    ],
)
def test_bad_input_for_a_fund_application_is_named_and_nothing_is_written(region, changes, field) -> None:
    session, ids = region
    call_id = _open_call(session)
    response_id = _response(session, ids, "boss.ks")
    with pytest.raises(ValidationError) as refused:
        forward.start_fund_application(
            session=session,
            actor=who(session, "boss.ks"),
            response_id=response_id,
            data=_fund_data(call_id) | changes,
            today=TODAY,
        )
    assert field in refused.value.fields
    _nothing_written(session, response_id)


def test_a_closed_call_takes_no_application_from_a_response(region) -> None:
    session, ids = region
    closed = f.call(session, 2026, opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1))
    session.commit()
    response_id = _response(session, ids, "boss.ks")
    with pytest.raises(InvalidTransition) as refused:
        forward.start_fund_application(
            session=session,
            actor=who(session, "boss.ks"),
            response_id=response_id,
            data=_fund_data(closed.id),
            today=TODAY,
        )
    assert refused.value.key == "fund.call_not_open"
    _nothing_written(session, response_id)

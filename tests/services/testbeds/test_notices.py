"""What requesters and testbed owners hear: the receipt with the TMR- reference in the requester's
language, every answer, the new request to the owning organisation's managers, and a request still
unanswered after 8 working days (once)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

import models as m
from services.notifications import schedule
from services.people.auth import load_actor
from services.shared.errors import InvalidTransition, NotFound
from services.testbeds import notices, requests
from tests.factories import at
from tests.services.testbeds.test_requests import _request, region  # noqa: F401  (the fixture)


def notes(session: Session, request_id: int, kind: str) -> list[m.Notification]:
    return list(
        session.exec(
            select(m.Notification)
            .where(m.Notification.entity == "testbed_request", m.Notification.entity_id == request_id)
            .where(m.Notification.kind == kind)
            .order_by(m.Notification.id)
        )
    )


def _send(session: Session, testbed_id: int, when: str, language: str = "sv") -> m.TestbedRequest:
    data = {
        "testbed_id": testbed_id,
        "requester_name": "Johan Markström",
        "requester_org": "Ventilo AB",
        "requester_email": "johan@ventilo.example",
        "requester_kind": "company",
        "description": "Vi vill testa en ventilator.",
        "consent": True,
    }
    ref = requests.submit_request(session=session, data=data, now=at(when), language=language).ref
    return _request(session, ref)


def test_receipt_to_the_requester_and_the_new_request_to_the_owners(region) -> None:  # noqa: F811
    session, ids = region
    request = _send(session, ids["sim"], "2025-04-14", language="en")
    [receipt] = notes(session, request.id, "testbed.receipt")
    assert receipt.email == "johan@ventilo.example" and receipt.language == "en" and receipt.required
    assert receipt.subject == f"We have received your request {request.ref}" and "Simulering" in receipt.body
    [new] = notes(session, request.id, "testbed.new_request")
    assert new.user_id == load_actor(session, "boss.ks").id and "Ventilo AB" in new.body

    boss = load_actor(session, "boss.ks")
    requests.respond(session=session, actor=boss, request_id=request.id, to_status="in_dialogue", message="Ring oss!")
    [answer] = notes(session, request.id, "testbed.answered")
    assert answer.language == "en" and "Ring oss!" in answer.body and "In dialogue" in answer.body


def test_an_unanswered_request_is_flagged_to_the_owners_after_8_working_days_once(region, empty_engine) -> None:  # noqa: F811
    session, ids = region
    request = _send(session, ids["bus"], "2025-04-14")  # a Monday
    session.rollback()  # let go of the write lock the test's session holds
    schedule.run(empty_engine, now=datetime(2025, 4, 23, 9, tzinfo=UTC))  # 7 working days later (Easter)
    assert notes(session, request.id, "testbed.unanswered") == []
    session.rollback()
    schedule.run(empty_engine, now=datetime(2025, 4, 30, 9, tzinfo=UTC))
    schedule.run(empty_engine, now=datetime(2025, 5, 2, 9, tzinfo=UTC))
    [late] = notes(session, request.id, "testbed.unanswered")
    assert late.user_id == load_actor(session, "boss.sl").id and request.ref in late.subject


def test_each_late_request_is_flagged_to_each_manager_once_however_many_passes(region) -> None:  # noqa: F811
    session, ids = region
    late = [_send(session, ids["bus"], "2025-04-14"), _send(session, ids["bus"], "2025-04-15")]
    _send(session, ids["bus"], "2025-04-29")  # not late yet on 2 May
    managers = notices.organisation_handlers(session, session.get(m.Testbed, ids["bus"]).organisation_id)
    assert notices.queue_unanswered(session, now=datetime(2025, 5, 2, 9, tzinfo=UTC)) == 2 * len(managers) > 0
    assert notices.queue_unanswered(session, now=datetime(2025, 5, 2, 9, 10, tzinfo=UTC)) == 0
    for request in late:
        assert sorted(n.user_id for n in notes(session, request.id, "testbed.unanswered")) == sorted(managers)


def test_the_requester_follows_the_request_and_writes_back_with_the_private_link(region) -> None:  # noqa: F811
    session, ids = region
    data = {
        "testbed_id": ids["sim"],
        "requester_name": "Johan Markström",
        "requester_email": "johan@ventilo.example",
        "requester_kind": "company",
        "description": "Vi vill testa en ventilator.",
        "consent": True,
    }
    sent = requests.submit_request(session=session, data=data, now=at("2025-04-14"))
    request = _request(session, sent.ref)
    [receipt] = notes(session, request.id, "testbed.receipt")
    assert receipt.link == f"folj-forfragan?kod={sent.tracking_code}"
    assert sent.tracking_code not in repr(request.model_dump())  # only the digest is stored
    with pytest.raises(NotFound):
        requests.track_request(session=session, code=sent.ref)  # the reference alone shows nothing
    boss = load_actor(session, "boss.ks")
    requests.respond(session=session, actor=boss, request_id=request.id, to_status="in_dialogue", message="När passar?")
    seen = requests.track_request(session=session, code=sent.tracking_code)
    assert seen.status == "in_dialogue" and seen.may_reply
    assert [(m.from_requester, m.text) for m in seen.messages][-1] == (False, "När passar?")
    requests.reply(session=session, code=sent.tracking_code, text="<b>Vecka 40</b>", address="10.0.0.9")
    seen = requests.track_request(session=session, code=sent.tracking_code)
    assert [(m.from_requester, m.text) for m in seen.messages][-1] == (True, "<b>Vecka 40</b>")
    [replied] = notes(session, request.id, "testbed.replied")
    assert replied.user_id == boss.id and "<b>Vecka 40</b>" in replied.body
    requests.respond(session=session, actor=boss, request_id=request.id, to_status="declined", message="Tyvärr.")
    with pytest.raises(InvalidTransition):
        requests.reply(session=session, code=sent.tracking_code, text="Men?")

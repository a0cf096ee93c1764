"""Requests: the public form, transitions, who may answer, response times and figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, select

import db
import models as m
from services.people.auth import load_actor
from services.shared.errors import InvalidTransition, PermissionDenied, ValidationError
from services.testbeds import catalogue, requests
from tests import factories as f
from tests.factories import at


@pytest.fixture
def region(empty_engine: Engine) -> Iterator[tuple[Session, dict[str, int]]]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        transport = f.area(session, "transport")
        ks = f.organisation(session, health, "KS")
        sl = f.organisation(session, transport, "SL")
        f.user(session, "boss.ks", "manager", ks)
        f.user(session, "boss.sl", "manager", sl)
        f.user(session, "staff.ks", "employee", ks)
        f.user(session, "root", "admin", sl)
        f.user(session, "wise", "council", sl)
        sim = f.testbed(session, health, ks, name="Simulering")
        bus = f.testbed(session, transport, sl, name="Buss")
        shut = f.testbed(session, transport, sl, name="Stängd", status="closed")
        session.commit()
        yield session, {"sim": sim.id, "bus": bus.id, "shut": shut.id, "ks": ks.id, "sl": sl.id}


def _send(session: Session, testbed_id: int, when: str = "2025-04-14", **changes: Any) -> str:
    data = {
        "testbed_id": testbed_id,
        "requester_name": "Johan Markström",
        "requester_org": "Ventilo AB",
        "requester_email": "Johan@Ventilo.example",
        "requester_kind": "company",
        "description": "Vi vill testa en ventilator.",
        "wanted_period": "hösten",
        "consent": True,
    } | changes
    return requests.submit_request(session=session, data=data, now=at(when)).ref


def _request(session: Session, ref: str) -> m.TestbedRequest:
    return session.exec(select(m.TestbedRequest).where(m.TestbedRequest.ref == ref)).one()


def test_a_request_gets_its_reference_and_stores_what_was_sent(region) -> None:
    session, ids = region
    first = _send(session, ids["sim"])
    second = _send(session, ids["bus"])
    assert (first, second) == ("TMR-2025-0001", "TMR-2025-0002")
    stored = _request(session, first)
    assert stored.status == "new" and stored.requester_email == "johan@ventilo.example"
    assert stored.consent_at is not None and stored.first_response_at is None
    assert session.exec(select(m.AuditLog.action).where(m.AuditLog.entity_id == stored.id)).all() == [
        "testbed_request.created"
    ]


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"consent": False}, "consent", "testbeds.consent_required"),
        ({"description": "   "}, "description", "errors.required"),
        ({"requester_email": "johan@"}, "requester_email", "errors.email_invalid"),
        ({"requester_name": ""}, "requester_name", "errors.required"),
        ({"requester_kind": "spy"}, "requester_kind", "errors.not_allowed_value"),
    ],
)
def test_bad_requests_name_the_field_and_write_nothing(region, changes, field: str, key: str) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as caught:
        _send(session, ids["sim"], **changes)
    assert caught.value.fields[field].key == key
    assert session.exec(select(m.TestbedRequest)).all() == []


def test_a_closed_testbed_takes_no_requests(region) -> None:
    session, ids = region
    with pytest.raises(InvalidTransition):
        _send(session, ids["shut"])
    assert session.exec(select(m.TestbedRequest)).all() == []


def test_the_owning_manager_answers_and_the_first_response_is_timed(region) -> None:
    session, ids = region
    ref = _send(session, ids["sim"], when="2025-04-14")
    boss = load_actor(session, "boss.ks")
    request_id = _request(session, ref).id
    requests.respond(
        session=session,
        actor=boss,
        request_id=request_id,
        to_status="in_dialogue",
        message="Tack! Vi hör av oss.",
        now=at("2025-04-23"),
    )
    requests.respond(
        session=session,
        actor=boss,
        request_id=request_id,
        to_status="accepted",
        message="Välkomna.",
        now=at("2025-05-02"),
    )
    stored = _request(session, ref)
    assert stored.status == "accepted"
    assert stored.first_response_at.date() == date(2025, 4, 23)  # the first answer, not the latest
    detail = requests.get_request(session=session, actor=boss, request_id=request_id, today=date(2025, 5, 5))
    assert detail.row.workdays_to_response == 5  # 15, 16, 17, 22, 23 April (Easter off)
    assert [(e.from_status, e.to_status) for e in detail.events] == [
        (None, "new"),
        ("new", "in_dialogue"),
        ("in_dialogue", "accepted"),
    ]
    assert detail.handled_by == boss.display_name
    assert detail.next_statuses == ("accepted", "completed")


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["declined"], "in_dialogue"),
        (["accepted", "completed"], "in_dialogue"),
        ([], "completed"),
        (["in_dialogue"], "new"),
    ],
)
def test_transitions_outside_the_path_are_refused(region, path: list[str], refused: str) -> None:
    session, ids = region
    request_id = _request(session, _send(session, ids["sim"])).id
    root = load_actor(session, "root")
    for status in path:
        requests.respond(session=session, actor=root, request_id=request_id, to_status=status, message="Svar")
    with pytest.raises(InvalidTransition):
        requests.respond(session=session, actor=root, request_id=request_id, to_status=refused, message="Svar")
    assert _request(session, _request_ref(session, request_id)).status == (path[-1] if path else "new")


def _request_ref(session: Session, request_id: int) -> str:
    return session.get(m.TestbedRequest, request_id).ref


def test_an_answer_needs_a_message(region) -> None:
    session, ids = region
    request_id = _request(session, _send(session, ids["sim"])).id
    with pytest.raises(ValidationError) as caught:
        requests.respond(
            session=session,
            actor=load_actor(session, "boss.ks"),
            request_id=request_id,
            to_status="in_dialogue",
            message="  ",
        )
    assert "message" in caught.value.fields
    assert session.get(m.TestbedRequest, request_id).first_response_at is None


@pytest.mark.parametrize("username", ["boss.sl", "staff.ks", "wise"])
def test_who_may_not_answer_or_read(region, username: str) -> None:
    session, ids = region
    request_id = _request(session, _send(session, ids["sim"])).id
    other = load_actor(session, username)
    with pytest.raises(PermissionDenied):
        requests.respond(session=session, actor=other, request_id=request_id, to_status="declined", message="Nej")
    with pytest.raises(PermissionDenied):
        requests.get_request(session=session, actor=other, request_id=request_id, today=date(2025, 5, 1))
    assert session.get(m.TestbedRequest, request_id).status == "new"


def test_inbox_holds_only_own_organisations_requests_and_flags_late_ones(region) -> None:
    session, ids = region
    _send(session, ids["sim"], when="2025-04-14")  # 10 working days end 30 April
    _send(session, ids["sim"], when="2025-04-28")
    _send(session, ids["bus"], when="2025-04-01")
    boss = load_actor(session, "boss.ks")
    on_deadline = requests.inbox(session=session, actor=boss, today=date(2025, 4, 30))
    assert on_deadline.total == 2 and not any(r.overdue for r in on_deadline.items)
    after = requests.inbox(session=session, actor=boss, today=date(2025, 5, 2))
    late = [r for r in after.items if r.overdue]
    assert [r.ref for r in late] == ["TMR-2025-0001"]
    assert late[0].workdays_waiting == 11  # 1 May off
    only_late = requests.inbox(session=session, actor=boss, today=date(2025, 5, 2), overdue_only=True)
    assert [r.ref for r in only_late.items] == ["TMR-2025-0001"]
    assert requests.late_count(session=session, actor=boss, today=date(2025, 5, 2)) == 1
    assert requests.late_count(session=session, actor=boss, today=date(2025, 4, 30)) == 0
    root = load_actor(session, "root")
    admin_view = requests.inbox(session=session, actor=root, today=date(2025, 5, 2))
    assert admin_view.total == 3
    late_anywhere = requests.inbox(session=session, actor=root, today=date(2025, 5, 2), overdue_only=True).total
    assert requests.late_count(session=session, actor=root, today=date(2025, 5, 2)) == late_anywhere == 2
    with pytest.raises(PermissionDenied):
        requests.inbox(session=session, actor=load_actor(session, "staff.ks"), today=date(2025, 5, 2))
    with pytest.raises(PermissionDenied):
        requests.late_count(session=session, actor=load_actor(session, "staff.ks"), today=date(2025, 5, 2))


def test_inbox_pages_run_from_the_oldest_unanswered_to_the_newest_answered(region) -> None:
    session, ids = region
    root = load_actor(session, "root")
    sent = [_send(session, ids["sim"], when=f"2025-04-{day:02d}") for day in (1, 2, 3, 4, 7, 8, 9)]
    for ref in (sent[1], sent[3], sent[5]):  # answered: those received 2, 4 and 8 April
        requests.respond(
            session=session, actor=root, request_id=_request(session, ref).id, to_status="in_dialogue", message="Svar"
        )
    expected = [sent[0], sent[2], sent[4], sent[6], sent[5], sent[3], sent[1]]

    def page(n: int, size: int = 3, **filters: Any) -> list[str]:
        found = requests.inbox(session=session, actor=root, today=date(2025, 4, 10), page=n, page_size=size, **filters)
        return [r.ref for r in found.items]

    assert page(1) + page(2) + page(3) == expected  # the second page crosses from unanswered to answered
    assert page(1, size=4) + page(2, size=4) == expected  # a page that ends with the last unanswered
    assert page(4) == [] and page(3, size=4) == []
    assert page(1, size=10, statuses=("new", "in_dialogue")) == expected
    assert page(1, size=10, statuses=("new",)) == expected[:4]
    assert page(1, size=2, statuses=("in_dialogue",)) + page(2, size=2, statuses=("in_dialogue",)) == expected[4:]
    assert page(1, statuses=("declined",)) == []


def test_link_to_idea_and_application_by_reference(region) -> None:
    session, ids = region
    request_id = _request(session, _send(session, ids["sim"])).id
    health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
    idea = f.idea(session, health, "2025-03-01", ref="IDE-2025-00007", organisation_id=ids["ks"])
    session.commit()
    boss = load_actor(session, "boss.ks")
    requests.link(session=session, actor=boss, request_id=request_id, idea_ref="ide-2025-00007", application_ref="")
    assert session.get(m.TestbedRequest, request_id).idea_id == idea.id
    with pytest.raises(ValidationError) as caught:
        requests.link(
            session=session, actor=boss, request_id=request_id, idea_ref=None, application_ref="FON-1999-0001"
        )
    assert caught.value.fields["application_ref"].key == "testbeds.ref_unknown"
    with pytest.raises(PermissionDenied):
        requests.link(
            session=session,
            actor=load_actor(session, "boss.sl"),
            request_id=request_id,
            idea_ref=None,
            application_ref=None,
        )
    assert session.get(m.TestbedRequest, request_id).idea_id == idea.id


def test_only_records_the_manager_may_read_can_be_linked(region) -> None:
    """Linked titles show on the public testbed page: another organisation's idea or funded project
    cannot be linked by reference (it answers as an unknown reference would)."""
    session, ids = region
    request_id = _request(session, _send(session, ids["sim"])).id  # KS's testbed
    health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
    theirs = f.idea(session, health, "2025-03-01", ref="IDE-2025-00008", organisation_id=ids["sl"], title="SL:s idé")
    sl_manager = session.exec(select(m.User).where(m.User.username == "boss.sl")).one()
    sl = session.get(m.Organisation, ids["sl"])
    project = f.application(session, f.call(session, 2025), sl_manager, sl, status="approved", title="SL:s projekt")
    session.commit()
    boss = load_actor(session, "boss.ks")
    attempts = ({"idea_ref": theirs.ref, "application_ref": None}, {"idea_ref": None, "application_ref": project.ref})
    for fields in attempts:
        with pytest.raises(ValidationError) as refused:
            requests.link(session=session, actor=boss, request_id=request_id, **fields)
        name, message = next(iter(refused.value.fields.items()))
        assert message.key == "testbeds.ref_unknown" and fields[name] is not None
    request = session.get(m.TestbedRequest, request_id)
    assert (request.idea_id, request.application_id) == (None, None)
    detail = catalogue.get_testbed(session=session, slug=session.get(m.Testbed, ids["sim"]).slug)
    assert "SL:s idé" not in detail.ideas and "SL:s projekt" not in detail.funded_projects
    # An admin may link any record.
    root = load_actor(session, "root")
    requests.link(session=session, actor=root, request_id=request_id, idea_ref=theirs.ref, application_ref=project.ref)
    assert (request.idea_id, request.application_id) == (theirs.id, project.id)


def test_figures_count_and_time_the_answers(region) -> None:
    session, ids = region
    root = load_actor(session, "root")
    answers = [
        ("2025-04-14", "2025-04-23", "accepted"),
        ("2025-03-03", "2025-03-17", "declined"),
        ("2025-03-10", "2025-03-11", "accepted"),
    ]
    for sent, answered, status in answers:
        request_id = _request(session, _send(session, ids["sim"], when=sent)).id
        requests.respond(
            session=session, actor=root, request_id=request_id, to_status=status, message="Svar", now=at(answered)
        )
    _send(session, ids["bus"], when="2025-05-05")
    figures = requests.request_figures(session)
    assert (figures.requests, figures.answered, figures.accepted, figures.declined) == (4, 3, 2, 1)
    assert figures.median_days_to_first_response == 9.0  # 9, 14 and 1 calendar days
    assert figures.median_workdays_to_first_response == 5  # 5, 10 and 1 working days
    assert figures.answered_within_limit == 3
    assert round(figures.share_accepted, 1) == 66.7
    assert [(r.key, r.requests) for r in figures.per_testbed] == [("Simulering", 3), ("Buss", 1)]
    assert [(r.key, r.requests) for r in figures.per_area] == [("health", 3), ("transport", 1)]
    transport = requests.request_figures(session, area_code="transport")
    assert (transport.requests, transport.answered, transport.median_days_to_first_response) == (1, 0, None)
    march = requests.request_figures(session, organisation_id=ids["ks"], start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert march.requests == 2
    assert requests.request_figures(session, testbed_id=ids["bus"]).requests == 1
    health = requests.request_figures(session, area_code="health")  # a scope: its requests sorted, not the index
    assert (health.answered, health.median_days_to_first_response) == (3, 9.0)


def test_the_median_ranks_the_days_stored_even_beside_an_answer_written_by_hand(region) -> None:
    """SQL by hand that sets an answer bypasses the model's hook: that request has no days stored (until
    `rebuild-figures`). It counts as answered; the median stays the middle of the days there are."""
    session, ids = region
    root = load_actor(session, "root")
    for sent, answered in (("2025-04-14", "2025-04-23"), ("2025-03-03", "2025-03-17")):
        request_id = _request(session, _send(session, ids["sim"], when=sent)).id
        requests.respond(
            session=session, actor=root, request_id=request_id, to_status="accepted", message="Svar", now=at(answered)
        )
    by_hand = _request(session, _send(session, ids["sim"], when="2025-05-05")).id
    session.exec(
        update(m.TestbedRequest).where(m.TestbedRequest.id == by_hand).values(first_response_at=at("2025-05-06"))
    )
    session.commit()
    figures = requests.request_figures(session)
    assert figures.answered == 3
    assert figures.median_days_to_first_response == 11.5  # 9 and 14 calendar days


def test_figures_count_testbeds_used_by_funded_projects(region) -> None:
    session, ids = region
    org = session.get(m.Organisation, ids["ks"])
    applicant = session.exec(select(m.User).where(m.User.username == "staff.ks")).one()
    call = f.call(session, 2025)
    f.application(session, call, applicant, org, testbed_id=ids["sim"], status="approved")
    f.application(session, call, applicant, org, testbed_id=ids["bus"], status="rejected")
    session.commit()
    assert requests.request_figures(session).testbeds_used_by_funded_projects == 1
    assert requests.request_figures(session, area_code="transport").testbeds_used_by_funded_projects == 0


def test_demo_region_figures_are_computed(session: Session) -> None:
    figures = requests.request_figures(session)
    total = len(session.exec(select(m.TestbedRequest.id)).all())
    assert figures.requests == total > 40
    assert figures.median_days_to_first_response is not None
    assert figures.testbeds_used_by_funded_projects >= 1


def test_a_requests_working_and_calendar_days_to_its_first_response_follow_every_write(session: Session) -> None:
    """Stored by the model's hook, so a record written straight (not through the service) has them too."""
    bed = session.exec(select(m.Testbed)).first()
    friday = datetime(2026, 11, 27, 9, tzinfo=UTC)  # a Friday
    request = m.TestbedRequest(
        ref="TMR-2026-99999", testbed_id=bed.id, requester_kind="company", description="x", received_at=friday
    )
    session.add(request)
    session.commit()
    assert (request.first_response_workdays, request.first_response_days) == (None, None)
    request.first_response_at = datetime(2026, 11, 30, 15, tzinfo=UTC)  # the Monday after
    session.commit()
    assert (request.first_response_workdays, request.first_response_days) == (1, 3.25)
    request.first_response_at = datetime(2026, 12, 24, 15, tzinfo=UTC)  # Christmas eve is a day off
    session.commit()
    session.refresh(request)
    assert request.first_response_workdays == 18  # 5 + 5 + 5 + 3
    assert request.first_response_days == 27.25
    request.received_at = datetime(2026, 11, 27, 21, tzinfo=UTC)  # a receipt corrected: the days follow
    session.commit()
    session.refresh(request)
    assert (request.first_response_workdays, request.first_response_days) == (18, 26.75)

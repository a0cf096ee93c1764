"""Needs and responses: publishing, the public response form (reference, tracking, deadline), and
assessment with the jäv declaration, for every role."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

import models as m
from services.samverkan import needs
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests.services.samverkan.conftest import DEADLINE, TODAY, need_data, respond, response_data, who


@pytest.mark.parametrize(
    ("username", "org", "allowed"),
    [
        ("root", "ks", True),
        ("root", "sl", True),
        ("boss.ks", "ks", True),
        ("boss.ks", "sl", False),
        ("staff.ks", "ks", False),
        ("wise", "ks", False),
        (None, "ks", False),
    ],
)
def test_who_may_publish_a_need(region, username, org, allowed) -> None:
    session, ids = region
    data = need_data(ids, organisation_id=ids[org], title="Ny utmaning")
    actor = who(session, username)
    if allowed:
        need = needs.create_need(session=session, actor=actor, data=data, publish=True, today=TODAY)
        assert need.status == "published" and need.published_at is not None
        listed = needs.list_needs(session=session, actor=actor)
        assert "Ny utmaning" in [n.title for n in listed.items]
    else:
        with pytest.raises(PermissionDenied):
            needs.create_need(session=session, actor=actor, data=data, publish=True, today=TODAY)
        assert session.exec(select(m.Need).where(m.Need.title == "Ny utmaning")).first() is None


def test_a_need_cannot_be_published_with_a_passed_deadline(region) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as refused:
        needs.create_need(
            session=session,
            actor=who(session, "root"),
            data=need_data(ids, deadline=date(2026, 3, 1)),
            publish=True,
            today=TODAY,
        )
    assert refused.value.fields["deadline"].key == "samverkan.deadline_in_past"


def test_the_public_sees_open_needs_only(region) -> None:
    session, ids = region
    root = who(session, "root")
    draft = needs.create_need(session=session, actor=root, data=need_data(ids, title="Utkast"), today=TODAY)
    listed = needs.list_open_needs(session=session, today=TODAY)
    assert [n.title for n in listed.items] == ["Färre fall på natten"]
    assert needs.list_open_needs(session=session, today=date(2026, 4, 1)).total == 0  # past the deadline
    assert needs.list_open_needs(session=session, today=TODAY, search="sensor").total == 0
    assert needs.list_open_needs(session=session, today=TODAY, search="patient").total == 1
    with pytest.raises(NotFound):
        needs.get_open_need(session=session, need_id=draft.id, today=TODAY)
    needs.set_need_status(session=session, actor=root, need_id=ids["need"], status="closed")
    assert needs.list_open_needs(session=session, today=TODAY).total == 0
    with pytest.raises(PermissionDenied):
        needs.list_needs(session=session, actor=who(session, "staff.ks"))


def test_a_response_gets_its_reference_a_tracking_code_and_notices(region) -> None:
    session, ids = region
    first = respond(session, ids["need"])
    second = respond(session, ids["need"], responder_org="Ljud AB", org_number="")
    assert (first.ref, second.ref) == ("UTM-2026-0001", "UTM-2026-0002")
    stored = session.exec(select(m.NeedResponse).where(m.NeedResponse.ref == first.ref)).one()
    assert stored.responder_email == "lina@sensa.example" and stored.org_number == "556016-0680"
    assert stored.tracking_hash != first.tracking_code and first.tracking_code not in stored.tracking_hash
    seen = needs.track_response(session=session, code=first.tracking_code)
    assert (seen.ref, seen.need_title, seen.status) == ("UTM-2026-0001", "Färre fall på natten", "received")
    with pytest.raises(NotFound):
        needs.track_response(session=session, code=first.ref)  # the reference alone shows nothing
    kinds = session.exec(select(m.Notification.kind).where(m.Notification.entity_id == stored.id)).all()
    assert sorted(kinds) == ["samverkan.new_response", "samverkan.receipt"]
    assert session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "need_response")).all() == [
        "need_response.created",
        "need_response.created",
    ]


def test_a_response_after_the_deadline_is_refused_and_nothing_is_saved(region) -> None:
    session, ids = region
    respond(session, ids["need"], when=DEADLINE.isoformat())  # the last day still counts
    with pytest.raises(InvalidTransition) as refused:
        respond(session, ids["need"], when="2026-04-01")
    assert refused.value.key == "samverkan.deadline_passed"
    assert len(session.exec(select(m.NeedResponse)).all()) == 1


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"org_number": "556016-0681"}, "org_number", "samverkan.org_number_checksum"),
        ({"org_number": "12345"}, "org_number", "samverkan.org_number_format"),
        ({"consent": False}, "consent", "samverkan.consent_required"),
        ({"responder_email": "lina@"}, "responder_email", "errors.email_invalid"),
        ({"proposal": "  "}, "proposal", "errors.required"),
        ({"responder_kind": "spy"}, "responder_kind", "errors.not_allowed_value"),
    ],
)
def test_bad_input_in_a_response_is_named_and_nothing_is_saved(region, changes, field, key) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as refused:
        needs.submit_response(session=session, data=response_data(ids["need"], **changes))
    assert refused.value.fields[field].key == key
    assert session.exec(select(m.NeedResponse)).all() == []


def test_a_draft_need_takes_no_responses(region) -> None:
    session, ids = region
    draft = needs.create_need(session=session, actor=who(session, "root"), data=need_data(ids), today=TODAY)
    with pytest.raises(NotFound):
        respond(session, draft.id)


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("root", True), ("boss.ks", True), ("boss.sl", False), ("staff.ks", False), ("wise", False), (None, False)],
)
def test_who_may_read_declare_and_assess_a_response(region, username, allowed) -> None:
    session, ids = region
    respond(session, ids["need"])
    response_id = session.exec(select(m.NeedResponse.id)).one()
    actor = who(session, username)
    if not allowed:
        with pytest.raises(PermissionDenied):
            needs.list_responses(session=session, actor=actor, need_id=ids["need"])
        with pytest.raises(PermissionDenied):
            needs.get_response(session=session, actor=actor, response_id=response_id)
        with pytest.raises(PermissionDenied):
            needs.declare(session=session, actor=actor, response_id=response_id, conflict=False)
        return
    before = needs.get_response(session=session, actor=actor, response_id=response_id)
    assert before.responder_org == "Sensa AB" and before.proposal is None and before.responder_email is None
    with pytest.raises(PermissionDenied) as refused:
        needs.assess(session=session, actor=actor, response_id=response_id, score=4, note="Lovande")
    assert refused.value.key == "samverkan.declare_first"
    needs.declare(session=session, actor=actor, response_id=response_id, conflict=False)
    needs.assess(session=session, actor=actor, response_id=response_id, score=4, note="Lovande")
    after = needs.get_response(session=session, actor=actor, response_id=response_id)
    assert after.proposal == "En golvsensor som larmar personalen." and after.status == "assessed"
    assert [(a.score, a.note) for a in after.assessments] == [(4, "Lovande")]
    [row] = needs.list_responses(session=session, actor=actor, need_id=ids["need"]).items
    assert (row.assessments, row.mean_score, row.my_declaration) == (1, 4.0, "no_conflict")


def test_a_declared_conflict_keeps_the_assessor_out(region) -> None:
    session, ids = region
    respond(session, ids["need"])
    response_id = session.exec(select(m.NeedResponse.id)).one()
    boss = who(session, "boss.ks")
    with pytest.raises(ValidationError):
        needs.declare(session=session, actor=boss, response_id=response_id, conflict=True)  # a reason is required
    needs.declare(session=session, actor=boss, response_id=response_id, conflict=True, note="Min bror äger Sensa")
    with pytest.raises(InvalidTransition):
        needs.declare(session=session, actor=boss, response_id=response_id, conflict=False)
    detail = needs.get_response(session=session, actor=boss, response_id=response_id)
    assert detail.declaration == "conflict" and detail.proposal is None
    with pytest.raises(PermissionDenied):
        needs.assess(session=session, actor=boss, response_id=response_id, score=5, note=None)


@pytest.mark.parametrize("score", [0, 6, "4", None, True])
def test_a_score_outside_one_to_five_is_refused(region, score) -> None:
    session, ids = region
    respond(session, ids["need"])
    response_id = session.exec(select(m.NeedResponse.id)).one()
    root = who(session, "root")
    needs.declare(session=session, actor=root, response_id=response_id, conflict=False)
    with pytest.raises(ValidationError) as refused:
        needs.assess(session=session, actor=root, response_id=response_id, score=score, note=None)
    assert refused.value.fields["score"].key == "samverkan.score_range"


def test_contact_details_of_responses_not_taken_forward_are_removed_after_the_retention(region) -> None:
    from datetime import UTC, datetime

    from services.samverkan.privacy import anonymise_expired_responses

    session, ids = region
    respond(session, ids["need"])
    root = who(session, "root")
    assert anonymise_expired_responses(session=session, actor=root, now=datetime(2027, 3, 1, tzinfo=UTC)) == []
    with pytest.raises(PermissionDenied):
        anonymise_expired_responses(session=session, actor=who(session, "boss.ks"))
    done = anonymise_expired_responses(session=session, actor=root, now=datetime(2027, 4, 1, tzinfo=UTC))
    assert done == ["UTM-2026-0001"]
    stored = session.exec(select(m.NeedResponse)).one()
    assert (stored.responder_name, stored.responder_email, stored.anonymised_at is not None) == (None, None, True)
    assert stored.responder_org == "Sensa AB" and stored.proposal  # the response itself stays
    receipt = session.exec(select(m.Notification).where(m.Notification.kind == "samverkan.receipt")).one()
    assert receipt.email is None or receipt.mail_state == "cancelled"

"""Partners linked to ideas, testbed requests and fund applications from those records' pages: who may
link and unlink (both the record and the partner must be theirs), bad input, the audit trail, the
partner's page listing them, a merge moving them, and a response taken forward linking its responder."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import func, select

import models as m
from services.samverkan import forward, links, needs, partners
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests import factories as f
from tests.services.samverkan.conftest import TODAY, respond, who


def _records(session, ids) -> dict[str, Any]:
    """An idea, a testbed request and a submitted fund application of KS; a partner of KS and one of SL."""
    ks, health = session.get(m.Organisation, ids["ks"]), session.get(m.Area, ids["health"])
    boss = session.exec(select(m.User).where(m.User.username == "boss.ks")).one()
    idea = f.idea(session, health, "2026-02-01", organisation_id=ks.id)
    request = m.TestbedRequest(
        ref="TMR-2026-0001", testbed_id=ids["sim"], requester_kind="company", description="Test av sensorer"
    )
    session.add(request)
    call = f.call(session, 2026, opens_on=date(2026, 1, 1), closes_on=date(2026, 3, 31))
    application = f.application(session, call, boss, ks, status="submitted")
    session.commit()
    make = partners.create_partner
    ours = make(session=session, actor=who(session, "root"), data=_partner("Sensa AB", ids["ks"]))
    theirs = make(session=session, actor=who(session, "root"), data=_partner("Buss AB", ids["sl"]))
    return {
        "idea": idea.id,
        "testbed_request": request.id,
        "application": application.id,
        "ours": ours.id,
        "theirs": theirs.id,
    }


def _partner(name: str, organisation_id: int) -> dict[str, Any]:
    return {"name": name, "kind": "company", "organisation_id": organisation_id}


KINDS = ["idea", "testbed_request", "application"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_partner_linked_to_a_record_is_listed_on_both_and_audited(region, kind) -> None:
    session, ids = region
    rec = _records(session, ids)
    boss = who(session, "boss.ks")
    links.link_partner(session=session, actor=boss, kind=kind, record_id=rec[kind], partner_id=rec["ours"])
    links.link_partner(session=session, actor=boss, kind=kind, record_id=rec[kind], partner_id=rec["ours"])  # again
    [linked] = links.linked_partners(session=session, actor=boss, kind=kind, record_id=rec[kind])
    assert (linked.name, linked.kind, linked.may_handle) == ("Sensa AB", "company", True)
    assert rec["ours"] not in links.link_choices(session=session, actor=boss, kind=kind, record_id=rec[kind])
    detail = partners.get_partner(session=session, actor=boss, partner_id=rec["ours"])
    assert [(r.kind, r.id) for r in detail.linked] == [(kind, rec[kind])]
    entity = links.TABLES[kind].entity
    audited = session.exec(select(m.AuditLog).where(m.AuditLog.action == f"{entity}.partner_linked")).all()
    assert [(a.entity_id, a.actor_id, a.details["partner_id"]) for a in audited] == [(rec[kind], boss.id, rec["ours"])]

    links.unlink_partner(session=session, actor=boss, kind=kind, record_id=rec[kind], partner_id=rec["ours"])
    assert links.linked_partners(session=session, actor=boss, kind=kind, record_id=rec[kind]) == []
    assert partners.get_partner(session=session, actor=boss, partner_id=rec["ours"]).linked == []
    assert session.exec(select(func.count()).where(m.AuditLog.action == f"{entity}.partner_unlinked")).one() == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("username", "partner", "allowed"),
    [
        ("root", "ours", True),
        ("root", "theirs", True),  # admins handle every record and partner
        ("boss.ks", "ours", True),
        ("boss.ks", "theirs", False),  # the record is theirs, the partner another organisation's
        ("boss.sl", "theirs", False),  # the partner is theirs, the record another organisation's
        ("staff.ks", "ours", False),
        ("wise", "ours", False),
        (None, "ours", False),
    ],
)
def test_who_may_link_and_unlink(region, kind, username, partner, allowed) -> None:
    session, ids = region
    rec = _records(session, ids)
    actor = who(session, username)

    def link() -> None:
        links.link_partner(session=session, actor=actor, kind=kind, record_id=rec[kind], partner_id=rec[partner])

    if allowed:
        link()
        assert session.exec(select(func.count()).select_from(links.TABLES[kind].link)).one() == 1
        links.unlink_partner(session=session, actor=actor, kind=kind, record_id=rec[kind], partner_id=rec[partner])
        assert session.exec(select(func.count()).select_from(links.TABLES[kind].link)).one() == 0
        return
    with pytest.raises(PermissionDenied):
        link()
    assert session.exec(select(func.count()).select_from(links.TABLES[kind].link)).one() == 0
    links.link_partner(
        session=session, actor=who(session, "root"), kind=kind, record_id=rec[kind], partner_id=rec[partner]
    )
    with pytest.raises(PermissionDenied):
        links.unlink_partner(session=session, actor=actor, kind=kind, record_id=rec[kind], partner_id=rec[partner])
    assert session.exec(select(func.count()).select_from(links.TABLES[kind].link)).one() == 1


@pytest.mark.parametrize("username", ["boss.sl", "staff.ks", "wise", None])
def test_others_do_not_see_a_records_partners(region, username) -> None:
    session, ids = region
    rec = _records(session, ids)
    for kind in KINDS:
        with pytest.raises(PermissionDenied):
            links.linked_partners(session=session, actor=who(session, username), kind=kind, record_id=rec[kind])
        with pytest.raises(PermissionDenied):
            links.link_choices(session=session, actor=who(session, username), kind=kind, record_id=rec[kind])


def test_a_managers_choices_are_their_organisations_partners(region) -> None:
    session, ids = region
    rec = _records(session, ids)
    mine = links.link_choices(session=session, actor=who(session, "boss.ks"), kind="idea", record_id=rec["idea"])
    assert mine == {rec["ours"]: "Sensa AB"}
    every = links.link_choices(session=session, actor=who(session, "root"), kind="idea", record_id=rec["idea"])
    assert set(every) == {rec["ours"], rec["theirs"]}


def test_someone_elses_draft_application_is_not_the_managers_to_link(region) -> None:
    session, ids = region
    rec = _records(session, ids)
    staff = session.exec(select(m.User).where(m.User.username == "staff.ks")).one()
    call = session.exec(select(m.FundCall)).one()
    draft = f.application(session, call, staff, session.get(m.Organisation, ids["ks"]), status="draft")
    session.commit()
    with pytest.raises(PermissionDenied):
        links.link_partner(
            session=session,
            actor=who(session, "boss.ks"),
            kind="application",
            record_id=draft.id,
            partner_id=rec["ours"],
        )


@pytest.mark.parametrize(
    ("kind", "record", "partner", "error"),
    [
        ("idea", "idea", None, ValidationError),  # no partner chosen
        ("idea", "idea", 999_999, NotFound),
        ("idea", 999_999, "ours", NotFound),
        ("procurement", "idea", "ours", NotFound),  # not a kind of record one links here
        ("idea", "idea", "merged", InvalidTransition),  # link the one it was merged into
    ],
)
def test_bad_input_is_refused_and_nothing_is_linked(region, kind, record, partner, error) -> None:
    session, ids = region
    rec = _records(session, ids)
    root = who(session, "root")
    merged = partners.create_partner(session=session, actor=root, data=_partner("Sensa Aktiebolag", ids["ks"]))
    partners.merge_partners(session=session, actor=root, duplicate_id=merged.id, into_id=rec["ours"])
    rec["merged"] = merged.id
    with pytest.raises(error) as refused:
        links.link_partner(
            session=session,
            actor=root,
            kind=kind,
            record_id=rec.get(record, record),
            partner_id=rec.get(partner, partner),
        )
    if error is ValidationError:
        assert refused.value.fields["partner_id"].key == "errors.required"
    assert sum(session.exec(select(func.count()).select_from(t.link)).one() for t in links.TABLES.values()) == 0


def test_merging_partners_moves_their_links(region) -> None:
    session, ids = region
    rec = _records(session, ids)
    root = who(session, "root")
    duplicate = partners.create_partner(session=session, actor=root, data=_partner("Sensa Aktiebolag", ids["ks"]))
    for kind in KINDS:
        links.link_partner(session=session, actor=root, kind=kind, record_id=rec[kind], partner_id=duplicate.id)
    links.link_partner(session=session, actor=root, kind="idea", record_id=rec["idea"], partner_id=rec["ours"])
    partners.merge_partners(session=session, actor=root, duplicate_id=duplicate.id, into_id=rec["ours"])
    kept = partners.get_partner(session=session, actor=root, partner_id=rec["ours"])
    assert sorted((r.kind, r.id) for r in kept.linked) == sorted((k, rec[k]) for k in KINDS)  # the idea once
    for kind in KINDS:
        assert [p.id for p in links.linked_partners(session=session, actor=root, kind=kind, record_id=rec[kind])] == [
            rec["ours"]
        ]


def test_a_response_taken_forward_links_its_responder_to_the_new_record(region) -> None:
    session, ids = region
    call = f.call(session, 2026, opens_on=date(2026, 2, 1), closes_on=date(2026, 3, 31))
    session.commit()
    respond(session, ids["need"])
    response_id = session.exec(select(m.NeedResponse.id)).one()
    boss = who(session, "boss.ks")
    needs.declare(session=session, actor=boss, response_id=response_id, conflict=False)
    request = forward.start_testbed_request(
        session=session, actor=boss, response_id=response_id, data={"testbed_id": ids["sim"]}
    )
    application = forward.start_fund_application(
        session=session,
        actor=boss,
        response_id=response_id,
        data={
            "call_id": call.id,
            "title": "Fallsensorer",
            "summary": "Sensorer",
            "expected_benefit": "Färre fall",
            "benefit_kind": "social",
            "requested_sek": 100_000,
            "starts_on": date(2026, 5, 1),
            "ends_on": date(2026, 12, 31),
        },
        today=TODAY,
    )
    partner_id = session.get(m.NeedResponse, response_id).partner_id
    detail = partners.get_partner(session=session, actor=boss, partner_id=partner_id)
    assert {(r.kind, r.ref) for r in detail.linked} >= {
        ("response", "UTM-2026-0001"),
        ("testbed_request", request.ref),
        ("application", application.ref),
    }

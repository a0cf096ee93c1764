"""Innovationsfonden's services: the whole lifecycle, refused transitions and input, visibility, the
budget guard under concurrent approvals, and the figures."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

import db
import models as m
from services.fund import applications as fund
from services.fund import decisions, figures, review
from services.seed import SEED_REFERENCE_DAY
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests import factories
from tests.conftest import actor

TODAY = SEED_REFERENCE_DAY  # 2026-11-28: the demo's 2026 autumn call is open until 2026-12-11


def _open_call(session: Session) -> m.FundCall:
    return session.exec(select(m.FundCall).where(m.FundCall.year == 2026, m.FundCall.status == m.CallStatus.open)).one()


def _form(session: Session, username: str, **overrides) -> dict:
    org_id = session.exec(select(m.User.organisation_id).where(m.User.username == username)).one()
    data = {
        "title": "Sensorer som varnar för fall",
        "summary": "Vi testar golvsensorer på två avdelningar.",
        "expected_benefit": "Färre fallskador och vårddygn.",
        "benefit_kind": "social",
        "requested_sek": 400_000,
        "co_funding_sek": 50_000,
        "starts_on": date(2027, 2, 1),
        "ends_on": date(2028, 3, 31),
        "organisation_id": org_id,
        "idea_id": None,
        "testbed_id": None,
    }
    return {**data, **overrides}


def _count(session: Session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _submitted(session: Session, username: str = "employee", **overrides) -> m.FundApplication:
    me = actor(session, username)
    app = fund.save_application(
        session=session,
        actor=me,
        data=_form(session, username, **overrides),
        today=TODAY,
        call_id=_open_call(session).id,
    )
    return fund.submit_application(session=session, actor=me, application_id=app.id, today=TODAY)


def _reviewed(session: Session, app: m.FundApplication, reviewer: str = "council", scores=None, rec="yes") -> None:
    admin = actor(session, "admin")
    who = actor(session, reviewer)
    review.assign_reviewer(session=session, actor=admin, application_id=app.id, reviewer_id=who.id)
    review.declare(session=session, actor=who, application_id=app.id, conflict=False)
    scores = scores or {"nytta": 4, "nyhetsgrad": 3, "genomförbarhet": 5, "spridningspotential": None}
    review.save_review(
        session=session, actor=who, application_id=app.id, scores=scores, recommendation=rec, comment="Bra", submit=True
    )


# ---------------------------------------------------------------- calls


def test_call_status_follows_the_dates() -> None:
    call = m.FundCall(name="x", year=2026, budget_sek=1, opens_on=date(2026, 3, 1), closes_on=date(2026, 4, 30))
    assert fund.call_status(call, date(2026, 2, 28)) == m.CallStatus.planned
    assert fund.call_status(call, date(2026, 3, 1)) == m.CallStatus.open
    assert fund.call_status(call, date(2026, 4, 30)) == m.CallStatus.open
    assert fund.call_status(call, date(2026, 5, 1)) == m.CallStatus.closed
    call.status = m.CallStatus.decided
    assert fund.call_status(call, date(2026, 3, 15)) == m.CallStatus.decided


def test_admin_creates_and_edits_a_call_with_the_default_criteria(session: Session) -> None:
    admin = actor(session, "admin")
    data = {
        "name": "Sommarutlysning 2027",
        "year": 2027,
        "budget_sek": 3_000_000,
        "opens_on": date(2027, 5, 1),
        "closes_on": date(2027, 6, 15),
        "description": "Korta projekt",
    }
    call = fund.create_call(session=session, actor=admin, data=data, today=TODAY)
    assert call.criteria == list(m.DEFAULT_CRITERIA)
    assert call.status == m.CallStatus.planned
    assert call.review_due_on == date(2027, 7, 6)  # none given: three weeks after closing
    fund.update_call(
        session=session,
        actor=admin,
        call_id=call.id,
        data={**data, "opens_on": date(2026, 11, 1), "review_due_on": date(2027, 8, 20)},
        today=TODAY,
    )
    row = fund.get_call(session=session, actor=admin, call_id=call.id, today=TODAY)
    assert row.status == m.CallStatus.open and call.status == m.CallStatus.open  # stored status kept in sync
    assert row.review_due_on == date(2027, 8, 20)
    actions = session.exec(
        select(m.AuditLog.action).where(m.AuditLog.entity_id == call.id, m.AuditLog.entity == "fundcall")
    ).all()
    assert actions == ["fund.call.created", "fund.call.updated"]


def test_bad_call_input_is_refused_and_nothing_is_written(session: Session) -> None:
    admin = actor(session, "admin")
    before = _count(session, m.FundCall)
    bad = {"name": "Fel", "year": 2027, "budget_sek": 0, "opens_on": date(2027, 5, 1), "closes_on": date(2027, 6, 1)}
    with pytest.raises(ValidationError) as caught:
        fund.create_call(session=session, actor=admin, data=bad, today=TODAY)
    assert "budget_sek" in caught.value.fields
    with pytest.raises(ValidationError) as caught:
        fund.create_call(
            session=session, actor=admin, data={**bad, "budget_sek": 5, "closes_on": date(2027, 4, 1)}, today=TODAY
        )
    assert caught.value.fields["closes_on"].key == "fund.closes_before_opens"
    with pytest.raises(ValidationError) as caught:
        fund.create_call(
            session=session,
            actor=admin,
            data={**bad, "budget_sek": 5, "review_due_on": date(2027, 5, 31)},
            today=TODAY,
        )
    assert caught.value.fields["review_due_on"].key == "fund.review_due_before_close"
    with pytest.raises(PermissionDenied):
        fund.create_call(session=session, actor=actor(session, "manager"), data={**bad, "budget_sek": 5}, today=TODAY)
    session.rollback()
    assert _count(session, m.FundCall) == before


def test_budget_cannot_drop_below_what_is_granted(session: Session) -> None:
    admin = actor(session, "admin")
    call = session.exec(select(m.FundCall).where(m.FundCall.name == "Innovationsfonden 2024")).one()
    data = {
        "name": call.name,
        "year": call.year,
        "budget_sek": 1_000_000,
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "description": call.description,
        "criteria": call.criteria,
    }
    with pytest.raises(ValidationError) as caught:
        fund.update_call(session=session, actor=admin, call_id=call.id, data=data, today=TODAY)
    assert caught.value.fields["budget_sek"].key == "fund.budget_below_granted"


def test_employees_see_the_open_calls(session: Session) -> None:
    calls = fund.open_calls(session=session, actor=actor(session, "employee"), today=TODAY)
    assert [c.name for c in calls] == ["Innovationsfonden 2026 – höst"]
    assert calls[0].closes_on == date(2026, 12, 11) and calls[0].status == m.CallStatus.open


# ---------------------------------------------------------------- the whole lifecycle


def test_whole_lifecycle_from_draft_to_closed_project(session: Session) -> None:
    me = actor(session, "employee")
    admin = actor(session, "admin")
    call = _open_call(session)
    draft = fund.save_application(
        session=session, actor=me, data=_form(session, "employee"), today=TODAY, call_id=call.id
    )
    assert draft.status == "draft" and draft.ref.startswith("FON-2026-")
    fund.save_application(
        session=session,
        actor=me,
        data=_form(session, "employee", title="Fallsensorer"),
        today=TODAY,
        application_id=draft.id,
    )
    fund.submit_application(session=session, actor=me, application_id=draft.id, today=TODAY)
    assert draft.status == "submitted" and draft.submitted_at is not None

    decisions.request_info(session=session, actor=admin, application_id=draft.id, message="Bifoga budget.")
    fund.save_application(
        session=session,
        actor=me,
        data=_form(session, "employee", requested_sek=380_000),
        today=TODAY,
        application_id=draft.id,
    )
    fund.submit_application(session=session, actor=me, application_id=draft.id, today=TODAY)

    _reviewed(session, draft, "council")
    _reviewed(
        session, draft, "council2", scores={"nytta": 5, "nyhetsgrad": 4, "genomförbarhet": 4, "spridningspotential": 3}
    )
    summary = review.review_summary(session=session, actor=admin, application_id=draft.id)
    assert summary.averages["nytta"] == 4.5
    assert summary.averages["spridningspotential"] == 3  # "ej bedömbar" left out
    assert summary.recommendations == {"yes": 2, "maybe": 0, "no": 0} and not summary.disagreement

    decisions.approve(
        session=session, actor=admin, application_id=draft.id, granted_sek=300_000, note="Beviljas delvis.", today=TODAY
    )
    reports = decisions.reports_for(session=session, actor=me, application_id=draft.id, today=TODAY)
    assert [(r.kind, r.due_on) for r in reports] == [
        ("progress", date(2027, 8, 1)),
        ("progress", date(2028, 2, 1)),
        ("final", date(2028, 3, 31)),
    ]
    view = fund.get_application(session=session, actor=me, application_id=draft.id)
    assert view.row.granted_sek == 300_000 and view.decision_note == "Beviljas delvis."

    for report in reports:
        decisions.submit_report(
            session=session, actor=me, report_id=report.id, text="Läget", spent_sek=100_000, today=TODAY
        )
    assert draft.status == "final_reported"
    decisions.close_project(session=session, actor=admin, application_id=draft.id)
    history = fund.application_history(session=session, actor=me, application_id=draft.id)
    assert [e.to_status for e in history] == [
        "draft",
        "submitted",
        "needs_info",
        "submitted",
        "in_review",
        "approved",
        "in_progress",
        "final_reported",
        "closed",
    ]
    assert history[2].text == "Bifoga budget."
    logged = session.exec(
        select(m.AuditLog.action).where(m.AuditLog.entity == "fundapplication", m.AuditLog.entity_id == draft.id)
    ).all()
    assert {
        "fund.application.created",
        "fund.application.submitted",
        "fund.application.info_requested",
        "fund.review.assigned",
        "fund.review.no_conflict_declared",
        "fund.review.submitted",
        "fund.application.approved",
        "fund.report.submitted",
        "fund.project.closed",
    } <= set(logged)


def test_rejection_reason_reaches_the_applicant(session: Session) -> None:
    app = _submitted(session)
    with pytest.raises(ValidationError):
        decisions.reject(session=session, actor=actor(session, "admin"), application_id=app.id, reason=" ", today=TODAY)
    decisions.reject(
        session=session,
        actor=actor(session, "admin"),
        application_id=app.id,
        reason="Ligger utanför utlysningens inriktning.",
        today=TODAY,
    )
    view = fund.get_application(session=session, actor=actor(session, "employee"), application_id=app.id)
    assert view.row.status == "rejected" and view.decision_note == "Ligger utanför utlysningens inriktning."


# ---------------------------------------------------------------- refused input and transitions


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"requested_sek": -5}, "requested_sek", "errors.too_small"),
        ({"requested_sek": 0}, "requested_sek", "errors.too_small"),
        ({"requested_sek": 10_000_001}, "requested_sek", "fund.requested_above_budget"),
        ({"ends_on": date(2027, 1, 1)}, "ends_on", "fund.ends_before_starts"),
        ({"title": "  "}, "title", "errors.required"),
        ({"co_funding_sek": -1}, "co_funding_sek", "errors.too_small"),
    ],
)
def test_bad_application_input_is_refused_and_nothing_is_written(session: Session, overrides, field, key) -> None:
    before = _count(session, m.FundApplication)
    with pytest.raises(ValidationError) as caught:
        fund.save_application(
            session=session,
            actor=actor(session, "employee"),
            data=_form(session, "employee", **overrides),
            today=TODAY,
            call_id=_open_call(session).id,
        )
    assert caught.value.fields[field].key == key
    session.rollback()
    assert _count(session, m.FundApplication) == before


def test_applying_outside_the_calls_dates_is_refused(session: Session) -> None:
    me = actor(session, "employee")
    planned = session.exec(select(m.FundCall).where(m.FundCall.year == 2027)).one()
    with pytest.raises(InvalidTransition) as caught:
        fund.save_application(
            session=session, actor=me, data=_form(session, "employee"), today=TODAY, call_id=planned.id
        )
    assert caught.value.key == "fund.call_not_open"
    # A draft made while the call was open cannot be sent in after it closed.
    app = fund.save_application(
        session=session, actor=me, data=_form(session, "employee"), today=TODAY, call_id=_open_call(session).id
    )
    with pytest.raises(InvalidTransition):
        fund.submit_application(session=session, actor=me, application_id=app.id, today=date(2026, 12, 12))
    assert session.get(m.FundApplication, app.id).status == "draft"


def test_every_refused_transition(session: Session) -> None:
    admin = actor(session, "admin")
    me = actor(session, "employee")
    app = _submitted(session)
    with pytest.raises(InvalidTransition):  # submitted twice
        fund.submit_application(session=session, actor=me, application_id=app.id, today=TODAY)
    with pytest.raises(InvalidTransition):  # editing after submission
        fund.save_application(
            session=session, actor=me, data=_form(session, "employee"), today=TODAY, application_id=app.id
        )
    with pytest.raises(InvalidTransition):  # closing before the final report
        decisions.close_project(session=session, actor=admin, application_id=app.id)
    decisions.reject(session=session, actor=admin, application_id=app.id, reason="Nej", today=TODAY)
    for attempt in (
        lambda: decisions.approve(
            session=session, actor=admin, application_id=app.id, granted_sek=1, note=None, today=TODAY
        ),
        lambda: decisions.reject(session=session, actor=admin, application_id=app.id, reason="igen", today=TODAY),
        lambda: decisions.request_info(session=session, actor=admin, application_id=app.id, message="Mer"),
        lambda: review.assign_reviewer(
            session=session, actor=admin, application_id=app.id, reviewer_id=actor(session, "council").id
        ),
    ):
        with pytest.raises(InvalidTransition):
            attempt()
    draft = fund.save_application(
        session=session, actor=me, data=_form(session, "employee"), today=TODAY, call_id=_open_call(session).id
    )
    with pytest.raises(InvalidTransition):  # asking a draft for more information
        decisions.request_info(session=session, actor=admin, application_id=draft.id, message="Mer")
    with pytest.raises(PermissionDenied):  # someone else's application
        fund.submit_application(
            session=session, actor=actor(session, "employee.sl"), application_id=draft.id, today=TODAY
        )
    # A report on a project that was not approved.
    rejected_report = m.FundReport(application_id=app.id, kind="progress", due_on=TODAY)
    session.add(rejected_report)
    session.commit()
    with pytest.raises(InvalidTransition):
        decisions.submit_report(
            session=session, actor=me, report_id=rejected_report.id, text="x", spent_sek=1, today=TODAY
        )


def test_grant_limits(session: Session) -> None:
    admin = actor(session, "admin")
    app = _submitted(session, requested_sek=400_000)
    for amount, key in ((0, "fund.grant_positive"), (400_001, "fund.grant_above_requested")):
        with pytest.raises(ValidationError) as caught:
            decisions.approve(
                session=session, actor=admin, application_id=app.id, granted_sek=amount, note=None, today=TODAY
            )
        assert caught.value.fields["granted_sek"].key == key
    call = _open_call(session)
    call.budget_sek = fund.granted_in_call(session, call.id) + 100_000
    session.commit()
    with pytest.raises(ValidationError) as caught:
        decisions.approve(
            session=session, actor=admin, application_id=app.id, granted_sek=150_000, note=None, today=TODAY
        )
    assert caught.value.fields["granted_sek"].key == "fund.grant_above_remaining"
    session.rollback()
    assert session.get(m.FundApplication, app.id).granted_sek is None
    assert not session.exec(select(m.FundReport).where(m.FundReport.application_id == app.id)).all()


# ---------------------------------------------------------------- review and jäv


def test_review_before_the_declaration_is_refused_and_details_stay_hidden(session: Session) -> None:
    app = _submitted(session)
    admin = actor(session, "admin")
    council = actor(session, "council")
    review.assign_reviewer(session=session, actor=admin, application_id=app.id, reviewer_id=council.id)
    assert session.get(m.FundApplication, app.id).status == "in_review"
    mine = review.my_assignments(session=session, actor=council).items
    assert any(a.application_id == app.id and a.declared_at is None for a in mine)
    with pytest.raises(PermissionDenied):
        fund.get_application(session=session, actor=council, application_id=app.id)
    with pytest.raises(PermissionDenied) as caught:
        review.save_review(
            session=session,
            actor=council,
            application_id=app.id,
            scores={"nytta": 3},
            recommendation=None,
            comment=None,
        )
    assert caught.value.key == "fund.declare_first"
    review.declare(session=session, actor=council, application_id=app.id, conflict=False)
    assert fund.get_application(session=session, actor=council, application_id=app.id).summary


def test_a_reviewer_s_assignments_come_unsubmitted_first_then_newest_with_their_own_review(session: Session) -> None:
    council = actor(session, "council")
    review.assign_reviewer(
        session=session, actor=actor(session, "admin"), application_id=_submitted(session).id, reviewer_id=council.id
    )
    assigned = session.exec(
        select(m.ReviewAssignment).where(
            m.ReviewAssignment.reviewer_id == council.id, col(m.ReviewAssignment.conflict_declared_at).is_(None)
        )
    ).all()
    everything = review.my_assignments(session=session, actor=council, page_size=200)
    assert everything.total == len(assigned) > 1
    assert sorted(a.application_id for a in everything.items) == sorted(a.application_id for a in assigned)
    for a in everything.items:
        app = session.get(m.FundApplication, a.application_id)
        own = session.exec(
            select(m.FundReview).where(m.FundReview.application_id == app.id, m.FundReview.reviewer_id == council.id)
        ).first()
        assert (a.ref, a.status, a.review_due_on) == (
            app.ref,
            app.status,
            session.get(m.FundCall, app.call_id).review_due_on,
        )
        assert (a.declared_at, a.submitted_at) == (
            (own.no_conflict_declared_at, own.submitted_at) if own else (None, None)
        )
    order = [
        (a.submitted_at is not None, -session.get(m.FundApplication, a.application_id).submitted_at.timestamp())
        for a in everything.items
    ]
    assert order == sorted(order)
    second = review.my_assignments(session=session, actor=council, page=2, page_size=1)
    assert [a.application_id for a in second.items] == [everything.items[1].application_id]


def test_declaring_a_conflict_unassigns_and_is_logged(session: Session) -> None:
    app = _submitted(session)
    admin = actor(session, "admin")
    council = actor(session, "council2")
    review.assign_reviewer(session=session, actor=admin, application_id=app.id, reviewer_id=council.id)
    with pytest.raises(ValidationError):
        review.declare(session=session, actor=council, application_id=app.id, conflict=True, note="")
    review.declare(session=session, actor=council, application_id=app.id, conflict=True, note="Min bror söker.")
    assert all(a.application_id != app.id for a in review.my_assignments(session=session, actor=council).items)
    with pytest.raises(PermissionDenied):
        fund.get_application(session=session, actor=council, application_id=app.id)
    rows = review.assignments_for(session=session, actor=admin, application_id=app.id)
    assert rows[0].conflict_note == "Min bror söker." and rows[0].conflict_declared_at is not None
    with pytest.raises(ValidationError) as caught:  # cannot be assigned again
        review.assign_reviewer(session=session, actor=admin, application_id=app.id, reviewer_id=council.id)
    assert caught.value.fields["reviewer_id"].key == "fund.reviewer_had_conflict"
    assert session.exec(select(m.AuditLog).where(m.AuditLog.action == "fund.review.conflict_declared")).first()


def test_scores_outside_one_to_five_are_refused(session: Session) -> None:
    app = _submitted(session)
    council = actor(session, "council")
    review.assign_reviewer(
        session=session, actor=actor(session, "admin"), application_id=app.id, reviewer_id=council.id
    )
    review.declare(session=session, actor=council, application_id=app.id, conflict=False)
    for bad in (0, 6, -1):
        with pytest.raises(ValidationError) as caught:
            review.save_review(
                session=session,
                actor=council,
                application_id=app.id,
                scores={"nytta": bad},
                recommendation="yes",
                comment=None,
            )
        assert caught.value.fields["nytta"].key == "fund.score_out_of_range"
    with pytest.raises(ValidationError) as caught:  # submitting needs every criterion and a recommendation
        review.save_review(
            session=session,
            actor=council,
            application_id=app.id,
            scores={"nytta": 3},
            recommendation=None,
            comment=None,
            submit=True,
        )
    assert {"nyhetsgrad", "recommendation"} <= set(caught.value.fields)
    review.save_review(
        session=session,
        actor=council,
        application_id=app.id,
        scores={"nytta": 3},
        recommendation=None,
        comment="utkast",
    )
    draft = review.my_review(session=session, actor=council, application_id=app.id)
    assert draft.scores == {"nytta": 3} and draft.submitted_at is None


def test_others_reviews_only_after_submitting_ones_own(session: Session) -> None:
    app = _submitted(session)
    _reviewed(session, app, "council", rec="yes")
    council2 = actor(session, "council2")
    review.assign_reviewer(
        session=session, actor=actor(session, "admin"), application_id=app.id, reviewer_id=council2.id
    )
    review.declare(session=session, actor=council2, application_id=app.id, conflict=False)
    with pytest.raises(PermissionDenied):
        review.others_reviews(session=session, actor=council2, application_id=app.id)
    review.save_review(
        session=session,
        actor=council2,
        application_id=app.id,
        scores={"nytta": 1, "nyhetsgrad": 2, "genomförbarhet": 1, "spridningspotential": 1},
        recommendation="no",
        comment="Svagt",
        submit=True,
    )
    seen = review.others_reviews(session=session, actor=council2, application_id=app.id)
    assert {r.reviewer_id for r in seen} == {actor(session, "council").id, council2.id}
    summary = review.review_summary(session=session, actor=actor(session, "admin"), application_id=app.id)
    assert summary.disagreement  # yes against no, and 4 against 1 on nytta
    with pytest.raises(InvalidTransition):
        review.save_review(
            session=session, actor=council2, application_id=app.id, scores={}, recommendation="no", comment=None
        )


def test_decision_pack_ranks_by_average_score(session: Session) -> None:
    admin = actor(session, "admin")
    weak = _submitted(session, title="Svag")
    strong = _submitted(session, title="Stark")
    _reviewed(session, weak, scores={"nytta": 2, "nyhetsgrad": 2, "genomförbarhet": 2, "spridningspotential": 2})
    _reviewed(session, strong, scores={"nytta": 5, "nyhetsgrad": 5, "genomförbarhet": 5, "spridningspotential": None})
    pack = review.decision_pack(session=session, actor=admin, call_id=_open_call(session).id)
    titles = [r.title for r in pack]
    assert titles.index("Stark") < titles.index("Svag")
    assert pack[0].rank == 1 and pack[0].summary.average >= pack[1].summary.average
    assert all(r.status != "draft" for r in pack)
    with pytest.raises(PermissionDenied):
        review.decision_pack(session=session, actor=actor(session, "council"), call_id=_open_call(session).id)


# ---------------------------------------------------------------- visibility


def test_visibility_per_role(session: Session) -> None:
    mine = _submitted(session, "employee")  # KS
    other = _submitted(session, "employee.sl")  # SL
    draft = fund.save_application(
        session=session,
        actor=actor(session, "employee"),
        data=_form(session, "employee"),
        today=TODAY,
        call_id=_open_call(session).id,
    )

    def ids(username: str) -> set[int]:
        page = fund.list_applications(session=session, actor=actor(session, username), page_size=200)
        return {r.id for r in page.items}

    assert {mine.id, draft.id} <= ids("employee") and other.id not in ids("employee")
    ks_manager = ids("maria.ekholm")  # manager of KS
    assert mine.id in ks_manager and other.id not in ks_manager and draft.id not in ks_manager
    assert {mine.id, other.id, draft.id} <= ids("admin")
    assert ids("council") == set()  # a council member reads through their assignments only
    with pytest.raises(PermissionDenied):
        fund.get_application(session=session, actor=actor(session, "employee.sl"), application_id=mine.id)
    with pytest.raises(PermissionDenied):
        fund.get_application(session=session, actor=actor(session, "maria.ekholm"), application_id=draft.id)
    with pytest.raises(PermissionDenied):
        fund.application_history(session=session, actor=actor(session, "council"), application_id=mine.id)
    assert fund.get_application(session=session, actor=actor(session, "maria.ekholm"), application_id=mine.id)
    with pytest.raises(NotFound):
        fund.get_application(session=session, actor=actor(session, "admin"), application_id=999_999)


# ---------------------------------------------------------------- the budget guard


def test_two_concurrent_approvals_cannot_exceed_the_budget(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = db.make_engine(demo_url)
    with db.write_session(setup) as session:
        area = session.exec(select(m.Area)).first()
        org = factories.organisation(session, area)
        applicant = factories.user(session, "sokande", org=org)
        call = factories.call(session, 2026, budget_sek=1_000_000, name="Tävlingsutlysning")
        apps = [
            factories.application(session, call, applicant, org, 700_000, status="in_review", ref=f"TST-2026-{i}")
            for i in range(2)
        ]
        ids = [a.id for a in apps]
        session.commit()
    setup.dispose()

    real = decisions.granted_in_call

    def slow(session, call_id):  # widen the race: both would read 0 granted without the write lock
        value = real(session, call_id)
        threading.Event().wait(0.3)
        return value

    monkeypatch.setattr(decisions, "granted_in_call", slow)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(application_id: int) -> None:
        engine = db.make_engine(demo_url)
        try:
            with db.read_session(engine) as session:
                admin = actor(session, "admin")
            barrier.wait()
            with db.write_session(engine) as session:
                try:
                    decisions.approve(
                        session=session,
                        actor=admin,
                        application_id=application_id,
                        granted_sek=700_000,
                        note=None,
                        today=TODAY,
                    )
                    outcomes.append("approved")
                except ValidationError as error:
                    outcomes.append(error.fields["granted_sek"].key)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=approve, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["approved", "fund.grant_above_remaining"]
    check = db.make_engine(demo_url)
    with db.read_session(check) as session:
        granted = session.exec(
            select(func.sum(m.FundApplication.granted_sek)).where(m.FundApplication.call_id == call.id)
        ).one()
    check.dispose()
    assert granted == 700_000


# ---------------------------------------------------------------- follow-up and figures


def test_report_schedule_every_six_months_and_a_final_report() -> None:
    assert decisions.report_schedule(date(2026, 8, 31), date(2027, 9, 30)) == [
        ("progress", date(2027, 2, 28)),
        ("progress", date(2027, 8, 31)),
        ("final", date(2027, 9, 30)),
    ]
    assert decisions.report_schedule(date(2026, 1, 1), date(2026, 5, 1)) == [("final", date(2026, 5, 1))]


def test_late_reports_are_flagged(session: Session) -> None:
    admin = actor(session, "admin")
    late = decisions.follow_up(session=session, actor=admin, today=TODAY, late_only=True, page_size=200).items
    # In the demo, Östra ögonscreeningen's progress report due 2026-10-01 is not in.
    assert late and all(r.late_reports > 0 for r in late)
    owner = session.get(m.FundApplication, late[0].application_id)
    applicant = session.get(m.User, owner.applicant_id)
    reports = decisions.reports_for(
        session=session, actor=actor(session, applicant.username), application_id=owner.id, today=TODAY
    )
    assert any(r.late for r in reports)
    with pytest.raises(PermissionDenied):
        decisions.follow_up(session=session, actor=actor(session, "council"), today=TODAY)


def test_follow_up_lists_late_projects_first_then_by_the_next_report_due(session: Session) -> None:
    admin = actor(session, "admin")
    rows = decisions.follow_up(session=session, actor=admin, today=TODAY, page_size=200).items
    funded = session.exec(select(m.FundApplication).where(col(m.FundApplication.status).in_(decisions.FUNDED))).all()
    assert sorted(r.ref for r in rows) == sorted(a.ref for a in funded)
    assert {r.next_due_on is None for r in rows} == {True, False}  # the demo has both kinds
    order = [(r.late_reports == 0, r.next_due_on is None, r.next_due_on or date.max, r.ref) for r in rows]
    assert order == sorted(order)  # projects owing no report last, on SQLite as on PostgreSQL
    for r in rows:  # what each has spent, from all its reports
        spent = session.exec(
            select(func.coalesce(func.sum(m.FundReport.spent_sek), 0)).where(
                m.FundReport.application_id == r.application_id
            )
        ).one()
        assert r.spent_sek == spent
    second = decisions.follow_up(session=session, actor=admin, today=TODAY, page=2, page_size=3)
    assert [r.ref for r in second.items] == [r.ref for r in rows[3:6]] and second.total == len(rows)


def test_a_stopped_project_s_reports_not_yet_in_are_no_longer_late_anywhere(session: Session) -> None:
    from services.indicators import my_org

    admin = actor(session, "admin")
    late = decisions.follow_up(session=session, actor=admin, today=TODAY, late_only=True, page_size=200).items[0]
    project = session.get(m.FundApplication, late.application_id)
    before = my_org.waiting(session=session, actor=admin, organisation_id=project.organisation_id, today=TODAY)
    decisions.stop_project(session=session, actor=admin, application_id=project.id, obstacle_kind="time", reason="Slut")

    still_late = decisions.follow_up(session=session, actor=admin, today=TODAY, late_only=True, page_size=200)
    assert project.id not in [r.application_id for r in still_late.items]
    listed = decisions.follow_up(session=session, actor=admin, today=TODAY, page_size=200).items
    shown = next(r for r in listed if r.application_id == project.id)
    assert (shown.status, shown.late_reports, shown.next_due_on) == ("closed", 0, None)
    after = my_org.waiting(session=session, actor=admin, organisation_id=project.organisation_id, today=TODAY)
    assert after.reports_late == before.reports_late - late.late_reports
    assert project.ref not in [r.application_ref for r in after.reports]
    applicant = session.get(m.User, project.applicant_id)
    reports = decisions.reports_for(
        session=session, actor=actor(session, applicant.username), application_id=project.id, today=TODAY
    )
    assert any(r.submitted_on is None for r in reports)  # kept, but neither owed nor late
    assert not any(r.late or r.owed for r in reports)


def test_fund_figures_per_call_and_area_match_the_records(session: Session) -> None:
    council = actor(session, "council")
    rows = {r.key: r for r in figures.fund_figures(session=session, actor=council, by="call")}
    call = session.exec(select(m.FundCall).where(m.FundCall.name == "Innovationsfonden 2024")).one()
    apps = session.exec(select(m.FundApplication).where(m.FundApplication.call_id == call.id)).all()
    row = rows["Innovationsfonden 2024"]
    assert row.budget_sek == 8_000_000
    assert row.applied_sek == sum(a.requested_sek for a in apps if a.submitted_at)
    assert row.granted_sek == sum(a.granted_sek or 0 for a in apps)
    assert row.remaining_sek == 8_000_000 - row.granted_sek
    spent = session.exec(
        select(func.sum(m.FundReport.spent_sek))
        .join(m.FundApplication, m.FundReport.application_id == m.FundApplication.id)
        .where(m.FundApplication.call_id == call.id, m.FundReport.submitted_on.is_not(None))
    ).one()
    assert row.spent_sek == spent
    assert rows["Innovationsfonden 2027"].applications == 0  # a planned call still shows its budget

    areas = figures.fund_figures(session=session, actor=council, by="area", year=2024)
    assert sum(a.granted_sek for a in areas) == row.granted_sek
    assert {a.key for a in areas} == {"health", "transport", "culture", "regional"}
    health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
    only = figures.fund_figures(session=session, actor=council, by="area", area_id=health.id)
    assert [a.key for a in only] == ["health"]


def test_applications_linked_to_an_idea(session: Session) -> None:
    employee = actor(session, "employee")  # KS; the pressure-ulcer mat grows from a KS idea
    idea_id = session.exec(
        select(m.FundApplication.idea_id).where(
            m.FundApplication.applicant_id == employee.id, m.FundApplication.idea_id.is_not(None)
        )
    ).first()
    linked = fund.linked_to_idea(session=session, actor=actor(session, "council"), idea_id=idea_id)
    assert linked and all(r.submitted_at is not None for r in linked)
    assert fund.linked_to_idea(session=session, actor=employee, idea_id=idea_id) == linked
    assert fund.linked_to_idea(session=session, actor=actor(session, "employee.sl"), idea_id=idea_id) == []


def test_decision_pack_exports_to_xlsx_in_rank_order(session: Session) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from services.shared import exports

    call = session.exec(select(m.FundCall).where(m.FundCall.name == "Innovationsfonden 2024")).one()
    pack = review.decision_pack(session=session, actor=actor(session, "admin"), call_id=call.id)
    headers = {
        k: k
        for k in (
            "rank",
            "ref",
            "title",
            "organisation",
            "status",
            "requested",
            "granted",
            "average",
            "yes",
            "maybe",
            "no",
            "disagreement",
            "flag_yes",
        )
    }
    headers.update({f"status.{s.value}": s.value for s in m.ApplicationStatus})
    head, rows = review.decision_pack_table(pack, call.criteria, headers)
    sheet = load_workbook(BytesIO(exports.table_to_xlsx(head, rows))).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0][:3]) == ["rank", "ref", "title"] and "nytta" in values[0]
    averages = [row[7] for row in values[1:] if row[7] is not None]
    assert averages == sorted(averages, reverse=True) and len(values) - 1 == len(pack) == 12


def test_reviewer_choices_offer_the_council_and_find_anyone_active_by_name(session: Session) -> None:
    admin = actor(session, "admin")
    council = fund.reviewer_choices(session=session, actor=admin)
    assert council and {role for _, _, role in council} == {"council"}
    employee = session.exec(select(m.User).where(m.User.username == "employee")).one()
    found = fund.reviewer_choices(session=session, actor=admin, search=employee.display_name.upper())
    assert employee.id in {i for i, _, _ in found}
    assert len(fund.reviewer_choices(session=session, actor=admin, search="a", limit=3)) == 3
    employee.is_active = False
    session.commit()
    assert employee.id not in {
        i for i, _, _ in fund.reviewer_choices(session=session, actor=admin, search=employee.display_name)
    }
    with pytest.raises(PermissionDenied):
        fund.reviewer_choices(session=session, actor=actor(session, "council"), search="a")


def test_calls_and_applications_narrow_to_one_year_in_sql(session: Session) -> None:
    admin = actor(session, "admin")
    calls = fund.list_calls(session=session, actor=admin, today=TODAY, year=2024)
    assert calls.total == len(calls.items) >= 1 and {c.year for c in calls.items} == {2024}
    apps = fund.list_applications(session=session, actor=admin, year=2024, page_size=500)
    call_ids = {c.id for c in calls.items}
    assert (
        apps.total
        == session.exec(
            select(func.count()).select_from(m.FundApplication).where(m.FundApplication.call_id.in_(call_ids))  # type: ignore[attr-defined]
        ).one()
    )
    assert apps.items and {r.call_id for r in apps.items} <= call_ids


def test_outsiders_are_refused_every_read_and_write_in_the_service(session: Session) -> None:
    """A manager of another organisation, an unassigned reviewer and another employee: each is refused
    by the service itself, whatever a page would or would not show them."""
    app = _submitted(session, "employee")  # KS
    _reviewed(session, app)  # the council member reviews it; the admin approves below
    decisions.approve(
        session=session, actor=actor(session, "admin"), application_id=app.id, granted_sek=300_000, note="", today=TODAY
    )
    report = session.exec(select(m.FundReport).where(m.FundReport.application_id == app.id)).first()
    other_manager = session.exec(
        select(m.User.username).where(
            m.User.role == "manager", m.User.is_active, m.User.organisation_id != app.organisation_id
        )
    ).first()
    unassigned_reviewer = session.exec(
        select(m.User.username).where(m.User.role == "council", m.User.is_active, m.User.username != "council")
    ).first()
    assert other_manager and unassigned_reviewer
    before = (_count(session, m.AuditLog), _count(session, m.FundReview), _count(session, m.FundApplicationEvent))
    one = {"session": session, "application_id": app.id}
    attempts = [
        (fund.get_application, one),
        (fund.application_history, one),
        (decisions.reports_for, {**one, "today": TODAY}),
        (review.my_review, one),
        (review.others_reviews, one),
        (review.assignments_for, one),
        (review.review_summary, one),
        (review.decision_pack, {"session": session, "call_id": app.call_id}),
        (fund.save_application, {**one, "data": _form(session, "employee"), "today": TODAY}),
        (fund.submit_application, {**one, "today": TODAY}),
        (review.declare, {**one, "conflict": False}),
        (review.save_review, {**one, "scores": {}, "recommendation": None, "comment": None}),
        (
            decisions.submit_report,
            {"session": session, "report_id": report.id, "text": "Klart", "spent_sek": 1, "today": TODAY},
        ),
        (decisions.close_project, one),
    ]
    for username in (other_manager, unassigned_reviewer, "employee.sl"):
        who = actor(session, username)
        for service, params in attempts:
            with pytest.raises(PermissionDenied):
                service(actor=who, **params)
        assert app.id not in {r.id for r in fund.list_applications(session=session, actor=who, page_size=200).items}
    after = (_count(session, m.AuditLog), _count(session, m.FundReview), _count(session, m.FundApplicationEvent))
    assert after == before  # nothing written


def test_an_employee_found_by_name_reviews_like_a_council_member(session: Session) -> None:
    app = _submitted(session, "employee")
    admin = actor(session, "admin")
    reviewer = session.exec(
        select(m.User).where(m.User.role == "employee", m.User.is_active, m.User.id != app.applicant_id)
    ).first()
    found = fund.reviewer_choices(session=session, actor=admin, search=reviewer.display_name)
    assert reviewer.id in [i for i, _, _ in found]
    review.assign_reviewer(session=session, actor=admin, application_id=app.id, reviewer_id=reviewer.id)
    who = actor(session, reviewer.username)
    assert [a.application_id for a in review.my_assignments(session=session, actor=who).items] == [app.id]
    with pytest.raises(PermissionDenied):  # the declaration comes first, as for anyone
        fund.get_application(session=session, actor=who, application_id=app.id)
    review.declare(session=session, actor=who, application_id=app.id, conflict=False)
    assert fund.get_application(session=session, actor=who, application_id=app.id).row.title == app.title


def test_an_application_cannot_link_an_idea_from_another_organisation(session: Session) -> None:
    me = actor(session, "employee")
    foreign = session.exec(
        select(m.Idea).where(m.Idea.organisation_id != me.organisation_id, m.Idea.submitter_id != me.id)
    ).first()
    own_org = session.exec(select(m.Idea).where(m.Idea.organisation_id == me.organisation_id)).first()
    before = _count(session, m.FundApplication)
    with pytest.raises(ValidationError) as refused:
        fund.save_application(
            session=session,
            actor=me,
            data=_form(session, "employee", idea_id=foreign.id),
            today=TODAY,
            call_id=_open_call(session).id,
        )
    assert "idea_id" in refused.value.fields
    assert _count(session, m.FundApplication) == before
    saved = fund.save_application(
        session=session,
        actor=me,
        data=_form(session, "employee", idea_id=own_org.id),
        today=TODAY,
        call_id=_open_call(session).id,
    )
    assert saved.idea_id == own_org.id


def test_an_admin_never_handles_reviews_or_decides_their_own_application(session: Session) -> None:
    """Four eyes, whatever the role: another admin handles an admin's application."""
    own = _submitted(session, "admin")
    me, colleague = actor(session, "admin"), actor(session, "helena.forsberg")
    council = actor(session, "council")
    refused = [
        lambda: decisions.approve(
            session=session, actor=me, application_id=own.id, granted_sek=100_000, note=None, today=TODAY
        ),
        lambda: decisions.reject(session=session, actor=me, application_id=own.id, reason="Nej.", today=TODAY),
        lambda: decisions.request_info(session=session, actor=me, application_id=own.id, message="Mer?"),
        lambda: review.assign_reviewer(session=session, actor=me, application_id=own.id, reviewer_id=council.id),
        lambda: review.assignments_for(session=session, actor=me, application_id=own.id),
        lambda: review.review_summary(session=session, actor=me, application_id=own.id),
        lambda: review.others_reviews(session=session, actor=me, application_id=own.id),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert caught.value.key == "fund.own_case"
        session.rollback()
    assert session.get(m.FundApplication, own.id).status == "submitted"
    # The applicant can never be asked to review it either.
    with pytest.raises(ValidationError):
        review.assign_reviewer(session=session, actor=colleague, application_id=own.id, reviewer_id=me.id)
    session.rollback()
    # Another admin handles it all the way to the decision.
    _reviewed_by(session, colleague, own, "council")
    decisions.approve(
        session=session, actor=colleague, application_id=own.id, granted_sek=100_000, note=None, today=TODAY
    )
    assert session.get(m.FundApplication, own.id).decided_by_id == colleague.id
    # ...and the applicant still reads their own application and its history.
    assert fund.get_application(session=session, actor=me, application_id=own.id).row.status == "approved"
    assert fund.application_history(session=session, actor=me, application_id=own.id)


def _reviewed_by(session: Session, admin: object, app: m.FundApplication, reviewer: str) -> None:
    who = actor(session, reviewer)
    review.assign_reviewer(session=session, actor=admin, application_id=app.id, reviewer_id=who.id)
    review.declare(session=session, actor=who, application_id=app.id, conflict=False)
    scores = {"nytta": 4, "nyhetsgrad": 3, "genomförbarhet": 5, "spridningspotential": 4}
    review.save_review(
        session=session, actor=who, application_id=app.id, scores=scores, recommendation="yes", comment="", submit=True
    )


def test_a_draft_and_its_history_are_the_applicants_own(session: Session) -> None:
    """A manager reads their organisation's applications once submitted, never a colleague's draft."""
    applicant, manager = actor(session, "employee"), actor(session, "maria.ekholm")  # both of KS
    assert applicant.organisation_id == manager.organisation_id
    draft = fund.save_application(
        session=session, actor=applicant, data=_form(session, "employee"), today=TODAY, call_id=_open_call(session).id
    )
    for read in (fund.get_application, fund.application_history):
        with pytest.raises(PermissionDenied):
            read(session=session, actor=manager, application_id=draft.id)
    fund.submit_application(session=session, actor=applicant, application_id=draft.id, today=TODAY)
    assert [e.to_status for e in fund.application_history(session=session, actor=manager, application_id=draft.id)]

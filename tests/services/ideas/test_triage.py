"""Idéhantering's rules: every allowed and refused stage move, who may read and change what, merging,
assigning, IP, areas, adoptions, linked records, response times and personal data."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, func, select

import models as m
from services.ideas import intake, privacy, stats, triage
from services.ideas.triage import IdeaFilter
from services.people.auth import operator
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests.conftest import actor
from tests.services.ideas.test_intake import form, org_id

PATH = ["received", "screening", "development", "testing", "implementation", "spread"]


_CODES: dict[int, str] = {}  # idea id -> the tracking code its submitter got


def new_idea(session: Session, **changes: object) -> m.Idea:
    done = intake.submit_idea(session=session, actor=None, data=form(session, **changes))
    _CODES[done.idea_id] = done.tracking_code
    return session.get(m.Idea, done.idea_id)


def follow(session: Session, idea: m.Idea) -> intake.Tracking:
    """What the submitter sees with their link."""
    return intake.track_idea(session=session, code=_CODES[idea.id])


def move(session: Session, idea: m.Idea, to: str, who: str = "admin", text: str | None = None) -> m.Idea:
    obstacle = "other" if to in ("parked", "closed") else None  # a side exit needs its coded obstacle
    return triage.change_stage(
        session=session, actor=actor(session, who), idea_id=idea.id, to_stage=to, text=text, obstacle_kind=obstacle
    )


def events(session: Session, idea: m.Idea, kind: str) -> list[m.IdeaEvent]:
    return session.exec(select(m.IdeaEvent).where(m.IdeaEvent.idea_id == idea.id, m.IdeaEvent.kind == kind)).all()


def audits(session: Session, idea: m.Idea) -> list[str]:
    rows = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "idea", m.AuditLog.entity_id == idea.id))
    return list(rows)


def test_forward_along_the_whole_path_and_back_one_step(session: Session) -> None:
    idea = new_idea(session)
    for stage in PATH[1:]:
        assert stage in triage.allowed_moves(session, idea)
        move(session, idea, stage, text=f"Nu {stage}")
    assert idea.stage == "spread" and idea.first_decision_at is not None
    assert triage.allowed_moves(session, idea) == ["implementation", "parked", "closed"]
    move(session, idea, "implementation")
    assert idea.stage == "implementation"
    assert len(events(session, idea, "stage_changed")) == 6
    assert audits(session, idea).count("idea.stage_changed") == 6


@pytest.mark.parametrize(
    ("start_path", "target"),
    [
        ([], "development"),  # two steps forward
        ([], "spread"),
        (["screening", "development", "testing"], "screening"),  # two steps back
        ([], "received"),  # to where it is
        ([], "nonsense"),
    ],
)
def test_moves_the_rules_do_not_allow_are_refused_and_nothing_written(
    session: Session, start_path: list[str], target: str
) -> None:
    idea = new_idea(session)
    for stage in start_path:
        move(session, idea, stage)
    before = (idea.stage, len(events(session, idea, "stage_changed")), len(audits(session, idea)))
    with pytest.raises(InvalidTransition):
        move(session, idea, target)
    session.rollback()
    session.refresh(idea)
    assert (idea.stage, len(events(session, idea, "stage_changed")), len(audits(session, idea))) == before


def test_received_cannot_go_back(session: Session) -> None:
    idea = new_idea(session)
    assert "received" not in triage.allowed_moves(session, idea)
    assert triage.allowed_moves(session, idea) == ["screening", "parked", "closed"]


def test_park_and_reopen_returns_to_the_stage_it_left(session: Session) -> None:
    idea = new_idea(session)
    move(session, idea, "screening")
    move(session, idea, "development")
    move(session, idea, "parked", text="Väntar på budget")
    assert triage.allowed_moves(session, idea) == ["development", "closed"]
    with pytest.raises(InvalidTransition):
        move(session, idea, "testing")
    move(session, idea, "development")
    assert idea.stage == "development"


def test_close_needs_a_reason_the_submitter_reads_and_can_be_reopened(session: Session) -> None:
    idea = new_idea(session)
    with pytest.raises(ValidationError) as refused:
        move(session, idea, "closed", text="  ")
    assert refused.value.fields["text"].key == "ideas.close_needs_reason"
    session.rollback()
    move(session, idea, "closed", text="Finns redan i 1177.")
    seen = follow(session, idea)
    assert seen.stage == "closed" and seen.closed_reason == "Finns redan i 1177."
    assert triage.allowed_moves(session, idea) == ["received"]  # reopened where it was closed
    move(session, idea, "received")
    assert idea.closed_reason is None and idea.stage == "received"


def test_a_move_someone_else_made_first_is_refused(session: Session) -> None:
    idea = new_idea(session)
    move(session, idea, "screening")
    with pytest.raises(InvalidTransition) as refused:
        triage.change_stage(
            session=session,
            actor=actor(session, "admin"),
            idea_id=idea.id,
            to_stage="screening",
            expected_stage="received",
        )
    assert refused.value.key == "ideas.moved_meanwhile"


def test_manager_of_the_organisation_may_read_and_change(session: Session) -> None:
    idea = new_idea(session, organisation_id=org_id(session, "KS"))
    move(session, idea, "screening", who="maria.ekholm")  # manager of KS
    detail = triage.idea_detail(session=session, actor=actor(session, "maria.ekholm"), idea_id=idea.id)
    assert detail.stage == "screening"


@pytest.mark.parametrize("who", ["manager", "employee", "council"])
def test_others_are_refused_reading_and_changing(session: Session, who: str) -> None:
    idea = new_idea(session, organisation_id=org_id(session, "KS"))  # `manager` manages HSF, not KS
    me = actor(session, who)
    with pytest.raises(PermissionDenied):
        triage.idea_detail(session=session, actor=me, idea_id=idea.id)
    with pytest.raises(PermissionDenied):
        triage.change_stage(session=session, actor=me, idea_id=idea.id, to_stage="screening")
    with pytest.raises(PermissionDenied):
        triage.add_comment(session=session, actor=me, idea_id=idea.id, text="x")
    with pytest.raises(PermissionDenied):
        triage.find_id(session=session, actor=me, ref=idea.ref)
    changes = [
        lambda: triage.owner_choices(session=session, actor=me, idea_id=idea.id),
        lambda: triage.assign(session=session, actor=me, idea_id=idea.id, owner_id=None, organisation_id=None),
        lambda: triage.set_ip_status(session=session, actor=me, idea_id=idea.id, ip_status="no_ip"),
        lambda: triage.set_further_areas(session=session, actor=me, idea_id=idea.id, area_ids=[]),
        lambda: triage.add_adoption(session=session, actor=me, idea_id=idea.id, organisation_id=None, adopted_on=None),
        lambda: triage.merge(session=session, actor=me, duplicate_id=idea.id, into_ref=idea.ref, reason="x"),
        lambda: privacy.anonymise_idea(session=session, actor=me, idea_id=idea.id),
    ]
    for change in changes:
        with pytest.raises(PermissionDenied):
            change()
    session.rollback()
    session.refresh(idea)
    assert idea.stage == "received" and audits(session, idea) == ["idea.created"]


def test_public_visitor_is_refused_the_board(session: Session) -> None:
    with pytest.raises(PermissionDenied):
        triage.board(session=session, actor=None, filters=IdeaFilter())
    with pytest.raises(PermissionDenied):
        triage.list_ideas(session=session, actor=actor(session, "employee"), filters=IdeaFilter())


def test_board_and_list_respect_scope_and_filters(session: Session) -> None:
    admin, manager = actor(session, "admin"), actor(session, "manager")
    everything = triage.board(session=session, actor=admin, filters=IdeaFilter())
    own = triage.board(session=session, actor=manager, filters=IdeaFilter())
    total = session.exec(select(func.count()).select_from(m.Idea)).one()
    hsf = session.exec(select(func.count()).where(m.Idea.organisation_id == manager.organisation_id)).one()
    assert everything.total == total and own.total == hsf < total
    page = triage.list_ideas(session=session, actor=manager, filters=IdeaFilter(), page_size=200)
    assert page.total == hsf and all(r.organisation == "HSF" for r in page.items)
    screening = triage.list_ideas(session=session, actor=admin, filters=IdeaFilter(stage="screening"))
    assert screening.total == everything.counts["screening"]
    assert all(r.stage == "screening" for r in screening.items)
    found = triage.list_ideas(session=session, actor=admin, filters=IdeaFilter(search="blippa"))
    assert found.total >= 1
    # The board page hands the board's count over instead of counting the free text a second time.
    counted = triage.board(session=session, actor=admin, filters=IdeaFilter(search="blippa")).total
    handed = triage.list_ideas(session=session, actor=admin, filters=IdeaFilter(search="blippa"), total=counted)
    assert counted == found.total and handed.total == counted and handed.items == found.items
    old = triage.list_ideas(session=session, actor=admin, filters=IdeaFilter(older_than_days=365))
    assert old.total < total
    exported = list(triage.export_rows(session=session, actor=manager, filters=IdeaFilter()))
    assert len(exported) == hsf


def test_rare_and_common_words_list_in_the_same_order(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = actor(session, "admin")
    wide = IdeaFilter(search="e")  # in nearly every idea
    monkeypatch.setattr(triage, "RARE_MATCHES", 0)  # no search counts as rare: the index walk
    by_index = triage.list_ideas(session=session, actor=admin, filters=wide, page_size=200)
    monkeypatch.setattr(triage, "RARE_MATCHES", 10**9)  # every search counts as rare: scan and sort
    by_sort = triage.list_ideas(session=session, actor=admin, filters=wide, page_size=200)
    assert len(by_index.items) > 100 and by_sort.items == by_index.items


def test_overdue_ideas_are_flagged(session: Session) -> None:
    idea = new_idea(session)
    idea.received_at = m.utcnow() - timedelta(days=20)
    session.commit()
    admin = actor(session, "admin")
    flagged = triage.list_ideas(session=session, actor=admin, filters=IdeaFilter(overdue_only=True), page_size=200)
    assert idea.id in {r.id for r in flagged.items} and all(r.overdue for r in flagged.items)
    assert triage.board(session=session, actor=admin, filters=IdeaFilter()).overdue == flagged.total
    assert stats.overdue_count(session=session, actor=admin) == flagged.total


def test_comment_assign_ip_areas_each_write_event_and_audit(session: Session) -> None:
    admin = actor(session, "admin")
    idea = new_idea(session)
    triage.add_comment(session=session, actor=admin, idea_id=idea.id, text="<b>intern</b>")
    triage.add_comment(session=session, actor=admin, idea_id=idea.id, text="Till alla", internal=False)
    owner = actor(session, "maria.ekholm")
    triage.assign(
        session=session, actor=admin, idea_id=idea.id, owner_id=owner.id, organisation_id=org_id(session, "KS")
    )
    triage.set_ip_status(session=session, actor=admin, idea_id=idea.id, ip_status="under_assessment")
    culture = session.exec(select(m.Area.id).where(m.Area.code == "culture")).one()
    triage.set_further_areas(session=session, actor=admin, idea_id=idea.id, area_ids=[culture])
    session.refresh(idea)
    assert idea.owner_id == owner.id and idea.ip_status == "under_assessment"
    kinds = [e.kind for e in session.exec(select(m.IdeaEvent).where(m.IdeaEvent.idea_id == idea.id))]
    assert kinds == ["created", "comment", "comment", "assigned", "ip_changed", "linked"]
    assert audits(session, idea) == [
        "idea.created",
        "idea.commented",
        "idea.commented",
        "idea.assigned",
        "idea.ip_changed",
        "idea.areas_changed",
    ]
    public = [e.text for e in follow(session, idea).timeline]
    assert "Till alla" in public and "<b>intern</b>" not in public
    detail = triage.idea_detail(session=session, actor=admin, idea_id=idea.id)
    assert detail.further_area_ids == [culture] and detail.owner == owner.display_name


def test_manager_cannot_hand_the_idea_to_another_organisation_or_owner(session: Session) -> None:
    manager = actor(session, "maria.ekholm")
    idea = new_idea(session, organisation_id=org_id(session, "KS"))
    with pytest.raises(PermissionDenied):
        triage.assign(
            session=session, actor=manager, idea_id=idea.id, owner_id=None, organisation_id=org_id(session, "SL")
        )
    outsider = actor(session, "employee.sl")
    with pytest.raises(ValidationError):
        triage.assign(
            session=session, actor=manager, idea_id=idea.id, owner_id=outsider.id, organisation_id=idea.organisation_id
        )
    colleague = actor(session, "employee")  # KS
    triage.assign(
        session=session, actor=manager, idea_id=idea.id, owner_id=colleague.id, organisation_id=idea.organisation_id
    )
    assert session.get(m.Idea, idea.id).owner_id == colleague.id


def test_adoptions_only_once_per_organisation_after_implementation(session: Session) -> None:
    admin = actor(session, "admin")
    idea = new_idea(session, organisation_id=org_id(session, "KS"))
    sos = org_id(session, "SöS")
    with pytest.raises(InvalidTransition):
        triage.add_adoption(session=session, actor=admin, idea_id=idea.id, organisation_id=sos, adopted_on=date.today())
    for stage in PATH[1:5]:
        move(session, idea, stage)
    triage.add_adoption(
        session=session, actor=admin, idea_id=idea.id, organisation_id=sos, adopted_on=date.today(), note="Infört"
    )
    with pytest.raises(ValidationError):
        triage.add_adoption(session=session, actor=admin, idea_id=idea.id, organisation_id=sos, adopted_on=date.today())
    with pytest.raises(ValidationError):
        triage.add_adoption(
            session=session, actor=admin, idea_id=idea.id, organisation_id=idea.organisation_id, adopted_on=date.today()
        )
    detail = triage.idea_detail(session=session, actor=admin, idea_id=idea.id)
    assert [a.note for a in detail.adoptions] == ["Infört"]


def test_merge_keeps_both_timelines_and_moves_backers(session: Session) -> None:
    admin = actor(session, "admin")
    target = new_idea(session)
    duplicate = new_idea(session)
    backer = actor(session, "employee.sl")
    intake.support_idea(session=session, actor=backer, idea_id=duplicate.id)
    with pytest.raises(PermissionDenied):
        triage.merge(
            session=session,
            actor=actor(session, "maria.ekholm"),
            duplicate_id=duplicate.id,
            into_ref=target.ref,
            reason="x",
        )
    with pytest.raises(ValidationError):
        triage.merge(session=session, actor=admin, duplicate_id=duplicate.id, into_ref=duplicate.ref, reason="x")
    triage.merge(
        session=session, actor=admin, duplicate_id=duplicate.id, into_ref=target.ref, reason="Samma idé som en annan."
    )
    seen = follow(session, duplicate)
    assert seen.stage == "closed" and seen.merged_into_ref == target.ref
    assert any(e.kind == "merged" and e.related_ref == target.ref for e in seen.timeline)
    detail = triage.idea_detail(session=session, actor=admin, idea_id=target.id)
    assert detail.merged_from == [duplicate.ref] and detail.supporters == 1
    assert any(e.kind == "merged" and e.related_ref == duplicate.ref for e in detail.timeline)
    assert triage.allowed_moves(session, session.get(m.Idea, duplicate.id)) == []
    with pytest.raises(InvalidTransition):
        triage.merge(session=session, actor=admin, duplicate_id=duplicate.id, into_ref=target.ref, reason="x")


def test_linked_fund_applications_and_testbed_requests_are_listed(session: Session) -> None:
    idea_id = session.exec(select(m.FundApplication.idea_id).where(m.FundApplication.idea_id.is_not(None))).first()
    detail = triage.idea_detail(session=session, actor=actor(session, "admin"), idea_id=idea_id)
    submitted = select(m.FundApplication.ref).where(
        m.FundApplication.idea_id == idea_id, m.FundApplication.submitted_at.is_not(None)
    )
    refs = session.exec(submitted).all()
    assert refs and {a.ref for a in detail.applications} == set(refs)  # drafts stay the applicant's own
    request_idea = session.exec(select(m.TestbedRequest.idea_id).where(m.TestbedRequest.idea_id.is_not(None))).first()
    detail = triage.idea_detail(session=session, actor=actor(session, "admin"), idea_id=request_idea)
    assert detail.testbed_requests and all(r.ref.startswith("TMR-") for r in detail.testbed_requests)


def test_anonymising_keeps_the_idea_and_removes_the_person(session: Session) -> None:
    admin = actor(session, "admin")
    idea = new_idea(session, contact_name="Anna Andersson", contact_email="anna@exempel.se", consent=True)
    with pytest.raises(PermissionDenied):
        privacy.anonymise_idea(session=session, actor=actor(session, "manager"), idea_id=idea.id)
    privacy.anonymise_idea(session=session, actor=admin, idea_id=idea.id)
    session.refresh(idea)
    assert idea.title and idea.contact_name is None and idea.contact_email is None and idea.anonymised_at
    assert events(session, idea, "anonymised")
    logged = session.exec(select(m.AuditLog).where(m.AuditLog.action == "idea.anonymised")).all()
    assert logged and "anna" not in repr([a.details for a in logged]).lower()
    with pytest.raises(InvalidTransition):
        privacy.anonymise_idea(session=session, actor=admin, idea_id=idea.id)


def test_retention_clears_only_closed_ideas_older_than_the_limit(session: Session) -> None:
    old = new_idea(session, contact_name="Gammal", consent=True)
    recent = new_idea(session, contact_name="Ny", consent=True)
    still_open = new_idea(session, contact_name="Öppen", consent=True)
    for idea in (old, recent):
        move(session, idea, "closed", text="Klart")
    old.stage_changed_at = m.utcnow() - timedelta(days=400)
    still_open.stage_changed_at = m.utcnow() - timedelta(days=400)
    session.commit()
    done = privacy.anonymise_expired(session=session, actor=operator(), months=12)
    assert old.ref in done and recent.ref not in done and still_open.ref not in done
    for idea, name in ((old, None), (recent, "Ny"), (still_open, "Öppen")):
        session.refresh(idea)
        assert idea.contact_name == name


def test_person_export_holds_everything_about_an_email(session: Session) -> None:
    admin = actor(session, "admin")
    employee = actor(session, "employee")
    new_idea(session, contact_name="Sofia", contact_email=employee.email.upper(), consent=True)
    data = privacy.person_data(session=session, actor=admin, email=employee.email)
    assert [a["username"] for a in data["accounts"]] == ["employee"]
    assert "password_hash" not in data["accounts"][0]
    assert any(i["contact_email"] == employee.email.lower() for i in data["ideas"])
    assert data["supported_ideas"]
    with pytest.raises(PermissionDenied):
        privacy.person_data(session=session, actor=employee, email=employee.email)
    with pytest.raises(ValidationError):
        privacy.person_data(session=session, actor=admin, email="nej")


def test_response_times_median_per_organisation(session: Session) -> None:
    admin = actor(session, "admin")
    ks = org_id(session, "KS")
    session.exec(m.Idea.__table__.update().where(m.Idea.organisation_id == ks).values(organisation_id=None))
    now = m.utcnow()
    for days in (2, 4, 10):  # median 4
        idea = new_idea(session, organisation_id=ks)
        idea.received_at = now - timedelta(days=30)
        idea.first_decision_at = idea.received_at + timedelta(days=days)
        idea.stage = "screening"
    waiting = new_idea(session, organisation_id=ks)
    waiting.received_at = now - timedelta(days=20)
    long_ago = new_idea(session, organisation_id=ks)  # outside the two-year window: not counted
    long_ago.received_at = now - timedelta(days=1000)
    long_ago.first_decision_at, long_ago.stage = long_ago.received_at + timedelta(days=300), "closed"
    long_ago.closed_reason = "Gammal"
    session.commit()
    rows = {r.organisation_id: r for r in stats.response_times(session=session, actor=admin)}
    assert rows[ks].decided == 3 and rows[ks].median_days == pytest.approx(4, abs=0.01)
    assert rows[ks].waiting == 1 and rows[ks].overdue == 1
    even = new_idea(session, organisation_id=ks)
    even.first_decision_at, even.stage = even.received_at + timedelta(days=6), "screening"
    session.commit()
    rows = {r.organisation_id: r for r in stats.response_times(session=session, actor=admin)}
    assert rows[ks].median_days == pytest.approx(5, abs=0.01)  # (4 + 6) / 2


def test_funnel_and_latest(session: Session) -> None:
    admin, employee = actor(session, "admin"), actor(session, "employee")
    steps = stats.funnel(session=session, actor=admin)
    assert [s.stage for s in steps] == PATH
    not_merged = select(func.count()).select_from(m.Idea).where(col(m.Idea.merged_into_id).is_(None))
    assert steps[0].reached == session.exec(not_merged).one()  # every idea once, duplicates not
    assert all(a.reached >= b.reached for a, b in itertools.pairwise(steps))
    # An idea reached a stage when it stands there or further (the dashboards' rule, too).
    further = session.exec(
        select(func.count())
        .select_from(m.Idea)
        .where(col(m.Idea.merged_into_id).is_(None), col(m.Idea.stage).in_(PATH[PATH.index("testing") :]))
    ).one()
    assert steps[PATH.index("testing")].reached >= further
    fresh = new_idea(session, organisation_id=org_id(session, "SL"))
    assert stats.funnel(session=session, actor=admin)[0].reached == steps[0].reached + 1  # kept on the write
    assert stats.latest_ideas(session=session, actor=admin)[0].ref == fresh.ref
    assert fresh.ref not in {i.ref for i in stats.latest_ideas(session=session, actor=employee)}


def test_unknown_idea_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        triage.idea_detail(session=session, actor=actor(session, "admin"), idea_id=999999)


def test_manage_anonymise_clears_expired_contacts_and_says_what_it_did(demo_url: str) -> None:
    from typer.testing import CliRunner

    import db
    import manage

    engine = db.make_engine(demo_url)
    cutoff = m.utcnow() - timedelta(days=30 * 6)
    with db.read_session(engine) as session:
        expired = set(
            session.exec(
                select(m.Idea.ref).where(
                    m.Idea.stage == "closed", m.Idea.stage_changed_at < cutoff, m.Idea.contact_name.is_not(None)
                )
            )
        )
        kept_open = session.exec(select(func.count()).where(m.Idea.stage != "closed", m.Idea.contact_name.is_not(None)))
        kept_open = kept_open.one()
    assert expired, "the demo holds closed ideas with contact details"
    result = CliRunner().invoke(manage.app, ["anonymise", "--months", "6"])
    assert result.exit_code == 0, result.output
    assert f"from {len(expired)} closed ideas" in result.output and all(ref in result.output for ref in expired)
    with db.read_session(engine) as session:
        left = session.exec(select(func.count()).where(m.Idea.contact_name.is_not(None), m.Idea.ref.in_(expired)))
        assert left.one() == 0
        still = session.exec(select(func.count()).where(m.Idea.stage != "closed", m.Idea.contact_name.is_not(None)))
        assert still.one() == kept_open
        logged = session.exec(select(func.count()).where(m.AuditLog.action == "idea.anonymised_retention")).one()
        assert logged == len(expired)
    again = CliRunner().invoke(manage.app, ["anonymise", "--months", "6"])
    assert "from 0 closed ideas" in again.output
    engine.dispose()


def test_the_idea_searches_refuse_a_pasted_page_of_text(session: Session) -> None:
    long_search = "väntetid akuten " * 100
    with pytest.raises(ValidationError) as refused:
        triage.board(session=session, actor=actor(session, "admin"), filters=IdeaFilter(search=long_search))
    assert refused.value.fields["search"].key == "errors.search_too_long"
    with pytest.raises(ValidationError):
        intake.ideas_to_back(session=session, actor=actor(session, "employee"), search=long_search)
    # Similar ideas read only the most informative words, of texts cut to the form's limits.
    found = intake.similar_ideas(session=session, title="Blippa bankkortet " * 10_000, need="spärren " * 100_000)
    assert found and "lipp" in found[0].title.lower()

"""Submitting, following, backing and finding similar ideas (services, on the demo region)."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

import db
import models as m
from services.ideas import intake, triage
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests.conftest import actor

PAYLOAD = '<script>alert("x")</script> **fet** [länk](http://x)'


def org_id(session: Session, short_name: str) -> int:
    return session.exec(select(m.Organisation.id).where(m.Organisation.short_name == short_name)).one()


def area_id(session: Session, code: str = "health") -> int:
    return session.exec(select(m.Area.id).where(m.Area.code == code)).one()


def form(session: Session, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Digital väntrumsskärm med köstatus",
        "need": "Patienter vet inte hur länge de ska vänta på akuten och frågar personalen hela tiden.",
        "proposal": "Visa den beräknade väntetiden på en skärm och i en sms-länk.",
        "area_id": area_id(session),
        "organisation_id": org_id(session, "KS"),
        "submitter_kind": "patient",
        "benefit_kind": "social",
    }
    data.update(changes)
    return data


def count_ideas(session: Session) -> int:
    return session.exec(select(func.count()).select_from(m.Idea)).one()


def test_public_submission_gets_a_reference_and_a_created_event(session: Session) -> None:
    done = intake.submit_idea(session=session, actor=None, data=form(session, title=PAYLOAD))
    idea = session.get(m.Idea, done.idea_id)
    assert intake.REF_PATTERN.match(done.ref) and idea.ref == done.ref
    assert idea.title == PAYLOAD and idea.stage == "received" and idea.submitter_id is None
    events = session.exec(select(m.IdeaEvent).where(m.IdeaEvent.idea_id == idea.id)).all()
    assert [e.kind for e in events] == ["created"]
    audit_rows = session.exec(select(m.AuditLog).where(m.AuditLog.entity_id == idea.id, m.AuditLog.entity == "idea"))
    assert [a.action for a in audit_rows] == ["idea.created"]


def test_logged_in_submitter_is_linked_and_sees_it_under_my_ideas(session: Session) -> None:
    me = actor(session, "employee")
    done = intake.submit_idea(session=session, actor=me, data=form(session, submitter_kind="employee"))
    mine = intake.my_ideas(session=session, actor=me)
    assert mine.items[0].ref == done.ref
    assert intake.my_idea(session=session, actor=me, idea_id=done.idea_id).stage == "received"
    with pytest.raises(NotFound):
        intake.my_idea(session=session, actor=actor(session, "employee.sl"), idea_id=done.idea_id)


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"title": "  "}, "title", "errors.required"),
        ({"title": "x" * 121}, "title", "errors.too_long"),
        ({"need": "x" * 5001}, "need", "errors.too_long"),
        ({"proposal": None}, "proposal", "errors.required"),
        ({"submitter_kind": None}, "submitter_kind", "errors.required"),
        ({"contact_email": "inte-en-adress", "consent": True}, "contact_email", "errors.email_invalid"),
        ({"contact_name": "Anna", "consent": False}, "consent", "ideas.consent_required"),
        ({"area_id": 99999}, "area_id", "errors.not_allowed_value"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_written(
    session: Session, changes: dict, field: str, key: str
) -> None:
    before = count_ideas(session)
    with pytest.raises(ValidationError) as refused:
        intake.submit_idea(session=session, actor=None, data=form(session, **changes))
    assert refused.value.fields[field].key == key
    session.rollback()
    assert count_ideas(session) == before


def test_contact_details_with_consent_are_kept(session: Session) -> None:
    done = intake.submit_idea(
        session=session,
        actor=None,
        data=form(session, contact_name="Anna Andersson", contact_email="Anna@Exempel.se", consent=True),
    )
    idea = session.get(m.Idea, done.idea_id)
    assert idea.contact_email == "anna@exempel.se" and idea.consent_at is not None


def test_references_are_unique_under_concurrent_submissions(engine: Engine) -> None:
    refs: list[str] = []
    errors: list[BaseException] = []
    with db.read_session(engine) as session:
        data = form(session)

    def submit() -> None:
        try:
            with db.write_session(engine) as session:
                refs.append(intake.submit_idea(session=session, actor=None, data=data).ref)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=submit) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(refs) == 12 and len(set(refs)) == 12
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in refs)
    assert numbers == list(range(numbers[0], numbers[0] + 12))  # gap-free


def test_tracking_shows_the_public_timeline_only(session: Session) -> None:
    done = intake.submit_idea(session=session, actor=None, data=form(session, contact_email="a@b.se", consent=True))
    session.add(m.IdeaEvent(idea_id=done.idea_id, kind="comment", text="Intern anteckning", internal=True))
    session.add(m.IdeaEvent(idea_id=done.idea_id, kind="comment", text="Tack för idén!", internal=False))
    session.commit()
    seen = intake.track_idea(session=session, code=f"  {done.tracking_code} ")
    assert seen.stage == "received" and seen.ref == done.ref
    texts = [e.text for e in seen.timeline]
    assert "Tack för idén!" in texts and "Intern anteckning" not in texts
    assert "a@b.se" not in repr(seen)


def test_the_reference_alone_shows_nothing_the_code_or_the_link_opens_the_idea(session: Session) -> None:
    """References are sequential (177 guesses once read all 110 demo ideas): only the private code opens
    one. The code is 128 random bits, and only its digest is stored."""
    done = intake.submit_idea(session=session, actor=None, data=form(session))
    idea = session.get(m.Idea, done.idea_id)
    assert len(done.tracking_code) == 22 and done.tracking_code not in repr(idea.model_dump())
    assert idea.tracking_hash == hashlib.sha256(done.tracking_code.encode()).hexdigest()
    for guess in (done.ref, done.ref.lower(), str(done.idea_id), idea.tracking_hash):
        with pytest.raises(NotFound):
            intake.track_idea(session=session, code=guess)
    link = f"https://portal.example/folj-ide?kod={done.tracking_code}"
    assert intake.track_idea(session=session, code=link).ref == done.ref  # a pasted link works too
    # Every demo idea has a code of its own, and nobody holds those of the demo (or migrated) ideas.
    hashes = session.exec(select(m.Idea.tracking_hash)).all()
    assert len(set(hashes)) == len(hashes) == count_ideas(session)


@pytest.mark.parametrize(
    "code", ["IDE-2099-99999", "nonsense", "", "x" * 22, "IDE-2026-1' OR 1=1 --", "kod=" + "A" * 22, "A" * 5000]
)
def test_unknown_and_malformed_codes_get_the_same_answer(session: Session, code: str) -> None:
    with pytest.raises(NotFound) as refused:
        intake.track_idea(session=session, code=code)
    assert refused.value.key == "ideas.track_not_found"


def test_the_hundred_thousandth_idea_of_a_year_keeps_a_valid_reference(session: Session) -> None:
    """The reference pattern once required exactly five digits: IDE-2026-100000 could not be followed
    or found by the team."""
    year = m.utcnow().year
    sequence = session.get(m.RefSequence, ("IDE", year)) or m.RefSequence(prefix="IDE", year=year, last_value=0)
    sequence.last_value = 99_999
    session.add(sequence)
    session.commit()
    done = intake.submit_idea(session=session, actor=None, data=form(session))
    assert done.ref == f"IDE-{year}-100000" and intake.REF_PATTERN.match(done.ref)
    assert intake.track_idea(session=session, code=done.tracking_code).ref == done.ref
    admin = actor(session, "admin")
    assert triage.find_id(session=session, actor=admin, ref=done.ref.lower()) == done.idea_id


def test_logged_in_submitters_follow_their_ideas_under_mina_ideer_without_a_code(session: Session) -> None:
    me = actor(session, "employee")
    done = intake.submit_idea(session=session, actor=me, data=form(session, submitter_kind="employee"))
    assert intake.my_idea(session=session, actor=me, idea_id=done.idea_id).ref == done.ref
    with pytest.raises(NotFound):
        intake.my_idea(session=session, actor=actor(session, "employee.sl"), idea_id=done.idea_id)


def test_the_team_gives_a_submitter_a_new_link_and_the_old_one_stops_working(session: Session) -> None:
    done = intake.submit_idea(session=session, actor=None, data=form(session))  # KS's idea
    with pytest.raises(PermissionDenied):  # HSF's manager
        triage.new_tracking_code(session=session, actor=actor(session, "manager"), idea_id=done.idea_id)
    new = triage.new_tracking_code(session=session, actor=actor(session, "admin"), idea_id=done.idea_id)
    assert new != done.tracking_code
    assert intake.track_idea(session=session, code=new).ref == done.ref
    with pytest.raises(NotFound):
        intake.track_idea(session=session, code=done.tracking_code)
    audit_rows = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity_id == done.idea_id)).all()
    assert "idea.tracking_code_renewed" in audit_rows


def test_backing_once_per_person_not_own_not_closed(session: Session) -> None:
    me, other = actor(session, "employee"), actor(session, "employee.sl")
    mine = intake.submit_idea(session=session, actor=me, data=form(session))
    with pytest.raises(InvalidTransition):
        intake.support_idea(session=session, actor=me, idea_id=mine.idea_id)
    intake.support_idea(session=session, actor=other, idea_id=mine.idea_id)
    with pytest.raises(InvalidTransition) as twice:
        intake.support_idea(session=session, actor=other, idea_id=mine.idea_id)
    assert twice.value.key == "ideas.support_twice"
    closed = session.exec(select(m.Idea).where(m.Idea.stage == "closed")).first()
    with pytest.raises(InvalidTransition):
        intake.support_idea(session=session, actor=other, idea_id=closed.id)
    with pytest.raises(PermissionDenied):
        intake.support_idea(session=session, actor=None, idea_id=mine.idea_id)
    backers = session.exec(select(func.count()).where(m.IdeaSupport.idea_id == mine.idea_id)).one()
    assert backers == 1


def test_ideas_to_back_leaves_out_own_and_marks_backed(session: Session) -> None:
    me = actor(session, "employee")
    page = intake.ideas_to_back(session=session, actor=me, page_size=200)
    assert page.total > 0
    own = set(session.exec(select(m.Idea.id).where(m.Idea.submitter_id == me.id)))
    assert not own & {i.id for i in page.items}
    backed = set(session.exec(select(m.IdeaSupport.idea_id).where(m.IdeaSupport.user_id == me.id)))
    assert {i.id for i in page.items if i.supported_by_me} == backed & {i.id for i in page.items}
    found = intake.ideas_to_back(session=session, actor=me, search="blippa")
    assert found.total >= 1 and all("lipp" in i.title.lower() for i in found.items)


def test_ideas_to_back_come_most_backed_first_then_newest_across_pages(session: Session) -> None:
    """The backed ideas and the rest are read apart; page by page they still form one order."""
    me, others = actor(session, "employee"), [actor(session, u) for u in ("employee.sl", "manager", "admin")]
    open_ideas = intake.ideas_to_back(session=session, actor=me, page_size=200).items
    for n, idea in enumerate(open_ideas[3:9]):  # a few more backers, on ideas that are not the newest
        for backer in others[: n % 3 + 1]:
            with contextlib.suppress(InvalidTransition):  # their own idea, or backed already
                intake.support_idea(session=session, actor=backer, idea_id=idea.id)
    first = intake.ideas_to_back(session=session, actor=me, page_size=4)
    backed_count = sum(1 for i in intake.ideas_to_back(session=session, actor=me, page_size=200).items if i.supporters)
    walked = [
        i
        for page in range(1, backed_count // 4 + 4)
        for i in intake.ideas_to_back(session=session, actor=me, page=page, page_size=4).items
    ]
    counts = dict(session.exec(select(m.IdeaSupport.idea_id, func.count()).group_by(m.IdeaSupport.idea_id)).all())
    assert [i.supporters for i in walked] == [counts.get(i.id, 0) for i in walked]
    expected = sorted(walked, key=lambda i: (-i.supporters, -i.received_at.timestamp(), -i.id))
    assert walked == expected and len({i.id for i in walked}) == len(walked)
    assert walked[backed_count - 1].supporters > 0 and walked[backed_count].supporters == 0
    assert first.total == len(open_ideas) or first.total > 200


def test_similar_ideas_for_people_submitting_show_no_reference_and_no_closed_or_parked_idea(
    session: Session,
) -> None:
    closed = session.exec(select(m.Idea).where(m.Idea.stage == "closed", m.Idea.merged_into_id.is_(None))).first()
    parked = session.exec(select(m.Idea).where(m.Idea.stage == "parked")).first()
    for idea in (closed, parked):
        assert idea.id in {s.id for s in intake.similar_ideas(session=session, title=idea.title, need=idea.need)}
        shown = intake.similar_for_submitter(session=session, title=idea.title, need=idea.need)
        assert idea.title not in {s.title for s in shown}
        assert all(s.stage not in ("closed", "parked") for s in shown)
    open_idea = session.exec(select(m.Idea).where(m.Idea.stage == "development")).first()
    shown = intake.similar_for_submitter(session=session, title=open_idea.title, need=open_idea.need)
    assert shown and shown[0].title == open_idea.title
    assert not any(hasattr(s, "ref") or hasattr(s, "id") for s in shown)


def test_similar_ideas_finds_a_near_duplicate_first(session: Session) -> None:
    original = session.exec(select(m.Idea).where(m.Idea.title.like("%blippa%"))).first()
    found = intake.similar_ideas(session=session, title="Blippa bankkortet i spärren", need="Betala resan med mobilen")
    assert found and found[0].id == original.id
    assert intake.similar_ideas(session=session, title="och att det", need="") == []
    excluded = intake.similar_ideas(session=session, title=original.title, need=original.need, exclude_id=original.id)
    assert original.id not in {s.id for s in excluded}


def test_similar_ideas_matches_across_areas_and_inflections(session: Session) -> None:
    other = intake.submit_idea(
        session=session,
        actor=None,
        data=form(session, title="Väntetiden på akuten syns i mobilen", area_id=area_id(session, "culture")),
    )
    found = intake.similar_ideas(session=session, title="Väntetid akuten", need="visa väntetid i mobil")
    assert other.idea_id in {s.id for s in found}


def test_received_time_is_now(session: Session) -> None:
    done = intake.submit_idea(session=session, actor=None, data=form(session))
    idea = session.get(m.Idea, done.idea_id)
    assert abs(idea.received_at.replace(tzinfo=None) - m.utcnow().replace(tzinfo=None)) < timedelta(minutes=1)

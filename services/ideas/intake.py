"""Ideas from employees and from patients, relatives, travellers and residents: submitting, following
one's idea with its private tracking code, one's own ideas, backing others' ideas, and finding similar
ideas.

Following an idea needs the submitter's tracking code (128 random bits, shown once with the reference;
see `services/shared/tokens.py`): references are sequential, so a reference alone shows nothing.

The triage side (board, idea page, stage changes) is in `services/ideas/triage.py`; personal data
(anonymising, export per e-mail address) in `services/ideas/privacy.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import (
    STAGE_PATH,
    Area,
    BenefitKind,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStage,
    IdeaSupport,
    Organisation,
    SubmitterKind,
    utcnow,
)
from services.ideas import notices
from services.people.auth import Actor, require_login
from services.shared import audit, fulltext, ratelimit, refs, tokens
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import check_email, clean_text, fail, parse

MAX_TITLE = 120
MAX_TEXT = 5000
REF_PATTERN = re.compile(r"^IDE-\d{4}-\d{5,}$")  # five digits, more after the 99,999th idea of a year
TRACKING_PARAM = "kod"  # the query parameter of Följ din idé that carries the tracking code
# Stages in which an idea is still open for backing and for being found as a possible duplicate.
OPEN_STAGES: tuple[str, ...] = (*STAGE_PATH, IdeaStage.parked)
# Event kinds a submitter may read on the tracking page (when not marked internal).
PUBLIC_EVENT_KINDS: tuple[str, ...] = (
    IdeaEventKind.created,
    IdeaEventKind.stage_changed,
    IdeaEventKind.comment,
    IdeaEventKind.adopted,
    IdeaEventKind.merged,
    IdeaEventKind.question,
    IdeaEventKind.answer,
)


# ---------------------------------------------------------------- submitting


class IdeaCreate(BaseModel):
    """What the form sends. Contact details need consent; texts are kept exactly as typed (trimmed)."""

    title: str = Field(max_length=MAX_TITLE)
    need: str = Field(max_length=MAX_TEXT)
    proposal: str = Field(max_length=MAX_TEXT)
    area_id: int
    organisation_id: int | None = None
    submitter_kind: SubmitterKind
    benefit_kind: BenefitKind
    contact_name: str | None = Field(default=None, max_length=120)
    contact_email: str | None = Field(default=None, max_length=254)
    consent: bool = False

    _clean = field_validator("title", "need", "proposal", "contact_name", "contact_email", mode="before")(clean_text)

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return check_email(value)

    @field_validator("consent")
    @classmethod
    def _consent(cls, value: bool, info: Any) -> bool:
        if not value and (info.data.get("contact_name") or info.data.get("contact_email")):
            raise fail("ideas.consent_required")
        return value


@dataclass(frozen=True)
class Submitted:
    """The new idea's reference and its tracking code: show the code to the submitter now, it is not
    stored anywhere and cannot be shown again."""

    ref: str
    idea_id: int
    tracking_code: str


def submit_idea(
    *,
    session: Session,
    actor: Actor | None,
    data: dict[str, Any],
    address: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Submitted:
    """Store a new idea in `received` with a fresh unique reference and a private tracking code; anyone
    may submit, logged in or not.

    A logged-in submitter is linked to the idea (it appears under Mina idéer). A browser's submission
    (`address` given) counts against its client's limit (`ratelimit`), refused with `RateLimited`
    beyond it. The receipt (to an address given with consent, in `language`) and the notice to the
    responsible organisation's managers are queued in the same transaction. Commits.
    """
    values = parse(IdeaCreate, data)
    if session.get(Area, values.area_id) is None:
        raise ValidationError.single("area_id", "errors.not_allowed_value")
    if values.organisation_id is not None and session.get(Organisation, values.organisation_id) is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    now = now or utcnow()
    ratelimit.count_public_write(
        session, kind="idea", refusal="ideas.rate_limited", actor=actor, address=address, now=now
    )
    has_contact = bool(values.contact_name or values.contact_email)
    code = tokens.issue()
    idea = Idea(
        ref=refs.next_ref(session, "IDE", now.year),
        title=values.title,
        need=values.need,
        proposal=values.proposal,
        area_id=values.area_id,
        organisation_id=values.organisation_id,
        submitter_kind=values.submitter_kind,
        benefit_kind=values.benefit_kind,
        submitter_id=actor.id if actor else None,
        contact_name=values.contact_name,
        contact_email=values.contact_email,
        consent_at=now if has_contact else None,
        stage=IdeaStage.received,
        stage_changed_at=now,
        received_at=now,
        created_at=now,
        updated_at=now,
        tracking_hash=code.digest,
        contact_language=(language if language in ("sv", "en") else "sv") if has_contact else None,
    )
    session.add(idea)
    session.flush()
    session.add(
        IdeaEvent(idea_id=idea.id, at=now, actor_id=idea.submitter_id, kind=IdeaEventKind.created, to_stage=idea.stage)
    )
    audit.record(session, actor, "idea.created", "idea", idea.id, ref=idea.ref, with_contact=has_contact)
    notices.submitted(session, idea, code.token)
    session.commit()
    return Submitted(idea.ref, idea.id, code.token)


# ---------------------------------------------------------------- following one's idea


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    kind: str
    from_stage: str | None
    to_stage: str | None
    text: str | None
    related_ref: str | None


@dataclass(frozen=True)
class Tracking:
    """What the submitter may see: no contact details, no internal notes, nobody's name."""

    ref: str
    title: str
    stage: str
    received_at: datetime
    closed_reason: str | None
    merged_into_ref: str | None
    timeline: list[PublicEvent]
    open_question: str | None = None  # the team's latest question, while it has no answer
    has_address: bool = False  # an e-mail address is kept (the submitter may withdraw it)


def normalise_ref(text: str | None) -> str:
    return (text or "").strip().upper()


def track_idea(*, session: Session, code: str | None) -> Tracking:
    """The public view of the idea whose tracking code is `code` (or a pasted link carrying it).

    A reference, a malformed and an unknown code all get the same `NotFound`: nothing can be probed.
    """
    return _tracking(session, _by_code(session, code))


def _by_code(session: Session, code: str | None) -> Idea:
    digest = tokens.digest_of(code, TRACKING_PARAM)
    idea = session.exec(select(Idea).where(Idea.tracking_hash == digest)).first() if digest else None
    if idea is None:
        raise NotFound("ideas.track_not_found")
    return idea


def open_question(session: Session, idea_id: int) -> str | None:
    """The team's latest question to the submitter, unless an answer came after it."""
    last = session.exec(
        select(IdeaEvent.kind, IdeaEvent.text)
        .where(IdeaEvent.idea_id == idea_id, col(IdeaEvent.kind).in_([IdeaEventKind.question, IdeaEventKind.answer]))
        .order_by(col(IdeaEvent.at).desc(), col(IdeaEvent.id).desc())
    ).first()
    return last[1] if last is not None and last[0] == IdeaEventKind.question else None


def answer_question(
    *,
    session: Session,
    code: str | None,
    text: str | None,
    actor: Actor | None = None,
    address: str | None = None,
    now: datetime | None = None,
) -> None:
    """The submitter answers the team's open question through the tracking link (no login needed). The
    answer lands on the idea's timeline and is sent to the idea's owner (else the organisation's
    managers). Counts against the client's limit on public writes. Commits."""
    _answer(session, _by_code(session, code), text, actor, address, now)


def answer_own_question(
    *, session: Session, actor: Actor | None, idea_id: int, text: str | None, now: datetime | None = None
) -> None:
    """A logged-in submitter answers the team's open question on their own idea (Mina idéer). Commits."""
    actor = require_login(actor)
    idea = session.get(Idea, idea_id)
    if idea is None or idea.submitter_id != actor.id:
        raise NotFound()
    _answer(session, idea, text, actor, None, now)


def _answer(
    session: Session, idea: Idea, text: str | None, actor: Actor | None, address: str | None, now: datetime | None
) -> None:
    text = clean_text(text) or ""
    if not text:
        raise ValidationError.single("answer", "errors.required")
    if len(text) > MAX_TEXT:
        raise ValidationError.single("answer", "errors.too_long", max_length=MAX_TEXT)
    if open_question(session, idea.id) is None:
        raise InvalidTransition("ideas.no_open_question")
    now = now or utcnow()
    ratelimit.count_public_write(
        session, kind="idea_answer", refusal="ideas.rate_limited", actor=actor, address=address, now=now
    )
    idea.updated_at = now
    session.add(IdeaEvent(idea_id=idea.id, at=now, actor_id=idea.submitter_id, kind=IdeaEventKind.answer, text=text))
    audit.record(session, actor, "idea.answered", "idea", idea.id, ref=idea.ref)
    notices.answered(session, idea, text)
    session.commit()


def withdraw_address(*, session: Session, code: str | None, now: datetime | None = None) -> None:
    """The submitter withdraws their contact details through the tracking link: name and address leave
    the idea and every message about it (unsent ones are cancelled). Commits."""
    from services.ideas import privacy

    idea = _by_code(session, code)
    privacy.withdraw_address(session=session, idea_id=idea.id, now=now)


def _tracking(session: Session, idea: Idea) -> Tracking:
    merged_into = session.get(Idea, idea.merged_into_id).ref if idea.merged_into_id else None
    return Tracking(
        ref=idea.ref,
        title=idea.title,
        stage=idea.stage,
        received_at=idea.received_at,
        closed_reason=idea.closed_reason if idea.stage == IdeaStage.closed else None,
        merged_into_ref=merged_into,
        timeline=public_timeline(session, idea.id),
        open_question=open_question(session, idea.id),
        has_address=bool(idea.contact_email or idea.contact_name),
    )


def public_timeline(session: Session, idea_id: int) -> list[PublicEvent]:
    """The events a submitter may read, oldest first."""
    related = Idea.__table__.alias("related")  # type: ignore[attr-defined]
    rows = session.exec(
        select(IdeaEvent, related.c.ref)
        .join(related, IdeaEvent.related_idea_id == related.c.id, isouter=True)
        .where(
            IdeaEvent.idea_id == idea_id,
            IdeaEvent.internal.is_(False),  # type: ignore[union-attr]
            col(IdeaEvent.kind).in_(PUBLIC_EVENT_KINDS),
        )
        .order_by(col(IdeaEvent.at), col(IdeaEvent.id))
    )
    return [PublicEvent(e.at, e.kind, e.from_stage, e.to_stage, e.text, ref) for e, ref in rows]


# ---------------------------------------------------------------- my ideas and backing


@dataclass(frozen=True)
class IdeaSummary:
    id: int
    ref: str
    title: str
    stage: str
    area_id: int
    received_at: datetime
    supporters: int
    supported_by_me: bool = False


def _support_counts() -> Any:
    return select(IdeaSupport.idea_id, func.count().label("n")).group_by(IdeaSupport.idea_id).subquery("support_counts")


def my_ideas(*, session: Session, actor: Actor | None, page: int = 1, page_size: int = 25) -> Page[IdeaSummary]:
    """The ideas the logged-in user submitted, newest first."""
    actor = require_login(actor)
    counts = _support_counts()
    query = (
        select(Idea, func.coalesce(counts.c.n, 0))
        .join(counts, counts.c.idea_id == Idea.id, isouter=True)
        .where(Idea.submitter_id == actor.id)
    )
    total = session.exec(select(func.count()).select_from(Idea).where(Idea.submitter_id == actor.id)).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(query.order_by(col(Idea.received_at).desc(), col(Idea.id).desc()).offset(offset).limit(limit))
    items = [IdeaSummary(i.id, i.ref, i.title, i.stage, i.area_id, i.received_at, n) for i, n in rows]
    return Page(items, total, page, page_size)


def my_idea(*, session: Session, actor: Actor | None, idea_id: int) -> Tracking:
    """The submitter's own view of one of their ideas (the same as the tracking page shows)."""
    actor = require_login(actor)
    idea = session.get(Idea, idea_id)
    if idea is None or idea.submitter_id != actor.id:
        raise NotFound()
    return _tracking(session, idea)


def ideas_to_back(
    *,
    session: Session,
    actor: Actor | None,
    search: str | None = None,
    area_id: int | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[IdeaSummary]:
    """Other people's open ideas a logged-in user can back, most backed first; title and stage only."""
    actor = require_login(actor)
    counts = _support_counts()
    mine = select(IdeaSupport.idea_id).where(IdeaSupport.user_id == actor.id).scalar_subquery()
    conditions: list[Any] = [
        col(Idea.stage).in_(OPEN_STAGES),
        Idea.merged_into_id.is_(None),  # type: ignore[union-attr]
        (Idea.submitter_id.is_(None)) | (Idea.submitter_id != actor.id),  # type: ignore[union-attr]
    ]
    if area_id is not None:
        conditions.append(Idea.area_id == area_id)
    if (match := fulltext.matches(session, search, Idea.title, Idea.need)) is not None:
        conditions.append(match)
    total = session.exec(select(func.count()).select_from(Idea).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    # Most backed first, then the newest: the backed ideas (a few hundred at most) are sorted by their
    # count, and the rest follow by date, read in index order. Sorting all open ideas by a joined count
    # took a quarter of a second at ten times the region, on every visit to the page.
    columns = (Idea.id, Idea.ref, Idea.title, Idea.stage, Idea.area_id, Idea.received_at)
    newest = (col(Idea.received_at).desc(), col(Idea.id).desc())
    backed = select(*columns, counts.c.n, col(Idea.id).in_(mine)).join(counts, counts.c.idea_id == Idea.id)
    backed = backed.where(*conditions)
    rows = [
        IdeaSummary(*row[:7], supported_by_me=bool(row[7]))
        for row in session.exec(backed.order_by(counts.c.n.desc(), *newest).offset(offset).limit(limit))
    ]
    if len(rows) < limit:
        backed_total = session.exec(select(func.count()).select_from(backed.subquery())).one()
        unbacked = (
            select(*columns)
            .where(*conditions, col(Idea.id).not_in(select(IdeaSupport.idea_id)))
            .order_by(*newest)
            .offset(max(0, offset - backed_total))
            .limit(limit - len(rows))
        )
        rows += [IdeaSummary(*row, 0) for row in session.exec(unbacked)]
    return Page(rows, total, page, page_size)


def support_idea(*, session: Session, actor: Actor | None, idea_id: int) -> None:
    """Back an idea, once per person; not one's own, not a closed or merged one. Commits."""
    actor = require_login(actor)
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise NotFound()
    if idea.submitter_id == actor.id:
        raise InvalidTransition("ideas.support_own")
    if idea.stage == IdeaStage.closed or idea.merged_into_id is not None:
        raise InvalidTransition("ideas.support_closed")
    already = session.exec(
        select(IdeaSupport.id).where(IdeaSupport.idea_id == idea_id, IdeaSupport.user_id == actor.id)
    ).first()
    if already is not None:
        raise InvalidTransition("ideas.support_twice")
    session.add(IdeaSupport(idea_id=idea_id, user_id=actor.id))
    audit.record(session, actor, "idea.supported", "idea", idea_id)
    try:
        session.commit()
    except IntegrityError:  # a double click that raced the check above
        session.rollback()
        raise InvalidTransition("ideas.support_twice") from None


# ---------------------------------------------------------------- similar ideas

# Words that say nothing about what an idea is about (Swedish and English), left out of matching.
STOPWORDS = frozenset(
    """att och det som för med den till inte har kan ska var när man hur vad där eller också efter från
    under över mellan genom utan mycket många någon några alla andra detta dessa vara blir blev skulle
    finns behöver behov idé idéer förslag bättre kunna göra får fler mer mindre ofta sina sitt sin deras
    våra vårt vår egen eget egna därför sedan redan bara även både this that with from have will would
    could should into about which their there these those than then them they what when where idea ideas
    need better make more""".split()  # noqa: SIM905  (a word list reads better as text)
)
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
CANDIDATE_WORDS = 5
CANDIDATE_ROWS = 200
STEM = 6


@dataclass(frozen=True)
class SimilarIdea:
    id: int
    ref: str
    title: str
    stage: str
    area_id: int
    organisation_id: int | None
    score: float


def words_of(text: str | None) -> set[str]:
    """The informative words of a text: lower-case letters only, three or more, no stop words."""
    return {w for w in WORD.findall((text or "").lower()) if w not in STOPWORDS}


def stems_of(text: str | None) -> set[str]:
    """Words cut to their first six letters, so that "väntetid" and "väntetiden" count as one."""
    return {w[:STEM] for w in words_of(text)}


def _informative(title: str, need: str) -> list[str]:
    """Up to `CANDIDATE_WORDS` words to look for: title words first, longer (rarer) words first."""
    title_words = sorted(words_of(title), key=lambda w: (-len(w), w))
    need_words = sorted(words_of(need) - set(title_words), key=lambda w: (-len(w), w))
    return [w for w in title_words + need_words if len(w) >= 4][:CANDIDATE_WORDS]


@dataclass(frozen=True)
class SuggestedIdea:
    """A similar idea as anyone submitting one may see it: title, stage and area; no reference (that
    could be looked up), no organisation, no id."""

    title: str
    stage: str
    area_id: int


# Stages of the ideas suggested to people submitting: closed and parked ideas (with their reasons) stay
# with the team.
SUGGESTED_STAGES: tuple[str, ...] = STAGE_PATH


def similar_for_submitter(
    *, session: Session, title: str | None, need: str | None = None, limit: int = 5
) -> list[SuggestedIdea]:
    """What Lämna en idé shows while someone types: similar ideas that are still on the way (not closed
    or parked), without references. The consent text says that titles can be shown like this."""
    found = similar_ideas(session=session, title=title, need=need, limit=limit, stages=SUGGESTED_STAGES)
    return [SuggestedIdea(s.title, s.stage, s.area_id) for s in found]


def similar_ideas(
    *,
    session: Session,
    title: str | None,
    need: str | None = None,
    exclude_id: int | None = None,
    limit: int = 5,
    min_score: float = 0.08,
    stages: tuple[str, ...] | None = None,
) -> list[SimilarIdea]:
    """The existing ideas most like `title` and `need`, best first, across all areas and organisations.

    Scales with the number of ideas: the full-text index finds the ideas sharing any of the few most
    informative word stems and ranks them (bm25, the title counting double); Python ranks the best
    `CANDIDATE_ROWS` of them by word overlap (Jaccard over title and need, title counting double).
    Merged ideas are left out, and with `stages` every idea in another stage. For the team (references
    included); people submitting get `similar_for_submitter`. Texts longer than the form allows are cut.
    """
    title, need = (title or "").strip()[:MAX_TITLE], (need or "").strip()[:MAX_TEXT]
    stems = list(dict.fromkeys(w[:STEM] for w in _informative(title, need)))
    if not stems:
        return []
    # The full-text index finds and ranks the candidates (title counting double); Python ranks only those.
    ids = fulltext.ranked_ids(session, stems, {Idea.title: 2.0, Idea.need: 1.0}, CANDIDATE_ROWS)
    if not ids:
        return []
    query = select(Idea.id, Idea.ref, Idea.title, Idea.need, Idea.stage, Idea.area_id, Idea.organisation_id).where(
        col(Idea.id).in_(ids),
        Idea.merged_into_id.is_(None),  # type: ignore[union-attr]
    )
    if exclude_id is not None:
        query = query.where(Idea.id != exclude_id)
    if stages is not None:
        query = query.where(col(Idea.stage).in_(stages))
    mine_title = stems_of(title)
    mine_all = mine_title | stems_of(need)
    ranked = []
    for idea_id, ref, other_title, other_need, stage, area_id, org_id in session.exec(query):
        theirs_title = stems_of(other_title)
        theirs_all = theirs_title | stems_of(other_need)
        value = (2 * _jaccard(mine_title, theirs_title) + _jaccard(mine_all, theirs_all)) / 3
        if value >= min_score:
            ranked.append(SimilarIdea(idea_id, ref, other_title, stage, area_id, org_id, round(value, 3)))
    ranked.sort(key=lambda s: (-s.score, -s.id))
    return ranked[:limit]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0

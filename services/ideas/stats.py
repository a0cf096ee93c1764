"""Figures about ideas for Översikt and Idéhantering: the funnel, response times, latest ideas.

Aggregated in SQL (100k ideas stay in the database); only a row per stage or organisation comes back.
Aggregates are for every logged-in role; the list of latest ideas follows the record rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from models import Idea, IdeaStage, Organisation, utcnow
from services.ideas.triage import OVERDUE_DAYS, overdue_condition
from services.indicators import day_counts
from services.people.auth import Actor, require_login
from services.shared.medians import days_between, medians_and_counts


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    reached: int


def funnel(*, session: Session, actor: Actor | None) -> list[FunnelStep]:
    """How many ideas reached each stage of the path, region-wide and over all time, by the rule of the
    dashboards' funnels: an idea reached a stage when it stands there or further, or its timeline shows it
    was moved there or further (one sent straight on to development passed screening too); merged
    duplicates are not counted. Summed from the counts kept per day (`services.indicators.day_counts`),
    read from their index: counting distinct ideas in the events took 60 ms at ten times the region."""
    require_login(actor)
    return [FunnelStep(stage, n) for stage, n in day_counts.funnel(session, start=date.min, end=date.max)]


def overdue_count(*, session: Session, actor: Actor | None, now: datetime | None = None) -> int:
    """Ideas waiting in `received` longer than 14 days, region-wide."""
    require_login(actor)
    return session.exec(select(func.count()).select_from(Idea).where(overdue_condition(now or utcnow()))).one()


@dataclass(frozen=True)
class ResponseTime:
    organisation_id: int | None
    organisation: str | None
    decided: int
    median_days: float | None
    waiting: int
    overdue: int


RESPONSE_WINDOW_DAYS = 730


def response_times(
    *, session: Session, actor: Actor | None, now: datetime | None = None, window_days: int = RESPONSE_WINDOW_DAYS
) -> list[ResponseTime]:
    """Per responsible organisation: the median days from receipt to first decision of the ideas
    received in the last `window_days` (today's response times, not 2017's), and how many wait in
    `received` now and for longer than 14 days. Ideas without an organisation form their own row."""
    require_login(actor)
    now = now or utcnow()
    since = now - timedelta(days=window_days)
    decided = select(Idea.organisation_id, days_between(session, Idea.first_decision_at, Idea.received_at)).where(
        # A first decision comes after the receipt, so these ideas were also decided since then: said so,
        # the index by first decision (which holds the receipt too) finds them without reading a row.
        col(Idea.first_decision_at) >= since,
        Idea.received_at >= since,
    )
    medians = {org: (n, median) for org, (median, n) in medians_and_counts(session, decided).items()}
    late = now - timedelta(days=OVERDUE_DAYS)
    waiting = {
        org: (int(w), int(o or 0))
        for org, w, o in session.exec(
            select(
                Idea.organisation_id,
                func.count(),
                func.sum(case((Idea.received_at < late, 1), else_=0)),
            )
            .where(Idea.stage == IdeaStage.received)
            .group_by(Idea.organisation_id)
        )
    }
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    result = []
    for org in sorted(set(medians) | set(waiting), key=lambda o: (o is None, names.get(o, ""))):
        n, median = medians.get(org, (0, None))
        w, o = waiting.get(org, (0, 0))
        result.append(ResponseTime(org, names.get(org), n, round(median, 1) if median is not None else None, w, o))
    return result


@dataclass(frozen=True)
class LatestIdea:
    ref: str
    title: str
    stage: str
    area_id: int
    received_at: datetime


def latest_ideas(*, session: Session, actor: Actor | None, limit: int = 8) -> list[LatestIdea]:
    """The newest ideas: all for admins and the council, one's own organisation's for others."""
    actor = require_login(actor)
    query = select(Idea.ref, Idea.title, Idea.stage, Idea.area_id, Idea.received_at).where(
        Idea.merged_into_id.is_(None)  # type: ignore[union-attr]
    )
    if not (actor.is_admin or actor.is_council):
        query = query.where(Idea.organisation_id == actor.organisation_id)
    rows = session.exec(query.order_by(col(Idea.received_at).desc(), col(Idea.id).desc()).limit(limit))
    return [LatestIdea(*row) for row in rows]

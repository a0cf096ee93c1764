"""The council's view of the idea portfolio: cross-sector ideas per area (the culture committee's
meeting places across the core activities). The list itself is `triage.list_ideas`, which council
members read region-wide and read-only."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Idea, IdeaArea
from services.ideas.triage import require_portfolio_reader
from services.people.auth import Actor


def cross_sector_by_area(*, session: Session, actor: Actor | None) -> dict[int, int]:
    """Per area: ideas of another area that also touch it (`IdeaArea`), merged duplicates left out."""
    actor = require_portfolio_reader(actor)
    query = (
        select(IdeaArea.area_id, func.count())
        .join(Idea, Idea.id == IdeaArea.idea_id)
        .where(Idea.area_id != IdeaArea.area_id, col(Idea.merged_into_id).is_(None))
        .group_by(IdeaArea.area_id)
    )
    if not (actor.is_admin or actor.is_council):
        query = query.where(Idea.organisation_id == actor.organisation_id)
    return dict(session.exec(query).all())

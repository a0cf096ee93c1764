"""The council reads the whole portfolio (board and list, never the idea page); an area's list includes
the cross-sector ideas that touch it; the obstacle filter narrows to a coded obstacle."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

import models as m
from services.ideas import portfolio, triage
from services.shared.errors import PermissionDenied
from tests.conftest import actor


def test_council_reads_every_organisations_ideas_and_cross_sector_ones_per_area(session: Session) -> None:
    council = actor(session, "council")
    everything = triage.list_ideas(session=session, actor=council, filters=triage.IdeaFilter())
    assert everything.total == len(session.exec(select(m.Idea.id)).all())
    culture = session.exec(select(m.Area).where(m.Area.code == "culture")).one()
    touching = session.exec(
        select(m.Idea.id)
        .join(m.IdeaArea, m.IdeaArea.idea_id == m.Idea.id)
        .where(m.IdeaArea.area_id == culture.id, m.Idea.area_id != culture.id)
    ).all()
    assert touching, "the demo has cross-sector ideas that touch culture"
    own = triage.list_ideas(session=session, actor=council, filters=triage.IdeaFilter(area_id=culture.id))
    wide = triage.list_ideas(
        session=session, actor=council, filters=triage.IdeaFilter(area_id=culture.id, touching_area=True)
    )
    assert wide.total == own.total + len(set(touching))
    counts = portfolio.cross_sector_by_area(session=session, actor=council)
    assert counts[culture.id] == len(
        set(touching) - set(session.exec(select(m.Idea.id).where(m.Idea.merged_into_id.is_not(None))).all())
    )
    law = triage.list_ideas(session=session, actor=council, filters=triage.IdeaFilter(obstacle_kind="law"))
    assert law.total > 0 and {r.stage for r in law.items} <= {"parked", "closed"}
    with pytest.raises(PermissionDenied):  # the idea page, with contact details, is not the council's
        triage.idea_detail(session=session, actor=council, idea_id=everything.items[0].id)


def test_employees_do_not_read_the_portfolio(session: Session) -> None:
    employee = actor(session, "employee")
    with pytest.raises(PermissionDenied):
        triage.list_ideas(session=session, actor=employee, filters=triage.IdeaFilter())
    with pytest.raises(PermissionDenied):
        portfolio.cross_sector_by_area(session=session, actor=employee)

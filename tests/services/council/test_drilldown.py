"""Rådsläge's drill-down: the records behind a figure are exactly those its computation counts (the
list's total is the figure), for the region and each area, read-only and for the council and admins."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

import models as m
from services.council import drilldown
from services.indicators import computed
from services.indicators import dashboard as dash
from services.people.auth import Actor, load_actor
from services.shared.errors import PermissionDenied, ValidationError

TODAY = date(2026, 11, 28)  # the demo's reference day
COUNTED = ("ideas_received", "ideas_implemented", "adoptions", "testbed_requests")


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


@pytest.mark.parametrize("figure", COUNTED)
def test_the_records_behind_a_count_add_up_to_the_figure_in_the_region_and_every_area(
    session: Session, figure: str
) -> None:
    council = _actor(session, "council")
    span = {"start": date(TODAY.year, 1, 1), "end": TODAY}
    listed = drilldown.records(session=session, actor=council, figure=figure, today=TODAY)
    assert listed.total == computed.compute(session, figure, **span) > 0
    for area_id, value in computed.compute_by_area(session, figure, **span).items():
        in_area = drilldown.records(session=session, actor=council, figure=figure, today=TODAY, area_id=area_id)
        assert in_area.total == value  # cross-sector ideas included, as the area's figure counts them


def test_granted_money_public_ideas_cross_sector_and_today(session: Session) -> None:
    admin = _actor(session, "admin")
    span = {"start": date(TODAY.year, 1, 1), "end": TODAY}
    granted = drilldown.records(session=session, actor=admin, figure="fund_sek_granted", today=TODAY, page_size=200)
    assert sum(r.amount_sek or 0 for r in granted.items) == computed.compute(session, "fund_sek_granted", **span)
    assert {r.kind for r in granted.items} == {"application"}
    public = drilldown.records(session=session, actor=admin, figure="ideas_public_share", today=TODAY, page_size=200)
    received = drilldown.records(session=session, actor=admin, figure="ideas_received", today=TODAY)
    share = computed.compute(session, "ideas_public_share", **span)
    assert round(100 * public.total / received.total, 1) == share  # the share's numerator, listed
    cross = drilldown.records(session=session, actor=admin, figure="cross_sector", today=TODAY)
    assert cross.total == dash.cross_sector_ideas(session, **span) > 0
    today = drilldown.records(session=session, actor=admin, figure="ideas_today", today=TODAY)
    assert today.total == computed.compute(session, "ideas_received", start=TODAY, end=TODAY)


def test_a_page_at_a_time_newest_first_without_contact_details(session: Session) -> None:
    council = _actor(session, "council")
    first = drilldown.records(session=session, actor=council, figure="ideas_received", today=TODAY, page_size=5)
    second = drilldown.records(
        session=session, actor=council, figure="ideas_received", today=TODAY, page=2, page_size=5
    )
    assert len(first.items) == len(second.items) == 5
    assert first.items[0].on >= first.items[-1].on >= second.items[0].on
    assert not {r.ref for r in first.items} & {r.ref for r in second.items}
    emails = set(session.exec(select(m.Idea.contact_email).where(m.Idea.contact_email.is_not(None))).all())
    assert not any(value in emails for r in first.items for value in vars(r).values())


@pytest.mark.parametrize("username", ["manager", "employee"])
def test_only_the_council_and_admins_drill_down(session: Session, username: str) -> None:
    with pytest.raises(PermissionDenied):
        drilldown.records(session=session, actor=_actor(session, username), figure="ideas_received", today=TODAY)
    with pytest.raises(PermissionDenied):
        drilldown.records(session=session, actor=None, figure="ideas_received", today=TODAY)


def test_an_unknown_figure_is_refused(session: Session) -> None:
    with pytest.raises(ValidationError) as refused:
        drilldown.records(session=session, actor=_actor(session, "council"), figure="allt", today=TODAY)
    assert "figure" in refused.value.fields

"""In a real browser: Rådsläge recounts by itself. An idea stored while the council watches shows up
within seconds, without anyone touching the page (the fragment's `run_every`; AppTest cannot show it),
and a viewer who loses access loses the board at the next refresh, not at their next click."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

import db
import models as m
from services.ideas import intake
from tests.e2e.helpers import STEP_MS, log_in, run_finished
from tests.services.ideas.test_intake import form


def _ideas_received(page: Page) -> int:
    tile = page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first
    value = tile.get_by_test_id("stMetricValue").inner_text()
    return int(re.sub(r"\D", "", value))


def test_an_idea_submitted_during_the_meeting_appears_by_itself(page: Page, live_app: str, live_db_url: str) -> None:
    log_in(page, live_app, "council")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Rådsläge").click()
    expect(page.get_by_role("heading", name="Regionen", exact=False).first).to_be_visible()
    # Read once Rådsläge's run has drawn its tiles: while it runs, the tiles of the page before (Översikt's
    # "Inkomna idéer", a smaller count) can still stand where Rådsläge's will be.
    run_finished(page)
    before = _ideas_received(page)

    engine = db.make_engine(live_db_url)  # the public form's service, as another process would store it
    with db.write_session(engine) as session:
        intake.submit_idea(session=session, actor=None, data=form(session, submitter_kind="resident"))
    engine.dispose()

    # No click, no reload: the next automatic refresh (every 5 s) must show it.
    expect(page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first).to_contain_text(
        f"{before + 1}", timeout=STEP_MS
    )


@pytest.mark.parametrize(
    ("username", "change", "then_heading"),
    [
        ("council2", {"role": "employee"}, "Ingen behörighet"),
        ("council3", {"is_active": False}, "Logga in"),
    ],
    ids=["demoted", "deactivated"],
)
def test_a_viewer_who_loses_access_loses_the_board_by_itself(
    page: Page, live_app: str, live_db_url: str, username: str, change: dict, then_heading: str
) -> None:
    log_in(page, live_app, username)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Rådsläge").click()
    expect(page.get_by_text("Inkomna idéer").first).to_be_visible()
    run_finished(page)  # the board drawn (not the tiles of the page before), and then the change

    # Changed straight in the database, as another process would: no session is ended on purpose, so
    # only the refresh's own look at the database can notice.
    engine = db.make_engine(live_db_url)
    with db.write_session(engine) as session:
        user = session.exec(select(m.User).where(m.User.username == username)).one()
        for name, value in change.items():
            setattr(user, name, value)
        session.commit()
    engine.dispose()

    # No click: the next automatic refresh (every 5 s) takes the board away.
    expect(page.get_by_role("heading", name=then_heading)).to_be_visible()
    expect(page.get_by_text("Inkomna idéer")).to_have_count(0)

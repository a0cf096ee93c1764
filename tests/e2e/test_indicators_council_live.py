"""In a real browser: Rådsläge recounts by itself. An idea stored while the council watches shows up
within seconds, without anyone touching the page (the fragment's `run_every`; AppTest cannot show it)."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect
from sqlmodel import select

import db
import models as m
from tests import factories as f
from tests.e2e.helpers import log_in


def _ideas_received(page: Page) -> int:
    tile = page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first
    value = tile.get_by_test_id("stMetricValue").inner_text()
    return int(re.sub(r"\D", "", value))


def test_an_idea_submitted_during_the_meeting_appears_by_itself(page: Page, live_app: str, live_db_url: str) -> None:
    log_in(page, live_app, "council")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Rådsläge").click()
    expect(page.get_by_role("heading", name="Regionen", exact=False).first).to_be_visible()
    before = _ideas_received(page)

    engine = db.make_engine(live_db_url)
    with db.write_session(engine) as session:
        health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
        f.idea(session, health, date.today().isoformat(), ref="IDE-2099-77777", submitter_kind="resident")
        session.commit()
    engine.dispose()

    # No click, no reload: the next automatic refresh (every 5 s) must show it.
    expect(page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first).to_contain_text(
        f"{before + 1}", timeout=20_000
    )

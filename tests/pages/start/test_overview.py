"""Översikt: figures move with the data at the next run (caches keyed on the data version, no timer)."""

from __future__ import annotations

from datetime import date

import db
import i18n
from components import caching
from services.ideas import intake
from tests.pages.apptest import app_as, open_page
from tests.services.ideas.test_intake import form


def _ideas_this_year(at) -> int:
    label = i18n.t("overview.ideas_this_year", year=date.today().year)
    metric = next(m for m in at.metric if m.label == label)
    return int(metric.value.replace("\u00a0", "").replace(" ", ""))


def test_a_new_idea_is_counted_at_the_next_run_by_every_process(demo_url: str) -> None:
    at = open_page(app_as("council"), "pages/start/overview.py")
    before = _ideas_this_year(at)
    assert _ideas_this_year(at.run()) == before  # cached, unchanged
    seen = caching._newest[demo_url]  # the data version the page runs told the shared caches
    other_process = db.make_engine(demo_url)  # the write comes from elsewhere: no cache was cleared here
    with db.write_session(other_process) as session:
        intake.submit_idea(session=session, actor=None, data=form(session))
    other_process.dispose()
    assert _ideas_this_year(at.run()) == before + 1
    assert caching._newest[demo_url] == seen + 1  # and the shared caches dropped the older version's figures

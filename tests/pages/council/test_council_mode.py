"""Rådsläge: big live figures for the region and each area; a new idea shows at the next refresh."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

import db
import models as m
from components.navigation import PAGES
from tests import factories as f
from tests.pages.apptest import app_as, open_spec, texts

SPEC = next(s for s in PAGES if s.path == "pages/council/council_mode.py")


def _metric(at, label: str) -> str:
    return next(mt.value for mt in at.metric if mt.label == label)


def _submit_idea_today() -> None:
    """An idea arrives during the meeting (as the public form would store it)."""
    engine = db.make_engine()
    with db.write_session(engine) as session:
        health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
        f.idea(session, health, date.today().isoformat(), submitter_kind="patient", ref="IDE-2099-99999")
        session.commit()
    engine.dispose()


def test_a_submitted_idea_raises_the_live_counter_on_the_next_run(demo_url: str) -> None:
    at = open_spec(app_as("council"), SPEC)
    assert not at.exception, at.exception
    before_today = int(_metric(at, "Idéer i dag").replace("\u00a0", ""))
    before_year = int(_metric(at, "Inkomna idéer").replace("\u00a0", ""))
    _submit_idea_today()
    at.run()
    assert int(_metric(at, "Idéer i dag").replace("\u00a0", "")) == before_today + 1
    assert int(_metric(at, "Inkomna idéer").replace("\u00a0", "")) == before_year + 1
    assert any(c.value.startswith(("Årsmål", ":material/check_circle: Årsmål")) for c in at.caption)


def test_every_area_is_shown_and_rotation_shows_one_at_a_time(demo_url: str) -> None:
    at = open_spec(app_as("admin"), SPEC)
    headers = [h.value.replace("\\", "") for h in at.subheader]  # names are Markdown-escaped
    assert {"Hälso- och sjukvård", "Kollektivtrafik", "Kultur"} <= set(headers)
    assert len(at.get("vega_lite_chart")) == len(at.subheader) - 1  # a funnel per area, ideas per month
    at.toggle(key="council_rotate").set_value(True).run()
    first = [
        h.value
        for h in at.subheader
        if h.value.replace("\\", "") in {"Hälso- och sjukvård", "Kollektivtrafik", "Kultur"}
    ]
    at.run()
    second = [
        h.value
        for h in at.subheader
        if h.value.replace("\\", "") in {"Hälso- och sjukvård", "Kollektivtrafik", "Kultur"}
    ]
    assert len(first) == len(second) == 1 and first != second  # the next area at the next run


def test_english(demo_url: str) -> None:
    at = open_spec(app_as("council", lang="en"), SPEC)
    assert at.title[0].value == "Council mode"
    assert "Ideas today" in [mt.label for mt in at.metric]
    assert "recounted every 5 seconds" in texts(at)


def test_only_council_and_admin_get_the_page() -> None:
    assert SPEC.roles == {m.Role.admin, m.Role.council}

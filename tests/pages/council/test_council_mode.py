"""Rådsläge: big live figures for the region and each area; a new idea shows at the next refresh."""

from __future__ import annotations

from datetime import date

import pytest

import db
import models as m
from components.navigation import PAGES
from services.ideas import intake
from services.indicators import dashboard as dash
from tests.pages.apptest import app_as, open_spec, texts
from tests.services.ideas.test_intake import form

SPEC = next(s for s in PAGES if s.path == "pages/council/council_mode.py")


def _metric(at, label: str) -> str:
    return next(mt.value for mt in at.metric if mt.label == label)


def _submit_idea_today() -> None:
    """An idea arrives during the meeting, through the public form's service (audited, so it moves the
    data version as every write does)."""
    engine = db.make_engine()
    with db.write_session(engine) as session:
        intake.submit_idea(session=session, actor=None, data=form(session))
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
    region = at.get("grid_container")[0]  # the region's tiles, each with its year's target under the figure
    targets = {m.label: m.proto.delta_description for m in region.children.values()}
    assert targets["Inkomna idéer"].startswith(("Årsmål", ":material/check_circle: Årsmål"))


def test_a_refresh_counts_again_only_when_the_data_moved(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[date] = []
    real = dash.live_figures

    def counting(session, actor, *, today: date) -> dash.LiveFigures:
        counted.append(today)
        return real(session, actor, today=today)

    monkeypatch.setattr(dash, "live_figures", counting)
    at = open_spec(app_as("council"), SPEC)
    before = int(_metric(at, "Idéer i dag").replace("\u00a0", ""))
    assert len(counted) == 1
    at.run()  # a refresh with nothing new: drawn again from this data version's counts
    assert len(counted) == 1 and int(_metric(at, "Idéer i dag").replace("\u00a0", "")) == before
    other = open_spec(app_as("council2"), SPEC)  # another council member: the same scope, the same counts
    assert len(counted) == 1 and int(_metric(other, "Idéer i dag").replace("\u00a0", "")) == before
    _submit_idea_today()
    at.run()
    assert len(counted) == 2 and int(_metric(at, "Idéer i dag").replace("\u00a0", "")) == before + 1


def test_every_area_is_shown_and_rotation_shows_one_at_a_time(demo_url: str) -> None:
    at = open_spec(app_as("admin"), SPEC)
    headers = [h.value.replace("\\", "") for h in at.subheader]  # names are Markdown-escaped
    assert {"Hälso- och sjukvård", "Kollektivtrafik", "Kultur"} <= set(headers)
    charted = [h for h in at.subheader if h.value != "Underlaget bakom en siffra"]  # the drill-down has none
    assert len(at.get("vega_lite_chart")) == len(charted) - 1  # a funnel per area, ideas per month
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

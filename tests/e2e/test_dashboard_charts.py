"""In a real browser: the area dashboard's charts draw their data. Their datasets go to Streamlit as plain
Arrow (components/vega.py), which only the browser's chart library reads; Vega's SVG labels each mark
with its data for screen readers, so the test reads what a screen reader would."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import STEP_MS, drawn, log_in, open_from_menu

DATA_MARKS = '[aria-roledescription="bar"], [aria-roledescription="line mark"]'


def test_the_health_dashboard_draws_every_chart_with_its_data(page: Page, live_app: str) -> None:
    log_in(page, live_app, "council")
    open_from_menu(page, "Hälso- och sjukvård")
    drawn(page)
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(7, timeout=STEP_MS)  # series, organisations, funnel, fund, testbeds, benefits, budget
    for n in range(7):
        marks = charts.nth(n).locator(DATA_MARKS)
        expect(marks.first).to_have_attribute("aria-label", re.compile(r": \d"), timeout=STEP_MS)

    tile = page.get_by_test_id("stMetric").filter(has_text="Inkomna idéer").first
    received = int(re.sub(r"\D", "", tile.get_by_test_id("stMetricValue").inner_text()))
    # The funnel's first bar (the period's ideas) is the tile's figure: both come from the same counts.
    label = page.locator('[aria-roledescription="bar"][aria-label*="Steg: Inkommen"]').first.get_attribute("aria-label")
    assert label is not None and f"Idéer: {received};" in label, label

    # The budget chart's texts repeat (each organisation has two bars), so they go as an Arrow
    # dictionary (components/vega.py): the browser still reads them as the texts.
    budget = charts.nth(6).locator(DATA_MARKS).first.get_attribute("aria-label")
    assert budget is not None and re.search(r"Organisation: [A-ZÅÄÖ]", budget), budget
    assert "Belopp: Budgeterat innovationsstöd" in budget or "Belopp: Beviljat" in budget, budget

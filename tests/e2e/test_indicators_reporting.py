"""In a real browser: a manager reports a value for the current quarter, an admin approves it, and the
core area's dashboard then shows it for the manager's organisation (read from the chart's CSV download,
which holds exactly the rows the chart draws)."""

from __future__ import annotations

import csv
import re
from datetime import date

from playwright.sync_api import Page, expect

from tests.e2e.helpers import answered, choose, log_in, log_out, open_from_menu

VALUE = "37"


def _switch_user(page: Page, base_url: str, username: str) -> None:
    log_out(page)
    log_in(page, base_url, username)


def test_manager_reports_admin_approves_dashboard_shows_it(page: Page, live_app: str) -> None:
    today = date.today()
    quarter = (today.month - 1) // 3 + 1
    period_start = date(today.year, (quarter - 1) * 3 + 1, 1)

    # The manager of Hälso- och sjukvårdsförvaltningen (HSF) reports the quarter's projects.
    log_in(page, live_app, "manager")
    open_from_menu(page, "Rapportera värden")
    choose(page, "rep_ind", "PRJ-01")
    # The period box's key names the indicator; a box left from the previous choice may linger, stale.
    period_box = page.locator('[class*="st-key-rep_period_"]:not([data-stale="true"])')
    wanted = f"{today.year} K{quarter}"
    if wanted not in period_box.locator("input").input_value():  # the box opens on the first open period
        period_box.click()
        with answered(page):
            page.get_by_role("option").filter(has_text=wanted).first.click()
    expect(period_box.locator("input")).to_have_value(re.compile(re.escape(wanted)))
    page.get_by_label("Värde (antal)").fill(VALUE)
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_text("Inskickat för godkännande (1 st).")).to_be_visible()

    # An admin finds it in the review queue and approves it.
    _switch_user(page, live_app, "admin")
    open_from_menu(page, "Rapportera värden")
    choose(page, "rev_org", "Hälso- och sjukvårdsförvaltningen")
    choose(page, "rev_one", f"HSF · PRJ-01 · {period_start.isoformat()} · {VALUE} antal")
    page.get_by_role("button", name="Godkänn", exact=True).click()
    expect(page.get_by_text("Godkänt (1 st).")).to_be_visible()

    # The health care dashboard, for this quarter, shows HSF's approved value.
    open_from_menu(page, "Hälso- och sjukvård")
    with answered(page):
        page.locator(".st-key-area_health_kind").get_by_role("radio", name="Kvartal").click()
    choose(page, "area_health_indicator", "PRJ-01")
    assert _hsf_value(page) == float(VALUE)


def _hsf_value(page: Page) -> float | None:
    """HSF's value in the by-organisation chart's CSV download (the last finished run's rows)."""
    with page.expect_download() as download:
        page.locator(".st-key-orgs_health_csv").get_by_role("button").click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    hsf = next(r for r in rows if r["Förkortning"] == "HSF")
    return float(hsf["Värde"].replace(",", ".")) if hsf["Värde"] else None

"""In a real browser: the innovationsbokslut's .xlsx, downloaded as a reader downloads it, shows the
figures the aggregation rules give, worked out by hand from the demo's seed file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page

from services import seed
from tests.e2e.helpers import log_in, open_from_menu, run_finished
from tests.services.benefits.test_figures import realised_by_hand
from tests.services.indicators.test_rules_on_the_demo import last_quarter_per_organisation


def test_the_downloaded_workbook_shows_a_stock_and_a_benefit_as_their_year_end_figures(
    page: Page, live_app: str
) -> None:
    year = date.today().year - 1  # the page opens on last year, the one being reported
    seed_year = year - seed.years_moved(date.today())
    by_org = last_quarter_per_organisation("PRJ-01", seed_year)

    log_in(page, live_app, "admin")
    open_from_menu(page, "Innovationsbokslut")
    run_finished(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ned bokslutet som Excel").click()
    assert download.value.suggested_filename == f"innovationsbokslut-{year}.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    rows = list(book["Indikatorer"].iter_rows(values_only=True))
    header = rows[0]
    value_col, rule_col = header.index("Värde"), header.index("Regel")

    def figure(name: str, code: str) -> tuple:
        row = next(r for r in rows if r[1] == name and r[2] == code)
        return row[value_col], row[rule_col]

    assert figure("Region Stockholm", "PRJ-01") == (sum(by_org.values()), "Bestånd (värdet vid periodens slut)")
    assert figure("Hälso- och sjukvårdsförvaltningen", "PRJ-01")[0] == by_org["HSF"]  # its Q4, not four added

    # the nytta sheet: per unit, each benefit's latest measurement by 31 December, never their sum
    nytta = list(book["Nytta"].iter_rows(values_only=True))
    head = nytta[0]
    unit_col, realised_col = head.index("Enhet"), head.index("Realiserat")
    region = {r[unit_col]: r[realised_col] for r in nytta[1:] if r[1] == "Region Stockholm"}
    expected = realised_by_hand(year, shift_days=max(0, (date.today() - seed.SEED_REFERENCE_DAY).days))
    assert region["kr per år"] == expected["sek_per_year"]
    assert region["ton CO₂e per år"] == expected["co2e_tonnes_per_year"]

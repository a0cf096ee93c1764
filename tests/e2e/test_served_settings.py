"""The live app is started by `manage.py serve` from a temporary folder (see conftest.live_app), not the
project folder: the project's .streamlit/config.toml must apply all the same."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.test_ideas_flow import _open


def test_the_projects_streamlit_settings_apply_when_started_from_another_folder(page: Page, live_app: str) -> None:
    _open(page, f"{live_app}/lamna-ide", "Lämna en idé")
    # theme.primaryColor (Region Stockholm's red, #A6192E), not Streamlit's default rgb(255, 75, 75)
    expect(page.get_by_role("button", name="Skicka idén")).to_have_css("background-color", "rgb(166, 25, 46)")

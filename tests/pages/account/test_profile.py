"""Min profil: change one's own password."""

from __future__ import annotations

import db
from services.people import users
from tests.pages.apptest import app_as, open_page, texts


def _fill(at, current: str, new: str, repeat: str):
    at.text_input[0].input(current)
    at.text_input[1].input(new)
    at.text_input[2].input(repeat)
    return at.button(key="FormSubmitter:change_password-Byt lösenord").click().run()


def _can_log_in(url: str, password: str) -> bool:
    engine = db.make_engine(url)
    try:
        return users.authenticate(engine=engine, username="employee", password=password)
    finally:
        engine.dispose()


def test_profile_shows_who_i_am(demo_url: str) -> None:
    at = open_page(app_as("employee"), "pages/account/profile.py")
    table = at.table[0].value
    assert "Sofia Karlsson" in table.to_string() and "Karolinska Universitetssjukhuset" in table.to_string()


def test_change_password_with_wrong_current_is_refused(demo_url: str) -> None:
    at = open_page(app_as("employee"), "pages/account/profile.py")
    _fill(at, "fel", "nytt-losenord", "nytt-losenord")
    assert "Det nuvarande lösenordet stämmer inte." in texts(at)
    assert _can_log_in(demo_url, "demo1234")


def test_change_password(demo_url: str) -> None:
    at = open_page(app_as("employee"), "pages/account/profile.py")
    _fill(at, "demo1234", "nytt-losenord", "nytt-losenord")
    assert "Lösenordet är bytt." in texts(at)
    assert _can_log_in(demo_url, "nytt-losenord")

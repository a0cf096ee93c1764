"""Running the app in AppTest as a given demo user."""

from __future__ import annotations

from sqlmodel import select
from streamlit.testing.v1 import AppTest

import db
from components import auth
from models import User
from tests.conftest import PROJECT_DIR

APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 30


def app_as(username: str | None = None, *, lang: str | None = None) -> AppTest:
    """The app with `username` logged in (as a completed login leaves the session), not yet run.

    `lang` is stored as the user's choice in the database (where the app reads it at login), or for a
    visitor in the session.
    """
    if username and lang:
        _store_language(username, lang)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if username:
        user_id, session_version = _session_of(username)
        at.session_state[auth.USER_KEY] = user_id
        at.session_state[auth.VERSION_KEY] = session_version
    elif lang:
        at.session_state["lang"] = lang
    return at


def _session_of(username: str) -> tuple[int, int]:
    engine = db.make_engine()
    with db.read_session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
    engine.dispose()
    return user.id, user.session_version


def _store_language(username: str, lang: str) -> None:
    engine = db.make_engine()
    with db.write_session(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        user.language = lang
        session.commit()
    engine.dispose()


def open_page(at: AppTest, page: str) -> AppTest:
    """Run the app, then go to `page` (e.g. "pages/start/overview.py")."""
    at.run()
    return at.switch_page(page).run()


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Open the tab `label` of the tabs under `key` (drawn lazily: only the open one runs), as a click
    on it does, and run. AppTest has no click for tabs; the tabs keep their choice in session state."""
    assert label in [tab.label for tab in at.tabs], f"no tab {label!r}"
    at.session_state[key] = label
    return at.run()


def texts(at: AppTest) -> str:
    """Every markdown, caption, title and alert text of the current run, joined: what a reader sees."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def open_spec(at: AppTest, spec) -> AppTest:
    """Run the app, then go to the page of `spec` (a `PageSpec`) by its URL: one file can be registered
    under several URLs (the area dashboards), and `switch_page` alone picks the first of them."""
    from streamlit.util import calc_hash

    at.run()
    at.switch_page(spec.path)
    at._page_hash = calc_hash(spec.url_path)  # what st.Page hashes; AppTest has no public way to choose
    return at.run()

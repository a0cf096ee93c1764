"""Every registered page, for every demo role: it runs, shows its heading, and only the role's pages
are offered."""

from __future__ import annotations

import re

import pytest

import i18n
from components.navigation import PAGES, visible_specs
from models import Role
from services.people.auth import Actor
from tests.conftest import PROJECT_DIR
from tests.pages.apptest import app_as, open_page, open_spec

DEMO_ROLES = {"admin": Role.admin, "council": Role.council, "manager": Role.manager, "employee": Role.employee}


def _fake_actor(role: Role) -> Actor:
    return Actor(1, "x", "x", "x", role, None, None, "sv")


CASES = [(username, spec) for username, role in DEMO_ROLES.items() for spec in visible_specs(_fake_actor(role))]


@pytest.mark.parametrize(("username", "spec"), CASES, ids=[f"{u}-{s.url_path}" for u, s in CASES])
def test_page_runs_and_shows_its_heading(demo_url: str, username: str, spec) -> None:
    at = open_spec(app_as(username), spec)
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t(spec.title_key)  # each page's heading is its menu title
    # Again, from the caches: the shared figures (components/caching) still as cached (tests check that).
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t(spec.title_key)


# The addresses people have saved: moving a page's file must never change its URL.
SAVED_URLS = [
    "oversikt",
    "vem-kan-jag-fraga",
    "lamna-ide",
    "folj-ide",
    "mina-ideer",
    "idehantering",
    "utlysningar",
    "mina-ansokningar",
    "granskning",
    "fondhantering",
    "testmiljoer",
    "folj-forfragan",
    "forfragningar",
    "testmiljohantering",
    "testmiljoer-i-siffror",
    "behov-och-utmaningar",
    "folj-svar",
    "behovshantering",
    "partner",
    "upphandlingar",
    "avtal",
    "samverkan-i-siffror",
    "halso-och-sjukvard",
    "kollektivtrafik",
    "kultur",
    "regional-utveckling",
    "min-forvaltning",
    "rapportera-varden",
    "indikatorregister",
    "innovationsbudget",
    "kompetensutveckling",
    "innovationsbokslut",
    "radslage",
    "radsmoten",
    "hinder",
    "ideportfolj",
    "anvandare",
    "handelselogg",
    "utkorg",
    "tillganglighetssynpunkter",
    "meddelanden",
    "min-profil",
    "logga-in",
    "avregistrera",
    "tillganglighet",
]


def test_every_page_keeps_its_address_and_its_file_exists() -> None:
    assert [spec.url_path for spec in PAGES] == SAVED_URLS
    for spec in PAGES:
        assert (PROJECT_DIR / spec.path).is_file(), spec.path


def test_each_role_gets_exactly_its_pages() -> None:
    paths = {u: {s.path for s in visible_specs(_fake_actor(r))} for u, r in DEMO_ROLES.items()}
    assert "pages/admin/users.py" in paths["admin"]
    for username in ("council", "manager", "employee"):
        assert "pages/admin/users.py" not in paths[username]
    for username in DEMO_ROLES:
        assert "pages/account/login.py" not in paths[username]
        assert {"pages/start/overview.py", "pages/account/profile.py"} <= paths[username]
    public = {s.path for s in visible_specs(None)}
    assert "pages/account/login.py" in public and "pages/start/overview.py" not in public
    assert all(s.roles is None for s in PAGES if s.path in public)


def test_logged_out_visitor_gets_the_login_page(demo_url: str) -> None:
    at = app_as(None)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Logga in"


def test_a_page_not_offered_to_the_role_cannot_be_opened(demo_url: str) -> None:
    at = app_as("employee")
    at.run()
    with pytest.raises(Exception):  # noqa: B017  (AppTest refuses to switch to an unregistered page)
        at.switch_page("pages/admin/users.py").run()


KEY_LIKE = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[a-z_]+)*\b")


def _visible_strings(at) -> list[str]:
    strings = [
        str(e.value)
        for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    strings += [
        w.label
        for kind in (
            "text_input",
            "selectbox",
            "button",
            "number_input",
            "date_input",
            "text_area",
            "checkbox",
            "radio",
            "multiselect",
        )
        for w in getattr(at, kind)
    ]
    strings += [str(m.label) for m in at.metric]
    return strings


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_page_shows_a_raw_translation_key(demo_url: str, lang: str) -> None:
    """A missing translation shows its key (e.g. "overview.title"); no page may show one."""
    for spec in visible_specs(_fake_actor(Role.admin)):
        at = open_spec(app_as("admin", lang=lang), spec)
        leaked = [s for s in _visible_strings(at) if s in i18n.TEXTS or KEY_LIKE.fullmatch(s.strip())]
        assert leaked == [], (spec.path, leaked)


def test_pages_speak_english_when_chosen(demo_url: str) -> None:
    at = open_page(app_as("admin", lang="en"), "pages/start/overview.py")
    assert at.title[0].value == "Overview"
    assert any("Ideas so far in" in m.label for m in at.metric)


def test_missing_database_says_what_to_run(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'absent.db'}")
    at = app_as(None)
    at.run()
    assert not at.exception
    assert "make run" in at.error[0].value
    assert not (tmp_path / "absent.db").exists()

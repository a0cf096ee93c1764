"""Which pages a visitor gets, built from their role: a page not handed to `st.navigation` cannot be
reached. (Services check permissions again: a URL is not a permission.)"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components.context import t
from models import Role
from services.auth import Actor

EVERYONE_LOGGED_IN = frozenset(Role)
ADMIN = frozenset({Role.admin})
DASHBOARD_READERS = frozenset({Role.admin, Role.council, Role.manager})
COUNCIL = frozenset({Role.admin, Role.council})
CURRENT_PAGE_KEY = "_nav_url_path"


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    section: str
    url_path: str
    roles: frozenset[Role] | None  # None: public
    logged_out_only: bool = False
    default: bool = False
    area_code: str | None = None  # a dashboard page registered once per core area (Area.code)


# In the order of DESIGN.md's page table; sections appear in the order of their first page.
PAGES: tuple[PageSpec, ...] = (
    # --- Start
    PageSpec(
        "pages/overview.py",
        "nav.overview",
        ":material/dashboard:",
        "start",
        "oversikt",
        EVERYONE_LOGGED_IN,
        default=True,
    ),
    # --- Idéer
    # --- Innovationsfonden
    # --- Testmiljöer
    # --- Indikatorer
    *(
        PageSpec(
            "pages/indicators_area.py",
            f"nav.indicators_area.{code}",
            icon,
            "indicators",
            url_path,
            DASHBOARD_READERS,
            area_code=code,
        )
        for code, url_path, icon in (
            ("health", "halso-och-sjukvard", ":material/local_hospital:"),
            ("transport", "kollektivtrafik", ":material/directions_bus:"),
            ("culture", "kultur", ":material/theater_comedy:"),
            ("regional", "regional-utveckling", ":material/forest:"),
        )
    ),
    PageSpec(
        "pages/indicators_my_org.py",
        "nav.indicators_my_org",
        ":material/apartment:",
        "indicators",
        "min-forvaltning",
        frozenset({Role.manager}),
    ),
    PageSpec(
        "pages/indicators_report.py",
        "nav.indicators_report",
        ":material/edit_note:",
        "indicators",
        "rapportera-varden",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/indicators_register.py",
        "nav.indicators_register",
        ":material/list_alt:",
        "indicators",
        "indikatorregister",
        ADMIN,
    ),
    # --- Rådet
    PageSpec("pages/council_mode.py", "nav.council_mode", ":material/co_present:", "council", "radslage", COUNCIL),
    # --- Administration
    PageSpec("pages/admin_users.py", "nav.admin_users", ":material/manage_accounts:", "admin", "anvandare", ADMIN),
    PageSpec("pages/annual_report.py", "nav.annual_report", ":material/summarize:", "admin", "innovationsbokslut", ADMIN),
    PageSpec("pages/admin_audit.py", "nav.admin_audit", ":material/history:", "admin", "handelselogg", ADMIN),
    # --- Konto
    PageSpec("pages/profile.py", "nav.profile", ":material/person:", "account", "min-profil", EVERYONE_LOGGED_IN),
    PageSpec(
        "pages/login.py",
        "nav.login",
        ":material/login:",
        "account",
        "logga-in",
        None,
        logged_out_only=True,
        default=True,
    ),
)


def visible_specs(actor: Actor | None) -> list[PageSpec]:
    """The page specs this visitor may open, in menu order."""
    specs = []
    for spec in PAGES:
        if actor is None:
            if spec.roles is None:
                specs.append(spec)
        elif not spec.logged_out_only and (spec.roles is None or actor.role in spec.roles):
            specs.append(spec)
    return specs


def pages_for(actor: Actor | None) -> dict[str, list[st.Page]]:
    """`st.navigation`'s input: section title -> pages, with exactly one default page."""
    sections: dict[str, list[st.Page]] = {}
    specs = visible_specs(actor)
    default = next((s for s in specs if s.default), specs[0])
    for spec in specs:
        page = st.Page(
            spec.path, title=t(spec.title_key), icon=spec.icon, url_path=spec.url_path, default=spec is default
        )
        sections.setdefault(t(f"nav.section.{spec.section}"), []).append(page)
    return sections


def remember(page: st.Page) -> None:
    """Note which page this run shows: one file registered under several URLs (the area dashboards)
    asks `current_spec()` which of them it is."""
    st.session_state[CURRENT_PAGE_KEY] = page.url_path


def current_spec() -> PageSpec | None:
    """The spec of the page this run shows (None for the default page, whose URL is the root)."""
    url_path = st.session_state.get(CURRENT_PAGE_KEY)
    return next((spec for spec in PAGES if spec.url_path == url_path), None)

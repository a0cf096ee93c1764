"""Which pages a visitor gets, built from their role: a page not handed to `st.navigation` cannot be
reached. (Services check permissions again: a URL is not a permission.)"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.context import lang, t
from models import Role
from services.people.auth import Actor

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
    in_menu: bool = True  # False: reachable by its link only (e.g. a mail's unsubscribe link)


# In the order of DESIGN.md's page table; sections appear in the order of their first page.
PAGES: tuple[PageSpec, ...] = (
    # --- Start
    PageSpec(
        "pages/start/overview.py",
        "nav.overview",
        ":material/dashboard:",
        "start",
        "oversikt",
        EVERYONE_LOGGED_IN,
        default=True,
    ),
    PageSpec(
        "pages/start/who_to_ask.py",
        "nav.who_to_ask",
        ":material/contact_support:",
        "start",
        "vem-kan-jag-fraga",
        EVERYONE_LOGGED_IN,
    ),
    # --- Idéer
    PageSpec("pages/ideas/submit.py", "nav.ideas_submit", ":material/lightbulb:", "ideas", "lamna-ide", None),
    PageSpec("pages/ideas/track.py", "nav.ideas_track", ":material/travel_explore:", "ideas", "folj-ide", None),
    PageSpec("pages/ideas/mine.py", "nav.ideas_mine", ":material/list_alt:", "ideas", "mina-ideer", EVERYONE_LOGGED_IN),
    PageSpec(
        "pages/ideas/manage.py",
        "nav.ideas_manage",
        ":material/view_kanban:",
        "ideas",
        "idehantering",
        frozenset({Role.admin, Role.manager}),
    ),
    # --- Innovationsfonden
    PageSpec("pages/fund/calls.py", "nav.fund_calls", ":material/campaign:", "fund", "utlysningar", EVERYONE_LOGGED_IN),
    PageSpec(
        "pages/fund/mine.py", "nav.fund_mine", ":material/folder_open:", "fund", "mina-ansokningar", EVERYONE_LOGGED_IN
    ),
    # Reviewers are council members or other named users: every role gets the page, which lists one's assignments.
    PageSpec(
        "pages/fund/review.py", "nav.fund_review", ":material/rate_review:", "fund", "granskning", EVERYONE_LOGGED_IN
    ),
    PageSpec("pages/fund/admin.py", "nav.fund_admin", ":material/account_balance:", "fund", "fondhantering", ADMIN),
    # --- Testmiljöer
    PageSpec(
        "pages/testbeds/catalogue.py", "nav.testbeds_catalogue", ":material/science:", "testbeds", "testmiljoer", None
    ),
    PageSpec(
        "pages/testbeds/track.py",
        "nav.testbeds_track",
        ":material/travel_explore:",
        "testbeds",
        "folj-forfragan",
        None,
        in_menu=False,
    ),
    PageSpec(
        "pages/testbeds/requests.py",
        "nav.testbeds_requests",
        ":material/inbox:",
        "testbeds",
        "forfragningar",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/testbeds/manage.py",
        "nav.testbeds_manage",
        ":material/edit_location_alt:",
        "testbeds",
        "testmiljohantering",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/testbeds/figures.py",
        "nav.testbeds_figures",
        ":material/monitoring:",
        "testbeds",
        "testmiljoer-i-siffror",
        EVERYONE_LOGGED_IN,
    ),
    # --- Samverkan
    PageSpec(
        "pages/samverkan/needs.py",
        "nav.samverkan_needs",
        ":material/campaign:",
        "samverkan",
        "behov-och-utmaningar",
        None,
    ),
    PageSpec(
        "pages/samverkan/track.py",
        "nav.samverkan_track",
        ":material/travel_explore:",
        "samverkan",
        "folj-svar",
        None,
        in_menu=False,
    ),
    PageSpec(
        "pages/samverkan/manage.py",
        "nav.samverkan_needs_manage",
        ":material/assignment:",
        "samverkan",
        "behovshantering",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/samverkan/partners.py",
        "nav.samverkan_partners",
        ":material/handshake:",
        "samverkan",
        "partner",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/samverkan/procurements.py",
        "nav.samverkan_procurements",
        ":material/gavel:",
        "samverkan",
        "upphandlingar",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/samverkan/agreements.py",
        "nav.samverkan_agreements",
        ":material/contract:",
        "samverkan",
        "avtal",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/samverkan/figures.py",
        "nav.samverkan_figures",
        ":material/query_stats:",
        "samverkan",
        "samverkan-i-siffror",
        EVERYONE_LOGGED_IN,
    ),
    # --- Indikatorer
    *(
        PageSpec(
            "pages/indicators/area.py",
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
        "pages/indicators/my_org.py",
        "nav.indicators_my_org",
        ":material/apartment:",
        "indicators",
        "min-forvaltning",
        frozenset({Role.manager}),
    ),
    PageSpec(
        "pages/indicators/report.py",
        "nav.indicators_report",
        ":material/edit_note:",
        "indicators",
        "rapportera-varden",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/indicators/register.py",
        "nav.indicators_register",
        ":material/list_alt:",
        "indicators",
        "indikatorregister",
        frozenset({Role.admin, Role.manager}),
    ),
    PageSpec(
        "pages/indicators/budget.py",
        "nav.budget",
        ":material/savings:",
        "indicators",
        "innovationsbudget",
        COUNCIL,
    ),
    PageSpec(
        "pages/indicators/competence.py",
        "nav.competence",
        ":material/school:",
        "indicators",
        "kompetensutveckling",
        DASHBOARD_READERS,
    ),
    PageSpec(
        "pages/indicators/annual_report.py",
        "nav.annual_report",
        ":material/summarize:",
        "indicators",
        "innovationsbokslut",
        DASHBOARD_READERS,
    ),
    # --- Rådet
    PageSpec(
        "pages/council/council_mode.py", "nav.council_mode", ":material/co_present:", "council", "radslage", COUNCIL
    ),
    PageSpec("pages/council/meetings.py", "nav.council_meetings", ":material/groups:", "council", "radsmoten", COUNCIL),
    PageSpec("pages/council/obstacles.py", "nav.council_obstacles", ":material/block:", "council", "hinder", COUNCIL),
    PageSpec(
        "pages/council/portfolio.py",
        "nav.council_portfolio",
        ":material/emoji_objects:",
        "council",
        "ideportfolj",
        COUNCIL,
    ),
    # --- Administration
    PageSpec("pages/admin/users.py", "nav.admin_users", ":material/manage_accounts:", "admin", "anvandare", ADMIN),
    PageSpec("pages/admin/audit.py", "nav.admin_audit", ":material/history:", "admin", "handelselogg", ADMIN),
    PageSpec("pages/admin/outbox.py", "nav.admin_outbox", ":material/outbox:", "admin", "utkorg", ADMIN),
    PageSpec(
        "pages/admin/barriers.py",
        "nav.admin_barriers",
        ":material/accessibility_new:",
        "admin",
        "tillganglighetssynpunkter",
        ADMIN,
    ),
    # --- Konto
    PageSpec(
        "pages/account/notifications.py",
        "nav.notifications",
        ":material/notifications:",
        "account",
        "meddelanden",
        EVERYONE_LOGGED_IN,
    ),
    PageSpec(
        "pages/account/profile.py", "nav.profile", ":material/person:", "account", "min-profil", EVERYONE_LOGGED_IN
    ),
    PageSpec(
        "pages/account/login.py",
        "nav.login",
        ":material/login:",
        "account",
        "logga-in",
        None,
        logged_out_only=True,
        default=True,
    ),
    PageSpec(
        "pages/account/unsubscribe.py",
        "nav.unsubscribe",
        ":material/unsubscribe:",
        "account",
        "avregistrera",
        None,
        in_menu=False,
    ),
    # --- Om tjänsten: public, in every visitor's menu (the law asks for it to be easy to find)
    PageSpec(
        "pages/about/accessibility.py", "nav.accessibility", ":material/accessibility:", "about", "tillganglighet", None
    ),
)


def visible_specs(actor: Actor | None) -> list[PageSpec]:
    """The page specs this visitor may open, in menu order."""
    return _visible_to(None if actor is None else actor.role)


def _visible_to(role: Role | None) -> list[PageSpec]:
    if role is None:
        return [spec for spec in PAGES if spec.roles is None]
    return [spec for spec in PAGES if not spec.logged_out_only and (spec.roles is None or role in spec.roles)]


LOGIN_PAGE = "pages/account/login.py"


def pages_for(actor: Actor | None) -> dict[str, list[st.Page]]:
    """`st.navigation`'s input: section title -> pages, with exactly one default page.

    Every other page's address is registered too, hidden from the menu, so that a link never ends in
    Streamlit's English "Page not found": a visitor gets the login form there (and, once logged in, the
    page itself, since Streamlit keys pages by address), a logged-in user outside the page's roles a
    plain "no access" message. Neither reveals anything of the page.

    The pages are made once per role and language (making some 45 of them took 2-3 ms, at every run of
    every page) and each run gets copies: `st.navigation` marks the one it runs on the page object.
    """
    role = None if actor is None else actor.role
    ctx = get_script_run_ctx()
    if ctx is None:  # outside a page run a `st.Page` is an empty shell: not worth keeping
        return {section: list(pages) for section, pages in _made(role)}
    made = _menu(role, lang(), ctx.pages_manager.main_script_parent)
    return {section: [copy.copy(page) for page in pages] for section, pages in made}


@lru_cache(maxsize=64)
def _menu(role: Role | None, language: str, app_dir: Path) -> tuple[tuple[str, tuple[st.Page, ...]], ...]:
    """`_made(role)`, kept per language (t() reads it from the run) and app folder (page files are
    found from there)."""
    del language, app_dir  # keys only
    return _made(role)


def _made(role: Role | None) -> tuple[tuple[str, tuple[st.Page, ...]], ...]:
    sections: dict[str, list[st.Page]] = {}
    specs = _visible_to(role)
    default = next((s for s in specs if s.default), specs[0])
    for spec in specs:
        page = st.Page(
            spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec is default,
            visibility="visible" if spec.in_menu else "hidden",
        )
        sections.setdefault(t(f"nav.section.{spec.section}"), []).append(page)
    hidden = [
        st.Page(
            LOGIN_PAGE if role is None else _no_access,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url_path,
            visibility="hidden",
        )
        for spec in PAGES
        if spec not in specs and not spec.logged_out_only
    ]
    if hidden:
        sections.setdefault(t(f"nav.section.{default.section}"), []).extend(hidden)
    return tuple((section, tuple(pages)) for section, pages in sections.items())


def _no_access() -> None:
    st.title(t("nav.no_access.title"))
    st.info(t("nav.no_access.body"), icon=":material/lock:")


def remember(page: st.Page) -> None:
    """Note which page this run shows: one file registered under several URLs (the area dashboards)
    asks `current_spec()` which of them it is."""
    st.session_state[CURRENT_PAGE_KEY] = page.url_path


def current_spec() -> PageSpec | None:
    """The spec of the page this run shows (None for the default page, whose URL is the root)."""
    url_path = st.session_state.get(CURRENT_PAGE_KEY)
    return next((spec for spec in PAGES if spec.url_path == url_path), None)

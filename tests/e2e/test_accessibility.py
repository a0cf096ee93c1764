"""In a real browser: axe-core 4.12 (WCAG 2.0/2.1 A and AA) finds nothing wrong in the app's own content,
on every page for every role, in Swedish; also on the pages a visitor reaches by a private link (following
an idea, a testbed request, a response to a need, unsubscribing) and on every public page at a phone's
width (390 px), which must read without sideways scrolling and start at the top.

One browser context per role; each page is opened from the menu as a person would, and checked once its
run has finished and its charts are drawn. Two things are not axe's plain verdict:
- Streamlit's sidebar menu has list markup the app cannot change (`<ul>` with wrapper `<div>`s between it
  and its `<li>`s): only the rules about list structure, and only inside that menu, are left out;
- contrast that axe leaves "to review" (text in a chart's SVG, tab labels with an underline drawn as a
  pseudo element) is decided here by the same WCAG formula, from the text's colour and the colours
  behind it: it must reach 4.5:1 (3:1 for large text) like any other text.
"""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

import db
import i18n
import models as m
from components.navigation import visible_specs
from models import Role
from services.ideas import intake
from services.notifications import outbox
from services.samverkan import needs
from services.testbeds import requests
from tests.e2e.helpers import STEP_MS, answered, drawn, log_in, watch_runs
from tests.services.ideas.test_intake import form

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SCRIPT = Axe().axe_script  # axe-core 4.12, bundled with axe-playwright-python (no network)
# Details only for what fails or needs review: the passes are what makes axe's answer big and slow.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations", "incomplete"]}

STREAMLIT_MENU = '[data-testid="stSidebarNav"]'
KNOWN_STREAMLIT_MARKUP = {("list", STREAMLIT_MENU), ("listitem", STREAMLIT_MENU)}  # (rule, inside)

ROLES: tuple[str | None, ...] = (None, "employee", "manager", "council", "admin")

# WCAG's contrast of an element's text against what is behind it (backgrounds composed from the root).
_CONTRAST = r"""(targets) => targets.map((selector) => {
  const el = document.querySelector(selector);
  if (!el) return { selector, ratio: null };
  const parse = (c) => {
    const m = (c || "").match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (fg, bg) => ({
    r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1,
  });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const chain = [];
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) chain.unshift(n);
  let bg = { r: 255, g: 255, b: 255, a: 1 };
  let opacity = 1;
  for (const n of chain) {
    const style = getComputedStyle(n);
    const c = parse(style.backgroundColor);
    if (c && c.a > 0) bg = over(c, bg);
    // Streamlit fades what a rerun is redrawing (Rådsläge refreshes itself): judge the settled colours
    if (n.getAttribute("data-stale") !== "true") opacity *= parseFloat(style.opacity);
  }
  const style = getComputedStyle(el);
  const svg = el instanceof SVGElement;
  const fg = parse(svg ? style.fill : style.color);
  if (!fg) return { selector, ratio: null };
  fg.a *= opacity * (svg ? parseFloat(style.fillOpacity) : 1);
  const text = over(fg, bg);
  const [hi, lo] = [lum(text), lum(bg)].sort((x, y) => y - x);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
  return { selector, ratio: (hi + 0.05) / (lo + 0.05), needed: large ? 3 : 4.5 };
})"""

# Accessible names with a Markdown backslash left in them (e.g. "test\- och"), from labels or aria-labels.
_ESCAPED_NAMES = r"""() => Array.from(document.querySelectorAll("[aria-label], label, [role=img], button"))
    .map((el) => el.getAttribute("aria-label") || el.textContent)
    .filter((name) => /\\[-.!#*_()\[\]`+>|{}]/.test(name || ""))"""


def _menu_titles(role: str | None) -> list[str]:
    actor = None if role is None else SimpleNamespace(role=Role(role))
    # Pages reached only by a private link (a mail's unsubscribe link, a request's tracking link) are not in
    # the menu: opened from the menu, the walk covers every page a visitor can find.
    return [i18n.t(spec.title_key) for spec in visible_specs(actor) if spec.in_menu]


def _in_streamlit_menu(page: Page, rule: str, target: list[Any]) -> bool:
    """Whether axe's finding is the known Streamlit menu markup: its rule, and its element inside the menu."""
    return len(target) == 1 and any(
        rule == known_rule and page.evaluate("([t, s]) => !!document.querySelector(t)?.closest(s)", [target[0], scope])
        for known_rule, scope in KNOWN_STREAMLIT_MARKUP
    )


def _fading(page: Page, target: list[Any]) -> bool:
    """Whether the element is one Streamlit has faded while a rerun redraws it."""
    script = "(t) => !!document.querySelector(t)?.closest('[data-stale=\"true\"]')"
    return len(target) == 1 and page.evaluate(script, target[0])


def _check(page: Page, where: str) -> list[str]:
    """What is wrong on the page as it stands, one line per element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # the menu keeps the document: inject once
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    found: list[str] = []
    undecided: list[str] = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            if _in_streamlit_menu(page, violation["id"], node["target"]):
                continue
            if violation["id"] == "color-contrast" and _fading(page, node["target"]):
                undecided.append(node["target"][0])  # caught mid-refresh: judged below at its settled colours
                continue
            summary = node["failureSummary"].splitlines()[-1].strip()
            found.append(f"{where}: {violation['id']}: {summary} in {node['html'][:160]}")
    undecided += [
        node["target"][0]
        for item in response["incomplete"]
        if item["id"] == "color-contrast"
        for node in item["nodes"]
        if len(node["target"]) == 1
    ]
    for verdict in page.evaluate(_CONTRAST, undecided) if undecided else []:
        if verdict["ratio"] is not None and verdict["ratio"] < verdict["needed"]:
            found.append(
                f"{where}: contrast {verdict['ratio']:.2f}:1 (needs {verdict['needed']}) at {verdict['selector']}"
            )
    found += [f"{where}: a Markdown escape in an accessible name: {name!r}" for name in page.evaluate(_ESCAPED_NAMES)]
    return found


def _open(page: Page, title: str) -> None:
    """Open `title` from the menu and wait until its run has finished and its charts are drawn (the page
    may be the one already open, whose heading shows before the new run: wait for the run itself)."""
    with answered(page):
        page.locator(STREAMLIT_MENU).get_by_role("link", name=title, exact=True).click()
    # The heaviest pages (Innovationsbokslut) take their time on a machine shared by several test runs.
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=60_000)
    drawn(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]:visible')  # those in a closed tab are not drawn
    for index in range(charts.count()):
        expect(charts.nth(index).locator("svg").first).to_be_attached()


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "public")
def test_no_accessibility_violations_on_any_page(browser: Browser, live_app: str, role: str | None) -> None:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(STEP_MS)
    page = context.new_page()
    watch_runs(page)
    try:
        if role is None:
            page.goto(live_app)
            expect(page.get_by_role("heading", name="Logga in", level=1)).to_be_visible()
        else:
            log_in(page, live_app, role)
        drawn(page)
        titles = _menu_titles(role)
        assert len(titles) >= 4
        found: list[str] = []
        for title in titles:
            _open(page, title)
            found += _check(page, title)
        assert not found, f"{len(found)} accessibility problems:\n" + "\n".join(found)
    finally:
        context.close()


PHONE = {"width": 390, "height": 844}
# How far down the page's heading may start on a phone: Streamlit's header bar and padding, no empty band.
PHONE_HEADING_TOP_PX = 140
_SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _private_links(database_url: str) -> dict[str, str]:
    """Paths only a private link reaches, made as a visitor would make them (through the public services)."""
    engine = db.make_engine(database_url)
    with db.write_session(engine) as session:
        idea = intake.submit_idea(
            session=session,
            actor=None,
            data=form(session, title="Skyltar i rätt höjd", contact_email="besok@example.org", contact_consent=True),
        )
        testbed = session.exec(
            select(m.Testbed).where(m.Testbed.status == m.TestbedStatus.open).order_by(m.Testbed.id)
        ).first()
        request = requests.submit_request(
            session=session,
            data={
                "testbed_id": testbed.id,
                "requester_name": "Johan Markström",
                "requester_email": "johan@ventilo.example",
                "requester_org": "Ventilo AB",
                "requester_kind": "company",
                "description": "Vi vill pröva en ventilator i verklig miljö.",
                "consent": True,
            },
        )
        need = session.exec(
            select(m.Need)
            .where(m.Need.status == m.NeedStatus.published, m.Need.deadline >= date.today())
            .order_by(m.Need.id)
        ).first()
        answer = needs.submit_response(
            session=session,
            data={
                "need_id": need.id,
                "responder_org": "Sensa AB",
                "org_number": "556016-0680",
                "responder_kind": "company",
                "responder_name": "Lina Berg",
                "responder_email": "lina@sensa.example",
                "proposal": "En golvsensor som larmar personalen.",
                "consent": True,
            },
        )
        council = session.exec(select(m.User).where(m.User.username == "council")).one()
        reminder = outbox.to_user(  # a mail one may refuse: it carries an unsubscribe link
            session,
            user_id=council.id,
            kind="fund.review_reminder",
            params={"ref": "INF-2026-001", "title": "Digital vårdplan", "due": "2026-12-18"},
            link="granskning",
            entity="user",
            entity_id=council.id,
        )
        session.commit()
        unsubscribe = reminder.unsubscribe_token
    engine.dispose()
    return {
        f"folj-ide?kod={idea.tracking_code}": "Skyltar i rätt höjd",
        f"folj-forfragan?kod={request.tracking_code}": request.ref,
        f"avregistrera?kod={unsubscribe}": i18n.t("nav.unsubscribe"),
        f"folj-svar?kod={answer.tracking_code}": answer.ref,
    }


def _open_path(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=re.compile(re.escape(heading))).first).to_be_visible()
    drawn(page)


def _phone_layout(page: Page, where: str) -> list[str]:
    found = []
    sideways = page.evaluate(_SIDEWAYS)
    if sideways > 0:
        found.append(f"{where}: {sideways} px wider than a 390 px phone (sideways scrolling)")
    top = page.get_by_role("heading", level=1).first.bounding_box()
    if top is None or top["y"] > PHONE_HEADING_TOP_PX:
        found.append(f"{where}: the heading starts {top and round(top['y'])} px down (an empty band above it)")
    return found


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_pages_reached_by_a_private_link_have_no_accessibility_violations(
    browser: Browser, live_app: str, live_db_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(locale="sv-SE", viewport=viewport)
    context.set_default_timeout(STEP_MS)
    page = context.new_page()
    try:
        found: list[str] = []
        for path, heading in _private_links(live_db_url).items():
            _open_path(page, f"{live_app}/{path}", heading)
            found += _check(page, path.split("?")[0])
            if viewport == PHONE:
                found += _phone_layout(page, path.split("?")[0])
        assert not found, f"{len(found)} accessibility problems:\n" + "\n".join(found)
    finally:
        context.close()


def test_every_public_page_reads_on_a_phone(browser: Browser, live_app: str) -> None:
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    context.set_default_timeout(STEP_MS)
    page = context.new_page()
    try:
        found: list[str] = []
        specs = [spec for spec in visible_specs(None) if spec.in_menu]
        assert len(specs) >= 4
        for spec in specs:
            title = i18n.t(spec.title_key)
            _open_path(page, f"{live_app}/{spec.url_path}", title)
            found += _check(page, title) + _phone_layout(page, title)
        assert not found, f"{len(found)} problems on a phone:\n" + "\n".join(found)
    finally:
        context.close()

"""In a real browser, with the keyboard alone (Tab, Shift+Tab, Space, Enter and typing; no clicks): a
visitor sends an empty idea form and lands on the first field that needs fixing, fills the form in,
submits it, and follows the idea with the tracking code shown on the receipt."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import drawn

MAX_TABS = 150  # a bound, so that a control Tab never reaches fails instead of looping


def _focused_name(page: Page) -> str:
    """The accessible name of the focused element, as a screen reader would start reading it."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return "";
          const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
          const text = el.cloneNode(true);  // a button's text without its icon's ligature ("send")
          text.querySelectorAll('[data-testid="stIconMaterial"]').forEach((icon) => icon.remove());
          return (el.getAttribute("aria-label") || label || text.textContent || "").trim();
        }"""
    )


def _tab_to(page: Page, name: str | re.Pattern[str], *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element's name is (or matches) `name`."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        current = _focused_name(page)
        if (name.search(current) if isinstance(name, re.Pattern) else current == name) and current:
            return
    raise AssertionError(f"{name!r} cannot be reached with {key}")


def _type_into(page: Page, label: str | re.Pattern[str], text: str) -> None:
    _tab_to(page, label)
    page.keyboard.type(text)


def _focused_group(page: Page) -> str:
    return page.evaluate("() => document.activeElement?.closest('[role=radiogroup]')?.getAttribute('aria-label') || ''")


def _choose(page: Page, group: str, option: str) -> None:
    """Tab into the radio group named `group`, then move to `option` with the arrow keys (which select as
    they move) and select it with Space, as a keyboard user does: Tab stops once per group."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if _focused_group(page).startswith(group):
            break
    else:
        raise AssertionError(f"the radio group {group!r} cannot be reached with Tab")
    for _ in range(20):
        if _focused_name(page) == option:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name=option, exact=True)).to_be_checked()


def test_a_visitor_submits_and_follows_an_idea_with_the_keyboard_alone(page: Page, live_app: str) -> None:
    page.goto(f"{live_app}/lamna-ide")
    expect(page.get_by_role("heading", name="Lämna en idé", level=1)).to_be_visible()
    drawn(page)

    # An empty form: the errors name their fields and the focus is on the first one.
    _tab_to(page, "Skicka idén")
    page.keyboard.press("Enter")
    title = page.get_by_role("textbox", name=re.compile("^Rubrik"))
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")
    message = page.locator(f"#{title.get_attribute('aria-describedby')}")
    expect(message).to_have_text("Rubrik: Fyll i det här fältet.")

    # Filled in from the top with the keyboard, as a person would.
    page.keyboard.type("Skyltning i punktskrift vid entréerna")
    _type_into(page, re.compile("^Behov eller problem"), "Den som inte ser kan inte läsa skyltarna vid entrén.")
    _type_into(page, re.compile("^Förslag på lösning"), "Skyltar med punktskrift och taktila pilar vid varje entré.")
    _choose(page, "Kärnverksamhet", "Hälso- och sjukvård")
    _choose(page, "Jag är", "Patient")
    _choose(page, "Typ av nytta", "Social nytta")
    _tab_to(page, "Skicka idén")
    page.keyboard.press("Enter")

    receipt = page.get_by_text("Din idé har tagits emot med referensen")
    expect(receipt).to_be_visible()
    codes = page.locator('[data-testid="stCode"]')
    expect(codes).to_have_count(2)
    code = codes.nth(1).inner_text().strip()
    drawn(page)

    # Back up to the menu, open Följ din idé, type the code and show the idea.
    _tab_to(page, "Följ din idé", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Följ din idé", level=1)).to_be_visible()
    drawn(page)
    _type_into(page, re.compile("^Spårningskod eller länk"), code)
    _tab_to(page, "Visa")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Skyltning i punktskrift vid entréerna", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Steg")).to_contain_text("Inkommen")

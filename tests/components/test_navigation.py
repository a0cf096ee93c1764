"""The menu handed to `st.navigation`: made once per role and language, a fresh copy for every run."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from components import context, navigation
from models import Role
from services.people.auth import Actor


class _Page:
    """Stands in for `st.Page`, which outside a page run keeps none of what it is given."""

    made = 0

    def __init__(self, page: Any, **given: Any) -> None:
        _Page.made += 1
        self.page, self.given = page, given


def _reader(role: Role) -> Actor:
    return Actor(1, "x", "x", "x", role, None, None, "sv")


@pytest.fixture
def menu(monkeypatch: pytest.MonkeyPatch):
    """`pages_for` as in a page run of an app in /app, in the language chosen with `menu.language`."""
    run = SimpleNamespace(pages_manager=SimpleNamespace(main_script_parent=Path("/app")))
    monkeypatch.setattr(navigation, "get_script_run_ctx", lambda: run)
    monkeypatch.setattr(navigation.st, "Page", _Page)
    monkeypatch.setattr(context._run, "language", "sv", raising=False)
    navigation._menu.cache_clear()
    _Page.made = 0

    def pages(actor: Actor | None) -> dict[str, list[_Page]]:
        return navigation.pages_for(actor)  # type: ignore[return-value]

    pages.language = lambda code: monkeypatch.setattr(context._run, "language", code)  # type: ignore[attr-defined]
    yield pages
    navigation._menu.cache_clear()  # no stand-ins left for the tests after


def _shown(sections: dict[str, list[_Page]]) -> list[tuple[str, str, str, bool, str]]:
    return [
        (
            section,
            page.given["title"],
            page.given["url_path"],
            page.given.get("default", False),
            page.given["visibility"],
        )
        for section, pages in sections.items()
        for page in pages
    ]


def test_every_run_gets_its_own_copy_of_pages_made_once(menu) -> None:
    first, second = menu(_reader(Role.council)), menu(_reader(Role.council))
    made = _Page.made
    assert made == sum(len(pages) for pages in first.values())  # once, for both runs
    assert _shown(first) == _shown(second)
    first_ids = {id(page) for pages in first.values() for page in pages}
    assert not first_ids & {id(page) for pages in second.values() for page in pages}  # st.navigation marks its page
    menu(_reader(Role.manager))
    assert _Page.made > made  # another role: its own menu


def test_the_menu_follows_the_role_and_the_language(menu) -> None:
    council = _shown(menu(_reader(Role.council)))
    assert ("Start", "Översikt", "oversikt", True, "visible") in council
    assert (
        "Start",
        "Användare & organisationer",
        "anvandare",
        False,
        "hidden",
    ) in council  # an admin page: "no access"
    visitor = {url: (title, visibility) for _, title, url, _, visibility in _shown(menu(None))}
    assert visitor["oversikt"] == ("Översikt", "hidden")  # the login form there
    assert visitor["lamna-ide"] == ("Lämna en idé", "visible")
    menu.language("en")
    assert ("Start", "Overview", "oversikt", True, "visible") in _shown(menu(_reader(Role.council)))
    menu.language("sv")
    assert _shown(menu(_reader(Role.council))) == council

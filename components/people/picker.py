"""Choosing one person among every user: a search field, and the people it finds to pick from."""

from __future__ import annotations

from typing import Any

from components import context
from components.context import t
from components.ui import search_box
from services.people import users
from services.people.auth import Actor


def people_to_offer(me: Actor, key: str, *, chosen: int | None = None, where: Any = None) -> dict[int, str]:
    """Draw a search field (outside any form: typing reruns the page) and return {id: "Name (username)"}
    to offer in the picker: the one `chosen` before and the reader, then whoever the search finds (the
    first `users.PEOPLE_FOUND`). A picker of every user sent 400 KB with each run at ten times the region."""
    search = search_box(t("ui.find_person"), key, where, help=t("ui.find_person_help"))
    with context.reading() as session:
        return dict(users.found_people(session=session, actor=me, search=search, include=(chosen, me.id)))

"""Behov och utmaningar (public): the needs open for responses, one need with the response form; after
sending, the UTM- reference and the private tracking link, shown once."""

import streamlit as st

from components import context
from components.context import t
from components.samverkan.public import CHOSEN_KEY, need_cards, need_page
from components.ui import attempt, current_page, heading, pager, search_box
from services.people import organisations
from services.samverkan import needs
from services.shared.history import today as stockholm_today

heading("nav.samverkan_needs", "samverkan.needs_caption")
with context.reading() as session:
    areas = {a.code: a.name(context.lang()) for a in organisations.list_areas(session=session)}

chosen = st.session_state.get(CHOSEN_KEY)
if chosen is not None:
    need_page(chosen, areas)
    st.stop()

c1, c2 = st.columns([3, 2])
search = search_box(t("ui.search"), "sv_search", c1)
area_code = c2.selectbox(
    t("samverkan.area"), [None, *areas], format_func=lambda c: t("ui.all") if c is None else areas[c], key="sv_area"
)


def load() -> needs.Page:
    with context.reading() as session:
        return needs.list_open_needs(
            session=session, today=stockholm_today(), search=search, area_code=area_code, page=current_page("sv_page")
        )


found = attempt(load)
if found is not None:
    st.subheader(t("samverkan.open_needs", n=found.total))
    if not found.items:
        st.info(t("samverkan.no_open_needs"))
    need_cards(found.items, areas)
    pager(found, "sv_page")

"""Vem kan jag fråga?: every organisation's innovation lead and certified innovation leaders, for everyone
logged in (linked from Översikt and Lämna en idé)."""

import streamlit as st

from components import context
from components.context import t
from components.people.directory import contact_card
from components.ui import current_page, heading, pager, search_box
from services.people import directory, organisations

heading("nav.who_to_ask", "directory.caption")
me = context.actor()
with context.reading() as session:
    areas = {a.id: a.name(context.lang()) for a in organisations.list_areas(session=session)}
c1, c2 = st.columns(2)
area_id = c1.selectbox(
    t("directory.area"),
    [None, *areas],
    format_func=lambda a: t("directory.all_areas") if a is None else areas[a],
    key="directory_area",
)
with c2:
    search = search_box(t("directory.search"), "directory_search")
with context.reading() as session:
    page = directory.directory(
        session=session, actor=me, area_id=area_id, search=search, page=current_page("directory_page")
    )
if not page.items:
    st.info(t("directory.none"))
for org in page.items:
    contact_card(org, areas.get(org.area_id, ""))
pager(page, "directory_page")

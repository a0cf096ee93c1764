"""Mina idéer: one's own ideas with their stage, and backing other people's ideas."""

import streamlit as st

from components import context
from components.benefits.panel import benefits_panel
from components.context import actor, t
from components.ideas.common import area_names, tracking_view
from components.ideas.respond import submitter_actions
from components.ui import (
    attempt,
    current_page,
    flash_and_rerun,
    fmt_date,
    fmt_int,
    heading,
    lazy_tabs,
    pager,
    plain,
    search_box,
)
from services.benefits import records as benefit_records
from services.ideas import intake

me = actor()
heading("nav.ideas_mine", "ideas.mine_caption")
areas = area_names()
with context.reading() as session:  # ideas this person handles at Införande/Spridning: their benefits
    owned = benefit_records.ideas_to_follow_up(session=session, actor=me, page=current_page("owned_page"))


def _mine() -> None:
    with context.reading() as session:
        page = intake.my_ideas(session=session, actor=me, page=current_page("mine_page"))
    if not page.items:
        st.info(t("ideas.mine_none"))
        st.page_link("pages/ideas/submit.py", label=t("nav.ideas_submit"), icon=":material/lightbulb:")
    else:
        st.table(
            [
                {
                    t("ideas.reference"): i.ref,
                    t("ideas.title"): plain(i.title),
                    t("ideas.stage"): context.label(i.stage, "stage"),
                    t("ideas.received"): fmt_date(i.received_at),
                    t("ideas.supporters"): fmt_int(i.supporters),
                }
                for i in page.items
            ]
        )
        pager(page, "mine_page")
        choices = {i.id: f"{i.ref} · {i.title}" for i in page.items}
        chosen = st.selectbox(
            t("ideas.mine_open"), list(choices), format_func=choices.get, key="mine_chosen", placeholder=t("ui.choose")
        )
        if chosen is not None:
            with context.reading() as session:
                seen = intake.my_idea(session=session, actor=me, idea_id=chosen)
            tracking_view(seen)
            submitter_actions(seen, idea_id=chosen)


def _back() -> None:
    st.caption(t("ideas.back_caption"))
    c1, c2 = st.columns([3, 2])
    search = search_box(t("ui.search"), "back_search", c1)
    area_id = c2.selectbox(
        t("ideas.area"),
        [None, *areas],
        format_func=lambda a: t("ui.all") if a is None else areas[a],
        key="back_area",
        placeholder=t("ui.all"),
    )
    with context.reading() as session:
        page = intake.ideas_to_back(
            session=session, actor=me, search=search, area_id=area_id, page=current_page("back_page")
        )
    if not page.items:
        st.info(t("ideas.back_none"))
    for item in page.items:
        with st.container(border=True):
            left, right = st.columns([5, 1])
            left.markdown(f"**{plain(item.title)}**")
            left.caption(
                t(
                    "ideas.back_line",
                    stage=context.label(item.stage, "stage"),
                    area=plain(areas.get(item.area_id, "")),
                    n=fmt_int(item.supporters),
                )
            )
            if item.supported_by_me:
                right.markdown(t("ideas.backed"))
            elif right.button(t("ideas.back"), key=f"back_{item.id}", icon=":material/thumb_up:"):

                def back(idea_id: int = item.id) -> bool:
                    with context.writing() as session:
                        intake.support_idea(session=session, actor=me, idea_id=idea_id)
                    return True

                if attempt(back):
                    flash_and_rerun("ideas.backed_done")
    pager(page, "back_page")


def _follow_up() -> None:
    st.caption(t("benefits.to_follow_up_caption"))
    st.table(
        [
            {
                t("ideas.reference"): i.ref,
                t("ideas.title"): plain(i.title),
                t("ideas.stage"): context.label(i.stage, "stage"),
                t("benefits.heading"): fmt_int(i.benefits),
            }
            for i in owned.items
        ]
    )
    pager(owned, "owned_page")
    titles = {i.id: f"{i.ref} · {i.title}" for i in owned.items}
    chosen = st.selectbox(t("ideas.mine_open"), list(titles), format_func=titles.get, key="owned_chosen")
    if chosen is not None:
        benefits_panel(me, idea_id=chosen)


tabs = {t("ideas.mine_tab"): _mine, t("ideas.back_tab"): _back}
if owned.total:  # ideas this person handles at Införande/Spridning: their benefits
    tabs[t("benefits.to_follow_up")] = _follow_up
# Backing (twenty ideas, a button each: most of the page) is drawn only when open; the tabs with forms
# (answering the handlers, recording a benefit) at every run, so nothing typed there is lost.
lazy_tabs("mine_tab", tabs, always=[label for label in tabs if label != t("ideas.back_tab")])

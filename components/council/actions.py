"""An owner's actions from the council (in Min förvaltning and Rådsmöten), with "mark as done"."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import context
from components.context import t
from components.ui import attempt, current_page, flash_and_rerun, fmt_date, forget_inputs, pager, plain
from services.council import actions
from services.council.actions import ActionRow
from services.people.auth import Actor

PREFIX = "my_action_"


def action_state(row: ActionRow) -> str:
    """ "Klar 2026-12-03 (Anders Lindqvist)", "Försenad" or "Öppen"."""
    if row.status == "done":
        return t("council.action.done_on", on=fmt_date(row.done_on), by=plain(row.done_by or "–"))
    return t("council.action.overdue") if row.overdue else t("council.action.status.open")


def my_actions_section(me: Actor, today: date, *, always: bool = True) -> None:
    """The actor's open actions, each with "mark as done"; done ones behind a toggle. `always=False`:
    nothing at all for someone who never had an action (a council member's meeting page stays short)."""
    with context.reading() as session:
        page = actions.my_actions(session=session, actor=me, today=today, page=current_page(f"{PREFIX}page"))
        done = actions.my_actions(session=session, actor=me, today=today, done=True, page_size=10)
    if not always and page.total == 0 and done.total == 0:
        return
    st.subheader(t("council.my_actions"))
    if not page.items:
        st.info(t("council.my_actions.none"))
    for row in page.items:
        with st.container(border=True, key=f"{PREFIX}{row.id}"):
            st.markdown(f"**{plain(row.description)}**")
            due = t("council.my_actions.due", due=fmt_date(row.due_on))
            origin = t("council.my_actions.from", meeting=plain(row.meeting_title), held_on=fmt_date(row.held_on))
            st.markdown(f"{due} · {action_state(row)} · {origin}")
            if row.decision:
                st.caption(f"{t('council.decision.text')}: {plain(row.decision)}")
            note = st.text_input(t("council.action.done_note"), key=f"{PREFIX}note_{row.id}", max_chars=500)
            if st.button(t("council.action.mark_done"), key=f"{PREFIX}done_{row.id}", icon=":material/task_alt:"):

                def finish(action_id: int = row.id, text: str = note) -> bool:
                    with context.writing() as session:
                        actions.mark_done(session=session, actor=me, action_id=action_id, note=text)
                    return True

                if attempt(finish):
                    forget_inputs(f"{PREFIX}note_{row.id}")
                    flash_and_rerun("council.action.marked_done")
    pager(page, f"{PREFIX}page")
    if done.total and st.toggle(t("council.my_actions.done"), key=f"{PREFIX}show_done"):
        st.table(
            [
                {
                    t("council.action.description"): plain(r.description),
                    t("council.action.meeting"): plain(f"{r.meeting_title} ({fmt_date(r.held_on)})"),
                    t("council.action.status"): action_state(r),
                }
                for r in done.items
            ]
        )

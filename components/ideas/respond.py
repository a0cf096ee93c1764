"""Questions and answers between the team and the submitter: the team asks on the idea page; the
submitter answers, or withdraws their contact details, on the tracking page (their private link)."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import actor, t
from components.ui import FieldErrors, attempt, flash_and_rerun, plain, write_then_confirm
from services.ideas import intake, triage
from services.ideas.triage import IdeaDetail
from services.people.auth import Actor


def ask_form(me: Actor, idea: IdeaDetail) -> None:
    """Idéhantering: ask the submitter a question (sent to them; on the public timeline)."""
    st.markdown(f"**{t('ideas.ask')}**")
    if not (idea.contact_email or idea.submitter):
        st.caption(t("ideas.ask_no_contact"))
        return
    with st.form(f"ask_{idea.id}"):
        errors = FieldErrors()
        text = st.text_area(t("ideas.ask_field"), help=t("ideas.ask_help"))
        errors.slot("question", t("ideas.ask_field"))
        if st.form_submit_button(t("ideas.ask_submit"), icon=":material/help:"):
            write_then_confirm(
                lambda s: triage.ask_submitter(session=s, actor=me, idea_id=idea.id, text=text), "ideas.asked", errors
            )


def submitter_actions(seen: intake.Tracking, code: str | None = None, idea_id: int | None = None) -> None:
    """Följ din idé (`code`): answer the team's open question, withdraw one's contact details. Mina idéer
    (`idea_id`, the logged-in submitter's own idea): answer the question."""
    if seen.open_question:
        with st.container(border=True):
            st.markdown(f"**{t('ideas.question_heading')}**")
            st.markdown(plain(seen.open_question))
            with st.form("answer"):
                errors = FieldErrors()
                answer = st.text_area(t("ideas.answer_field"), key="answer_text")
                errors.slot("answer", t("ideas.answer_field"))
                if st.form_submit_button(t("ideas.answer_submit"), type="primary", icon=":material/reply:"):

                    def send() -> bool:
                        with context.writing() as session:
                            if idea_id is not None:
                                intake.answer_own_question(session=session, actor=actor(), idea_id=idea_id, text=answer)
                            else:
                                intake.answer_question(
                                    session=session,
                                    code=code,
                                    text=answer,
                                    actor=actor(),
                                    address=context.client_address(),
                                )
                        return True

                    if attempt(send, errors):
                        st.session_state.pop("answer_text", None)
                        flash_and_rerun("ideas.answered_done")
    if seen.has_address and code:
        with st.expander(t("ideas.withdraw_heading"), icon=":material/person_remove:"):
            st.caption(t("ideas.withdraw_help"))
            if st.button(t("ideas.withdraw_button"), key="withdraw_address"):

                def withdraw() -> bool:
                    with context.writing() as session:
                        intake.withdraw_address(session=session, code=code)
                    return True

                if attempt(withdraw):
                    flash_and_rerun("ideas.withdrawn")

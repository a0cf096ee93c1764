"""The reviewer's forms: the jäv declaration and the scoring form."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.fund.applications import criterion_label
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_datetime, plain
from models import Recommendation
from services.fund import review
from services.fund.review import MyAssignment, ReviewRow
from services.people.auth import Actor

NOT_ASSESSABLE = "na"
SCORE_CHOICES: list[Any] = [None, 1, 2, 3, 4, 5, NOT_ASSESSABLE]


def declaration_form(me: Actor, assignment: MyAssignment) -> None:
    """Before the details: enough to judge a conflict (who applies, from where, for what)."""
    st.subheader(plain(f"{assignment.ref} · {assignment.title}"))
    st.caption(plain(t("fund.review.who", applicant=assignment.applicant, organisation=assignment.organisation)))
    st.info(t("fund.review.declare_intro"), icon=":material/gavel:")
    key = f"fund_declare_{assignment.application_id}"
    with st.form(key):
        errors = FieldErrors()
        # Labels as options (no format_func): the choice reads the same in either language.
        conflict_label = t("fund.review.declare_conflict")
        choice = st.radio(
            t("fund.review.declaration"), [t("fund.review.declare_none"), conflict_label], key=f"{key}_choice"
        )
        note = st.text_area(t("fund.review.conflict_note"), key=f"{key}_note")
        errors.slot("conflict_note", t("fund.review.conflict_note"))
        if st.form_submit_button(t("fund.review.declare"), type="primary"):

            def send() -> bool:
                with context.writing() as session:
                    review.declare(
                        session=session,
                        actor=me,
                        application_id=assignment.application_id,
                        conflict=choice == conflict_label,
                        note=note,
                    )
                return True

            if attempt(send, errors):
                flash_and_rerun("fund.review.declared_conflict" if choice == conflict_label else "fund.review.declared")


def _score_label(value: Any) -> str:
    if value is None:
        return t("fund.review.no_score")
    if value == NOT_ASSESSABLE:
        return t("fund.review.not_assessable")
    return str(value)


def review_form(me: Actor, application_id: int, criteria: list[str], draft: ReviewRow | None) -> None:
    """Scores 1–5 or "ej bedömbar" per criterion, a recommendation and a comment; save or submit."""
    key = f"fund_review_{application_id}"
    saved = draft.scores if draft else {}
    recommendations: list[str | None] = [None, *[r.value for r in Recommendation]]
    with st.form(key):
        errors = FieldErrors()
        chosen: dict[str, Any] = {}
        for i, criterion in enumerate(criteria):
            current = saved.get(criterion, None) if criterion in saved else None
            if criterion in saved and saved[criterion] is None:
                current = NOT_ASSESSABLE
            chosen[criterion] = st.selectbox(
                plain(criterion_label(criterion)),  # labels render Markdown; an admin names the criteria
                SCORE_CHOICES,
                index=SCORE_CHOICES.index(current),
                format_func=_score_label,
                key=f"{key}_score_{i}",
                placeholder=t("ui.choose"),
            )
            errors.slot(criterion)
        recommendation = st.selectbox(
            t("fund.review.recommendation"),
            recommendations,
            index=recommendations.index(draft.recommendation if draft else None),
            format_func=lambda r: t("fund.review.no_score") if r is None else context.label(r, "recommendation"),
            key=f"{key}_rec",
            placeholder=t("ui.choose"),
        )
        errors.slot("recommendation", t("fund.review.recommendation"))
        comment = st.text_area(t("fund.review.comment"), value=(draft.comment or "") if draft else "", key=f"{key}_c")
        errors.slot("comment", t("fund.review.comment"))
        c1, c2 = st.columns(2)
        save = c1.form_submit_button(t("fund.save_draft"), icon=":material/save:")
        send = c2.form_submit_button(t("fund.review.submit"), type="primary", icon=":material/send:")
    if not (save or send):
        return
    scores = {c: (None if v == NOT_ASSESSABLE else v) for c, v in chosen.items() if v is not None}

    def store() -> bool:
        with context.writing() as session:
            review.save_review(
                session=session,
                actor=me,
                application_id=application_id,
                scores=scores,
                recommendation=recommendation,
                comment=comment,
                submit=bool(send),
            )
        return True

    if attempt(store, errors):
        flash_and_rerun("fund.review.submitted" if send else "fund.review.saved")


def reviews_table(reviews: list[ReviewRow], criteria: list[str]) -> None:
    """Submitted reviews side by side: reviewer, each score, recommendation, comment."""
    frame = {t("fund.review.reviewer"): [r.reviewer for r in reviews]}
    for criterion in criteria:
        frame[criterion_label(criterion)] = [
            t("fund.review.not_assessable") if r.scores.get(criterion) is None else str(r.scores[criterion])
            for r in reviews
        ]
    frame[t("fund.review.recommendation")] = [context.label(r.recommendation, "recommendation") for r in reviews]
    frame[t("fund.review.comment")] = [r.comment or "" for r in reviews]
    frame[t("fund.review.submitted_at")] = [fmt_datetime(r.submitted_at) for r in reviews]
    st.dataframe(pd.DataFrame(frame), hide_index=True, width="stretch", alt=t("grid.reviews"))

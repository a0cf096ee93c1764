"""Granskning: the reviewer's assignments. Declare jäv first; then the details, the scoring form, and
(after submitting) the others' reviews."""

import pandas as pd
import streamlit as st

from components import context
from components.context import actor, t
from components.fund.applications import application_details, status_label
from components.fund.review import declaration_form, review_form, reviews_table
from components.ui import current_page, fmt_date, heading, pager
from services.fund import applications, review

me = actor()
heading("nav.fund_review", "fund.review.caption")

with context.reading() as session:
    page = review.my_assignments(session=session, actor=me, page=current_page("fund_review_page"))
if not page.items:
    st.info(t("fund.review.none"))
    st.stop()


def _progress(a: review.MyAssignment) -> str:
    if a.submitted_at:
        return t("fund.review.state_submitted")
    return t("fund.review.state_draft") if a.declared_at else t("fund.review.state_declare")


st.dataframe(
    pd.DataFrame(
        {
            t("fund.c.ref"): [a.ref for a in page.items],
            t("fund.c.title"): [a.title for a in page.items],
            t("fund.c.call"): [a.call_name for a in page.items],
            t("fund.c.status"): [status_label(a.status) for a in page.items],
            t("fund.review.progress"): [_progress(a) for a in page.items],
            t("fund.c.review_due_on"): [fmt_date(a.review_due_on) for a in page.items],
        }
    ),
    hide_index=True,
    width="stretch",
    alt=t("grid.review_assignments"),
)
pager(page, "fund_review_page")

by_id = {a.application_id: a for a in page.items}
chosen = st.selectbox(
    t("fund.review.choose"),
    list(by_id),
    format_func=lambda i: f"{by_id[i].ref} · {by_id[i].title}",
    key="fund_rev",
    placeholder=t("ui.choose"),
)
assignment = by_id[chosen]
if assignment.declared_at is None:
    declaration_form(me, assignment)
    st.stop()

with context.reading() as session:
    view = applications.get_application(session=session, actor=me, application_id=chosen)
    own = review.my_review(session=session, actor=me, application_id=chosen)
    others = (
        review.others_reviews(session=session, actor=me, application_id=chosen) if own and own.submitted_at else None
    )
application_details(view)
st.divider()
if others is None:
    st.subheader(t("fund.review.your_review"))
    review_form(me, chosen, view.criteria, own)
    st.caption(t("fund.submit_own_first"))
else:
    st.success(t("fund.review.done"), icon=":material/task_alt:")
    st.subheader(t("fund.review.all_reviews"))
    reviews_table(others, view.criteria)

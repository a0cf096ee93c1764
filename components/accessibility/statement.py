"""The tillgänglighetsredogörelse's sections (Digg's model) and its form for reporting a barrier."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import actor, t
from components.ui import FieldErrors, attempt, fmt_date, forget_inputs, required
from services.accessibility import barriers
from services.accessibility import statement as facts

PREFIX = "barrier_"
SENT = "_barrier_sent"


def statement() -> None:
    """Everything the statement says, in the reader's language (texts from i18n, facts from the service)."""
    st.markdown(t("a11y.intro"))
    st.header(t("a11y.how_accessible"))
    st.markdown(t("a11y.how_accessible_body"))
    st.header(t("a11y.other_way"))
    st.markdown(
        t(
            "a11y.other_way_body",
            email=facts.contact_email(),
            postal=facts.postal_address(),
            days=facts.ANSWER_WITHIN_WORKDAYS,
        )
    )
    st.header(t("a11y.report"))
    st.markdown(t("a11y.report_body"))
    st.header(t("a11y.supervision"))
    st.markdown(t("a11y.supervision_body", url=facts.DIGG_COMPLAINT_URL))
    st.header(t("a11y.gaps"))
    st.markdown(t("a11y.gaps_intro"))
    st.markdown("\n".join(f"- {t(f'a11y.gap.{gap}')}" for gap in facts.KNOWN_GAPS))
    st.header(t("a11y.tested"))
    st.markdown(t("a11y.tested_body", axe=facts.AXE_CORE_VERSION, tested=fmt_date(facts.LAST_REVIEWED)))
    st.markdown(t("a11y.dates", made=fmt_date(facts.STATEMENT_MADE), updated=fmt_date(facts.STATEMENT_UPDATED)))


def report_form() -> None:
    """The form that reaches the admins: a barrier, or content wanted in another form."""
    st.header(t("a11y.form.title"))
    sent = st.session_state.pop(SENT, None)
    if sent is not None:
        st.success(t("a11y.form.sent", number=sent, days=facts.ANSWER_WITHIN_WORKDAYS), icon=":material/check_circle:")
    st.caption(t("form.required_note"))
    errors = FieldErrors()
    location = st.text_input(t("a11y.form.location"), key=f"{PREFIX}location", max_chars=300)
    errors.slot("location", t("a11y.form.location_name"))
    description = st.text_area(
        required("a11y.form.description"),
        key=f"{PREFIX}description",
        help=t("a11y.form.description_help", n=barriers.MAX_TEXT),
    )
    errors.slot("description", t("a11y.form.description_name"))
    wanted_format = st.text_input(t("a11y.form.wanted_format"), key=f"{PREFIX}wanted_format", max_chars=300)
    errors.slot("wanted_format", t("a11y.form.wanted_format_name"))
    st.markdown(t("a11y.form.contact"))
    left, right = st.columns(2)
    contact_name = left.text_input(t("a11y.form.contact_name"), key=f"{PREFIX}contact_name", max_chars=120)
    with left:
        errors.slot("contact_name", t("a11y.form.contact_name"))
    contact_email = right.text_input(t("a11y.form.contact_email"), key=f"{PREFIX}contact_email", max_chars=254)
    with right:
        errors.slot("contact_email", t("a11y.form.contact_email"))
    st.caption(t("a11y.form.privacy"))
    if not st.button(t("a11y.form.submit"), type="primary", icon=":material/send:", key=f"{PREFIX}submit"):
        return
    data = {
        "location": location,
        "description": description,
        "wanted_format": wanted_format,
        "contact_name": contact_name,
        "contact_email": contact_email,
    }

    def submit() -> int:
        with context.writing() as session:
            return barriers.submit_report(
                session=session, data=data, actor=actor(), language=context.lang(), address=context.client_address()
            )

    number = attempt(submit, errors)
    if number is not None:
        forget_inputs(PREFIX)
        st.session_state[SENT] = number
        st.rerun()

"""Lämna en idé: anyone, logged in or not, submits an idea and gets its reference."""

import streamlit as st

from components import context
from components.context import actor, t
from components.ideas.common import area_names, organisation_names, similar_list, tracking_receipt
from components.ui import FieldErrors, forget_inputs, heading, public_submit, required
from models import BenefitKind, SubmitterKind
from services.ideas import intake

PREFIX = "idea_"
DONE = "_idea_submitted"


@st.cache_data(show_spinner=False, max_entries=500)
def _similar(title: str, need: str, key: tuple) -> list[intake.SuggestedIdea]:
    with context.reading() as session:
        return intake.similar_for_submitter(session=session, title=title, need=need)


def _prefill() -> None:
    """A logged-in employee starts from their own organisation, area, name and e-mail."""
    me = actor()
    if me is None or st.session_state.get(f"{PREFIX}prefilled"):
        return
    st.session_state[f"{PREFIX}prefilled"] = True
    st.session_state[f"{PREFIX}organisation_id"] = me.organisation_id
    st.session_state[f"{PREFIX}area_id"] = me.area_id
    st.session_state[f"{PREFIX}submitter_kind"] = SubmitterKind.employee
    st.session_state[f"{PREFIX}contact_name"] = me.display_name
    st.session_state[f"{PREFIX}contact_email"] = me.email


def _unset(key: str) -> dict:
    """No preselected choice, unless the prefill chose one (passing both makes Streamlit warn)."""
    return {} if st.session_state.get(key) is not None else {"index": None}


heading("nav.ideas_submit", "ideas.submit_caption")
done = st.session_state.pop(DONE, None)
if done:
    tracking_receipt(*done)  # shown this once: the code is stored nowhere
    st.markdown(t("ideas.next_steps"))

_prefill()
if actor() is not None:  # the directory is for people logged in
    st.page_link("pages/start/who_to_ask.py", label=t("directory.link"), icon=":material/contact_support:")
with st.expander(t("a11y.easy.title"), icon=":material/menu_book:"):
    st.markdown(t("a11y.easy.body"))
st.caption(t("form.required_note"))
st.warning(t("ideas.no_health_details"), icon=":material/health_and_safety:")
areas, orgs = area_names(), organisation_names()
errors = FieldErrors()

title = st.text_input(required("ideas.title"), key=f"{PREFIX}title", help=t("ideas.title_help", n=intake.MAX_TITLE))
errors.slot("title", t("ideas.title"))
need = st.text_area(required("ideas.need"), key=f"{PREFIX}need", help=t("ideas.text_help", n=intake.MAX_TEXT))
errors.slot("need", t("ideas.need"))
if (title or "").strip() or (need or "").strip():
    with st.container(border=True):
        similar_list(_similar(title or "", need or "", context.shared_key()), caption_key="ideas.similar_before")
        st.caption(t("ideas.similar_hint"))

proposal = st.text_area(
    required("ideas.proposal"), key=f"{PREFIX}proposal", help=t("ideas.text_help", n=intake.MAX_TEXT)
)
errors.slot("proposal", t("ideas.proposal"))
area_id = st.radio(
    required("ideas.area"),
    list(areas),
    format_func=areas.get,
    horizontal=True,
    key=f"{PREFIX}area_id",
    **_unset(f"{PREFIX}area_id"),
)
errors.slot("area_id", t("ideas.area"))
organisation_id = st.selectbox(
    t("ideas.organisation"),
    [None, *orgs],
    format_func=lambda i: t("ideas.organisation_unknown") if i is None else orgs[i],
    key=f"{PREFIX}organisation_id",
    placeholder=t("ideas.organisation_unknown"),
)
errors.slot("organisation_id", t("ideas.organisation"))
submitter_kind = st.radio(
    required("ideas.submitter_kind"),
    list(SubmitterKind),
    format_func=lambda k: context.label(k, "submitter_kind"),
    horizontal=True,
    key=f"{PREFIX}submitter_kind",
    **_unset(f"{PREFIX}submitter_kind"),
)
errors.slot("submitter_kind", t("ideas.submitter_kind"))
benefit_kind = st.radio(
    required("ideas.benefit_kind"),
    list(BenefitKind),
    format_func=lambda k: context.label(k, "benefit_kind"),
    index=None,
    horizontal=True,
    key=f"{PREFIX}benefit_kind",
)
errors.slot("benefit_kind", t("ideas.benefit_kind"))

st.subheader(t("ideas.contact"))
st.caption(t("ideas.contact_help"))
c1, c2 = st.columns(2)
contact_name = c1.text_input(t("ideas.contact_name"), key=f"{PREFIX}contact_name")
with c1:
    errors.slot("contact_name", t("ideas.contact_name"))
contact_email = c2.text_input(t("ideas.contact_email"), key=f"{PREFIX}contact_email")
with c2:
    errors.slot("contact_email", t("ideas.contact_email"))
st.info(t("ideas.consent_text"), icon=":material/privacy_tip:")
consent = st.checkbox(t("ideas.consent"), key=f"{PREFIX}consent")
errors.slot("consent", t("ideas.consent_field"))

if st.button(t("ideas.submit"), type="primary", icon=":material/send:"):
    data = {
        "title": title,
        "need": need,
        "proposal": proposal,
        "area_id": area_id,
        "organisation_id": organisation_id,
        "submitter_kind": submitter_kind,
        "benefit_kind": benefit_kind,
        "contact_name": contact_name,
        "contact_email": contact_email,
        "consent": consent,
    }
    # Beyond this client's limit: a message, and the form keeps its text.
    submitted = public_submit(intake.submit_idea, errors, data=data)
    if submitted:
        forget_inputs(PREFIX)
        # Made by the service (IDE-YYYY-NNNNN and a random code), no user text.
        st.session_state[DONE] = (submitted.ref, submitted.tracking_code)
        st.rerun()

"""A testbed's public page and its request form ("väg in")."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.testbeds.catalogue import QUERY_PARAM
from components.testbeds.track import receipt_link
from components.ui import FieldErrors, forget_inputs, plain, public_submit, required
from models import RequesterKind, TestbedStatus
from services.people import organisations
from services.shared.errors import NotFound
from services.testbeds import catalogue, requests
from services.testbeds.catalogue import TestbedDetail

RECEIPT_KEY = "tb_receipt"


def back_to_catalogue() -> None:
    st.query_params.pop(QUERY_PARAM, None)
    st.session_state.pop(RECEIPT_KEY, None)


def _facts(d: TestbedDetail, area_name: str) -> None:
    card = d.card
    audiences = [
        t(f"testbeds.audience_{a}")
        for a, on in (("external", card.for_external), ("employees", card.for_employees))
        if on
    ]
    rows = [
        (t("testbeds.area"), area_name),
        (t("testbeds.runs_it"), card.organisation),
        (t("testbeds.env_type"), context.label(card.env_type, "env_type")),
        (t("testbeds.access"), context.label(card.access, "access")),
        (t("testbeds.trl_range"), t("testbeds.trl_value", low=card.trl_min, high=card.trl_max)),
        (t("testbeds.audience"), ", ".join(audiences)),
        (t("testbeds.status"), context.label(card.status, "testbed_status")),
        (t("testbeds.address"), card.address or "–"),
        (t("testbeds.contact"), " · ".join(x for x in (d.contact_name, d.contact_email) if x) or "–"),
        (t("testbeds.url"), d.url or "–"),
    ]
    st.table(
        pd.DataFrame(
            {t("testbeds.fact"): [plain(k) for k, _ in rows], t("testbeds.value"): [plain(v) for _, v in rows]}
        ).set_index(t("testbeds.fact"))
    )
    if card.lat is not None and card.lon is not None:
        st.map(pd.DataFrame({"lat": [card.lat], "lon": [card.lon]}), zoom=12, height=260)
        st.caption(t("testbeds.map_one", address=plain(card.address or card.name)))


def _usage(d: TestbedDetail) -> None:
    st.subheader(t("testbeds.used_by"))
    if not d.ideas and not d.funded_projects:
        st.caption(t("testbeds.used_by_none"))
        return
    for key, titles in (("testbeds.used_ideas", d.ideas), ("testbeds.used_projects", d.funded_projects)):
        if titles:
            st.markdown(f"**{t(key)}**")
            st.markdown("\n".join(f"- {plain(title)}" for title in titles))


def _request_form(d: TestbedDetail) -> None:
    st.subheader(t("testbeds.request_title"))
    receipt = st.session_state.get(RECEIPT_KEY)
    if receipt and receipt[1] == d.card.slug:
        st.success(t("testbeds.request_sent", ref=receipt[0], name=plain(d.card.name)), icon=":material/check_circle:")
        st.markdown(t("testbeds.request_next"))
        if len(receipt) > 2 and receipt[2]:
            receipt_link(receipt[2])
            st.session_state[RECEIPT_KEY] = receipt[:2]  # the code is shown this once
    if d.card.status == TestbedStatus.closed:
        st.info(t("testbeds.closed_no_requests"))
        return
    st.caption(t("testbeds.request_intro"))
    with st.form("tb_request_form"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        name = c1.text_input(required("testbeds.req.name"), key="tbr_name", max_chars=120)
        with c1:
            errors.slot("requester_name", t("testbeds.req.name"))
        org = c2.text_input(t("testbeds.req.org"), key="tbr_org", max_chars=200)
        with c2:
            errors.slot("requester_org", t("testbeds.req.org"))
        email = c1.text_input(required("testbeds.req.email"), key="tbr_email", max_chars=254)
        with c1:
            errors.slot("requester_email", t("testbeds.req.email"))
        kind = c2.selectbox(
            t("testbeds.req.kind"),
            [k.value for k in RequesterKind],
            key="tbr_kind",
            format_func=lambda k: context.label(k, "requester_kind"),
            placeholder=t("ui.choose"),
        )
        with c2:
            errors.slot("requester_kind", t("testbeds.req.kind"))
        description = st.text_area(
            required("testbeds.req.description"),
            key="tbr_description",
            max_chars=5000,
            help=t("testbeds.req.description_help"),
        )
        errors.slot("description", t("testbeds.req.description"))
        period = st.text_input(
            t("testbeds.req.period"), key="tbr_period", max_chars=120, placeholder=t("testbeds.req.period_hint")
        )
        errors.slot("wanted_period", t("testbeds.req.period"))
        consent = st.checkbox(required("testbeds.req.consent"), key="tbr_consent")
        errors.slot("consent", t("ideas.consent_field"))
        if st.form_submit_button(t("testbeds.req.submit"), type="primary"):
            data = {
                "testbed_id": d.card.id,
                "requester_name": name,
                "requester_org": org,
                "requester_email": email,
                "requester_kind": kind,
                "description": description,
                "wanted_period": period,
                "consent": consent,
            }
            # Beyond this client's limit: a message, and the form keeps its text.
            sent = public_submit(requests.submit_request, errors, data=data)
            if sent:
                forget_inputs("tbr_")
                # Made by the service (TMR-YYYY-NNNN and a random code), no user text.
                st.session_state[RECEIPT_KEY] = (sent.ref, d.card.slug, sent.tracking_code)
                st.rerun()


def detail(slug: str) -> None:
    """The testbed page for `slug`, or a calm message and the way back when there is none."""
    st.button(t("testbeds.back"), on_click=back_to_catalogue, icon=":material/arrow_back:")
    try:
        with context.reading() as session:
            d = catalogue.get_testbed(session=session, slug=slug)
            areas = {a.code: a.name(context.lang()) for a in organisations.list_areas(session=session)}
    except NotFound:
        st.title(t("nav.testbeds_catalogue"))
        st.error(t("testbeds.not_found"), icon=":material/error:")
        return
    st.title(plain(d.card.name))
    st.caption(t("testbeds.detail_caption", org=plain(d.card.organisation)))
    if catalogue.may_manage(context.actor(), d.organisation_id) and st.button(
        t("testbeds.manage_this"), icon=":material/edit:"
    ):
        st.session_state["tbm_chosen"] = d.card.id  # Testmiljöhantering opens with this testbed chosen
        st.switch_page("pages/testbeds/manage.py")
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("testbeds.summary"))
        st.markdown(plain(d.card.summary))
        st.subheader(t("testbeds.offers"))
        st.markdown(plain(d.offers))
        st.subheader(t("testbeds.conditions"))
        st.markdown(plain(d.conditions) if d.conditions else t("testbeds.no_conditions"))
        _usage(d)
    with right:
        _facts(d, areas.get(d.card.area_code, d.card.area_code))
    _request_form(d)

"""The public side of Behov och utmaningar: open needs, one need with the response form, the receipt with
the private link (shown once), and the responder's tracking view. User text is shown as text."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import t
from components.ui import (
    FieldErrors,
    attempt,
    fmt_date,
    fmt_datetime,
    forget_inputs,
    plain,
    private_link,
    public_submit,
    required,
)
from models import PartnerKind
from services.samverkan import needs
from services.shared.history import today as stockholm_today

TRACK_PAGE = "pages/samverkan/track.py"
CHOSEN_KEY = "sv_need"
RECEIPT_KEY = "sv_receipt"


def need_cards(rows: list[needs.NeedRow], areas: dict[str, str]) -> None:
    """One bordered card per open need, with a button that opens it."""
    for row in rows:
        with st.container(border=True):
            st.subheader(plain(row.title))
            st.caption(
                " · ".join(
                    (
                        plain(row.organisation),
                        areas.get(row.area_code, row.area_code),
                        t("samverkan.deadline_value", day=fmt_date(row.deadline)),
                    )
                )
            )
            if st.button(t("samverkan.read_and_respond"), key=f"sv_open_{row.id}", icon=":material/arrow_forward:"):
                st.session_state[CHOSEN_KEY] = row.id
                st.rerun()


def _back() -> None:
    st.session_state.pop(CHOSEN_KEY, None)


def need_page(need_id: int, areas: dict[str, str]) -> None:
    """One open need with the response form; a need that closed meanwhile says so."""
    st.button(t("samverkan.back_to_needs"), on_click=_back, icon=":material/arrow_back:")
    receipt = st.session_state.get(RECEIPT_KEY)
    if receipt and receipt[2] == need_id:
        st.success(t("samverkan.receipt", ref=receipt[0]), icon=":material/check_circle:")
        receipt_link(receipt[1])

    def load() -> needs.NeedDetail:
        with context.reading() as session:
            return needs.get_open_need(session=session, need_id=need_id, today=stockholm_today())

    detail = attempt(load)
    if detail is None:
        return
    st.header(plain(detail.title))
    st.caption(
        " · ".join(
            (
                plain(detail.organisation),
                areas.get(detail.area_code, detail.area_code),
                t("samverkan.deadline_value", day=fmt_date(detail.deadline)),
            )
        )
    )
    st.subheader(t("samverkan.need_description"))
    st.text(detail.description)
    st.subheader(t("samverkan.guidance"))
    st.text(detail.response_guidance)
    if not receipt or receipt[2] != need_id:
        response_form(detail)


def response_form(detail: needs.NeedDetail) -> None:
    st.subheader(t("samverkan.respond_heading"))
    with st.form("sv_response"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        org = c1.text_input(required("samverkan.resp.org"), key="svr_org", max_chars=200)
        with c1:
            errors.slot("responder_org", t("samverkan.resp.org"))
        org_number = c2.text_input(
            t("samverkan.resp.org_number"),
            key="svr_org_number",
            max_chars=20,
            help=t("samverkan.resp.org_number_help"),
            placeholder="556016-0680",
        )
        with c2:
            errors.slot("org_number", t("samverkan.resp.org_number"))
        kind = c1.selectbox(
            required("samverkan.resp.kind"),
            [k.value for k in PartnerKind],
            key="svr_kind",
            format_func=lambda k: context.label(k, "partner_kind"),
        )
        with c1:
            errors.slot("responder_kind", t("samverkan.resp.kind"))
        name = c2.text_input(required("samverkan.resp.name"), key="svr_name", max_chars=120)
        with c2:
            errors.slot("responder_name", t("samverkan.resp.name"))
        email = c1.text_input(required("samverkan.resp.email"), key="svr_email", max_chars=254)
        with c1:
            errors.slot("responder_email", t("samverkan.resp.email"))
        proposal = st.text_area(
            required("samverkan.resp.proposal"),
            key="svr_proposal",
            max_chars=10000,
            help=t("samverkan.resp.proposal_help"),
        )
        errors.slot("proposal", t("samverkan.resp.proposal"))
        consent = st.checkbox(required("samverkan.resp.consent"), key="svr_consent")
        errors.slot("consent", t("samverkan.resp.consent"))
        if st.form_submit_button(t("samverkan.resp.submit"), type="primary"):
            data = {
                "need_id": detail.id,
                "responder_org": org,
                "org_number": org_number,
                "responder_kind": kind,
                "responder_name": name,
                "responder_email": email,
                "proposal": proposal,
                "consent": consent,
            }
            sent = public_submit(needs.submit_response, errors, data=data)  # refused: the form keeps what was typed
            if sent:
                forget_inputs("svr_")
                # Made by the service (UTM-YYYY-NNNN and a random code), no user text.
                st.session_state[RECEIPT_KEY] = (sent.ref, sent.tracking_code, detail.id)
                st.rerun()


def tracking_link(code: str) -> str:
    """The address of Följ ditt svar with `code`: absolute when the browser's address is known."""
    return private_link(TRACK_PAGE, needs.TRACKING_PARAM, code)


def receipt_link(code: str) -> None:
    with st.container(border=True):
        st.warning(t("samverkan.tracking_once"), icon=":material/key:")
        st.code(tracking_link(code), language=None, wrap_lines=True)
        st.page_link(
            TRACK_PAGE,
            label=t("samverkan.go_track"),
            icon=":material/travel_explore:",
            query_params={needs.TRACKING_PARAM: code},
        )


def tracking_view(seen: needs.ResponseTracking) -> None:
    st.subheader(f"{seen.ref} · {plain(seen.need_title)}")
    c1, c2, c3 = st.columns(3)
    c1.metric(t("samverkan.status"), context.label(seen.status, "response_status"))
    c2.metric(t("samverkan.received"), fmt_datetime(seen.received_at))
    c3.metric(t("samverkan.deadline"), fmt_date(seen.deadline))

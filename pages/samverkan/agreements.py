"""Avtal (admins, managers for their own organisation): cooperation, test and IP agreements with
partners, their dates, IP principle, links and the signed copy."""

import streamlit as st

from components import context
from components.context import actor, t
from components.samverkan.agreements import agreement_form, agreement_panel, agreements_table
from components.ui import attempt, current_page, heading, pager, search_box
from models import AgreementKind
from services.samverkan import access, agreements
from services.shared.history import today as stockholm_today

me = actor()
today = stockholm_today()
heading("nav.samverkan_agreements", "samverkan.agreements_caption")
with context.reading() as session:
    orgs = attempt(lambda: access.handled_organisations(session, me))
    choices = agreements.form_choices(session=session, actor=me) if orgs is not None else {}
if orgs is None:
    st.stop()
partners = choices["partner_ids"]

with st.expander(t("samverkan.new_agreement"), icon=":material/add:"):
    agreement_form(me, orgs, partners, choices)

c1, c2, c3 = st.columns([3, 2, 2])
search = search_box(t("ui.search"), "sva_search", c1)
kind = c2.selectbox(
    t("samverkan.agr.kind"),
    [None, *(k.value for k in AgreementKind)],
    format_func=lambda k: t("ui.all") if k is None else context.label(k, "agreement_kind"),
    key="sva_kind",
)
expiring_only = c3.toggle(t("samverkan.expiring_only"), key="sva_expiring")
with context.reading() as session:
    found = attempt(
        lambda: agreements.list_agreements(
            session=session,
            actor=me,
            today=today,
            search=search,
            kind=kind,
            expiring_only=expiring_only,
            page=current_page("sva_page"),
        )
    )
if found is None:
    st.stop()
if not found.items:
    st.info(t("samverkan.agreements_empty"))
    st.stop()
agreements_table(found.items)
pager(found, "sva_page")
labels = {r.id: f"{r.ref} · {r.title}" for r in found.items}
chosen = st.selectbox(
    t("samverkan.choose_agreement"), list(labels), format_func=labels.get, key="sva_chosen", index=None
)
if chosen is not None:
    with context.reading() as session:
        detail = attempt(lambda: agreements.get_agreement(session=session, actor=me, agreement_id=chosen, today=today))
    if detail is not None:
        st.divider()
        agreement_panel(me, detail, orgs, partners, choices)

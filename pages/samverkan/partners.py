"""Partner (admins, managers for their own organisation): the register of external organisations, with
what each is linked to."""

import streamlit as st

from components import context
from components.context import actor, t
from components.samverkan.partners import merge_form, partner_form, partner_panel, partners_table
from components.ui import attempt, current_page, heading, pager, search_box
from models import PartnerKind
from services.samverkan import access, partners

me = actor()
heading("nav.samverkan_partners", "samverkan.partners_caption")
with context.reading() as session:
    orgs = attempt(lambda: access.handled_organisations(session, me))
if orgs is None:
    st.stop()

with st.expander(t("samverkan.new_partner"), icon=":material/add:"):
    partner_form(me, orgs)

c1, c2 = st.columns([3, 2])
search = search_box(t("ui.search"), "svpa_search", c1)
kind = c2.selectbox(
    t("samverkan.col.kind"),
    [None, *(k.value for k in PartnerKind)],
    format_func=lambda k: t("ui.all") if k is None else context.label(k, "partner_kind"),
    key="svpa_kind",
)
with context.reading() as session:
    found = attempt(
        lambda: partners.list_partners(
            session=session, actor=me, search=search, kind=kind, page=current_page("svpa_page")
        )
    )
if found is None:
    st.stop()
if not found.items:
    st.info(t("samverkan.partners_empty"))
    st.stop()
partners_table(found.items)
pager(found, "svpa_page")
labels = {r.id: r.name for r in found.items}
chosen = st.selectbox(
    t("samverkan.choose_partner"), list(labels), format_func=labels.get, key="svpa_chosen", index=None
)
if chosen is not None:
    with context.reading() as session:
        detail = attempt(lambda: partners.get_partner(session=session, actor=me, partner_id=chosen))
    if detail is not None:
        st.divider()
        partner_panel(me, detail, orgs)
        with context.reading() as session:
            candidates = partners.partner_choices(session=session, actor=me)
        merge_form(me, detail, candidates)

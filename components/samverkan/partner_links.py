"""The partners (aktörer) linked to an idea, a testbed request or a fund application, on that record's own
page: who they are, removing a link, and linking another from the register."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, plain, required, write_then_confirm
from services.people.auth import Actor
from services.samverkan import links

PARTNERS_PAGE = "pages/samverkan/partners.py"


def partner_links(me: Actor, kind: links.Kind, record_id: int) -> None:
    """The record's partners and the form to link one (a refusal shows as a message)."""

    def load() -> tuple[list[links.LinkedPartner], dict[int, str]]:
        with context.reading() as session:
            return (
                links.linked_partners(session=session, actor=me, kind=kind, record_id=record_id),
                links.link_choices(session=session, actor=me, kind=kind, record_id=record_id),
            )

    found = attempt(load)
    if found is None:
        return
    linked, choices = found
    key = f"pl_{kind}_{record_id}"
    st.markdown(f"**{t('samverkan.partners_heading')}**")
    if not linked:
        st.caption(t("samverkan.partners_none"))
    for partner in linked:
        name, what = st.columns([3, 2], vertical_alignment="center")
        name.markdown(f"{plain(partner.name)} · {context.label(partner.kind, 'partner_kind')}")
        if partner.may_handle and what.button(
            t("samverkan.unlink_partner", name=plain(partner.name)),
            key=f"{key}_unlink_{partner.id}",
            icon=":material/link_off:",
            type="tertiary",
        ):
            write_then_confirm(
                lambda s, p=partner: links.unlink_partner(
                    session=s, actor=me, kind=kind, record_id=record_id, partner_id=p.id
                ),
                "samverkan.partner_unlinked",
                name=plain(partner.name),
            )
    if not choices:
        st.caption(t("samverkan.link_partner_none"))
        return
    with st.form(f"{key}_form"):
        errors = FieldErrors()
        chosen = st.selectbox(
            required("samverkan.link_partner"),
            list(choices),
            format_func=choices.get,
            index=None,
            key=f"{key}_partner",
            placeholder=t("ui.choose"),
            help=t("samverkan.link_partner_help"),
        )
        errors.slot("partner_id", t("samverkan.link_partner"))
        if st.form_submit_button(t("samverkan.link_partner_submit"), icon=":material/link:"):
            write_then_confirm(
                lambda s: links.link_partner(session=s, actor=me, kind=kind, record_id=record_id, partner_id=chosen),
                "samverkan.partner_linked",
                errors,
                name=plain(choices.get(chosen, "")),
            )

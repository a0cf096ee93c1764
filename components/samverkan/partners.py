"""Partner: the register's table, one partner with what it is linked to, and the partner form."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, flash_and_rerun, forget_inputs, plain, required, write_then_confirm
from models import PartnerKind
from services.people.auth import Actor
from services.samverkan import partners

_STATUS_KINDS = {
    "response": "response_status",
    "procurement": "procurement_stage",
    "agreement": "agreement_kind",
    "idea": "stage",
    "testbed_request": "request_status",
    "application": "application_status",
}


def partners_table(rows: list[partners.PartnerRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("samverkan.col.name"): [r.name for r in rows],
                t("samverkan.col.kind"): [context.label(r.kind, "partner_kind") for r in rows],
                t("samverkan.col.org_number"): [r.org_number or "–" for r in rows],
                t("samverkan.col.organisation"): [r.organisation for r in rows],
                t("samverkan.col.responses"): [r.responses for r in rows],
                t("samverkan.col.procurements"): [r.procurements for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.samverkan_partners"),
    )


def partner_form(me: Actor, orgs: dict[int, str], *, partner_id: int | None = None, values: dict | None = None) -> None:
    """A new partner (no `partner_id`) or changes to one; bad input beside its field, nothing lost."""
    v: dict[str, Any] = {
        "name": "",
        "kind": PartnerKind.company.value,
        "org_number": "",
        "website": "",
        "description": "",
        "organisation_id": me.organisation_id if me.organisation_id in orgs else next(iter(orgs), None),
        "contact_name": "",
        "contact_email": "",
        "consent": False,
    } | (values or {})
    prefix = f"svpf_{partner_id or 'new'}_"
    with st.form(f"sv_partner_{partner_id or 'new'}"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        data: dict[str, Any] = {}
        data["name"] = c1.text_input(
            required("samverkan.partner.name"), value=v["name"], key=f"{prefix}name", max_chars=200
        )
        with c1:
            errors.slot("name", t("samverkan.partner.name"))
        kinds = [k.value for k in PartnerKind]
        data["kind"] = c2.selectbox(
            required("samverkan.partner.kind"),
            kinds,
            index=kinds.index(v["kind"]),
            format_func=lambda k: context.label(k, "partner_kind"),
            key=f"{prefix}kind",
        )
        data["org_number"] = c1.text_input(
            t("samverkan.partner.org_number"),
            value=v["org_number"] or "",
            key=f"{prefix}org_number",
            max_chars=20,
            help=t("samverkan.resp.org_number_help"),
        )
        with c1:
            errors.slot("org_number", t("samverkan.partner.org_number"))
        data["website"] = c2.text_input(
            t("samverkan.partner.website"), value=v["website"] or "", key=f"{prefix}website", max_chars=300
        )
        with c2:
            errors.slot("website", t("samverkan.partner.website"))
        org_ids = list(orgs)
        data["organisation_id"] = st.selectbox(
            t("samverkan.partner.organisation"),
            org_ids,
            index=org_ids.index(v["organisation_id"]) if v["organisation_id"] in org_ids else 0,
            format_func=orgs.get,
            key=f"{prefix}org",
        )
        data["description"] = st.text_area(
            t("samverkan.partner.description"), value=v["description"] or "", key=f"{prefix}description"
        )
        c3, c4 = st.columns(2)
        data["contact_name"] = c3.text_input(
            t("samverkan.partner.contact_name"), value=v["contact_name"] or "", key=f"{prefix}cname", max_chars=120
        )
        data["contact_email"] = c4.text_input(
            t("samverkan.partner.contact_email"), value=v["contact_email"] or "", key=f"{prefix}cemail", max_chars=254
        )
        with c4:
            errors.slot("contact_email", t("samverkan.partner.contact_email"))
        data["consent"] = st.checkbox(t("samverkan.partner.consent"), value=v["consent"], key=f"{prefix}consent")
        errors.slot("consent", t("samverkan.partner.consent"))
        if st.form_submit_button(t("samverkan.partner.save"), type="primary"):

            def save() -> bool:
                with context.writing() as session:
                    if partner_id is None:
                        partners.create_partner(session=session, actor=me, data=data)
                    else:
                        partners.update_partner(session=session, actor=me, partner_id=partner_id, data=data)
                return True

            if attempt(save, errors):
                forget_inputs(prefix)
                flash_and_rerun("samverkan.partner_saved")


def merge_form(me: Actor, d: partners.PartnerDetail, candidates: dict[int, str]) -> None:
    """Admins merge a duplicate into the partner to keep."""
    others = {i: n for i, n in candidates.items() if i != d.id}
    if not me.is_admin or not others:
        return
    with st.expander(t("samverkan.merge_heading"), icon=":material/merge:"), st.form(f"sv_merge_{d.id}"):
        st.caption(t("samverkan.merge_help"))
        errors = FieldErrors()
        into = st.selectbox(
            t("samverkan.merge_into"), list(others), format_func=others.get, key=f"sv_merge_into_{d.id}"
        )
        errors.slot("into_id", t("samverkan.merge_into"))
        if st.form_submit_button(t("samverkan.merge")):
            write_then_confirm(
                lambda s: partners.merge_partners(session=s, actor=me, duplicate_id=d.id, into_id=into),
                "samverkan.merged",
                errors,
                name=plain(others.get(into, "")),
            )


def partner_panel(me: Actor, d: partners.PartnerDetail, orgs: dict[int, str]) -> None:
    st.subheader(plain(d.name))
    st.caption(" · ".join(x for x in (context.label(d.kind, "partner_kind"), d.org_number, plain(d.organisation)) if x))
    if d.description:
        st.text(d.description)
    contact = " · ".join(x for x in (d.contact_name, d.contact_email) if x)
    if contact:
        st.markdown(f"**{t('samverkan.contact')}:** {plain(contact)}")
    st.markdown(f"**{t('samverkan.linked_records')}**")
    if d.linked:
        st.table(
            pd.DataFrame(
                {
                    t("samverkan.col.kind"): [t(f"samverkan.linked.{r.kind}") for r in d.linked],
                    t("samverkan.col.ref"): [r.ref for r in d.linked],
                    t("samverkan.col.title"): [plain(r.title) for r in d.linked],
                    t("samverkan.col.status"): [context.label(r.status, _STATUS_KINDS[r.kind]) for r in d.linked],
                }
            )
        )
    else:
        st.caption(t("samverkan.none_linked"))
    with st.expander(t("samverkan.edit_procurement"), icon=":material/edit:"):
        partner_form(
            me,
            orgs,
            partner_id=d.id,
            values={
                "name": d.name,
                "kind": d.kind,
                "org_number": d.org_number,
                "website": d.website,
                "description": d.description,
                "organisation_id": d.organisation_id,
                "contact_name": d.contact_name,
                "contact_email": d.contact_email,
                "consent": d.consent_at is not None,
            },
        )

"""Avtal: the agreements table, the agreement form, and one agreement with its links and signed copy
(uploaded through a size- and type-checked service, offered only as a download)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.ui import (
    FieldErrors,
    attempt,
    flash_and_rerun,
    fmt_date,
    fmt_datetime,
    plain,
    required,
    write_then_confirm,
)
from models import AgreementKind, IpPrinciple
from services.people.auth import Actor
from services.samverkan import agreements, signed_copies
from services.samverkan.agreements import AgreementDetail, AgreementRow
from services.shared.history import today as stockholm_today


def _period(r: AgreementRow) -> str:
    return f"{fmt_date(r.starts_on)} – {fmt_date(r.ends_on) if r.ends_on else t('samverkan.agr.open_ended')}"


def agreements_table(rows: list[AgreementRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("samverkan.col.ref"): [r.ref for r in rows],
                t("samverkan.col.title"): [r.title for r in rows],
                t("samverkan.col.kind"): [context.label(r.kind, "agreement_kind") for r in rows],
                t("samverkan.col.parties"): [r.parties for r in rows],
                t("samverkan.col.organisation"): [r.organisation for r in rows],
                t("samverkan.col.period"): [_period(r) for r in rows],
                t("samverkan.col.ip"): [context.label(r.ip_principle, "ip_principle") for r in rows],
                t("samverkan.col.file"): [t("ui.yes") if r.has_file else t("ui.no") for r in rows],
                t("samverkan.col.expiring"): [t("ui.yes") if r.expiring else "" for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.samverkan_agreements"),
    )


def agreement_form(
    me: Actor,
    orgs: dict[int, str],
    partners: dict[int, str],
    choices: dict[str, dict[int, str]],
    *,
    agreement_id: int | None = None,
    values: dict[str, Any] | None = None,
) -> None:
    """A new agreement (no `agreement_id`) or changes to one; bad input beside its field, nothing lost."""
    v: dict[str, Any] = {
        "title": "",
        "kind": AgreementKind.cooperation.value,
        "organisation_id": me.organisation_id if me.organisation_id in orgs else next(iter(orgs), None),
        "partner_ids": [],
        "starts_on": stockholm_today(),
        "ends_on": None,
        "notice_days": 90,
        "auto_renews": False,
        "ip_principle": IpPrinciple.not_applicable.value,
        "note": "",
        "procurement_id": None,
        "need_id": None,
        "testbed_id": None,
        "idea_ref": "",
        "application_ref": "",
    } | (values or {})
    prefix = f"sva_{agreement_id or 'new'}_"
    with st.form(f"sv_agreement_{agreement_id or 'new'}"):
        errors = FieldErrors()
        data: dict[str, Any] = {}
        data["title"] = st.text_input(
            required("samverkan.agr.title"), value=v["title"], key=f"{prefix}title", max_chars=200
        )
        errors.slot("title", t("samverkan.agr.title"))
        c1, c2 = st.columns(2)
        kinds = [k.value for k in AgreementKind]
        data["kind"] = c1.selectbox(
            t("samverkan.agr.kind"),
            kinds,
            index=kinds.index(v["kind"]),
            format_func=lambda k: context.label(k, "agreement_kind"),
            key=f"{prefix}kind",
        )
        org_ids = list(orgs)
        data["organisation_id"] = c2.selectbox(
            t("samverkan.organisation"),
            org_ids,
            index=org_ids.index(v["organisation_id"]) if v["organisation_id"] in org_ids else 0,
            format_func=orgs.get,
            key=f"{prefix}org",
        )
        data["partner_ids"] = st.multiselect(
            required("samverkan.agr.parties"),
            list(partners),
            default=[p for p in v["partner_ids"] if p in partners],
            format_func=partners.get,
            key=f"{prefix}parties",
            placeholder=t("ui.choose_many"),
        )
        errors.slot("partner_ids", t("samverkan.agr.parties"))
        c3, c4, c5 = st.columns(3)
        data["starts_on"] = c3.date_input(
            t("samverkan.agr.starts_on"), value=v["starts_on"], key=f"{prefix}starts", format="YYYY-MM-DD"
        )
        data["ends_on"] = c4.date_input(
            t("samverkan.agr.ends_on"), value=v["ends_on"], key=f"{prefix}ends", format="YYYY-MM-DD"
        )
        with c4:
            errors.slot("ends_on", t("samverkan.agr.ends_on"))
        data["notice_days"] = c5.number_input(
            t("samverkan.agr.notice_days"),
            value=v["notice_days"],
            min_value=0,
            max_value=730,
            step=30,
            key=f"{prefix}notice",
        )
        data["auto_renews"] = st.checkbox(t("samverkan.agr.auto_renews"), value=v["auto_renews"], key=f"{prefix}renews")
        principles = [p.value for p in IpPrinciple]
        data["ip_principle"] = st.selectbox(
            t("samverkan.agr.ip_principle"),
            principles,
            index=principles.index(v["ip_principle"]),
            format_func=lambda p: context.label(p, "ip_principle"),
            key=f"{prefix}ip",
        )
        c6, c7, c8 = st.columns(3)
        for column, field, label in (
            (c6, "procurement_id", "samverkan.agr.procurement"),
            (c7, "need_id", "samverkan.agr.need"),
            (c8, "testbed_id", "samverkan.agr.testbed"),
        ):
            options = choices[field]
            data[field] = column.selectbox(
                t(label),
                [None, *options],
                index=([None, *options].index(v[field]) if v[field] in options else 0),
                format_func=lambda i, o=options: t("ui.none") if i is None else o[i],
                key=f"{prefix}{field}",
            )
            with column:
                errors.slot(field, t(label))
        c9, c10 = st.columns(2)
        data["idea_ref"] = c9.text_input(
            t("samverkan.agr.idea_ref"), value=v["idea_ref"] or "", key=f"{prefix}idea", max_chars=20
        )
        with c9:
            errors.slot("idea_ref", t("samverkan.agr.idea_ref"))
        data["application_ref"] = c10.text_input(
            t("samverkan.agr.application_ref"), value=v["application_ref"] or "", key=f"{prefix}app", max_chars=20
        )
        with c10:
            errors.slot("application_ref", t("samverkan.agr.application_ref"))
        data["note"] = st.text_area(t("samverkan.agr.note"), value=v["note"] or "", key=f"{prefix}note", max_chars=5000)
        if st.form_submit_button(t("samverkan.agr.save"), type="primary"):

            def save() -> bool:
                with context.writing() as session:
                    if agreement_id is None:
                        agreements.create_agreement(session=session, actor=me, data=data)
                    else:
                        agreements.update_agreement(session=session, actor=me, agreement_id=agreement_id, data=data)
                return True

            if attempt(save, errors):
                flash_and_rerun("samverkan.agreement_saved")


def signed_copy(me: Actor, d: AgreementDetail) -> None:
    """The signed copy's facts and its download (attachment, with the content type the check found),
    and the upload of a new one."""
    st.markdown(f"**{t('samverkan.signed_copy')}**")
    if d.file_name:
        st.caption(
            t(
                "samverkan.file_facts",
                name=plain(d.file_name),
                kb=max(1, round((d.file_size or 0) / 1024)),
                at=fmt_datetime(d.file_uploaded_at),
            )
        )

        def load() -> agreements.Download:
            with context.reading() as session:
                return agreements.signed_copy(session=session, actor=me, agreement_id=d.row.id)

        copy = attempt(load)
        if copy is not None:
            st.download_button(
                t("samverkan.download"),
                data=copy.data,
                file_name=copy.filename,
                mime=copy.content_type,
                icon=":material/download:",
                key=f"sva_dl_{d.row.id}",
            )
    else:
        st.caption(t("samverkan.no_signed_copy"))
    mb = signed_copies.MAX_BYTES // (1024 * 1024)
    with st.form(f"sva_upload_{d.row.id}", clear_on_submit=True):
        errors = FieldErrors()
        upload = st.file_uploader(
            t("samverkan.upload", mb=mb),
            type=["pdf", "docx", "png", "jpg", "jpeg"],
            key=f"sva_file_{d.row.id}",
        )
        errors.slot("file", t("samverkan.signed_copy"))
        if st.form_submit_button(t("samverkan.upload_save")):
            data = upload.getvalue() if upload is not None else b""
            name = upload.name if upload is not None else None
            write_then_confirm(
                lambda s: agreements.attach_signed_copy(
                    session=s, actor=me, agreement_id=d.row.id, filename=name, data=data
                ),
                "samverkan.file_saved",
                errors,
            )


def agreement_panel(
    me: Actor,
    d: AgreementDetail,
    orgs: dict[int, str],
    partners: dict[int, str],
    choices: dict[str, dict[int, str]],
) -> None:
    r = d.row
    st.subheader(f"{r.ref} · {plain(r.title)}")
    st.caption(" · ".join((context.label(r.kind, "agreement_kind"), plain(r.organisation), _period(r))))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("samverkan.col.parties"), str(len(d.partner_ids)))
    c2.metric(t("samverkan.agr.notice_days"), str(d.notice_days))
    c3.metric(t("samverkan.col.ip"), context.label(r.ip_principle, "ip_principle"))
    st.markdown(f"**{t('samverkan.col.parties')}:** {plain(r.parties) or '–'}")
    for kind, text in d.linked:
        st.markdown(f"**{t(f'samverkan.linked.{kind}')}:** {plain(text)}")
    if d.note:
        st.text(d.note)
    signed_copy(me, d)
    with st.expander(t("samverkan.edit_procurement"), icon=":material/edit:"):
        agreement_form(
            me,
            orgs,
            partners,
            choices,
            agreement_id=r.id,
            values={
                "title": r.title,
                "kind": r.kind,
                "organisation_id": d.organisation_id,
                "partner_ids": d.partner_ids,
                "starts_on": r.starts_on,
                "ends_on": r.ends_on,
                "notice_days": d.notice_days,
                "auto_renews": d.auto_renews,
                "ip_principle": r.ip_principle,
                "note": d.note,
                "procurement_id": d.procurement_id,
                "need_id": d.need_id,
                "testbed_id": d.testbed_id,
                "idea_ref": d.idea_ref,
                "application_ref": d.application_ref,
            },
        )

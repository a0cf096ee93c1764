"""Upphandlingar: the procurement fields, the list, and one procurement with its links, pipeline, log and
the forms that move it, log RFIs and meetings, and link testbeds and ideas."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, fmt_date, fmt_sek, plain, required, write_then_confirm
from models import PROCUREMENT_PATH, ProcurementEventKind, ProcurementMethod
from services.people.auth import Actor
from services.samverkan import procurements
from services.samverkan.procurements import ProcurementDetail, ProcurementRow
from services.shared.history import today as stockholm_today


def procurement_fields(
    prefix: str, errors: FieldErrors, *, title: str = "", values: dict | None = None
) -> dict[str, Any]:
    """Title, description, procedure and estimated value, inside the caller's form."""
    v = {"title": title, "description": "", "method": None, "estimated_value_sek": None} | (values or {})
    data: dict[str, Any] = {}
    data["title"] = st.text_input(
        required("samverkan.proc.title"), value=v["title"], key=f"{prefix}title", max_chars=200
    )
    errors.slot("title", t("samverkan.proc.title"))
    data["description"] = st.text_area(
        t("samverkan.proc.description"), value=v["description"] or "", key=f"{prefix}description", max_chars=5000
    )
    errors.slot("description", t("samverkan.proc.description"))
    c1, c2 = st.columns(2)
    methods = [None, *(m.value for m in ProcurementMethod)]
    data["method"] = c1.selectbox(
        t("samverkan.proc.method"),
        methods,
        index=methods.index(v["method"]) if v["method"] in methods else 0,
        format_func=lambda m: t("samverkan.proc.method_open") if m is None else context.label(m, "procurement_method"),
        key=f"{prefix}method",
    )
    with c1:
        errors.slot("method", t("samverkan.proc.method"))
    value = v["estimated_value_sek"]
    data["estimated_value_sek"] = c2.text_input(
        t("samverkan.proc.value"), value="" if value is None else str(value), key=f"{prefix}value", max_chars=20
    )
    with c2:
        errors.slot("estimated_value_sek", t("samverkan.proc.value"))
    return data


def procurements_table(rows: list[ProcurementRow]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("samverkan.col.ref"): [r.ref for r in rows],
                t("samverkan.col.title"): [r.title for r in rows],
                t("samverkan.col.organisation"): [r.organisation for r in rows],
                t("samverkan.col.stage"): [context.label(r.stage, "procurement_stage") for r in rows],
                t("samverkan.col.method"): [
                    context.label(r.method, "procurement_method") if r.method else "–" for r in rows
                ],
                t("samverkan.col.value"): [fmt_sek(r.estimated_value_sek) for r in rows],
                t("samverkan.col.partner"): [r.partner or "–" for r in rows],
                t("samverkan.col.tests"): [t("ui.yes") if r.uses_testbeds else t("ui.no") for r in rows],
                t("samverkan.col.started"): [fmt_date(r.started_on) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.samverkan_procurements"),
    )


def _facts(d: ProcurementDetail) -> None:
    r = d.row
    c1, c2, c3 = st.columns(3)
    c1.metric(t("samverkan.col.stage"), context.label(r.stage, "procurement_stage"))
    c2.metric(t("samverkan.col.method"), context.label(r.method, "procurement_method") if r.method else "–")
    c3.metric(t("samverkan.col.value"), fmt_sek(r.estimated_value_sek))
    none = t("samverkan.none_linked")
    need = plain(d.need_title) if d.need_title else none
    if d.response_ref:
        need = f"{need} ({d.response_ref})"
    links = [
        (t("samverkan.linked_need"), need),
        (t("samverkan.linked_partner"), plain(r.partner) if r.partner else none),
        (t("samverkan.linked_ideas"), ", ".join(f"{ref} {plain(title)}" for ref, title in d.ideas) or none),
        (
            t("samverkan.linked_testbeds"),
            ", ".join(f"{plain(n)} ({context.label(s, 'procurement_stage')})" for n, s in d.testbeds) or none,
        ),
    ]
    for label, value in links:
        st.markdown(f"**{label}:** {value}")
    if d.description:
        st.text(d.description)


def _pipeline(d: ProcurementDetail) -> None:
    st.markdown(f"**{t('samverkan.pipeline')}**")
    reached = {e.stage for e in d.events if e.stage}
    tested = {s for _, s in d.testbeds}
    marks = []
    for stage in PROCUREMENT_PATH:
        sign = "●" if stage.value == d.row.stage else ("✓" if stage.value in reached else "○")
        flask = " 🧪" if stage.value in tested else ""
        marks.append(f"{sign} {context.label(stage, 'procurement_stage')}{flask}")
    st.markdown(" → ".join(marks))


def _log(d: ProcurementDetail) -> None:
    st.markdown(f"**{t('samverkan.log')}**")
    st.table(
        pd.DataFrame(
            {
                t("samverkan.occurred_on"): [fmt_date(e.occurred_on) for e in d.events],
                t("samverkan.activity_kind"): [context.label(e.kind, "procurement_event") for e in d.events],
                t("samverkan.col.stage"): [context.label(e.stage, "procurement_stage") for e in d.events],
                t("samverkan.activity_text"): [plain(e.text or "") for e in d.events],
                t("samverkan.col.responder"): [plain(e.actor or "") for e in d.events],
            }
        )
    )


def procurement_panel(me: Actor, d: ProcurementDetail, testbeds: dict[int, str]) -> None:
    st.subheader(f"{d.row.ref} · {plain(d.row.title)}")
    _facts(d)
    _pipeline(d)
    _log(d)
    pid = d.row.id
    if not d.next_stages:
        st.info(t("samverkan.finished"))
    else:
        with st.form(f"svp_move_{pid}"):
            errors = FieldErrors()
            c1, c2 = st.columns(2)
            target = c1.selectbox(
                t("samverkan.move_to"),
                list(d.next_stages),
                format_func=lambda s: context.label(s, "procurement_stage"),
                key=f"svp_move_to_{pid}",
            )
            day = c2.date_input(
                t("samverkan.occurred_on"), value=stockholm_today(), key=f"svp_move_day_{pid}", format="YYYY-MM-DD"
            )
            note = st.text_input(t("samverkan.activity_text"), key=f"svp_move_note_{pid}", max_chars=500)
            errors.slot("method", t("samverkan.proc.method"))
            errors.slot("text", t("samverkan.activity_text"))
            if st.form_submit_button(t("samverkan.move"), type="primary"):
                write_then_confirm(
                    lambda s: procurements.move_stage(
                        session=s, actor=me, procurement_id=pid, to_stage=target, occurred_on=day, note=note
                    ),
                    "samverkan.moved",
                    errors,
                )
    _activity_form(me, pid)
    _link_forms(me, d, testbeds)
    with st.expander(t("samverkan.edit_procurement"), icon=":material/edit:"), st.form(f"svp_edit_{pid}"):
        errors = FieldErrors()
        data = procurement_fields(
            f"svp_edit_{pid}_",
            errors,
            values={
                "title": d.row.title,
                "description": d.description,
                "method": d.row.method,
                "estimated_value_sek": d.row.estimated_value_sek,
            },
        )
        if st.form_submit_button(t("ui.save"), type="primary"):
            write_then_confirm(
                lambda s: procurements.update_procurement(session=s, actor=me, procurement_id=pid, data=data),
                "samverkan.saved",
                errors,
            )


def _activity_form(me: Actor, pid: int) -> None:
    with st.expander(t("samverkan.log_activity"), icon=":material/event_note:"), st.form(f"svp_log_{pid}"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        kinds = [
            ProcurementEventKind.rfi.value,
            ProcurementEventKind.meeting.value,
            ProcurementEventKind.note.value,
        ]
        kind = c1.selectbox(
            t("samverkan.activity_kind"),
            kinds,
            format_func=lambda k: context.label(k, "procurement_event"),
            key=f"svp_log_kind_{pid}",
        )
        day = c2.date_input(
            t("samverkan.occurred_on"), value=stockholm_today(), key=f"svp_log_day_{pid}", format="YYYY-MM-DD"
        )
        text = st.text_area(required("samverkan.activity_text"), key=f"svp_log_text_{pid}", max_chars=5000)
        errors.slot("text", t("samverkan.activity_text"))
        if st.form_submit_button(t("samverkan.log_activity")):
            write_then_confirm(
                lambda s: procurements.log_activity(
                    session=s, actor=me, procurement_id=pid, kind=kind, occurred_on=day, text=text
                ),
                "samverkan.logged",
                errors,
            )


def _link_forms(me: Actor, d: ProcurementDetail, testbeds: dict[int, str]) -> None:
    pid = d.row.id
    with st.expander(t("samverkan.add_testbed"), icon=":material/science:"), st.form(f"svp_tb_{pid}"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        testbed_id = c1.selectbox(
            t("samverkan.testbed"), list(testbeds), format_func=testbeds.get, key=f"svp_tb_id_{pid}"
        )
        stages = [s.value for s in PROCUREMENT_PATH]
        stage = c2.selectbox(
            t("samverkan.in_stage"),
            stages,
            index=stages.index(d.row.stage) if d.row.stage in stages else 0,
            format_func=lambda s: context.label(s, "procurement_stage"),
            key=f"svp_tb_stage_{pid}",
        )
        errors.slot("testbed_id", t("samverkan.testbed"))
        if st.form_submit_button(t("samverkan.add_testbed")):
            write_then_confirm(
                lambda s: procurements.add_testbed(
                    session=s, actor=me, procurement_id=pid, testbed_id=testbed_id, stage=stage
                ),
                "samverkan.testbed_added",
                errors,
            )
    with st.expander(t("samverkan.link_idea"), icon=":material/lightbulb:"), st.form(f"svp_idea_{pid}"):
        errors = FieldErrors()
        ref = st.text_input(t("samverkan.idea_ref"), key=f"svp_idea_ref_{pid}", placeholder="IDE-2026-00001")
        errors.slot("idea_ref", t("samverkan.idea_ref"))
        if st.form_submit_button(t("samverkan.link_idea")):
            write_then_confirm(
                lambda s: procurements.link_idea(session=s, actor=me, procurement_id=pid, idea_ref=ref),
                "samverkan.idea_linked",
                errors,
            )

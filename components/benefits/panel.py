"""An idea's or a funded project's benefits: a table of what is recorded, and forms to record a benefit,
a measurement of what it realised, and to change or remove one. The services decide who may
(`services.benefits.records`); a refused form keeps what was typed."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, fmt_date, fmt_decimal, fmt_int, write_then_confirm
from models import BenefitKind, BenefitUnit
from services.benefits import records
from services.benefits.records import BenefitRow
from services.people.auth import Actor
from services.shared.history import today as stockholm_today


def unit_label(unit: str) -> str:
    return context.label(unit, "benefit_unit")


def fmt_amount(value: float | None) -> str:
    """A benefit as the reader writes numbers: whole from 100 up, else with one decimal."""
    if value is None:
        return "–"
    return fmt_int(value) if float(value).is_integer() or abs(value) >= 100 else fmt_decimal(value, 1)


def benefits_table(rows: list[BenefitRow]) -> None:
    """The recorded benefits with their latest measurement, as a small read-only table (a real <table>)."""
    st.table(
        pd.DataFrame(
            {
                t("benefits.col.kind"): [context.label(r.kind, "benefit_kind") for r in rows],
                t("benefits.col.description"): [r.description for r in rows],
                t("benefits.col.unit"): [unit_label(r.unit) for r in rows],
                t("benefits.col.estimated"): [fmt_amount(r.estimated_value) for r in rows],
                t("benefits.col.realised"): [fmt_amount(r.latest.value if r.latest else None) for r in rows],
                t("benefits.col.measured_on"): [fmt_date(r.latest.measured_on if r.latest else None) for r in rows],
                t("benefits.col.measured_by"): [r.latest.measured_by if r.latest else "–" for r in rows],
                t("benefits.col.measurements"): [len(r.measurements) for r in rows],
            }
        )
    )


def benefits_panel(me: Actor | None, *, idea_id: int | None = None, application_id: int | None = None) -> None:
    """The benefits of one idea or project, and (for those who may record them now) the forms."""
    key = f"ben_{'i' if idea_id else 'a'}{idea_id or application_id}"

    def load() -> tuple[list[BenefitRow], bool]:
        with context.reading() as session:
            owner = {"idea_id": idea_id} if idea_id is not None else {"application_id": application_id or 0}
            rows = (
                records.for_idea(session=session, actor=me, idea_id=idea_id)
                if idea_id is not None
                else records.for_project(session=session, actor=me, application_id=application_id or 0)
            )
            return rows, records.may_write(session=session, actor=me, **owner)

    loaded = attempt(load)
    if loaded is None or me is None:
        return
    rows, writable = loaded
    st.markdown(f"**{t('benefits.heading')}**")
    st.caption(t("benefits.rule_help"))
    if rows:
        benefits_table(rows)
    else:
        st.caption(t("benefits.none"))
    if not writable:
        if not rows:
            st.caption(t("benefits.not_yet_help"))
        return
    with st.expander(t("benefits.add"), icon=":material/add:"):
        _new_benefit_form(me, key, idea_id=idea_id, application_id=application_id)
    if rows:
        with st.expander(t("benefits.follow_up"), icon=":material/monitoring:"):
            labels = {r.id: f"{context.label(r.kind, 'benefit_kind')} · {r.description[:60]}" for r in rows}
            chosen = st.selectbox(t("benefits.choose"), list(labels), format_func=labels.get, key=f"{key}_pick")
            row = next(r for r in rows if r.id == chosen)
            _measurement_form(me, f"{key}_{row.id}", row)
            _measurements(me, f"{key}_{row.id}", row)
            _edit_form(me, f"{key}_{row.id}", row)


def _benefit_fields(key: str, row: BenefitRow | None, errors: FieldErrors) -> dict[str, Any]:
    c1, c2 = st.columns(2)
    kinds, units = list(BenefitKind), [None, *BenefitUnit]
    # labels looked up now, in the reader's language (a format_func runs again outside this run)
    kind_labels = {k: context.label(k, "benefit_kind") for k in kinds}
    unit_labels = {u: t("benefits.choose_unit") if u is None else unit_label(u) for u in units}
    data: dict[str, Any] = {
        "kind": c1.selectbox(
            t("benefits.col.kind"),
            kinds,
            index=kinds.index(BenefitKind(row.kind)) if row else 0,
            format_func=kind_labels.__getitem__,
            key=f"{key}_kind",
        ),
        "unit": c2.selectbox(
            t("benefits.col.unit"),
            units,
            index=units.index(BenefitUnit(row.unit)) if row else 0,
            format_func=unit_labels.__getitem__,
            key=f"{key}_unit",
        ),
    }
    errors.slot("kind", t("benefits.col.kind"))
    errors.slot("unit", t("benefits.col.unit"))
    data["description"] = st.text_area(
        t("benefits.col.description"),
        value=row.description if row else "",
        max_chars=records.MAX_DESCRIPTION,
        help=t("benefits.description_help"),
        key=f"{key}_description",
    )
    errors.slot("description", t("benefits.col.description"))
    data["estimated_value"] = st.text_input(
        t("benefits.estimated_per_unit"),
        value=_typed(row.estimated_value if row else None),
        help=t("benefits.estimated_help"),
        key=f"{key}_estimated",
    )
    errors.slot("estimated_value", t("benefits.estimated_per_unit"))
    return data


def _measurement_fields(me: Actor, key: str, errors: FieldErrors, prefix: str = "") -> dict[str, Any]:
    c1, c2, c3 = st.columns(3)
    data = {
        "value": c1.text_input(t("benefits.col.realised"), key=f"{key}_value"),
        "measured_on": c2.date_input(
            t("benefits.col.measured_on"),
            value=None,
            min_value=records.FIRST_DAY,
            max_value=stockholm_today(),
            format="YYYY-MM-DD",
            key=f"{key}_measured_on",
        ),
        "measured_by": c3.text_input(
            t("benefits.col.measured_by"),
            value=me.display_name,
            max_chars=records.MAX_MEASURED_BY,
            help=t("benefits.measured_by_help"),
            key=f"{key}_measured_by",
        ),
    }
    for field in ("value", "measured_on", "measured_by"):
        errors.slot(prefix + field)
    return data


def _new_benefit_form(me: Actor, key: str, *, idea_id: int | None, application_id: int | None) -> None:
    """A new benefit: kind, unit, what it is, its estimate, and optionally what it already realised."""
    with st.form(f"{key}_new"):
        errors = FieldErrors()
        data = _benefit_fields(f"{key}_new", None, errors)
        st.caption(t("benefits.first_measurement"))
        first = _measurement_fields(me, f"{key}_first", errors, prefix="first_")
        if st.form_submit_button(t("benefits.record"), type="primary"):
            write_then_confirm(
                lambda s: records.add_benefit(
                    session=s, actor=me, data=data, measurement=first, idea_id=idea_id, application_id=application_id
                ),
                "benefits.saved",
                errors,
            )


def _measurement_form(me: Actor, key: str, row: BenefitRow) -> None:
    """What the chosen benefit realised, measured on a day by someone."""
    with st.form(f"{key}_measure"):
        st.markdown(f"**{t('benefits.measure', unit=unit_label(row.unit))}**")
        errors = FieldErrors()
        data = _measurement_fields(me, f"{key}_m", errors)
        if st.form_submit_button(t("benefits.record_measurement"), type="primary"):
            write_then_confirm(
                lambda s: records.add_measurement(session=s, actor=me, benefit_id=row.id, data=data),
                "benefits.measurement_saved",
                errors,
            )


def _measurements(me: Actor, key: str, row: BenefitRow) -> None:
    """The chosen benefit's measurements, latest first, and removing one recorded by mistake."""
    if not row.measurements:
        return
    st.table(
        pd.DataFrame(
            {
                t("benefits.col.measured_on"): [fmt_date(m.measured_on) for m in row.measurements],
                t("benefits.col.realised"): [fmt_amount(m.value) for m in row.measurements],
                t("benefits.col.measured_by"): [m.measured_by for m in row.measurements],
                t("benefits.col.recorded_by"): [m.recorded_by or "–" for m in row.measurements],
            }
        )
    )
    labels = {m.id: f"{fmt_date(m.measured_on)} · {fmt_amount(m.value)}" for m in row.measurements}
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    chosen = c1.selectbox(t("benefits.measurement"), list(labels), format_func=labels.get, key=f"{key}_mpick")
    if c2.button(t("benefits.delete_measurement"), key=f"{key}_mdelete", icon=":material/delete:"):
        write_then_confirm(
            lambda s: records.delete_measurement(session=s, actor=me, measurement_id=chosen),
            "benefits.measurement_deleted",
        )


def _edit_form(me: Actor, key: str, row: BenefitRow) -> None:
    """Change the benefit itself (the unit stays once measured), or remove it."""
    with st.form(f"{key}_edit"):
        st.markdown(f"**{t('benefits.edit')}**")
        errors = FieldErrors()
        data = _benefit_fields(f"{key}_edit", row, errors)
        save, remove = st.columns(2)
        if save.form_submit_button(t("benefits.save")):
            write_then_confirm(
                lambda s: records.update_benefit(session=s, actor=me, benefit_id=row.id, data=data),
                "benefits.saved",
                errors,
            )
        if remove.form_submit_button(t("benefits.delete"), icon=":material/delete:"):
            write_then_confirm(
                lambda s: records.delete_benefit(session=s, actor=me, benefit_id=row.id), "benefits.deleted"
            )


def _typed(value: float | None) -> str:
    return "" if value is None else f"{value:.12g}"  # never "1e+06", which the service refuses

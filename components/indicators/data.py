"""Pieces of the indicator data pages: period labels, the indicator form, the reporting form and table,
and the review queue. Each reads widgets, calls a service and renders the answer."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.indicators.views import unit_label
from components.ui import (
    FieldErrors,
    attempt,
    current_page,
    flash_and_rerun,
    fmt_datetime,
    forget_inputs,
    message,
    pager,
    plain,
    show_error,
)
from models import Aggregation, Direction, Frequency, IndicatorScope, IndicatorSource, ValueStatus, Weighting
from services.indicators import periods, registry
from services.indicators import values as ind_values
from services.people.auth import Actor
from services.shared.errors import DomainError, ValidationError
from services.shared.history import today as stockholm_today


def period_label(frequency: str, start: date) -> str:
    """How people name a month, a quarter and a year: "2026-03", "2026 K1", "2026"."""
    if frequency == Frequency.year:
        return str(start.year)
    if frequency == Frequency.quarter:
        return t("indicators.report.quarter_label", year=start.year, q=(start.month - 1) // 3 + 1)
    return f"{start.year}-{start.month:02d}"


def status_label(status: str | None) -> str:
    return context.label(status, "value_status") if status else t("indicators.report.not_reported")


def indicator_label(row: registry.IndicatorRow) -> str:
    return f"{row.code} – {row.name(context.lang())}"


# ---------------------------------------------------------------- registry form

_FORM_FIELDS = ("code", "name_sv", "name_en", "description", "unit")
_DEFAULTS = {"direction": "up", "frequency": "quarter", "source": "reported", "scope": "central", "aggregation": "flow"}


def rule_label(aggregation: str, weighting: str | None) -> str:
    """The aggregation rule as a reader says it: "Andel · täljare/nämnare"."""
    text = context.label(aggregation, "aggregation")
    return f"{text} · {context.label(weighting, 'weighting')}" if weighting else text


def indicator_form(me: Actor | None, row: registry.IndicatorRow | None, org_label: dict[int, str], key: str) -> None:
    """Create (row None) or change an indicator; refusals beside the fields, what was typed stays."""
    with st.form(key):
        errors = FieldErrors()
        values: dict[str, Any] = {}
        for name in _FORM_FIELDS:
            widget = st.text_area if name == "description" else st.text_input
            values[name] = widget(
                t(f"indicators.register.{name}"), value=getattr(row, name) if row else "", key=f"{key}_{name}"
            )
            errors.slot(name)
        c1, c2, c3 = st.columns(3)
        values["direction"] = _choice(c1, "direction", list(Direction), row, key)
        values["frequency"] = _choice(c2, "frequency", list(Frequency), row, key)
        values["source"] = _choice(c3, "source", list(IndicatorSource), row, key)
        keys = [None, *registry.computation_keys()]
        values["computation"] = st.selectbox(
            t("indicators.register.computation"),
            keys,
            index=keys.index(row.computation) if row and row.computation in keys else 0,
            format_func=lambda k: t("ui.none") if k is None else k,
            key=f"{key}_computation",
            placeholder=t("ui.choose"),
        )
        errors.slot("computation", t("indicators.register.computation"))
        _rule_fields(values, row, errors, key)
        if me is not None and me.is_admin:
            c4, c5 = st.columns(2)
            values["scope"] = _choice(c4, "scope", list(IndicatorScope), row, key)
            owners = [None, *org_label]
            values["owner_org_id"] = c5.selectbox(
                t("indicators.register.owner"),
                owners,
                index=owners.index(row.owner_org_id) if row and row.owner_org_id in owners else 0,
                format_func=lambda o: t("ui.none") if o is None else org_label[o],
                key=f"{key}_owner",
                placeholder=t("ui.choose"),
            )
            errors.slot("owner_org_id", t("indicators.register.owner"))
        else:  # a manager's indicators are their own administration's (the service holds to that too)
            own = me.organisation_id if me else None
            st.caption(t("indicators.register.own_of", organisation=plain(org_label.get(own or 0, "–"))))
        values["is_active"] = st.checkbox(
            t("indicators.register.active"), value=row.is_active if row else True, key=f"{key}_active"
        )
        errors.slot("source", t("indicators.register.source"))
        confirm = row is not None and st.checkbox(t("indicators.register.confirm_rule"), key=f"{key}_confirm_rule")
        if st.form_submit_button(t("indicators.register.save" if row else "indicators.register.create")):
            _save_indicator(me, row, values, errors, key, confirm)


def _choice(column: Any, field: str, options: list, row: Any, key: str) -> Any:
    current = getattr(row, field) if row else _DEFAULTS[field]
    return column.selectbox(
        t(f"indicators.register.{field}"),
        options,
        index=[o.value for o in options].index(current),
        format_func=lambda o: context.label(o, field),
        key=f"{key}_{field}",
        placeholder=t("ui.choose"),
    )


def _rule_fields(values: dict[str, Any], row: Any, errors: FieldErrors, key: str) -> None:
    """How the indicator adds up over periods and organisations, and how a share or level is weighted
    (a computed indicator keeps its computation's rule, whatever is chosen here)."""
    c1, c2 = st.columns(2)
    values["aggregation"] = _choice(c1, "aggregation", list(Aggregation), row, key)
    weightings = [None, *Weighting]
    current = row.weighting if row else None
    values["weighting"] = c2.selectbox(
        t("indicators.register.weighting"),
        weightings,
        index=weightings.index(current) if current in weightings else 0,
        format_func=lambda w: context.label(w, "weighting") if w else t("indicators.register.weighting_default"),
        key=f"{key}_weighting",
        placeholder=t("ui.choose"),
    )
    errors.slot("aggregation", t("indicators.register.aggregation"))
    errors.slot("weighting", t("indicators.register.weighting"))
    st.caption(t("indicators.register.rule_help"))


def _save_indicator(
    me: Actor | None, row: Any, values: dict[str, Any], errors: FieldErrors, key: str, confirm: bool = False
) -> None:
    with context.writing() as session:
        if row is None:
            saved = attempt(lambda: registry.create_indicator(session=session, actor=me, data=values), errors)
        else:
            saved = attempt(
                lambda: registry.update_indicator(
                    session=session, actor=me, indicator_id=row.id, data=values, confirm_rule_change=confirm
                ),
                errors,
            )
    if saved is not None:
        if row is None:
            forget_inputs(key)
        flash_and_rerun("indicators.register.saved", code=saved.code)


# ---------------------------------------------------------------- reporting table


def _stored_changed(row: ind_values.SheetRow, value: float | None, note: str | None) -> bool:
    return row.value != value or (row.note or None) != (note or None)


def sheet_editor(me: Actor | None, organisation_id: int, reportable: list[registry.IndicatorRow]) -> None:
    """One indicator's periods of a year: a form for one period at a time, or a table for all of them."""
    by_id = {r.id: r for r in reportable}
    c1, c2, c3 = st.columns([3, 1, 2])
    indicator_id = c1.selectbox(
        t("indicators.report.indicator"),
        list(by_id),
        format_func=lambda i: indicator_label(by_id[i]),
        key="rep_ind",
        placeholder=t("ui.choose"),
    )
    this_year = stockholm_today().year
    year = c2.selectbox(
        t("indicators.report.year"),
        [this_year, this_year - 1, this_year - 2],
        key="rep_year",
        placeholder=t("ui.choose"),
    )
    mode = c3.radio(
        t("indicators.report.mode"),
        ("form", "table"),
        horizontal=True,
        format_func=lambda m: t(f"indicators.report.mode_{m}"),
        key="rep_mode",
    )
    chosen = by_id[indicator_id]
    with context.reading() as session:
        sheet = ind_values.reporting_sheet(
            session=session, actor=me, indicator_id=indicator_id, organisation_id=organisation_id, year=year
        )
        frozen = periods.frozen_at(session, year)
    if chosen.description:
        st.caption(plain(chosen.description))
    if frozen is not None:
        st.info(t("indicators.report.year_frozen", year=year), icon=":material/lock:")
    if mode == "form":
        _value_form(me, organisation_id, chosen, sheet, frozen is not None)
    else:
        _table(me, organisation_id, chosen, sheet, frozen is not None)


def _value_form(
    me: Actor | None,
    organisation_id: int,
    chosen: registry.IndicatorRow,
    sheet: list[ind_values.SheetRow],
    frozen: bool,
) -> None:
    """One period at a time; the first period not yet submitted is offered first."""
    started = [r for r in sheet if r.period_start <= stockholm_today()] or sheet
    open_rows = [r for r in started if r.status not in ("submitted", "approved")]
    first = started.index(open_rows[0]) if open_rows else len(started) - 1
    by_start = {r.period_start: r for r in started}
    period = st.selectbox(
        t("indicators.report.col_period"),
        list(by_start),
        index=first,
        format_func=lambda p: f"{period_label(chosen.frequency, p)} · {status_label(by_start[p].status)}",
        key=f"rep_period_{chosen.id}",
        placeholder=t("ui.choose"),
    )
    row = by_start[period]
    if row.status == "returned" and row.note:
        st.warning(t("indicators.report.was_returned", note=plain(row.note)), icon=":material/undo:")
    ratio = ind_values.takes_ratio(chosen)
    with st.form(f"rep_form_{chosen.id}_{period.isoformat()}"):
        errors = FieldErrors()
        value = numerator = denominator = None
        if ratio:
            st.caption(t("indicators.report.ratio_help"))
            c1, c2 = st.columns(2)
            numerator = c1.text_input(
                t("indicators.report.col_numerator"),
                value=_typed(row.numerator),
                key=f"rep_num_{chosen.id}_{period.isoformat()}",
            )
            denominator = c2.text_input(
                t("indicators.report.col_denominator"),
                value=_typed(row.denominator),
                key=f"rep_den_{chosen.id}_{period.isoformat()}",
            )
            errors.slot("numerator", t("indicators.report.col_numerator"))
            errors.slot("denominator", t("indicators.report.col_denominator"))
        else:
            value = st.text_input(
                t("indicators.report.value_in", unit=plain(unit_label(chosen.unit))),
                value=_typed(row.value),
                key=f"rep_value_{chosen.id}_{period.isoformat()}",
            )
            errors.slot("value", t("indicators.report.value_in", unit=plain(unit_label(chosen.unit))))
        errors.slot("period_start", t("indicators.report.col_period"))
        note = st.text_area(t("indicators.report.col_note"), value=row.note or "", key=f"rep_note_{chosen.id}_{period}")
        errors.slot("note", t("indicators.report.col_note"))
        b1, b2, _ = st.columns([1, 1, 3])
        draft = b1.form_submit_button(t("indicators.report.save_draft"), disabled=frozen)
        submit = b2.form_submit_button(t("indicators.report.submit"), type="primary", disabled=frozen)
    if draft or submit:
        with context.writing() as session:
            saved = attempt(
                lambda: ind_values.save_value(
                    session=session,
                    actor=me,
                    indicator_id=chosen.id,
                    organisation_id=organisation_id,
                    period_start=period,
                    value=value,
                    note=note,
                    submit=submit,
                    numerator=numerator,
                    denominator=denominator,
                ),
                errors,
            )
        if saved is not None:
            flash_and_rerun("indicators.report.submitted" if submit else "indicators.report.saved", n=1)


def _typed(number: float | None) -> str:
    return "" if number is None else f"{number:.12g}"  # never "1e+06", which the service refuses


def _table(
    me: Actor | None,
    organisation_id: int,
    chosen: registry.IndicatorRow,
    sheet: list[ind_values.SheetRow],
    frozen: bool,
) -> None:
    """Every period of the year in a table editor; saved all at once, or nothing when one is wrong."""
    cols = {
        k: t(f"indicators.report.col_{k}") for k in ("period", "value", "numerator", "denominator", "note", "status")
    }
    ratio = ind_values.takes_ratio(chosen)
    data: dict[str, list] = {cols["period"]: [period_label(chosen.frequency, r.period_start) for r in sheet]}
    if ratio:
        data[cols["numerator"]] = [r.numerator for r in sheet]
        data[cols["denominator"]] = [r.denominator for r in sheet]
    data[cols["value"]] = [r.value for r in sheet]
    data[cols["note"]] = [r.note or "" for r in sheet]
    data[cols["status"]] = [status_label(r.status) for r in sheet]
    number = st.column_config.NumberColumn
    edited = st.data_editor(
        pd.DataFrame(data),
        key=f"rep_sheet_{organisation_id}_{chosen.id}_{sheet[0].period_start.year}",
        hide_index=True,
        width="stretch",
        disabled=[cols["period"], cols["status"], *([cols["value"]] if ratio else [])],
        column_config={
            cols["value"]: number(cols["value"], help=plain(unit_label(chosen.unit)), format="%.1f"),
            cols["numerator"]: number(cols["numerator"], min_value=0, format="%g"),
            cols["denominator"]: number(cols["denominator"], min_value=0, format="%g"),
            cols["note"]: st.column_config.TextColumn(cols["note"], max_chars=2000),
        },
    )
    if ratio:
        st.caption(t("indicators.report.ratio_help"))
    st.caption(t("indicators.report.unit", unit=plain(unit_label(chosen.unit))))
    b1, b2, _ = st.columns([1, 1, 3])
    draft = b1.button(t("indicators.report.save_draft"), key="rep_draft", disabled=frozen)
    submit = b2.button(t("indicators.report.submit"), key="rep_submit", type="primary", disabled=frozen)
    if draft or submit:
        _save_sheet(me, organisation_id, chosen, _entries(sheet, edited, cols, submit), submit)


def _cell(typed: Any, column: str) -> float | None:
    value = typed.get(column)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _entries(sheet: list[ind_values.SheetRow], edited: pd.DataFrame, cols: dict, submit: bool) -> list:
    """The periods typed or changed (for a ratio share: numerator and denominator, the value follows)."""
    ratio = cols["numerator"] in edited.columns
    entries = []
    for row, (_, typed) in zip(sheet, edited.iterrows(), strict=True):
        note = str(typed[cols["note"]] or "").strip() or None
        waiting = row.status in (ValueStatus.draft, ValueStatus.returned)
        if ratio:
            numerator, denominator = _cell(typed, cols["numerator"]), _cell(typed, cols["denominator"])
            if numerator is None and denominator is None:
                continue
            changed = (row.numerator, row.denominator, row.note or None) != (numerator, denominator, note)
            if changed or (submit and waiting):
                entries.append(ind_values.Entry(row.period_start, None, note, numerator, denominator))
            continue
        value = _cell(typed, cols["value"])
        if value is None:
            continue
        if _stored_changed(row, value, note) or (submit and waiting):
            entries.append(ind_values.Entry(row.period_start, value, note))
    return entries


def _save_sheet(me: Actor | None, organisation_id: int, chosen: Any, entries: list, submit: bool) -> None:
    if not entries:
        st.info(t("indicators.report.nothing_to_save"))
        return
    try:
        with context.writing() as session:
            n = ind_values.save_sheet(
                session=session,
                actor=me,
                indicator_id=chosen.id,
                organisation_id=organisation_id,
                entries=entries,
                submit=submit,
            )
    except ValidationError as error:
        lines = [
            f"{period_label(chosen.frequency, date.fromisoformat(p))}: {message(m)}" for p, m in error.fields.items()
        ]
        st.error("\n\n".join([t("indicators.report.not_saved"), *lines]), icon=":material/error:")
        return
    except DomainError as error:
        show_error(error)
        return
    flash_and_rerun("indicators.report.submitted" if submit else "indicators.report.saved", n=n)


# ---------------------------------------------------------------- review queue (admins)


def review_queue(me: Actor | None, org_name: dict[int, str]) -> None:
    """Submitted values, oldest first: approve or return one (a note is required), or approve the page."""
    organisation_id = st.selectbox(
        t("indicators.report.organisation"),
        [None, *org_name],
        format_func=lambda o: t("ui.all") if o is None else org_name[o],
        key="rev_org",
        placeholder=t("ui.choose"),
    )
    with context.reading() as session:
        page = ind_values.review_queue(
            session=session, actor=me, organisation_id=organisation_id, page=current_page("rev_page"), page_size=25
        )
    if not page.items:
        st.info(t("indicators.report.queue_empty"))
        return
    lang = context.lang()
    st.dataframe(
        pd.DataFrame(
            {
                t("indicators.report.col_organisation"): [v.organisation for v in page.items],
                t("indicators.report.indicator"): [
                    f"{v.indicator_code} – {v.indicator_name(lang)}" for v in page.items
                ],
                t("indicators.report.col_period"): [period_label(v.frequency, v.period_start) for v in page.items],
                t("indicators.report.col_value"): [v.value for v in page.items],
                t("indicators.report.col_ratio"): [
                    f"{v.numerator:.12g} / {v.denominator:.12g}" if v.denominator else "" for v in page.items
                ],
                t("indicators.report.col_unit"): [unit_label(v.unit) for v in page.items],
                t("indicators.report.col_note"): [v.note or "" for v in page.items],
                t("indicators.report.col_entered_by"): [v.entered_by or "–" for v in page.items],
                t("indicators.report.col_submitted"): [fmt_datetime(v.submitted_at) for v in page.items],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.approval_queue"),
    )
    pager(page, "rev_page")
    labels = {
        v.id: f"{v.organisation} · {v.indicator_code} · {v.period_start.isoformat()} · {v.value:g} {unit_label(v.unit)}"
        for v in page.items
    }
    chosen = st.selectbox(
        t("indicators.report.review_choose"),
        list(labels),
        format_func=labels.get,
        key="rev_one",
        placeholder=t("ui.choose"),
    )
    note = st.text_area(t("indicators.report.return_note"), key="rev_note")
    errors = FieldErrors()
    errors.slot("note", t("indicators.report.return_note"))
    b1, b2, b3 = st.columns([1, 1, 2])
    if b1.button(t("indicators.report.approve"), key="rev_approve", type="primary"):
        _review(me, [chosen], None, errors)
    if b2.button(t("indicators.report.return"), key="rev_return"):
        _review(me, [chosen], note, errors)
    if b3.button(t("indicators.report.approve_page", n=len(page.items)), key="rev_approve_all"):
        _review(me, list(labels), None, errors)


def _review(me: Actor | None, chosen: list[int], note: str | None, errors: FieldErrors) -> None:
    done = 0
    for value_id in chosen:
        with context.writing() as session:
            if note is None:
                ok = attempt(lambda v=value_id: ind_values.approve_value(session=session, actor=me, value_id=v), errors)
            else:
                ok = attempt(
                    lambda v=value_id: ind_values.return_value(session=session, actor=me, value_id=v, note=note),
                    errors,
                )
        if ok is None:
            break
        done += 1
    if done:
        if note is not None:
            forget_inputs("rev_note")
        flash_and_rerun("indicators.report.approved" if note is None else "indicators.report.returned", n=done)

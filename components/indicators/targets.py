"""The targets tab of Indikatorregister: targets per year for the region, an area or an organisation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.indicators.data import indicator_label
from components.ui import FieldErrors, attempt, flash_and_rerun
from services.indicators import registry
from services.indicators import targets as ind_targets
from services.people.auth import Actor
from services.people.organisations import AreaRow
from services.shared.history import today as stockholm_today

LEVELS = ("region", "area", "organisation")


def targets_panel(
    me: Actor | None, rows: list[registry.IndicatorRow], areas: list[AreaRow], org_label: dict[int, str]
) -> None:
    """The chosen indicator's targets by year and level, a form to set one, and a way to remove one."""
    st.caption(t("indicators.register.targets_help"))
    if not rows:
        st.info(t("indicators.register.none"))
        return
    by_id = {r.id: r for r in rows}
    indicator_id = st.selectbox(
        t("indicators.register.indicator"),
        list(by_id),
        format_func=lambda i: indicator_label(by_id[i]),
        key="tgt_ind",
        placeholder=t("ui.choose"),
    )
    lang = context.lang()
    area_label = {a.id: a.name(lang) for a in areas}
    with context.reading() as session:
        targets = ind_targets.list_targets(session=session, actor=me, indicator_id=indicator_id)

    def level_of(target: ind_targets.TargetRow) -> str:
        if target.organisation_id is not None:
            return org_label.get(target.organisation_id, "–")
        if target.area_id is not None:
            return area_label.get(target.area_id, "–")
        return t("indicators.register.level_region")

    if targets:
        st.dataframe(
            pd.DataFrame(
                {
                    t("indicators.register.year"): [str(x.year) for x in targets],
                    t("indicators.register.level"): [level_of(x) for x in targets],
                    t("indicators.register.target_value"): [x.value for x in targets],
                }
            ),
            hide_index=True,
            width="stretch",
            alt=t("grid.targets"),
        )
    else:
        st.info(t("indicators.register.no_targets"))
    if me is not None and me.is_manager:  # a manager sets their own organisation's targets only
        org_label = {me.organisation_id: org_label.get(me.organisation_id, "–")} if me.organisation_id else {}
        targets = [x for x in targets if x.organisation_id == me.organisation_id and x.area_id is None]
    _target_form(me, indicator_id, area_label, org_label)
    if targets:
        _delete_target(me, targets, level_of)


def _target_form(me: Actor | None, indicator_id: int, area_label: dict[int, str], org_label: dict[int, str]) -> None:
    with st.form("tgt_form"):
        st.markdown(f"**{t('indicators.register.set_target')}**")
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        year = c1.number_input(
            t("indicators.register.year"), min_value=2000, max_value=2100, value=stockholm_today().year, key="tgt_year"
        )
        errors.slot("year", t("indicators.register.year"))
        value = c2.text_input(t("indicators.register.target_value"), key="tgt_value")
        errors.slot("value", t("indicators.register.target_value"))
        manager = me is not None and me.is_manager
        level = st.radio(
            t("indicators.register.level"),
            LEVELS[2:] if manager else LEVELS,
            horizontal=True,
            format_func=lambda x: t(f"indicators.register.level_{x}"),
            key="tgt_level",
        )
        c3, c4 = st.columns(2)
        area_id = (
            None
            if manager
            else c3.selectbox(
                t("indicators.register.level_area"),
                list(area_label),
                format_func=area_label.get,
                key="tgt_area",
                placeholder=t("ui.choose"),
            )
        )
        org_id = c4.selectbox(
            t("indicators.register.level_organisation"),
            list(org_label),
            format_func=org_label.get,
            key="tgt_org",
            placeholder=t("ui.choose"),
        )
        errors.slot("organisation_id", t("indicators.register.level_organisation"))
        if st.form_submit_button(t("indicators.register.save_target")):
            with context.writing() as session:
                saved = attempt(
                    lambda: ind_targets.set_target(
                        session=session,
                        actor=me,
                        indicator_id=indicator_id,
                        year=year,
                        value=value,
                        area_id=area_id if level == "area" else None,
                        organisation_id=org_id if level == "organisation" else None,
                    ),
                    errors,
                )
            if saved is not None:
                flash_and_rerun("indicators.register.target_saved", year=saved.year)


def _delete_target(me: Actor | None, targets: list[ind_targets.TargetRow], level_of) -> None:
    labels = {x.id: f"{x.year} · {level_of(x)} · {x.value:g}" for x in targets}
    c1, c2 = st.columns([3, 1])
    chosen = c1.selectbox(
        t("indicators.register.remove_target"),
        list(labels),
        format_func=labels.get,
        key="tgt_del",
        placeholder=t("ui.choose"),
    )
    if c2.button(t("indicators.register.remove"), key="tgt_del_go"):
        with context.writing() as session:
            done = attempt(lambda: ind_targets.delete_target(session=session, actor=me, target_id=chosen) or True)
        if done:
            flash_and_rerun("indicators.register.target_removed")

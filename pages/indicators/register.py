"""Indikatorregister: central indicators and each administration's own, and their targets. Admins keep
every one; a manager reads the central ones and creates and changes their own administration's own
indicators and their targets (the services check that too)."""

import pandas as pd
import streamlit as st

from components import context
from components.context import actor, t
from components.indicators.data import indicator_form, indicator_label, rule_label
from components.indicators.targets import targets_panel
from components.indicators.views import unit_label
from components.ui import heading, plain
from models import IndicatorScope, IndicatorSource
from services.indicators import registry
from services.people import organisations

me = actor()
heading("indicators.register.title", "indicators.register.caption")

with context.reading() as session:
    rows = registry.list_indicators(session=session, actor=me, include_inactive=True)
    orgs = organisations.list_organisations(session=session)
    areas = organisations.list_areas(session=session)
org_label = {o.id: f"{o.name} ({o.short_name})" for o in orgs}

list_tab, new_tab, targets_tab = st.tabs(
    [t("indicators.register.tab_list"), t("indicators.register.tab_new"), t("indicators.register.tab_targets")]
)

with list_tab:
    f1, f2 = st.columns(2)
    source = f1.selectbox(
        t("indicators.register.source"),
        [None, *IndicatorSource],
        format_func=lambda s: t("ui.all") if s is None else context.label(s, "source"),
        key="reg_source",
        placeholder=t("ui.choose"),
    )
    scope = f2.selectbox(
        t("indicators.register.scope"),
        [None, *IndicatorScope],
        format_func=lambda s: t("ui.all") if s is None else context.label(s, "scope"),
        key="reg_scope",
        placeholder=t("ui.choose"),
    )
    shown = [r for r in rows if (source is None or r.source == source) and (scope is None or r.scope == scope)]
    lang = context.lang()
    st.dataframe(
        pd.DataFrame(
            {
                t("indicators.register.code"): [r.code for r in shown],
                t("indicators.register.name"): [r.name(lang) for r in shown],
                t("indicators.register.unit"): [unit_label(r.unit) for r in shown],
                t("indicators.register.direction"): [context.label(r.direction, "direction") for r in shown],
                t("indicators.register.frequency"): [context.label(r.frequency, "frequency") for r in shown],
                t("indicators.register.source"): [context.label(r.source, "source") for r in shown],
                t("indicators.register.rule"): [rule_label(r.aggregation, r.weighting) for r in shown],
                t("indicators.register.computation"): [r.computation or "" for r in shown],
                t("indicators.register.owner"): [r.owner_org or t("indicators.register.central") for r in shown],
                t("indicators.register.active"): [t("ui.yes") if r.is_active else t("ui.no") for r in shown],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.indicators_register"),
    )
    st.caption(t("indicators.register.count", n=len(shown), total=len(rows)))
    by_id = {r.id: r for r in shown}
    chosen = st.selectbox(
        t("indicators.register.choose"),
        [None, *by_id],
        format_func=lambda i: t("indicators.register.choose_hint") if i is None else indicator_label(by_id[i]),
        key="reg_chosen",
        placeholder=t("ui.choose"),
    )
    if chosen is not None:
        st.subheader(plain(indicator_label(by_id[chosen])))
        picked = by_id[chosen]
        if registry.may_edit(me, picked.owner_org_id, picked.scope):
            indicator_form(me, picked, org_label, key=f"reg_edit_{chosen}")
        else:
            st.info(t("indicators.register.central_read_only"), icon=":material/lock:")
            if picked.description:
                st.caption(plain(picked.description))

with new_tab:
    indicator_form(me, None, org_label, key="reg_new")

with targets_tab:
    editable = [r for r in rows if registry.may_edit(me, r.owner_org_id, r.scope)]
    targets_panel(me, rows if me and me.is_admin else editable, areas, org_label)

"""Samverkan i siffror: KPI tiles and two small tables, from `services.samverkan.figures`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.ui import fmt_decimal, fmt_int, fmt_pct, fmt_sek
from services.samverkan.figures import SamverkanFigures


def figures_view(f: SamverkanFigures) -> None:
    row1 = st.columns(4)
    row1[0].metric(t("samverkan.fig.needs_published"), fmt_int(f.needs_published), border=True)
    row1[1].metric(t("samverkan.fig.needs_answered"), fmt_int(f.needs_answered), border=True)
    row1[2].metric(t("samverkan.fig.responses"), fmt_int(f.responses), border=True)
    row1[3].metric(t("samverkan.fig.responses_per_need"), fmt_decimal(f.responses_per_need, 1), border=True)
    row2 = st.columns(4)
    row2[0].metric(t("samverkan.fig.procurements"), fmt_int(f.procurements), border=True)
    row2[1].metric(t("samverkan.fig.value"), fmt_sek(f.procurements_value_sek), border=True)
    row2[2].metric(t("samverkan.fig.share_tests"), fmt_pct(f.share_with_tests), border=True)
    row2[3].metric(t("samverkan.fig.partners_active"), fmt_int(f.partners_active), border=True)
    c1, c2 = st.columns(2)
    with c1:
        st.subheader(t("samverkan.fig.by_method"))
        if f.by_method:
            st.table(
                pd.DataFrame(
                    {
                        t("samverkan.col.method"): [
                            context.label(r.method, "procurement_method")
                            if r.method
                            else t("samverkan.proc.method_open")
                            for r in f.by_method
                        ],
                        t("samverkan.fig.count"): [fmt_int(r.procurements) for r in f.by_method],
                        t("samverkan.fig.value"): [fmt_sek(r.value_sek) for r in f.by_method],
                    }
                )
            )
        else:
            st.caption(t("samverkan.fig.empty"))
    with c2:
        st.subheader(t("samverkan.fig.by_kind"))
        if f.partners_by_kind:
            st.table(
                pd.DataFrame(
                    {
                        t("samverkan.col.kind"): [context.label(k, "partner_kind") for k in f.partners_by_kind],
                        t("samverkan.fig.count"): [fmt_int(n) for n in f.partners_by_kind.values()],
                    }
                )
            )
        else:
            st.caption(t("samverkan.fig.empty"))

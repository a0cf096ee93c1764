"""The sections of Min förvaltning: what waits, the comparison with area and region, own indicators."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components import context, vega
from components.chart_table import table_downloads
from components.charts import readable
from components.context import t
from components.indicators.data import period_label, status_label
from components.indicators.views import fmt_number, unit_label
from components.kpi import tiles
from components.ui import fmt_date, fmt_int, plain
from services.indicators import registry, values
from services.indicators.my_org import ComparisonRow, Waiting


def _num(value: float | None) -> str:
    """A figure with at most one decimal, a decimal comma in Swedish."""
    return fmt_number(value)


def waiting_section(waiting: Waiting) -> None:
    """Four tiles, then the oldest of each kind in small tables."""
    st.subheader(t("indicators.myorg.waiting"))
    tiles(
        [
            {"label": t("indicators.myorg.unreported"), "value": fmt_int(len(waiting.unreported))},
            {"label": t("indicators.myorg.ideas_waiting"), "value": fmt_int(waiting.ideas)},
            {
                "label": t("indicators.myorg.reports_late"),
                "value": fmt_int(waiting.reports_late),
                "delta": t("indicators.myorg.reports_due", n=waiting.reports_due),
                "delta_color": "off",
                "delta_arrow": "off",
            },
            {"label": t("indicators.myorg.requests_waiting"), "value": fmt_int(waiting.requests)},
        ]
    )
    lang = context.lang()
    if waiting.unreported:
        with st.expander(t("indicators.myorg.unreported_list", n=len(waiting.unreported))):
            st.table(
                pd.DataFrame(
                    {
                        t("indicators.report.indicator"): [
                            plain(f"{p.code} – {p.name(lang)}") for p in waiting.unreported
                        ],
                        t("indicators.report.col_period"): [fmt_date(p.period_start) for p in waiting.unreported],
                        t("indicators.report.col_status"): [status_label(p.status) for p in waiting.unreported],
                    }
                )
            )
    if waiting.oldest_ideas:
        with st.expander(t("indicators.myorg.ideas_list", n=len(waiting.oldest_ideas))):
            st.table(
                pd.DataFrame(
                    {
                        t("indicators.myorg.ref"): [i.ref for i in waiting.oldest_ideas],
                        t("indicators.myorg.idea_title"): [plain(i.title) for i in waiting.oldest_ideas],
                        t("indicators.myorg.received"): [fmt_date(i.received_at) for i in waiting.oldest_ideas],
                    }
                )
            )
    if waiting.reports:
        with st.expander(t("indicators.myorg.reports_list", n=len(waiting.reports))):
            st.table(
                pd.DataFrame(
                    {
                        t("indicators.myorg.ref"): [r.application_ref for r in waiting.reports],
                        t("indicators.myorg.project"): [plain(r.title) for r in waiting.reports],
                        t("indicators.myorg.report_kind"): [
                            context.label(r.kind, "report_kind") for r in waiting.reports
                        ],
                        t("indicators.myorg.due_on"): [fmt_date(r.due_on) for r in waiting.reports],
                    }
                )
            )
    if waiting.oldest_requests:
        with st.expander(t("indicators.myorg.requests_list", n=len(waiting.oldest_requests))):
            st.table(
                pd.DataFrame(
                    {
                        t("indicators.myorg.ref"): [r.ref for r in waiting.oldest_requests],
                        t("indicators.myorg.testbed"): [plain(r.testbed) for r in waiting.oldest_requests],
                        t("indicators.myorg.received"): [fmt_date(r.received_at) for r in waiting.oldest_requests],
                    }
                )
            )


def _met(row: ComparisonRow) -> str:
    return {True: t("indicators.myorg.met_yes"), False: t("indicators.myorg.met_no"), None: "–"}[row.met]


def comparison_section(rows: list[ComparisonRow], org: str, area: str, year: int) -> None:
    """The table of every indicator, and one indicator as bars: organisation, area, region, target."""
    st.subheader(t("indicators.myorg.comparison", year=year))
    st.caption(t("indicators.myorg.comparison_help"))
    lang = context.lang()
    region = t("indicators.myorg.region")
    table = pd.DataFrame(
        {
            t("indicators.report.indicator"): [f"{r.code} – {r.name(lang)}" for r in rows],
            t("indicators.report.col_unit"): [unit_label(r.unit) for r in rows],
            org: [_num(r.organisation) for r in rows],
            area: [_num(r.area) for r in rows],
            region: [_num(r.region) for r in rows],
            t("indicators.myorg.target"): [_num(r.target) for r in rows],
            t("indicators.myorg.met"): [_met(r) for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", alt=t("grid.comparison"))
    if rows:  # the chart below draws from this table: it is its table view, downloadable
        table_downloads(table, key="myorg_comparison", filename=f"jamforelse-{year}")
    by_id = {r.indicator_id: r for r in rows}
    if not by_id:
        return
    chosen = by_id[
        st.selectbox(
            t("indicators.myorg.chart_indicator"),
            list(by_id),
            format_func=lambda i: f"{by_id[i].code} – {by_id[i].name(lang)}",
            key="myorg_chart",
            placeholder=t("ui.choose"),
        )
    ]
    if all(v is None for v in (chosen.organisation, chosen.area, chosen.region)):
        st.info(t("indicators.myorg.no_values"))  # an empty chart would be an unnamed, empty image
        return
    vega.draw(readable(vega.built(comparison_chart, chosen, org, area, region, lang)), width="stretch")


def comparison_chart(row: ComparisonRow, org: str, area: str, region: str, lang: str) -> alt.LayerChart:
    """Three bars (organisation, area, region) and the organisation's target as a dashed rule."""
    data = pd.DataFrame({"level": [org, area, region], "value": [row.organisation, row.area, row.region]}).dropna()
    name = row.name(lang)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("level:N", sort=None, title=None),
            x=alt.X("value:Q", title=f"{name} ({unit_label(row.unit)})"),
            tooltip=[alt.Tooltip("level:N", title=" "), alt.Tooltip("value:Q", title=unit_label(row.unit))],
        )
    )
    layers = [bars]
    if row.target is not None:
        rule = pd.DataFrame({"target": [row.target]})
        layers.append(
            alt.Chart(rule).mark_rule(strokeDash=[6, 4], color="#b00020", aria=False).encode(x=alt.X("target:Q"))
        )
    return alt.layer(*layers).properties(description=t("indicators.myorg.chart_description", name=name), height=160)


def own_section(own: list[tuple[registry.IndicatorRow, list[values.SheetRow]]]) -> None:
    """The administration's own indicators, period by period, with each value's status."""
    st.subheader(t("indicators.myorg.own"))
    if not own:
        st.info(t("indicators.myorg.no_own"))
        return
    lang = context.lang()
    for row, sheet in own:
        st.markdown(f"**{plain(row.code)} – {plain(row.name(lang))}** ({plain(unit_label(row.unit))})")
        st.table(
            pd.DataFrame(
                {
                    t("indicators.report.col_period"): [period_label(row.frequency, s.period_start) for s in sheet],
                    t("indicators.report.col_value"): [_num(s.value) for s in sheet],
                    t("indicators.report.col_status"): [status_label(s.status) for s in sheet],
                }
            )
        )

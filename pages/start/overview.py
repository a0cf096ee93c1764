"""Översikt: the region's innovation work in figures, computed from the records."""

from dataclasses import asdict
from datetime import date

import pandas as pd
import streamlit as st

from components import caching, charts, context, vega
from components.areas import with_area_names
from components.chart_table import chart_with_table
from components.context import t
from components.ideas import overview as ideas_overview
from components.kpi import tiles
from components.ui import fmt_int, fmt_msek, fmt_pct, heading
from services import overview
from services.people.auth import require_login
from services.shared.history import today as stockholm_today


@caching.shared
def _figures(key: tuple, today: date) -> dict:
    with context.reading() as session:
        me = context.actor()
        return {
            "region": overview.region_figures(session=session, actor=me, today=today),
            "stages": [asdict(r) for r in overview.ideas_by_stage_and_area(session=session, actor=me)],
            "months": [asdict(r) for r in overview.ideas_per_month(session=session, actor=me, today=today)],
            "fund": [asdict(r) for r in overview.fund_per_year(session=session, actor=me)],
        }


@caching.shared
def _charts(key: tuple, today: date) -> dict[str, tuple[dict, pd.DataFrame] | None]:
    """Each chart's spec and table (None: nothing to show), made from the figures once per key (scope,
    language, data version): building the frames with pandas took some 10 ms at every run."""
    data = _figures(key, today)
    charts_: dict[str, tuple[dict, pd.DataFrame] | None] = {"stages": None, "months": None, "fund": None}
    stages = pd.DataFrame(data["stages"], columns=["stage", "area_code", "count"])
    if not stages.empty:
        stages = with_area_names(stages).assign(stage=lambda f: f["stage"].map(lambda s: context.label(s, "stage")))
        charts_["stages"] = (
            vega.built(
                charts.stacked_bars,
                stages,
                category="stage",
                value="count",
                category_title=t("overview.stage"),
                value_title=t("overview.ideas"),
                order=[context.label(s, "stage") for s in overview.STAGE_ORDER],
                description=t("overview.by_stage_description"),
                colour_title=t("overview.area"),
            ),
            stages[["stage", "area", "count"]].rename(
                columns={"stage": t("overview.stage"), "area": t("overview.area"), "count": t("overview.ideas")}
            ),
        )
    months = pd.DataFrame(data["months"], columns=["month", "area_code", "count"])
    if not months.empty:
        filled = charts.complete_months(with_area_names(months), overview.month_starts(today), "count")
        charts_["months"] = (
            vega.built(
                charts.monthly_bars,
                filled,
                value="count",
                value_title=t("overview.ideas"),
                month_title=t("overview.month"),
                description=t("overview.per_month_description"),
                colour_title=t("overview.area"),
            ),
            filled.assign(month=filled["month"].dt.strftime("%Y-%m"))[["month", "area", "count"]].rename(
                columns={"month": t("overview.month"), "area": t("overview.area"), "count": t("overview.ideas")}
            ),
        )
    fund = pd.DataFrame(data["fund"], columns=["year", "area_code", "applied_sek", "granted_sek"])
    if not fund.empty:
        fund = with_area_names(fund)
        charts_["fund"] = (
            vega.built(
                charts.grouped_bars,
                fund,
                x="year",
                y="granted_sek",
                x_title=t("overview.year"),
                y_title=t("overview.granted_sek"),
                description=t("overview.fund_description"),
                colour_title=t("overview.area"),
            ),
            fund[["year", "area", "granted_sek"]].rename(
                columns={
                    "year": t("overview.year"),
                    "area": t("overview.area"),
                    "granted_sek": t("overview.granted_sek"),
                }
            ),
        )
    return charts_


def _chart_or_none(chart: tuple[dict, pd.DataFrame] | None, key: str, filename: str, none_key: str) -> None:
    if chart is None:
        st.info(t(none_key))
    else:
        chart_with_table(chart[0], chart[1], key=key, filename=filename)


today = stockholm_today()
heading("overview.title", "overview.caption")
require_login(context.actor())  # the check per reader; the figures are the same for their scope
data = _figures(context.scope_key(), today)
views = _charts(context.scope_key(), today)
st.page_link("pages/start/who_to_ask.py", label=t("directory.link"), icon=":material/contact_support:")
region: overview.RegionFigures = data["region"]

delta_ideas = region.ideas_this_year - region.ideas_same_period_last_year
tiles(
    [
        {
            "label": t("overview.ideas_this_year", year=today.year),
            "value": fmt_int(region.ideas_this_year),
            "delta": t("overview.vs_last_year", delta=f"{delta_ideas:+d}"),
            "delta_color": "normal" if delta_ideas else "off",
            "delta_arrow": "auto" if delta_ideas else "off",
            "help": t("overview.ideas_this_year_help"),
        },
        {
            "label": t("overview.ideas_in_progress"),
            "value": fmt_int(region.ideas_in_progress),
            "help": t("overview.ideas_in_progress_help"),
        },
        {
            "label": t("overview.ideas_implemented"),
            "value": fmt_int(region.ideas_implemented),
            "help": t("overview.ideas_implemented_help"),
        },
        {
            "label": t("overview.granted_this_year", year=today.year),
            "value": fmt_msek(region.granted_sek_this_year),
            "delta": t("overview.last_year_amount", amount=fmt_msek(region.granted_sek_last_year)),
            "delta_color": "off",
            "delta_arrow": "off",
        },
        {
            "label": t("overview.open_testbeds"),
            "value": fmt_int(region.open_testbeds),
            "delta": t("overview.planned_testbeds", n=region.planned_testbeds),
            "delta_color": "off",
            "delta_arrow": "off",
        },
        {
            "label": t("overview.orgs_with_lead"),
            "value": f"{region.organisations_with_lead} / {region.organisations}",
            "delta": fmt_pct(region.lead_share),
            "delta_color": "off",
            "delta_arrow": "off",
            "help": t("overview.orgs_with_lead_help"),
        },
        {"label": t("overview.certified_leaders"), "value": fmt_int(region.certified_leaders)},
        {"label": t("overview.ideas_total"), "value": fmt_int(region.ideas_total)},
    ]
)

left, right = st.columns(2)
with left:
    st.subheader(t("overview.by_stage"))
    _chart_or_none(views["stages"], "ov_stages", "ideer-per-steg", "overview.no_ideas")
with right:
    st.subheader(t("overview.per_month"))
    _chart_or_none(views["months"], "ov_months", "ideer-per-manad", "overview.no_ideas")

st.subheader(t("overview.fund_per_year"))
_chart_or_none(views["fund"], "ov_fund", "beviljat-per-ar", "overview.no_fund")

# Ideas: the funnel, ideas waiting too long and the latest ideas.
ideas_overview.render()

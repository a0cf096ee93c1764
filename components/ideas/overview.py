"""The ideas' part of Översikt: the funnel from received to spread, ideas waiting too long, the latest
ideas. Kept here so that pages/start/overview.py only calls `render()`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from components import caching, context, vega
from components.chart_table import chart_with_table
from components.context import t
from components.ideas.common import area_names
from components.ui import fmt_date, plain
from models import STAGE_PATH
from services.ideas import stats
from services.people.auth import require_login
from services.shared.history import today as stockholm_today


def funnel_chart(data: pd.DataFrame, *, stage_title: str, value_title: str, description: str) -> alt.Chart:
    """Horizontal bars in path order, labelled with their counts: how far ideas get."""
    order = list(data["stage"])
    base = alt.Chart(description=description).encode(
        y=alt.Y("stage:N", sort=order, title=stage_title),
        x=alt.X("reached:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("stage:N", title=stage_title), alt.Tooltip("reached:Q", title=value_title)],
    )
    # The rows on the layer, not on each part: Altair then has no copies of them to compare and remove.
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text("reached:Q"))
    return alt.layer(base.mark_bar(color="#1f5f99"), labels, data=data)


@caching.shared
def _figures(key: tuple, today: date) -> dict:
    with context.reading() as session:
        me = context.actor()
        return {
            "funnel": [asdict(s) for s in stats.funnel(session=session, actor=me)],
            "overdue": stats.overdue_count(session=session, actor=me),
            "latest": [asdict(i) for i in stats.latest_ideas(session=session, actor=me)],
        }


@caching.shared
def _funnel(key: tuple, today: date) -> tuple[dict, pd.DataFrame]:
    """The funnel's spec and table, made once per key (scope, language, data version), not at every run."""
    funnel = pd.DataFrame(_figures(key, today)["funnel"], columns=["stage", "reached"])
    funnel["stage"] = funnel["stage"].map(lambda s: context.label(s, "stage"))
    chart = vega.built(
        funnel_chart,
        funnel,
        stage_title=t("ideas.stage"),
        value_title=t("ideas.reached"),
        description=t("ideas.funnel_description"),
    )
    return chart, funnel.rename(columns={"stage": t("ideas.stage"), "reached": t("ideas.reached")})


def render() -> None:
    require_login(context.actor())  # the check per reader; the figures are the same for their scope
    today = stockholm_today()
    data = _figures(context.scope_key(), today)
    if data["overdue"]:
        st.warning(t("ideas.overview_overdue", n=data["overdue"]), icon=":material/schedule:")
    left, right = st.columns(2)
    with left:
        st.subheader(t("ideas.funnel"))
        chart, table = _funnel(context.scope_key(), today)
        chart_with_table(chart, table, key="ov_funnel", filename="idetratt")
        st.caption(t("indicators.area.funnel_help", stages=len(STAGE_PATH)))  # the dashboards' rule
    with right:
        st.subheader(t("ideas.latest"))
        if not data["latest"]:
            st.info(t("overview.no_ideas"))
            return
        areas = area_names()
        st.table(
            [
                {
                    t("ideas.received"): fmt_date(i["received_at"]),
                    t("ideas.title"): plain(i["title"]),
                    t("ideas.stage"): context.label(i["stage"], "stage"),
                    t("ideas.area"): plain(areas.get(i["area_id"], "")),
                }
                for i in data["latest"]
            ]
        )

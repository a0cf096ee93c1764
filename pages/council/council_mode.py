"""Rådsläge: the region's innovation work on the big screen at a council meeting.

Large, high-contrast figures for the region and each core area, counted afresh every few seconds in
a fragment (`run_every`), so that an idea submitted during the meeting shows up within seconds. No
cache on purpose: the figures are a handful of grouped aggregate queries. Optionally the lower half
rotates through the areas, one per refresh.
"""

from datetime import date

import pandas as pd
import streamlit as st

from components import auth, charts, context
from components.areas import with_area_names
from components.context import label as label_of
from components.context import lang, t
from components.indicators import views
from components.ui import fmt_int, heading, plain
from services import overview
from services.indicators import dashboard as dash
from services.people import organisations
from services.people.auth import Actor
from services.shared.errors import PermissionDenied

REFRESH_SECONDS = 5
ROTATION_KEY = "council_rotation_index"

# Constant presentation CSS (no data in it): large figures, black on white, thick borders.
STYLE = """<style>
[data-testid="stMetricValue"] { font-size: 3.4rem; font-weight: 800; color: #000000; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; font-weight: 700; color: #000000; }
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
[data-testid="stVerticalBlockBorderWrapper"] { border: 3px solid #000000 !important; }
</style>"""


def _metric(label: str, value: str, caption: str | None = None) -> None:
    with st.container(border=True):
        st.metric(plain(label), value)  # indicator names are registry data
        if caption:
            st.caption(caption)


def _big(value: float | None, unit: str) -> str:
    """A figure for the big screen: whole numbers, so that it fits its tile."""
    return views.fmt_value(None if value is None else round(value), unit)


def _year_target(figure: dash.LiveFigure) -> str | None:
    """The whole year's target; "reached" once the year so far reaches it (before that, not yet)."""
    if figure.target is None:
        return None
    target = views.fmt_value(figure.target, figure.indicator.unit)
    reached = dash.target_met(figure.indicator.direction, figure.region, figure.target)
    return t("council.year_target_reached" if reached else "council.year_target", target=target)


def _region(live: dash.LiveFigures) -> None:
    st.subheader(t("council.region", year=live.today.year))
    items = [(t("council.ideas_today"), fmt_int(live.ideas_today), None)]
    for figure in live.figures:
        info = figure.indicator
        items.append((info.name(lang()), _big(figure.region, info.unit), _year_target(figure)))
    for first in range(0, len(items), 4):
        for column, (label, value, caption) in zip(st.columns(4), items[first : first + 4], strict=False):
            with column:
                _metric(label, value, caption)


def _area(live: dash.LiveFigures, area: organisations.AreaRow, funnel: list[tuple[str, int]]) -> None:
    st.subheader(plain(area.name(lang())))
    items = [(t("council.ideas_today"), fmt_int(live.ideas_today_by_area.get(area.id)))]
    items += [
        (f.indicator.name(lang()), _big(f.by_area.get(area.id), f.indicator.unit))
        for f in live.figures
        if f.indicator.computation in ("ideas_received", "ideas_implemented", "fund_sek_granted")
    ]
    for label, value in items:
        _metric(label, value)
    st.markdown(f"**{t('council.funnel')}**")
    frame = pd.DataFrame([(label_of(stage, "stage"), n) for stage, n in funnel], columns=["category", "value"])
    st.altair_chart(
        views.simple_bars(
            frame,
            category_title=t("council.stage"),
            value_title=t("council.ideas"),
            description=t("council.funnel_description", area=area.name(lang())),
            colour=area.colour,
        ).properties(height=220),
        width="stretch",
    )


def _ideas_chart(today: date, viewer: Actor | None) -> None:
    with context.reading() as session:
        rows = overview.ideas_per_month(session=session, actor=viewer, today=today, months=12)
    months = pd.DataFrame([(r.month, r.area_code, r.count) for r in rows], columns=["month", "area_code", "count"])
    if months.empty:
        st.info(t("council.no_ideas"))
        return
    filled = charts.complete_months(with_area_names(months), overview.month_starts(today, 12), "count")
    st.altair_chart(
        charts.monthly_bars(
            filled,
            value="count",
            value_title=t("council.ideas"),
            month_title=t("council.month"),
            description=t("council.chart_description"),
            colour_title=t("council.area"),
        ).properties(height=320),
        width="stretch",
    )


def _shown(areas: list[organisations.AreaRow], rotate: bool) -> list[organisations.AreaRow]:
    """Every area, or (rotating) the next one at each refresh."""
    if not rotate or not areas:
        return areas
    index = st.session_state.get(ROTATION_KEY, 0) % len(areas)
    st.session_state[ROTATION_KEY] = index + 1
    return [areas[index]]


@st.fragment(run_every=REFRESH_SECONDS)
def live_board(rotate: bool) -> None:
    """Everything that moves: recounted at every refresh, for the viewer as the database knows them now
    (a refresh is no click: without the recheck, a demoted or deactivated viewer would keep watching)."""
    viewer = auth.recheck()
    today = date.today()
    try:
        with context.reading() as session:
            live = dash.live_figures(session, viewer, today=today)
            areas = organisations.list_areas(session=session)
            shown = _shown(areas, rotate)
            funnels = {
                a.id: dash.idea_funnel(session, viewer, start=date(today.year, 1, 1), end=today, area_id=a.id)
                for a in shown
            }
    except PermissionDenied:
        st.error(t("errors.permission_denied"))
        return
    _region(live)
    for column, area in zip(st.columns(len(shown) or 1), shown, strict=False):
        with column:
            _area(live, area, funnels[area.id])
    st.subheader(t("council.per_month"))
    _ideas_chart(today, viewer)
    st.caption(t("council.updated", time=pd.Timestamp.now(tz="Europe/Stockholm").strftime("%H:%M:%S")))


heading("nav.council_mode", "council.caption", seconds=REFRESH_SECONDS)
st.html(STYLE)
rotate = st.toggle(t("council.rotate"), key="council_rotate")
live_board(rotate)

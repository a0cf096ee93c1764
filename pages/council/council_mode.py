"""Rådsläge: the region's innovation work on the big screen at a council meeting.

Large, high-contrast figures for the region and each core area, checked every few seconds in a
fragment (`run_every`), so that an idea submitted during the meeting shows up at the next refresh. A
refresh reads the viewer and the data version (two rows) and draws the page again only when one moved;
the counts are cached per version and permission scope, shared by every open Rådsläge, so an open
screen costs next to nothing while nothing happens. Optionally the lower half rotates through the
areas, one per refresh (the board then runs again at every refresh).
"""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from components import auth, caching, charts, context, kpi, vega
from components.areas import with_area_names
from components.benefits.panel import fmt_amount
from components.benefits.panel import unit_label as benefit_unit_label
from components.chart_table import chart_with_table
from components.context import label as label_of
from components.context import lang, t
from components.council.drilldown import drilldown_section
from components.indicators import views
from components.ui import fmt_int, heading, plain
from services import overview
from services.ideas import portfolio
from services.indicators import dashboard as dash
from services.people import organisations
from services.people.auth import require_role
from services.shared.errors import PermissionDenied
from services.shared.history import today as stockholm_today

REFRESH_SECONDS = 5
ROTATION_KEY = "council_rotation_index"

# Constant presentation CSS (no data in it): large figures, black on white, thick borders.
STYLE = """<style>
[data-testid="stMetricValue"] { font-size: 3.4rem; font-weight: 800; color: #000000; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; font-weight: 700; color: #000000; }
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
[data-testid="stGridCell"] { border: 3px solid #000000 !important; }
</style>"""


def _metric(label: str, value: str, caption: str | None = None) -> None:
    """A tile (a cell of a `kpi.grid`), its caption (the year's target) under the figure: one element."""
    st.metric(plain(label), value, delta_description=caption)  # indicator names are registry data


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
    items.append((t("council.cross_sector_year"), fmt_int(live.cross_sector), t("council.cross_sector_help")))
    for total in live.benefits:  # the benefits realised so far, one tile per unit
        label = f"{t('benefits.live_realised')}: {benefit_unit_label(total.unit)}"
        items.append((label, fmt_amount(round(total.realised)), None))
    with kpi.grid(4):
        for label, value, caption in items:
            _metric(label, value, caption)


def _area(
    live: dash.LiveFigures,
    area: organisations.AreaRow,
    funnel: dict,
    table: pd.DataFrame,
    cross_sector: dict[int, int],
) -> None:
    st.subheader(plain(area.name(lang())))
    items = [(t("council.ideas_today"), fmt_int(live.ideas_today_by_area.get(area.id)))]
    items += [
        (f.indicator.name(lang()), _big(f.by_area.get(area.id), f.indicator.unit))
        for f in live.figures
        if f.indicator.computation in ("ideas_received", "ideas_implemented", "fund_sek_granted")
    ]
    items.append((t("portfolio.cross_sector"), fmt_int(cross_sector.get(area.id, 0))))
    with kpi.grid(1):
        for label, value in items:
            _metric(label, value)
    st.page_link(
        "pages/council/portfolio.py",
        label=t("portfolio.from_council"),
        icon=":material/manage_search:",
        query_params={"omrade": area.code},
    )
    st.markdown(f"**{t('council.funnel')}**")
    chart_with_table(funnel, table, key=f"council_funnel_{area.id}", filename=f"tratt-{area.code}")


def _funnel_chart(area: organisations.AreaRow, funnel: list[tuple[str, int]]) -> dict:
    frame = pd.DataFrame([(label_of(stage, "stage"), n) for stage, n in funnel], columns=["category", "value"])
    bars = views.simple_bars(
        frame,
        category_title=t("council.stage"),
        value_title=t("council.ideas"),
        description=t("council.funnel_description", area=area.name(lang())),
        colour=area.colour,
    )
    return {**bars, "height": 220}


def _funnel_table(funnel: list[tuple[str, int]]) -> pd.DataFrame:
    """The funnel chart's rows, with the reader's headers: its table view and download."""
    rows = [(label_of(stage, "stage"), n) for stage, n in funnel]
    return pd.DataFrame(rows, columns=[t("council.stage"), t("council.ideas")])


def _months_table(today: date, rows: list[overview.MonthAreaCount]) -> pd.DataFrame:
    """The ideas-per-month chart's rows, with the reader's headers."""
    months = pd.DataFrame([(r.month, r.area_code, r.count) for r in rows], columns=["month", "area_code", "count"])
    filled = charts.complete_months(with_area_names(months), overview.month_starts(today, 12), "count")
    return filled.assign(month=filled["month"].dt.strftime("%Y-%m"))[["month", "area", "count"]].rename(
        columns={"month": t("council.month"), "area": t("council.area"), "count": t("council.ideas")}
    )


def _ideas_chart(today: date, rows: list[overview.MonthAreaCount]) -> alt.Chart | None:
    months = pd.DataFrame([(r.month, r.area_code, r.count) for r in rows], columns=["month", "area_code", "count"])
    if months.empty:
        return None
    filled = charts.complete_months(with_area_names(months), overview.month_starts(today, 12), "count")
    return charts.monthly_bars(
        filled,
        value="count",
        value_title=t("council.ideas"),
        month_title=t("council.month"),
        description=t("council.chart_description"),
        colour_title=t("council.area"),
    ).properties(height=320)


def _shown(areas: list[organisations.AreaRow], rotate: bool) -> list[organisations.AreaRow]:
    """Every area, or (rotating) the next one at each refresh."""
    if not rotate or not areas:
        return areas
    index = st.session_state.get(ROTATION_KEY, 0) % len(areas)
    st.session_state[ROTATION_KEY] = index + 1
    return [areas[index]]


@caching.shared
def _counts(key: tuple, today: date) -> dict:
    """Everything the board shows, counted once per data version, scope (context.scope_key) and day."""
    viewer = context.actor()
    with context.reading() as session:
        areas = organisations.list_areas(session=session)
        return {
            "live": dash.live_figures(session, viewer, today=today),
            "areas": areas,
            "funnels": {
                a.id: dash.idea_funnel(session, viewer, start=date(today.year, 1, 1), end=today, area_id=a.id)
                for a in areas
            },
            "months": overview.ideas_per_month(session=session, actor=viewer, today=today, months=12),
            "cross_sector": portfolio.cross_sector_by_area(session=session, actor=viewer),
        }


@caching.shared
def _charts(key: tuple, today: date) -> dict:
    """The board's charts as Vega-Lite specs, made once per data version, scope and language (the key):
    a refresh with nothing new draws them as they are, without building and checking them again."""
    counts = _counts(key, today)
    months = _ideas_chart(today, counts["months"])
    return {
        "funnels": {a.id: vega.spec(_funnel_chart(a, counts["funnels"][a.id])) for a in counts["areas"]},
        "funnel_tables": {a.id: _funnel_table(counts["funnels"][a.id]) for a in counts["areas"]},
        "months": None if months is None else vega.spec(months),
        "months_table": None if months is None else _months_table(today, counts["months"]),
    }


def _state() -> tuple:
    """What the board shows depends on: the viewer's scope, language and the data version
    (`context.scope_key`), and the day."""
    # Stockholm's day, as the records are dated: the server's own date (UTC here) is still yesterday's
    # for an hour after Stockholm's midnight, and an idea sent then fell outside "1 January to today".
    return context.scope_key(), stockholm_today()


def live_board(state: tuple, rotate: bool) -> None:
    """Everything that moves, for the viewer as the database knows them now (a refresh is no click:
    without the recheck, a demoted or deactivated viewer would keep watching), from the counts of the
    data version in `state`."""
    viewer = auth.recheck()
    key, today = state
    try:
        require_role(viewer, *dash.COUNCIL)  # per viewer, before the counts shared by their scope
        counts, specs = _counts(key, today), _charts(key, today)
    except PermissionDenied:
        st.error(t("errors.permission_denied"))
        return
    live: dash.LiveFigures = counts["live"]
    shown = _shown(counts["areas"], rotate)
    _region(live)
    for column, area in zip(st.columns(len(shown) or 1), shown, strict=False):
        with column:
            _area(live, area, specs["funnels"][area.id], specs["funnel_tables"][area.id], counts["cross_sector"])
    st.subheader(t("council.per_month"))
    if specs["months"] is None:
        st.info(t("council.no_ideas"))
    else:
        chart_with_table(specs["months"], specs["months_table"], key="council_months", filename="ideer-per-manad")


def _checked_now() -> None:
    st.caption(t("council.updated", time=pd.Timestamp.now(tz="Europe/Stockholm").strftime("%H:%M:%S")))


@st.fragment(run_every=REFRESH_SECONDS)
def watch(drawn: tuple) -> None:
    """Every few seconds: has anything the board shows moved since it was drawn (the viewer, the data
    version, the day)? Only then is the page drawn again, as a whole; otherwise a refresh reads two rows
    and sends one line, not the board's tiles and charts again (at ten times the region an idle board
    cost the server 6 % of a core redrawing them every five seconds)."""
    auth.recheck()  # a changed viewer: the whole app runs again (their menu, or the login)
    if _state() != drawn:
        st.rerun(scope="app")
    _checked_now()


@st.fragment(run_every=REFRESH_SECONDS)
def rotating_board() -> None:
    """Rotating, every refresh shows the next area: the board itself runs again each time."""
    live_board(_state(), rotate=True)
    _checked_now()


heading("nav.council_mode", "council.caption", seconds=REFRESH_SECONDS)
st.html(STYLE)
rotate = st.toggle(t("council.rotate"), key="council_rotate")
if rotate:
    rotating_board()
else:
    drawn = _state()
    live_board(drawn, rotate=False)
    watch(drawn)
with context.reading() as session:
    all_areas = organisations.list_areas(session=session)
drilldown_section(context.actor(), stockholm_today(), all_areas)

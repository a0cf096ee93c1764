"""Testmiljöer i siffror: who asked to use which testbed, how fast the region answered, how many were
accepted and which testbeds funded projects used. Aggregates only, for every logged-in role."""

from datetime import date

import pandas as pd
import streamlit as st

from components import caching, charts, context, vega
from components.areas import area_table, with_area_names
from components.context import CACHE_ENTRIES, t
from components.kpi import tiles
from components.testbeds import catalogue as catalogue_view
from components.testbeds.catalogue import download_buttons
from components.ui import current_page, fmt_int, fmt_pct, heading, pager, plain
from services.people.auth import require_login
from services.shared.history import today as stockholm_today
from services.shared.pagination import Page, page_bounds
from services.testbeds import catalogue
from services.testbeds import requests as testbed_requests
from services.testbeds.requests import RESPONSE_LIMIT_WORKDAYS

TOP_IN_CHART = 20
heading("nav.testbeds_figures", "testbeds.figures_caption")


def _days(value: float | None) -> str:
    if value is None:
        return "–"
    return t("testbeds.days", n=round(value, 1))


@caching.shared
def _figures(
    key: tuple, area_code: str | None, testbed_id: int | None, year: int | None
) -> testbed_requests.RequestFigures:
    start, end = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    with context.reading() as session:
        return testbed_requests.request_figures(
            session, area_code=area_code, testbed_id=testbed_id, start=start, end=end
        )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _testbed_names(key: tuple) -> dict[int, str]:
    with context.reading() as session:
        return dict(catalogue.testbed_names(session=session))


COUNT_COLUMNS = ["key", "area_code", "requests", "accepted", "answered"]


def _count_frame(rows: list[testbed_requests.CountRow]) -> pd.DataFrame:
    """The rows as a frame; built from plain tuples (`asdict` of a thousand testbeds took 19 ms)."""
    return pd.DataFrame([(r.key, r.area_code, r.requests, r.accepted, r.answered) for r in rows], columns=COUNT_COLUMNS)


areas = area_table()
area_names = dict(zip(areas["code"], areas["area"], strict=True))
this_year = stockholm_today().year
require_login(context.actor())  # per reader; the figures are aggregates, the same for every reader
testbed_names = _testbed_names(context.shared_key())
c1, c2, c3 = st.columns(3)
area_code = c1.selectbox(
    t("testbeds.area"),
    [None, *area_names],
    format_func=lambda c: t("ui.all") if c is None else area_names[c],
    key="tbfig_area",
    placeholder=t("ui.choose"),
)
testbed_id = c2.selectbox(
    t("testbeds.col.testbed"),
    [
        None,
        *catalogue_view.testbed_choices(
            testbed_names, c2, search_key="tbfig_testbed_search", chosen_key="tbfig_testbed"
        ),
    ],
    format_func=lambda i: t("ui.all") if i is None else testbed_names[i],
    key="tbfig_testbed",
    placeholder=t("ui.choose"),
)
year = c3.selectbox(
    t("testbeds.year"),
    [None, *range(this_year, this_year - 5, -1)],
    format_func=lambda y: t("testbeds.all_years") if y is None else str(y),
    key="tbfig_year",
    placeholder=t("ui.choose"),
)
figures = _figures(context.shared_key(), area_code, testbed_id, year)

tiles(
    [
        {
            "label": t("testbeds.fig_requests"),
            "value": fmt_int(figures.requests),
            "help": t("testbeds.fig_requests_help"),
        },
        {
            "label": t("testbeds.fig_median_response"),
            "value": _days(figures.median_days_to_first_response),
            "help": t("testbeds.fig_median_response_help"),
        },
        {
            "label": t("testbeds.fig_within_limit", limit=RESPONSE_LIMIT_WORKDAYS),
            "value": fmt_pct(figures.share_within_limit),
        },
        {
            "label": t("testbeds.fig_share_accepted"),
            "value": fmt_pct(figures.share_accepted),
            "help": t("testbeds.fig_share_accepted_help"),
        },
        {"label": t("testbeds.fig_unanswered"), "value": fmt_int(figures.open_unanswered)},
        {
            "label": t("testbeds.fig_funded"),
            "value": fmt_int(figures.testbeds_used_by_funded_projects),
            "help": t("testbeds.fig_funded_help"),
        },
    ],
    columns=3,
)

per_testbed = _count_frame(figures.per_testbed)
if per_testbed.empty:
    st.info(t("testbeds.fig_none"))
    st.stop()
per_testbed = with_area_names(per_testbed)
top = per_testbed.head(TOP_IN_CHART)  # already sorted by requests, most first
st.subheader(t("testbeds.fig_per_testbed"))
if len(per_testbed) > TOP_IN_CHART:
    st.caption(t("testbeds.fig_top", n=TOP_IN_CHART))
vega.draw(
    charts.readable(
        vega.built(
            charts.stacked_bars,
            top,
            category="key",
            value="requests",
            category_title=t("testbeds.col.testbed"),
            value_title=t("testbeds.fig_requests"),
            order=list(top["key"]),
            description=t("testbeds.fig_per_testbed_description"),
            colour_title=t("testbeds.area"),
            label_limit=360,
        )
    ),
    width="stretch",
)
st.subheader(t("testbeds.fig_per_area"))
per_area = with_area_names(_count_frame(figures.per_area)).assign(area=lambda f: f["area"].map(plain))
headers = [t("testbeds.area"), t("testbeds.fig_requests"), t("testbeds.fig_answered"), t("testbeds.fig_accepted")]
st.table(
    pd.DataFrame(per_area[["area", "requests", "answered", "accepted"]].values, columns=headers).set_index(headers[0])
)

st.subheader(t("testbeds.fig_table"))
table_headers = [
    t("testbeds.col.testbed"),
    t("testbeds.area"),
    t("testbeds.fig_requests"),
    t("testbeds.fig_answered"),
    t("testbeds.fig_accepted"),
]
table_rows = per_testbed[["key", "area", "requests", "answered", "accepted"]].values.tolist()
# A page at a time on screen (a thousand testbeds at scale would be most of the page's weight); every
# row in the downloads.
pages = max(1, -(-len(table_rows) // catalogue_view.FIGURES_PAGE_SIZE))
if current_page("tbfig_page") > pages:  # the filters shrank the table below the page chosen before
    st.session_state["tbfig_page"] = 1
number = current_page("tbfig_page")
offset, limit = page_bounds(number, catalogue_view.FIGURES_PAGE_SIZE)
shown = Page(items=table_rows[offset : offset + limit], total=len(table_rows), page=number, page_size=limit)
st.dataframe(
    pd.DataFrame(shown.items, columns=table_headers), hide_index=True, width="stretch", alt=t("testbeds.fig_table")
)
pager(shown, "tbfig_page")
download_buttons("tbfig_export", table_headers, lambda: table_rows, t("testbeds.figures_file"))

"""A core area's dashboard: one file, registered once per area in components/navigation.py; the
navigation tells it which area it shows. Every figure is computed from the records (cached until the
data changes: the cache is keyed on the data version), so a new idea moves it at the next run."""

from dataclasses import asdict
from datetime import date

import pandas as pd
import streamlit as st

from components import caching, context, navigation, vega
from components.benefits.totals import benefits_section
from components.budgets.views import budget_section
from components.context import CACHE_ENTRIES, label, lang, t
from components.indicators import views
from models import STAGE_PATH
from services.benefits import figures as benefit_figures
from services.budgets import budget
from services.indicators import dashboard as dash
from services.indicators import periods
from services.people import organisations
from services.people.organisations import AreaRow
from services.shared.errors import PermissionDenied
from services.shared.history import today as stockholm_today


@caching.shared
def _overview(key: tuple, area_id: int, start: date, end: date) -> dict:
    with context.reading() as session:
        me = context.actor()
        return {
            "figures": dash.figures(session, me, start=start, end=end, area_id=area_id),
            "funnel": dash.idea_funnel(session, me, start=start, end=end, area_id=area_id),
            "fund": [asdict(r) for r in dash.fund_by_status(session, me, start=start, end=end, area_id=area_id)],
            "testbeds": dash.testbeds_by_status(session, me, on=min(end, stockholm_today()), area_id=area_id),
            "requests": dash.requests_by_status(session, me, start=start, end=end, area_id=area_id),
            "benefits": benefit_figures.totals(session, me, end=min(end, stockholm_today()), area_id=area_id),
            "benefit_kinds": benefit_figures.by_kind(session, me, start=start, end=end, area_id=area_id),
            "budget": budget.area_outcome(session=session, actor=me, year=end.year, area_id=area_id),
        }


@caching.shared
def _indicator(key: tuple, indicator_id: int, area_id: int, start: date, end: date) -> dict:
    """The chosen indicator over three years up to the period's end, and per organisation."""
    with context.reading() as session:
        me = context.actor()
        return {
            "series": dash.series(
                session, me, indicator_id, start=date(start.year - 2, 1, 1), end=end, area_id=area_id
            ),
            "orgs": dash.by_organisation(session, me, indicator_id, start=start, end=end, area_id=area_id),
        }


Chart = tuple[dict, pd.DataFrame]  # a chart's spec and its table (the reader's headers)


@caching.shared
def _charts(key: tuple, area_id: int, colour: str, start: date, end: date) -> dict[str, Chart | None]:
    """The funnel's, the fund's and the testbeds' charts with their tables (None: nothing to show), made
    from the cached figures once per key (scope, language, data version) and period: building the frames
    with pandas took several ms at every run."""
    data = _overview(key, area_id, start, end)
    funnel = pd.DataFrame([(label(stage, "stage"), n) for stage, n in data["funnel"]], columns=["category", "value"])
    charts: dict[str, Chart | None] = {
        "funnel": (
            vega.built(
                views.simple_bars,
                funnel,
                category_title=t("indicators.area.stage"),
                value_title=t("indicators.area.ideas"),
                description=t("indicators.area.funnel_description"),
                colour=colour,
            ),
            funnel.rename(columns={"category": t("indicators.area.stage"), "value": t("indicators.area.ideas")}),
        ),
        "fund": None,
        "testbeds": None,
    }
    fund = pd.DataFrame(data["fund"], columns=["status", "count", "requested_sek", "granted_sek"])
    if not fund.empty:
        fund = fund.assign(category=fund["status"].map(lambda s: label(s, "application_status")))
        fund_table = fund[["category", "count", "requested_sek", "granted_sek"]]
        charts["fund"] = (
            vega.built(
                views.simple_bars,
                fund_table.rename(columns={"requested_sek": "value"}),
                category_title=t("indicators.area.status"),
                value_title=t("indicators.area.requested_sek"),
                description=t("indicators.area.fund_description"),
                colour=colour,
            ),
            fund_table.rename(
                columns={
                    "category": t("indicators.area.status"),
                    "count": t("indicators.area.applications"),
                    "requested_sek": t("indicators.area.requested_sek"),
                    "granted_sek": t("indicators.area.granted_sek"),
                }
            ),
        )
    testbeds = [(t("indicators.area.testbeds_now"), label(s, "testbed_status"), n) for s, n in data["testbeds"]] + [
        (t("indicators.area.requests_in_period"), label(s, "request_status"), n) for s, n in data["requests"]
    ]
    if testbeds:
        charts["testbeds"] = views.kind_bars(
            testbeds,
            what_title=t("indicators.area.what"),
            category_title=t("indicators.area.status"),
            value_title=t("indicators.area.count"),
            description=t("indicators.area.testbeds_description"),
            colour=colour,
        )
    return charts


@caching.shared
def _indicator_charts(
    key: tuple, indicator_id: int, area_id: int, colour: str, start: date, end: date
) -> tuple[Chart, Chart]:
    """The chosen indicator's charts, over time and per organisation, with their tables: made once per
    key, indicator and period, like `_charts`."""
    detail = _indicator(key, indicator_id, area_id, start, end)
    info = next(f.indicator for f in _overview(key, area_id, start, end)["figures"] if f.indicator.id == indicator_id)
    name = info.name(lang())
    points = pd.DataFrame(
        [
            (views.period_label(*periods.period_of(info.frequency, p.period_start)), p.value, p.target)
            for p in detail["series"]
        ],
        columns=["period", "value", "target"],
    )
    series = (
        vega.built(
            views.series_chart,
            points,
            value_title=name,
            period_title=t("indicators.area.period"),
            description=t("indicators.area.over_time_description", name=name),
        ),
        points.rename(
            columns={
                "period": t("indicators.area.period"),
                "value": t("indicators.area.value_col"),
                "target": t("indicators.area.target_col"),
            }
        ),
    )
    orgs = pd.DataFrame(
        [(o.short_name, o.name, o.value, o.target) for o in detail["orgs"]],
        columns=["category", "name", "value", "target"],
    )
    by_org = (
        vega.built(
            views.bars_with_targets,
            orgs,
            category_title=t("indicators.area.organisation"),
            value_title=name,
            description=t("indicators.area.by_organisation_description", name=name),
            colour=colour,
        ),
        orgs.rename(
            columns={
                "category": t("indicators.area.short_name"),
                "name": t("indicators.area.organisation"),
                "value": t("indicators.area.value_col"),
                "target": t("indicators.area.target_col"),
            }
        ),
    )
    return series, by_org


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _area(code: str | None, key: tuple) -> AreaRow | None:
    if code is None:
        return None
    with context.reading() as session:
        return organisations.area_by_code(session=session, code=code)


spec = navigation.current_spec()
st.title(t(spec.title_key) if spec else t("indicators.area.title"))
st.caption(t("indicators.area.caption"))
area = _area(spec.area_code if spec else None, context.shared_key())
if area is None:
    st.info(t("indicators.area.no_area"))
    st.stop()

today = stockholm_today()
start, end = views.period_filter(f"area_{area.code}", today)
try:
    dash.require_reader(context.actor())  # per reader; the figures are the same for their scope
    data = _overview(context.scope_key(), area.id, start, end)
    charts = _charts(context.scope_key(), area.id, area.colour, start, end)
except PermissionDenied:
    st.error(t("errors.permission_denied"))
    st.stop()
period = views.period_label(start, end)
slug = f"{area.code}-{period.replace(' ', '-')}"

st.subheader(t("indicators.area.kpis", period=period))
if end >= today:
    st.caption(t("indicators.area.in_progress", day=today.isoformat()))
figures: list[dash.IndicatorFigure] = data["figures"]
views.tiles(figures)

# --- one indicator over time and across the area's organisations
st.subheader(t("indicators.area.indicator_detail"))
options = views.indicator_options([f.indicator for f in figures])
if options:
    chosen = st.selectbox(
        t("indicators.area.indicator"),
        list(options),
        format_func=options.get,
        key=f"area_{area.code}_indicator",
        placeholder=t("ui.choose"),
    )
    series, by_org = _indicator_charts(context.scope_key(), chosen, area.id, area.colour, start, end)
    info = next(f.indicator for f in figures if f.indicator.id == chosen)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('indicators.area.over_time')}**")
        views.chart_with_table(*series, key=f"series_{area.code}", filename=f"{info.code}-{area.code}")
    with right:
        st.markdown(f"**{t('indicators.area.by_organisation', period=period)}**")
        views.chart_with_table(*by_org, key=f"orgs_{area.code}", filename=f"{info.code}-{slug}-organisationer")
else:
    st.info(t("indicators.area.no_indicators"))

# --- the idea funnel
st.subheader(t("indicators.area.funnel", period=period))
views.chart_with_table(*charts["funnel"], key=f"funnel_{area.code}", filename=f"idetratt-{slug}")
st.caption(t("indicators.area.funnel_help", stages=len(STAGE_PATH)))

# --- Innovationsfonden and testbeds
fund_col, testbed_col = st.columns(2)
with fund_col:
    st.subheader(t("indicators.area.fund", period=period))
    if charts["fund"] is None:
        st.info(t("indicators.area.no_fund"))
    else:
        views.chart_with_table(*charts["fund"], key=f"fund_{area.code}", filename=f"fonden-{slug}")
with testbed_col:
    st.subheader(t("indicators.area.testbeds", period=period))
    if charts["testbeds"] is None:
        st.info(t("indicators.area.no_testbeds"))
    else:
        views.chart_with_table(*charts["testbeds"], key=f"testbeds_{area.code}", filename=f"testmiljoer-{slug}")

benefits_section(
    data["benefits"],
    data["benefit_kinds"],
    period=period,
    key=f"benefits_{area.code}",
    filename=f"nytta-{slug}",
    colour=area.colour,
)
budget_section(
    data["budget"],
    key=f"budget_{area.code}",
    filename=f"innovationsbudget-{area.code}-{end.year}",
    colour=area.colour,
    all_shown=not context.actor().is_manager,
)

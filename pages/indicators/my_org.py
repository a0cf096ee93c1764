"""Min förvaltning (managers): the organisation against its area and the region, its own indicators,
and what waits for it."""

from datetime import date

import streamlit as st

from components import caching, context
from components.benefits.totals import benefits_section
from components.budgets.views import budget_tiles
from components.context import actor, t
from components.council.actions import my_actions_section
from components.indicators.my_org import comparison_section, own_section, waiting_section
from components.ui import heading, plain
from services.benefits import figures as benefit_figures
from services.budgets import budget
from services.indicators import my_org, values
from services.people import organisations
from services.shared.errors import PermissionDenied
from services.shared.history import today as stockholm_today


@caching.shared
def _figures(key: tuple, organisation_id: int, year: int, today: date) -> dict:
    """Keyed on the viewer's scope (context.scope_key) as well as the organisation, year and day."""
    me = context.actor()
    with context.reading() as session:
        waiting = my_org.waiting(session=session, actor=me, organisation_id=organisation_id, today=today)
        rows = my_org.comparison(session=session, actor=me, organisation_id=organisation_id, year=year, today=today)
        own = [
            (
                r,
                values.reporting_sheet(
                    session=session, actor=me, indicator_id=r.id, organisation_id=organisation_id, year=year
                ),
            )
            for r in values.reportable_indicators(session=session, actor=me, organisation_id=organisation_id)
            if r.scope == "own"
        ]
        span = {"start": date(year, 1, 1), "end": min(date(year, 12, 31), today)}
        benefits = benefit_figures.totals(session, me, end=span["end"], organisation_id=organisation_id)
        kinds = benefit_figures.by_kind(session, me, **span, organisation_id=organisation_id)
        [budget_row] = budget.outcome(session=session, actor=me, year=year, organisation_id=organisation_id)
    return {"waiting": waiting, "rows": rows, "own": own, "benefits": benefits, "kinds": kinds, "budget": budget_row}


me = actor()
heading("indicators.myorg.title", "indicators.myorg.caption")
if me is None or me.organisation_id is None:
    st.info(t("indicators.myorg.no_organisation"))
    st.stop()

with context.reading() as session:
    org = next(o for o in organisations.list_organisations(session=session) if o.id == me.organisation_id)
    area = next(a for a in organisations.list_areas(session=session) if a.id == org.area_id)
today = stockholm_today()
c1, c2 = st.columns([3, 1])
c1.subheader(plain(org.name))
year = c2.selectbox(
    t("indicators.myorg.year"),
    [today.year, today.year - 1, today.year - 2],
    key="myorg_year",
    placeholder=t("ui.choose"),
)
try:
    my_org.require_own(me, org.id)  # per reader; the figures are the same for the organisation's managers
except PermissionDenied:
    st.error(t("errors.permission_denied"))
    st.stop()
data = _figures(context.scope_key(), org.id, year, today)

waiting_section(data["waiting"])
my_actions_section(me, today)
budget_tiles(data["budget"], year)
comparison_section(data["rows"], org.short_name, area.name(context.lang()), year)
own_section(data["own"])
benefits_section(
    data["benefits"],
    data["kinds"],
    period=str(year),
    key="myorg_benefits",
    filename=f"nytta-{org.short_name}-{year}",
    colour=area.colour,
)
st.page_link("pages/indicators/report.py", label=t("indicators.myorg.to_report"), icon=":material/edit_note:")

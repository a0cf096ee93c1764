"""Idéportfölj: the whole region's ideas for the council, read-only: by stage, area (cross-sector ideas
in each area they touch), organisation, coded obstacle and text. Rådsläge's figures link here with the
filters set (`?omrade=<area code>&steg=<stage>`)."""

import streamlit as st

from components import context
from components.context import t
from components.ideas.board import portfolio_counts, portfolio_page
from components.kpi import tiles
from components.ui import current_page, fmt_date, fmt_int, heading, pager, plain, search_box
from models import STAGE_PATH, IdeaStage, ObstacleKind
from services.ideas import triage
from services.people import organisations

heading("nav.council_portfolio", "portfolio.caption")
with context.reading() as session:
    areas = organisations.list_areas(session=session)
    orgs = {o.id: o.short_name for o in organisations.list_organisations(session=session)}
area_names = {a.id: a.name(context.lang()) for a in areas}
by_code = {a.code: a.id for a in areas}
stages = [*STAGE_PATH, IdeaStage.parked, IdeaStage.closed]

# A link from Rådsläge sets the filters once; afterwards the widgets hold them.
params = st.query_params
if "portfolio_area" not in st.session_state and params.get("omrade") in by_code:
    st.session_state["portfolio_area"] = by_code[params["omrade"]]
if "portfolio_stage" not in st.session_state and params.get("steg") in set(stages):
    st.session_state["portfolio_stage"] = IdeaStage(params["steg"])  # as the picker holds it: one cache key

c1, c2, c3 = st.columns(3)
stage = c1.selectbox(
    t("portfolio.stage"),
    [None, *stages],
    format_func=lambda s: t("portfolio.all") if s is None else context.label(s, "stage"),
    key="portfolio_stage",
)
area_id = c2.selectbox(
    t("portfolio.area"),
    [None, *area_names],
    format_func=lambda a: t("portfolio.all") if a is None else area_names[a],
    key="portfolio_area",
)
organisation_id = c3.selectbox(
    t("portfolio.organisation"),
    [None, *orgs],
    format_func=lambda o: t("portfolio.all") if o is None else orgs[o],
    key="portfolio_org",
)
c4, c5 = st.columns(2)
obstacle = c4.selectbox(
    t("obstacles.kind"),
    [None, *ObstacleKind],
    format_func=lambda k: t("portfolio.all") if k is None else context.label(k, "obstacle_kind"),
    key="portfolio_obstacle",
)
with c5:
    search = search_box(t("portfolio.search"), "portfolio_search")
filters = triage.IdeaFilter(
    stage=stage,
    area_id=area_id,
    organisation_id=organisation_id,
    search=search or None,
    touching_area=True,
    obstacle_kind=obstacle,
)
board = portfolio_counts(filters)
page = portfolio_page(filters, current_page("portfolio_page"), board.counts.get(stage, 0) if stage else board.total)
# Six narrow tiles: the stages in one row beside the menu, as a funnel reads.
tiles(
    [{"label": context.label(s, "stage"), "value": fmt_int(board.counts.get(s, 0))} for s in STAGE_PATH],
    columns=6,
    min_width=110,
)
if not page.items:
    st.info(t("portfolio.none"))
    st.stop()
st.table(
    [
        {
            t("portfolio.ref"): plain(r.ref),
            t("portfolio.title"): plain(r.title),
            t("portfolio.stage"): context.label(r.stage, "stage"),
            t("portfolio.area"): plain(area_names.get(r.area_id, "–")),
            t("portfolio.organisation"): plain(r.organisation or "–"),
            t("portfolio.received"): fmt_date(r.received_at),
        }
        for r in page.items
    ]
)
pager(page, "portfolio_page")

"""Samverkan i siffror (everyone logged in): needs, responses, procurements with innovation and partners,
for the region, one core area or one organisation. Aggregates only."""

import streamlit as st

from components import context
from components.context import t
from components.samverkan.figures import figures_view
from components.ui import heading
from services.people import organisations
from services.samverkan.figures import samverkan_figures

heading("nav.samverkan_figures", "samverkan.figures_caption")
with context.reading() as session:
    areas = {a.code: a.name(context.lang()) for a in organisations.list_areas(session=session)}
    orgs = {o.id: o.name for o in organisations.list_organisations(session=session)}
c1, c2 = st.columns(2)
area_code = c1.selectbox(
    t("samverkan.area"), [None, *areas], format_func=lambda c: t("ui.all") if c is None else areas[c], key="svf_area"
)
org_id = c2.selectbox(
    t("samverkan.organisation"),
    [None, *orgs],
    format_func=lambda i: t("ui.all") if i is None else orgs[i],
    key="svf_org",
)
with context.reading() as session:
    figures = samverkan_figures(session, organisation_id=org_id, area_code=area_code)
figures_view(figures)

"""Hinder: why ideas are parked or closed and fund projects stop, by kind, area and organisation, with the
cases behind each figure; and the register of obstacles the team sees across cases (admins write, the
council reads)."""

import streamlit as st

from components import context
from components.context import t
from components.obstacles.figures import drill_section, figures_section
from components.obstacles.register import register_section
from components.ui import heading
from services.people import organisations
from services.shared.history import today as stockholm_today

heading("nav.council_obstacles", "obstacles.caption")
me = context.actor()
this_year = stockholm_today().year
year = st.selectbox(
    t("obstacles.year"),
    [None, this_year, this_year - 1, this_year - 2],
    format_func=lambda y: t("obstacles.all_years") if y is None else str(y),
    key="obstacles_year",
)
with context.reading() as session:
    area_names = {a.id: a.name(context.lang()) for a in organisations.list_areas(session=session)}
st.subheader(t("obstacles.figures"))
figures_section(me, year, area_names)
drill_section(me, year, area_names)
register_section(me)

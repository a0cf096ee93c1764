"""Kompetensutveckling: courses and information efforts (innovation method, IP, innovation procurement,
design methods, the certification of innovation leaders) with their participants, employees and elected
officials; and the share of each organisation's staff trained in a year (KOM-01 from the records)."""

import streamlit as st

from components import context
from components.competence.courses import courses_section, trained_section
from components.context import t
from components.ui import heading
from services.shared.history import today as stockholm_today

heading("nav.competence", "competence.caption")
me = context.actor()
this_year = stockholm_today().year
year = st.selectbox(t("competence.year"), [this_year, this_year - 1, this_year - 2], key="competence_year")
trained_section(me, year)
courses_section(me)

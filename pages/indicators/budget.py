"""Innovationsbudget: each board's and company's budgeted innovation support per year against its outcome
(fund money granted, projects running, ideas implemented); admins set the budgets, the council reads."""

import streamlit as st

from components import context
from components.budgets.views import budget_form, budget_table
from components.context import t
from components.ui import heading
from services.budgets import budget
from services.people import organisations
from services.shared.history import today as stockholm_today

heading("nav.budget", "budget.caption")
me = context.actor()
this_year = stockholm_today().year
year = st.selectbox(
    t("budget.year"), [this_year + 1, this_year, this_year - 1, this_year - 2], index=1, key="budget_year"
)
with context.reading() as session:
    rows = budget.outcome(session=session, actor=me, year=year)
    area_names = {a.id: a.name(context.lang()) for a in organisations.list_areas(session=session)}
budget_table(rows, area_names)
if me.is_admin:
    with st.expander(t("budget.set"), icon=":material/savings:"):
        budget_form(me, rows, year)

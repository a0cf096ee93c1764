"""Innovationsbudget: each board's and company's budgeted innovation support per year against its outcome
(fund money granted, projects running, ideas implemented); admins set the budgets, the council reads."""

import streamlit as st

from components import context
from components.budgets.views import budget_form, budget_table
from components.context import CACHE_ENTRIES, t
from components.ui import heading
from models import Role
from services.budgets import budget
from services.people import organisations
from services.people.auth import require_role
from services.shared.history import today as stockholm_today

heading("nav.budget", "budget.caption")
me = context.actor()
this_year = stockholm_today().year
year = st.selectbox(
    t("budget.year"), [this_year + 1, this_year, this_year - 1, this_year - 2], index=1, key="budget_year"
)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _outcome(key: tuple, year: int) -> list[budget.BudgetRow]:
    """Every organisation's budget against outcome: the same for every reader (admins and the council)."""
    with context.reading() as session:
        return budget.outcome(session=session, actor=context.actor(), year=year)


require_role(me, Role.admin, Role.council)  # per reader; the cached rows are the region's, keyed on the data
rows = _outcome(context.shared_key(), year)
with context.reading() as session:
    area_names = {a.id: a.name(context.lang()) for a in organisations.list_areas(session=session)}
budget_table(rows, area_names)
if me.is_admin:
    with st.expander(t("budget.set"), icon=":material/savings:"):
        budget_form(me, rows, year)

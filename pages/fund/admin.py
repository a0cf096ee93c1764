"""Fondhantering (admin): applications with reviews and decisions, calls, the decision pack,
follow-up of funded projects, and the budget overview."""

import streamlit as st

from components import context
from components.context import actor, t
from components.fund.admin import applications_tab, budget_tab, calls_tab, follow_up_tab, pack_tab
from components.ui import heading, lazy_tabs
from services.fund import applications, figures
from services.shared.history import today as stockholm_today

CALLS_PER_YEAR = 100  # the fund opens one or a few calls a year; the cap only guards the pickers

me = actor()
today = stockholm_today()
heading("nav.fund_admin", "fund.admin.caption")

with context.reading() as session:
    years = sorted({*figures.fund_years(session=session, actor=me), today.year}, reverse=True)
# Every tab works on one year's calls: the list stays short however many years the fund has run.
year = st.selectbox(
    t("fund.admin.year"), years, index=years.index(today.year), key="fund_admin_year", placeholder=t("ui.choose")
)
with context.reading() as session:
    calls = applications.list_calls(session=session, actor=me, today=today, year=year, page_size=CALLS_PER_YEAR).items

# The decision pack and the budget (views and downloads: most of the page's time) are drawn only when
# open; the tabs with forms at every run, so that nothing typed there is lost on a visit to another tab.
applications_label, calls_label, follow_up_label = (
    t("fund.admin.tab_applications"),
    t("fund.admin.tab_calls"),
    t("fund.admin.tab_follow_up"),
)
lazy_tabs(
    "fund_admin_tab",
    {
        applications_label: lambda: applications_tab(me, calls, year, today),
        calls_label: lambda: calls_tab(me, calls, today),
        t("fund.admin.tab_pack"): lambda: pack_tab(me, calls),
        follow_up_label: lambda: follow_up_tab(me, today),
        t("fund.admin.tab_budget"): lambda: budget_tab(me, year),
    },
    always=(applications_label, calls_label, follow_up_label),
)

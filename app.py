"""Innovationsportalen: the router. Page config, database check, login, navigation by role, run."""

import streamlit as st

from components import auth, context, navigation, sidebar, streamlit_costs
from components.context import t
from components.ui import run_page
from services.shared.charts import use_plain_rows

streamlit_costs.remember_signatures()
streamlit_costs.look_up_widget_keys_alone()
use_plain_rows()
st.set_page_config(page_title="Innovationsportalen", page_icon=":material/emoji_objects:", layout="wide")

problem = context.schema_problem()
if problem:
    st.error(t(problem), icon=":material/database:")
    st.stop()

actor = auth.start()
page = st.navigation(navigation.pages_for(actor), expanded=True)  # every page in the menu, no "View more"
navigation.remember(page)
sidebar.render(actor)
run_page(page)

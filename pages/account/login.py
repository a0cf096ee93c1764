"""Logga in: the login form (checked against the User table; one step, see components/auth.py)."""

import streamlit as st

from components import auth
from components.context import t
from components.ui import heading

heading("login.title", "login.intro")
left, _ = st.columns([2, 3])
with left:
    auth.login_form()
    st.caption(t("login.help"))

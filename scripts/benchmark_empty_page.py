"""The empty page of the page benchmark (scripts/benchmark_pages.py registers it only in its own process): the
router's login, navigation and sidebar run, the page itself draws one heading. Every page's run is
reported as a multiple of this one's."""

import streamlit as st

from components.context import t

st.title(t("nav.profile"))

"""Testmiljöer (public): find a test or demonstration environment and ask to use it, "en tydlig väg in".

`?miljo=<slug>` opens a testbed's page with its request form; without it, the catalogue."""

import streamlit as st

from components.testbeds.catalogue import QUERY_PARAM, catalogue
from components.testbeds.detail import detail

slug = st.query_params.get(QUERY_PARAM)
if slug:
    detail(slug)
else:
    catalogue()

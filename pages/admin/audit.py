"""Händelselogg (admin): every change, who made it and when."""

import json

import pandas as pd
import streamlit as st

from components import context
from components.context import actor, t
from components.ui import current_page, fmt_datetime, heading, pager
from services.shared import audit

me = actor()
heading("audit.title", "audit.caption")

c1, c2, c3 = st.columns([2, 2, 1])
action = c1.text_input(t("audit.action_filter"), key="audit_action", placeholder="user.")
entity = c2.text_input(t("audit.entity_filter"), key="audit_entity", placeholder="idea")
entity_id = c3.number_input(t("audit.entity_id"), min_value=0, value=0, step=1, key="audit_entity_id")
with context.reading() as session:
    page = audit.list_entries(
        session=session,
        actor=me,
        action_prefix=action.strip() or None,
        entity=entity.strip() or None,
        entity_id=int(entity_id) or None,
        page=current_page("audit_page"),
        page_size=50,
    )
if not page.items:
    st.info(t("audit.none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("audit.at"): [fmt_datetime(r.at) for r in page.items],
                t("audit.actor"): [r.actor or t("audit.no_actor") for r in page.items],
                t("audit.action"): [r.action for r in page.items],
                t("audit.entity"): [r.entity for r in page.items],
                t("audit.entity_id"): [r.entity_id for r in page.items],
                t("audit.details"): [json.dumps(r.details, ensure_ascii=False) for r in page.items],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("nav.admin_audit"),
    )
    pager(page, "audit_page")

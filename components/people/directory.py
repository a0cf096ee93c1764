"""Vem kan jag fråga?: one card per organisation with its innovation lead and certified leaders."""

from __future__ import annotations

import streamlit as st

from components.context import t
from components.ui import fmt_date, plain
from services.people.directory import OrganisationContacts


def contact_card(org: OrganisationContacts, area_name: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(org.name)}** · {plain(area_name)}")
        if org.lead:
            since = t("directory.since", on=fmt_date(org.lead.since)) if org.lead.since else ""
            st.markdown(
                f"{t('directory.lead')}: **{plain(org.lead.name)}** {since}  \n:material/mail: {plain(org.lead.email)}"
            )
        else:
            st.markdown(f"{t('directory.lead')}: {t('directory.no_lead')}")
        if org.certified:
            st.markdown(
                f"{t('directory.certified')}: "
                + ", ".join(f"{plain(p.name)} ({plain(p.email)})" for p in org.certified)
            )
        earlier = [a for a in org.appointments if a.ended is not None]
        if earlier:
            st.caption(
                t("directory.earlier")
                + ": "
                + "; ".join(
                    t("directory.period", name=plain(a.name), began=fmt_date(a.began), ended=fmt_date(a.ended))
                    for a in earlier
                )
            )

"""Tillgänglighetssynpunkter (admin): barriers and requests for content in another form, from the
tillgänglighetsredogörelse's form; each can be marked handled, with what was done."""

import streamlit as st

from components import context
from components.context import t
from components.ui import attempt, current_page, flash_and_rerun, fmt_datetime, heading, pager, plain
from models import BarrierReportStatus
from services.accessibility import barriers
from services.accessibility.statement import ANSWER_WITHIN_WORKDAYS

heading("nav.admin_barriers", "a11y.admin.caption", days=ANSWER_WITHIN_WORKDAYS)
me = context.actor()
status = st.segmented_control(
    t("a11y.admin.show"),
    list(BarrierReportStatus),
    format_func=lambda s: t(f"a11y.admin.status.{s}"),
    default=BarrierReportStatus.new,
    key="barriers_status",
)
with context.reading() as session:
    page = barriers.list_reports(
        session=session, actor=me, status=status, page=current_page("barriers_page"), page_size=20
    )
if not page.items:
    st.info(t("a11y.admin.none"))
for row in page.items:
    with st.container(border=True):
        st.markdown(f"**{t('a11y.admin.received', at=fmt_datetime(row.received_at))}** · #{row.id}")
        st.text(row.description)  # the reporter's text, as text
        if row.location:
            st.markdown(f"{t('a11y.admin.location')}: {plain(row.location)}")
        if row.wanted_format:
            st.markdown(f"{t('a11y.admin.wanted_format')}: {plain(row.wanted_format)}")
        contact = " · ".join(plain(v) for v in (row.contact_name, row.contact_email) if v)
        st.markdown(f"{t('a11y.admin.contact')}: {contact or t('a11y.admin.no_contact')}")
        st.caption(f"{t('a11y.admin.language')}: {'Svenska' if row.language == 'sv' else 'English'}")
        if row.status == BarrierReportStatus.handled:
            st.markdown(t("a11y.admin.handled", at=fmt_datetime(row.handled_at), by=plain(row.handled_by or "–")))
            if row.handling_note:
                st.text(row.handling_note)
            continue
        note = st.text_area(t("a11y.admin.note"), key=f"barrier_note_{row.id}", max_chars=barriers.MAX_TEXT)
        if st.button(t("a11y.admin.mark_handled"), key=f"barrier_done_{row.id}", icon=":material/done:"):

            def handle(report_id: int = row.id, text: str = note) -> bool:
                with context.writing() as session:
                    barriers.mark_handled(session=session, actor=me, report_id=report_id, note=text)
                return True

            if attempt(handle):
                flash_and_rerun("a11y.admin.marked")
pager(page, "barriers_page")

"""The import panel of Rapportera värden: templates to download, then a file of many values, imported
whole with a progress bar, or refused with every bad row listed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import db
from components import context
from components.context import t
from components.ui import flash_and_rerun, message, show_error
from services.indicators import file_import
from services.people.auth import Actor
from services.shared.errors import DomainError
from services.shared.exports import CSV_MIME, XLSX_MIME


def import_panel(me: Actor | None, organisation_id: int) -> None:
    """Template downloads, then a file of many values: imported whole, or refused with every bad row."""
    st.markdown(t("indicators.report.import_help"))
    engine = context.engine()

    def template(kind: str) -> bytes:
        """Built when clicked, outside the page's run: no Streamlit calls in here."""
        with db.read_session(engine) as session:
            return file_import.template(session=session, actor=me, organisation_id=organisation_id, kind=kind)

    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(
        t("indicators.report.template_xlsx"),
        lambda: template("xlsx"),
        "mall-indikatorvarden.xlsx",
        XLSX_MIME,
        key="imp_template_xlsx",
        on_click="ignore",
    )
    d2.download_button(
        t("indicators.report.template_csv"),
        lambda: template("csv"),
        "mall-indikatorvarden.csv",
        CSV_MIME,
        key="imp_template_csv",
        on_click="ignore",
    )
    uploaded = st.file_uploader(t("indicators.report.file"), type=["csv", "xlsx"], key="imp_file")
    submit = st.checkbox(t("indicators.report.import_submit"), key="imp_submit")
    if st.button(t("indicators.report.import"), key="imp_go", type="primary", disabled=uploaded is None):
        _run_import(me, uploaded.name, uploaded.getvalue(), submit)


def _run_import(me: Actor | None, filename: str, content: bytes, submit: bool) -> None:
    bar = st.progress(0.0, text=t("indicators.report.importing"))

    def show(share: float) -> None:
        bar.progress(min(share, 1.0), text=t("indicators.report.importing"))

    try:
        # Checked in a read session, then written in one short write: others' writes do not wait.
        with context.reading() as session:
            checked = file_import.check_file(
                session=session, actor=me, content=content, filename=filename, progress=show
            )
        with context.writing() as session:
            result = file_import.write_checked(session=session, actor=me, checked=checked, submit=submit, progress=show)
    except file_import.ImportRefused as refused:
        bar.empty()
        if all(r.line == 0 for r in refused.rows):  # the file as a whole: no rows to list
            st.error(message(refused.rows[0].message), icon=":material/error:")
            return
        st.error(t(refused.key, **refused.params), icon=":material/error:")
        st.dataframe(
            pd.DataFrame(
                {
                    t("indicators.report.col_line"): [r.line for r in refused.rows],
                    t("indicators.report.col_problem"): [message(r.message) for r in refused.rows],
                }
            ),
            hide_index=True,
            width="stretch",
            alt=t("grid.import_refused"),
        )
        return
    except DomainError as error:
        bar.empty()
        show_error(error)
        return
    flash_and_rerun("indicators.report.imported", rows=result.rows, created=result.created, updated=result.updated)

"""A chart that can also be read as a table and downloaded: every chart in the app goes through here, so
that no figure is only an image (WCAG 1.1.1) and every grid has a name."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from components import vega
from components.charts import readable
from components.context import t
from services.shared.exports import CSV_MIME, XLSX_MIME, table_to_csv, table_to_xlsx


def chart_name(chart: alt.TopLevelMixin | dict[str, Any]) -> str | None:
    """The chart's description (its accessible name), if it has one."""
    description = chart.get("description") if isinstance(chart, dict) else getattr(chart, "description", alt.Undefined)
    return description if isinstance(description, str) and description else None


def chart_with_table(
    chart: alt.TopLevelMixin | dict[str, Any],
    table: pd.DataFrame,
    *,
    key: str,
    filename: str,
    name: str | None = None,
) -> None:
    """The chart, or (by choice) the same aggregated rows as a table; both downloadable as CSV/.xlsx.

    `table` holds the chart's rows with the reader's column headers, so what is downloaded is what
    the chart shows. `name` names the table for screen readers (default: the chart's description).
    """
    if st.toggle(t("indicators.area.show_table"), key=f"{key}_as_table"):
        st.dataframe(table, hide_index=True, width="stretch", alt=name or chart_name(chart))
    else:
        vega.draw(readable(chart if isinstance(chart, dict) else vega.spec(chart)), width="stretch")
    table_downloads(table, key=key, filename=filename)


def table_downloads(table: pd.DataFrame, *, key: str, filename: str) -> None:
    """Two buttons that download `table` (its headers as shown) as CSV and as Excel."""
    headers = [str(c) for c in table.columns]

    def rows() -> list[list]:  # empty cells as empty, not NaN (pandas' where: ~15 ms a table)
        return table.astype(object).where(table.notna(), None).values.tolist()

    # One horizontal row, not two columns (two layout blocks fewer a chart: 14 on an area dashboard).
    row = st.container(horizontal=True, gap="small")
    # The files, rows included, are built when clicked (Streamlit runs the callable then), not at every
    # run of the page.
    row.download_button(
        t("indicators.area.download_csv"),
        lambda: table_to_csv(headers, rows()),
        file_name=f"{filename}.csv",
        mime=CSV_MIME,
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",  # a download needs no rerun (which would renew the button's file mid-download)
    )
    row.download_button(
        t("indicators.area.download_xlsx"),
        lambda: table_to_xlsx(headers, rows()),
        file_name=f"{filename}.xlsx",
        mime=XLSX_MIME,
        key=f"{key}_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )

"""Innovationsbokslut: the year's report per region, area and organisation, with commentary written
here, exported as .xlsx and PDF; freezing a year keeps its figures as published. Admins and the council
read it all, a manager the region, the areas and their own organisation; admins write the region's and
the areas' commentary, each manager their own organisation's; only admins freeze a year."""

import pandas as pd
import streamlit as st

from components import background, caching, context, vega
from components.benefits.totals import benefits_by_level, by_kind_chart, level_benefits, totals_table
from components.budgets.views import annual_budget
from components.context import label, lang, t
from components.indicators import views
from components.kpi import tiles
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_datetime, heading, plain
from models import BenefitKind
from services.annual_report import charts as annual_charts
from services.annual_report import export
from services.annual_report import report as annual
from services.benefits.figures import KindCount
from services.shared.errors import PermissionDenied
from services.shared.exports import XLSX_MIME
from services.shared.history import today as stockholm_today

PDF_MIME = "application/pdf"


@caching.shared(max_entries=32)  # 1.4 MB of objects each at ten times the region (components/caching)
def _report(key: tuple, year: int) -> annual.Report:
    """The year's report as the reader's scope may read it (context.scope_key), per data version."""
    with context.reading() as session:
        return annual.report(session, context.actor(), year)


def _years() -> list[int]:
    with context.reading() as session:
        return annual.report_years(session, stockholm_today())


heading("nav.annual_report", "annual.caption")
years = _years()
year_col, level_col = st.columns([1, 3])
year = year_col.selectbox(
    t("annual.year"), years, index=1 if len(years) > 1 else 0, key="annual_year", placeholder=t("ui.choose")
)
try:
    annual.require_reader(context.actor())  # per reader; the report is the same for their scope
    report = _report(context.scope_key(), year)
except PermissionDenied:
    st.error(t("errors.permission_denied"))
    st.stop()
data = report.data

if report.frozen_at:
    st.success(
        t("annual.frozen_note", at=fmt_datetime(report.frozen_at), by=plain(report.frozen_by or "–")),
        icon=":material/lock:",
    )
else:
    st.info(t("annual.live_note"), icon=":material/update:")

# --- exports of the whole report
language = lang()
left, right = st.columns(2)
left.download_button(
    t("annual.download_xlsx"),
    lambda: export.to_workbook(report, language),  # built when clicked
    file_name=f"innovationsbokslut-{year}.xlsx",
    mime=XLSX_MIME,
    icon=":material/table_view:",
    key="annual_xlsx",
)
with right:  # seconds of drawing at scale: built in a worker process, with progress, shared per scope
    background.download_button(
        ("annual_pdf", context.scope_key(), year, language),
        export.to_pdf,
        (report, language),
        start_label=t("annual.build_pdf"),
        label=t("annual.download_pdf"),
        file_name=f"innovationsbokslut-{year}.pdf",
        mime=PDF_MIME,
        widget_key="annual_pdf",
        icon=":material/picture_as_pdf:",
    )

# --- one level at a time
names = annual.level_names(data, language)
levels = annual.ordered_levels(data)


def _level_label(key: str) -> str:
    prefix = "" if key == annual.REGION else "· " if key.startswith("area:") else "· · "
    return prefix + names.get(key, key)


by_label = {_level_label(key): key for key in levels}
level = by_label[level_col.selectbox(t("annual.level"), list(by_label), key="annual_level", placeholder=t("ui.choose"))]
figures = data["levels"][level]
st.subheader(t("annual.level_heading", name=plain(names.get(level, level)), year=year))

indicator_units = {i.get("computation"): i["unit"] for i in data["indicators"] if i.get("computation")}
tiles(
    [
        {
            "label": t(f"annual.col.{key}"),
            "value": views.fmt_value(annual.summary_value(data, level, key), indicator_units.get(key, "antal")),
        }
        for key in annual.SUMMARY
    ]
    + [{"label": t("annual.col.testbeds_open"), "value": views.fmt_number(figures["testbeds"].get("open", 0))}]
)

stage_col, kind_col = st.columns(2)
slug = f"{year}-{level.replace(':', '-')}"
with stage_col:
    st.markdown(f"**{t('annual.chart.stages')}**")
    stages = annual_charts.stages_frame(figures, lang())
    views.chart_with_table(
        vega.built(annual_charts.stages_chart, stages, lang()),  # the same spec the PDF prints
        stages.rename(columns={"category": t("annual.col.stage"), "value": t("annual.col.ideas")}),
        key="annual_stages",
        filename=f"ideer-per-steg-{slug}",
    )
with kind_col:
    st.markdown(f"**{t('annual.chart.kinds')}**")
    kinds = annual_charts.kinds_frame(figures, lang())
    views.chart_with_table(
        vega.built(annual_charts.kinds_chart, kinds, lang()),
        kinds.rename(columns={"category": t("annual.col.submitter"), "value": t("annual.col.ideas")}),
        key="annual_kinds",
        filename=f"ideer-per-inlamnare-{slug}",
    )

st.markdown(f"**{t('annual.indicators')}**")
indicator_rows = []
for ind in data["indicators"]:
    entry = figures["indicators"].get(ind["code"])
    if entry is not None:
        indicator_rows.append(
            {
                t("annual.col.code"): ind["code"],
                t("annual.col.indicator"): ind["name_en" if language == "en" else "name_sv"],
                t("annual.col.value"): views.fmt_value(entry["value"], ind["unit"]),
                t("annual.col.target"): views.fmt_value(entry["target"], ind["unit"]),
                t("annual.col.met"): "–"
                if entry["met"] is None
                else t("annual.yes")
                if entry["met"]
                else t("annual.no"),
            }
        )
st.dataframe(pd.DataFrame(indicator_rows), hide_index=True, width="stretch", alt=t("grid.annual_indicators"))

if figures["testbeds"]:
    st.markdown(f"**{t('annual.testbeds')}**")
    st.dataframe(
        pd.DataFrame(
            [(label(s, "testbed_status"), n) for s, n in sorted(figures["testbeds"].items())],
            columns=[t("annual.col.status"), t("annual.col.count")],
        ),
        hide_index=True,
        alt=t("annual.testbeds"),
    )

# --- nytta: benefits at the year's end (this level, then the levels below it), the year's ideas and
# applications by kind of benefit
st.markdown(f"**{t('annual.benefits')}**")
st.caption(t("benefits.totals_help"))
totals_table(level_benefits(figures))
below = [k for k in annual.child_levels(data, level) if k in levels]
if below:
    st.markdown(f"**{t('annual.benefits_by_level')}**")
    benefits_by_level([(names.get(k, k), level_benefits(data["levels"][k])) for k in below])
ideas_by, applications_by = figures.get("ideas_by_benefit", {}), figures.get("applications_by_benefit", {})
st.markdown(f"**{t('benefits.by_kind', period=year)}**")
by_kind_chart(
    [KindCount(k.value, ideas_by.get(k.value, 0), applications_by.get(k.value, 0)) for k in BenefitKind],
    key="annual_benefit_kinds",
    filename=f"nytta-{slug}",
    colour="#6a1b9a",
)

# --- innovation budget against outcome: this level, then the levels below it
annual_budget(figures.get("budget"), [(names.get(k, k), data["levels"][k].get("budget")) for k in below], year)

# --- commentary: the region's and the areas' by admins, each organisation's by its managers
me = context.actor()
st.subheader(t("annual.commentary"))
current = report.commentary.get(level, "")
if report.frozen or me is None or not annual.may_write_level(me, level):
    st.markdown(plain(current) if current else t("annual.no_commentary"))
else:
    kind, _, ident = level.partition(":")
    where = {"organisation_id": None, "area_id": None}
    if kind in ("org", "area"):
        where["organisation_id" if kind == "org" else "area_id"] = int(ident)
    with st.form(f"annual_commentary_{year}_{level}"):
        text = st.text_area(
            t("annual.commentary_label", name=plain(names.get(level, level))),
            value=current,
            max_chars=annual.MAX_COMMENTARY,
            height=160,
            key=f"annual_commentary_text_{year}_{level}",
        )
        errors = FieldErrors()
        errors.slot("commentary", t("annual.commentary_label", name=plain(names.get(level, level))))
        if st.form_submit_button(t("annual.save_commentary"), type="primary"):

            def _save() -> object:
                with context.writing() as session:
                    return annual.save_commentary(
                        session, me, year, where["organisation_id"], text, area_id=where["area_id"]
                    )

            if attempt(_save, errors) is not None:
                flash_and_rerun("annual.commentary_saved")

# --- freezing the year (admins)
if not report.frozen and me is not None and me.is_admin:
    with st.expander(t("annual.freeze_heading"), icon=":material/lock:"):
        st.caption(t("annual.freeze_help"))
        sure = st.checkbox(t("annual.freeze_confirm", year=year), key=f"annual_freeze_sure_{year}")
        errors = FieldErrors()
        errors.slot("year")
        if st.button(t("annual.freeze", year=year), disabled=not sure, key=f"annual_freeze_{year}"):

            def _freeze() -> object:
                with context.writing() as session:
                    return annual.freeze(session, context.actor(), year, today=stockholm_today())

            if attempt(_freeze, errors) is not None:
                flash_and_rerun("annual.frozen_done", year=year)

"""The innovationsbokslut as files: an .xlsx workbook (through services.shared.exports) and a PDF with charts.

Both are made from a `Report` (live figures or a frozen snapshot), in the language asked for, without
Streamlit. The PDF uses DejaVu Sans from matplotlib's own fonts, so Å, Ä, Ö and dashes print in any
language; the charts are the page's own Altair specs (`services.annual_report.charts`), rendered to PNG
by vl-convert, so print and screen show the same chart.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import vl_convert
from fpdf import FPDF

import i18n
from models import BenefitKind, BenefitUnit
from services.annual_report.charts import KINDS, STAGES, kinds_chart, kinds_frame, stages_chart, stages_frame
from services.annual_report.report import REGION, SUMMARY, Report, level_names, ordered_levels, summary_value
from services.indicators.targets import unit_name
from services.shared.charts import Spec
from services.shared.exports import to_xlsx

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
BENEFIT_UNITS: tuple[str, ...] = tuple(u.value for u in BenefitUnit)
BENEFIT_KINDS: tuple[str, ...] = tuple(k.value for k in BenefitKind)


def _translator(language: str) -> Callable[..., str]:
    return lambda key, **params: i18n.t(key, language, **params)


def _number(value: float | None, language: str) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", " ") if language == "sv" else text
    text = f"{value:,.1f}"
    return text.replace(",", " ").replace(".", ",") if language == "sv" else text


def _with_unit(value: float | None, unit: str | None, language: str) -> str:
    """A figure with its unit in the reader's language, except plain counts: 46,2 %, 10 600 000 kr."""
    text = _number(value, language)
    if value is None or unit in (None, "antal"):
        return text
    return f"{text} {unit_name(unit, language)}"


def _rule(indicator: dict[str, Any], language: str) -> str:
    """How the figure adds up ("Andel · täljare / nämnare"); a report frozen before rules existed says nothing."""
    aggregation = indicator.get("aggregation")
    if not aggregation:
        return ""
    text = i18n.label(aggregation, "aggregation", language)
    weighting = indicator.get("weighting")
    return f"{text} · {i18n.label(weighting, 'weighting', language)}" if weighting else text


def _level_kind(key: str) -> str:
    return "region" if key == REGION else key.split(":", 1)[0]


# ---------------------------------------------------------------- .xlsx


def to_workbook(report: Report, language: str) -> bytes:
    """The whole report as a workbook: key figures, ideas by stage and submitter, indicators against
    targets, testbeds and commentary, one row per level and figure."""
    t = _translator(language)
    data = report.data
    names = level_names(data, language)
    levels = ordered_levels(data)
    level_head = [t("annual.col.level"), t("annual.col.name")]

    def who(key: str) -> list[str]:
        return [t(f"annual.level.{_level_kind(key)}"), names.get(key, key)]

    summary = [
        [*who(k), *[summary_value(data, k, c) for c in SUMMARY], data["levels"][k]["testbeds"].get("open", 0)]
        for k in levels
    ]
    stages = [
        [*who(k), i18n.label(s, "stage", language), data["levels"][k]["ideas_by_stage"].get(s, 0)]
        for k in levels
        for s in STAGES
    ]
    kinds = [
        [*who(k), i18n.label(kd, "submitter_kind", language), data["levels"][k]["ideas_by_kind"].get(kd, 0)]
        for k in levels
        for kd in KINDS
    ]
    indicators = []
    for k in levels:
        for ind in data["indicators"]:
            entry = data["levels"][k]["indicators"].get(ind["code"])
            if entry is None:
                continue
            met = entry["met"]
            indicators.append(
                [
                    *who(k),
                    ind["code"],
                    ind["name_en" if language == "en" else "name_sv"],
                    unit_name(ind["unit"], language),
                    _rule(ind, language),
                    entry["value"],
                    entry["target"],
                    "" if met is None else t("annual.yes") if met else t("annual.no"),
                ]
            )
    testbeds = [
        [*who(k), i18n.label(status, "testbed_status", language), n]
        for k in levels
        for status, n in sorted(data["levels"][k]["testbeds"].items())
    ]
    comments = [[*who(k), report.commentary[k]] for k in levels if report.commentary.get(k)]
    benefits = [
        [
            *who(k),
            i18n.label(unit, "benefit_unit", language),
            v["realised"],
            v["estimated"],
            v["measured"],
            v["benefits"],
        ]
        for k in levels
        for unit in BENEFIT_UNITS
        if (v := data["levels"][k].get("benefits", {}).get(unit))
    ]
    benefit_kinds = [
        [
            *who(k),
            i18n.label(kind, "benefit_kind", language),
            data["levels"][k].get("ideas_by_benefit", {}).get(kind, 0),
            data["levels"][k].get("applications_by_benefit", {}).get(kind, 0),
        ]
        for k in levels
        for kind in BENEFIT_KINDS
    ]
    budget_rows = [
        [
            *who(k),
            b["budget_sek"],
            b["granted_sek"],
            None if not b["budget_sek"] else round(100.0 * b["granted_budgeted_sek"] / b["budget_sek"], 1),
            b["projects_running"],
            b["ideas_implemented"],
            b["budgeted"],
        ]
        for k in levels
        if (b := data["levels"][k].get("budget")) is not None  # a year frozen before budgets has none
    ]
    return to_xlsx(
        {
            t("annual.sheet.summary"): (
                [*level_head, *[t(f"annual.col.{c}") for c in SUMMARY], t("annual.col.testbeds_open")],
                summary,
            ),
            t("annual.sheet.stages"): ([*level_head, t("annual.col.stage"), t("annual.col.ideas")], stages),
            t("annual.sheet.kinds"): ([*level_head, t("annual.col.submitter"), t("annual.col.ideas")], kinds),
            t("annual.sheet.indicators"): (
                [
                    *level_head,
                    t("annual.col.code"),
                    t("annual.col.indicator"),
                    t("annual.col.unit"),
                    t("annual.col.rule"),
                    t("annual.col.value"),
                    t("annual.col.target"),
                    t("annual.col.met"),
                ],
                indicators,
            ),
            t("annual.sheet.testbeds"): ([*level_head, t("annual.col.status"), t("annual.col.count")], testbeds),
            t("annual.sheet.benefits"): (
                [
                    *level_head,
                    t("benefits.col.unit"),
                    t("benefits.col.realised"),
                    t("benefits.col.estimated"),
                    t("annual.col.benefits_measured"),
                    t("annual.col.benefits"),
                ],
                benefits,
            ),
            t("annual.sheet.benefit_kinds"): (
                [*level_head, t("benefits.col.kind"), t("benefits.col.ideas"), t("benefits.col.applications")],
                benefit_kinds,
            ),
            t("annual.sheet.budget"): (
                [
                    *level_head,
                    t("budget.budget"),
                    t("budget.granted"),
                    t("budget.share"),
                    t("budget.running"),
                    t("budget.implemented"),
                    t("budget.budgeted_orgs"),
                ],
                budget_rows,
            ),
            t("annual.sheet.commentary"): ([*level_head, t("annual.col.commentary")], comments),
        }
    )


# ---------------------------------------------------------------- PDF


CHART_WIDTH = 520  # px in the spec; printed 170 mm wide at twice the resolution (`CHART_SCALE`)
CHART_SCALE = 2


def chart_png(chart: Spec) -> bytes:
    """A chart as PNG bytes, rendered from its Vega-Lite spec as the browser would draw it."""
    return vl_convert.vegalite_to_png({**chart, "width": CHART_WIDTH}, scale=CHART_SCALE)


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer_text
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=15)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 8, f"{self._footer_text} · {self.page_no()}", align="C")


def _heading(pdf: _Pdf, text: str, size: int = 14) -> None:
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _table(pdf: _Pdf, headers: list[str], rows: list[list[Any]], widths: list[float]) -> None:
    pdf.set_font("DejaVu", "", 8)
    with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=True, line_height=5) as table:
        table.row([str(h) for h in headers])
        for row in rows:
            table.row(["" if v is None else str(v) for v in row])
    pdf.ln(3)


def to_pdf(report: Report, language: str, *, progress: Callable[[float], None] | None = None) -> bytes:
    """The report for print: the region with charts, each area with its organisations, commentary.
    `progress(share)` hears how much is drawn (0–1), after the region and after each area."""
    steps = 1 + len(report.data["areas"])
    t = _translator(language)
    data = report.data
    names = level_names(data, language)
    status = (
        t("annual.pdf.frozen", at=report.frozen_at.date().isoformat())
        if report.frozen_at
        else t("annual.pdf.live", at=data["computed_at"][:10])
    )
    pdf = _Pdf(t("annual.pdf.footer", year=report.year))
    pdf.add_page()
    _heading(pdf, t("annual.pdf.title", year=report.year), 18)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, status, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _level_section(pdf, report, REGION, names[REGION], language, charts=True)
    if progress:
        progress(1 / steps)
    for done, area in enumerate(data["areas"], start=2):
        pdf.add_page()
        key = f"area:{area['id']}"
        _level_section(pdf, report, key, names[key], language, charts=True)
        orgs = [o for o in data["organisations"] if o["area_id"] == area["id"]]
        if orgs:
            _heading(pdf, t("annual.pdf.organisations"), 11)
            rows = [
                [o["short_name"], *[_number(summary_value(data, f"org:{o['id']}", c), language) for c in SUMMARY[:6]]]
                for o in orgs
            ]
            _table(
                pdf,
                [t("annual.col.name"), *[t(f"annual.col.{c}") for c in SUMMARY[:6]]],
                rows,
                [22, 24, 24, 24, 24, 36, 36],
            )
            _organisations_benefits(pdf, report, orgs, language)
            for org in orgs:
                text = report.commentary.get(f"org:{org['id']}")
                if text:
                    _heading(pdf, t("annual.pdf.commentary_of", name=org["name"]), 10)
                    pdf.set_font("DejaVu", "", 9)
                    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
                    pdf.ln(2)
        if progress:
            progress(done / steps)
    return bytes(pdf.output())


def _level_section(pdf: _Pdf, report: Report, key: str, name: str, language: str, *, charts: bool) -> None:
    t = _translator(language)
    data = report.data
    level = data["levels"][key]
    units = {i.get("computation"): i["unit"] for i in data["indicators"]}
    _heading(pdf, name, 14)
    text = report.commentary.get(key)
    if text:
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    _table(
        pdf,
        [t("annual.col.figure"), t("annual.col.value")],
        [[t(f"annual.col.{c}"), _with_unit(summary_value(data, key, c), units.get(c), language)] for c in SUMMARY],
        [120, 60],
    )
    if charts:
        for title, chart in (
            (t("annual.chart.stages"), stages_chart(stages_frame(level, language), language)),
            (t("annual.chart.kinds"), kinds_chart(kinds_frame(level, language), language)),
        ):
            _heading(pdf, title, 10)
            pdf.image(io.BytesIO(chart_png(chart)), w=170)
            pdf.ln(2)
    rows = []
    for ind in data["indicators"]:
        entry = level["indicators"].get(ind["code"])
        if entry is None:
            continue
        met = entry["met"]
        rows.append(
            [
                ind["code"],
                ind["name_en" if language == "en" else "name_sv"],
                _with_unit(entry["value"], ind["unit"], language),
                _with_unit(entry["target"], ind["unit"], language),
                "–" if met is None else t("annual.yes") if met else t("annual.no"),
            ]
        )
    if rows:
        _heading(pdf, t("annual.pdf.indicators"), 11)
        _table(
            pdf,
            [
                t("annual.col.code"),
                t("annual.col.indicator"),
                t("annual.col.value"),
                t("annual.col.target"),
                t("annual.col.met"),
            ],
            rows,
            [18, 86, 30, 30, 16],
        )
    benefit_rows = [
        [
            i18n.label(unit, "benefit_unit", language),
            _number(v["realised"], language),
            _number(v["estimated"], language),
            t("benefits.measured_of", measured=v["measured"], benefits=v["benefits"]),
        ]
        for unit in BENEFIT_UNITS
        if (v := level.get("benefits", {}).get(unit))
    ]
    if benefit_rows:
        _heading(pdf, t("annual.pdf.benefits"), 11)
        _table(
            pdf,
            [t(f"benefits.col.{c}") for c in ("unit", "realised", "estimated", "measured_of")],
            benefit_rows,
            [70, 40, 40, 30],
        )
    _budget(pdf, level.get("budget"), report.year, language)


def _budget(pdf: _Pdf, budget: dict[str, Any] | None, year: int, language: str) -> None:
    """The level's innovation budget against outcome (none in a year frozen before budgets were reported)."""
    if budget is None:
        return
    t = _translator(language)
    share = None if not budget["budget_sek"] else 100.0 * budget["granted_budgeted_sek"] / budget["budget_sek"]
    _heading(pdf, t("budget.section", year=year), 11)
    _table(
        pdf,
        [t("annual.col.figure"), t("annual.col.value")],
        [
            [t("budget.budget"), _with_unit(budget["budget_sek"], "SEK", language)],
            [t("budget.granted"), _with_unit(budget["granted_sek"], "SEK", language)],
            [t("budget.share"), _with_unit(None if share is None else round(share, 1), "%", language)],
            [t("budget.running"), _number(budget["projects_running"], language)],
            [t("budget.implemented"), _number(budget["ideas_implemented"], language)],
            [t("budget.budgeted_orgs"), f"{budget['budgeted']} / {budget['organisations']}"],
        ],
        [120, 60],
    )


def _organisations_benefits(pdf: _Pdf, report: Report, orgs: list[dict[str, Any]], language: str) -> None:
    """An area's organisations' benefits at the year's end, one row per organisation and unit."""
    t = _translator(language)
    rows = [
        [
            o["short_name"],
            i18n.label(unit, "benefit_unit", language),
            _number(v["realised"], language),
            _number(v["estimated"], language),
            t("benefits.measured_of", measured=v["measured"], benefits=v["benefits"]),
        ]
        for o in orgs
        for unit in BENEFIT_UNITS
        if (v := report.data["levels"].get(f"org:{o['id']}", {}).get("benefits", {}).get(unit))
    ]
    if rows:
        _heading(pdf, t("annual.pdf.organisations_benefits"), 11)
        _table(
            pdf,
            [t("annual.col.name"), *[t(f"benefits.col.{c}") for c in ("unit", "realised", "estimated", "measured_of")]],
            rows,
            [30, 60, 30, 30, 30],
        )

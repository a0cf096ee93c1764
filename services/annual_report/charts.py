"""The innovationsbokslut's two charts (ideas per stage, ideas per kind of submitter) for one level of the
report: one Altair spec each, shown on the page and rendered into the PDF (`export.to_pdf`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

import i18n
from models import STAGE_PATH, IdeaStage, SubmitterKind
from services.shared.charts import Spec, simple_bars

STAGES: tuple[str, ...] = (*[s.value for s in STAGE_PATH], IdeaStage.parked.value, IdeaStage.closed.value)
KINDS: tuple[str, ...] = tuple(k.value for k in SubmitterKind)
STAGE_COLOUR = "#1f6fb2"
KIND_COLOUR = "#2e7d32"


def stages_frame(level: dict[str, Any], language: str) -> pd.DataFrame:
    """Ideas per stage of a level's figures (`report.data["levels"][key]`), in the path's order."""
    rows = [(i18n.label(s, "stage", language), level["ideas_by_stage"].get(s, 0)) for s in STAGES]
    return pd.DataFrame(rows, columns=["category", "value"])


def kinds_frame(level: dict[str, Any], language: str) -> pd.DataFrame:
    """Ideas per kind of submitter of a level's figures."""
    rows = [(i18n.label(k, "submitter_kind", language), level["ideas_by_kind"].get(k, 0)) for k in KINDS]
    return pd.DataFrame(rows, columns=["category", "value"])


def stages_chart(frame: pd.DataFrame, language: str) -> Spec:
    return simple_bars(
        frame,
        category_title=i18n.t("annual.col.stage", language),
        value_title=i18n.t("annual.col.ideas", language),
        description=i18n.t("annual.chart.stages_description", language),
        colour=STAGE_COLOUR,
    )


def kinds_chart(frame: pd.DataFrame, language: str) -> Spec:
    return simple_bars(
        frame,
        category_title=i18n.t("annual.col.submitter", language),
        value_title=i18n.t("annual.col.ideas", language),
        description=i18n.t("annual.chart.kinds_description", language),
        colour=KIND_COLOUR,
    )

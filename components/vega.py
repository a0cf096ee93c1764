"""Drawing the chart builders' Altair charts (components/charts.py) on a page.

`st.altair_chart` validates the whole Vega-Lite spec against Altair's JSON schema at every run: 20–50 ms
a chart, more than the rest of a page whose figures come from the cache (the area dashboards draw five).
Here the spec is made without that check and handed to `st.vega_lite_chart`; the builders' specs are
validated by the tests (tests/components), where a wrong one fails once instead of slowing every run.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

# Altair's default theme puts a 300 × 300 view size in every spec; Streamlit sizes charts itself (it
# switches that theme off for st.altair_chart too).
_THEME_DEFAULTS = ("continuousWidth", "continuousHeight")


def spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec, data inline, without the schema check."""
    result = chart.to_dict(validate=False)
    view = result.get("config", {}).get("view", {})
    for name in _THEME_DEFAULTS:
        view.pop(name, None)
    if "view" in result.get("config", {}) and not view:
        del result["config"]["view"]
    if "config" in result and not result["config"]:
        del result["config"]
    return result


def draw(chart: alt.TopLevelMixin | dict[str, Any], *, width: str = "stretch") -> None:
    """Draw a chart (or a spec made by `spec`, e.g. a cached one)."""
    st.vega_lite_chart(spec=chart if isinstance(chart, dict) else spec(chart), width=width)

"""The charts the pages draw: every builder's spec passes Altair's schema check here, because pages draw
them without it (components/vega.py), and what pages draw is that same spec; their rows go as Arrow.
The builders written as Vega-Lite specs make exactly the spec of the Altair chart they stand for."""

from __future__ import annotations

from datetime import date

import altair as alt
import jsonschema
import pandas as pd
import pyarrow as pa
import pytest
from altair.vegalite.v6.schema import core

from components import charts, context, vega
from components.budgets.views import budget_chart as organisation_budget_chart
from components.fund.admin import budget_chart
from components.ideas.overview import funnel_chart
from components.indicators import views
from services.shared import charts as shared_charts
from services.shared.charts import use_plain_rows

AREAS = pd.DataFrame(
    {
        "area": ["Hälso- och sjukvård", "Kultur"],
        "colour": ["#1f6fb2", "#8e44ad"],
    }
)


def _by_area(**columns: list) -> pd.DataFrame:
    return pd.concat([AREAS, pd.DataFrame(columns)], axis=1)


BUILDERS = {
    "stacked_bars": lambda: charts.stacked_bars(
        _by_area(stage=["Inkommen", "Test"], count=[3, 1]),
        category="stage",
        value="count",
        category_title="Steg",
        value_title="Idéer",
        order=["Inkommen", "Test"],
        description="Idéer per steg",
        colour_title="Område",
    ),
    "stacked_bars_long_labels": lambda: charts.stacked_bars(
        _by_area(testbed=["Testbädd för ortopedisk rehabilitering i hemmet", "Test"], requests=[3, 1]),
        category="testbed",
        value="requests",
        category_title="Testmiljö",
        value_title="Förfrågningar",
        order=["Testbädd för ortopedisk rehabilitering i hemmet", "Test"],
        description="Förfrågningar per testmiljö",
        colour_title="Område",
        label_limit=360,
    ),
    "monthly_bars": lambda: charts.monthly_bars(
        _by_area(month=[date(2026, 1, 1), date(2026, 2, 1)], count=[3, 1]),
        value="count",
        value_title="Idéer",
        month_title="Månad",
        description="Idéer per månad",
        colour_title="Område",
    ),
    "grouped_bars": lambda: charts.grouped_bars(
        _by_area(year=[2025, 2026], granted_sek=[100_000, 250_000]),
        x="year",
        y="granted_sek",
        x_title="År",
        y_title="Beviljat",
        description="Beviljat per år",
        colour_title="Område",
    ),
    "simple_bars": lambda: views.simple_bars(
        pd.DataFrame({"category": ["Inkommen", "Test"], "value": [3, 1]}),
        category_title="Steg",
        value_title="Idéer",
        description="Idétratten",
        colour="#1f6fb2",
    ),
    "series_chart": lambda: views.series_chart(
        pd.DataFrame({"period": ["2025", "2026"], "value": [3.0, 4.0], "target": [5.0, None]}),
        value_title="Idéer",
        period_title="Period",
        description="Över tid",
    ),
    "bars_with_targets": lambda: views.bars_with_targets(
        pd.DataFrame(
            {"category": ["KS", "SÖS"], "name": ["Karolinska", "Södersjukhuset"], "value": [3, 1], "target": [4, None]}
        ),
        category_title="Organisation",
        value_title="Idéer",
        description="Per organisation",
    ),
    "funnel_chart": lambda: funnel_chart(
        pd.DataFrame({"stage": ["Inkommen", "Test"], "reached": [3, 1]}),
        stage_title="Steg",
        value_title="Nådde steget",
        description="Hur långt idéerna kommer",
    ),
    "organisation_budget_chart": lambda: organisation_budget_chart(
        pd.DataFrame(
            {
                "category": ["KS", "KS"],
                "name": ["Karolinska", "Karolinska"],
                "measure": ["Budget", "Beviljat"],
                "value": [1_000_000, 400_000],
            }
        ),
        description="Budget per organisation",
        colour="#1f6fb2",
    ),
    "budget_chart": lambda: budget_chart(
        pd.DataFrame(
            {
                "label": ["Utlysning 2026"],
                "budget": [1_000_000],
                "applied": [900_000],
                "granted": [400_000],
                "spent": [100_000],
                "remaining": [600_000],
            }
        ),
        description="Budget per utlysning",
        x_title="Utlysning",
        y_title="kr",
        measure_title="Mått",
    ),
}


def _checked(chart: alt.TopLevelMixin | dict) -> dict:
    """The chart's spec after Altair's JSON-schema validation (raises on a wrong spec)."""
    if isinstance(chart, dict):
        core.TopLevelSpec.validate(chart)
        return chart
    return chart.to_dict()


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_builder_makes_a_valid_spec_and_pages_draw_that_spec(name: str) -> None:
    chart = BUILDERS[name]()
    checked = _checked(chart)
    drawn = vega.spec(chart)
    assert _description(drawn) == _description(checked) is not None  # the accessible name survives
    assert "continuousWidth" not in drawn.get("config", {}).get("view", {})  # Streamlit sizes the chart
    without_theme = {k: v for k, v in checked.items() if k != "config"}
    assert {k: v for k, v in drawn.items() if k != "config"} == without_theme


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_builders_spec_is_the_same_with_the_apps_data_transformer(name: str) -> None:
    before = alt.data_transformers.active
    try:
        with alt.data_transformers.enable("default"):
            altairs = vega.spec(BUILDERS[name]())
        use_plain_rows()  # as app.py does
        assert vega.spec(BUILDERS[name]()) == altairs
    finally:
        alt.data_transformers.enable(before)


def test_a_builders_spec_is_made_once_per_inputs_and_language(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    def funnel(frame: pd.DataFrame, *, colour: str) -> alt.Chart:
        made.append(context.lang())
        return views.simple_bars(
            frame,
            category_title=context.t("indicators.area.stage"),
            value_title=context.t("indicators.area.ideas"),
            description=context.t("indicators.area.funnel_description"),
            colour=colour,
        )

    def reader_language(language: str) -> None:
        monkeypatch.setattr(context, "lang", lambda: language)
        monkeypatch.setattr(vega, "lang", lambda: language)

    vega._built.clear()
    reader_language("sv")
    frame = pd.DataFrame({"category": ["Inkommen", "Test"], "value": [3, 1]})
    first = vega.built(funnel, frame, colour="#1f6fb2")
    assert first == vega.arrow_datasets(vega.spec(funnel(frame, colour="#1f6fb2")))  # datasets as drawn
    made.clear()
    assert vega.built(funnel, frame.copy(), colour="#1f6fb2") == first  # equal inputs: from the cache
    assert made == []

    moved = vega.built(funnel, frame.assign(value=[4, 1]), colour="#1f6fb2")  # a new idea: a new spec
    assert _values(moved) == [4, 1]
    assert vega.built(funnel, frame, colour="#8e44ad") != first
    reader_language("en")
    english = vega.built(funnel, frame, colour="#1f6fb2")
    assert english["encoding"]["x"]["title"] == "Ideas" != first["encoding"]["x"]["title"]
    assert made == ["sv", "sv", "en"]


def test_what_a_page_makes_from_its_figures_is_made_once_per_inputs_and_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[tuple[str, int]] = []

    def table(counts: list[int], *, title_key: str) -> pd.DataFrame:
        made.append((context.lang(), len(counts)))
        return pd.DataFrame({context.t(title_key): counts})

    monkeypatch.setattr(context, "lang", lambda: "sv")
    monkeypatch.setattr(vega, "lang", lambda: "sv")
    vega._made.clear()
    first = vega.made(table, [3, 1], title_key="indicators.area.ideas")
    assert list(first.columns) == ["Idéer"] and list(first.iloc[:, 0]) == [3, 1]
    assert vega.made(table, [3, 1], title_key="indicators.area.ideas").equals(first)
    assert made == [("sv", 2)]
    assert list(vega.made(table, [3, 1, 4], title_key="indicators.area.ideas").iloc[:, 0]) == [3, 1, 4]
    monkeypatch.setattr(context, "lang", lambda: "en")
    monkeypatch.setattr(vega, "lang", lambda: "en")
    assert list(vega.made(table, [3, 1], title_key="indicators.area.ideas").columns) == ["Ideas"]
    assert made == [("sv", 2), ("sv", 3), ("en", 2)]


def _values(spec: dict) -> list:
    return pa.ipc.open_stream(next(iter(spec["datasets"].values()))).read_all().column("value").to_pylist()


def test_a_wrong_spec_is_caught_here() -> None:
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        _checked(alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x=alt.X("x:Q", axis=alt.Axis(format=3))))
    wrong = shared_charts.vega_lite(
        pd.DataFrame({"x": [1]}), mark={"type": "bar"}, encoding={"x": shared_charts.channel("x:Q", axis={"format": 3})}
    )
    with pytest.raises(jsonschema.ValidationError):
        _checked(wrong)


def _description(spec: dict) -> str | None:
    """A chart's accessible name: on the chart, or for layered charts on their first layer."""
    return spec.get("description") or (spec.get("layer") or [{}])[0].get("description")


def test_datasets_go_as_arrow_with_repeated_texts_sent_once() -> None:
    rows = [
        {"category": f"ORG{i}", "measure": measure, "value": float(i)}
        for i in range(6)
        for measure in ("Budgeterat innovationsstöd", "Beviljat ur fonden")
    ]
    sent = vega.arrow_datasets({"datasets": {"d": rows, "mixed": [{"x": 1}, {"x": "a"}]}})["datasets"]
    table = pa.ipc.open_stream(sent["d"]).read_all()
    assert table.to_pylist() == rows  # what the browser's chart reads
    assert pa.types.is_dictionary(table.schema.field("measure").type)  # two texts, twelve rows
    assert pa.types.is_dictionary(table.schema.field("category").type)  # each twice
    assert pa.types.is_floating(table.schema.field("value").type)
    unique = pa.ipc.open_stream(vega.arrow_datasets({"datasets": {"d": rows[::2]}})["datasets"]["d"]).read_all()
    assert pa.types.is_string(unique.schema.field("category").type)  # no repeats: kept as plain text
    assert sent["mixed"] == [{"x": 1}, {"x": "a"}]  # rows Arrow cannot type are left to Streamlit


def test_each_area_keeps_its_own_colour_in_the_legend_in_name_order() -> None:
    frame = pd.DataFrame(
        {
            "area": ["Kultur", "Hälso- och sjukvård", "Kultur", "Regional utveckling"],
            "colour": ["#8e44ad", "#1f6fb2", "#8e44ad", "#2e7d32"],
        }
    )
    scale = charts._colour(frame, "Område").to_dict()["scale"]
    assert scale == {
        "domain": ["Hälso- och sjukvård", "Kultur", "Regional utveckling"],
        "range": ["#1f6fb2", "#8e44ad", "#2e7d32"],
    }
    without_area = charts._colour(frame.assign(area=["Kultur", None, "Kultur", "Annat"]), "Område").to_dict()
    assert without_area["scale"]["domain"][:2] == ["Annat", "Kultur"]  # the row without an area last


# ---------------------------------------------------------------- the specs written without Altair


def _altair_simple_bars(data, *, category_title, value_title, description, colour):
    return (
        alt.Chart(data, description=description)
        .mark_bar(color=colour)
        .encode(
            y=alt.Y("category:N", title=category_title, sort=None),
            x=alt.X("value:Q", title=value_title, axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("category:N", title=category_title), alt.Tooltip("value:Q", title=value_title)],
        )
    )


def _altair_series_chart(points, *, value_title, period_title, description):
    base = alt.Chart(description=description).encode(
        x=alt.X("period:O", title=period_title, sort=None, axis=alt.Axis(labelAngle=-45))
    )
    value = base.mark_line(point=True).encode(
        y=alt.Y("value:Q", title=value_title),
        tooltip=[alt.Tooltip("period:O", title=period_title), alt.Tooltip("value:Q", title=value_title)],
    )
    target = base.mark_line(strokeDash=[6, 4], interpolate="step-after", color="#595959", aria=False).encode(
        y=alt.Y("target:Q"),
        tooltip=[alt.Tooltip("period:O", title=period_title), alt.Tooltip("target:Q", title="Mål")],
    )
    return alt.layer(value, target, data=points).properties(description=description)


def _altair_bars_with_targets(data, *, category_title, value_title, description, colour="#1f6fb2"):
    base = alt.Chart(description=description).encode(y=alt.Y("category:N", title=category_title, sort=None))
    bars = base.mark_bar(color=colour).encode(
        x=alt.X("value:Q", title=value_title),
        tooltip=[alt.Tooltip("category:N", title=category_title), alt.Tooltip("value:Q", title=value_title)],
    )
    ticks = base.mark_tick(color="#222222", thickness=3, size=18, aria=False).encode(
        x=alt.X("target:Q"),
        tooltip=[alt.Tooltip("category:N", title=category_title), alt.Tooltip("target:Q", title="Mål")],
    )
    return alt.layer(bars, ticks, data=data).properties(description=description)


def _altair_organisation_budget_chart(frame, *, description, colour):
    return (
        alt.Chart(frame, description=description)
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title="Organisation", sort=None),
            yOffset=alt.YOffset("measure:N", sort=None),
            x=alt.X("value:Q", title="Kronor"),
            color=alt.Color("measure:N", title="Belopp", sort=None, scale=alt.Scale(range=[colour, "#5f6b7a"])),
            tooltip=[
                alt.Tooltip("name:N", title="Organisation"),
                alt.Tooltip("measure:N", title="Belopp"),
                alt.Tooltip("value:Q", title="Kronor", format=",.0f"),
            ],
        )
    )


FRAMES = {  # the rows as pages make them, with gaps, and kinds that plain_rows leaves to Altair
    "ints": {"category": ["Inkommen", "Test"], "name": ["A", "B"], "value": [3, 1], "target": [4, 2]},
    "gaps": {"category": ["KS", None], "name": ["A", None], "value": [3.5, float("nan")], "target": [None, 2.0]},
    "nullable": {
        "category": ["KS", "SÖS"],
        "name": ["A", "B"],
        "value": pd.array([3, None], dtype="Int64"),
        "target": pd.array([None, 1.5], dtype="Float64"),
    },
    "empty": {"category": [], "name": [], "value": [], "target": []},
}
WRITTEN = {
    "simple_bars": (
        views.simple_bars,
        _altair_simple_bars,
        {"category_title": "Steg", "value_title": "Idéer", "description": "Tratten", "colour": "#8e44ad"},
    ),
    "series_chart": (
        views.series_chart,
        _altair_series_chart,
        {"value_title": "Idéer", "period_title": "Period", "description": "Över tid"},
    ),
    "bars_with_targets": (
        views.bars_with_targets,
        _altair_bars_with_targets,
        {"category_title": "Organisation", "value_title": "Idéer", "description": "Per organisation"},
    ),
    "organisation_budget_chart": (
        organisation_budget_chart,
        _altair_organisation_budget_chart,
        {"description": "Budget", "colour": "#2e7d32"},
    ),
}


@pytest.mark.parametrize("frame", sorted(FRAMES))
@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_a_spec_written_without_altair_is_the_altair_charts_spec(name: str, frame: str) -> None:
    written, altair, options = WRITTEN[name]
    data = pd.DataFrame(FRAMES[frame])
    if name == "series_chart":
        data = data.rename(columns={"category": "period"})
    if name == "organisation_budget_chart":
        data = data.rename(columns={"target": "measure"}).assign(measure="Budget")
    with alt.data_transformers.enable("default"):
        expected = vega.spec(altair(data, **options))
    assert written(data, **options) == expected
    assert _checked(written(data, **options)) == expected  # and it passes the schema check

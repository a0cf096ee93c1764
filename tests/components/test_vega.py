"""The charts the pages draw: every builder's spec passes Altair's schema check here, because pages draw
them without it (components/vega.py), and what pages draw is that same spec; their rows go as Arrow."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from components import charts, context, vega
from components.fund.admin import budget_chart
from components.ideas.overview import funnel_chart
from components.indicators import views
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


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_builder_makes_a_valid_spec_and_pages_draw_that_spec(name: str) -> None:
    chart = BUILDERS[name]()
    checked = chart.to_dict()  # Altair's JSON-schema validation: raises on a wrong spec
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
        alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x=alt.X("x:Q", axis=alt.Axis(format=3))).to_dict()


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

"""The testbed catalogue: filters with counts, a map, paginated cards and the catalogue export."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import db
import i18n
from components import areas, context
from components.context import CACHE_ENTRIES, t
from components.ui import capped_search, current_page, fmt_int, heading, pager, plain, search_box
from models import Access, EnvType, TestbedStatus
from services.shared import exports
from services.shared.pagination import Page
from services.testbeds import catalogue as testbeds
from services.testbeds.catalogue import AUDIENCES, PUBLIC_STATUSES, CatalogueFilters, MapPoint, TestbedCard

PAGE_KEY = "tb_page"
PAGE_SIZE = 12
FIGURES_PAGE_SIZE = 25  # rows of Testmiljöer i siffror's table on screen (all of them in its downloads)
PICKER_LIMIT = 50  # testbeds listed in a picker of testbeds; past that, the reader types to narrow it
QUERY_PARAM = "miljo"
_FACETS = {  # facet -> (widget key, enumeration kind for labels)
    "area": ("tb_area", None),
    "env_type": ("tb_env", "env_type"),
    "access": ("tb_access", "access"),
    "audience": ("tb_audience", None),
    "status": ("tb_status", "testbed_status"),
}


def open_testbed(slug: str) -> None:
    """Show a testbed's page: its slug in the URL, so that the page can be shared and bookmarked."""
    st.query_params[QUERY_PARAM] = slug


def _filters_from_state() -> CatalogueFilters:
    """The filters as the widgets hold them (read before drawing them, so that counts can be shown)."""
    state = st.session_state
    state.setdefault("tb_status", list(PUBLIC_STATUSES))
    trl = state.get("tb_trl", (1, 9))
    return CatalogueFilters(
        area_codes=tuple(state.get("tb_area", [])),
        env_types=tuple(state.get("tb_env", [])),
        accesses=tuple(state.get("tb_access", [])),
        audiences=tuple(state.get("tb_audience", [])),
        statuses=tuple(state["tb_status"]),
        trl_min=int(trl[0]),
        trl_max=int(trl[1]),
        search=capped_search(state.get("tb_search", ""))[0],
    )


def _with_count(name: str, n: int | None) -> str:
    return f"{name} ({fmt_int(n or 0)})"


def _filter_widgets(counts: dict[str, dict[str, int]], area_names: dict[str, str]) -> None:
    search_box(t("testbeds.search"), "tb_search", placeholder=t("testbeds.search_hint"))
    c1, c2, c3 = st.columns(3)
    c1.multiselect(
        t("testbeds.area"),
        list(area_names),
        key="tb_area",
        format_func=lambda c: _with_count(area_names[c], counts["area"].get(c)),
        placeholder=t("ui.all"),
    )
    for column, facet, kind, values in (
        (c2, "env_type", "env_type", [v.value for v in EnvType]),
        (c3, "access", "access", [v.value for v in Access]),
    ):
        column.multiselect(
            t(f"testbeds.{facet}"),
            values,
            key=_FACETS[facet][0],
            format_func=lambda v, f=facet, k=kind: _with_count(context.label(v, k), counts[f].get(v)),
            placeholder=t("ui.all"),
        )
    c4, c5, c6 = st.columns(3)
    c4.multiselect(
        t("testbeds.audience"),
        list(AUDIENCES),
        key="tb_audience",
        format_func=lambda a: _with_count(t(f"testbeds.audience_{a}"), counts["audience"].get(a)),
        placeholder=t("ui.all"),
    )
    c5.multiselect(
        t("testbeds.status"),
        [v.value for v in TestbedStatus],
        key="tb_status",
        format_func=lambda s: _with_count(context.label(s, "testbed_status"), counts["status"].get(s)),
        placeholder=t("ui.all"),
    )
    c6.select_slider(
        t("testbeds.trl_range"), options=list(range(1, 10)), value=(1, 9), key="tb_trl", help=t("testbeds.trl_help")
    )


def _card(card: TestbedCard, area_names: dict[str, str]) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(card.name)}**")
        st.caption(
            " · ".join(
                [
                    plain(area_names.get(card.area_code, card.area_code)),
                    plain(card.organisation),
                    context.label(card.status, "testbed_status"),
                ]
            )
        )
        summary = card.summary if len(card.summary) <= 220 else card.summary[:217].rstrip() + "…"
        st.markdown(plain(summary))
        st.caption(
            " · ".join(
                [
                    context.label(card.env_type, "env_type"),
                    context.label(card.access, "access"),
                    t("testbeds.trl_value", low=card.trl_min, high=card.trl_max),
                ]
            )
        )
        st.button(
            t("testbeds.open"),
            key=f"tb_open_{card.slug}",
            on_click=open_testbed,
            args=(card.slug,),
            help=t("testbeds.open_help", name=plain(card.name)),
        )


def _map(located: list[MapPoint]) -> None:
    if not located:
        return
    st.subheader(t("testbeds.map"))
    st.caption(t("testbeds.map_caption", n=len(located)))
    st.map(pd.DataFrame({"lat": [p.lat for p in located], "lon": [p.lon for p in located]}), height=320)


CATALOGUE_COLUMNS = ("name", "area", "organisation", "env_type", "access", "audience", "trl", "status", "address")


def catalogue_table(
    cards: list[TestbedCard], area_names: dict[str, str], language: str
) -> tuple[list[str], list[list]]:
    """The catalogue as an export table: headers and values in the reader's language."""
    headers = [i18n.t(f"testbeds.col.{k}", language) for k in (*CATALOGUE_COLUMNS, "summary")]
    rows = [
        [
            c.name,
            area_names.get(c.area_code, c.area_code),
            c.organisation,
            i18n.label(c.env_type, "env_type", language),
            i18n.label(c.access, "access", language),
            ", ".join(
                i18n.t(f"testbeds.audience_{a}", language)
                for a, on in (("external", c.for_external), ("employees", c.for_employees))
                if on
            ),
            f"{c.trl_min}–{c.trl_max}",
            i18n.label(c.status, "testbed_status", language),
            c.address or "",
            c.summary,
        ]
        for c in cards
    ]
    return headers, rows


def catalogue_export(
    filters: CatalogueFilters, area_names: dict[str, str], language: str
) -> tuple[list[str], Callable[[], list[list]]]:
    """Headers and a row builder for the catalogue export (the rows are read only when someone downloads)."""
    engine = context.engine()
    headers, _ = catalogue_table([], area_names, language)

    def rows() -> list[list]:
        with db.read_session(engine) as session:
            found = testbeds.all_matching(session=session, filters=filters)
        return catalogue_table(found, area_names, language)[1]

    return headers, rows


def download_buttons(prefix: str, headers: list[str], rows: Callable[[], list[list]], file_stem: str) -> None:
    """An .xlsx and a CSV button in one row; the file is built only when clicked, with no rerun of the page
    (as the charts' downloads, components/chart_table)."""
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        t("testbeds.download_xlsx"),
        data=lambda: exports.table_to_xlsx(headers, rows()),
        file_name=f"{file_stem}.xlsx",
        mime=exports.XLSX_MIME,
        key=f"{prefix}_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        t("testbeds.download_csv"),
        data=lambda: exports.table_to_csv(headers, rows()),
        file_name=f"{file_stem}.csv",
        mime=exports.CSV_MIME,
        key=f"{prefix}_csv",
        icon=":material/download:",
        on_click="ignore",
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _matching(filters: CatalogueFilters, page: int, key: tuple) -> tuple[dict, Page[TestbedCard], list[MapPoint]]:
    """The facet counts, the page of cards and the map's points for these filters. Public data, the same
    for every reader: cached on the data version (`key`), so a change shows at the next run."""
    with context.reading() as session:
        counts = testbeds.filter_counts(session=session, filters=filters)
        found = testbeds.search_testbeds(session=session, filters=filters, page=page, page_size=PAGE_SIZE)
        points = testbeds.map_points(session=session, filters=filters)
    return counts, found, points


def catalogue() -> None:
    """The catalogue view: filters (with counts), the map of what matches, cards, export."""
    heading("nav.testbeds_catalogue", "testbeds.catalogue_caption")
    area_names = areas.area_names()
    filters = _filters_from_state()
    counts, found, points = _matching(filters, current_page(PAGE_KEY), context.shared_key())
    if found.page > found.pages:  # the filters changed under a later page
        st.session_state[PAGE_KEY] = 1
        counts, found, points = _matching(filters, 1, context.shared_key())
    _filter_widgets(counts, area_names)
    st.subheader(t("testbeds.found", n=found.total))
    if not found.items:
        st.info(t("testbeds.none_found"))
        return
    columns = st.columns(3)
    for i, card in enumerate(found.items):
        with columns[i % 3]:
            _card(card, area_names)
    pager(found, PAGE_KEY)
    _map(points)
    headers, rows = catalogue_export(filters, area_names, context.lang())
    download_buttons("tb_catalogue", headers, rows, t("testbeds.catalogue_file"))


def testbed_choices(
    names: dict[int, str], where: Any, *, search_key: str, chosen_key: str, first_when_blank: bool = False
) -> list[int]:
    """The testbeds a picker offers: every one when there are few (`PICKER_LIMIT`); else a search field
    (drawn in `where`) and those whose name holds every word typed (the first `PICKER_LIMIT`), with the
    one chosen before (`chosen_key`; it stays offered whatever is typed). A picker of a thousand names
    weighed more than the rest of its page. Nothing typed: none, or with `first_when_blank` the first
    `PICKER_LIMIT` in `names`' order."""
    if len(names) <= PICKER_LIMIT:
        return list(names)
    term = where.text_input(
        t("testbeds.find_testbed"),
        key=search_key,
        max_chars=60,
        placeholder=t("testbeds.find_placeholder", n=fmt_int(len(names))),
    )
    words = term.casefold().split()
    if words:
        found = [i for i, name in names.items() if all(w in name.casefold() for w in words)][:PICKER_LIMIT]
        if not found:
            where.caption(t("testbeds.none_named"))
    else:
        found = list(itertools.islice(names, PICKER_LIMIT)) if first_when_blank else []
    chosen = st.session_state.get(chosen_key)
    return [chosen, *found] if chosen in names and chosen not in found else found

"""The testbed form of Testmiljöhantering, for a new testbed and for changing one."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, flash_and_rerun, forget_inputs, plain
from models import Access, EnvType, TestbedStatus
from services.people.auth import Actor
from services.testbeds import catalogue

_EMPTY: dict[str, Any] = {
    "name": "",
    "slug": "",
    "area_id": None,
    "organisation_id": None,
    "summary": "",
    "offers": "",
    "conditions": "",
    "env_type": EnvType.lab.value,
    "access": Access.conditional.value,
    "for_external": True,
    "for_employees": True,
    "trl_min": 1,
    "trl_max": 9,
    "status": TestbedStatus.planned.value,
    "address": "",
    "lat": None,
    "lon": None,
    "contact_name": "",
    "contact_email": "",
    "url": "",
}


def _choice(column: Any, key: str, options: list, current: Any, labels: dict | None, kind: str | None, prefix: str):
    index = options.index(current) if current in options else 0
    return column.selectbox(
        t(f"testbeds.{key}"),
        options,
        index=index,
        key=f"{prefix}{key}",
        format_func=(lambda v: labels.get(v, "–")) if labels is not None else (lambda v: context.label(v, kind)),
        placeholder=t("ui.choose"),
    )


def testbed_form(
    me: Actor,
    *,
    areas: dict[int, str],
    orgs: dict[int, str],
    testbed_id: int | None = None,
    values: dict[str, Any] | None = None,
) -> None:
    """Create (no `testbed_id`) or change a testbed; bad input is shown beside its field, nothing saved."""
    v = {**_EMPTY, **(values or {})}
    prefix = f"tbf_{testbed_id or 'new'}_"
    with st.form(f"testbed_form_{testbed_id or 'new'}"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        data: dict[str, Any] = {}
        data["name"] = c1.text_input(t("testbeds.name"), value=v["name"], key=f"{prefix}name", max_chars=200)
        with c1:
            errors.slot("name", t("testbeds.name"))
        data["slug"] = c2.text_input(
            t("testbeds.slug"), value=v["slug"], key=f"{prefix}slug", help=t("testbeds.slug_help"), max_chars=80
        )
        with c2:
            errors.slot("slug", t("testbeds.slug"))
        data["area_id"] = _choice(c1, "area", list(areas), v["area_id"], areas, None, prefix)
        with c1:
            errors.slot("area_id", t("testbeds.area"))
        data["organisation_id"] = _choice(c2, "runs_it", list(orgs), v["organisation_id"], orgs, None, prefix)
        with c2:
            errors.slot("organisation_id", t("testbeds.runs_it"))
        data["summary"] = st.text_area(t("testbeds.summary"), value=v["summary"], key=f"{prefix}summary")
        errors.slot("summary", t("testbeds.summary"))
        data["offers"] = st.text_area(t("testbeds.offers"), value=v["offers"], key=f"{prefix}offers")
        errors.slot("offers", t("testbeds.offers"))
        data["conditions"] = st.text_area(t("testbeds.conditions"), value=v["conditions"], key=f"{prefix}conditions")
        errors.slot("conditions", t("testbeds.conditions"))
        c3, c4, c5 = st.columns(3)
        data["env_type"] = _choice(c3, "env_type", [e.value for e in EnvType], v["env_type"], None, "env_type", prefix)
        data["access"] = _choice(c4, "access", [a.value for a in Access], v["access"], None, "access", prefix)
        data["status"] = _choice(
            c5, "status", [s.value for s in TestbedStatus], v["status"], None, "testbed_status", prefix
        )
        data["trl_min"] = c3.number_input(
            t("testbeds.trl_min"), value=v["trl_min"], step=1, key=f"{prefix}trl_min", help=t("testbeds.trl_help")
        )
        with c3:
            errors.slot("trl_min", t("testbeds.trl_min"))
        data["trl_max"] = c4.number_input(t("testbeds.trl_max"), value=v["trl_max"], step=1, key=f"{prefix}trl_max")
        with c4:
            errors.slot("trl_max", t("testbeds.trl_max"))
        with c5:
            data["for_external"] = st.checkbox(
                t("testbeds.audience_external"), value=v["for_external"], key=f"{prefix}ext"
            )
            data["for_employees"] = st.checkbox(
                t("testbeds.audience_employees"), value=v["for_employees"], key=f"{prefix}emp"
            )
            errors.slot("for_external", t("testbeds.audience"))
        data["address"] = st.text_input(t("testbeds.address"), value=v["address"] or "", key=f"{prefix}address")
        errors.slot("address", t("testbeds.address"))
        c6, c7 = st.columns(2)
        data["lat"] = c6.number_input(
            t("testbeds.lat"),
            value=v["lat"],
            format="%.5f",
            step=0.001,
            key=f"{prefix}lat",
            help=t("testbeds.lat_help"),
        )
        with c6:
            errors.slot("lat", t("testbeds.lat"))
        data["lon"] = c7.number_input(
            t("testbeds.lon"),
            value=v["lon"],
            format="%.5f",
            step=0.001,
            key=f"{prefix}lon",
            help=t("testbeds.lon_help"),
        )
        with c7:
            errors.slot("lon", t("testbeds.lon"))
        data["contact_name"] = c6.text_input(
            t("testbeds.contact_name"), value=v["contact_name"] or "", key=f"{prefix}contact_name"
        )
        with c6:
            errors.slot("contact_name", t("testbeds.contact_name"))
        data["contact_email"] = c7.text_input(
            t("testbeds.contact_email"), value=v["contact_email"] or "", key=f"{prefix}contact_email"
        )
        with c7:
            errors.slot("contact_email", t("testbeds.contact_email"))
        data["url"] = st.text_input(t("testbeds.url"), value=v["url"] or "", key=f"{prefix}url")
        errors.slot("url", t("testbeds.url"))
        label = t("testbeds.create") if testbed_id is None else t("ui.save")
        if st.form_submit_button(label, type="primary"):
            _save(me, testbed_id, data, errors, prefix)


def _save(me: Actor, testbed_id: int | None, data: dict[str, Any], errors: FieldErrors, prefix: str) -> None:
    def save() -> str:
        with context.writing() as session:
            if testbed_id is None:
                return catalogue.create_testbed(session=session, actor=me, data=data).name
            return catalogue.update_testbed(session=session, actor=me, testbed_id=testbed_id, data=data).name

    name = attempt(save, errors)
    if name:
        forget_inputs(prefix)
        flash_and_rerun("testbeds.created" if testbed_id is None else "testbeds.saved", name=plain(name))

"""Testmiljöhantering (admins, and managers for their own organisation): create, edit, plan, open and
close testbeds."""

import streamlit as st

from components import context
from components.context import actor, t
from components.testbeds.catalogue import testbed_choices
from components.testbeds.form import testbed_form
from components.ui import attempt, flash_and_rerun, heading
from models import TestbedStatus
from services.people import organisations
from services.testbeds import catalogue

me = actor()
heading("nav.testbeds_manage", "testbeds.manage_caption")

with context.reading() as session:
    mine = attempt(lambda: catalogue.managed_testbeds(session=session, actor=me))
    areas = {a.id: a.name(context.lang()) for a in organisations.list_areas(session=session)}
    orgs = {
        o.id: o.name
        for o in organisations.list_organisations(session=session)
        if me is not None and (me.is_admin or o.id == me.organisation_id)
    }
if mine is None:
    st.stop()

edit_tab, new_tab = st.tabs([t("testbeds.tab_edit"), t("testbeds.tab_new")])


def _set_status(testbed_id: int, status: str) -> bool:
    with context.writing() as session:
        catalogue.set_status(session=session, actor=me, testbed_id=testbed_id, status=status)
    return True


def _edit(chosen: int, status: str) -> None:
    """The status buttons and the form of the chosen testbed."""
    buttons = st.columns(4)
    for column, target, key in zip(
        buttons,
        (TestbedStatus.planned, TestbedStatus.open, TestbedStatus.closed),
        ("testbeds.do_plan", "testbeds.do_open", "testbeds.do_close"),
        strict=False,
    ):
        clicked = column.button(t(key), key=f"tbm_{target.value}", disabled=status == target.value)
        if clicked and attempt(lambda target=target: _set_status(chosen, target.value)):
            flash_and_rerun("testbeds.status_set", status=context.label(target.value, "testbed_status"))
    with context.reading() as session:
        values = attempt(lambda: catalogue.get_for_edit(session=session, actor=me, testbed_id=chosen))
    if values is not None:
        testbed_form(me, areas=areas, orgs=orgs, testbed_id=chosen, values=values)


with edit_tab:
    names = {i: n for i, n, _ in mine}
    statuses = {i: s for i, _, s in mine}
    offered = testbed_choices(names, st, search_key="tbm_search", chosen_key="tbm_chosen", first_when_blank=True)
    if not mine:
        st.info(t("testbeds.manage_none"))
    elif offered:  # (none when nothing is chosen yet and the words typed match no name: it says so)
        chosen = st.selectbox(
            t("testbeds.choose_testbed"),
            offered,
            format_func=lambda i: f"{names[i]} ({context.label(statuses[i], 'testbed_status')})",
            key="tbm_chosen",
            placeholder=t("ui.choose"),
        )
        _edit(chosen, statuses[chosen])

with new_tab:
    if not orgs:
        st.info(t("testbeds.manage_no_org"))
    else:
        testbed_form(me, areas=areas, orgs=orgs)

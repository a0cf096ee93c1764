"""Användare & organisationer (admin): accounts, roles, organisations and innovation leads."""

import pandas as pd
import streamlit as st

from components import context
from components.context import actor, t
from components.people.forms import create_user_form, edit_user_form, organisation_form
from components.ui import current_page, fmt_date, fmt_datetime, heading, pager, search_box
from models import Role
from services.people import organisations, users

me = actor()
heading("admin_users.title", "admin_users.caption")

with context.reading() as session:
    orgs = organisations.list_organisations(session=session)
    areas = organisations.list_areas(session=session)
org_label = {o.id: f"{o.name} ({o.short_name})" for o in orgs}

users_tab, new_tab, orgs_tab = st.tabs(
    [t("admin_users.tab_users"), t("admin_users.tab_new"), t("admin_users.tab_orgs")]
)

with users_tab:
    f1, f2, f3, f4 = st.columns([3, 2, 3, 2])
    search = search_box(t("ui.search"), "users_search", f1, placeholder=t("admin_users.search_hint"))
    role = f2.selectbox(
        t("users.role"),
        [None, *Role],
        format_func=lambda r: t("ui.all") if r is None else context.label(r, "role"),
        key="users_role",
        placeholder=t("ui.all"),
    )
    org_id = f3.selectbox(
        t("users.organisation"),
        [None, *org_label],
        key="users_org",
        format_func=lambda i: t("ui.all") if i is None else org_label[i],
        placeholder=t("ui.all"),
    )
    active = f4.selectbox(
        t("admin_users.status"),
        [None, True, False],
        key="users_active",
        format_func=lambda a: {None: t("ui.all"), True: t("admin_users.active"), False: t("admin_users.inactive")}[a],
        placeholder=t("ui.all"),
    )
    with context.reading() as session:
        page = users.list_users(
            session=session,
            actor=me,
            search=search,
            role=role,
            organisation_id=org_id,
            active=active,
            page=current_page("users_page"),
            page_size=25,
        )
    if not page.items:
        st.info(t("admin_users.none_found"))
    else:
        table = pd.DataFrame(
            {
                t("users.display_name"): [u.display_name for u in page.items],
                t("users.username"): [u.username for u in page.items],
                t("users.email"): [u.email for u in page.items],
                t("users.role"): [context.label(u.role, "role") for u in page.items],
                t("users.organisation"): [u.organisation or "–" for u in page.items],
                t("admin_users.status"): [
                    t("admin_users.locked")
                    if u.locked
                    else t("admin_users.active")
                    if u.is_active
                    else t("admin_users.inactive")
                    for u in page.items
                ],
                t("users.certified"): [
                    fmt_date(u.certified_innovation_leader_on) if u.certified_innovation_leader_on else ""
                    for u in page.items
                ],
                t("admin_users.last_login"): [fmt_datetime(u.last_login_at) for u in page.items],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", alt=t("grid.users"))
        pager(page, "users_page")
        choices = {u.id: f"{u.display_name} ({u.username})" for u in page.items}
        chosen = st.selectbox(
            t("admin_users.choose"),
            list(choices),
            format_func=choices.get,
            key="users_chosen",
            placeholder=t("ui.choose"),
        )
        if chosen is not None:
            edit_user_form(me, chosen, org_label)

with new_tab:
    create_user_form(me, org_label)

with orgs_tab:
    organisation_form(me, orgs, areas)

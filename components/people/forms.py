"""The forms of Användare & organisationer, kept apart so that the page stays a short script."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import context
from components.context import t
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_date, forget_inputs, plain, write_then_confirm
from models import Language, OrganisationKind, Role
from services.people import organisations, users
from services.people.auth import Actor
from services.people.organisations import AreaRow, OrganisationRow
from services.shared.history import today as stockholm_today

_ROLES = list(Role)


def _role_label(role: Role) -> str:
    return context.label(role, "role")


def create_user_form(me: Actor, org_label: dict[int, str]) -> None:
    with st.form("create_user"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        username = c1.text_input(t("users.username"), help=t("users.username_rule"), key="new_user_username")
        with c1:
            errors.slot("username", t("users.username"))
        display_name = c2.text_input(t("users.display_name"), key="new_user_display_name")
        with c2:
            errors.slot("display_name", t("users.display_name"))
        email = c1.text_input(t("users.email"), key="new_user_email")
        with c1:
            errors.slot("email", t("users.email"))
        role = c2.selectbox(
            t("users.role"),
            _ROLES,
            index=_ROLES.index(Role.employee),
            format_func=_role_label,
            key="new_user_role",
            placeholder=t("ui.choose"),
        )
        organisation_id = c1.selectbox(
            t("users.organisation"),
            [None, *org_label],
            key="new_user_org",
            format_func=lambda i: t("ui.none") if i is None else org_label[i],
            placeholder=t("ui.choose"),
        )
        with c1:
            errors.slot("organisation_id", t("users.organisation"))
        language = c2.selectbox(
            t("profile.language"),
            list(Language),
            format_func=lambda v: t(f"language.{v}"),
            key="new_user_language",
            placeholder=t("ui.choose"),
        )
        password = c2.text_input(
            t("admin_users.initial_password"),
            type="password",
            autocomplete="new-password",
            help=t("users.password_rule", min=users.MIN_PASSWORD_LENGTH),
            key="new_user_password",
        )
        with c2:
            errors.slot("password", t("admin_users.initial_password"))
        if st.form_submit_button(t("admin_users.create"), type="primary"):
            data = {
                "username": username,
                "display_name": display_name,
                "email": email,
                "role": role,
                "organisation_id": organisation_id,
                "password": password,
                "language": language,
            }

            def create() -> str:
                with context.writing() as session:
                    return users.create_user(session=session, actor=me, data=data).username

            created = attempt(create, errors)
            if created:
                forget_inputs("new_user_")
                flash_and_rerun("admin_users.created", username=created)


def edit_user_form(me: Actor, user_id: int, org_label: dict[int, str]) -> None:
    with context.reading() as session:
        user = users.get_user(session=session, actor=me, user_id=user_id)
        login_waits = users.login_waits(session=session, actor=me, user_id=user_id)
    with st.form(f"edit_user_{user_id}"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        display_name = c1.text_input(t("users.display_name"), value=user.display_name)
        with c1:
            errors.slot("display_name", t("users.display_name"))
        email = c2.text_input(t("users.email"), value=user.email)
        with c2:
            errors.slot("email", t("users.email"))
        role = c1.selectbox(
            t("users.role"),
            _ROLES,
            index=_ROLES.index(Role(user.role)),
            format_func=_role_label,
            placeholder=t("ui.choose"),
        )
        with c1:
            errors.slot("role", t("users.role"))
        org_ids = [None, *org_label]
        organisation_id = c2.selectbox(
            t("users.organisation"),
            org_ids,
            index=org_ids.index(user.organisation_id),
            format_func=lambda i: t("ui.none") if i is None else org_label[i],
            placeholder=t("ui.choose"),
        )
        with c2:
            errors.slot("organisation_id", t("users.organisation"))
        certified = c1.date_input(
            t("users.certified_on"),
            value=user.certified_innovation_leader_on,
            min_value=date(2000, 1, 1),
            max_value=stockholm_today(),
            format="YYYY-MM-DD",
        )
        if st.form_submit_button(t("ui.save"), type="primary"):
            data = {
                "display_name": display_name,
                "email": email,
                "role": role,
                "organisation_id": organisation_id,
                "certified_innovation_leader_on": certified,
            }

            def save() -> bool:
                with context.writing() as session:
                    users.update_user(session=session, actor=me, user_id=user_id, data=data)
                return True

            if attempt(save, errors):
                flash_and_rerun("ui.saved")
    _account_actions(me, user.id, user.is_active, login_waits)


def _account_actions(me: Actor, user_id: int, is_active: bool, login_waits: bool) -> None:
    c1, c2, c3 = st.columns(3)
    if is_active:
        if c1.button(t("admin_users.deactivate"), key=f"deactivate_{user_id}", icon=":material/person_off:"):
            write_then_confirm(
                lambda s: users.set_active(session=s, actor=me, user_id=user_id, active=False),
                "admin_users.deactivated",
            )
    elif c1.button(t("admin_users.activate"), key=f"activate_{user_id}", icon=":material/person_check:"):
        write_then_confirm(
            lambda s: users.set_active(session=s, actor=me, user_id=user_id, active=True), "admin_users.activated"
        )
    if login_waits and c2.button(t("admin_users.unlock"), key=f"unlock_{user_id}", icon=":material/lock_open:"):
        write_then_confirm(lambda s: users.unlock(session=s, actor=me, user_id=user_id), "admin_users.unlocked")
    with c3.popover(t("admin_users.set_password"), icon=":material/key:"), st.form(f"set_password_{user_id}"):
        errors = FieldErrors()
        password = st.text_input(t("profile.new_password"), type="password", autocomplete="new-password")
        errors.slot("new_password", t("profile.new_password"))
        if st.form_submit_button(t("ui.save")):

            def store() -> bool:
                with context.writing() as session:
                    users.set_password(session=session, actor=me, user_id=user_id, password=password)
                return True

            if attempt(store, errors):
                st.success(t("admin_users.password_set"))


def organisation_form(me: Actor, orgs: list[OrganisationRow], areas: list[AreaRow]) -> None:
    area_name = {a.id: a.name(context.lang()) for a in areas}
    st.dataframe(
        pd.DataFrame(
            {
                t("orgs.name"): [o.name for o in orgs],
                t("orgs.short_name"): [o.short_name for o in orgs],
                t("orgs.kind"): [context.label(o.kind, "org_kind") for o in orgs],
                t("orgs.area"): [area_name[o.area_id] for o in orgs],
                t("orgs.lead"): [o.innovation_lead or "–" for o in orgs],
                t("users.certified"): [fmt_date(o.lead_certified_on) if o.lead_certified_on else "" for o in orgs],
                t("orgs.staff"): [o.staff_count for o in orgs],
            }
        ),
        hide_index=True,
        width="stretch",
        alt=t("grid.organisations"),
    )
    st.subheader(t("orgs.set_lead"))
    org_by_id = {o.id: o for o in orgs}
    org_id = st.selectbox(
        t("users.organisation"),
        list(org_by_id),
        format_func=lambda i: org_by_id[i].name,
        key="lead_org",
        placeholder=t("ui.choose"),
    )
    with context.reading() as session:
        candidates = dict(users.user_choices(session=session, actor=me, organisation_id=org_id))
    current = org_by_id[org_id].innovation_lead_id
    options = [None, *candidates]
    with st.form("set_lead"):
        errors = FieldErrors()
        lead = st.selectbox(
            t("orgs.lead"),
            options,
            index=options.index(current) if current in options else 0,
            format_func=lambda i: t("orgs.no_lead") if i is None else candidates[i],
            placeholder=t("ui.choose"),
        )
        errors.slot("innovation_lead_id", t("orgs.lead"))
        if st.form_submit_button(t("ui.save"), type="primary"):

            def save() -> bool:
                with context.writing() as session:
                    organisations.set_innovation_lead(session=session, actor=me, organisation_id=org_id, user_id=lead)
                return True

            if attempt(save, errors):
                flash_and_rerun("ui.saved")
    _staff_form(me, org_by_id[org_id])

    st.subheader(t("orgs.new"))
    with st.form("create_org"):
        errors = FieldErrors()
        name = st.text_input(t("orgs.name"))
        errors.slot("name", t("orgs.name"))
        short_name = st.text_input(t("orgs.short_name"))
        errors.slot("short_name", t("orgs.short_name"))
        kind = st.selectbox(
            t("orgs.kind"),
            list(OrganisationKind),
            format_func=lambda k: context.label(k, "org_kind"),
            placeholder=t("ui.choose"),
        )
        area_id = st.selectbox(t("orgs.area"), list(area_name), format_func=area_name.get, placeholder=t("ui.choose"))
        staff = st.text_input(t("orgs.staff"), help=t("orgs.staff_help"))
        errors.slot("staff_count", t("orgs.staff"))
        if st.form_submit_button(t("orgs.create"), type="primary"):
            data = {"name": name, "short_name": short_name, "kind": kind, "area_id": area_id, "staff_count": staff}

            def create() -> bool:
                with context.writing() as session:
                    organisations.create_organisation(session=session, actor=me, data=data)
                return True

            if attempt(create, errors):
                flash_and_rerun("orgs.created", name=plain(name.strip()))


def _staff_form(me: Actor, org: OrganisationRow) -> None:
    """How many people the organisation employs: it weighs its shares and levels weighted by staff."""
    with st.form(f"set_staff_{org.id}"):
        errors = FieldErrors()
        staff = st.text_input(
            t("orgs.staff"), value="" if org.staff_count is None else str(org.staff_count), help=t("orgs.staff_help")
        )
        errors.slot("staff_count", t("orgs.staff"))
        if st.form_submit_button(t("orgs.save_staff")):

            def save() -> bool:
                with context.writing() as session:
                    organisations.set_staff_count(session=session, actor=me, organisation_id=org.id, staff_count=staff)
                return True

            if attempt(save, errors):
                flash_and_rerun("ui.saved")

"""The obstacle register: the list, one obstacle with its cases, and the admins' forms."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import t
from components.people.picker import people_to_offer
from components.ui import (
    FieldErrors,
    attempt,
    current_page,
    flash_and_rerun,
    fmt_date,
    fmt_int,
    forget_inputs,
    pager,
    plain,
    required,
    write_then_confirm,
)
from models import ObstacleKind, ObstacleStatus
from services.obstacles import register
from services.obstacles.register import ObstacleRow
from services.people.auth import Actor


def _kind(value: str) -> str:
    return context.label(value, "obstacle_kind")


def _status(row: ObstacleRow) -> str:
    if row.status == ObstacleStatus.resolved:
        return t("obstacles.resolved_on", on=fmt_date(row.resolved_on))
    return t("obstacles.status.open")


def register_section(me: Actor) -> None:
    st.markdown(f"#### {t('obstacles.register')}")
    if me.is_admin:
        with st.expander(t("obstacles.new"), icon=":material/add:"):
            obstacle_form(me)
    c1, c2 = st.columns(2)
    status = c1.selectbox(
        t("obstacles.status"),
        [None, *ObstacleStatus],
        format_func=lambda s: t("obstacles.all") if s is None else t(f"obstacles.status.{s}"),
        key="obstacles_status",
    )
    kind = c2.selectbox(
        t("obstacles.c.kind"),
        [None, *ObstacleKind],
        format_func=lambda k: t("obstacles.all") if k is None else _kind(k),
        key="obstacles_kind",
    )
    with context.reading() as session:
        page = register.list_obstacles(
            session=session, actor=me, status=status, kind=kind, page=current_page("obstacles_page")
        )
    if not page.items:
        st.info(t("obstacles.register.none"))
        return
    st.table(
        [
            {
                t("obstacles.title"): plain(r.title),
                t("obstacles.c.kind"): _kind(r.kind),
                t("obstacles.owner"): plain(r.owner),
                t("obstacles.cases"): fmt_int(r.cases),
                t("obstacles.status"): _status(r),
            }
            for r in page.items
        ]
    )
    pager(page, "obstacles_page")
    labels = {r.id: r.title for r in page.items}
    chosen = st.selectbox(t("obstacles.choose"), list(labels), format_func=labels.get, key="obstacles_chosen")
    row = next(r for r in page.items if r.id == chosen)
    with st.container(border=True):
        _obstacle_view(me, row)


def _obstacle_view(me: Actor, row: ObstacleRow) -> None:
    st.markdown(f"**{plain(row.title)}** · {_kind(row.kind)} · {_status(row)}")
    st.markdown(f"{t('obstacles.owner')}: {plain(row.owner)}")
    st.markdown(f"**{t('obstacles.description')}**")
    st.text(row.description)
    if row.measures:
        st.markdown(f"**{t('obstacles.measures')}**")
        st.text(row.measures)
    with context.reading() as session:
        cases = register.cases_of(session=session, actor=me, obstacle_id=row.id)
    st.markdown(f"**{t('obstacles.cases')}**")
    if not cases:
        st.caption(t("obstacles.cases.none"))
    for case in cases:
        c1, c2 = st.columns([4, 1])
        text = (
            f"{t(f'council.link.{case.record.kind}')} {case.record.code} {case.record.title}"
            if case.record
            else t("council.agenda.removed_record")
        )
        c1.markdown(plain(text))
        if me.is_admin and c2.button(t("obstacles.case.remove"), key=f"obstacle_case_rm_{case.id}"):
            write_then_confirm(
                lambda s, case_id=case.id: register.remove_case(session=s, actor=me, case_id=case_id),
                "obstacles.case.removed",
            )
    if me.is_admin:
        _admin_tools(me, row)


def _admin_tools(me: Actor, row: ObstacleRow) -> None:
    prefix = f"obstacle_case_{row.id}_"
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        c1, c2 = st.columns([1, 2])
        kind = c1.selectbox(
            t("obstacles.case.kind"),
            list(register.CASE_KINDS),
            format_func=lambda k: t(f"council.link.{k}"),
            key=f"{prefix}kind",
        )
        code = c2.text_input(t("obstacles.case.code"), max_chars=40, key=f"{prefix}code")
        with c2:
            errors.slot("linked_code", t("obstacles.case.code"))
        if st.form_submit_button(t("obstacles.case.add")):

            def add() -> bool:
                with context.writing() as session:
                    register.add_case(session=session, actor=me, obstacle_id=row.id, linked_kind=kind, code=code)
                return True

            if attempt(add, errors):
                forget_inputs(prefix)
                flash_and_rerun("obstacles.case.added")
    resolved = row.status == ObstacleStatus.resolved
    if st.button(t("obstacles.reopen" if resolved else "obstacles.resolve"), key=f"obstacle_resolve_{row.id}"):
        write_then_confirm(
            lambda s: register.set_resolved(session=s, actor=me, obstacle_id=row.id, resolved=not resolved),
            "obstacles.reopened" if resolved else "obstacles.resolved",
        )
    with st.expander(t("obstacles.edit"), icon=":material/edit:"):
        obstacle_form(me, existing=row)


def obstacle_form(me: Actor, existing: ObstacleRow | None = None) -> None:
    prefix = f"obstacle_{existing.id if existing else 'new'}_"
    owners = people_to_offer(me, f"{prefix}owner_search", chosen=existing.owner_id if existing else None)
    kinds = list(ObstacleKind)
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        title = st.text_input(
            required("obstacles.title"), value=existing.title if existing else "", max_chars=200, key=f"{prefix}title"
        )
        errors.slot("title", t("obstacles.title"))
        c1, c2 = st.columns(2)
        kind = c1.selectbox(
            required("obstacles.c.kind"),
            kinds,
            index=kinds.index(ObstacleKind(existing.kind)) if existing else None,
            format_func=_kind,
            key=f"{prefix}kind",
            placeholder=t("ui.choose"),
        )
        with c1:
            errors.slot("kind", t("obstacles.c.kind"))
        owner_id = c2.selectbox(
            required("obstacles.owner"),
            list(owners),
            index=list(owners).index(existing.owner_id) if existing and existing.owner_id in owners else None,
            format_func=lambda i: owners[i],
            key=f"{prefix}owner",
            placeholder=t("ui.choose"),
        )
        with c2:
            errors.slot("owner_id", t("obstacles.owner"))
        description = st.text_area(
            required("obstacles.description"), value=existing.description if existing else "", key=f"{prefix}text"
        )
        errors.slot("description", t("obstacles.description"))
        measures = st.text_area(
            t("obstacles.measures"), value=(existing.measures or "") if existing else "", key=f"{prefix}measures"
        )
        if st.form_submit_button(t("obstacles.save"), type="primary"):
            data = {
                "title": title,
                "kind": kind,
                "owner_id": owner_id,
                "description": description,
                "measures": measures,
            }

            def save() -> bool:
                with context.writing() as session:
                    if existing:
                        register.update_obstacle(session=session, actor=me, obstacle_id=existing.id, data=data)
                    else:
                        register.create_obstacle(session=session, actor=me, data=data)
                return True

            if attempt(save, errors):
                forget_inputs(prefix)
                flash_and_rerun("obstacles.updated" if existing else "obstacles.created")

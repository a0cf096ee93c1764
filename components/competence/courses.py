"""Kompetensutveckling: the share trained per organisation, the course list, a course and its forms."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import CACHE_ENTRIES, t
from components.people.picker import people_to_offer
from components.ui import (
    FieldErrors,
    current_page,
    fmt_date,
    fmt_int,
    fmt_pct,
    pager,
    plain,
    required,
    write_then_confirm,
)
from models import CourseKind
from services.competence import courses
from services.competence.courses import CourseRow
from services.people.auth import Actor, require_role
from services.shared.history import today as stockholm_today


def _kind(value: str) -> str:
    return t(f"competence.kind.{value}")


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _trained_share(key: tuple, year: int) -> list[courses.TrainedShare]:
    """Every organisation's trained staff: the same for every reader, so keyed on the data alone."""
    with context.reading() as session:
        return courses.trained_share(session=session, actor=context.actor(), year=year)


def trained_section(me: Actor, year: int) -> None:
    st.subheader(t("competence.trained_title", year=year))
    st.caption(t("competence.trained_caption"))
    require_role(me, *courses.READERS)  # per reader; the cached rows are the region's
    rows = _trained_share(context.shared_key(), year)
    st.table(
        [
            {
                t("competence.c.organisation"): plain(r.organisation),
                t("competence.c.staff"): fmt_int(r.staff_count) if r.staff_count else "–",
                t("competence.c.trained"): fmt_int(r.trained),
                t("competence.c.share"): fmt_pct(r.share, 1) if r.share is not None else "–",
            }
            for r in rows
        ]
    )


def courses_section(me: Actor) -> None:
    st.subheader(t("competence.courses"))
    if me.is_admin:
        with st.expander(t("competence.new"), icon=":material/add:"):
            _course_form(me)
    with context.reading() as session:
        page = courses.list_courses(session=session, actor=me, page=current_page("courses_page"))
    if not page.items:
        st.info(t("competence.none"))
        return
    st.table(
        [
            {
                t("competence.c.title"): plain(c.title),
                t("competence.c.kind"): _kind(c.kind),
                t("competence.c.when"): fmt_date(c.starts_on) + (f"–{fmt_date(c.ends_on)}" if c.ends_on else ""),
                t("competence.c.target"): plain(c.target_group)
                + (f" ({t('competence.officials')})" if c.for_officials else ""),
                t("competence.c.participants"): fmt_int(c.participants),
                t("competence.c.completed"): fmt_int(c.completed),
            }
            for c in page.items
        ]
    )
    pager(page, "courses_page")
    labels = {c.id: f"{fmt_date(c.starts_on)} · {c.title}" for c in page.items}
    chosen = st.selectbox(t("competence.choose"), list(labels), format_func=labels.get, key="course_chosen")
    with st.container(border=True):
        _course_view(me, next(c for c in page.items if c.id == chosen))


def _course_view(me: Actor, course: CourseRow) -> None:
    st.markdown(f"**{plain(course.title)}** · {_kind(course.kind)}")
    if course.organiser:
        st.markdown(f"{t('competence.organiser')}: {plain(course.organiser)}")
    if course.requirements:
        st.markdown(f"**{t('competence.requirements')}**")
        st.text(course.requirements)
    if course.valid_months:
        st.markdown(t("competence.valid_for", months=course.valid_months))
    with context.reading() as session:
        people = courses.participants(session=session, actor=me, course_id=course.id)
    if people:
        st.table(
            [
                {
                    t("competence.c.name"): plain(p.name),
                    t("competence.c.where"): plain(p.organisation_or_committee)
                    + (f" ({t('competence.official')})" if p.official else ""),
                    t("competence.c.completed_on"): fmt_date(p.completed_on) if p.completed_on else "–",
                }
                for p in people
            ]
        )
    else:
        st.caption(t("competence.no_participants"))
    if me.is_admin:
        _participant_forms(me, course, {p.id: p.name for p in people})


def _participant_forms(me: Actor, course: CourseRow, people: dict[int, str]) -> None:
    with st.expander(t("competence.add_employee"), icon=":material/person_add:"):
        choices = people_to_offer(me, f"course_employee_search_{course.id}")
        with st.form(f"course_employee_{course.id}"):
            errors = FieldErrors()
            user_id = st.selectbox(
                required("competence.employee"),
                list(choices),
                index=None,
                format_func=lambda i: choices[i],
                placeholder=t("ui.choose"),
                key=f"course_employee_{course.id}_who",
            )
            errors.slot("user_id", t("competence.employee"))
            if st.form_submit_button(t("competence.add")):
                write_then_confirm(
                    lambda s: courses.add_employee(session=s, actor=me, course_id=course.id, user_id=user_id),
                    "competence.added",
                    errors,
                )
    with (
        st.expander(t("competence.add_official"), icon=":material/how_to_vote:"),
        st.form(f"course_official_{course.id}"),
    ):
        errors = FieldErrors()
        name = st.text_input(required("competence.official_name"), max_chars=120)
        errors.slot("official_name", t("competence.official_name"))
        committee = st.text_input(required("competence.committee"), max_chars=200)
        errors.slot("official_committee", t("competence.committee"))
        if st.form_submit_button(t("competence.add")):
            data = {"official_name": name, "official_committee": committee}
            write_then_confirm(
                lambda s: courses.add_official(session=s, actor=me, course_id=course.id, data=data),
                "competence.added",
                errors,
            )
    if people:
        with (
            st.expander(t("competence.mark_completed"), icon=":material/school:"),
            st.form(f"course_completed_{course.id}"),
        ):
            errors = FieldErrors()
            participant = st.selectbox(t("competence.participant"), list(people), format_func=people.get)
            on = st.date_input(t("competence.completed_on"), value=stockholm_today(), format="YYYY-MM-DD")
            errors.slot("completed_on", t("competence.completed_on"))
            if st.form_submit_button(t("competence.save_completed")):
                write_then_confirm(
                    lambda s: courses.set_completed(session=s, actor=me, participant_id=participant, completed_on=on),
                    "competence.completed_saved",
                    errors,
                )


def _course_form(me: Actor) -> None:
    kinds = list(CourseKind)
    with st.form("course_new"):
        errors = FieldErrors()
        title = st.text_input(required("competence.c.title"), max_chars=200)
        errors.slot("title", t("competence.c.title"))
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(
            required("competence.c.kind"), kinds, index=None, format_func=_kind, placeholder=t("ui.choose")
        )
        with c1:
            errors.slot("kind", t("competence.c.kind"))
        starts_on = c2.date_input(required("competence.starts_on"), value=None, format="YYYY-MM-DD")
        with c2:
            errors.slot("starts_on", t("competence.starts_on"))
        ends_on = c3.date_input(t("competence.ends_on"), value=None, format="YYYY-MM-DD")
        with c3:
            errors.slot("ends_on", t("competence.ends_on"))
        target = st.text_input(required("competence.c.target"), max_chars=200)
        errors.slot("target_group", t("competence.c.target"))
        officials = st.checkbox(t("competence.for_officials"))
        organiser = st.text_input(t("competence.organiser"), max_chars=200)
        requirements = st.text_area(t("competence.requirements"))
        valid_months = st.number_input(t("competence.valid_months"), min_value=0, max_value=240, value=0, step=1)
        errors.slot("valid_months", t("competence.valid_months"))
        if st.form_submit_button(t("competence.save"), type="primary"):
            data = {
                "title": title,
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "target_group": target,
                "for_officials": officials,
                "organiser": organiser,
                "requirements": requirements,
                "valid_months": valid_months or None,
            }
            write_then_confirm(
                lambda s: courses.create_course(session=s, actor=me, data=data), "competence.created", errors
            )

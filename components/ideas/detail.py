"""Idéhantering's idea page: full content, timeline, and the forms that carry an idea forward."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import context
from components.benefits.panel import benefits_panel
from components.context import CACHE_ENTRIES, t
from components.ideas.common import (
    SELECTED,
    area_names,
    organisation_names,
    similar_list,
    timeline_table,
    tracking_link,
)
from components.ideas.respond import ask_form
from components.samverkan.partner_links import partner_links
from components.ui import (
    FieldErrors,
    attempt,
    fmt_date,
    fmt_datetime,
    fmt_int,
    plain,
    write_then_confirm,
)
from models import IpStatus, ObstacleKind
from services.ideas import intake, privacy, triage
from services.ideas.triage import IdeaDetail
from services.people.auth import Actor
from services.shared.history import today as stockholm_today


def detail_view(me: Actor, idea_id: int) -> None:
    def load() -> IdeaDetail:
        with context.reading() as session:
            return triage.idea_detail(session=session, actor=me, idea_id=idea_id)

    idea = attempt(load)
    if st.button(t("ideas.back_to_board"), icon=":material/arrow_back:"):
        st.session_state.pop(SELECTED, None)
        st.query_params.clear()
        st.rerun()
    if idea is None:
        return
    st.subheader(f"{idea.ref} · {plain(idea.title)}")
    left, right = st.columns([3, 2])
    with left:
        _content(idea)
        st.markdown(f"**{t('ideas.timeline')}**")
        timeline_table(idea.timeline)
        _comment_form(me, idea)
        ask_form(me, idea)
    with right:
        _facts(idea)
        _stage_form(me, idea)
        _assign_form(me, idea)
        _ip_and_areas(me, idea)
        _adoptions(me, idea)
        _linked(idea)
        partner_links(me, "idea", idea.id)
        _duplicates(me, idea)
        _new_tracking_link(me, idea)
    benefits_panel(me, idea_id=idea.id)


def _content(idea: IdeaDetail) -> None:
    st.markdown(f"**{t('ideas.need')}**")
    st.markdown(plain(idea.need))
    st.markdown(f"**{t('ideas.proposal')}**")
    st.markdown(plain(idea.proposal))


def _facts(idea: IdeaDetail) -> None:
    areas, orgs = area_names(), organisation_names()
    contact = (
        t("ideas.anonymised_on", day=fmt_date(idea.anonymised_at)) if idea.anonymised_at else t("ideas.no_contact")
    )
    if idea.contact_name or idea.contact_email:
        contact = " · ".join(x for x in (idea.contact_name, idea.contact_email) if x)
    rows = [
        (t("ideas.stage"), context.label(idea.stage, "stage")),
        (t("ideas.area"), areas.get(idea.area_id, "")),
        (t("ideas.further_areas"), ", ".join(areas.get(a, "") for a in idea.further_area_ids) or "–"),
        (t("ideas.organisation"), orgs.get(idea.organisation_id, t("ideas.organisation_unknown"))),
        (t("ideas.owner"), idea.owner or "–"),
        (t("ideas.submitted_as"), context.label(idea.submitter_kind, "submitter_kind")),
        (t("ideas.submitter"), idea.submitter or t("ideas.visitor")),
        (t("ideas.contact_details"), contact),
        (t("ideas.benefit_kind"), context.label(idea.benefit_kind, "benefit_kind")),
        (t("ideas.ip_status"), context.label(idea.ip_status, "ip_status")),
        (t("ideas.received"), fmt_datetime(idea.received_at)),
        (t("ideas.supporters"), fmt_int(idea.supporters)),
    ]
    if idea.closed_reason:
        rows.append((t("ideas.closed_reason_label"), idea.closed_reason))
    if idea.obstacle_kind:
        rows.append((t("obstacles.kind"), context.label(idea.obstacle_kind, "obstacle_kind")))
    if idea.merged_into_ref:
        rows.append((t("ideas.merged_into_label"), idea.merged_into_ref))
    if idea.merged_from:
        rows.append((t("ideas.merged_from"), ", ".join(idea.merged_from)))
    st.table({t("ideas.field"): [k for k, _ in rows], t("ideas.value"): [plain(v) for _, v in rows]})


def _stage_form(me: Actor, idea: IdeaDetail) -> None:
    st.markdown(f"**{t('ideas.move')}**")
    if not idea.moves:
        st.caption(t("ideas.no_moves"))
        return
    with st.form(f"move_{idea.id}"):
        errors = FieldErrors()
        to_stage = st.radio(
            t("ideas.move_to"), idea.moves, format_func=lambda s: context.label(s, "stage"), horizontal=True
        )
        text = st.text_area(t("ideas.move_note"), help=t("ideas.move_note_help"))
        errors.slot("text", t("ideas.move_note"))
        obstacle = st.selectbox(
            t("obstacles.kind_on_exit"),
            list(ObstacleKind),
            index=None,
            format_func=lambda k: context.label(k, "obstacle_kind"),
            placeholder=t("ui.choose"),
        )
        errors.slot("obstacle_kind", t("obstacles.kind_on_exit"))
        if st.form_submit_button(t("ideas.move_submit"), type="primary"):
            write_then_confirm(
                lambda s: triage.change_stage(
                    session=s,
                    actor=me,
                    idea_id=idea.id,
                    to_stage=to_stage,
                    text=text,
                    expected_stage=idea.stage,
                    obstacle_kind=obstacle,
                ),
                "ideas.moved",
                errors,
                stage=context.label(to_stage, "stage"),
            )


def _comment_form(me: Actor, idea: IdeaDetail) -> None:
    with st.form(f"comment_{idea.id}", clear_on_submit=False):
        errors = FieldErrors()
        text = st.text_area(t("ideas.comment"))
        errors.slot("comment", t("ideas.comment"))
        public = st.checkbox(t("ideas.comment_public"))
        if st.form_submit_button(t("ideas.comment_submit")):
            write_then_confirm(
                lambda s: triage.add_comment(session=s, actor=me, idea_id=idea.id, text=text, internal=not public),
                "ideas.commented",
                errors,
            )


def _assign_form(me: Actor, idea: IdeaDetail) -> None:
    with context.reading() as session:
        owners = dict(triage.owner_choices(session=session, actor=me, idea_id=idea.id))
    orgs = organisation_names()
    with st.expander(t("ideas.assign")), st.form(f"assign_{idea.id}"):
        errors = FieldErrors()
        owner_options = [None, *owners]
        owner_id = st.selectbox(
            t("ideas.owner"),
            owner_options,
            index=owner_options.index(idea.owner_id) if idea.owner_id in owner_options else 0,
            format_func=lambda o: t("ui.none") if o is None else owners[o],
            placeholder=t("ui.none"),
        )
        errors.slot("owner_id", t("ideas.owner"))
        org_options = [None, *orgs]
        organisation_id = st.selectbox(
            t("ideas.organisation"),
            org_options,
            index=org_options.index(idea.organisation_id) if idea.organisation_id in org_options else 0,
            format_func=lambda o: t("ideas.organisation_unknown") if o is None else orgs[o],
            placeholder=t("ideas.organisation_unknown"),
            disabled=not me.is_admin,
        )
        errors.slot("organisation_id", t("ideas.organisation"))
        if st.form_submit_button(t("ui.save")):
            write_then_confirm(
                lambda s: triage.assign(
                    session=s, actor=me, idea_id=idea.id, owner_id=owner_id, organisation_id=organisation_id
                ),
                "ui.saved",
                errors,
            )


def _ip_and_areas(me: Actor, idea: IdeaDetail) -> None:
    areas = area_names()
    with st.expander(t("ideas.ip_and_areas")), st.form(f"ip_{idea.id}"):
        errors = FieldErrors()
        statuses = list(IpStatus)
        ip_status = st.selectbox(
            t("ideas.ip_status"),
            statuses,
            index=statuses.index(IpStatus(idea.ip_status)),
            format_func=lambda s: context.label(s, "ip_status"),
            placeholder=t("ui.choose"),
        )
        errors.slot("ip_status", t("ideas.ip_status"))
        further = st.multiselect(
            t("ideas.further_areas"),
            [a for a in areas if a != idea.area_id],
            default=[a for a in idea.further_area_ids if a in areas],
            format_func=areas.get,
            placeholder=t("ui.choose_many"),
        )
        errors.slot("area_ids", t("ideas.further_areas"))
        if st.form_submit_button(t("ui.save")):

            def save(session: Any) -> None:
                triage.set_ip_status(session=session, actor=me, idea_id=idea.id, ip_status=ip_status)
                triage.set_further_areas(session=session, actor=me, idea_id=idea.id, area_ids=further)

            write_then_confirm(save, "ui.saved", errors)


def _adoptions(me: Actor, idea: IdeaDetail) -> None:
    st.markdown(f"**{t('ideas.adoptions')}**")
    if idea.adoptions:
        st.table(
            {
                t("ideas.organisation"): [plain(a.organisation) for a in idea.adoptions],
                t("ideas.adopted_on"): [fmt_date(a.adopted_on) for a in idea.adoptions],
                t("ideas.note"): [plain(a.note or "") for a in idea.adoptions],
            }
        )
    else:
        st.caption(t("ideas.no_adoptions"))
    if idea.stage not in ("implementation", "spread"):
        return
    orgs = organisation_names()
    with st.expander(t("ideas.add_adoption")), st.form(f"adopt_{idea.id}"):
        errors = FieldErrors()
        organisation_id = st.selectbox(
            t("ideas.organisation"),
            [o for o in orgs if o != idea.organisation_id],
            format_func=orgs.get,
            placeholder=t("ui.choose"),
        )
        errors.slot("adoption_org", t("ideas.organisation"))
        adopted_on = st.date_input(
            t("ideas.adopted_on"), value=stockholm_today(), max_value=stockholm_today(), format="YYYY-MM-DD"
        )
        errors.slot("adopted_on", t("ideas.adopted_on"))
        note = st.text_input(t("ideas.adoption_note"))
        errors.slot("adoption_note", t("ideas.adoption_note"))
        if st.form_submit_button(t("ideas.add_adoption")):
            write_then_confirm(
                lambda s: triage.add_adoption(
                    session=s,
                    actor=me,
                    idea_id=idea.id,
                    organisation_id=organisation_id,
                    adopted_on=adopted_on,
                    note=note,
                ),
                "ideas.adopted",
                errors,
            )


def _linked(idea: IdeaDetail) -> None:
    st.markdown(f"**{t('ideas.linked')}**")
    rows = [
        {
            t("ideas.linked_kind"): t("ideas.linked_application"),
            t("ideas.reference"): a.ref,
            t("ideas.title"): plain(a.title),
            t("ideas.status"): context.label(a.status, "application_status"),
        }
        for a in idea.applications
    ] + [
        {
            t("ideas.linked_kind"): t("ideas.linked_request"),
            t("ideas.reference"): r.ref,
            t("ideas.title"): plain(r.title),
            t("ideas.status"): context.label(r.status, "request_status"),
        }
        for r in idea.testbed_requests
    ]
    if rows:
        st.table(rows)
    else:
        st.caption(t("ideas.linked_none"))


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _duplicates_of(idea_id: int, title: str, need: str, key: tuple) -> list[intake.SimilarIdea]:
    with context.reading() as session:
        return intake.similar_ideas(session=session, title=title, need=need, exclude_id=idea_id)


def _duplicates(me: Actor, idea: IdeaDetail) -> None:
    similar_list(
        _duplicates_of(idea.id, idea.title, idea.need, context.shared_key()),
        caption_key="ideas.possible_duplicates",
        show_ref=True,
    )
    if not me.is_admin:
        return
    has_contact = bool(idea.contact_name or idea.contact_email)
    if has_contact and st.button(t("ideas.anonymise"), icon=":material/person_remove:", key=f"anonymise_{idea.id}"):
        write_then_confirm(lambda s: privacy.anonymise_idea(session=s, actor=me, idea_id=idea.id), "ideas.anonymised")
    if not idea.moves:
        return
    with st.expander(t("ideas.merge")), st.form(f"merge_{idea.id}"):
        errors = FieldErrors()
        into_ref = st.text_input(t("ideas.merge_into"), placeholder="IDE-2026-00042")
        errors.slot("into_ref", t("ideas.merge_into"))
        reason = st.text_area(t("ideas.merge_reason"), value=t("ideas.merge_reason_default"))
        errors.slot("merge_reason", t("ideas.merge_reason"))
        if st.form_submit_button(t("ideas.merge_submit")):
            write_then_confirm(
                lambda s: triage.merge(session=s, actor=me, duplicate_id=idea.id, into_ref=into_ref, reason=reason),
                "ideas.merged",
                errors,
            )


def _new_tracking_link(me: Actor, idea: IdeaDetail) -> None:
    """For a submitter who lost their link: a new one, shown once here for the team to send on."""
    with st.expander(t("ideas.new_link"), icon=":material/key:"):
        st.caption(t("ideas.new_link_help"))
        if not st.button(t("ideas.new_link_make"), key=f"new_link_{idea.id}"):
            return

        def renew() -> str:
            with context.writing() as session:
                return triage.new_tracking_code(session=session, actor=me, idea_id=idea.id)

        code = attempt(renew)
        if code:
            st.code(tracking_link(code), language=None, wrap_lines=True)
            st.caption(t("ideas.new_link_done", code=code))

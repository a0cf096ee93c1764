"""Rådsmöten's parts: the meeting form, a meeting with its agenda, decisions and actions, the admins'
forms to add to it, and the minutes download."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlmodel import Session

from components import context
from components.context import t
from components.council.actions import action_state
from components.ui import FieldErrors, attempt, flash_and_rerun, fmt_date, forget_inputs, plain, required
from services.council import actions, links, meetings, minutes
from services.council.meetings import MeetingDetail
from services.people.auth import Actor
from services.shared.history import today as stockholm_today


def meeting_form(me: Actor, *, existing: MeetingDetail | None = None) -> int | None:
    """Record a new meeting (or change `existing`); returns the saved meeting's id after its rerun."""
    prefix = f"meeting_{existing.id if existing else 'new'}_"
    with context.reading() as session:
        choices = dict(meetings.member_choices(session=session, actor=me))
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        c1, c2 = st.columns(2)
        held_on = c1.date_input(
            required("council.meeting.held_on"),
            value=existing.held_on if existing else stockholm_today(),
            format="YYYY-MM-DD",
            key=f"{prefix}held_on",
        )
        with c1:
            errors.slot("held_on", t("council.meeting.held_on"))
        title = c2.text_input(
            required("council.meeting.title"),
            value=existing.title if existing else "",
            max_chars=200,
            key=f"{prefix}title",
        )
        with c2:
            errors.slot("title", t("council.meeting.title"))
        location = c1.text_input(
            t("council.meeting.location"), value=(existing.location or "") if existing else "", key=f"{prefix}location"
        )
        members = c2.multiselect(
            t("council.meeting.members"),
            list(choices),
            default=[i for i, _ in existing.members if i in choices] if existing else [],
            format_func=lambda i: choices[i],
            key=f"{prefix}members",
            placeholder=t("ui.choose"),
        )
        with c2:
            errors.slot("member_ids", t("council.meeting.members"))
        notes = st.text_area(
            t("council.meeting.notes"), value=(existing.notes or "") if existing else "", key=f"{prefix}notes"
        )
        if st.form_submit_button(t("council.meeting.save"), type="primary"):
            data = {"held_on": held_on, "title": title, "location": location, "notes": notes}

            def save() -> int:
                with context.writing() as session:
                    if existing:
                        meetings.update_meeting(
                            session=session, actor=me, meeting_id=existing.id, data=data, member_ids=members
                        )
                        return existing.id
                    return meetings.create_meeting(session=session, actor=me, data=data, member_ids=members).id

            saved = attempt(save, errors)
            if saved:
                forget_inputs(prefix)
                return saved
    return None


def meeting_view(me: Actor, meeting: MeetingDetail) -> None:
    """The meeting as the council reads it; admins also get the forms that add to it."""
    st.subheader(t("council.meeting.heading", title=plain(meeting.title), held_on=fmt_date(meeting.held_on)))
    if meeting.location:
        st.markdown(f"{t('council.meeting.location')}: {plain(meeting.location)}")
    present = ", ".join(plain(name) for _, name in meeting.members) or t("council.meeting.nobody")
    st.markdown(f"**{t('council.meeting.present')}:** {present}")
    if meeting.notes:
        st.text(meeting.notes)
    _agenda(meeting)
    _decisions(meeting)
    _actions(meeting)
    left, right = st.columns(2)
    left.download_button(
        t("council.minutes.download"),
        minutes.minutes_text(meeting, context.lang()).encode("utf-8"),
        file_name=f"protokoll-radsmote-{meeting.held_on.isoformat()}.md",
        mime="text/markdown",
        icon=":material/download:",
        key=f"minutes_{meeting.id}",
    )
    right.download_button(  # built when clicked, not at every run of the page
        t("council.minutes.download_pdf"),
        lambda: minutes.minutes_pdf(meeting, context.lang()),
        file_name=f"protokoll-radsmote-{meeting.held_on.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"minutes_pdf_{meeting.id}",
    )
    if me.is_admin:
        _admin_forms(me, meeting)


def _link_text(item: meetings.AgendaRow) -> str:
    if item.link is not None:
        kind = t(f"council.link.{item.link.kind}")
        return plain(" ".join(p for p in (kind, item.link.code, item.link.title) if p))
    return t("council.agenda.removed_record") if item.link_missing else ""


def _agenda(meeting: MeetingDetail) -> None:
    st.markdown(f"#### {t('council.agenda')}")
    if not meeting.agenda:
        st.info(t("council.agenda.none"))
        return
    st.table(
        [
            {
                "§": str(item.position),
                t("council.agenda.title"): plain(item.title),
                t("council.agenda.linked_kind"): _link_text(item),
                t("council.agenda.notes"): plain(item.notes or ""),
            }
            for item in meeting.agenda
        ]
    )


def _item_label(meeting: MeetingDetail, agenda_item_id: int | None, *, markdown: bool = True) -> str:
    """The agenda item a decision is on; `markdown=False` for an option list (shown as typed)."""
    item = next((i for i in meeting.agenda if i.id == agenda_item_id), None)
    if item is None:
        return t("council.decision.whole_meeting")
    return t("council.decision.on_item", position=item.position, title=plain(item.title) if markdown else item.title)


def _decisions(meeting: MeetingDetail) -> None:
    st.markdown(f"#### {t('council.decisions')}")
    if not meeting.decisions:
        st.info(t("council.decisions.none"))
        return
    st.table(
        [
            {
                t("council.decision.item"): _item_label(meeting, d.agenda_item_id),
                t("council.decision.text"): plain(d.text),
            }
            for d in meeting.decisions
        ]
    )


def _actions(meeting: MeetingDetail) -> None:
    st.markdown(f"#### {t('council.actions')}")
    if not meeting.actions:
        st.info(t("council.actions.none"))
        return
    st.table(
        [
            {
                t("council.action.description"): plain(a.description),
                t("council.action.owner"): plain(a.owner),
                t("council.action.due_on"): fmt_date(a.due_on),
                t("council.action.status"): action_state(a),
                t("council.action.done_note"): plain(a.done_note or ""),
            }
            for a in meeting.actions
        ]
    )


def _admin_forms(me: Actor, meeting: MeetingDetail) -> None:
    with st.expander(t("council.agenda.add"), icon=":material/playlist_add:"):
        _agenda_form(me, meeting)
    with st.expander(t("council.decision.add"), icon=":material/gavel:"):
        _decision_form(me, meeting)
    with st.expander(t("council.action.add"), icon=":material/assignment_ind:"):
        _action_form(me, meeting)
    with st.expander(t("council.meeting.edit"), icon=":material/edit:"):
        if meeting_form(me, existing=meeting):
            flash_and_rerun("council.meeting.updated")


def _save(write: Callable[[Session], object], errors: FieldErrors, prefix: str, success_key: str) -> None:
    """Run `write(session)`; on success empty the form (its keys start with `prefix`) and confirm."""

    def call() -> bool:
        with context.writing() as session:
            write(session)
        return True

    if attempt(call, errors):
        forget_inputs(prefix)
        flash_and_rerun(success_key)


def _agenda_form(me: Actor, meeting: MeetingDetail) -> None:
    prefix = f"agenda_{meeting.id}_"
    kinds = [None, *links.KINDS]
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        title = st.text_input(required("council.agenda.title"), max_chars=200, key=f"{prefix}title")
        errors.slot("title", t("council.agenda.title"))
        c1, c2 = st.columns([1, 2])
        kind = c1.selectbox(
            t("council.agenda.linked_kind"),
            kinds,
            format_func=lambda k: t("council.link.none") if k is None else t(f"council.link.{k}"),
            key=f"{prefix}kind",
            placeholder=t("ui.choose"),
        )
        with c1:
            errors.slot("linked_kind", t("council.agenda.linked_kind"))
        code = c2.text_input(t("council.agenda.linked_code"), max_chars=200, key=f"{prefix}code")
        with c2:
            errors.slot("linked_code", t("council.agenda.linked_code"))
        notes = st.text_area(t("council.agenda.notes"), key=f"{prefix}notes")
        if st.form_submit_button(t("council.agenda.submit"), type="primary"):
            data = {"title": title, "linked_kind": kind, "linked_code": code, "notes": notes}
            _save(
                lambda s: meetings.add_agenda_item(session=s, actor=me, meeting_id=meeting.id, data=data),
                errors,
                prefix,
                "council.agenda.added",
            )


def _decision_form(me: Actor, meeting: MeetingDetail) -> None:
    prefix = f"decision_{meeting.id}_"
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        item_id = st.selectbox(
            t("council.decision.item"),
            [None, *(i.id for i in meeting.agenda)],
            format_func=lambda i: _item_label(meeting, i, markdown=False),
            key=f"{prefix}item",
            placeholder=t("ui.choose"),
        )
        errors.slot("agenda_item_id", t("council.decision.item"))
        text = st.text_area(required("council.decision.text"), key=f"{prefix}text")
        errors.slot("text", t("council.decision.text"))
        if st.form_submit_button(t("council.decision.submit"), type="primary"):
            data = {"text": text, "agenda_item_id": item_id}
            _save(
                lambda s: meetings.add_decision(session=s, actor=me, meeting_id=meeting.id, data=data),
                errors,
                prefix,
                "council.decision.added",
            )


def _decision_label(meeting: MeetingDetail, decision_id: int | None) -> str:
    decision = next((d for d in meeting.decisions if d.id == decision_id), None)
    if decision is None:
        return t("council.action.no_decision")
    return decision.text if len(decision.text) <= 80 else decision.text[:79] + "…"


def _action_form(me: Actor, meeting: MeetingDetail) -> None:
    prefix = f"action_{meeting.id}_"
    with context.reading() as session:
        owners = dict(actions.owner_choices(session=session, actor=me))
    with st.form(f"{prefix}form"):
        errors = FieldErrors()
        description = st.text_input(required("council.action.description"), max_chars=500, key=f"{prefix}description")
        errors.slot("description", t("council.action.description"))
        c1, c2 = st.columns(2)
        owner_id = c1.selectbox(
            required("council.action.owner"),
            list(owners),
            index=None,
            format_func=lambda i: owners[i],
            key=f"{prefix}owner",
            placeholder=t("ui.choose"),
        )
        with c1:
            errors.slot("owner_id", t("council.action.owner"))
        due_on = c2.date_input(
            required("council.action.due_on"), value=None, format="YYYY-MM-DD", key=f"{prefix}due_on"
        )
        with c2:
            errors.slot("due_on", t("council.action.due_on"))
        decision_id = st.selectbox(
            t("council.action.decision"),
            [None, *(d.id for d in meeting.decisions)],
            format_func=lambda i: _decision_label(meeting, i),
            key=f"{prefix}decision",
            placeholder=t("ui.choose"),
        )
        errors.slot("decision_id", t("council.action.decision"))
        if st.form_submit_button(t("council.action.submit"), type="primary"):
            data = {"description": description, "owner_id": owner_id, "due_on": due_on, "decision_id": decision_id}
            _save(
                lambda s: actions.add_action(session=s, actor=me, meeting_id=meeting.id, data=data),
                errors,
                prefix,
                "council.action.added",
            )

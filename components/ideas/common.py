"""Rendering shared by the idea pages: area and organisation names, timelines, similar ideas.

User text goes through `plain()` wherever Streamlit renders Markdown, so HTML, Markdown and script in
a title or a note show exactly as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from components import context
from components.context import CACHE_ENTRIES, t
from components.ui import fmt_date, fmt_datetime, plain, private_link
from services.ideas import intake
from services.people import organisations

SELECTED = "ideas_selected"  # session key: the idea open on Idéhantering (None: the board)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _choices(language: str, key: tuple) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    with context.reading() as session:
        areas = {a.id: a.name(language) for a in organisations.list_areas(session=session)}
        orgs = organisations.list_organisations(session=session)
    return areas, {o.id: o.name for o in orgs}, {o.id: o.short_name for o in orgs}


def area_names() -> dict[int, str]:
    """Area id -> name in the reader's language."""
    return _choices(context.lang(), context.shared_key())[0]


def organisation_names() -> dict[int, str]:
    return _choices(context.lang(), context.shared_key())[1]


def event_text(kind: str, from_stage: str | None, to_stage: str | None, related_ref: str | None) -> str:
    """What happened, in words: "Flyttad från Inkommen till Bedömning" and the like."""
    if kind == "stage_changed":
        return t(
            "ideas.event.stage_changed",
            from_stage=context.label(from_stage, "stage"),
            to_stage=context.label(to_stage, "stage"),
        )
    if kind == "merged":
        return t("ideas.event.merged", ref=related_ref or "–")
    return t(f"ideas.event.{kind}")


def public_timeline_table(events: Sequence[intake.PublicEvent]) -> None:
    """The submitter's timeline: when, what happened, and the note meant for them."""
    rows = [
        {
            t("ideas.when"): fmt_date(e.at),
            t("ideas.what"): plain(event_text(e.kind, e.from_stage, e.to_stage, e.related_ref)),
            t("ideas.note"): plain(e.text) if e.text else "",
        }
        for e in events
    ]
    st.table(rows)


def tracking_view(seen: intake.Tracking) -> None:
    """One idea as its submitter may see it."""
    st.subheader(plain(seen.title))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("ideas.reference"), seen.ref)
    c2.metric(t("ideas.stage"), context.label(seen.stage, "stage"))
    c3.metric(t("ideas.received"), fmt_date(seen.received_at))
    if seen.closed_reason:
        st.info(t("ideas.closed_reason", reason=plain(seen.closed_reason)), icon=":material/info:")
    if seen.merged_into_ref:
        st.info(t("ideas.merged_into", ref=seen.merged_into_ref), icon=":material/merge:")
    st.markdown(f"**{t('ideas.timeline')}**")
    public_timeline_table(seen.timeline)


TRACK_PAGE = "pages/ideas/track.py"


def tracking_link(code: str) -> str:
    """The address of Följ din idé that opens the idea with `code`: absolute when the browser's address
    is known (st.context.url), else relative to the app."""
    return private_link(TRACK_PAGE, intake.TRACKING_PARAM, code)


def tracking_receipt(ref: str, code: str) -> None:
    """What the submitter needs to follow the idea, shown once after submitting: the reference, the
    private link and code (copy buttons, a text file to keep), and that the reference alone is not enough."""
    link = tracking_link(code)
    st.success(t("ideas.submitted", ref=ref), icon=":material/check_circle:")
    with st.container(border=True):
        st.markdown(f"**{t('ideas.tracking_heading')}**")
        st.warning(t("ideas.tracking_once"), icon=":material/key:")
        st.caption(t("ideas.tracking_link"))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("ideas.tracking_code"))
        st.code(code, language=None)
        c1, c2 = st.columns(2)
        c1.page_link(
            TRACK_PAGE,
            label=t("ideas.go_track"),
            icon=":material/travel_explore:",
            query_params={intake.TRACKING_PARAM: code},
        )
        keep = t("ideas.tracking_file", ref=ref, link=link, code=code)
        c2.download_button(
            t("ideas.tracking_download"), keep.encode("utf-8"), f"{ref}.txt", "text/plain", icon=":material/download:"
        )


def timeline_table(entries: Sequence[Any]) -> None:
    """The team's full timeline, internal entries marked."""
    rows = [
        {
            t("ideas.when"): fmt_datetime(e.at),
            t("ideas.who"): plain(e.actor) if e.actor else t("ideas.visitor"),
            t("ideas.what"): plain(event_text(e.kind, e.from_stage, e.to_stage, e.related_ref)),
            t("ideas.note"): plain(_event_note(e)),
            t("ideas.visibility"): t("ideas.internal") if e.internal else t("ideas.public"),
        }
        for e in entries
    ]
    st.table(rows)


def _event_note(entry: Any) -> str:
    if entry.kind == "ip_changed" and entry.text:
        return context.label(entry.text, "ip_status")
    return entry.text or ""


def similar_list(
    found: Sequence[intake.SimilarIdea | intake.SuggestedIdea], *, caption_key: str, show_ref: bool = False
) -> None:
    """Similar ideas: title, stage and area, as plain text (the reference only for the team; what people
    submitting see comes from `intake.similar_for_submitter`, which has none)."""
    st.markdown(f"**{t(caption_key)}**")
    if not found:
        st.caption(t("ideas.similar_none"))
        return
    areas = area_names()
    for s in found:
        ref = f" · {plain(s.ref)}" if show_ref and isinstance(s, intake.SimilarIdea) else ""
        st.markdown(f"- {plain(s.title)} · {context.label(s.stage, 'stage')} · {plain(areas.get(s.area_id, ''))}{ref}")

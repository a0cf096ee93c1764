"""A user's notifications: the list (newest first), opening one at its record, and the preferences."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import streamlit as st

from components import context
from components.context import t
from components.navigation import PAGES
from components.ui import FieldErrors, attempt, current_page, fmt_datetime, pager, plain, write_then_confirm
from models import Delivery
from services.notifications import inbox, preferences
from services.people.auth import Actor

PAGE_KEY = "inbox_page"


def target(link: str | None) -> tuple[str, dict[str, str]] | None:
    """The page file and query parameters of an app link such as `idehantering?ide=IDE-2026-00042`."""
    if not link:
        return None
    parts = urlsplit(link)
    spec = next((s for s in PAGES if s.url_path == parts.path.strip("/")), None)
    return (spec.path, dict(parse_qsl(parts.query))) if spec else None


def _open(me: Actor, item: inbox.InboxItem) -> None:
    def mark() -> str | None:
        with context.writing() as session:
            return inbox.mark_read(session=session, actor=me, notification_id=item.id)

    link = attempt(mark)
    where = target(link)
    if where is not None:
        st.switch_page(where[0], query_params=where[1])
    st.rerun()


def inbox_view(me: Actor) -> None:
    c1, c2 = st.columns([3, 2])
    unread_only = c1.toggle(t("notifications.unread_only"), key="inbox_unread_only")
    if c2.button(t("notifications.mark_all"), icon=":material/done_all:"):
        write_then_confirm(lambda s: inbox.mark_all_read(session=s, actor=me), "notifications.all_marked")
    with context.reading() as session:
        page = inbox.my_notifications(session=session, actor=me, unread_only=unread_only, page=current_page(PAGE_KEY))
    if not page.items:
        st.info(t("notifications.none"), icon=":material/notifications_off:")
        return
    for item in page.items:
        with st.container(border=True):
            unread = f" · **{t('notifications.unread')}**" if item.read_at is None else ""
            st.markdown(f"**{plain(item.subject)}**")
            st.caption(f"{fmt_datetime(item.created_at)}{unread}")
            with st.expander(t("notifications.read_message")):
                st.text(item.body)  # as text: user text never renders
            # One horizontal row, not three columns: three layout blocks fewer a notice, 60 a page.
            row = st.container(horizontal=True, gap="small")
            if target(item.link) and row.button(
                t("notifications.open"), key=f"open_{item.id}", icon=":material/open_in_new:"
            ):
                _open(me, item)
            if item.read_at is None and row.button(t("notifications.mark_read"), key=f"read_{item.id}"):
                write_then_confirm(
                    lambda s, i=item.id: inbox.mark_read(session=s, actor=me, notification_id=i), "notifications.marked"
                )
    pager(page, PAGE_KEY)


def preferences_form(me: Actor) -> None:
    st.subheader(t("notifications.preferences"))
    st.caption(t("notifications.preferences_caption"))
    with context.reading() as session:
        current = preferences.my_preferences(session=session, actor=me)
    options = list(Delivery)
    with st.form("notification_preferences"):
        errors = FieldErrors()
        chosen = {}
        for kind, delivery in current.items():
            chosen[kind] = st.radio(
                t(f"notifications.kind.{kind}"),
                options,
                index=options.index(delivery),
                format_func=lambda d: t(f"delivery.{d}"),
                horizontal=True,
                key=f"pref_{kind}",
            )
            errors.slot(kind)
        if st.form_submit_button(t("ui.save"), type="primary"):
            write_then_confirm(
                lambda s: preferences.set_preferences(session=s, actor=me, choices=chosen),
                "notifications.saved",
                errors,
            )


def unread_link(me: Actor) -> None:
    """In the sidebar: how many notifications are unread, linking to them (nothing when none)."""

    def count() -> int:
        with context.reading() as session:
            return inbox.unread_count(session=session, actor=me)

    n = attempt(count) or 0
    if n:
        st.page_link(
            "pages/account/notifications.py",
            label=t("notifications.sidebar", n=n),
            icon=":material/notifications_active:",
        )

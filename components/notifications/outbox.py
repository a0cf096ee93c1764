"""The admins' outbox: every mail with its state, the reason a mail failed, reading one, sending again."""

from __future__ import annotations

import streamlit as st

from components import context
from components.context import t
from components.ui import attempt, current_page, fmt_datetime, fmt_int, pager, plain, write_then_confirm
from services.notifications import mailer, outbox
from services.people.auth import Actor

PAGE_KEY = "outbox_page"


def server_notice() -> None:
    settings = mailer.MailSettings.from_env()
    if settings.configured:
        st.caption(t("notifications.smtp_on", host=plain(f"{settings.host}:{settings.port}")))
    else:
        st.warning(t("notifications.no_smtp"), icon=":material/mail_lock:")


def outbox_view(me: Actor) -> None:
    server_notice()
    with context.reading() as session:
        counts = outbox.outbox_counts(session=session, actor=me)
    for column, (state, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(context.label(state, "mail_state"), fmt_int(n))
    states = [None, *counts]
    state = st.selectbox(
        t("notifications.state_filter"),
        states,
        format_func=lambda s: t("notifications.all_states") if s is None else context.label(s, "mail_state"),
        key="outbox_state",
    )
    with context.reading() as session:
        page = outbox.list_outbox(session=session, actor=me, state=state, page=current_page(PAGE_KEY))
    if not page.items:
        st.info(t("notifications.none"))
        return
    st.table(
        [
            {
                t("notifications.when"): fmt_datetime(r.created_at),
                t("notifications.kind"): t(f"notifications.kind.{r.kind}"),
                t("notifications.recipient"): plain(r.email or "–"),
                t("notifications.subject"): plain(r.subject),
                t("notifications.state"): context.label(r.mail_state, "mail_state")
                + (f" ({t('notifications.digest_item')})" if r.digest and r.mail_state == "pending" else ""),
                t("notifications.attempts"): fmt_int(r.attempts),
                t("notifications.next_attempt"): fmt_datetime(r.next_attempt_at) if r.mail_state == "pending" else "",
                t("notifications.error"): plain(r.last_error or ""),
            }
            for r in page.items
        ]
    )
    pager(page, PAGE_KEY)
    choices = {r.id: f"{fmt_datetime(r.created_at)} · {r.email or '–'} · {r.subject}" for r in page.items}
    chosen = st.selectbox(
        t("notifications.read_message"), [None, *choices], format_func=lambda i: "" if i is None else choices[i]
    )
    if chosen is not None:
        _message(me, chosen)


def _message(me: Actor, notification_id: int) -> None:
    def load() -> outbox.OutboxMessage:
        with context.reading() as session:
            return outbox.outbox_message(session=session, actor=me, notification_id=notification_id)

    message = attempt(load)
    if message is None:
        return
    with st.container(border=True):
        st.markdown(f"**{plain(message.row.subject)}**")
        st.caption(plain(message.row.email or "–"))
        st.text(message.body)  # as text: user text never renders
        url = mailer.MailSettings.from_env().url(message.link)
        if url:
            st.code(url, language=None, wrap_lines=True)
        if message.row.mail_state == "failed" and st.button(t("notifications.retry"), icon=":material/send:"):
            write_then_confirm(
                lambda s: outbox.retry(session=s, actor=me, notification_id=notification_id), "notifications.retried"
            )

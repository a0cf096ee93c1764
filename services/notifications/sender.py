"""Sending the outbox: claim due mails in the database, send them over SMTP, mark them sent or retry
them with back-off, give up with the reason after `MAX_ATTEMPTS`.

What callers may rely on:
- A mail is claimed by one sender before it is sent (an UPDATE that only succeeds while the row is still
  due), so two processes running at once never send the same mail twice. A claim left by a sender that
  died is taken over after `CLAIM_TIMEOUT`.
- The SMTP conversation happens outside any database transaction: a slow or dead mail server holds no
  lock and blocks no page. A refused address (5xx) fails at once with the server's reason; anything
  else (server down, 4xx, time-out) is tried again after 1, 2, 4 ... minutes (at most 6 hours apart).
- Without `SMTP_HOST` nothing is claimed: the mails stay in the database, where admins read them.
- Digest items (a user's weekly choice) due for one address go out as one mail.
- `run_once` is what `manage.py send-mail` runs (for cron) and what the background thread of
  `manage.py serve` runs every `MAIL_SEND_INTERVAL` seconds (default 30).
"""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, or_, update
from sqlmodel import col, select

import db
import i18n
from models import MailState, Notification, utcnow
from services.notifications.mailer import MailSettings, Outgoing, build, connect

log = logging.getLogger(__name__)

CLAIM_BATCH = 25
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)
DEFAULT_INTERVAL_SECONDS = 30
SCHEDULE_EVERY = timedelta(minutes=10)
INBOX_PAGE = "meddelanden"  # where a digest links: the recipient's notifications


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try: 1, 2, 4, 8 ... minutes, at most 6 hours."""
    return min(FIRST_DELAY * (2 ** max(attempts - 1, 0)), LONGEST_DELAY)


def worker_id() -> str:
    """A name for this sender, unique across processes and machines."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def _due(now: datetime) -> Any:
    return or_(
        and_(Notification.mail_state == MailState.pending, col(Notification.next_attempt_at) <= now),
        and_(Notification.mail_state == MailState.sending, col(Notification.claimed_at) < now - CLAIM_TIMEOUT),
    )


def claim(engine: Engine, *, worker: str, now: datetime, limit: int = CLAIM_BATCH) -> list[Notification]:
    """Claim up to `limit` due mails for `worker` and return them. Each row is taken by an UPDATE that
    still requires it to be due, so a row another sender claimed first is skipped, on SQLite (writes
    serialised) and PostgreSQL (the condition is re-checked after the other's commit) alike."""
    with db.read_session(engine) as session:  # most ticks find nothing: no write lock for them
        ids = list(
            session.exec(
                select(Notification.id)
                .where(_due(now))
                .order_by(col(Notification.next_attempt_at), col(Notification.id))
                .limit(limit)
            )
        )
    if not ids:
        return []
    claimed: list[int] = []
    with db.write_session(engine) as session:
        for notification_id in ids:
            result = session.exec(  # type: ignore[call-overload]
                update(Notification)
                .where(Notification.id == notification_id, _due(now))
                .values(mail_state=MailState.sending, claimed_by=worker, claimed_at=now)
            )
            if result.rowcount == 1:
                claimed.append(notification_id)
        session.commit()
    if not claimed:
        return []
    with db.read_session(engine) as session:
        return list(
            session.exec(
                select(Notification)
                .where(col(Notification.id).in_(claimed), Notification.claimed_by == worker)
                .order_by(col(Notification.id))
            )
        )


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def add(self, other: SendReport) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed


def _groups(rows: list[Notification], settings: MailSettings) -> list[tuple[list[int], Outgoing]]:
    """One mail per immediate row; one digest mail per address for digest rows."""
    groups: list[tuple[list[int], Outgoing]] = []
    digests: dict[str, list[Notification]] = {}
    for n in rows:
        if not n.email:
            continue
        if n.digest:
            digests.setdefault(n.email.lower(), []).append(n)
        else:
            groups.append(([n.id], Outgoing(n.email, n.language, n.subject, n.body, n.link, n.unsubscribe_token)))
    for items in digests.values():
        language = items[0].language
        lines = []
        for n in items:
            url = settings.url(n.link)
            lines.append(f"• {n.subject}" + (f"\n  {url}" if url else ""))
        body = i18n.t("mail.digest.body", language, items="\n\n".join(lines))
        subject = i18n.t("mail.digest.subject", language, n=len(items))
        outgoing = Outgoing(items[0].email or "", language, subject, body, INBOX_PAGE, None)
        groups.append(([n.id for n in items], outgoing))
    return groups


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"[:500]
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {text}"[:500]
    return f"{type(error).__name__}: {error}"[:500]


def _permanent(error: BaseException) -> bool:
    """A refusal the server will repeat: a 5xx for the recipient or the message."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _finish(engine: Engine, ids: list[int], worker: str, now: datetime, error: BaseException | None) -> SendReport:
    """Record the outcome for the rows this worker still holds (a row cancelled meanwhile is left alone)."""
    report = SendReport()
    with db.write_session(engine) as session:
        rows = session.exec(
            select(Notification).where(
                col(Notification.id).in_(ids),
                Notification.claimed_by == worker,
                Notification.mail_state == MailState.sending,
            )
        ).all()
        for n in rows:
            n.attempts += 1
            n.claimed_by = n.claimed_at = None
            if error is None:
                n.mail_state, n.sent_at, n.last_error = MailState.sent, now, None
                if n.link and "kod=" in n.link:  # a private tracking code leaves the database once delivered
                    n.link = n.link.split("?", 1)[0]
                report.sent += 1
            elif _permanent(error) or n.attempts >= MAX_ATTEMPTS:
                n.mail_state, n.last_error = MailState.failed, _reason(error)
                report.failed += 1
            else:
                n.mail_state, n.last_error = MailState.pending, _reason(error)
                n.next_attempt_at = now + backoff(n.attempts)
                report.retrying += 1
        session.commit()
    return report


def send_due(
    engine: Engine,
    *,
    settings: MailSettings,
    worker: str | None = None,
    now: datetime | None = None,
    limit: int = CLAIM_BATCH,
    connector: Callable[[MailSettings], smtplib.SMTP] = connect,
) -> SendReport:
    """Claim and send one batch of due mails. Nothing at all without `SMTP_HOST`."""
    report = SendReport()
    if not settings.configured:
        return report
    worker = worker or worker_id()
    now = now or utcnow()
    rows = claim(engine, worker=worker, now=now, limit=limit)
    if not rows:
        return report
    groups = _groups(rows, settings)
    grouped = {i for ids, _ in groups for i in ids}
    if leftover := [n.id for n in rows if n.id not in grouped]:  # no address any more: nothing to send
        report.add(_finish(engine, leftover, worker, now, RuntimeError("no address")))
    try:
        smtp = connector(settings)
    except (OSError, smtplib.SMTPException) as error:  # the server is down: every mail waits and retries
        for ids, _ in groups:
            report.add(_finish(engine, ids, worker, now, error))
        return report
    try:
        for index, (ids, outgoing) in enumerate(groups):
            try:
                smtp.send_message(build(outgoing, settings))
            except (OSError, smtplib.SMTPException) as error:
                report.add(_finish(engine, ids, worker, now, error))
                if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
                    try:
                        smtp = connector(settings)
                    except (OSError, smtplib.SMTPException) as down:  # the rest waits for the next round
                        for rest, _ in groups[index + 1 :]:
                            report.add(_finish(engine, rest, worker, now, down))
                        return report
                continue
            report.add(_finish(engine, ids, worker, utcnow(), None))
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return report


def run_once(
    engine: Engine, *, settings: MailSettings | None = None, worker: str | None = None, scheduled: bool = True
) -> SendReport:
    """Queue what is due by the calendar (digests, reminders), then send every due mail, batch by batch."""
    from services.notifications import schedule

    settings = settings or MailSettings.from_env()
    worker = worker or worker_id()
    if scheduled:
        schedule.run(engine)
    report = SendReport()
    while True:
        batch = send_due(engine, settings=settings, worker=worker)
        report.add(batch)
        if batch.sent + batch.retrying + batch.failed < CLAIM_BATCH:
            return report


def start_background(url: str, *, interval: float | None = None) -> threading.Event:
    """Send mail from a daemon thread of this process (what `manage.py serve` does). Returns the event
    that stops it."""
    stop = threading.Event()
    seconds = interval or float(os.environ.get("MAIL_SEND_INTERVAL") or DEFAULT_INTERVAL_SECONDS)

    def loop() -> None:
        while db.schema_problem(url) and not stop.wait(seconds):  # not migrated yet: never create a file
            pass
        engine = db.make_engine(url)
        worker = worker_id()
        last_schedule: datetime | None = None
        while not stop.is_set():
            try:
                now = utcnow()
                due = last_schedule is None or now - last_schedule >= SCHEDULE_EVERY
                run_once(engine, worker=worker, scheduled=due)
                if due:
                    last_schedule = now
            except Exception:  # a database or mail hiccup must not end the thread
                log.exception("sending mail failed; trying again in %s s", seconds)
            stop.wait(seconds)
        engine.dispose()

    threading.Thread(target=loop, name="mail-sender", daemon=True).start()
    return stop

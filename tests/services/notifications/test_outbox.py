"""The outbox: notifications are written with the change that causes them, follow the recipient's
language and preferences, and are sent by a real SMTP server exactly once, retried when refused."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.ideas import intake, triage
from services.notifications import inbox, mailer, outbox, preferences, sender
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests.conftest import actor
from tests.mailserver import MailServer, html_of, text_of
from tests.services.ideas.test_intake import form

PAYLOAD = '<script>alert("x")</script> **fet**'


@pytest.fixture
def mail() -> MailServer:
    with MailServer() as server:
        yield server


def settings_for(server: MailServer) -> mailer.MailSettings:
    return mailer.MailSettings.from_env(server.env())


def rows(session: Session, **where: object) -> list[m.Notification]:
    query = select(m.Notification).order_by(m.Notification.id)
    for name, value in where.items():
        query = query.where(getattr(m.Notification, name) == value)
    return list(session.exec(query))


def submit(session: Session, **changes: object) -> intake.Submitted:
    data = form(session, contact_name="Ada Patient", contact_email="ada@example.se", consent=True, **changes)
    return intake.submit_idea(session=session, actor=None, data=data, language="en")


def test_a_rolled_back_change_queues_nothing(engine: Engine) -> None:
    with db.write_session(engine) as session:
        before = len(rows(session))
        data = form(session, contact_email="ada@example.se", consent=True)
        original_commit = session.commit
        session.commit = lambda: None  # the change stops before its commit: the block rolls it back
        intake.submit_idea(session=session, actor=None, data=data)
        assert len(rows(session)) > before  # queued in the transaction ...
        session.commit = original_commit
    with db.read_session(engine) as session:
        assert len(rows(session)) == before  # ... and gone with it
        assert not session.exec(select(m.Idea).where(m.Idea.contact_email == "ada@example.se")).all()


def test_receipt_in_the_submitters_language_with_reference_and_private_link(
    session: Session, engine: Engine, mail: MailServer
) -> None:
    done = submit(session, title=PAYLOAD)
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.email == "ada@example.se" and receipt.language == "en" and receipt.required
    assert receipt.mail_state == "pending" and receipt.unsubscribe_token is None
    assert receipt.link == f"folj-ide?kod={done.tracking_code}"
    manager_notice = rows(session, kind="idea.new_for_org")
    assert manager_notice and all(n.user_id for n in manager_notice)  # the managers of KS, in the app

    session.rollback()  # let go of the write lock the test's session holds

    report = sender.run_once(engine, settings=settings_for(mail), scheduled=False)
    assert report.sent >= 1
    [message] = mail.inbox.to("ada@example.se")
    assert message["Subject"] == f"Thank you for your idea – {done.ref}"
    body = text_of(message)
    assert done.ref in body and f"http://portal.test/folj-ide?kod={done.tracking_code}" in body
    assert PAYLOAD in body  # plain text as typed ...
    assert "<script>" not in html_of(message) and "&lt;script&gt;" in html_of(message)  # ... escaped in HTML
    session.expire_all()
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.mail_state == "sent" and receipt.sent_at is not None and receipt.attempts == 1
    assert receipt.link == "folj-ide"  # the private code leaves the database once delivered


def test_a_refused_send_is_retried_with_back_off_and_sent_once(
    session: Session, engine: Engine, mail: MailServer
) -> None:
    submit(session)
    mail.inbox.refuse_next = 1
    settings = settings_for(mail)
    session.rollback()  # let go of the write lock the test's session holds
    first = sender.send_due(engine, settings=settings)
    assert first.retrying >= 1 and not mail.inbox.to("ada@example.se")
    session.expire_all()
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.mail_state == "pending" and receipt.attempts == 1 and receipt.last_error.startswith("451")
    waits_until = receipt.next_attempt_at.replace(tzinfo=UTC)
    assert waits_until > datetime.now(UTC) + timedelta(seconds=30)  # backed off, not hammered
    session.rollback()
    assert sender.send_due(engine, settings=settings).sent == 0  # not yet due
    session.rollback()  # let go of the write lock the test's session holds
    second = sender.send_due(engine, settings=settings, now=waits_until + timedelta(seconds=1))
    assert second.sent >= 1
    assert len(mail.inbox.to("ada@example.se")) == 1
    session.rollback()
    assert sender.send_due(engine, settings=settings, now=waits_until + timedelta(hours=1)).sent == 0
    assert len(mail.inbox.to("ada@example.se")) == 1
    session.expire_all()
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.mail_state == "sent" and receipt.attempts == 2 and receipt.last_error is None


def test_a_mail_server_that_is_down_delays_and_gives_up_with_the_reason(session: Session, engine: Engine) -> None:
    submit(session)
    down = mailer.MailSettings.from_env({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "1"})  # nobody listens
    now = datetime.now(UTC)
    for _ in range(sender.MAX_ATTEMPTS):
        session.rollback()  # let go of the write lock the test's session holds
        sender.send_due(engine, settings=down, now=now)
        now += sender.LONGEST_DELAY
    session.expire_all()
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.mail_state == "failed" and receipt.attempts == sender.MAX_ATTEMPTS
    assert "ConnectionRefused" in receipt.last_error
    admin = actor(session, "admin")
    failed = outbox.list_outbox(session=session, actor=admin, state="failed")
    shown = {r.id: r for r in failed.items}  # the receipt and the notice to KS's manager
    assert receipt.id in shown and shown[receipt.id].last_error == receipt.last_error
    outbox.retry(session=session, actor=admin, notification_id=receipt.id)
    assert receipt.mail_state == "pending" and receipt.attempts == 0
    with pytest.raises(InvalidTransition):
        outbox.retry(session=session, actor=admin, notification_id=receipt.id)
    with pytest.raises(PermissionDenied):
        outbox.list_outbox(session=session, actor=actor(session, "manager"))


def test_a_refused_address_fails_at_once_with_the_servers_reason(
    session: Session, engine: Engine, mail: MailServer
) -> None:
    submit(session)

    class Refusing:
        def __init__(self, settings: mailer.MailSettings) -> None:
            pass

        def send_message(self, message: object) -> None:
            import smtplib

            raise smtplib.SMTPRecipientsRefused({"ada@example.se": (550, b"5.1.1 No such user")})

        def quit(self) -> None:
            pass

    session.rollback()  # let go of the write lock the test's session holds

    sender.send_due(engine, settings=settings_for(mail), connector=Refusing)
    session.expire_all()
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.mail_state == "failed" and receipt.last_error == "550 5.1.1 No such user" and receipt.attempts == 1


def test_two_senders_at_once_send_every_message_exactly_once(
    session: Session, engine: Engine, demo_url: str, mail: MailServer
) -> None:
    for i in range(30):
        intake.submit_idea(
            session=session,
            actor=None,
            data=form(session, contact_email=f"person{i}@example.se", consent=True, organisation_id=None),
        )
    settings = settings_for(mail)
    engines = [db.make_engine(demo_url), db.make_engine(demo_url)]
    start = threading.Barrier(2)
    reports: list[sender.SendReport] = []

    def run(e: Engine) -> None:
        start.wait()
        reports.append(sender.run_once(e, settings=settings, scheduled=False))

    session.rollback()
    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for e in engines:
        e.dispose()
    received = sorted(msg["To"] for msg in mail.inbox.messages)
    assert received == sorted(f"person{i}@example.se" for i in range(30))  # each once, none missing
    assert sum(r.sent for r in reports) == 30
    session.expire_all()
    assert {n.mail_state for n in rows(session, kind="idea.receipt")} == {"sent"}


def test_without_smtp_host_nothing_is_sent_and_admins_read_the_message(session: Session, engine: Engine) -> None:
    done = submit(session)
    session.rollback()
    assert sender.run_once(engine, settings=mailer.MailSettings.from_env({}), scheduled=False).sent == 0
    session.expire_all()
    [receipt] = rows(session, kind="idea.receipt")
    assert receipt.mail_state == "pending"
    message = outbox.outbox_message(session=session, actor=actor(session, "admin"), notification_id=receipt.id)
    assert done.ref in message.body and message.link.endswith(done.tracking_code)


def test_preferences_decide_how_a_user_hears_and_the_in_app_list_always_has_it(
    session: Session, engine: Engine, mail: MailServer
) -> None:
    manager = actor(session, "manager")  # manages HSF
    hsf = session.get(m.User, manager.id).organisation_id
    choices = preferences.my_preferences(session=session, actor=manager)
    assert choices["idea.new_for_org"] == "immediately" and "idea.receipt" not in choices
    preferences.set_preferences(session=session, actor=manager, choices={"idea.new_for_org": "weekly"})
    shown = preferences.my_preferences(session=session, actor=manager)
    assert shown["idea.new_for_org"] == "weekly"
    # What the page shows for every kind is what the sender applies, chosen or default.
    assert shown == {kind: outbox.delivery_for(session, manager.id, kind) for kind in choices}
    intake.submit_idea(session=session, actor=None, data=form(session, organisation_id=hsf))
    notice = rows(session, kind="idea.new_for_org", user_id=manager.id)[-1]  # the newest
    assert notice.digest and notice.mail_state == "pending" and notice.unsubscribe_token
    assert notice.next_attempt_at.replace(tzinfo=UTC) > datetime.now(UTC)
    assert inbox.unread_count(session=session, actor=manager) >= 1
    preferences.set_preferences(session=session, actor=manager, choices={"idea.new_for_org": "off"})
    intake.submit_idea(session=session, actor=None, data=form(session, organisation_id=hsf))
    latest = rows(session, kind="idea.new_for_org", user_id=manager.id)[-1]
    assert latest.mail_state == "none" and latest.email is None

    # the digest goes out on Monday as one mail
    monday = outbox.next_digest_at(datetime.now(UTC))
    session.rollback()  # let go of the write lock the test's session holds
    sender.send_due(engine, settings=settings_for(mail), now=monday + timedelta(minutes=1))
    [digest] = mail.inbox.to(manager.email)
    assert digest["Subject"].startswith("Veckosammanfattning") and "Ny idé till er organisation" in text_of(digest)

    with pytest.raises(ValidationError):  # a required kind cannot be turned off
        preferences.set_preferences(session=session, actor=manager, choices={"idea.receipt": "off"})


def test_unsubscribe_link_turns_the_kind_off_or_withdraws_a_public_address(session: Session) -> None:
    manager = actor(session, "manager")
    hsf = session.get(m.User, manager.id).organisation_id
    intake.submit_idea(session=session, actor=None, data=form(session, organisation_id=hsf))
    notice = rows(session, kind="idea.new_for_org", user_id=manager.id)[-1]  # the newest
    info = preferences.unsubscribe(session=session, token=notice.unsubscribe_token)
    assert info.for_user and preferences.my_preferences(session=session, actor=manager)["idea.new_for_org"] == "off"

    done = submit(session)
    idea = session.get(m.Idea, done.idea_id)
    triage.change_stage(session=session, actor=actor(session, "admin"), idea_id=idea.id, to_stage="screening")
    [moved] = rows(session, kind="idea.stage_changed", entity_id=idea.id)
    assert moved.unsubscribe_token and not moved.required
    info = preferences.unsubscribe(session=session, token=moved.unsubscribe_token)
    assert not info.for_user and info.idea_ref == idea.ref
    assert idea.contact_email is None and idea.contact_name is None
    to_submitter = [n for n in rows(session, entity="idea", entity_id=idea.id) if n.user_id is None]
    assert len(to_submitter) == 2 and all(n.email is None for n in to_submitter)  # the managers keep theirs
    assert {n.mail_state for n in to_submitter} == {"cancelled"}
    with pytest.raises(NotFound):
        preferences.unsubscribe(session=session, token=moved.unsubscribe_token)
    with pytest.raises(NotFound):
        preferences.unsubscribe(session=session, token="guess")


def test_in_app_list_is_the_users_own_and_marks_read(session: Session) -> None:
    manager = actor(session, "manager")
    hsf = session.get(m.User, manager.id).organisation_id
    done = intake.submit_idea(session=session, actor=None, data=form(session, organisation_id=hsf))
    page = inbox.my_notifications(session=session, actor=manager)
    item = page.items[0]
    assert done.ref in item.subject and item.link == f"idehantering?ide={done.ref}" and item.read_at is None
    with pytest.raises(NotFound):
        inbox.mark_read(session=session, actor=actor(session, "employee"), notification_id=item.id)
    before = inbox.unread_count(session=session, actor=manager)
    assert inbox.mark_read(session=session, actor=manager, notification_id=item.id) == item.link
    assert inbox.unread_count(session=session, actor=manager) == before - 1
    inbox.mark_all_read(session=session, actor=manager)
    assert inbox.unread_count(session=session, actor=manager) == 0

"""`manage.py send-mail`, what cron runs: sends every due mail once, says what it did, and without
SMTP_HOST sends nothing and says where the messages wait."""

from __future__ import annotations

import pytest
from sqlmodel import select
from typer.testing import CliRunner

import db
import manage
import models as m
from services.ideas import intake
from tests.mailserver import MailServer
from tests.services.ideas.test_intake import form

runner = CliRunner()


def _queue_receipt(url: str) -> str:
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        done = intake.submit_idea(
            session=session,
            actor=None,
            data=form(session, organisation_id=None, contact_email="eva@example.se", consent=True),
        )
    engine.dispose()
    return done.ref


def test_send_mail_sends_each_due_mail_once(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = _queue_receipt(demo_url)
    with MailServer() as server:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        first = runner.invoke(manage.app, ["send-mail"])
        second = runner.invoke(manage.app, ["send-mail"])
        assert first.exit_code == 0, first.output
        assert "Sent" in first.output and "Sent 0," in second.output
        [mail] = server.inbox.to("eva@example.se")
        assert ref in mail["Subject"]


def test_send_mail_without_smtp_host_sends_nothing(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _queue_receipt(demo_url)
    monkeypatch.delenv("SMTP_HOST", raising=False)
    result = runner.invoke(manage.app, ["send-mail"])
    assert result.exit_code == 0 and "SMTP_HOST is not set" in result.output
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        states = session.exec(select(m.Notification.mail_state).where(m.Notification.email == "eva@example.se")).all()
    engine.dispose()
    assert states == ["pending"]

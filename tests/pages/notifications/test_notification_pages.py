"""The notification pages in AppTest: Meddelanden (count, list, opening at the record, preferences), the
admins' Utkorg, Avregistrera from a mail's link, and questions and answers on the idea pages."""

from __future__ import annotations

from sqlmodel import select

import db
import i18n
import models as m
from services.ideas import intake, triage
from services.notifications import sender
from services.people.auth import load_actor
from tests.pages.apptest import app_as, open_page, texts
from tests.services.ideas.test_intake import form

INBOX, OUTBOX, UNSUBSCRIBE = "pages/account/notifications.py", "pages/admin/outbox.py", "pages/account/unsubscribe.py"
TRACK, MANAGE = "pages/ideas/track.py", "pages/ideas/manage.py"
PAYLOAD = "<b>Fet</b><script>alert(1)</script> **inte fet**"


def _submit(url: str, **changes: object) -> intake.Submitted:
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        data = form(session, contact_email="ada@example.se", consent=True, **changes)
        done = intake.submit_idea(session=session, actor=None, data=data)
    engine.dispose()
    return done


def _rows(url: str, **where: object) -> list[m.Notification]:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        query = select(m.Notification).order_by(m.Notification.id)
        for name, value in where.items():
            query = query.where(getattr(m.Notification, name) == value)
        found = list(session.exec(query))
    engine.dispose()
    return found


def _click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def test_manager_sees_the_unread_count_and_opens_a_notice_at_the_idea(demo_url: str) -> None:
    done = _submit(demo_url, title=PAYLOAD)  # KS: Maria Ekholm is its manager
    at = open_page(app_as("maria.ekholm"), INBOX)
    assert not at.exception
    subject = f"Ny idé till er organisation: {done.ref}"
    assert any(subject in md.value.replace("\\", "") for md in at.markdown)  # Markdown-escaped, as typed
    assert any(PAYLOAD in tx.value for tx in at.text)  # the body as text, never rendered
    [mine] = [n for n in _rows(demo_url, kind="idea.new_for_org") if n.entity_id == done.idea_id]
    at = next(b for b in at.button if b.key == f"open_{mine.id}").click().run()
    assert done.ref in at.subheader[0].value  # Idéhantering opened the idea
    [mine] = [n for n in _rows(demo_url, kind="idea.new_for_org") if n.entity_id == done.idea_id]
    assert mine.read_at is not None


def test_preferences_are_saved_per_kind(demo_url: str) -> None:
    at = open_page(app_as("manager"), INBOX)
    at.radio(key="pref_idea.new_for_org").set_value("weekly")
    at = _click(at, i18n.t("ui.save"))
    assert i18n.t("notifications.saved") in texts(at)
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        manager = load_actor(session, "manager")
        chosen = session.exec(
            select(m.NotificationPreference.delivery).where(
                m.NotificationPreference.user_id == manager.id, m.NotificationPreference.kind == "idea.new_for_org"
            )
        ).one()
    engine.dispose()
    assert chosen == "weekly"
    assert not any(r.key == "pref_idea.receipt" for r in at.radio)  # receipts are always sent


def test_outbox_says_no_server_is_set_and_shows_a_failure_with_its_reason(demo_url: str, monkeypatch) -> None:
    monkeypatch.delenv("SMTP_HOST", raising=False)
    done = _submit(demo_url, title=PAYLOAD)
    at = open_page(app_as("admin"), OUTBOX)
    assert i18n.t("notifications.no_smtp") in [w.value for w in at.warning]
    engine = db.make_engine(demo_url)
    from services.notifications import mailer

    down = mailer.MailSettings.from_env({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "1"})
    for _ in range(sender.MAX_ATTEMPTS):
        sender.send_due(engine, settings=down, now=m.utcnow() + sender.LONGEST_DELAY * (_ + 1))
    engine.dispose()
    at = open_page(app_as("admin"), OUTBOX)
    table = at.table[0].value
    failed = table[table["Mottagare"] == "ada@example\\.se"]
    assert set(failed["Status"]) == {"Gick inte fram"}
    assert all("ConnectionRefused" in reason for reason in failed["Orsak"])
    [receipt] = [n for n in _rows(demo_url, kind="idea.receipt") if n.entity_id == done.idea_id]
    chooser = next(s for s in at.selectbox if s.label == i18n.t("notifications.read_message"))
    at = chooser.set_value(receipt.id).run()
    assert any(done.ref in tx.value and PAYLOAD in tx.value for tx in at.text)
    at = _click(at, i18n.t("notifications.retry"))
    assert i18n.t("notifications.retried") in texts(at)
    [receipt] = [n for n in _rows(demo_url, kind="idea.receipt") if n.entity_id == done.idea_id]
    assert receipt.mail_state == "pending" and receipt.attempts == 0


def test_unsubscribe_link_removes_a_submitters_address_after_saying_so(demo_url: str) -> None:
    done = _submit(demo_url)
    engine = db.make_engine(demo_url)
    with db.write_session(engine) as session:
        admin = load_actor(session, "admin")
        triage.change_stage(session=session, actor=admin, idea_id=done.idea_id, to_stage="screening")
    engine.dispose()
    [moved] = [n for n in _rows(demo_url, kind="idea.stage_changed") if n.entity_id == done.idea_id]
    at = app_as(None)
    at.query_params["kod"] = moved.unsubscribe_token
    at = open_page(at, UNSUBSCRIBE)
    assert done.ref in texts(at)
    at = _click(at, i18n.t("notifications.unsubscribe_button"))
    assert i18n.t("notifications.unsubscribed") in texts(at)
    assert all(n.email is None for n in _rows(demo_url, entity_id=done.idea_id) if n.user_id is None)
    at = app_as(None)
    at.query_params["kod"] = moved.unsubscribe_token
    at = open_page(at, UNSUBSCRIBE)
    assert i18n.t("notifications.unsubscribe_unknown") in [e.value for e in at.error]


def test_admin_asks_and_the_visitor_answers_on_the_tracking_page(demo_url: str) -> None:
    done = _submit(demo_url)
    at = app_as("admin")
    at.query_params["ide"] = done.ref
    at = open_page(at, MANAGE)
    asking = next(ta for ta in at.text_area if ta.label == i18n.t("ideas.ask_field"))
    asking.input(PAYLOAD)
    at = _click(at, i18n.t("ideas.ask_submit"))
    assert i18n.t("ideas.asked") in texts(at)

    visitor = app_as(None)
    visitor.query_params["kod"] = done.tracking_code
    visitor = open_page(visitor, TRACK)
    assert i18n.t("ideas.question_heading") in texts(visitor)
    visitor.text_area(key="answer_text").input("Entré C, vid parkeringen.")
    visitor = _click(visitor, i18n.t("ideas.answer_submit"))
    assert i18n.t("ideas.answered_done") in texts(visitor)
    assert i18n.t("ideas.question_heading") not in texts(visitor)  # answered: no open question
    timeline = visitor.table[-1].value
    assert "Entré C, vid parkeringen\\." in list(timeline.iloc[:, -1])


def test_a_logged_in_submitter_answers_the_question_under_mina_ideer(demo_url: str) -> None:
    engine = db.make_engine(demo_url)
    with db.write_session(engine) as session:
        me = load_actor(session, "employee")
        done = intake.submit_idea(session=session, actor=me, data=form(session))
        triage.ask_submitter(
            session=session, actor=load_actor(session, "admin"), idea_id=done.idea_id, text="Vilken avdelning?"
        )
    engine.dispose()
    at = open_page(app_as("employee"), "pages/ideas/mine.py")
    at.selectbox(key="mine_chosen").set_value(done.idea_id).run()
    assert i18n.t("ideas.question_heading") in texts(at)
    at.text_area(key="answer_text").input("Avdelning 12")
    at = _click(at, i18n.t("ideas.answer_submit"))
    assert i18n.t("ideas.answered_done") in texts(at)
    answers = [e for e in _rows(demo_url, kind="idea.answered") if e.entity_id == done.idea_id]
    assert answers and "Avdelning 12" in answers[0].body


def test_a_testbed_requester_gets_a_private_link_once_and_writes_back_through_it(demo_url: str) -> None:
    at = app_as(None)
    at.query_params["miljo"] = "frs-vr-studio"
    at.run()
    at.switch_page("pages/testbeds/catalogue.py").run()
    at.text_input(key="tbr_name").input("Eva Testare")
    at.text_input(key="tbr_email").input("eva@example.se")
    at.text_area(key="tbr_description").input("Vi vill prova en VR-miljö.")
    at.checkbox(key="tbr_consent").check()
    at = at.button(key="FormSubmitter:tb_request_form-Skicka förfrågan").click().run()
    [link] = [c.value for c in at.code]
    code = link.rsplit("kod=", 1)[1]
    at.run()
    assert not at.code  # shown once: the code is stored nowhere

    visitor = app_as(None)
    visitor.query_params["kod"] = code
    visitor = open_page(visitor, "pages/testbeds/track.py")
    assert [m.value for m in visitor.metric] == [i18n.label("new", "request_status"), visitor.metric[1].value]
    visitor.text_area(key="tb_reply_text").input("Vi kan komma vecka 40.")
    visitor = visitor.button(key="FormSubmitter:tb_reply-Skicka").click().run()
    assert i18n.t("testbeds.replied") in texts(visitor)
    assert "Vi kan komma vecka 40." in [tx.value for tx in visitor.text]

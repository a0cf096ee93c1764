"""Behovshantering through AppTest: the owning manager takes an assessed response on to a testbed request
and a fund application, typing only what the response cannot hold; a refused form keeps what was typed;
the request and the draft show where they came from."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

import db
import models as m
from components.ui import plain
from services.people.auth import load_actor
from services.samverkan import needs
from tests.pages.apptest import app_as, open_page, texts
from tests.pages.samverkan.test_samverkan_pages import TITLE, _publish

MANAGE = "pages/samverkan/manage.py"
REQUESTS = "pages/testbeds/requests.py"
MINE = "pages/fund/mine.py"
RESPONDER = "Sensa **AB**"


def _assessed_response(url: str) -> tuple[int, int, int, int]:
    """A need of the demo manager's organisation with one response they have assessed; an open call and
    an open testbed. Returns (need, response, testbed, call) ids."""
    need_id = _publish(url)
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        receipt = needs.submit_response(
            session=session,
            data={
                "need_id": need_id,
                "responder_org": RESPONDER,
                "org_number": "556016-0680",
                "responder_kind": "university",
                "responder_name": "Lina Berg",
                "responder_email": "lina@sensa.example",
                "proposal": "En golvsensor som larmar personalen.",
                "consent": True,
            },
        )
        response_id = session.exec(select(m.NeedResponse.id).where(m.NeedResponse.ref == receipt.ref)).one()
        manager = load_actor(session, "manager")
        needs.declare(session=session, actor=manager, response_id=response_id, conflict=False)
        needs.assess(session=session, actor=manager, response_id=response_id, score=4, note="Lovande")
        # Another organisation's testbed: the request goes to its inbox, not the manager's.
        testbed_id = session.exec(select(m.Testbed.id).where(m.Testbed.status == "open").order_by(m.Testbed.id)).first()
        today = date.today()
        call = m.FundCall(
            name="Utlysning för svar",
            year=today.year,
            budget_sek=1_000_000,
            opens_on=today - timedelta(days=10),
            closes_on=today + timedelta(days=10),
            review_due_on=today + timedelta(days=31),
            status="open",
        )
        session.add(call)
        session.commit()
        ids = need_id, response_id, testbed_id, call.id
    engine.dispose()
    return ids


def _stored(url: str, table, **where):
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        query = select(table)
        for key, value in where.items():
            query = query.where(getattr(table, key) == value)
        rows = list(session.exec(query))
    engine.dispose()
    return rows


def _open_response(url: str, need_id: int, response_id: int):
    at = open_page(app_as("manager"), MANAGE)
    at.selectbox(key="svn_chosen").set_value(need_id).run()
    at.selectbox(key="svr_chosen").set_value(response_id).run()
    assert not at.exception
    return at


def test_the_manager_turns_a_response_into_a_testbed_request(demo_url: str) -> None:
    need_id, response_id, testbed_id, _ = _assessed_response(demo_url)
    assert testbed_id is not None
    at = _open_response(demo_url, need_id, response_id)
    prefix = f"svt_{response_id}_"
    # What the request takes from the response is named, as text; only the testbed and period are asked.
    assert any("Sensa \\*\\*AB\\*\\*" in c.value and "får ett mejl" in c.value for c in at.caption)
    at.text_input(key=f"{prefix}period").input("Hösten")
    at.button(key=f"FormSubmitter:{prefix}form-Skicka förfrågan").click().run()
    assert "Testmiljö: Fyll i det här fältet." in [e.value for e in at.error]  # no testbed chosen
    assert at.text_input(key=f"{prefix}period").value == "Hösten"  # what was typed stays
    assert _stored(demo_url, m.TestbedRequest, response_id=response_id) == []

    at.selectbox(key=f"{prefix}testbed").set_value(testbed_id)
    at.button(key=f"FormSubmitter:{prefix}form-Skicka förfrågan").click().run()
    assert not at.exception
    [request] = _stored(demo_url, m.TestbedRequest, response_id=response_id)
    shown = texts(at)
    assert f"Förfrågan {request.ref} om" in shown and "är skickad" in shown
    assert f"Svaret har blivit förfrågan {request.ref}" in shown
    assert (request.requester_org, request.requester_kind, request.wanted_period) == (RESPONDER, "researcher", "Hösten")

    inbox = open_page(app_as("admin"), REQUESTS)  # the testbed's owners' inbox (the central team sees all)
    inbox.selectbox(key="tbi_chosen").set_value(request.id).run()
    assert not inbox.exception
    facts = inbox.table[0].value
    response_ref = _stored(demo_url, m.NeedResponse, id=response_id)[0].ref
    assert facts.loc["Från svar på behov"].iloc[0] == plain(f"{response_ref} · {TITLE}")  # text, not markup


def test_the_manager_turns_a_response_into_a_draft_fund_application(demo_url: str) -> None:
    need_id, response_id, _, call_id = _assessed_response(demo_url)
    at = _open_response(demo_url, need_id, response_id)
    prefix = f"svf_{response_id}_"
    # The need's title and the response's proposal are there already.
    assert at.text_area(key=f"{prefix}summary").value == "En golvsensor som larmar personalen."
    at.selectbox(key=f"{prefix}call").set_value(call_id)
    at.text_input(key=f"{prefix}title").input("Fallsensorer i vården")
    at.text_area(key=f"{prefix}benefit").input("Färre fallskador nattetid.")
    at.date_input(key=f"{prefix}starts").set_value(date(2027, 3, 1))
    at.date_input(key=f"{prefix}ends").set_value(date(2027, 12, 31))
    at.button(key=f"FormSubmitter:{prefix}form-Spara utkastet").click().run()  # requested: 0 kr
    assert not at.exception
    assert "Värdet är för litet." in texts(at)
    assert at.text_area(key=f"{prefix}benefit").value == "Färre fallskador nattetid."  # kept
    assert _stored(demo_url, m.FundApplication, response_id=response_id) == []

    at.number_input(key=f"{prefix}requested").set_value(300_000)
    at.button(key=f"FormSubmitter:{prefix}form-Spara utkastet").click().run()
    assert not at.exception
    [draft] = _stored(demo_url, m.FundApplication, response_id=response_id)
    assert (draft.title, draft.status, draft.requested_sek, draft.call_id) == (
        "Fallsensorer i vården",
        "draft",
        300_000,
        call_id,
    )
    shown = texts(at)
    assert f"Utkastet {draft.ref} är sparat" in shown and f"Svaret har blivit fondansökan {draft.ref}" in shown

    mine = open_page(app_as("manager"), MINE)
    mine.selectbox(key="fund_mine_chosen").set_value(draft.id).run()
    assert not mine.exception
    response_ref = _stored(demo_url, m.NeedResponse, id=response_id)[0].ref
    assert f"Från svar på behov: {plain(f'{response_ref} · {TITLE}')}" in [c.value for c in mine.caption]
    assert mine.text_input(key=f"fund_app_{draft.id}_{call_id}_title").value == "Fallsensorer i vården"


def test_a_declined_response_offers_no_way_forward(demo_url: str) -> None:
    need_id, response_id, _, _ = _assessed_response(demo_url)
    at = _open_response(demo_url, need_id, response_id)

    def ways_forward() -> list[str]:
        return [
            k for k in ("svt_", "svf_", "svs_") if any(str(b.key).startswith(f"FormSubmitter:{k}") for b in at.button)
        ]

    assert ways_forward() == ["svt_", "svf_", "svs_"]
    at.button(key=f"svr_decline_{response_id}").click().run()
    assert "Svaret går inte vidare." in texts(at)
    assert ways_forward() == []

"""Samverkan's pages through AppTest: the public response form and what a manager of another
organisation sees."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

import db
from models import Area, NeedResponse, Organisation
from services.people.auth import load_actor
from services.samverkan import needs
from tests.pages.apptest import app_as, open_page, texts

PUBLIC = "pages/samverkan/needs.py"
MANAGE = "pages/samverkan/manage.py"
TITLE = "Behov med **fetstil** och <b>tagg</b>"


def _publish(url: str) -> int:
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        org = session.exec(select(Organisation).where(Organisation.name == "Hälso- och sjukvårdsförvaltningen")).one()
        area = session.exec(select(Area).where(Area.code == "health")).one()
        need = needs.create_need(
            session=session,
            actor=load_actor(session, "manager"),
            data={
                "title": TITLE,
                "description": "Beskrivning [länk](http://evil.example)",
                "response_guidance": "Vad ni erbjuder.",
                "area_id": area.id,
                "organisation_id": org.id,
                "deadline": date.today() + timedelta(days=10),
            },
            publish=True,
        )
        need_id = need.id
    engine.dispose()
    return need_id


def _submit(at, form: str, label: str):
    return at.button(key=f"FormSubmitter:{form}-{label}").click().run()


def test_visitor_responds_keeps_the_form_on_bad_input_and_sees_user_text_as_text(demo_url: str) -> None:
    need_id = _publish(demo_url)
    at = open_page(app_as(None), PUBLIC)
    assert not at.exception
    assert TITLE.replace("*", "\\*").replace("<", "\\<").replace(">", "\\>") in [s.value for s in at.subheader]
    at.button(key=f"sv_open_{need_id}").click().run()
    assert not at.exception
    at.text_input(key="svr_org").input("Sensa AB")
    at.text_input(key="svr_org_number").input("556016-0681")
    at.text_input(key="svr_name").input("Lina Berg")
    at.text_input(key="svr_email").input("lina@sensa.example")
    at.text_area(key="svr_proposal").input("En golvsensor.")
    at.checkbox(key="svr_consent").check()
    _submit(at, "sv_response", "Skicka svaret")
    assert "kontrollsiffran är fel" in texts(at)
    assert at.text_input(key="svr_org").value == "Sensa AB"  # what was typed stays
    at.text_input(key="svr_org_number").input("556016-0680")
    _submit(at, "sv_response", "Skicka svaret")
    assert "Ditt svar har tagits emot med referens UTM-" in texts(at)
    engine = db.make_engine(demo_url)
    with db.read_session(engine) as session:
        stored = session.exec(select(NeedResponse).where(NeedResponse.need_id == need_id)).one()
    engine.dispose()
    assert stored.org_number == "556016-0680" and stored.responder_org == "Sensa AB"
    assert "Beskrivning [länk](http://evil.example)" in [x.value for x in at.text]  # plain text, no link


def test_a_manager_of_another_organisation_does_not_see_the_need(demo_url: str) -> None:
    _publish(demo_url)
    own = open_page(app_as("manager"), MANAGE)  # Hälso- och sjukvårdsförvaltningen, the need's owner
    assert TITLE in own.dataframe[0].value.iloc[:, 0].tolist()
    theirs = open_page(app_as("maria.ekholm"), MANAGE)  # a manager at Karolinska
    assert not theirs.exception
    seen = theirs.dataframe[0].value.iloc[:, 0].tolist()  # Karolinska's own (demo) needs, not this one
    assert seen and TITLE not in seen


AGREEMENTS = "pages/samverkan/agreements.py"


def test_a_manager_sees_their_organisations_agreements_and_downloads_the_signed_copy(demo_url: str) -> None:
    from models import Agreement
    from services.samverkan import agreements

    engine = db.make_engine(demo_url)
    with db.write_session(engine) as session:
        chosen = session.exec(
            select(Agreement).where(Agreement.title == "Innovationspartnerskap fallsensorer, fas 1")
        ).one()
        agreements.attach_signed_copy(
            session=session,
            actor=load_actor(session, "manager"),
            agreement_id=chosen.id,
            filename="<b>signerat</b>.pdf",
            data=b"%PDF-1.7\n%%EOF\n",
        )
        chosen_id = chosen.id
    engine.dispose()
    at = open_page(app_as("manager"), AGREEMENTS)
    assert not at.exception
    titles = at.dataframe[0].value.iloc[:, 1].tolist()
    assert "Innovationspartnerskap fallsensorer, fas 1" in titles
    assert "Testavtal självkörande buss Barkarby" not in titles  # Trafikförvaltningen's
    at.selectbox(key="sva_chosen").set_value(chosen_id).run()
    assert not at.exception
    shown = texts(at)
    assert "Sensa Care AB" in shown and "Partnern äger, regionen får fri nyttjanderätt" in [m.value for m in at.metric]
    [download] = at.get("download_button")
    assert download.proto.label == "Ladda ned den undertecknade kopian"

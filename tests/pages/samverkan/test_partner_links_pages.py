"""Partners linked from the records' own pages through AppTest: a manager links their organisation's
partner to an idea on Idéhantering (a submit without a choice is refused beside the field), the partner's
page lists it, and the demo's links show on a testbed request and in Fondhantering."""

from __future__ import annotations

from sqlmodel import select

import db
import models as m
from tests.pages.apptest import app_as, open_page, texts

IDEAS = "pages/ideas/manage.py"
PARTNERS = "pages/samverkan/partners.py"
REQUESTS = "pages/testbeds/requests.py"


def _one(url: str, query):
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = session.exec(query).first()
    engine.dispose()
    return found


def test_a_manager_links_a_partner_to_an_idea_and_the_partner_lists_it(demo_url: str) -> None:
    hsf = _one(demo_url, select(m.Organisation.id).where(m.Organisation.short_name == "HSF"))
    idea_id, ref = _one(demo_url, select(m.Idea.id, m.Idea.ref).where(m.Idea.organisation_id == hsf))
    partner_id = _one(demo_url, select(m.Partner.id).where(m.Partner.name == "Sensa Care AB"))
    at = app_as("manager")  # manages HSF, which keeps Sensa Care AB
    at.query_params["ide"] = ref
    at = open_page(at, IDEAS)
    assert not at.exception
    form = f"pl_idea_{idea_id}_form"
    assert "Ingen partner är kopplad." in texts(at)
    at.button(key=f"FormSubmitter:{form}-Koppla").click().run()
    assert "Koppla en partner: Fyll i det här fältet." in [e.value for e in at.error]
    at.selectbox(key=f"pl_idea_{idea_id}_partner").set_value(partner_id)
    at.button(key=f"FormSubmitter:{form}-Koppla").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Sensa Care AB är kopplad." in shown and "Sensa Care AB · Företag" in shown
    assert _one(demo_url, select(m.PartnerIdea).where(m.PartnerIdea.idea_id == idea_id)).partner_id == partner_id

    page = open_page(app_as("manager"), PARTNERS)
    page.selectbox(key="svpa_chosen").set_value(partner_id).run()
    assert not page.exception
    linked = page.table[0].value
    assert ref in linked.iloc[:, 1].tolist() and "Idé" in linked.iloc[:, 0].tolist()

    at.button(key=f"pl_idea_{idea_id}_unlink_{partner_id}").click().run()
    assert "Kopplingen till Sensa Care AB är borttagen." in texts(at)
    assert _one(demo_url, select(m.PartnerIdea).where(m.PartnerIdea.idea_id == idea_id)) is None


def test_the_demos_partner_shows_on_its_testbed_request(demo_url: str) -> None:
    request_id = _one(
        demo_url,
        select(m.TestbedRequest.id)
        .join(m.PartnerTestbedRequest)
        .join(m.Partner)
        .where(m.Partner.name == "Synskadades Riksförbund Stockholm"),
    )
    at = open_page(app_as("admin"), REQUESTS)
    at.multiselect(key="tbi_status").set_value([]).run()
    at.selectbox(key="tbi_chosen").set_value(request_id).run()
    assert not at.exception
    assert "Synskadades Riksförbund Stockholm · Civilsamhället" in texts(at)

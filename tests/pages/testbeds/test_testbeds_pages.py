"""The testbed pages through AppTest: what a visitor, a manager and an admin type, see and store."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

import db
import i18n
from models import AuditLog, Testbed, TestbedRequest
from tests.pages.apptest import app_as, open_page, texts

CATALOGUE = "pages/testbeds/catalogue.py"
INBOX = "pages/testbeds/requests.py"
MANAGE = "pages/testbeds/manage.py"
FIGURES = "pages/testbeds/figures.py"


def _query(url: str, statement: Any) -> list:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        rows = list(session.exec(statement))
    engine.dispose()
    return rows


def _submit(at, form: str, label: str):
    return at.button(key=f"FormSubmitter:{form}-{label}").click().run()


def test_visitor_filters_the_catalogue_and_sees_counts(demo_url: str) -> None:
    at = open_page(app_as(None), CATALOGUE)
    assert not at.exception
    assert at.title[0].value == "Testmiljöer"
    assert "17 testmiljöer" in [s.value for s in at.subheader]  # 18 in the demo, one closed
    at.multiselect(key="tb_area").set_value(["transport"]).run()
    # Open and planned transport testbeds: Barkarby, Odenplan, Vaxholm, the accessibility lab, the hydrogen depot.
    assert "5 testmiljöer" in [s.value for s in at.subheader]
    assert at.multiselect(key="tb_area").format_func("culture").endswith("(3)")  # counts keep the other filters
    at.text_input(key="tb_search").input("vaxholm").run()
    assert "1 testmiljö" in [s.value for s in at.subheader]  # one, in the singular
    assert any("Vaxholm" in m.value for m in at.markdown)


def test_visitor_opens_a_testbed_and_sends_a_request(demo_url: str) -> None:
    at = open_page(app_as(None), CATALOGUE)
    at.button(key="tb_open_frs-vr-studio").click().run()
    assert not at.exception
    assert "VR" in at.title[0].value
    shown = texts(at)
    assert "Det här kan du testa" in shown and "Villkor och prismodell" in shown
    at.text_input(key="tbr_name").input("Eva <b>Testare</b>")
    at.text_input(key="tbr_email").input("eva@")
    at.text_area(key="tbr_description").input("Vi vill prova en VR-miljö för rehabilitering.")
    _submit(at, "tb_request_form", "Skicka förfrågan")
    shown = texts(at)
    assert "Inget har sparats" in shown and "Kryssa i samtycket" in shown
    assert at.text_input(key="tbr_name").value == "Eva <b>Testare</b>"  # what was typed stays
    assert _query(demo_url, select(TestbedRequest).where(TestbedRequest.requester_name.like("Eva%"))) == []
    at.text_input(key="tbr_email").input("eva@example.se")
    at.checkbox(key="tbr_consent").check()
    _submit(at, "tb_request_form", "Skicka förfrågan")
    stored = _query(demo_url, select(TestbedRequest).where(TestbedRequest.requester_name.like("Eva%")))
    assert len(stored) == 1 and stored[0].status == "new" and stored[0].ref.startswith("TMR-")
    assert stored[0].ref in texts(at)
    assert at.text_input(key="tbr_name").value == ""  # the form is emptied after sending


def _send_request_from_a_fresh_session(name: str):
    at = app_as(None)
    at.query_params["miljo"] = "frs-vr-studio"
    at.run()
    at.switch_page(CATALOGUE).run()
    at.text_input(key="tbr_name").input(name)
    at.text_input(key="tbr_email").input("eva@example.se")
    at.text_area(key="tbr_description").input("Test")
    at.checkbox(key="tbr_consent").check()
    return _submit(at, "tb_request_form", "Skicka förfrågan")


def test_a_sixth_request_in_ten_minutes_is_politely_refused_even_from_a_fresh_session(demo_url: str) -> None:
    """Counted per client address in the database: a new browser session does not start a new count."""
    for n in range(5):
        _send_request_from_a_fresh_session(f"Eva {n}")
    before = len(_query(demo_url, select(TestbedRequest.id)))
    at = _send_request_from_a_fresh_session("Eva den sjätte")
    assert "Vänta 10 min och försök igen" in texts(at)
    assert at.text_input(key="tbr_name").value == "Eva den sjätte"  # what was typed stays
    assert len(_query(demo_url, select(TestbedRequest.id))) == before


def test_closed_testbed_page_takes_no_requests(demo_url: str) -> None:
    at = app_as(None)
    at.query_params["miljo"] = "kista-sjalvkorande-buss"
    at.run()
    at.switch_page(CATALOGUE).run()
    assert "tar inte emot förfrågningar" in texts(at)
    assert not [b for b in at.button if b.label == "Skicka förfrågan"]


def _requests_of(url: str, slug: str) -> list[TestbedRequest]:
    return [
        r
        for r, _ in _query(
            url,
            select(TestbedRequest, Testbed.slug)
            .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
            .where(Testbed.slug == slug),
        )
    ]


def test_owning_manager_answers_a_request_in_the_inbox(demo_url: str) -> None:
    new_ids = {r.id for r in _requests_of(demo_url, "slso-sjukhus-i-hemmet") if r.status == "new"}
    at = open_page(app_as("karin.holm"), INBOX)  # SLSO runs Sjukhus i hemmet, which has a new request
    assert not at.exception
    at.multiselect(key="tbi_status").set_value(["new"]).run()
    request_id = at.selectbox(key="tbi_chosen").value
    assert request_id in new_ids
    at.text_area(key=f"tb_answer_text_{request_id}").input("Tack, vi ringer dig i veckan.")
    at.button(key=f"FormSubmitter:tb_answer_{request_id}-Svara").click().run()
    assert not at.exception, at.exception
    stored = _query(demo_url, select(TestbedRequest).where(TestbedRequest.id == request_id))[0]
    assert stored.status == "in_dialogue" and stored.first_response_at is not None
    assert f"Svaret på {stored.ref} är sparat." in texts(at)


def test_another_organisations_manager_does_not_see_the_request(demo_url: str) -> None:
    slso_refs = {r.ref for r in _requests_of(demo_url, "slso-sjukhus-i-hemmet")}
    at = open_page(app_as("maria.ekholm"), INBOX)
    at.multiselect(key="tbi_status").set_value([]).run()
    shown = " ".join(at.selectbox(key="tbi_chosen").options)
    assert "TMR-" in shown and not any(ref in shown for ref in slso_refs)


def test_admin_bad_testbed_input_is_shown_beside_the_field(demo_url: str) -> None:
    before = len(_query(demo_url, select(Testbed.id)))
    at = open_page(app_as("admin"), MANAGE)
    prefix = "tbf_new_"
    at.text_input(key=f"{prefix}name").input("Nytt labb")
    at.text_area(key=f"{prefix}summary").input("Sammanfattning")
    at.text_area(key=f"{prefix}offers").input("Tester")
    at.number_input(key=f"{prefix}trl_min").set_value(7)
    at.number_input(key=f"{prefix}trl_max").set_value(3)
    at.text_input(key=f"{prefix}contact_email").input("fel-adress")
    _submit(at, "testbed_form_new", "Lägg till testmiljö")
    shown = texts(at)
    assert "TRL till måste vara minst TRL från." in shown and "namn@exempel.se" in shown  # both at once
    assert len(_query(demo_url, select(Testbed.id))) == before
    assert at.text_input(key=f"{prefix}name").value == "Nytt labb"
    at.number_input(key=f"{prefix}trl_max").set_value(8)
    at.text_input(key=f"{prefix}contact_email").input("labb@example.se")
    _submit(at, "testbed_form_new", "Lägg till testmiljö")
    assert "Nytt labb är tillagd." in texts(at)
    created = _query(demo_url, select(Testbed).where(Testbed.name == "Nytt labb"))[0]
    assert (created.slug, created.trl_min, created.trl_max, created.status) == ("nytt-labb", 7, 8, "planned")
    assert _query(
        demo_url, select(AuditLog.action).where(AuditLog.entity == "testbed", AuditLog.entity_id == created.id)
    )


def test_owning_manager_goes_from_the_testbed_page_to_editing_it(demo_url: str) -> None:
    at = app_as("maria.ekholm")
    at.query_params["miljo"] = "innovationsplats-karolinska"
    at.run()
    at.switch_page(CATALOGUE).run()
    assert [b.label for b in at.button if b.label == "Ändra den här miljön"]
    next(b for b in at.button if b.label == "Ändra den här miljön").click().run()
    assert at.title[0].value == "Testmiljöhantering"
    assert (
        at.selectbox(key="tbm_chosen").value
        == _query(demo_url, select(Testbed.id).where(Testbed.slug == "innovationsplats-karolinska"))[0]
    )
    other = app_as("johan.berg")  # a manager of another organisation gets no such button
    other.query_params["miljo"] = "innovationsplats-karolinska"
    other.run()
    other.switch_page(CATALOGUE).run()
    assert not [b for b in other.button if b.label == "Ändra den här miljön"]


def test_manager_closes_own_testbed(demo_url: str) -> None:
    at = open_page(app_as("manager.tillvaxt"), MANAGE)
    options = at.selectbox(key="tbm_chosen").options
    assert all("Fittja" in o or "materiallabb" in o.lower() for o in options)  # only TRF's testbeds
    at.button(key="tbm_closed").click().run()
    assert not at.exception
    chosen = at.selectbox(key="tbm_chosen").value
    assert _query(demo_url, select(Testbed.status).where(Testbed.id == chosen)) == ["closed"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_figures_show_computed_values(demo_url: str, lang: str) -> None:
    at = open_page(app_as("council", lang=lang), FIGURES)
    assert not at.exception
    assert at.title[0].value == i18n.t("nav.testbeds_figures", lang)
    total = len(_query(demo_url, select(TestbedRequest.id)))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[i18n.t("testbeds.fig_requests", lang)] == str(total)
    assert metrics[i18n.t("testbeds.fig_median_response", lang)] != "–"
    at.selectbox(key="tbfig_area").set_value("culture").run()
    culture = {m.label: m.value for m in at.metric}[i18n.t("testbeds.fig_requests", lang)]
    assert 0 < int(culture) < total


def test_the_figures_table_comes_a_page_at_a_time_and_the_download_holds_every_row(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.testbeds import catalogue as catalogue_view

    monkeypatch.setattr(catalogue_view, "FIGURES_PAGE_SIZE", 5)
    at = open_page(app_as("council"), FIGURES)
    table = next(df.value for df in at.dataframe if i18n.t("testbeds.fig_answered", "sv") in df.value.columns)
    with_requests = len(_query(demo_url, select(TestbedRequest.testbed_id).group_by(TestbedRequest.testbed_id)))
    assert len(table) == 5 < with_requests
    assert f"Visar 1–5 av {with_requests}" in [c.value for c in at.caption]
    last = -(-with_requests // 5)
    at.session_state["tbfig_page"] = last
    at.run()
    table = next(df.value for df in at.dataframe if i18n.t("testbeds.fig_answered", "sv") in df.value.columns)
    assert len(table) == with_requests - 5 * (last - 1)
    labels = [b.proto.label for b in at.get("download_button")]
    assert i18n.t("testbeds.download_xlsx", "sv") in labels  # every row, built when clicked


def test_among_many_testbeds_the_picker_lists_those_whose_name_was_typed(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.testbeds import catalogue as catalogue_view

    monkeypatch.setattr(catalogue_view, "PICKER_LIMIT", 5)
    at = open_page(app_as("council"), FIGURES)
    assert at.selectbox(key="tbfig_testbed").options == ["Alla"]  # nothing typed: no thousand names sent
    name, wanted = _query(demo_url, select(Testbed.name, Testbed.id).order_by(Testbed.id))[0]
    at.text_input(key="tbfig_testbed_search").input(name.split()[0].upper()).run()
    picker = at.selectbox(key="tbfig_testbed")
    assert name in picker.options and len(picker.options) <= 1 + 5
    picker.set_value(wanted).run()
    requests = len(_query(demo_url, select(TestbedRequest.id).where(TestbedRequest.testbed_id == wanted)))
    assert {m.label: m.value for m in at.metric}["Förfrågningar"] == str(requests)


def test_among_many_testbeds_management_offers_the_first_and_those_whose_name_was_typed(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.testbeds import catalogue as catalogue_view

    monkeypatch.setattr(catalogue_view, "PICKER_LIMIT", 5)
    every = _query(demo_url, select(Testbed.id, Testbed.name).order_by(Testbed.name))
    at = open_page(app_as("admin"), MANAGE)
    assert at.selectbox(key="tbm_chosen").options[0].startswith(every[0][1])  # nothing typed: the first five
    assert len(at.selectbox(key="tbm_chosen").options) == 5 < len(every)
    wanted, name = every[-1]  # the last by name: not among the first five
    at.text_input(key="tbm_search").input(name.split()[-1].lower()).run()
    picker = at.selectbox(key="tbm_chosen")
    assert any(o.startswith(name) for o in picker.options) and len(picker.options) <= 5
    picker.set_value(wanted).run()
    assert at.text_input(key=f"tbf_{wanted}_name").value == name  # its form
    at.text_input(key="tbm_search").input("").run()  # the search emptied: the chosen one stays offered
    assert at.selectbox(key="tbm_chosen").value == wanted
    assert len(at.selectbox(key="tbm_chosen").options) == 6
    at.text_input(key="tbm_search").input("zzzz qqqq").run()
    assert "Ingen testmiljö har ett namn med de orden." in texts(at)
    picker = at.selectbox(key="tbm_chosen")
    assert picker.value == wanted and len(picker.options) == 1  # only the chosen one
    assert at.text_input(key="tbm_search").value == "zzzz qqqq"  # what was typed stays
    assert at.text_input(key="tbf_new_name").value == ""  # the tab for a new testbed is still drawn


def test_catalogue_in_english(demo_url: str) -> None:
    at = open_page(app_as(None, lang="en"), CATALOGUE)
    assert at.title[0].value == "Test environments"
    assert "17 test environments" in [s.value for s in at.subheader]


def test_a_pasted_page_of_text_in_the_search_is_cut_to_eight_words_and_says_so(demo_url: str) -> None:
    at = open_page(app_as(None), CATALOGUE)
    box = at.text_input(key="tb_search")
    assert box.max_chars == 100  # the browser stops typing there
    box.input("vaxholm " + "båt " * 20).run()  # 21 words in 88 characters
    assert not at.exception
    assert "Bara de första 8 orden används i sökningen." in texts(at)
    assert "0 testmiljöer" in [s.value for s in at.subheader]  # "vaxholm" and seven "båt": none has all
    at.text_input(key="tb_search").input("vaxholm").run()
    assert "1 testmiljö" in [s.value for s in at.subheader] and "Bara de första" not in texts(at)

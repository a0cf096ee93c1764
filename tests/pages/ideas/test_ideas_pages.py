"""The idea pages in AppTest: what a visitor, an employee, a manager and an admin see and can do."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from sqlmodel import func, select

import db
import i18n
import models as m
from components.ideas.board import export_table
from components.navigation import visible_specs
from models import Role
from services.ideas import stats, triage
from services.ideas.triage import IdeaFilter
from services.people.auth import Actor, load_actor
from services.shared import exports
from tests.pages.apptest import app_as, open_page, open_tab, texts

SUBMIT, TRACK, MINE, MANAGE = (
    "pages/ideas/submit.py",
    "pages/ideas/track.py",
    "pages/ideas/mine.py",
    "pages/ideas/manage.py",
)
PAYLOAD = "<b>Fet</b><script>alert(1)</script> **inte fet**"


def _db(url: str):
    return db.read_session(db.make_engine(url))


def _count(url: str, model=m.Idea) -> int:
    with _db(url) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _fill(at, *, title: str = "Parkering för cyklar vid vårdcentralen", consent: bool = False, **contact: str):
    at.text_input(key="idea_title").input(title)
    at.text_area(key="idea_need").input("Det finns ingenstans att låsa cykeln när man besöker vårdcentralen.")
    at.text_area(key="idea_proposal").input("Sätt upp cykelställ med tak vid entrén.")
    at.radio(key="idea_area_id").set_value(_first_area())
    at.radio(key="idea_submitter_kind").set_value("patient")
    at.radio(key="idea_benefit_kind").set_value("environmental")
    for name, value in contact.items():
        at.text_input(key=f"idea_{name}").input(value)
    if consent:
        at.checkbox(key="idea_consent").check()
    return at


def _first_area() -> int:
    with _db(db.database_url()) as session:
        return session.exec(select(m.Area.id).order_by(m.Area.sort_order, m.Area.id)).first()


def _submit(at):
    return _click(at, i18n.t("ideas.submit"))


def _click(at, label: str):
    button = next(b for b in at.button if b.label == label)
    return button.click().run()


def test_visitor_submits_an_idea_with_html_and_gets_the_reference(demo_url: str) -> None:
    before = _count(demo_url)
    at = open_page(app_as(None), SUBMIT)
    _submit(_fill(at, title=PAYLOAD))
    assert not at.exception
    with _db(demo_url) as session:
        idea = session.exec(select(m.Idea).order_by(m.Idea.id.desc())).first()
    assert _count(demo_url) == before + 1
    assert idea.title == PAYLOAD and idea.submitter_id is None and idea.contact_email is None
    assert idea.ref in at.success[0].value
    assert "Vad händer nu?" in texts(at)
    assert at.text_input(key="idea_title").value == ""  # the form is empty again


@pytest.mark.parametrize(
    ("title", "contact", "consent", "message"),
    [
        ("", {}, False, "Fyll i det här fältet."),
        ("x" * 121, {}, False, "Högst 120 tecken."),
        ("En idé", {"contact_email": "inte-epost"}, True, "Skriv en e-postadress som namn@exempel.se."),
        ("En idé", {"contact_name": "Anna"}, False, "Kryssa i samtycket"),
    ],
)
def test_bad_input_shows_beside_the_field_keeps_the_text_and_writes_nothing(
    demo_url: str, title: str, contact: dict, consent: bool, message: str
) -> None:
    before = _count(demo_url)
    at = open_page(app_as(None), SUBMIT)
    at = _fill(at, title=title, consent=consent, **contact)
    _submit(at)
    assert message in "\n".join(e.value for e in at.error)
    assert at.text_input(key="idea_title").value == title
    assert _count(demo_url) == before


def test_a_sixth_submission_in_ten_minutes_is_politely_refused_even_from_a_fresh_session(demo_url: str) -> None:
    """Counted per client address in the database: a new browser session does not start a new count."""
    for _ in range(5):
        _submit(_fill(open_page(app_as(None), SUBMIT)))
    before = _count(demo_url)
    at = _submit(_fill(open_page(app_as(None), SUBMIT), title="Den sjätte idén"))
    assert "Vänta 10 min och försök igen" in texts(at)
    assert at.text_input(key="idea_title").value == "Den sjätte idén"  # what was typed stays
    assert _count(demo_url) == before


def test_similar_ideas_show_while_typing(demo_url: str) -> None:
    at = open_page(app_as(None), SUBMIT)
    at.text_input(key="idea_title").input("Blippa bankkortet i spärren").run()
    assert "Liknande idéer som redan finns" in texts(at)
    assert "blippa bankkortet" in texts(at).lower()
    assert "IDE-" not in texts(at)  # the public does not get other people's references


def test_logged_in_employee_gets_a_prefilled_form_and_finds_the_idea_under_mina_ideer(demo_url: str) -> None:
    at = open_page(app_as("employee"), SUBMIT)
    assert at.text_input(key="idea_contact_name").value == "Sofia Karlsson"
    assert at.radio(key="idea_submitter_kind").value == "employee"
    at.text_input(key="idea_title").input("Självincheckning på mottagningen")
    at.text_area(key="idea_need").input("Kön till receptionen är lång på morgonen.")
    at.text_area(key="idea_proposal").input("Incheckning med id-kort i en skärm.")
    at.radio(key="idea_benefit_kind").set_value("economic")
    at.checkbox(key="idea_consent").check()
    _submit(at)
    assert at.success, texts(at)
    mine = open_page(app_as("employee"), MINE)
    assert "Självincheckning på mottagningen" in mine.table[0].value.to_string()


def _latest_ref(url: str) -> str:
    with _db(url) as session:
        return session.exec(select(m.Idea.ref).order_by(m.Idea.id.desc())).first()


def _receipt(at) -> tuple[str, str]:
    """The link and the code shown once after submitting (in copyable code blocks)."""
    link, code = (c.value for c in at.get("code"))
    return link, code


def test_the_submitter_gets_a_private_link_and_code_shown_once(demo_url: str) -> None:
    at = open_page(app_as(None), SUBMIT)
    _submit(_fill(at))
    ref = _latest_ref(demo_url)
    link, code = _receipt(at)
    assert ref in at.success[0].value and "visas de bara den här gången" in texts(at)
    assert link.endswith(f"/folj-ide?kod={code}") and len(code) == 22
    assert at.get("download_button")  # the link, code and reference as a text file to keep
    with _db(demo_url) as session:  # only a digest is stored
        stored = session.exec(select(m.Idea).where(m.Idea.ref == ref)).one()
    assert code not in repr(stored.model_dump())
    at.run()  # any later run: gone
    assert not at.get("code") and ref not in texts(at)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_link_opens_the_idea_with_stage_and_public_timeline(demo_url: str, lang: str) -> None:
    at = open_page(app_as(None), SUBMIT)
    _submit(_fill(at, title=PAYLOAD))
    _, code = _receipt(at)
    at = app_as(None, lang=lang)
    at.query_params["kod"] = code  # opened from the link: ?kod=...
    at = open_page(at, TRACK)
    stage = next(mt for mt in at.metric if mt.label == i18n.t("ideas.stage", lang))
    assert stage.value == i18n.label("received", "stage", lang)
    assert at.subheader[0].value.replace("\\", "") == PAYLOAD  # escaped Markdown: shown as typed


def test_the_reference_alone_shows_nothing_and_bad_codes_look_the_same(demo_url: str) -> None:
    ref = _latest_ref(demo_url)
    at = open_page(app_as(None), TRACK)
    at.text_input(key="track_code").input(ref)
    at = at.button[0].click().run()
    assert not at.metric and not at.subheader and "Referensen ensam visar inte idén" in texts(at)
    answers = []
    for code in ("A" * 22, "<script>", f"http://x/folj-ide?kod={'B' * 22}"):
        at = open_page(app_as(None), TRACK)
        at.text_input(key="track_code").input(code)
        at = at.button[0].click().run()
        answers.append([e.value for e in at.error])
        assert not at.metric
    assert answers[0] == answers[1] == answers[2] and "Ingen idé hittades" in answers[0][0]


def test_similar_ideas_while_typing_show_no_reference_and_no_closed_idea(demo_url: str) -> None:
    with _db(demo_url) as session:
        titles = Counter(session.exec(select(m.Idea.title)).all())
        closed = next(  # a title no open idea shares: the demo's everyday ideas repeat themes
            i
            for i in session.exec(select(m.Idea).where(m.Idea.stage == "closed", m.Idea.merged_into_id.is_(None)))
            if titles[i.title] == 1
        )
    at = open_page(app_as(None), SUBMIT)
    at.text_input(key="idea_title").input(closed.title).run()
    shown = texts(at)
    assert "Liknande idéer som redan finns" in shown
    assert "IDE-" not in shown and closed.title.replace("-", "\\-") not in shown
    assert "Det här kan andra se" in shown  # the consent text says what others see


def test_employee_backs_an_idea_once(demo_url: str) -> None:
    before = _count(demo_url, m.IdeaSupport)
    at = open_page(app_as("employee"), MINE)
    assert not any(b.label == "Stöd" for b in at.button)  # only the open tab (their own ideas) is drawn
    at = open_tab(at, "mine_tab", "Stöd en idé")
    button = next(b for b in at.button if b.label == "Stöd")
    at = button.click().run()
    assert "ditt stöd är registrerat" in texts(at)
    assert _count(demo_url, m.IdeaSupport) == before + 1


def test_board_shows_counts_per_stage_and_the_overdue_flag(demo_url: str) -> None:
    at = open_page(app_as("admin"), MANAGE)
    assert not at.exception
    with _db(demo_url) as session:
        total = session.exec(select(func.count()).select_from(m.Idea)).one()
    options = at.get("button_group")[0].proto.options if at.get("button_group") else []
    labels = [o.content for o in options]
    assert f"Alla ({i18n.number(total)})" in labels and total > 1000  # "Alla (1 268)": numbers as Swedish writes them
    assert any(label.startswith("Inkommen (") for label in labels)
    assert at.dataframe[0].value.shape[0] == 25  # the first page of the list


def test_manager_sees_only_their_organisation(demo_url: str) -> None:
    at = open_page(app_as("manager"), MANAGE)
    frame = at.dataframe[0].value
    assert set(frame["Organisation"]) == {"HSF"}


def test_response_times_are_counted_when_their_tab_opens(demo_url: str) -> None:
    at = open_page(app_as("manager"), MANAGE)
    assert len(at.dataframe) == 1  # the board's list; the response times' tab is closed
    at = open_tab(at, "ideas_manage_tab", "Svarstider")
    assert not at.exception and len(at.dataframe) == 2  # the board stays drawn (its filters keep their state)
    shown = at.dataframe[1].value
    with _db(demo_url) as session:
        expected = stats.response_times(session=session, actor=load_actor(session, "manager"))
    assert list(shown["Organisation"]) == [r.organisation or "Vet ej" for r in expected]
    assert list(shown.iloc[:, 1]) == [r.decided for r in expected] and sum(r.decided for r in expected) > 0


def test_admin_moves_an_idea_to_bedomning_from_a_link(demo_url: str) -> None:
    at = open_page(app_as(None), SUBMIT)
    _submit(_fill(at, title=PAYLOAD))
    ref = _latest_ref(demo_url)
    at = app_as("admin")
    at.query_params["ide"] = ref
    at = open_page(at, MANAGE)
    assert ref in at.subheader[0].value
    at.radio[0].set_value("screening")
    at = next(b for b in at.button if b.label == "Flytta").click().run()
    assert "Idén är flyttad till Bedömning." in texts(at)
    with _db(demo_url) as session:
        idea = session.exec(select(m.Idea).where(m.Idea.ref == ref)).one()
    assert idea.stage == "screening"


def test_closing_without_a_reason_is_refused_beside_the_field(demo_url: str) -> None:
    ref = _latest_ref(demo_url)
    at = app_as("admin")
    at.query_params["ide"] = ref
    at = open_page(at, MANAGE)
    stage_before = at.table[1].value.to_string()
    at.radio[0].set_value("closed")
    at = next(b for b in at.button if b.label == "Flytta").click().run()
    assert "Skriv ett skäl" in "\n".join(e.value for e in at.error)
    with _db(demo_url) as session:
        assert session.exec(select(m.Idea.stage).where(m.Idea.ref == ref)).one() != "closed"
    assert stage_before


def test_manager_of_another_organisation_cannot_open_the_idea(demo_url: str) -> None:
    with _db(demo_url) as session:
        ks = session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "KS")).one()
        ref = session.exec(select(m.Idea.ref).where(m.Idea.organisation_id == ks)).first()
    at = app_as("manager")  # manages HSF
    at.query_params["ide"] = ref
    at = open_page(at, MANAGE)
    assert "Du har inte behörighet" in texts(at)
    assert ref not in texts(at)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_idea_page_speaks_the_language_without_raw_keys(demo_url: str, lang: str) -> None:
    at = app_as("admin", lang=lang)
    at.query_params["ide"] = _latest_ref(demo_url)
    at = open_page(at, MANAGE)
    shown = texts(at) + "\n".join(w.label for kind in ("button", "radio", "text_area") for w in getattr(at, kind))
    assert not [k for k in i18n.TEXTS if k.startswith("ideas.") and k in shown]
    assert i18n.t("ideas.timeline", lang) in shown


def test_export_has_swedish_headers_and_text_as_typed(demo_url: str) -> None:
    with _db(demo_url) as session:
        admin = load_actor(session, "admin")
        rows = list(triage.export_rows(session=session, actor=admin, filters=IdeaFilter(search="blippa")))
        rows.append(rows[0].__class__(**{**rows[0].__dict__, "title": "=HYPERLINK(1)"}))
    headers, values = export_table(rows, {}, "sv")
    assert headers[:3] == ["Referens", "Rubrik", "Steg"]
    text = exports.table_to_csv(headers, values).decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert parsed[0][0] == "Referens" and parsed[-1][1] == "'=HYPERLINK(1)"
    assert exports.table_to_xlsx(headers, values)[:2] == b"PK"


def test_overview_shows_the_funnel_and_the_latest_ideas(demo_url: str) -> None:
    at = open_page(app_as(None), SUBMIT)
    _submit(_fill(at, title=PAYLOAD))
    at = open_page(app_as("admin"), "pages/start/overview.py")
    assert "Idéernas väg" in texts(at) and "Senaste idéerna" in texts(at)
    assert "En idé räknas i varje steg den har nått av de 6" in texts(at)  # the funnel's rule, said
    latest = at.table[0].value.to_string().replace("\\", "")
    assert "<b>Fet</b>" in latest


def test_pages_offered_per_role() -> None:
    def paths(role: Role | None) -> set[str]:
        who = Actor(1, "x", "x", "x", role, None, None, "sv") if role else None
        return {s.path for s in visible_specs(who)}

    assert {SUBMIT, TRACK} <= paths(None) and not {MINE, MANAGE} & paths(None)
    assert {SUBMIT, TRACK, MINE} <= paths(Role.employee) and MANAGE not in paths(Role.employee)
    assert MANAGE in paths(Role.manager) and MANAGE in paths(Role.admin) and MANAGE not in paths(Role.council)


def test_a_narrower_filter_goes_back_to_the_first_page(demo_url: str) -> None:
    at = app_as("admin")
    at.session_state["board_page"] = 4
    at = open_page(at, MANAGE)
    at.text_input(key="board_search").input("blippa").run()
    assert not at.exception
    assert "blippa" in " ".join(at.dataframe[0].value["Rubrik"]).lower()
    # The total under the list is the board's count for the search (it is not counted a second time).
    found = at.dataframe[0].value.shape[0]
    assert f"Visar 1–{found} av {found}" in texts(at)

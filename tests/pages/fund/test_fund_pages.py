"""The fund pages through AppTest: what each role sees, what they type, and what is stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

import db
import i18n
import models as m
from tests.pages.apptest import app_as, open_page, open_tab, texts

CALLS = "pages/fund/calls.py"
MINE = "pages/fund/mine.py"
REVIEW = "pages/fund/review.py"
ADMIN = "pages/fund/admin.py"


def _engine(url: str):
    return db.make_engine(url)


def _open_call_today(url: str) -> int:
    """A call open on the real today (pages use the clock; the demo is loaded for its reference day)."""
    engine = _engine(url)
    today = date.today()
    with db.write_session(engine) as session:
        call = m.FundCall(
            name="Testutlysning idag",
            year=today.year,
            budget_sek=2_000_000,
            opens_on=today - timedelta(days=400),
            closes_on=today + timedelta(days=1),
            review_due_on=today + timedelta(days=22),
            status="open",
            description="Små projekt som prövar nya arbetssätt.",
        )
        session.add(call)
        session.commit()
        call_id = call.id
    engine.dispose()
    return call_id


def _applications(url: str, **where) -> list[m.FundApplication]:
    engine = _engine(url)
    with db.read_session(engine) as session:
        query = select(m.FundApplication)
        for key, value in where.items():
            query = query.where(getattr(m.FundApplication, key) == value)
        rows = list(session.exec(query))
    engine.dispose()
    return rows


def _select_call(at, call_id: int) -> None:
    at.selectbox(key="fund_call").set_value(call_id).run()


def _fill(at, prefix: str, **values) -> None:
    at.text_input(key=f"{prefix}title").input(values.get("title", "Digital väntrumsskärm"))
    at.text_area(key=f"{prefix}summary").input("Vi visar väntetiden på skärmar i väntrummet.")
    at.text_area(key=f"{prefix}benefit").input("Lugnare väntrum och färre frågor till receptionen.")
    at.number_input(key=f"{prefix}requested").set_value(values.get("requested", 250_000))
    at.date_input(key=f"{prefix}starts").set_value(values.get("starts", date(2027, 3, 1)))
    at.date_input(key=f"{prefix}ends").set_value(values.get("ends", date(2027, 12, 31)))


def test_employee_sees_the_open_call_and_bad_input_is_refused_beside_the_fields(demo_url: str) -> None:
    call_id = _open_call_today(demo_url)
    before = len(_applications(demo_url))
    at = open_page(app_as("employee"), CALLS)
    assert "Testutlysning idag" in texts(at)
    assert "Små projekt som prövar nya arbetssätt" in texts(at)
    _select_call(at, call_id)
    prefix = f"fund_app_new_{call_id}_"
    _fill(at, prefix, requested=0, starts=date(2027, 6, 1), ends=date(2027, 1, 1))
    at.button(key=f"FormSubmitter:{prefix}form-Skicka in").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Inget har sparats" in shown
    assert "Värdet är för litet." in shown  # requested 0 kr
    assert len(_applications(demo_url)) == before
    assert at.text_input(key=f"{prefix}title").value == "Digital väntrumsskärm"  # what was typed stays

    at.number_input(key=f"{prefix}requested").set_value(2_500_000)
    at.date_input(key=f"{prefix}ends").set_value(date(2027, 12, 31))
    at.button(key=f"FormSubmitter:{prefix}form-Skicka in").click().run()
    assert "Sökt belopp får inte vara större än utlysningens budget" in texts(at)

    at.number_input(key=f"{prefix}requested").set_value(250_000)
    at.button(key=f"FormSubmitter:{prefix}form-Skicka in").click().run()
    assert not at.exception
    assert "är inskickad" in texts(at)
    stored = _applications(demo_url, call_id=call_id)
    assert [(a.title, a.status, a.requested_sek) for a in stored] == [("Digital väntrumsskärm", "submitted", 250_000)]


def test_employee_saves_a_draft_and_continues_it(demo_url: str) -> None:
    call_id = _open_call_today(demo_url)
    at = open_page(app_as("employee"), CALLS)
    _select_call(at, call_id)
    prefix = f"fund_app_new_{call_id}_"
    _fill(at, prefix)
    at.button(key=f"FormSubmitter:{prefix}form-Spara utkast").click().run()
    assert "Utkastet FON-" in texts(at)
    draft = _applications(demo_url, call_id=call_id)[0]
    assert draft.status == "draft"
    _select_call(at, call_id)
    at.selectbox(key="fund_draft").set_value(draft.id).run()
    assert at.text_input(key=f"fund_app_{draft.id}_{call_id}_title").value == "Digital väntrumsskärm"


def _first_option_showing(at, url: str, username: str, wanted: str) -> bool:
    """Choose each of the user's applications in turn until the page shows `wanted`."""
    engine = _engine(url)
    with db.read_session(engine) as session:
        user_id = session.exec(select(m.User.id).where(m.User.username == username)).one()
    engine.dispose()
    for application in _applications(url, applicant_id=user_id):
        at.selectbox(key="fund_mine_chosen").set_value(application.id).run()
        if wanted in texts(at):
            return True
    return False


def test_applicant_sees_the_request_for_information(demo_url: str) -> None:
    # ingrid.svensson's BB application waits for more information in the demo.
    at = open_page(app_as("ingrid.svensson"), MINE)
    assert not at.exception
    assert _first_option_showing(at, demo_url, "ingrid.svensson", "Innovationsstödet ber dig komplettera ansökan")
    assert any(w.key and w.key.endswith("_title") for w in at.text_input)  # the form to complete it


def test_applicant_sees_a_late_report_and_the_next_due_date(demo_url: str) -> None:
    # amanda.roos's eye-screening project owes a progress report that is late.
    at = open_page(app_as("amanda.roos"), MINE)
    assert _first_option_showing(
        at, demo_url, "amanda.roos", "är försenad"
    )  # "1 rapport är försenad", "2 rapporter är försenade"
    assert "Nästa rapport" in texts(at)


def test_manager_can_widen_to_the_organisations_applications(demo_url: str) -> None:
    at = open_page(app_as("maria.ekholm"), MINE)
    own = len(at.dataframe[0].value)
    at.toggle(key="fund_mine_org").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe[0].value) > own  # KS has more applications than the manager's own


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reviewer_declares_before_seeing_details(demo_url: str, lang: str) -> None:
    engine = _engine(demo_url)
    with db.read_session(engine) as session:
        council2 = session.exec(select(m.User).where(m.User.username == "council2")).one()
        pending = session.exec(
            select(m.ReviewAssignment.application_id).where(
                m.ReviewAssignment.reviewer_id == council2.id,
                m.ReviewAssignment.application_id.not_in(  # type: ignore[union-attr]
                    select(m.FundReview.application_id).where(m.FundReview.reviewer_id == council2.id)
                ),
            )
        ).first()
        summary = session.get(m.FundApplication, pending).summary
    engine.dispose()
    at = open_page(app_as("council2", lang=lang), REVIEW)
    assert i18n.t("fund.c.review_due_on", lang) in at.dataframe[0].value.columns  # when their reviews are due
    at.selectbox(key="fund_rev").set_value(pending).run()
    assert summary not in [t.value for t in at.text]  # the details stay hidden
    leaked = [k for k in i18n.TEXTS if k.startswith("fund.") and k in texts(at)]
    assert leaked == []
    declare = i18n.t("fund.review.declare", lang)
    at.button(key=f"FormSubmitter:fund_declare_{pending}-{declare}").click().run()
    assert not at.exception
    assert i18n.t("fund.review.declared", lang) in texts(at)
    assert summary in [t.value for t in at.text]
    assert i18n.t("fund.review.your_review", lang) in texts(at)


def test_admin_sees_review_summary_rejects_without_reason_refused(demo_url: str) -> None:
    at = open_page(app_as("admin"), ADMIN)
    at.selectbox(key="fa_status").set_value("in_review").run()
    assert not at.exception
    shown = texts(at)
    assert "Sammanställning av granskningen" in shown
    chosen = at.selectbox(key="fa_chosen").value
    button = next(b for b in at.button if b.label == "Avslå")
    button.click().run()
    assert "Skriv ett skäl som sökanden kan läsa." in texts(at)
    assert at.selectbox(key="fa_chosen").value == chosen
    assert [a.status for a in _applications(demo_url, id=chosen)] == ["in_review"]  # nothing written


def test_admin_budget_and_decision_pack(demo_url: str) -> None:
    at = open_page(app_as("admin"), ADMIN)
    assert not at.exception
    assert "Per utlysning" not in texts(at)  # only the open tab is drawn
    open_tab(at, "fund_admin_tab", "Budget")
    shown = texts(at)
    assert "Per utlysning" in shown and "Per kärnverksamhet" in shown
    assert not any("Innovationsfonden 2024" in str(t.value) for t in at.table)  # this year's calls only
    at.selectbox(key="fund_admin_year").set_value(2024).run()
    assert any("Innovationsfonden 2024" in str(t.value) for t in at.table)
    open_tab(at, "fund_admin_tab", "Beslutsunderlag")
    assert at.selectbox(key="fp_call").options == ["Innovationsfonden 2024 (Beslutad)"]
    engine = _engine(demo_url)
    with db.read_session(engine) as session:
        call_id = session.exec(select(m.FundCall.id).where(m.FundCall.name == "Innovationsfonden 2024")).one()
    engine.dispose()
    at.selectbox(key="fp_call").set_value(call_id).run()
    assert at.get("download_button"), "the decision pack can be downloaded"


def _one(url: str, model, **where):
    engine = _engine(url)
    with db.read_session(engine) as session:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        found = session.exec(query).first()
    engine.dispose()
    return found


def test_applicant_completes_and_submits_again(demo_url: str) -> None:
    ingrid = _one(demo_url, m.User, username="ingrid.svensson")
    app = _one(demo_url, m.FundApplication, applicant_id=ingrid.id, status="needs_info")
    at = open_page(app_as("ingrid.svensson"), MINE)
    at.selectbox(key="fund_mine_chosen").set_value(app.id).run()
    prefix = f"fund_app_{app.id}_{app.call_id}_"
    at.text_area(key=f"{prefix}summary").input("Kompletterad: med barnmorskornas rutin för uppföljning.")
    at.button(key=f"FormSubmitter:{prefix}form-Skicka in").click().run()
    assert not at.exception
    assert f"Ansökan {app.ref} är inskickad." in texts(at)
    stored = _one(demo_url, m.FundApplication, id=app.id)
    assert stored.status == "submitted" and stored.summary.startswith("Kompletterad")


def test_admin_call_form_refuses_closing_before_opening_and_reviews_due_before_closing(demo_url: str) -> None:
    at = open_tab(open_page(app_as("admin"), ADMIN), "fund_admin_tab", "Utlysningar")
    at.text_input(key="fc_new_name").input("Höstutlysning 2027")
    at.number_input(key="fc_new_budget").set_value(4_000_000)
    at.date_input(key="fc_new_opens").set_value(date(2027, 9, 1))
    at.date_input(key="fc_new_closes").set_value(date(2027, 8, 1))
    at.button(key="FormSubmitter:fc_new_form-Spara").click().run()
    assert "Sista dag måste vara samma dag som eller efter öppningsdagen." in texts(at)
    assert at.text_input(key="fc_new_name").value == "Höstutlysning 2027"
    assert _one(demo_url, m.FundCall, name="Höstutlysning 2027") is None
    at.date_input(key="fc_new_closes").set_value(date(2027, 10, 15))
    at.date_input(key="fc_new_review_due").set_value(date(2027, 10, 1))
    at.button(key="FormSubmitter:fc_new_form-Spara").click().run()
    # the error names its field, in the administrators' forms as in the public ones
    assert "Granskning klar senast: Granskningen kan inte vara klar före sista ansökningsdag." in texts(at)
    assert _one(demo_url, m.FundCall, name="Höstutlysning 2027") is None
    at.date_input(key="fc_new_review_due").set_value(date(2027, 11, 5))
    at.button(key="FormSubmitter:fc_new_form-Spara").click().run()
    stored = _one(demo_url, m.FundCall, name="Höstutlysning 2027")
    assert (stored.status, stored.review_due_on) == ("planned", date(2027, 11, 5))


def test_admin_approves_part_of_the_amount(demo_url: str) -> None:
    app = _one(demo_url, m.FundApplication, status="in_review")
    at = open_page(app_as("admin"), ADMIN)
    at.selectbox(key="fa_status").set_value("in_review").run()
    at.selectbox(key="fa_chosen").set_value(app.id).run()
    at.number_input(key=f"fa_amount_{app.id}").set_value(app.requested_sek + 1)
    at.button(key=f"FormSubmitter:fa_approve_{app.id}-Bevilja").click().run()
    assert "Beviljat belopp får inte vara större än det sökta" in texts(at)
    assert _one(demo_url, m.FundApplication, id=app.id).status == "in_review"
    at.number_input(key=f"fa_amount_{app.id}").set_value(app.requested_sek // 2)
    at.button(key=f"FormSubmitter:fa_approve_{app.id}-Bevilja").click().run()
    assert "Ansökan är beviljad och rapportdatum är satta." in texts(at)
    stored = _one(demo_url, m.FundApplication, id=app.id)
    assert (stored.status, stored.granted_sek) == ("approved", app.requested_sek // 2)


def test_admin_finds_any_active_user_by_name_and_assigns_them(demo_url: str) -> None:
    app = _one(demo_url, m.FundApplication, status="in_review")
    engine = _engine(demo_url)
    with db.read_session(engine) as session:
        employee = session.exec(
            select(m.User)
            .where(m.User.role == "employee", m.User.is_active, m.User.id != app.applicant_id)
            .order_by(m.User.id)
        ).first()
    engine.dispose()
    at = open_page(app_as("admin"), ADMIN)
    at.selectbox(key="fa_status").set_value("in_review").run()
    at.selectbox(key="fa_chosen").set_value(app.id).run()
    offered = at.selectbox(key="fa_reviewer").options
    assert offered and all("Innovationsrådet" in o for o in offered)  # without a search: the council
    at.text_input(key=f"fa_reviewer_search_{app.id}").input("zzzingen").run()
    assert "Ingen aktiv användare matchar sökningen." in texts(at)
    at.text_input(key=f"fa_reviewer_search_{app.id}").input(employee.display_name).run()
    assert any(employee.display_name in o for o in at.selectbox(key="fa_reviewer").options)
    at.selectbox(key="fa_reviewer").set_value(employee.id)
    at.button(key=f"FormSubmitter:fa_assign_{app.id}-Tilldela").click().run()
    assert not at.exception
    assert "Granskaren är tilldelad." in texts(at)
    engine = _engine(demo_url)
    with db.read_session(engine) as session:
        assigned = session.exec(
            select(m.ReviewAssignment).where(
                m.ReviewAssignment.application_id == app.id, m.ReviewAssignment.reviewer_id == employee.id
            )
        ).first()
    engine.dispose()
    assert assigned is not None


def test_an_admins_own_criterion_shows_as_typed_not_as_markdown(demo_url: str) -> None:
    engine = _engine(demo_url)
    with db.write_session(engine) as session:
        app = session.exec(
            select(m.FundApplication)
            .join(m.FundReview, m.FundReview.application_id == m.FundApplication.id)
            .where(m.FundApplication.status == "in_review", m.FundReview.submitted_at.is_not(None))
        ).first()
        call = session.get(m.FundCall, app.call_id)
        call.criteria = [*(call.criteria or m.DEFAULT_CRITERIA), "**fet** [länk](http://x)"]
        session.add(call)
        session.commit()
        app_id, year = app.id, call.year
    engine.dispose()
    at = open_page(app_as("admin"), ADMIN)
    at.selectbox(key="fund_admin_year").set_value(year).run()
    at.selectbox(key="fa_status").set_value("in_review").run()
    at.selectbox(key="fa_chosen").set_value(app_id).run()
    assert not at.exception
    cells = {str(v) for table in at.table for v in table.value.to_numpy().ravel()}
    assert r"\*\*fet\*\* \[länk\]\(http\://x\)" in cells  # escaped, so it shows as typed


def test_an_admins_own_application_is_left_to_another_admin(demo_url: str) -> None:
    app = _one(demo_url, m.FundApplication, status="in_review")
    engine = _engine(demo_url)
    with db.write_session(engine) as session:  # the admin applied for this one
        admin_id = session.exec(select(m.User.id).where(m.User.username == "admin")).one()
        session.get(m.FundApplication, app.id).applicant_id = admin_id
        session.commit()
    engine.dispose()
    for username, own in (("admin", True), ("helena.forsberg", False)):
        at = open_page(app_as(username), ADMIN)
        at.selectbox(key="fa_status").set_value("in_review").run()
        at.selectbox(key="fa_chosen").set_value(app.id).run()
        assert not at.exception
        assert ("Det här är din egen ansökan" in texts(at)) is own
        assert any(b.key == f"FormSubmitter:fa_approve_{app.id}-Bevilja" for b in at.button) is not own


def test_what_is_typed_in_a_tab_stays_through_a_visit_to_another(demo_url: str) -> None:
    """The budget is drawn only when open; the tabs where the reader types at every run, so that what
    they typed (here the applications' search) is there when they come back."""
    at = open_page(app_as("admin"), ADMIN)
    at.text_input(key="fa_search").input("tvilling").run()
    at = open_tab(at, "fund_admin_tab", "Budget")
    assert "Per utlysning" in texts(at)
    at = open_tab(at, "fund_admin_tab", "Ansökningar & beslut")
    assert at.text_input(key="fa_search").value == "tvilling"

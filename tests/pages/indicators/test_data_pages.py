"""Indikatorregister, Rapportera värden and Min förvaltning through AppTest: what each role sees,
types and what the database then holds."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest
from sqlmodel import select

import db
import models as m
from tests.pages.apptest import app_as, open_page, texts

REPORT = "pages/indicators/report.py"
MY_ORG = "pages/indicators/my_org.py"
REGISTER = "pages/indicators/register.py"
RAW_KEY = re.compile(r"\bindicators\.(data|register|report|myorg)\.[a-z_]+")


def _rows(url: str, model, *where):
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = list(session.exec(select(model).where(*where)))
    engine.dispose()
    return found


def _value(url: str, code: str, org: str, period: date) -> m.IndicatorValue | None:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        found = session.exec(
            select(m.IndicatorValue)
            .join(m.Indicator, m.IndicatorValue.indicator_id == m.Indicator.id)
            .join(m.Organisation, m.IndicatorValue.organisation_id == m.Organisation.id)
            .where(m.Indicator.code == code, m.Organisation.short_name == org, m.IndicatorValue.period_start == period)
        ).first()
    engine.dispose()
    return found


def _everything(at) -> str:
    """What a reader sees, including tables, labels and metrics."""
    parts = [texts(at)]
    parts += [str(df.value.to_dict()) for df in at.dataframe]
    parts += [str(tb.value.to_dict()) for tb in at.table]
    parts += [mt.label for mt in at.metric] + [str(mt.value) for mt in at.metric]
    parts += [
        w.label for kind in ("selectbox", "text_input", "text_area", "button", "radio") for w in getattr(at, kind)
    ]
    parts += [tab.label for tab in at.tabs]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("username", "page"), [("manager", MY_ORG), ("manager", REPORT), ("admin", REPORT), ("admin", REGISTER)]
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_pages_show_no_raw_keys_in_either_language(demo_url: str, username: str, page: str, lang: str) -> None:
    at = open_page(app_as(username, lang=lang), page)
    assert not at.exception, at.exception
    shown = _everything(at)
    assert not RAW_KEY.search(shown), RAW_KEY.search(shown)
    expected = {
        MY_ORG: ("Min förvaltning", "My administration"),
        REPORT: ("Rapportera värden", "Report values"),
        REGISTER: ("Indikatorregister", "Indicator register"),
    }[page]
    assert at.title[0].value == expected[lang == "en"]


def _choose_indicator(at, code: str) -> None:
    box = at.selectbox(key="rep_ind")
    box.select(next(o for o in box.options if o.startswith(code))).run()


def test_manager_reports_a_value_with_the_form_and_a_bad_value_is_named(demo_url: str) -> None:
    at = open_page(app_as("manager"), REPORT)
    assert "Du rapporterar för **Hälso\\- och sjukvårdsförvaltningen**." in texts(at)  # escaped Markdown
    _choose_indicator(at, "PRJ-01")
    at.selectbox(key="rep_year").select(2026).run()  # the demo's data is of 2026
    period = at.selectbox(key=f"rep_period_{_indicator_id(demo_url, 'PRJ-01')}")
    period.select(next(o for o in period.options if o.startswith("2026 K4"))).run()
    key = f"rep_value_{_indicator_id(demo_url, 'PRJ-01')}_2026-10-01"
    at.text_input(key=key).input("många")
    next(b for b in at.button if b.label == "Skicka in").click().run()
    assert "Skriv ett tal." in texts(at)
    assert at.text_input(key=key).value == "många"  # what was typed stays
    assert _value(demo_url, "PRJ-01", "HSF", date(2026, 10, 1)) is None
    at.text_input(key=key).input("12,5")
    next(b for b in at.button if b.label == "Skicka in").click().run()
    assert not at.exception
    assert "Inskickat för godkännande (1 st)." in texts(at)
    stored = _value(demo_url, "PRJ-01", "HSF", date(2026, 10, 1))
    assert stored is not None and stored.value == 12.5 and stored.status == "submitted"


def _indicator_id(url: str, code: str) -> int:
    return _rows(url, m.Indicator, m.Indicator.code == code)[0].id


def test_manager_cannot_choose_another_organisation(demo_url: str) -> None:
    at = open_page(app_as("manager"), REPORT)
    assert not any(sb.key == "rep_org" for sb in at.selectbox)
    labels = at.selectbox(key="rep_ind").options
    assert any(o.startswith("HSF-01") for o in labels) and not any(o.startswith("TF-01") for o in labels)
    assert not any(o.startswith("IDE-01") for o in labels)  # computed ones are not reported


def test_admin_approves_and_returns_with_a_required_note(demo_url: str) -> None:
    waiting = _rows(demo_url, m.IndicatorValue, m.IndicatorValue.status == "submitted")
    at = open_page(app_as("admin"), REPORT)
    assert at.tabs[0].label == f"Att granska ({len(waiting)})"
    chosen = at.selectbox(key="rev_one").value
    next(b for b in at.button if b.key == "rev_return").click().run()
    assert "Skriv varför värdet skickas tillbaka" in texts(at)
    assert len(_rows(demo_url, m.IndicatorValue, m.IndicatorValue.status == "submitted")) == len(waiting)
    at.text_area(key="rev_note").input("Kontrollera siffran mot kvartalsrapporten").run()
    next(b for b in at.button if b.key == "rev_return").click().run()
    assert "Tillbakaskickat till rapportören (1 st)." in texts(at)
    returned = _rows(demo_url, m.IndicatorValue, m.IndicatorValue.status == "returned")
    assert any(v.note == "Kontrollera siffran mot kvartalsrapporten" for v in returned)
    assert at.selectbox(key="rev_one").value != chosen
    next(b for b in at.button if b.key == "rev_approve").click().run()
    assert "Godkänt (1 st)." in texts(at)
    assert len(_rows(demo_url, m.IndicatorValue, m.IndicatorValue.status == "submitted")) == len(waiting) - 2


def test_a_bad_import_lists_every_bad_row_and_a_good_one_is_stored(demo_url: str) -> None:
    at = open_page(app_as("manager"), REPORT)
    assert len(at.get("download_button")) == 2  # the templates, .xlsx and CSV
    assert next(b for b in at.button if b.key == "imp_go").disabled  # nothing to import yet
    before = len(_rows(demo_url, m.IndicatorValue))
    bad = "indikator;organisation;period;värde\nPRJ-01;HSF;2026-10-01;4\nPRJ-01;KS;2026-10-01;4\nXYZ;HSF;2026;x\n"
    at.file_uploader(key="imp_file").upload("varden.csv", bad.encode("utf-8"), "text/csv").run()
    next(b for b in at.button if b.key == "imp_go").click().run()
    assert not at.exception
    assert "Filen importerades inte och inget har sparats. Rader med fel: 2." in texts(at)
    problems = at.dataframe[-1].value
    assert list(problems["Rad"]) == [3, 4, 4]  # line 4: unknown code and not a number
    assert "Du kan inte rapportera för KS" in problems["Fel"].iloc[0]
    assert len(_rows(demo_url, m.IndicatorValue)) == before
    good = "indikator;organisation;period;värde;kommentar\nPRJ-01;HSF;2026-K4;4;Från fil\n"
    at.file_uploader(key="imp_file").set_value(("varden.csv", good.encode("utf-8"), "text/csv")).run()
    at.checkbox(key="imp_submit").check()
    next(b for b in at.button if b.key == "imp_go").click().run()
    assert "Importen är klar: 1 nya och 0 ändrade värden." in texts(at)
    stored = _value(demo_url, "PRJ-01", "HSF", date(2026, 10, 1))
    assert stored is not None and stored.status == "submitted" and stored.note == "Från fil"


def test_others_keep_writing_while_a_file_is_checked(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import checks every row before it takes the write lock: a submission made while a large file
    is being checked does not wait for it (it once waited 22 s for 50,000 rows)."""
    from services.indicators import file_import

    real_lookups, seen = file_import._lookups, []

    def lookups_then_someone_else_writes(session):  # mid-check, another writer wants the lock
        found = real_lookups(session)
        other = sqlite3.connect(db.sqlite_path(demo_url), timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE area SET colour = colour WHERE id = 1")
            other.execute("COMMIT")
            seen.append("written")
        except sqlite3.OperationalError as error:
            seen.append(str(error))
        finally:
            other.close()
        return found

    monkeypatch.setattr(file_import, "_lookups", lookups_then_someone_else_writes)
    at = open_page(app_as("manager"), REPORT)
    good = "indikator;organisation;period;värde\nPRJ-01;HSF;2026-10-01;4\n"
    at.file_uploader(key="imp_file").upload("varden.csv", good.encode("utf-8"), "text/csv").run()
    next(b for b in at.button if b.key == "imp_go").click().run()
    assert seen == ["written"]
    assert "Importen är klar: 1 nya och 0 ändrade värden." in texts(at)


def test_admin_creates_an_indicator_and_sets_a_target_in_the_register(demo_url: str) -> None:
    at = open_page(app_as("admin"), REGISTER)
    at.text_input(key="reg_new_code").input("HSF-02")
    at.text_input(key="reg_new_name_sv").input("Digitala vårdbesök")
    at.text_input(key="reg_new_name_en").input("Digital care visits")
    at.text_input(key="reg_new_unit").input("%")
    next(b for b in at.button if b.label == "Skapa indikatorn").click().run()
    assert not at.exception
    assert "Indikatorn HSF-02 är sparad." in texts(at)
    created = _rows(demo_url, m.Indicator, m.Indicator.code == "HSF-02")
    assert created and created[0].name_en == "Digital care visits"
    # A taken code is named beside the field; nothing more is stored.
    at.text_input(key="reg_new_code").input("HSF-02")
    at.text_input(key="reg_new_name_sv").input("Dubblett")
    at.text_input(key="reg_new_name_en").input("Duplicate")
    at.text_input(key="reg_new_unit").input("st")
    next(b for b in at.button if b.label == "Skapa indikatorn").click().run()
    assert "Koden HSF-02 används redan." in texts(at)
    assert len(_rows(demo_url, m.Indicator, m.Indicator.code == "HSF-02")) == 1
    # A region target for next year.
    box = at.selectbox(key="tgt_ind")
    box.select(next(o for o in box.options if o.startswith("PRJ-01"))).run()
    at.number_input(key="tgt_year").set_value(2027)
    at.text_input(key="tgt_value").input("11")
    next(b for b in at.button if b.label == "Spara målet").click().run()
    assert "Målet för 2027 är sparat." in texts(at)
    prj = _indicator_id(demo_url, "PRJ-01")
    targets = _rows(demo_url, m.IndicatorTarget, m.IndicatorTarget.indicator_id == prj, m.IndicatorTarget.year == 2027)
    assert [(t.area_id, t.organisation_id, t.value) for t in targets] == [(None, None, 11)]


def test_a_manager_creates_an_own_indicator_and_its_target_in_the_register(demo_url: str) -> None:
    at = open_page(app_as("manager"), REGISTER)
    assert not at.exception, at.exception
    assert not any(sb.key == "reg_new_scope" for sb in at.selectbox)  # no choice of scope or owner
    at.text_input(key="reg_new_code").input("HSF-05")
    at.text_input(key="reg_new_name_sv").input("Patienter med digital egenvårdsplan")
    at.text_input(key="reg_new_name_en").input("Patients with a digital self-care plan")
    at.text_input(key="reg_new_unit").input("antal")
    at.selectbox(key="reg_new_aggregation").select("stock")
    next(b for b in at.button if b.label == "Skapa indikatorn").click().run()
    assert not at.exception
    assert "Indikatorn HSF-05 är sparad." in texts(at)
    hsf = _rows(demo_url, m.Organisation, m.Organisation.short_name == "HSF")[0]
    created = _rows(demo_url, m.Indicator, m.Indicator.code == "HSF-05")[0]
    assert (created.scope, created.owner_org_id, created.aggregation) == ("own", hsf.id, "stock")
    # Its targets: only the own indicators to choose, only the organisation's own level.
    box = at.selectbox(key="tgt_ind")
    assert all(o.startswith("HSF-") for o in box.options)
    box.select(next(o for o in box.options if o.startswith("HSF-05"))).run()
    assert at.radio(key="tgt_level").options == ["Organisation"]
    at.number_input(key="tgt_year").set_value(2027)
    at.text_input(key="tgt_value").input("400")
    next(b for b in at.button if b.label == "Spara målet").click().run()
    assert "Målet för 2027 är sparat." in texts(at)
    targets = _rows(demo_url, m.IndicatorTarget, m.IndicatorTarget.indicator_id == created.id)
    assert [(t.year, t.area_id, t.organisation_id, t.value) for t in targets] == [(2027, None, hsf.id, 400)]
    # A central indicator is shown, not offered for editing.
    chooser = at.selectbox(key="reg_chosen")
    chooser.select(next(o for o in chooser.options if o.startswith("PRJ-01"))).run()
    assert "En central indikator: innovationsstöd ändrar den och dess mål." in texts(at)
    assert not any(b.label == "Spara ändringarna" for b in at.button)


def test_min_forvaltning_shows_what_waits_and_the_comparison(demo_url: str) -> None:
    at = open_page(app_as("manager"), MY_ORG)
    assert not at.exception
    assert "Hälso\\- och sjukvårdsförvaltningen" in texts(at)
    labels = {mt.label: mt.value for mt in at.metric}
    assert {
        "Perioder att rapportera",
        "Idéer utan första beslut",
        "Försenade fondrapporter",
        "Förfrågningar utan svar",
    } <= set(labels)
    comparison = at.dataframe[0].value
    assert {"HSF", "Regionen", "Mål", "Målet nått"} <= set(comparison.columns)
    names = list(comparison.iloc[:, 0])
    assert any(n.startswith("PRJ-01") for n in names) and any(n.startswith("IDE-01") for n in names)
    assert not any(n.startswith("TF-01") for n in names)
    assert "Egna indikatorer" in texts(at) and "**HSF\\-01 – " in texts(at)


def test_the_whole_year_table_shows_every_period_with_its_status(demo_url: str) -> None:
    at = open_page(app_as("manager"), REPORT)
    _choose_indicator(at, "PRJ-01")
    at.selectbox(key="rep_year").select(2026).run()
    at.radio(key="rep_mode").set_value("table").run()
    assert not at.exception
    sheet = at.dataframe[0].value  # the table editor's rows as the manager sees them
    assert list(sheet["Period"]) == ["2026 K1", "2026 K2", "2026 K3", "2026 K4"]
    assert list(sheet["Status"]) == ["Godkänt", "Godkänt", "Inskickat", "Ej rapporterat"]
    assert list(sheet["Värde"])[:3] == [9, 8, 8]
    # Nothing typed: saving says so and writes nothing.
    next(b for b in at.button if b.key == "rep_draft").click().run()
    assert "Inget att spara" in texts(at)


def test_an_indicators_description_is_shown_as_typed_and_its_unit_in_english(demo_url: str) -> None:
    engine = db.make_engine(demo_url)
    with db.write_session(engine) as session:
        for indicator in session.exec(select(m.Indicator)):
            indicator.description = "**Fet** [länk](http://example.com)"
        session.commit()
    engine.dispose()
    # English, as opened (AppTest re-formats radio options in Swedish on a rerun, so no clicks here).
    at = open_page(app_as("manager", lang="en"), REPORT)
    assert not at.exception, at.exception
    assert "\\*\\*Fet\\*\\* \\[länk\\]\\(http\\://example\\.com\\)" in texts(at)  # shown as typed
    value = next(w.label for w in at.text_input if w.label.startswith("Value ("))
    assert value in {"Value (count)", "Value (days)", "Value (SEK)", "Value (%)", "Value (index)"}, value

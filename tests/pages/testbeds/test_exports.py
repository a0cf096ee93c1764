"""The catalogue and request-list exports: Swedish headers, labels instead of codes, safe cells."""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import load_workbook
from sqlmodel import Session

from components.testbeds.catalogue import catalogue_table
from components.testbeds.inbox import request_table
from services.people.auth import load_actor
from services.shared import exports
from services.testbeds import catalogue, requests
from services.testbeds.catalogue import CatalogueFilters


def test_catalogue_export_has_swedish_headers_and_labels(session: Session) -> None:
    cards = catalogue.all_matching(session=session, filters=CatalogueFilters(search="vaxholm"))
    headers, rows = catalogue_table(cards, {"transport": "Kollektivtrafik"}, "sv")
    assert headers[:4] == ["Namn", "Kärnverksamhet", "Drivs av", "Typ av miljö"]
    assert rows[0][1] == "Kollektivtrafik" and rows[0][3] == "Verklig verksamhet" and rows[0][7] == "Öppen"
    sheet = load_workbook(io.BytesIO(exports.table_to_xlsx(headers, rows))).active
    assert sheet["A1"].value == "Namn" and "Vaxholm" in sheet["A2"].value
    csv_text = exports.table_to_csv(*catalogue_table(cards, {}, "en")).decode("utf-8-sig")
    assert csv_text.startswith("Name;Core area;Run by")


def test_request_export_holds_only_the_managers_requests(session: Session) -> None:
    found = requests.export_rows(session=session, actor=load_actor(session, "maria.ekholm"), today=date(2026, 11, 28))
    headers, rows = request_table(found, "sv")
    assert headers[:3] == ["Referens", "Testmiljö", "Från"]
    testbeds_named = {row[1] for row in rows}
    assert testbeds_named == {"Simuleringscentrum Karolinska Huddinge", "Innovationsplats Karolinska"}
    assert all(row[4] and "@" in row[4] for row in rows)  # the requester's e-mail, for the owner only
    assert {row[6] for row in rows} <= {"Ny", "I dialog", "Accepterad", "Avböjd", "Genomförd"}


def test_formula_like_requester_text_is_neutralised(session: Session) -> None:
    receipt = requests.submit_request(
        session=session,
        data={
            "testbed_id": catalogue.get_testbed(session=session, slug="frs-vr-studio").card.id,
            "requester_name": '=HYPERLINK("http://evil")',
            "requester_email": "x@example.se",
            "requester_kind": "other",
            "description": "Test",
            "consent": True,
        },
    )
    found = requests.export_rows(session=session, actor=load_actor(session, "admin"), today=date(2026, 11, 28))
    headers, rows = request_table(found, "sv")
    mine = [r for r in rows if r[0] == receipt.ref]
    csv_text = exports.table_to_csv(headers, mine).decode("utf-8-sig")
    assert "\"'=HYPERLINK" in csv_text  # a text cell, not a formula
    received = csv_text.split("\r\n")[1].split(";")[7]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", received)  # local time, to the second

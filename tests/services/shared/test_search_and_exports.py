"""Shared helpers: free-text search that folds Å/Ä/Ö in SQL, and exports that spreadsheets cannot run."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from models import User
from services.shared.exports import table_to_csv, table_to_xlsx
from services.shared.search import text_matches


def _names(session: Session, term: str) -> set[str]:
    return set(session.exec(select(User.username).where(text_matches(term, User.display_name))))


def test_search_matches_swedish_letters_in_either_case(session: Session) -> None:
    user = session.exec(select(User).where(User.username == "employee")).one()
    user.display_name = "Åsa Öberg-Ärlig"
    session.add(user)
    session.flush()
    for term in ("åsa", "ÅSA", "öberg", "ärlig", "Åsa ärlig"):
        assert "employee" in _names(session, term), term
    assert "employee" not in _names(session, "åsa finnsinte")


def test_search_treats_like_wildcards_as_text(session: Session) -> None:
    assert _names(session, "%") == set()
    assert _names(session, "_") == set()


def test_empty_search_is_no_condition() -> None:
    assert text_matches("   ", User.display_name) is None


def test_csv_has_bom_semicolons_and_no_formulas() -> None:
    data = table_to_csv(["Titel", "Belopp"], [['=HYPERLINK("x")', 5], ["Vanlig; text", None]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Titel", "Belopp"], ['\'=HYPERLINK("x")', "5"], ["Vanlig; text", ""]]


def test_xlsx_keeps_headers_and_neutralises_formulas() -> None:
    sheet = load_workbook(io.BytesIO(table_to_xlsx(["Titel", "Antal"], [["+1+1", 3], ["Idé", 4]]))).active
    assert [c.value for c in sheet[1]] == ["Titel", "Antal"]
    assert [c.value for c in sheet[2]] == ["'+1+1", 3]
    assert sheet["A3"].value == "Idé"


def test_headers_are_protected_against_formulas_too() -> None:
    """Headers can name user-made things (an indicator, an organisation): they get the cells' guard."""
    headers = ['=HYPERLINK("http://x";"klicka")', "@SUM(A1)", "Antal"]
    rows = list(csv.reader(io.StringIO(table_to_csv(headers, [[1, 2, 3]]).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ['\'=HYPERLINK("http://x";"klicka")', "'@SUM(A1)", "Antal"]
    sheet = load_workbook(io.BytesIO(table_to_xlsx(headers, [[1, 2, 3]]))).active
    assert [c.value for c in sheet[1]] == ['\'=HYPERLINK("http://x";"klicka")', "'@SUM(A1)", "Antal"]
    assert all(c.data_type == "s" for c in sheet[1])


def test_a_search_longer_than_the_limits_is_refused_with_a_message() -> None:
    from services.shared.errors import ValidationError
    from services.shared.search import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS

    assert text_matches(" ".join(["vård"] * MAX_SEARCH_WORDS), User.display_name) is not None
    for term in (" ".join(["vård"] * (MAX_SEARCH_WORDS + 1)), "x" * (MAX_SEARCH_CHARS + 1), "ord " * 1000):
        with pytest.raises(ValidationError) as refused:
            text_matches(term, User.display_name)
        assert refused.value.fields["search"].key == "errors.search_too_long"
        assert refused.value.fields["search"].params == {"words": MAX_SEARCH_WORDS, "chars": MAX_SEARCH_CHARS}

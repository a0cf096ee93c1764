"""Importing many values from CSV and .xlsx: good files are written, bad files are refused whole with
every bad row named, and leave the database byte-for-byte as it was."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

import db
import models as m
from services.indicators import file_import as imp
from tests.conftest import actor, database_fingerprint

TODAY = date(2026, 11, 28)


def _csv(*lines: str) -> bytes:
    return ("\n".join(["indikator;organisation;period;värde;kommentar", *lines]) + "\n").encode("utf-8")


def _xlsx(
    rows: list[list[object]], header: tuple[str, ...] = ("indicator", "organisation", "period", "value")
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _dump(url: str) -> str:
    return database_fingerprint(url)


def _value(session: Session, code: str, org: str, period: date) -> m.IndicatorValue | None:
    return session.exec(
        select(m.IndicatorValue)
        .join(m.Indicator, m.IndicatorValue.indicator_id == m.Indicator.id)
        .join(m.Organisation, m.IndicatorValue.organisation_id == m.Organisation.id)
        .where(m.Indicator.code == code, m.Organisation.short_name == org, m.IndicatorValue.period_start == period)
    ).first()


def _refused(session: Session, username: str, content: bytes, filename: str = "v.csv") -> list[tuple[int, str]]:
    with pytest.raises(imp.ImportRefused) as refused:
        imp.import_values(
            session=session, actor=actor(session, username), content=content, filename=filename, today=TODAY
        )
    return [(r.line, r.message.key) for r in refused.value.rows]


def test_a_good_csv_file_is_imported_as_drafts_or_submitted(session: Session) -> None:
    manager = actor(session, "manager")
    shares: list[float] = []
    result = imp.import_values(
        session=session,
        actor=manager,
        content=(
            "indikator;organisation;period;värde;kommentar;täljare;nämnare\n"
            "PRJ-01;HSF;2026-10-01;11;Fyra nya projekt;;\n"
            "hsf-01;Hälso- och sjukvårdsförvaltningen;2026-10;;;235 000;1 000 000\n"
        ).encode(),
        filename="varden.csv",
        submit=True,
        today=TODAY,
        progress=shares.append,
    )
    assert (result.rows, result.created, result.updated) == (2, 1, 1)
    assert shares[-1] == 1.0
    prj = _value(session, "PRJ-01", "HSF", date(2026, 10, 1))
    assert prj is not None and prj.value == 11 and prj.status == "submitted" and prj.note == "Fyra nya projekt"
    hsf = _value(session, "HSF-01", "HSF", date(2026, 10, 1))
    assert hsf is not None and hsf.value == 23.5 and hsf.entered_by_id == manager.id
    assert (hsf.numerator, hsf.denominator) == (235_000, 1_000_000)
    entry = session.exec(select(m.AuditLog).where(m.AuditLog.action == "indicator_value.imported")).one()
    assert entry.details["rows"] == 2 and entry.details["indicators"] == ["HSF-01", "PRJ-01"]


def test_a_good_xlsx_file_from_an_admin_covers_many_organisations(session: Session) -> None:
    content = _xlsx(
        [
            ["PRJ-01", "KS", "2026-K4", 12],
            ["PRJ-01", "SöS", date(2026, 7, 1), 9.0],
            ["MED-01", "TF", 2026, None, 252, "800"],
        ],
        header=("indicator", "organisation", "period", "value", "numerator", "denominator"),
    )
    result = imp.import_values(
        session=session, actor=actor(session, "admin"), content=content, filename="Värden.XLSX", today=TODAY
    )
    assert (result.rows, result.created, result.updated) == (3, 2, 1)
    sos = _value(session, "PRJ-01", "SöS", date(2026, 7, 1))
    assert sos is not None and sos.value == 9 and sos.status == "draft"  # was returned: now a fresh draft
    kom = _value(session, "MED-01", "TF", date(2026, 1, 1))
    assert kom is not None and kom.value == 31.5 and (kom.numerator, kom.denominator) == (252, 800)


def test_a_share_by_numerator_and_denominator_needs_both_and_a_sensible_pair(session: Session, demo_url: str) -> None:
    before = _dump(demo_url)
    content = (
        "indikator;organisation;period;värde;täljare;nämnare\n"
        "MED-01;HSF;2026-01-01;30;;\n"  # 2: a bare percentage
        "MED-01;KS;2026-01-01;;-3;100\n"  # 3: a negative numerator
        "MED-01;SöS;2026-01-01;;300;200\n"  # 4: more than the whole
        "MED-01;DS;2026-01-01;;30;0\n"  # 5: nothing to divide by
    ).encode()
    assert _refused(session, "admin", content) == [
        (2, "indicators.data.import_ratio_needed"),
        (3, "indicators.data.import_ratio_negative"),
        (4, "indicators.data.numerator_above_denominator"),
        (5, "indicators.data.import_ratio_negative"),
    ]
    assert _dump(demo_url) == before


def test_a_bad_file_lists_every_bad_row_and_leaves_the_database_unchanged(session: Session, demo_url: str) -> None:
    before = _dump(demo_url)
    lines = _refused(
        session,
        "manager",
        _csv(
            "PRJ-01;HSF;2026-10-01;4;",  # line 2: good on its own
            "XYZ-99;HSF;2026-10-01;4;",  # 3: unknown indicator
            "PRJ-01;Okänd förvaltning;2026-10-01;4;",  # 4: unknown organisation
            "PRJ-01;HSF;första kvartalet;4;",  # 5: malformed period
            "PRJ-01;HSF;2026-08-01;4;",  # 6: not the first day of a quarter
            "PRJ-01;HSF;2026-07-01;fyra;",  # 7: not a number
            "PRJ-01;KS;2026-10-01;4;",  # 8: not the manager's organisation
            "PRJ-01;HSF;2026-10-01;5;",  # 9: duplicate of line 2
            "IDE-01;HSF;2026-07-01;5;",  # 10: a computed indicator
            "TF-01;HSF;2026-07-01;5;",  # 11: another administration's own indicator
            "PRJ-01;HSF;2027-01-01;5;",  # 12: a future period
            "PRJ-01;HSF;2026-04-01;5;",  # 13: already approved
        ),
    )
    assert lines == [
        (3, "indicators.data.import_unknown_indicator"),
        (4, "indicators.data.import_unknown_organisation"),
        (5, "indicators.data.import_bad_period"),
        (6, "indicators.data.period_not_quarter"),
        (7, "indicators.data.import_not_a_number"),
        (8, "indicators.data.import_not_your_organisation"),
        (9, "indicators.data.import_duplicate"),
        (10, "indicators.data.computed_not_reported"),
        (11, "indicators.data.own_of_other"),
        (11, "indicators.data.import_ratio_needed"),  # TF-01 is a share reported as numerator and denominator
        (12, "indicators.data.period_future"),
    ]
    assert _dump(demo_url) == before
    # Once the other rows are fixed, the approved value is named too, and still nothing is written.
    lines = _refused(session, "manager", _csv("PRJ-01;HSF;2026-10-01;4;", "PRJ-01;HSF;2026-04-01;5;"))
    assert lines == [(3, "indicators.data.import_already_approved")]
    assert _dump(demo_url) == before


def test_a_value_for_a_frozen_year_refuses_the_file(session: Session, demo_url: str) -> None:
    session.add(m.AnnualReport(year=2025, organisation_id=None, frozen_at=m.utcnow()))
    session.commit()
    before = _dump(demo_url)
    lines = _refused(session, "admin", _csv("PRJ-01;KS;2026-10-01;4;", "PRJ-01;KS;2025-10-01;4;"))
    assert lines == [(3, "indicators.data.year_frozen")]
    assert _dump(demo_url) == before


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"indikator;organisation\nPRJ-01;HSF\n", "v.csv", [(1, "indicators.data.import_columns")]),
        (b"not a workbook", "v.xlsx", [(0, "indicators.data.import_unreadable")]),
        (b"%PDF-1.4", "v.pdf", [(0, "indicators.data.import_wrong_kind")]),
        (b"indikator;organisation;period;v\xc3\xa4rde\n;;;\n", "v.csv", [(0, "indicators.data.import_empty")]),
    ],
)
def test_unusable_files_are_refused_as_a_whole(
    session: Session, demo_url: str, content: bytes, filename: str, expected: list
) -> None:
    before = _dump(demo_url)
    assert _refused(session, "manager", content, filename) == expected
    assert _dump(demo_url) == before


def test_an_employee_cannot_import(session: Session) -> None:
    from services.shared.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        imp.import_values(
            session=session,
            actor=actor(session, "employee"),
            content=_csv("PRJ-01;KS;2026-10-01;4;"),
            filename="v.csv",
            today=TODAY,
        )


def test_the_template_lists_the_organisations_indicators_and_imports_once_filled(session: Session) -> None:
    manager = actor(session, "manager")
    hsf = session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "HSF")).one()
    csv_bytes = imp.template(session=session, actor=manager, organisation_id=hsf, kind="csv", today=TODAY)
    text = csv_bytes.decode("utf-8-sig")
    assert text.splitlines()[0] == "indikator;organisation;period;värde;kommentar;täljare;nämnare"
    codes = {line.split(";")[0] for line in text.splitlines()[1:]}
    assert codes == {"MED-01", "PRJ-01", "TST-01", "KLI-01", "HSF-01"}
    book = load_workbook(
        io.BytesIO(imp.template(session=session, actor=manager, organisation_id=hsf, kind="xlsx", today=TODAY))
    )
    assert book.sheetnames == ["Värden", "Indikatorer"]
    rows = [list(r) for r in book["Värden"].iter_rows(values_only=True)]
    assert {r[1] for r in rows[1:]} == {"HSF"}
    waiting = {(r[0], r[2]) for r in rows[1:]}
    assert ("PRJ-01", "2026-10-01") in waiting  # current quarter: nothing else waits for PRJ-01
    # Filled in, the template imports as it is.
    guide = {r[0]: r[5] for r in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert guide["MED-01"] == "täljare och nämnare" and guide["PRJ-01"] == "värde"
    for row in rows[1:]:
        if guide[row[0]] == "värde":
            row[3] = 1
        else:
            row[5], row[6] = 1, 4
    sheet = Workbook()
    for row in rows:
        sheet.active.append(row)
    buffer = io.BytesIO()
    sheet.save(buffer)
    result = imp.import_values(
        session=session, actor=manager, content=buffer.getvalue(), filename="mall.xlsx", today=TODAY
    )
    assert result.rows == len(rows) - 1 and result.created == len(rows) - 1


def test_a_malformed_csv_is_refused_with_the_imports_own_message(session: Session, demo_url: str) -> None:
    """The csv module's own error (here: a cell over its 128 KB field limit) is no crash but a refusal."""
    before = _dump(demo_url)
    content = _csv("PRJ-01;HSF;2026-10-01;4;" + "x" * 200_000)
    assert _refused(session, "manager", content) == [(0, "indicators.data.import_bad_csv")]
    assert _dump(demo_url) == before


def test_a_csv_with_old_mac_line_endings_or_line_breaks_in_quotes_is_read(session: Session) -> None:
    content = 'indikator;organisation;period;värde;kommentar\rPRJ-01;HSF;2026-10-01;4;"två\nrader"\r'.encode()
    result = imp.import_values(
        session=session, actor=actor(session, "manager"), content=content, filename="mac.csv", today=TODAY
    )
    assert result.rows == 1
    assert _value(session, "PRJ-01", "HSF", date(2026, 10, 1)).note == "två\nrader"


def test_periods_before_2000_and_python_number_syntax_are_refused(session: Session, demo_url: str) -> None:
    before = _dump(demo_url)
    lines = _refused(
        session,
        "admin",
        _csv(
            "PRJ-01;KS;1999-10-01;4;",  # 2: before 2000
            "PRJ-01;KS;1900;4;",  # 3: Excel's day 0 as a year
            "PRJ-01;KS;2026-10-01;1_000_000;",  # 4: Python's underscore syntax
            "PRJ-01;KS;2026-07-01;1e3;",  # 5: exponent
            "PRJ-01;KS;2026-04-01;nan;",  # 6
        ),
    )
    assert lines == [
        (2, "indicators.data.period_too_early"),
        (3, "indicators.data.period_too_early"),
        (4, "indicators.data.import_not_a_number"),
        (5, "indicators.data.import_not_a_number"),
        (6, "indicators.data.import_not_a_number"),
    ]
    assert _dump(demo_url) == before
    workbook = _xlsx([["PRJ-01", "KS", date(1999, 1, 1), 5], ["PRJ-01", "KS", 1998, 5]])
    assert _refused(session, "admin", workbook, "v.xlsx") == [
        (2, "indicators.data.period_too_early"),
        (3, "indicators.data.period_too_early"),
    ]


# ---------------------------------------------------------------- crafted workbooks


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _crafted(rows: dict[int, dict[str, object]], dimension: str | None, extra: dict[str, bytes] | None = None) -> bytes:
    """A valid .xlsx whose first sheet holds exactly `rows` ({row number: {column letter: value}}) and
    claims `dimension`, as a hostile or broken program could write it."""
    cells = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{c}{r}", v) for c, v in row.items()) + "</row>"
        for r, row in sorted(rows.items())
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{cells}</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(io.BytesIO(_xlsx([])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = sheet.encode() if name == "xl/worksheets/sheet1.xml" else source.read(name)
            target.writestr(name, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


HEADER = {"A": "indicator", "B": "organisation", "C": "period", "D": "value"}


def test_a_sheet_claiming_a_million_rows_of_16384_columns_is_refused_before_reading(session: Session) -> None:
    """openpyxl pads every row to the claimed width: this 1 KB file used to ask for gigabytes."""
    content = _crafted({1: HEADER, 2: {"A": "PRJ-01", "B": "KS", "C": "2026-10-01", "D": 4}}, "A1:XFD1048576")
    assert len(content) < 10_000
    assert _refused(session, "admin", content, "v.xlsx") == [(0, "indicators.data.import_too_many")]


def test_rows_are_read_at_most_thirty_cells_wide_and_the_rest_is_ignored(session: Session) -> None:
    rows = {1: {**HEADER, "XFD": "skräp"}, 2: {"A": "PRJ-01", "B": "KS", "C": "2026-10-01", "D": 4, "XFC": "x"}}
    content = _crafted(rows, "A1:XFD2")
    assert [len(r) for r in imp._xlsx_rows(content)] == [imp.MAX_COLUMNS, imp.MAX_COLUMNS]
    result = imp.import_values(
        session=session, actor=actor(session, "admin"), content=content, filename="v.xlsx", today=TODAY
    )
    assert result.created == 1 and _value(session, "PRJ-01", "KS", date(2026, 10, 1)).value == 4


def test_blank_rows_past_the_line_limit_end_the_reading(session: Session) -> None:
    far = imp.MAX_LINES + 5
    rows = {1: HEADER, 2: {"A": "PRJ-01", "B": "KS", "C": "2026-10-01", "D": 4}, far: {"A": "PRJ-01"}}
    for dimension in (None, f"A1:D{far}"):  # whether or not the sheet says how long it is
        assert _refused(session, "admin", _crafted(rows, dimension), "v.xlsx") == [
            (0, "indicators.data.import_too_many")
        ]


def test_a_workbook_that_unpacks_to_too_much_is_refused(session: Session, demo_url: str) -> None:
    """A zip bomb: 60 MB of zeros pack into some 60 KB."""
    before = _dump(demo_url)
    padding = {"xl/media/image1.bin": bytes(imp.MAX_UNPACKED_BYTES)}
    content = _crafted({1: HEADER, 2: {"A": "PRJ-01", "B": "KS", "C": "2026-10-01", "D": 4}}, "A1:D2", padding)
    assert len(content) < imp.MAX_BYTES // 10
    assert _refused(session, "admin", content, "v.xlsx") == [(0, "indicators.data.import_unpacks_too_large")]
    assert _dump(demo_url) == before


def test_a_file_is_checked_in_one_session_and_written_in_another(engine, demo_url: str) -> None:
    """What the page does: check while reading (others keep writing), then one short write; a value
    approved in between refuses the file at the write and nothing is written."""
    with db.read_session(engine) as reading:
        admin = actor(reading, "admin")
        checked = imp.check_file(
            session=reading,
            actor=admin,
            content=_csv("PRJ-01;KS;2026-10-01;4;", "PRJ-01;SöS;2026-10-01;5;"),
            filename="v.csv",
            today=TODAY,
        )
    assert [g.line for g in checked.rows] == [2, 3]
    with db.write_session(engine) as writing:
        result = imp.write_checked(session=writing, actor=admin, checked=checked, submit=True)
    assert (result.created, result.updated) == (2, 0)
    with db.write_session(engine) as writing:
        value = _value(writing, "PRJ-01", "KS", date(2026, 10, 1))
        value.status = "approved"
        writing.commit()
    before = _dump(demo_url)
    with db.write_session(engine) as writing, pytest.raises(imp.ImportRefused) as refused:
        imp.write_checked(session=writing, actor=admin, checked=checked)
    assert [(r.line, r.message.key) for r in refused.value.rows] == [(2, "indicators.data.import_already_approved")]
    assert _dump(demo_url) == before


def test_streamlit_refuses_uploads_larger_than_the_import_takes() -> None:
    """The browser upload stops at the import's own limit (Streamlit's default is 200 MB in memory)."""
    import tomllib

    from tests.conftest import PROJECT_DIR

    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == imp.MAX_BYTES

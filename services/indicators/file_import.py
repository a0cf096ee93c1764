"""Importing many reported values at once from a CSV or .xlsx file, and the template to fill in.

All or nothing: every row is checked first, and if any row is bad the whole file is refused with every
bad row listed by its line number (as a spreadsheet shows it; the header is line 1) and the reason.
Nothing is written then. Checking needs only a read session (`check_file`); a good file is then written
in one short write transaction with one audit entry (`write_checked`), so other people's writes do not
wait while a large file is checked.

Files are read lazily and within limits, whatever they claim to hold: at most `MAX_BYTES` uploaded,
`MAX_UNPACKED_BYTES` unpacked (an .xlsx is a zip), `MAX_COLUMNS` columns read per row (more are
ignored), and reading stops at `MAX_ROWS` data rows or `MAX_LINES` lines.

Columns (Swedish or English headers, any order): indikator/indicator (the code), organisation (short
name or full name), period (2026-07-01, 2026-07, 2026-K3/2026-Q3 or 2026, matching the indicator's
frequency), värde/value (a number; a decimal comma is fine), kommentar/note (optional), and for a share
reported as numerator and denominator (`Weighting.ratio`) täljare/numerator and nämnare/denominator
instead of the value (the value is then 100 * täljare / nämnare).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlmodel import Session, col, select

from models import Indicator, IndicatorScope, IndicatorSource, IndicatorValue, Organisation, ValueStatus, utcnow
from services.indicators import periods as ind_periods
from services.indicators import targets
from services.indicators import values as ind_values
from services.people.auth import Actor, require_login
from services.shared import audit
from services.shared.errors import DomainError, Message, PermissionDenied
from services.shared.exports import table_to_csv, to_xlsx
from services.shared.history import today as stockholm_today
from services.shared.validation import clean_text

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a full 50,000-row template unpacks to about 12 MB
MAX_ZIP_MEMBERS = 200
MAX_ROWS = 50_000
MAX_LINES = MAX_ROWS + 10_000  # blank lines count too: a sheet can claim a million empty rows
MAX_COLUMNS = 30  # the template has five; a stray cell far to the right is not read
MAX_NOTE = 2000
COLUMNS: tuple[str, ...] = ("indicator", "organisation", "period", "value", "note", "numerator", "denominator")
TEMPLATE_HEADERS: tuple[str, ...] = ("indikator", "organisation", "period", "värde", "kommentar", "täljare", "nämnare")
_ALIASES: dict[str, str] = {
    "indikator": "indicator",
    "indicator": "indicator",
    "kod": "indicator",
    "code": "indicator",
    "organisation": "organisation",
    "organization": "organisation",
    "period": "period",
    "period_start": "period",
    "värde": "value",
    "varde": "value",
    "value": "value",
    "kommentar": "note",
    "anteckning": "note",
    "note": "note",
    "comment": "note",
    "täljare": "numerator",
    "taljare": "numerator",
    "numerator": "numerator",
    "nämnare": "denominator",
    "namnare": "denominator",
    "denominator": "denominator",
}
_QUARTER = re.compile(r"^(\d{4})\s*[-\s]?\s*[KQkq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
Progress = Callable[[float], None]


@dataclass(frozen=True)
class RowError:
    """A bad row: its line in the file and why it cannot be imported."""

    line: int
    message: Message


class ImportRefused(DomainError):
    """The file was refused as a whole; `rows` lists every reason (line 0: the file itself)."""

    def __init__(self, rows: list[RowError]) -> None:
        super().__init__("indicators.data.import_refused", count=len({r.line for r in rows}))
        self.rows = rows


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int
    submitted: bool


@dataclass(frozen=True)
class CheckedFile:
    """A file whose every row passed the checks, ready for `write_checked`."""

    filename: str
    rows: list[_Good]


@dataclass
class _Good:
    line: int
    indicator_id: int
    code: str
    organisation_id: int
    period_start: date
    value: float
    note: str | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class _Lookups:
    """Everything a row is checked against, read once per file."""

    indicators: dict[str, Indicator]
    organisations: dict[str, int]
    frozen: set[int]
    seen: dict[tuple[int, int, date], int] = field(default_factory=dict)


# ---------------------------------------------------------------- reading the file


def read_table(content: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """The file's data rows as (line, {column: cell}); blank rows are left out.

    Refuses (as line 0) a file that is too large, not CSV or .xlsx, unreadable, or lacks a column.
    """
    if len(content) > MAX_BYTES:
        raise ImportRefused([RowError(0, Message("indicators.data.import_too_large", {"mb": MAX_BYTES // 2**20}))])
    name = filename.lower()
    if name.endswith(".xlsx"):
        raw = _xlsx_rows(content)
    elif name.endswith((".csv", ".txt")):
        raw = _csv_rows(content)
    else:
        raise ImportRefused([RowError(0, Message("indicators.data.import_wrong_kind"))])
    header = next(raw, None)
    if header is None:
        raise ImportRefused([RowError(0, Message("indicators.data.import_empty"))])
    columns = [_ALIASES.get(str(h or "").strip().lower()) for h in header]
    missing = [c for c in COLUMNS[:4] if c not in columns]
    if missing:
        expected = ", ".join(TEMPLATE_HEADERS[:4])
        raise ImportRefused([RowError(1, Message("indicators.data.import_columns", {"expected": expected}))])
    rows = []
    for line, cells in enumerate(raw, start=2):
        if line > MAX_LINES:
            raise _too_many()
        row = {c: cells[i] if i < len(cells) else None for i, c in enumerate(columns) if c}
        if all(v is None or str(v).strip() == "" for v in row.values()):
            continue
        rows.append((line, row))
        if len(rows) > MAX_ROWS:
            raise _too_many()
    if not rows:
        raise ImportRefused([RowError(0, Message("indicators.data.import_empty"))])
    return rows


def _too_many() -> ImportRefused:
    return ImportRefused([RowError(0, Message("indicators.data.import_too_many", {"max": MAX_ROWS}))])


def _csv_rows(content: bytes) -> Iterable[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # what Swedish Excel writes as "CSV"
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    # newline="": the csv module itself handles \r\n, old Mac \r and line breaks inside quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield cells[:MAX_COLUMNS]
    except csv.Error:  # e.g. a field longer than csv.field_size_limit()
        raise ImportRefused([RowError(0, Message("indicators.data.import_bad_csv"))]) from None


def _xlsx_rows(content: bytes) -> Iterable[list[Any]]:
    """The first sheet's rows, one at a time, at most `MAX_COLUMNS` wide and `MAX_LINES` long.

    openpyxl pads every row to the width the sheet claims (up to 16,384 columns) and fills in every row
    it skips: a 160 KB file could ask for gigabytes. The zip's unpacked size is checked before opening,
    and rows are read with explicit bounds.
    """
    from openpyxl import load_workbook

    _refuse_zip_bomb(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise _unreadable() from None
    try:
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > MAX_LINES:  # the sheet's own <dimension>; refused before reading
            raise _too_many()
        for cells in sheet.iter_rows(max_row=MAX_LINES + 1, max_col=MAX_COLUMNS, values_only=True):
            yield list(cells)
    except ImportRefused:
        raise
    except Exception:  # malformed XML inside a valid zip, and the like
        raise _unreadable() from None
    finally:
        workbook.close()


def _refuse_zip_bomb(content: bytes) -> None:
    """Refuse an .xlsx that would unpack to more than `MAX_UNPACKED_BYTES` (zipfile never unpacks a
    member beyond the size the archive declares, so the declared sizes are a bound)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _unreadable() from None
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        mb = MAX_UNPACKED_BYTES // 2**20
        raise ImportRefused([RowError(0, Message("indicators.data.import_unpacks_too_large", {"mb": mb}))])


def _unreadable() -> ImportRefused:
    return ImportRefused([RowError(0, Message("indicators.data.import_unreadable"))])


# ---------------------------------------------------------------- checking rows


def parse_period(cell: Any) -> date | None:
    """The period's first day from a cell, or None when the text is no period at all.

    A whole date is returned as typed (the caller checks it opens a period); "2026-07", "2026-K3" and
    "2026" name a month, quarter and year.
    """
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and float(cell).is_integer() and 1900 <= cell <= 2200:
        return date(int(cell), 1, 1)
    text = str(cell or "").strip()
    try:
        if m := _DAY.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(text):
            return date(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(text):
            return date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1)
        if m := _YEAR.match(text):
            return date(int(m[1]), 1, 1)
    except ValueError:
        return None
    return None


def _number(cell: Any) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        value = float(cell)
    else:
        parsed = ind_values.parse_number(str(cell or ""))
        if isinstance(parsed, str):
            return None
        value = parsed
    if value != value or abs(value) > targets.MAX_VALUE:  # NaN or absurd
        return None
    return value


def _lookups(session: Session) -> _Lookups:
    indicators = {i.code.upper(): i for i in session.exec(select(Indicator))}
    organisations: dict[str, int] = {}
    for org_id, name, short in session.exec(select(Organisation.id, Organisation.name, Organisation.short_name)):
        organisations[name.strip().lower()] = org_id
        organisations[short.strip().lower()] = org_id
    return _Lookups(indicators, organisations, ind_periods.frozen_years(session))


def _check_row(line: int, row: dict[str, Any], actor: Actor, found: _Lookups, today: date) -> list[Message]:
    """Every reason this row cannot be imported (an empty list: the row is good)."""
    problems: list[Message] = []
    code = str(row.get("indicator") or "").strip()
    indicator = found.indicators.get(code.upper())
    if indicator is None:
        problems.append(Message("indicators.data.import_unknown_indicator", {"code": code}))
    elif indicator.source != IndicatorSource.reported:
        problems.append(Message("indicators.data.computed_not_reported", {"code": indicator.code}))
    elif not indicator.is_active:
        problems.append(Message("indicators.data.inactive", {"code": indicator.code}))
    org_text = str(row.get("organisation") or "").strip()
    org_id = found.organisations.get(org_text.lower())
    if org_id is None:
        problems.append(Message("indicators.data.import_unknown_organisation", {"name": org_text}))
    elif not (actor.is_admin or actor.manages(org_id)):
        problems.append(Message("indicators.data.import_not_your_organisation", {"name": org_text}))
    elif indicator is not None and indicator.scope == IndicatorScope.own and indicator.owner_org_id != org_id:
        problems.append(Message("indicators.data.own_of_other", {"code": indicator.code}))
    period = parse_period(row.get("period"))
    period_text = _cell_text(row.get("period"))
    if period is None:
        problems.append(Message("indicators.data.import_bad_period", {"text": period_text}))
    elif indicator is not None and not ind_periods.is_period_start(indicator.frequency, period):
        problems.append(Message(f"indicators.data.period_not_{indicator.frequency}", {}))
    elif period > today:
        problems.append(Message("indicators.data.period_future", {}))
    elif period.year < ind_periods.FIRST_YEAR:
        problems.append(Message("indicators.data.period_too_early", {"first": ind_periods.FIRST_YEAR}))
    elif period.year in found.frozen:
        problems.append(Message("indicators.data.year_frozen", {"year": period.year}))
    if indicator is not None and ind_values.takes_ratio(indicator):
        problems.extend(_check_ratio(row, indicator.code))
    elif _number(row.get("value")) is None:
        problems.append(Message("indicators.data.import_not_a_number", {"text": _cell_text(row.get("value"))}))
    note = _note(row)
    if note and len(note) > MAX_NOTE:
        problems.append(Message("errors.too_long", {"max_length": MAX_NOTE}))
    if not problems and indicator is not None and org_id is not None and period is not None:
        key = (indicator.id, org_id, period)
        if key in found.seen:
            problems.append(Message("indicators.data.import_duplicate", {"first": found.seen[key]}))
        else:
            found.seen[key] = line
    return problems


def _note(row: dict[str, Any]) -> str | None:
    return clean_text(str(row.get("note") or ""))


def _check_ratio(row: dict[str, Any], code: str) -> list[Message]:
    """A ratio share needs a numerator (0 or more) and a denominator (above 0, not below the numerator)."""
    numerator, denominator = _number(row.get("numerator")), _number(row.get("denominator"))
    if numerator is None or denominator is None:
        return [Message("indicators.data.import_ratio_needed", {"code": code})]
    if numerator < 0 or denominator <= 0:
        return [Message("indicators.data.import_ratio_negative", {})]
    if numerator > denominator:
        return [Message("indicators.data.numerator_above_denominator", {})]
    return []


def _cell_text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()[:40]


def _good(line: int, row: dict[str, Any], found: _Lookups) -> _Good:
    indicator = found.indicators[str(row["indicator"]).strip().upper()]
    note = _note(row)
    numerator = denominator = None
    if ind_values.takes_ratio(indicator):
        numerator, denominator = _number(row.get("numerator")), _number(row.get("denominator"))
        value = round(100.0 * numerator / denominator, 4)  # type: ignore[operator]
    else:
        value = _number(row["value"])
    return _Good(
        line,
        indicator.id,
        indicator.code,
        found.organisations[str(row["organisation"]).strip().lower()],
        parse_period(row["period"]),  # type: ignore[arg-type]
        value,  # type: ignore[arg-type]
        note,
        numerator,
        denominator,
    )


def _existing(session: Session, good: list[_Good]) -> dict[tuple[int, int, date], IndicatorValue]:
    """The stored values that the file's rows would replace, read in one query."""
    query = select(IndicatorValue).where(
        col(IndicatorValue.indicator_id).in_({g.indicator_id for g in good}),
        col(IndicatorValue.organisation_id).in_({g.organisation_id for g in good}),
        IndicatorValue.period_start >= min(g.period_start for g in good),
        IndicatorValue.period_start <= max(g.period_start for g in good),
    )
    return {(v.indicator_id, v.organisation_id, v.period_start): v for v in session.exec(query)}


# ---------------------------------------------------------------- the import


def check_file(
    *,
    session: Session,
    actor: Actor | None,
    content: bytes,
    filename: str,
    today: date | None = None,
    progress: Progress | None = None,
) -> CheckedFile:
    """Read and check every row of the file without writing anything (a read session is enough).

    Raises `ImportRefused` listing every bad row. Managers import only for their own organisation,
    admins for every one.
    """
    actor = _require_importer(actor)
    today = today or stockholm_today()
    tick = progress or (lambda _share: None)
    rows = read_table(content, filename)
    found = _lookups(session)
    errors: list[RowError] = []
    good: list[_Good] = []
    for n, (line, row) in enumerate(rows, start=1):
        problems = _check_row(line, row, actor, found, today)
        errors.extend(RowError(line, p) for p in problems)
        if not problems:
            good.append(_good(line, row, found))
        if n % 500 == 0:
            tick(0.8 * n / len(rows))
    if not errors:
        errors = _approved_already(good, _existing(session, good))
    if errors:
        raise ImportRefused(errors)
    tick(0.8)
    return CheckedFile(filename[:200], good)


def write_checked(
    *,
    session: Session,
    actor: Actor | None,
    checked: CheckedFile,
    submit: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Write a checked file (as drafts, or submitted with `submit=True`) in one short transaction with
    one audit entry, and commit.

    What may have changed since the check is checked again first (a value approved or a year frozen
    meanwhile); then `ImportRefused` is raised and nothing is written.
    """
    actor = _require_importer(actor)
    good = checked.rows
    frozen = ind_periods.frozen_years(session)
    existing = _existing(session, good)
    errors = [
        RowError(g.line, Message("indicators.data.year_frozen", {"year": g.period_start.year}))
        for g in good
        if g.period_start.year in frozen
    ] or _approved_already(good, existing)
    if errors:
        session.rollback()
        raise ImportRefused(errors)
    result = _write(session, actor, good, existing, submit)
    audit.record(
        session,
        actor,
        "indicator_value.imported",
        ind_values.ENTITY_VALUE,
        None,
        filename=checked.filename,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        submitted=submit,
        indicators=sorted({g.code for g in good}),
        organisations=sorted({g.organisation_id for g in good}),
    )
    session.commit()
    if progress is not None:
        progress(1.0)
    return result


def import_values(
    *,
    session: Session,
    actor: Actor | None,
    content: bytes,
    filename: str,
    submit: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """`check_file` then `write_checked` in one session: for scripts and tests. The app checks in a
    read session and writes in a separate short write session."""
    checked = check_file(
        session=session, actor=actor, content=content, filename=filename, today=today, progress=progress
    )
    return write_checked(session=session, actor=actor, checked=checked, submit=submit, progress=progress)


def _require_importer(actor: Actor | None) -> Actor:
    actor = require_login(actor)
    if not (actor.is_admin or actor.is_manager):
        raise PermissionDenied()
    return actor


_Key = tuple[int, int, date]


def _existing(session: Session, good: list[_Good]) -> dict[_Key, tuple[int, str]]:
    """(id, status) of the stored values that the file's rows would replace, read in one query."""
    if not good:
        return {}
    query = select(
        IndicatorValue.id,
        IndicatorValue.indicator_id,
        IndicatorValue.organisation_id,
        IndicatorValue.period_start,
        IndicatorValue.status,
    ).where(
        col(IndicatorValue.indicator_id).in_({g.indicator_id for g in good}),
        col(IndicatorValue.organisation_id).in_({g.organisation_id for g in good}),
        IndicatorValue.period_start >= min(g.period_start for g in good),
        IndicatorValue.period_start <= max(g.period_start for g in good),
    )
    return {(i, o, p): (value_id, status) for value_id, i, o, p, status in session.exec(query)}


def _approved_already(good: list[_Good], existing: dict[_Key, tuple[int, str]]) -> list[RowError]:
    return [
        RowError(g.line, Message("indicators.data.import_already_approved", {}))
        for g in good
        if (found := existing.get((g.indicator_id, g.organisation_id, g.period_start))) is not None
        and found[1] not in ind_values.EDITABLE
    ]


def _write(
    session: Session, actor: Actor, good: list[_Good], existing: dict[_Key, tuple[int, str]], submit: bool
) -> ImportResult:
    """Two bulk statements (insert the new, update the replaced), not one ORM object per row."""
    now = utcnow()
    common = {
        "status": ValueStatus.submitted.value if submit else ValueStatus.draft.value,
        "entered_by_id": actor.id,
        "submitted_at": now if submit else None,
        "updated_at": now,
    }
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for g in good:
        values = {"value": g.value, "numerator": g.numerator, "denominator": g.denominator, "note": g.note, **common}
        found = existing.get((g.indicator_id, g.organisation_id, g.period_start))
        if found is None:
            key = {"indicator_id": g.indicator_id, "organisation_id": g.organisation_id, "period_start": g.period_start}
            new.append({**key, **values, "created_at": now})
        else:
            changed.append({"value_id": found[0], **values})
    table = IndicatorValue.__table__  # type: ignore[attr-defined]
    if new:  # Core executemany: the ORM's per-row bookkeeping would double the time under the lock
        session.execute(insert(table), new)
    if changed:
        columns = {name: bindparam(name) for name in ("value", "numerator", "denominator", "note", *common)}
        session.execute(update(table).where(table.c.id == bindparam("value_id")).values(**columns), changed)
    return ImportResult(len(good), len(new), len(changed), submit)


# ---------------------------------------------------------------- the template


def template(
    *, session: Session, actor: Actor | None, organisation_id: int, kind: str, today: date | None = None
) -> bytes:
    """A file to fill in for the organisation: one row per period still waiting for a value (see
    `indicators.unreported_periods`), and for an indicator with none, its current period; values left
    empty. The .xlsx has a second sheet explaining codes, units and how to write periods."""
    today = today or stockholm_today()
    reportable = ind_values.reportable_indicators(session=session, actor=actor, organisation_id=organisation_id)
    waiting = ind_values.unreported_periods(session=session, actor=actor, organisation_id=organisation_id, today=today)
    short = session.exec(select(Organisation.short_name).where(Organisation.id == organisation_id)).one()
    periods = [(w.code, w.period_start) for w in waiting]
    covered = {w.indicator_id for w in waiting}
    periods += [(r.code, _current_start(r.frequency, today)) for r in reportable if r.id not in covered]
    rows = [(code, short, start.isoformat(), None, None, None, None) for code, start in sorted(periods)]
    if kind == "csv":
        return table_to_csv(TEMPLATE_HEADERS, rows)
    guide = [
        (
            r.code,
            r.name_sv,
            r.unit,
            r.frequency,
            _period_example(r.frequency),
            "täljare och nämnare" if ind_values.takes_ratio(r) else "värde",
        )
        for r in reportable
    ]
    return to_xlsx(
        {
            "Värden": (TEMPLATE_HEADERS, rows),
            "Indikatorer": (("indikator", "namn", "enhet", "frekvens", "period, exempel", "fyll i"), guide),
        }
    )


def _current_start(frequency: str, today: date) -> date:
    return max(s for s in ind_periods.period_starts(frequency, today.year) if s <= today)


def _period_example(frequency: str) -> str:
    return {"month": "2026-03-01 / 2026-03", "quarter": "2026-07-01 / 2026-K3", "year": "2026-01-01 / 2026"}[frequency]

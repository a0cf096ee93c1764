"""Tables as downloadable files: .xlsx and CSV with the headers the reader knows.

Every export in the app goes through here, so all of them share the same safeguards: cells that a
spreadsheet would run as a formula (=, +, -, @ and tab/CR first) are prefixed with an apostrophe (OWASP's
advice against CSV injection), headers included (they may name user-made things such as indicators or
organisations), text is written as text, and CSV is UTF-8 with a byte-order mark and
semicolons, which Swedish Excel opens correctly with a double click.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60


def safe_cell(value: Any) -> Any:
    """The value as it should land in a cell: no formulas, no time zones (Excel has none)."""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, datetime) and value.tzinfo is not None:
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo("Europe/Stockholm")).replace(tzinfo=None)
    if hasattr(value, "value") and not isinstance(value, (int, float, date)):  # enums
        return value.value
    return value


def to_xlsx(sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per entry: sheet name -> (headers, rows). Headers bold, frozen, filtered."""
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append([safe_cell(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in headers]
        for row in rows:
            values = [safe_cell(v) for v in row]
            sheet.append(values)
            for i, v in enumerate(values):
                widths[i] = max(widths[i], min(len(str(v)) if v is not None else 0, MAX_COLUMN_WIDTH))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width + 2
        sheet.freeze_panes = "A2"
        if headers:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_to_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Data") -> bytes:
    return to_xlsx({sheet: (headers, rows)})


def table_to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

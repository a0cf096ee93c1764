"""The indicator import under hostile and large files, written to benchmarks/IMPORT.md.

    .venv/bin/python scripts/measure_import.py

1. A crafted .xlsx of about 160 KB whose sheet claims 16,384 columns (one stray cell far to the right)
   over 20,000 rows: time and peak memory of checking it.
2. A 50,000-row CSV on a copy of the demo region (with extra organisations, so that every row is a
   distinct value): time of the check (a read session: nobody waits) and of the write transaction
   (the time the write lock is held), and how long a concurrent submitter waits for the lock.

Numbers are for comparison between versions on the same machine; tests never assert them.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import tracemalloc
import zipfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command
from alembic.config import Config
from openpyxl import Workbook
from sqlalchemy import text

import db
from services import seed
from services.indicators import file_import
from services.people.auth import load_actor

PROJECT = Path(__file__).resolve().parent.parent
TODAY = seed.SEED_REFERENCE_DAY
ROWS = 50_000


def crafted_xlsx(rows: int = 20_000) -> bytes:
    """Header plus `rows` data rows; the sheet claims A1:XFD<rows+1> and has one cell in column XFD."""
    book = Workbook()
    book.active.append(["indicator", "organisation", "period", "value"])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>organisation</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>period</t></is></c>'
        '<c r="D1" t="inlineStr"><is><t>value</t></is></c>'
        '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
    ]
    cells += [f'<row r="{r}"><c r="D{r}"><v>{r}</v></c></row>' for r in range(2, rows + 2)]
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD{rows + 1}"/><sheetData>{"".join(cells)}</sheetData></worksheet>'
    )
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else source.read(name))
    return out.getvalue()


def demo_copy(folder: Path, extra_orgs: int = 250) -> str:
    path = folder / "import.db"
    url = f"sqlite:///{path}"
    config = Config(str(PROJECT / "alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, "head")
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        seed.load_demo(session, today=TODAY)
    with engine.begin() as conn:
        area = conn.execute(text("SELECT id FROM area LIMIT 1")).scalar()
        now = datetime.now().isoformat(" ")
        conn.execute(
            text(
                "INSERT INTO organisation (name, short_name, kind, area_id, created_at, updated_at) "
                "VALUES (:name, :short, 'bolag', :area, :now, :now)"
            ),
            [{"name": f"Mätenhet {i}", "short": f"ME{i}", "area": area, "now": now} for i in range(extra_orgs)],
        )
    engine.dispose()
    return url


def big_csv(rows: int) -> bytes:
    lines = ["indikator;organisation;period;värde"]
    n = 0
    for org in range(250):
        for year in range(2000, 2026):
            for quarter in range(4):
                for code in ("PRJ-01", "TST-01"):
                    lines.append(f"{code};ME{org};{year}-K{quarter + 1};{n % 97}")
                    n += 1
                    if n == rows:
                        return "\n".join(lines).encode("utf-8")
    raise ValueError("not enough distinct periods")


def _read(content: bytes) -> str:
    try:
        rows = file_import.read_table(content, "crafted.xlsx")
    except file_import.ImportRefused as refused:
        return f"refused: {refused.rows[0].message.key}"
    return f"{len(rows):,} rows of at most {file_import.MAX_COLUMNS} cells"


def measure_crafted() -> list[str]:
    content = crafted_xlsx()
    started = time.perf_counter()
    outcome = _read(content)
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second run for memory: tracing slows Python down several times
    _read(content)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return [
        f"| crafted .xlsx, {len(content) / 1024:.0f} KB, claims 20,001 × 16,384 cells | {seconds:.2f} s | "
        f"{peak:.0f} MB | {outcome} |"
    ]


def measure_large(url: str) -> list[str]:
    content = big_csv(ROWS)
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        admin = load_actor(session, "admin")
        started = time.perf_counter()
        checked = file_import.check_file(session=session, actor=admin, content=content, filename="big.csv", today=TODAY)
        check_seconds = time.perf_counter() - started
    waits: list[float] = []
    stop = threading.Event()

    def submitter() -> None:  # someone saving all along, as a busy morning would
        other = sqlite3.connect(db.sqlite_path(url), timeout=60, isolation_level=None)
        while not stop.is_set():
            began = time.perf_counter()
            other.execute("BEGIN IMMEDIATE")
            waits.append(time.perf_counter() - began)
            other.execute("UPDATE area SET colour = colour WHERE id = 1")
            other.execute("COMMIT")
            time.sleep(0.05)
        other.close()

    thread = threading.Thread(target=submitter)
    thread.start()
    with db.write_session(engine) as session:
        started = time.perf_counter()
        result = file_import.write_checked(session=session, actor=admin, checked=checked)
        write_seconds = time.perf_counter() - started
    time.sleep(0.2)
    stop.set()
    thread.join()
    engine.dispose()
    return [
        f"| {ROWS:,}-row CSV: check (read session) | {check_seconds:.2f} s | – | {len(checked.rows):,} rows good |",
        f"| {ROWS:,}-row CSV: write transaction (write lock held) | {write_seconds:.2f} s | – | "
        f"{result.created:,} created |",
        f"| a concurrent writer's longest wait for the lock during the import | {max(waits):.2f} s | – | "
        f"{len(waits)} writes |",
    ]


def main() -> None:
    rows = measure_crafted()
    folder = Path(tempfile.mkdtemp())
    try:
        rows += measure_large(demo_copy(folder))
    finally:
        shutil.rmtree(folder)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "# The indicator import: hostile and large files",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} with `scripts/measure_import.py` on {sys.platform}, Python "
        f"{sys.version.split()[0]}, SQLite, {os.cpu_count()} cores at load average {os.getloadavg()[0]:.1f}. Peak "
        "memory: what Python allocated during the call (tracemalloc).",
        "",
        "| what | time | peak memory | outcome |",
        "|---|---:|---:|---|",
        *rows,
        "",
        f"Whole process peak resident memory: {rss:.0f} MB.",
        "",
        "Before issue 13 (as reported there): a 161 KB crafted .xlsx took 2.6 GB and 40 s, and a 50,000-row",
        "import held the write lock for 22 s while concurrent submitters failed.",
        "",
    ]
    (PROJECT / "benchmarks" / "IMPORT.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

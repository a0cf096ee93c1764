"""How long `make run` takes to load the demo region into an empty database, written to benchmarks/SEED.md.

    .venv/bin/python scripts/measure_seed.py [--runs 3] [--project DIR] [--no-write]

Each run migrates a fresh SQLite file (`manage.py init-db`, not timed) and then times
`python manage.py seed` as a separate process, start to exit, as `make run` does it: interpreter start,
imports, password hash, every table. `--project` measures another checkout (e.g. before a change) with
the same method; `--no-write` only prints.

Numbers are for comparison between versions on the same machine; tests never assert them.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def one_run(project: Path, folder: Path, number: int) -> tuple[float, str]:
    database = folder / f"seed-{number}.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    python = str(project / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "init-db"], cwd=project, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    done = subprocess.run([python, "manage.py", "seed"], cwd=project, env=env, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    return elapsed, done.stdout.decode().strip()


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in ("idea", "ideaevent", "fundapplication", "testbedrequest", "indicatorvalue")
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, default=PROJECT)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    project = args.project.resolve()
    with tempfile.TemporaryDirectory() as folder:
        times = []
        for number in range(args.runs):
            elapsed, said = one_run(project, Path(folder), number)
            times.append(elapsed)
            print(f"run {number + 1}: {elapsed:.2f} s  ({said.split('.')[0]})")
        counts = row_counts(Path(folder) / "seed-0.db")
    load = os.getloadavg()[0]
    summary = f"median {statistics.median(times):.2f} s, fastest {min(times):.2f} s, slowest {max(times):.2f} s"
    print(summary, f"(load average {load:.1f})", counts)
    if args.no_write:
        return
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        "# Loading the demo region",
        "",
        f"Measured {when} with `scripts/measure_seed.py` on {sys.platform}, Python "
        f"{sys.version.split()[0]}, SQLite, {os.cpu_count()} cores at load average {load:.1f}: "
        f"`python manage.py seed` on an empty, migrated database, as a whole process ({args.runs} runs).",
        "",
        "| rows loaded | |",
        "|---|---:|",
        *(f"| {table} | {n:,} |" for table, n in counts.items()),
        "",
        f"Time: **{summary}**.",
    ]
    target = PROJECT / "benchmarks" / "SEED.md"
    previous = target.read_text(encoding="utf-8") if target.exists() else ""
    history = re.split(r"\n## Earlier\n", previous, maxsplit=1)
    kept = "\n## Earlier\n" + history[1] if len(history) > 1 else ""
    target.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print(f"written to {target}")


if __name__ == "__main__":
    main()

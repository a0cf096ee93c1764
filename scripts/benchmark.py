"""Speed and memory at ten times the region's size, written to benchmarks/RESULTS.md.

    .venv/bin/python scripts/benchmark.py [--ideas 100000] [--values 1000000] [--keep]

Builds a scaled database in benchmarks/ (migrated with Alembic, filled with fast bulk inserts on top of
the demo region), then times the service calls that pages make, each a few times, and reports the
median and the peak memory the process needed. Timings are for comparison between versions on the same
machine, not limits: tests never assert them.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command
from alembic.config import Config
from sqlalchemy import text

import db
from models import ObstacleKind
from services import seed
from services.people.auth import load_actor

PROJECT = Path(__file__).resolve().parent.parent
OUT_DIR = PROJECT / "benchmarks"
STAGES = ["received", "screening", "development", "testing", "implementation", "spread", "parked", "closed"]
KINDS = ["employee", "patient", "relative", "traveller", "resident", "external"]
TODAY = seed.SEED_REFERENCE_DAY
OBSTACLE_CODED = 0.6  # the share of parked and closed ideas whose obstacle is coded
FURTHER_AREA = 0.08  # the share of ideas that touch a further core area
OBSTACLES = 150  # in the council's register, each with up to 25 of the coded ideas as its cases

# Each benchmark: a name and a function of (session, actors) -> anything. Feature modules add theirs.
BENCHMARKS: list[tuple[str, Callable[[Any, dict[str, Any]], Any]]] = []


def benchmark(name: str) -> Callable[[Callable[[Any, dict[str, Any]], Any]], Callable[[Any, dict[str, Any]], Any]]:
    def register(fn: Callable[[Any, dict[str, Any]], Any]) -> Callable[[Any, dict[str, Any]], Any]:
        BENCHMARKS.append((name, fn))
        return fn

    return register


# ---------------------------------------------------------------- the scaled database


def count_figures(path: Path) -> None:
    """The figures kept per day, counted from the records that went in as bulk SQL (past the ORM's hooks),
    as `manage.py rebuild-figures` does; then the planner's statistics, as `manage.py serve` makes them."""
    from services.indicators import day_counts

    engine = db.make_engine(f"sqlite:///{path}")
    with db.write_session(engine) as session:
        day_counts.rebuild(session)
        session.commit()
    db.refresh_statistics(engine)  # the planner's statistics of the rows added after the shared build's ANALYZE
    engine.dispose()


def build(path: Path, ideas: int, values: int) -> dict[str, int]:
    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    config = Config(str(PROJECT / "alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, "head")
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        seed.load_demo(session, today=TODAY)
    rng = random.Random(42)
    with engine.begin() as conn:
        areas = [r[0] for r in conn.execute(text("SELECT id FROM area"))]
        orgs = [(r[0], r[1]) for r in conn.execute(text("SELECT id, area_id FROM organisation"))]
        indicators = [r[0] for r in conn.execute(text("SELECT id FROM indicator WHERE source = 'reported'"))]
        # Ten times the organisations: more companies and units per area.
        now = datetime.now(UTC).replace(tzinfo=None)
        extra_orgs = [
            {"name": f"Benchmark-enhet {i}", "short": f"BE{i}", "area": areas[i % len(areas)], "now": now}
            for i in range(len(orgs) * 9)
        ]
        conn.execute(
            text(
                "INSERT INTO organisation (name, short_name, kind, area_id, created_at, updated_at) "
                "VALUES (:name, :short, 'bolag', :area, :now, :now)"
            ),
            extra_orgs,
        )
        orgs = [(r[0], r[1]) for r in conn.execute(text("SELECT id, area_id FROM organisation"))]
        # Ten thousand accounts: every page run reads its actor from this table.
        some_hash = conn.execute(text("SELECT password_hash FROM user LIMIT 1")).scalar()
        conn.execute(
            text(
                "INSERT INTO user (username, display_name, email, password_hash, role, organisation_id, language, "
                "is_active, session_version, created_at, updated_at) VALUES (:u, :n, :e, :h, 'employee', :o, 'sv', 1, "
                "0, :now, :now)"
            ),
            [
                {
                    "u": f"bench.user{i}",
                    "n": f"Bänk Användare {i}",
                    "e": f"bench{i}@example.se",
                    "h": some_hash,
                    "o": orgs[i % len(orgs)][0],
                    "now": now,
                }
                for i in range(10_000)
            ],
        )
        start = datetime(2017, 1, 1)
        span = (datetime(2026, 11, 27) - start).total_seconds()
        # What the region's ideas carry besides (drawn apart, so that the ideas themselves stay as they were):
        # the obstacle most parked and closed ideas are coded with (Hinder), and further areas.
        extra = random.Random(43)
        obstacles = [kind.value for kind in ObstacleKind]
        rows = []
        for i in range(ideas):
            org_id, area_id = rng.choice(orgs)
            received = start + timedelta(seconds=rng.random() * span)
            stage = rng.choices(STAGES, weights=[10, 10, 8, 6, 5, 3, 4, 8])[0]
            decided = received + timedelta(days=rng.randint(1, 60)) if stage != "received" else None
            rows.append(
                {
                    "ref": f"BEN-{i:07d}",
                    "title": f"Benchmarkidé {i} om vårdflöden och resor",
                    "need": "Behov " * 20,
                    "proposal": "Förslag " * 20,
                    "kind": rng.choice(KINDS),
                    "area": area_id,
                    "org": org_id,
                    "stage": stage,
                    "received": received,
                    "decided": decided,
                    "reason": "Avslutad i benchmark" if stage == "closed" else None,
                    "obstacle": extra.choice(obstacles)
                    if stage in ("parked", "closed") and extra.random() < OBSTACLE_CODED
                    else None,
                }
            )
        conn.execute(
            text(
                "INSERT INTO idea (ref, title, need, proposal, benefit_kind, submitter_kind, area_id, "
                "organisation_id, stage, stage_changed_at, first_decision_at, closed_reason, obstacle_kind, "
                "ip_status, received_at, created_at, updated_at, tracking_hash) VALUES (:ref, :title, :need, "
                ":proposal, 'social', :kind, :area, :org, :stage, :received, :decided, :reason, :obstacle, "
                "'not_assessed', :received, :received, :received, lower(hex(randomblob(32))))"
            ),
            rows,
        )
        # Cross-sector ideas: some touch a further core area besides their own.
        conn.execute(
            text("INSERT INTO ideaarea (idea_id, area_id) VALUES (:idea, :area)"),
            [
                {"idea": idea_id, "area": extra.choice([a for a in areas if a != own])}
                for idea_id, own in conn.execute(
                    text("SELECT id, area_id FROM idea WHERE ref LIKE 'BEN-%' ORDER BY id")
                )
                if extra.random() < FURTHER_AREA
            ],
        )
        # The council's register of obstacles, each with the coded ideas it affected as its cases.
        owners = [
            r[0] for r in conn.execute(text("SELECT id FROM user WHERE role IN ('admin', 'council') ORDER BY id"))
        ]
        coded = [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM idea WHERE ref LIKE 'BEN-%' AND obstacle_kind IS NOT NULL ORDER BY id")
            )
        ]
        conn.execute(
            text(
                "INSERT INTO obstacle (title, kind, description, owner_id, status, resolved_on, created_at, "
                "updated_at) VALUES (:title, :kind, 'Hinder i benchmark', :owner, :status, :resolved, :now, :now)"
            ),
            [
                {
                    "title": f"Benchmarkhinder {i}",
                    "kind": extra.choice(obstacles),
                    "owner": extra.choice(owners),
                    "status": "resolved" if i % 4 == 0 else "open",
                    "resolved": date(2025, 6, 1) if i % 4 == 0 else None,
                    "now": datetime(2024, 1, 1) + timedelta(days=i),  # noted before any was resolved
                }
                for i in range(OBSTACLES)
            ],
        )
        registered = [
            r[0] for r in conn.execute(text("SELECT id FROM obstacle WHERE title LIKE 'Benchmarkhinder %' ORDER BY id"))
        ]
        conn.execute(
            text(
                "INSERT INTO obstaclecase (obstacle_id, linked_kind, linked_id, created_at) "
                "VALUES (:obstacle, 'idea', :idea, :now)"
            ),
            [
                {"obstacle": obstacle, "idea": idea, "now": now}
                for obstacle in registered
                for idea in extra.sample(coded, min(len(coded), extra.randint(1, 25)))
            ],
        )
        conn.execute(
            text(
                "INSERT INTO ideaevent (idea_id, at, kind, to_stage, internal) "
                "SELECT id, received_at, 'created', 'received', 0 FROM idea WHERE ref LIKE 'BEN-%'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO ideaevent (idea_id, at, kind, from_stage, to_stage, internal) "
                "SELECT id, first_decision_at, 'stage_changed', 'received', stage, 0 FROM idea "
                "WHERE ref LIKE 'BEN-%' AND first_decision_at IS NOT NULL"
            )
        )
        # Reported indicator values: months back from 2026 for every (indicator, organisation) pair.
        value_rows = []
        pairs = [(ind, org) for ind in indicators for org, _ in orgs]
        month = 0
        while len(value_rows) < values:
            period = date(2026 - month // 12 - 5, month % 12 + 1, 1)
            for ind, org in pairs:
                value_rows.append({"ind": ind, "org": org, "period": period, "value": rng.random() * 100})
                if len(value_rows) >= values:
                    break
            month += 1
        conn.execute(
            text(
                "INSERT OR IGNORE INTO indicatorvalue (indicator_id, organisation_id, period_start, value, "
                "status, created_at, updated_at) VALUES (:ind, :org, :period, :value, 'approved', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            value_rows,
        )
        counts = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in (
                "organisation",
                "user",
                "idea",
                "ideaevent",
                "ideaarea",
                "obstaclecase",
                "indicatorvalue",
                "fundapplication",
                "testbedrequest",
            )
        }
    engine.dispose()
    count_figures(path)
    with sqlite3.connect(path) as raw:  # outside any transaction: statistics for the planner, WAL folded in
        raw.execute("ANALYZE")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts


# ---------------------------------------------------------------- what pages ask for


@benchmark("Översikt: region figures")
def _region(session: Any, actors: dict[str, Any]) -> Any:
    from services import overview

    return overview.region_figures(session=session, actor=actors["council"], today=TODAY)


@benchmark("Översikt: ideas by stage and area")
def _stages(session: Any, actors: dict[str, Any]) -> Any:
    from services import overview

    return overview.ideas_by_stage_and_area(session=session, actor=actors["council"])


@benchmark("Översikt: ideas per month (24 months)")
def _months(session: Any, actors: dict[str, Any]) -> Any:
    from services import overview

    return overview.ideas_per_month(session=session, actor=actors["council"], today=TODAY)


@benchmark("Översikt: fund per year")
def _fund(session: Any, actors: dict[str, Any]) -> Any:
    from services import overview

    return overview.fund_per_year(session=session, actor=actors["council"])


@benchmark("Every run: the actor from the database")
def _actor(session: Any, actors: dict[str, Any]) -> Any:
    from services.people.auth import session_actor

    return session_actor(session, user_id=actors["manager"].id, session_version=0)


@benchmark("Användare: first page, search")
def _users(session: Any, actors: dict[str, Any]) -> Any:
    from services.people import users

    return users.list_users(session=session, actor=actors["admin"], search="berg", page=1, page_size=25)


def _load_feature_benchmarks() -> None:
    """Feature modules register their benchmarks in `scripts/bench_*.py`.

    `make bench` runs this file as `__main__`; a feature module that imports `scripts.benchmark` must get
    this very module (not a second copy whose BENCHMARKS list nobody runs).
    """
    import importlib

    sys.modules.setdefault("scripts.benchmark", sys.modules[__name__])

    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        importlib.import_module(f"scripts.{path.stem}")


def run(path: Path, repeats: int) -> list[tuple[str, float, float, float]]:
    engine = db.make_engine(f"sqlite:///{path}")
    results = []
    with db.read_session(engine) as session:
        actors = {name: load_actor(session, name) for name in ("admin", "council", "manager", "employee")}
    for name, fn in BENCHMARKS:
        # Timed without tracemalloc, which slows every allocation (code that works in Python, e.g. medians
        # taken there, looked twice as slow as it is); the peak from one more run, traced.
        timings = []
        for _ in range(repeats):
            gc.collect()
            started = time.perf_counter()
            with db.read_session(engine) as session:
                fn(session, actors)
            timings.append(time.perf_counter() - started)
        gc.collect()
        tracemalloc.start()
        with db.read_session(engine) as session:
            fn(session, actors)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        results.append((name, statistics.median(timings) * 1000, max(timings) * 1000, peak))
    engine.dispose()
    return results


def _page_section() -> str:
    """The page benchmark's part of RESULTS.md (scripts/benchmark_pages.py), kept as it is: rewriting
    the service results used to drop it."""
    from benchmark_pages import START

    results = OUT_DIR / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    return "\n" + START + text.split(START, 1)[1] if START in text else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/scaled.db afterwards")
    parser.add_argument("--reuse", action="store_true", help="time the kept benchmarks/scaled.db, do not build")
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    _load_feature_benchmarks()
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / "scaled.db"
    started = time.perf_counter()
    reused = args.reuse and path.exists()
    if reused:
        with sqlite3.connect(path) as raw:
            tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            wanted = ["organisation", "user", "idea", "ideaevent", "ideaarea", "obstaclecase", "indicatorvalue"]
            wanted += ["fundapplication", "testbedrequest", "fundcall", "fundapplicationevent", "fundreview"]
            wanted += ["fundreport", "testbed"]
            counts = {t: raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in wanted if t in tables}
    else:
        counts = build(path, args.ideas, args.values)
    build_seconds = time.perf_counter() - started
    results = run(path, args.repeats)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} with `make bench` (`scripts/benchmark.py`) on "
        f"{sys.platform}, Python {sys.version.split()[0]}, SQLite file database. The scaled database "
        f"({'kept from an earlier build' if reused else f'built in {build_seconds:.0f} s'}) held:",
        "",
        "| table | rows |",
        "|---|---:|",
        *[f"| {table} | {n:,} |" for table, n in counts.items()],
        "",
        f"Each call ran {args.repeats} times in a fresh read session, timed without tracing memory; peak memory is "
        "what Python allocated during one more run of the call after those, traced (tracemalloc): the first run's "
        "one-off loads (fonts, caches) are in the slowest time, not in the peak.",
        "",
        "| call | median ms | slowest ms | peak MB |",
        "|---|---:|---:|---:|",
        *[f"| {name} | {median:.1f} | {slowest:.1f} | {peak:.1f} |" for name, median, slowest, peak in results],
        "",
        f"Whole process peak resident memory: {rss_mb:.0f} MB.",
        "",
    ]
    (OUT_DIR / "RESULTS.md").write_text("\n".join(lines) + _page_section(), encoding="utf-8")
    print("\n".join(lines))
    if not args.keep:
        path.unlink()
        for suffix in ("-wal", "-shm"):
            extra = Path(str(path) + suffix)
            if extra.exists():
                extra.unlink()
    shutil.rmtree(OUT_DIR / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()

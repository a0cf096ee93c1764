"""Benchmarks of the testbed pages' main queries, on 1,000 testbeds and 50,000 requests.

The scaled database of `scripts/benchmark.py` holds only the demo's 18 testbeds, so this module wraps its
`build` to add testbeds and requests after the shared rows (not timed).
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

import db
from services.shared.workdays import days_between_moments, first_response_workdays

# `make bench` runs benchmark.py as __main__; register there, so that its run() sees these benchmarks.
_host = sys.modules["__main__"] if hasattr(sys.modules["__main__"], "BENCHMARKS") else None
if _host is None:
    from scripts import benchmark as _host  # type: ignore[no-redef]

TESTBEDS = 1_000
REQUESTS = 50_000
TODAY = _host.TODAY
_shared_build = _host.build


def _add_testbeds(path: Path) -> dict[str, int]:
    rng = random.Random(7)
    engine = db.make_engine(f"sqlite:///{path}")
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        orgs = [(r[0], r[1]) for r in conn.execute(text("SELECT id, area_id FROM organisation"))]
        beds = []
        for i in range(TESTBEDS):
            org, area = rng.choice(orgs)
            low = rng.randint(1, 7)
            beds.append(
                {
                    "slug": f"bench-testbed-{i}",
                    "name": f"Benchmarkmiljö {i} för vård och trafik",
                    "area": area,
                    "org": org,
                    "env": rng.choice(["lab", "simulated", "real"]),
                    "access": rng.choice(["free", "conditional", "paid"]),
                    "low": low,
                    "high": rng.randint(low, 9),
                    "status": rng.choices(["open", "planned", "closed"], weights=[7, 2, 1])[0],
                    "lat": 59.0 + rng.random(),
                    "lon": 17.5 + rng.random(),
                    "now": now,
                }
            )
        conn.execute(
            text(
                "INSERT INTO testbed (slug, name, area_id, organisation_id, summary, offers, conditions, env_type, "
                "access, for_external, for_employees, trl_min, trl_max, status, lat, lon, created_at, updated_at) "
                "VALUES (:slug, :name, :area, :org, 'Sammanfattning av miljön', 'Tester i verklig miljö', '', :env, "
                ":access, 1, 1, :low, :high, :status, :lat, :lon, :now, :now)"
            ),
            beds,
        )
        ids = [r[0] for r in conn.execute(text("SELECT id FROM testbed"))]
        start = datetime(2020, 1, 1)
        span = (datetime(2026, 11, 27) - start).total_seconds()
        rows = []
        for i in range(REQUESTS):
            received = start + timedelta(seconds=rng.random() * span)
            answered = received + timedelta(hours=rng.randint(2, 24 * 30)) if rng.random() < 0.9 else None
            status = rng.choice(["in_dialogue", "accepted", "declined", "completed"]) if answered else "new"
            rows.append(
                {
                    "ref": f"TMB-{i:07d}",
                    "bed": rng.choice(ids),
                    "kind": rng.choice(["company", "researcher", "employee", "public_body", "other"]),
                    "status": status,
                    "received": received,
                    "answered": answered,
                    # what the model's hook stores
                    "workdays": first_response_workdays(received, answered),
                    "days": days_between_moments(received, answered),
                }
            )
        conn.execute(
            text(
                "INSERT INTO testbedrequest (ref, testbed_id, requester_name, requester_email, requester_kind, "
                "description, status, received_at, first_response_at, first_response_workdays, first_response_days, "
                "consent_at, created_at, updated_at, tracking_hash) "
                "VALUES (:ref, :bed, 'Bänk Person', 'bank@example.se', :kind, 'Vi vill testa', :status, :received, "
                ":answered, :workdays, :days, :received, :received, :received, "
                "lower(hex(randomblob(32))))"
            ),
            rows,
        )
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in ("testbed", "testbedrequest")}
    engine.dispose()
    return counts


def _build(path: Path, ideas: int, values: int) -> dict[str, int]:
    counts = _shared_build(path, ideas, values)
    counts.update(_add_testbeds(path))
    _host.count_figures(path)
    return counts


_host.build = _build


@_host.benchmark("Testmiljöer: catalogue first page (open and planned)")
def _catalogue(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import catalogue

    return catalogue.search_testbeds(session=session, filters=catalogue.CatalogueFilters())


@_host.benchmark("Testmiljöer: counts per filter, search 'vård' and TRL 5–7")
def _counts(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import catalogue

    return catalogue.filter_counts(
        session=session, filters=catalogue.CatalogueFilters(search="vård", trl_min=5, trl_max=7)
    )


@_host.benchmark("Testmiljöer: map points (all matching, capped)")
def _map(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import catalogue

    return catalogue.map_points(session=session, filters=catalogue.CatalogueFilters())


@_host.benchmark("Förfrågningar: admin inbox first page, new and in dialogue")
def _inbox(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import requests

    return requests.inbox(session=session, actor=actors["admin"], today=TODAY, statuses=("new", "in_dialogue"))


@_host.benchmark("Förfrågningar: late requests (count)")
def _late(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import requests

    return requests.inbox(session=session, actor=actors["admin"], today=TODAY, overdue_only=True, page_size=1)


@_host.benchmark("Testmiljöer i siffror: region, all years")
def _figures(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import requests

    return requests.request_figures(session)


@_host.benchmark("Testmiljöer i siffror: health, one year")
def _figures_area(session: Any, actors: dict[str, Any]) -> Any:
    from services.testbeds import requests

    return requests.request_figures(
        session, area_code="health", start=date(TODAY.year - 1, 1, 1), end=date(TODAY.year - 1, 12, 31)
    )

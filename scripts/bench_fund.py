"""The fund pages' main queries, registered with `scripts/benchmark.py` (`make bench`), on ten times the
region's fund: 1,500 applications a year over ten years, with their reviews, decisions, history and
reports.

The scaled database of `scripts/benchmark.py` holds only the demo's calls and 54 applications, so this
module wraps its `build` to add calls for the earlier years and applications to every year's calls after
the shared rows (not timed), as `scripts/bench_testbeds.py` adds testbeds.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

import db
from models import DEFAULT_CRITERIA, ObstacleKind

# `make bench` runs benchmark.py as __main__; register there, so that its run() sees these benchmarks.
_host = sys.modules["__main__"] if hasattr(sys.modules["__main__"], "BENCHMARKS") else None
if _host is None:
    from scripts import benchmark as _host  # type: ignore[no-redef]

TODAY = _host.TODAY
benchmark = _host.benchmark
FIRST_YEAR = 2017
APPLICATIONS_PER_YEAR = 1_500
REVIEWED_FROM = 2025  # reviewers are assigned and score the applications to this year's calls on
REVIEWERS = 30  # the council and others asked to review
_shared_build = _host.build

# What became of an application, by its call's state and age: (status, weight).
_OPEN = [("draft", 2), ("submitted", 5), ("in_review", 3), ("needs_info", 1)]
_DECIDED_RECENTLY = [("rejected", 5), ("approved", 1), ("in_progress", 3)]
_DECIDED_LATELY = [("rejected", 5), ("in_progress", 2), ("final_reported", 1), ("closed", 1)]
_DECIDED_LONG_AGO = [("rejected", 5), ("final_reported", 1), ("closed", 3)]
_FUNDED = {"approved", "in_progress", "final_reported", "closed"}


def _add_fund(path: Path) -> dict[str, int]:
    rng = random.Random(11)
    engine = db.make_engine(f"sqlite:///{path}")
    now = datetime.combine(TODAY, time(9))
    with engine.begin() as conn:
        orgs = [(r[0], r[1]) for r in conn.execute(text("SELECT id, area_id FROM organisation"))]
        applicants = [r[0] for r in conn.execute(text("SELECT id FROM user WHERE username LIKE 'bench.%'"))]
        admin = conn.execute(text("SELECT id FROM user WHERE username = 'admin'")).scalar()
        council = [r[0] for r in conn.execute(text("SELECT id FROM user WHERE role = 'council'"))]
        reviewers = council + applicants[-(REVIEWERS - len(council)) :]
        first_demo_year = conn.execute(text("SELECT min(year) FROM fundcall")).scalar()
        conn.execute(
            text(
                "INSERT INTO fundcall (name, year, budget_sek, opens_on, closes_on, review_due_on, status, "
                "description, criteria, created_at, updated_at) VALUES (:name, :year, 20000000, :opens, :closes, "
                ":due, 'decided', 'Utlysning i benchmark', :criteria, :now, :now)"
            ),
            [
                {
                    "name": f"Benchmarkfonden {year} – {half}",
                    "year": year,
                    "opens": date(year, month, 1),
                    "closes": date(year, month + 2, 15),
                    "due": date(year, month + 3, 15),
                    "criteria": json.dumps(list(DEFAULT_CRITERIA)),
                    "now": now,
                }
                for year in range(FIRST_YEAR, first_demo_year)
                for half, month in (("vår", 2), ("höst", 8))
            ],
        )
        calls: dict[int, list[tuple[int, str, date, date, date]]] = {}
        for call_id, year, status, opens, closes, due in conn.execute(
            text("SELECT id, year, status, opens_on, closes_on, review_due_on FROM fundcall WHERE status != 'planned'")
        ):
            calls.setdefault(year, []).append(
                (
                    call_id,
                    status,
                    date.fromisoformat(str(opens)),
                    date.fromisoformat(str(closes)),
                    date.fromisoformat(str(due)),
                )
            )
        applications = []
        for year in range(FIRST_YEAR, TODAY.year + 1):
            for _ in range(APPLICATIONS_PER_YEAR):
                call_id, call_status, opens, closes, due = rng.choice(calls[year])
                org, area = rng.choice(orgs)
                if call_status == "open":
                    choices = _OPEN
                elif year >= TODAY.year - 1:
                    choices = _DECIDED_RECENTLY
                elif year >= TODAY.year - 3:
                    choices = _DECIDED_LATELY
                else:
                    choices = _DECIDED_LONG_AGO
                status = rng.choices([s for s, _ in choices], weights=[w for _, w in choices])[0]
                submitted = (
                    None
                    if status == "draft"
                    else datetime.combine(opens, time(8))
                    + timedelta(minutes=rng.randint(0, (closes - opens).days * 1440))
                )
                decided = due + timedelta(days=rng.randint(1, 20)) if call_status != "open" else None
                starts = (decided or closes) + timedelta(days=30)
                requested = rng.randint(10, 200) * 10_000
                funded = status in _FUNDED
                applications.append(
                    {
                        "ref": f"FBM-{len(applications):06d}",
                        "call": call_id,
                        "applicant": rng.choice(applicants),
                        "org": org,
                        "area": area,
                        "title": f"Benchmarkprojekt {len(applications)} om vårdflöden och resor",
                        "requested": requested,
                        "co_funding": rng.randint(0, 50) * 10_000,
                        "starts": starts,
                        "ends": starts + timedelta(days=rng.randint(180, 730)),
                        "status": status,
                        "submitted": submitted,
                        "granted": requested - rng.randint(0, requested // 20_000) * 10_000 if funded else None,
                        "decided": decided,
                        "decided_by": admin if decided else None,
                        "note": "Beslut i benchmark" if decided else None,
                        "obstacle": rng.choice(list(ObstacleKind)).value
                        if status == "closed" and rng.random() < 0.1
                        else None,
                        "now": submitted or now,
                    }
                )
        conn.execute(
            text(
                "INSERT INTO fundapplication (ref, call_id, applicant_id, organisation_id, area_id, title, summary, "
                "expected_benefit, benefit_kind, requested_sek, co_funding_sek, starts_on, ends_on, status, "
                "submitted_at, granted_sek, decided_on, decided_by_id, decision_note, obstacle_kind, created_at, "
                "updated_at) VALUES (:ref, :call, :applicant, :org, :area, :title, "
                "'Sammanfattning av projektet', 'Kortare väntetider', 'social', :requested, :co_funding, :starts, "
                ":ends, :status, :submitted, :granted, :decided, :decided_by, :note, :obstacle, :now, :now)"
            ),
            applications,
        )
        rows = conn.execute(
            text(
                "SELECT a.id, a.status, a.submitted_at, a.decided_on, a.ends_on, c.year FROM fundapplication a "
                "JOIN fundcall c ON c.id = a.call_id WHERE a.ref LIKE 'FBM-%' ORDER BY a.id"
            )
        ).all()
        events, assignments, reviews, reports = [], [], [], []
        for app_id, status, submitted, decided, ends, year in rows:
            if submitted is None:
                continue
            submitted = datetime.fromisoformat(str(submitted))
            events.append({"app": app_id, "at": submitted, "actor": None, "from": "draft", "to": "submitted"})
            if decided is not None:
                decided_at = datetime.combine(date.fromisoformat(str(decided)), time(14))
                outcome = "rejected" if status == "rejected" else "approved"
                events.append({"app": app_id, "at": decided_at, "actor": admin, "from": "in_review", "to": outcome})
            if year >= REVIEWED_FROM and status not in ("submitted", "needs_info"):
                for reviewer in rng.sample(reviewers, 2):
                    assigned = submitted + timedelta(days=rng.randint(1, 10))
                    assignments.append({"app": app_id, "reviewer": reviewer, "by": admin, "at": assigned})
                    done = decided is not None or rng.random() < 0.5
                    reviews.append(
                        {
                            "app": app_id,
                            "reviewer": reviewer,
                            "declared": assigned,
                            "scores": json.dumps({c: rng.randint(1, 5) for c in DEFAULT_CRITERIA}) if done else "{}",
                            "recommendation": rng.choice(["yes", "maybe", "no"]) if done else None,
                            "submitted": assigned + timedelta(days=rng.randint(1, 14)) if done else None,
                            "now": assigned,
                        }
                    )
            if status in _FUNDED:
                due = date.fromisoformat(str(ends))
                reported = status in ("final_reported", "closed")
                reports.append({"app": app_id, "due": due, "submitted": due if reported else None, "now": now})
        conn.execute(
            text(
                "INSERT INTO fundapplicationevent (application_id, at, actor_id, from_status, to_status) "
                "VALUES (:app, :at, :actor, :from, :to)"
            ),
            events,
        )
        conn.execute(
            text(
                "INSERT INTO reviewassignment (application_id, reviewer_id, assigned_by_id, assigned_at) "
                "VALUES (:app, :reviewer, :by, :at)"
            ),
            assignments,
        )
        conn.execute(
            text(
                "INSERT INTO fundreview (application_id, reviewer_id, no_conflict_declared_at, scores, recommendation, "
                "submitted_at, created_at, updated_at) VALUES (:app, :reviewer, :declared, :scores, :recommendation, "
                ":submitted, :now, :now)"
            ),
            reviews,
        )
        conn.execute(
            text(
                "INSERT INTO fundreport (application_id, kind, due_on, submitted_on, created_at, updated_at) "
                "VALUES (:app, 'final', :due, :submitted, :now, :now)"
            ),
            reports,
        )
        counts = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("fundcall", "fundapplication", "fundreview", "fundreport")
        }
    engine.dispose()
    return counts


def _build(path: Path, ideas: int, values: int) -> dict[str, int]:
    counts = _shared_build(path, ideas, values)
    counts.update(_add_fund(path))
    _host.count_figures(path)
    return counts


_host.build = _build


@benchmark("Utlysningar: open calls with granted so far")
def _open_calls(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.open_calls(session=session, actor=actors["employee"], today=TODAY)


@benchmark("Mina ansökningar: own applications, first page")
def _mine(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.list_applications(session=session, actor=actors["employee"], mine_only=True, page_size=20)


@benchmark("Fondhantering: applications, search, first page")
def _admin_list(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.list_applications(session=session, actor=actors["admin"], search="vård", include_drafts=False)


@benchmark("Granskning: the reviewer's assignments")
def _assignments(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import review

    return review.my_assignments(session=session, actor=actors["council"])


@benchmark("Fondhantering: decision pack of the largest call")
def _pack(session: Any, actors: dict[str, Any]) -> Any:
    from sqlalchemy import func
    from sqlmodel import select

    from models import FundApplication
    from services.fund import review

    call_id = session.exec(
        select(FundApplication.call_id).group_by(FundApplication.call_id).order_by(func.count().desc())
    ).first()
    return review.decision_pack(session=session, actor=actors["admin"], call_id=call_id)


@benchmark("Fondhantering: follow-up, late first")
def _follow_up(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import decisions

    return decisions.follow_up(session=session, actor=actors["admin"], today=TODAY)


@benchmark("Fondhantering: budget per call and per area")
def _figures(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import figures

    return (
        figures.fund_figures(session=session, actor=actors["council"], by="call"),
        figures.fund_figures(session=session, actor=actors["council"], by="area"),
    )


@benchmark("Fondhantering: this year's calls with granted so far")
def _year_calls(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.list_calls(session=session, actor=actors["admin"], today=TODAY, year=TODAY.year, page_size=100)


@benchmark("Fondhantering: reviewer search among every active user")
def _reviewer_search(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.reviewer_choices(session=session, actor=actors["admin"], search="ann")

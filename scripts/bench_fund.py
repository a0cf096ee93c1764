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
from services.fund import decisions

# `make bench` runs benchmark.py as __main__; register there, so that its run() sees these benchmarks.
_host = sys.modules["__main__"] if hasattr(sys.modules["__main__"], "BENCHMARKS") else None
if _host is None:
    from scripts import benchmark as _host  # type: ignore[no-redef]

TODAY = _host.TODAY
benchmark = _host.benchmark
FIRST_YEAR = 2017
APPLICATIONS_PER_YEAR = 1_500
BUDGET_SEK = 100_000_000  # a call at ten times the region (the demo's calls are scaled by ten as well)
FUNDED_SHARE = 0.25  # of the decided applications, as far as the call's budget reaches
STOPPED_SHARE = 0.1  # of the projects that started: stopped early by an obstacle
REVIEWERS = 30  # the council and others asked to review; two review each submitted application
_shared_build = _host.build


Step = tuple[datetime, Any, str | None, str, str | None]  # an event: when, who, from, to, what was said


class _Rows:
    """The rows of one table to insert, with the ids they will get."""

    def __init__(self, first_id: int) -> None:
        self.rows: list[dict[str, Any]] = []
        self.next_id = first_id

    def add(self, row: dict[str, Any] | None = None, **values: Any) -> int:
        """Add `row` (kept as it is: later changes to it are inserted too) or a row of `values`."""
        row = values if row is None else row
        row["id"] = self.next_id
        self.rows.append(row)
        self.next_id += 1
        return row["id"]


def _moment(rng: random.Random, first: datetime, last: datetime) -> datetime:
    return first + (last - first) * rng.random() if last > first else first


def _add_fund(path: Path) -> dict[str, int]:
    """Calls back to FIRST_YEAR and APPLICATIONS_PER_YEAR applications a year, each with the life the
    services would have given it: created and submitted within its call's dates (never after TODAY),
    reviewed by two people other than the applicant, decided after the review, granted only as far as
    the call's budget reaches, and, once funded, started, reported on every six months and at the end
    (a few reports late), closed or stopped by an obstacle; each step in its history."""
    rng = random.Random(11)
    engine = db.make_engine(f"sqlite:///{path}")
    now = datetime.combine(TODAY, time(9))
    with engine.begin() as conn:

        def ids(sql: str) -> list[Any]:
            return [r[0] for r in conn.execute(text(sql))]

        # Each applies for their own organisation (in its area), as the services let them.
        place = {
            user_id: (org, area)
            for user_id, org, area in conn.execute(
                text(
                    "SELECT u.id, o.id, o.area_id FROM user u JOIN organisation o ON o.id = u.organisation_id "
                    "WHERE u.username LIKE 'bench.%' ORDER BY u.id"
                )
            )
        }
        applicants = list(place)
        admin = conn.execute(text("SELECT id FROM user WHERE username = 'admin'")).scalar()
        council = ids("SELECT id FROM user WHERE role = 'council' ORDER BY id")
        reviewers = council + applicants[-(REVIEWERS - len(council)) :]
        conn.execute(text("UPDATE fundcall SET budget_sek = budget_sek * 10"))
        first_demo_year = conn.execute(text("SELECT min(year) FROM fundcall")).scalar()
        conn.execute(
            text(
                "INSERT INTO fundcall (name, year, budget_sek, opens_on, closes_on, review_due_on, status, "
                "description, criteria, created_at, updated_at) VALUES (:name, :year, :budget, :opens, :closes, "
                ":due, 'decided', 'Utlysning i benchmark', :criteria, :now, :now)"
            ),
            [
                {
                    "name": f"Benchmarkfonden {year} – {half}",
                    "year": year,
                    "budget": BUDGET_SEK,
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
        left: dict[int, int] = {}  # what each call has left to grant
        for call_id, year, status, opens, closes, due, budget, granted in conn.execute(
            text(
                "SELECT c.id, c.year, c.status, c.opens_on, c.closes_on, c.review_due_on, c.budget_sek, "
                "(SELECT coalesce(sum(a.granted_sek), 0) FROM fundapplication a WHERE a.call_id = c.id "
                "AND a.status IN ('approved', 'in_progress', 'final_reported', 'closed')) "
                "FROM fundcall c WHERE c.status != 'planned' ORDER BY c.id"
            )
        ):
            day = [date.fromisoformat(str(d)) for d in (opens, closes, due)]
            calls.setdefault(year, []).append((call_id, status, *day))
            left[call_id] = budget - granted

        def next_id(table: str) -> int:
            return (conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar() or 0) + 1

        applications = _Rows(next_id("fundapplication"))
        events, assignments, reviews, reports = (
            _Rows(next_id(t)) for t in ("fundapplicationevent", "reviewassignment", "fundreview", "fundreport")
        )
        for year in range(FIRST_YEAR, TODAY.year + 1):
            for _ in range(APPLICATIONS_PER_YEAR):
                call_id, call_status, opens, closes, due = rng.choice(calls[year])
                applicant = rng.choice(applicants)
                org, area = place[applicant]
                last = min(datetime.combine(closes, time(16)), now)
                created = _moment(rng, datetime.combine(opens, time(8)), last)
                requested = rng.randint(10, 200) * 10_000
                history: list[Step] = [(created, applicant, None, "draft", None)]
                row: dict[str, Any] = {
                    "ref": f"FBM-{len(applications.rows):06d}",
                    "call": call_id,
                    "applicant": applicant,
                    "org": org,
                    "area": area,
                    "title": f"Benchmarkprojekt {len(applications.rows)} om vårdflöden och resor",
                    "requested": requested,
                    "co_funding": rng.randint(0, 50) * 10_000,
                    "status": "draft",
                    "submitted": None,
                    "granted": None,
                    "decided": None,
                    "decided_by": None,
                    "note": None,
                    "obstacle": None,
                    "created": created,
                }
                starts = closes + timedelta(days=60)
                row["starts"], row["ends"] = starts, starts + timedelta(days=rng.randint(180, 730))
                app_id = applications.add(row)
                if call_status == "open" and rng.random() < 0.15:  # still a draft
                    row["updated"] = created
                    _history(events, app_id, history)
                    continue
                submitted = _moment(rng, created, last)
                row["status"], row["submitted"] = "submitted", submitted
                history.append((submitted, applicant, "draft", "submitted", None))
                decided_on = due + timedelta(days=rng.randint(1, 20)) if call_status != "open" else None
                review_end = datetime.combine(decided_on, time(8)) if decided_on else now
                if call_status == "open" and rng.random() < 0.3:  # not yet sent to review
                    row["updated"] = submitted
                    _history(events, app_id, history)
                    continue
                assigned = _moment(rng, submitted, min(submitted + timedelta(days=10), review_end))
                history.append((assigned, admin, "submitted", "in_review", None))
                row["status"] = "in_review"
                for reviewer in rng.sample([r for r in reviewers if r != applicant], 2):
                    assignments.add(app=app_id, reviewer=reviewer, by=admin, at=assigned)
                    done = decided_on is not None or rng.random() < 0.5
                    handed_in = _moment(rng, assigned, review_end) if done else None
                    reviews.add(
                        app=app_id,
                        reviewer=reviewer,
                        declared=assigned,
                        scores=json.dumps({c: rng.randint(1, 5) for c in DEFAULT_CRITERIA}) if done else "{}",
                        recommendation=rng.choice(["yes", "maybe", "no"]) if done else None,
                        submitted=handed_in,
                        now=assigned,
                        updated=handed_in or assigned,
                    )
                if decided_on is None:
                    if rng.random() < 0.1:
                        asked = "Komplettera budgeten, tack."
                        history.append((_moment(rng, assigned, now), admin, "in_review", "needs_info", asked))
                        row["status"] = "needs_info"
                    row["updated"] = history[-1][0]
                    _history(events, app_id, history)
                    continue
                decided = datetime.combine(decided_on, time(14))
                granted = requested - rng.randint(0, requested // 20_000) * 10_000
                funded = rng.random() < FUNDED_SHARE and granted <= left[call_id]
                row.update(decided=decided_on, decided_by=admin, note="Beslut i benchmark")
                if not funded:
                    row["status"] = "rejected"
                    history.append((decided, admin, "in_review", "rejected", "Beslut i benchmark"))
                    row["updated"] = decided
                    _history(events, app_id, history)
                    continue
                left[call_id] -= granted
                row.update(status="approved", granted=granted)
                history.append((decided, admin, "in_review", "approved", "Beslut i benchmark"))
                _project(rng, row, app_id, history, reports, admin, decided, now)
                row["updated"] = max(step[0] for step in history)
                _history(events, app_id, history)
        _insert(
            conn,
            "fundapplication",
            "id, ref, call_id, applicant_id, organisation_id, area_id, title, summary, expected_benefit, "
            "benefit_kind, requested_sek, co_funding_sek, starts_on, ends_on, status, submitted_at, granted_sek, "
            "decided_on, decided_by_id, decision_note, obstacle_kind, created_at, updated_at",
            ":id, :ref, :call, :applicant, :org, :area, :title, 'Sammanfattning av projektet', "
            "'Kortare väntetider', 'social', :requested, :co_funding, :starts, :ends, :status, :submitted, :granted, "
            ":decided, :decided_by, :note, :obstacle, :created, :updated",
            applications,
        )
        _insert(
            conn,
            "fundapplicationevent",
            "id, application_id, at, actor_id, from_status, to_status, text",
            ":id, :app, :at, :actor, :from, :to, :text",
            events,
        )
        _insert(
            conn,
            "reviewassignment",
            "id, application_id, reviewer_id, assigned_by_id, assigned_at",
            ":id, :app, :reviewer, :by, :at",
            assignments,
        )
        _insert(
            conn,
            "fundreview",
            "id, application_id, reviewer_id, no_conflict_declared_at, scores, recommendation, submitted_at, "
            "created_at, updated_at",
            ":id, :app, :reviewer, :declared, :scores, :recommendation, :submitted, :now, :updated",
            reviews,
        )
        _insert(
            conn,
            "fundreport",
            "id, application_id, kind, due_on, submitted_on, submitted_by_id, text, spent_sek, created_at, updated_at",
            ":id, :app, :kind, :due, :submitted, :by, :text, :spent, :created, :updated",
            reports,
        )
        counts = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("fundcall", "fundapplication", "fundapplicationevent", "fundreview", "fundreport")
        }
    engine.dispose()
    return counts


def _project(
    rng: random.Random,
    row: dict[str, Any],
    app_id: int,
    history: list[Step],
    reports: _Rows,
    admin: int,
    decided: datetime,
    now: datetime,
) -> None:
    """A funded project's life up to TODAY, as the services make it: every report of its schedule written
    at the approval; the applicant hands them in (a few late), the first progress report moving it to
    in progress and the final one to final-reported, after which an admin closes it; or an admin stops
    it early with its obstacle, after which the reports not yet in are no longer asked for. No report is
    handed in once the project no longer takes them."""
    applicant, starts, ends = row["applicant"], row["starts"], row["ends"]
    schedule = decisions.report_schedule(starts, ends)
    stop = starts + (ends - starts) * rng.random() if rng.random() < STOPPED_SHARE else None
    stopped = datetime.combine(stop, time(12)) if stop is not None else None
    if stopped is not None and stopped > now:
        stop = stopped = None
    final_due = schedule[-1][1]
    final_late = rng.random() < 0.1  # the final report, like the others: a few late
    final_in = final_due + timedelta(days=rng.randint(1, 40) if final_late else -rng.randint(0, 10))
    taken_until = min(t for t in (stopped, datetime.combine(final_in, time(12)), now) if t is not None)
    spent_each = row["granted"] // len(schedule) // 10_000
    status = "approved"
    for kind, due in schedule:
        late = rng.random() < 0.1
        handed_in = (
            final_in
            if kind.value == "final"
            else due + timedelta(days=rng.randint(1, 40) if late else -rng.randint(0, 10))
        )
        at = datetime.combine(handed_in, time(12 if kind.value == "final" else 10))
        submitted = handed_in if at <= taken_until else None
        reports.add(
            app=app_id,
            kind=kind.value,
            due=due,
            submitted=submitted,
            by=applicant if submitted else None,
            text="Rapport i benchmark" if submitted else None,
            spent=rng.randint(0, spent_each) * 10_000 if submitted else None,
            created=decided,
            updated=at if submitted else decided,
        )
        if submitted is None:
            continue
        if kind.value == "progress" and status == "approved":
            history.append((at, applicant, "approved", "in_progress", None))
            status = "in_progress"
        elif kind.value == "final":
            history.append((at, applicant, status, "final_reported", None))
            status = "final_reported"
            closed = at + timedelta(days=rng.randint(10, 60))
            if closed <= now:
                history.append((closed, admin, "final_reported", "closed", None))
                status = "closed"
    if stopped is not None and status in ("approved", "in_progress"):
        history.append((stopped, admin, status, "closed", "Stoppat i benchmark"))
        row["obstacle"] = rng.choice(list(ObstacleKind)).value
        status = "closed"
    row["status"] = status


def _history(events: _Rows, app_id: int, history: list[Step]) -> None:
    for at, actor_id, before, after, said in sorted(history, key=lambda step: step[0]):
        events.add(app=app_id, at=at, actor=actor_id, text=said, **{"from": before, "to": after})


def _insert(conn: Any, table: str, columns: str, values: str, rows: _Rows) -> None:
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), rows.rows)


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

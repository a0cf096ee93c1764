"""Pre-aggregated figures: the counts the dashboards add up, kept per Stockholm day, organisation and
area, current in the transaction of every write that changes them (issue 12).

What is kept (`MEASURES`), each a sum over the records of a day:
- ideas, by the day they were received: received, from the public (patients, relatives, travellers,
  residents), and how many reached each stage of the path so far (the funnel; reaching implementation
  is the conversion's numerator);
- fund applications, by the day they were submitted: how many and the SEK applied for; by the day they
  were decided: the SEK granted, and for the decided ones the SEK applied for and granted (the share);
- testbed requests, by the day they were received, on the testbed's organisation and area.

Ideas that were merged into another are duplicates and never counted. An idea counts on its own area
(`further` false) and on each further area it touches (`further` true): an area's figure sums both,
the region's and an organisation's only the first, so each idea counts once there. A period's figure is
the sum of its days' rows: the same number the records give (see `differences`), read from one index.

How it stays current: after every flush, `after_flush` (called by the hook in models.py) finds the days
that the flushed records were and are counted on, deletes those days' rows and counts the days again
from the records, in the same transaction, one transaction at a time (`_serialise`). A write that rolls
back leaves the counts as they were; a second app process reads the new counts as soon as the write
commits. A change that moves many days at once (a testbed moving to another organisation) counts its
whole family again. Bulk SQL that bypasses the ORM (the demo load's timelines, the benchmark's scaled
database) calls `rebuild` afterwards, as `manage.py rebuild-figures` does.

Medians (days to a first decision or answer) and "reached implementation in the period" (an idea
counted once however often it moves within the period) do not add up over days, and stay counted from
the records (`services.indicators.computed`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select
from sqlalchemy import inspect as inspect_state
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from models import (
    PUBLIC_SUBMITTER_KINDS,
    STAGE_PATH,
    ApplicationStatus,
    DataVersion,
    DayCount,
    FundApplication,
    Idea,
    IdeaArea,
    IdeaEvent,
    IdeaEventKind,
    Testbed,
    TestbedRequest,
)
from services.fund.applications import FUNDED
from services.shared import versions
from services.shared.workdays import local_day, start_of_day

# Decided applications: the fund's own funded statuses and the rejected ones.
DECIDED: tuple[str, ...] = (*(status.value for status in FUNDED), ApplicationStatus.rejected.value)

# A flush that touches more days than this counts its family again from scratch (one pass over the
# family's records), rather than one time window per day.
MANY_DAYS = 60

Key = tuple[str, date, int | None, int | None, bool]  # measure, day, organisation, area, further
Counts = Counter[Key]


# ---------------------------------------------------------------- counting from the records


def _windows(column: Any, days: Iterable[date] | None) -> list[Any]:
    """The Stockholm days as UTC windows of a `*_at` column (none: every record)."""
    if days is None:
        return []
    return [or_(*(and_(column >= start_of_day(d), column < start_of_day(d + timedelta(days=1))) for d in days))]


def _rank(stage: Any) -> Any:
    """An idea stage's place on the path (received 0 … spread 5); off the path (parked, closed) 0."""
    return case(*((stage == s.value, n) for n, s in enumerate(STAGE_PATH)), else_=0)


# Of the ideas received on a day, those that reached each stage of the path so far (the funnel).
REACHED: dict[str, str] = {s.value: f"ideas_reached_{s.value}" for s in STAGE_PATH[1:]}


def _count_ideas(connection: Connection, days: Iterable[date] | None) -> Counts:
    """An idea reached a stage when it stands there or further, or its timeline shows it was moved there
    or further (an idea parked after testing reached testing)."""
    moved = (
        select(func.max(_rank(IdeaEvent.to_stage)))
        .where(IdeaEvent.idea_id == Idea.id, IdeaEvent.kind == IdeaEventKind.stage_changed)
        .scalar_subquery()
    )
    public = col(Idea.submitter_kind).in_([k.value for k in PUBLIC_SUBMITTER_KINDS])
    stmt = (
        select(
            Idea.id,
            Idea.received_at,
            Idea.organisation_id,
            Idea.area_id,
            case((public, 1), else_=0),
            _rank(Idea.stage),
            moved,
            IdeaArea.area_id,
        )
        .select_from(Idea)
        .join(IdeaArea, (IdeaArea.idea_id == Idea.id) & (IdeaArea.area_id != Idea.area_id), isouter=True)
        .where(col(Idea.merged_into_id).is_(None), *_windows(Idea.received_at, days))
    )
    counts: Counts = Counter()
    seen: set[int] = set()
    reached_names = list(REACHED.values())
    for idea_id, received_at, org, own_area, is_public, here, before, further_area in connection.execute(stmt):
        day = local_day(received_at)
        reached = max(here, before or 0)
        sides = [(further_area, True)] if further_area is not None else []
        if idea_id not in seen:
            seen.add(idea_id)
            sides.append((own_area, False))
        for area, further in sides:
            counts["ideas_received", day, org, area, further] += 1
            counts["ideas_public", day, org, area, further] += is_public
            for name in reached_names[:reached]:
                counts[name, day, org, area, further] += 1
    return counts


def _count_fund(connection: Connection, days: Iterable[date] | None) -> Counts:
    fa = FundApplication
    counts: Counts = Counter()
    submitted = select(fa.submitted_at, fa.requested_sek, fa.organisation_id, fa.area_id).where(
        col(fa.submitted_at).is_not(None), *_windows(fa.submitted_at, days)
    )
    for submitted_at, requested, org, area in connection.execute(submitted):
        day = local_day(submitted_at)
        counts["fund_applications", day, org, area, False] += 1
        counts["fund_sek_applied", day, org, area, False] += requested or 0
    decided_days = [] if days is None else [col(fa.decided_on).in_(list(days))]
    decided = select(fa.decided_on, fa.status, fa.requested_sek, fa.granted_sek, fa.organisation_id, fa.area_id).where(
        col(fa.decided_on).is_not(None), *decided_days
    )
    for day, status, requested, granted, org, area in connection.execute(decided):
        if granted is not None:
            counts["fund_sek_granted", day, org, area, False] += granted
        if status in DECIDED:
            counts["fund_decided_requested", day, org, area, False] += requested or 0
            counts["fund_decided_granted", day, org, area, False] += granted or 0
    return counts


def _count_requests(connection: Connection, days: Iterable[date] | None) -> Counts:
    stmt = (
        select(TestbedRequest.received_at, Testbed.organisation_id, Testbed.area_id)
        .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
        .where(*_windows(TestbedRequest.received_at, days))
    )
    counts: Counts = Counter()
    for received_at, org, area in connection.execute(stmt):
        counts["testbed_requests", local_day(received_at), org, area, False] += 1
    return counts


@dataclass(frozen=True)
class Family:
    """Measures counted from the same records, and so counted again together."""

    name: str
    measures: tuple[str, ...]
    count: Callable[[Connection, Iterable[date] | None], Counts]


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family("ideas", ("ideas_received", "ideas_public", *REACHED.values()), _count_ideas),
        Family(
            "fund",
            (
                "fund_applications",
                "fund_sek_applied",
                "fund_sek_granted",
                "fund_decided_requested",
                "fund_decided_granted",
            ),
            _count_fund,
        ),
        Family("requests", ("testbed_requests",), _count_requests),
    )
}
MEASURES: tuple[str, ...] = tuple(m for f in FAMILIES.values() for m in f.measures)


def recount(connection: Connection, family: str, days: set[date] | None) -> None:
    """Count the family's days again from the records (None: every day), replacing their rows."""
    fam = FAMILIES[family]
    if days is not None and len(days) > MANY_DAYS:
        days = None
    if days is not None and not days:
        return
    gone = delete(DayCount).where(col(DayCount.measure).in_(fam.measures))
    if days is not None:
        gone = gone.where(col(DayCount.day).in_(sorted(days)))
    connection.execute(gone)
    rows = [
        {"measure": m, "day": d, "organisation_id": org, "area_id": area, "further": further, "value": v}
        for (m, d, org, area, further), v in sorted(fam.count(connection, days).items(), key=_order)
        if v
    ]
    if rows:
        connection.execute(insert(DayCount), rows)


def _order(item: tuple[Key, int]) -> tuple:
    (m, d, org, area, further), _ = item
    return (m, d, org or 0, area or 0, further)


def rebuild(session: Session) -> int:
    """Count every figure again from the records (`manage.py rebuild-figures`); returns the rows kept.
    In the session's transaction: the caller commits."""
    connection = session.connection()
    _serialise(connection)  # after the writes under way, as every recount
    connection.execute(delete(DayCount))  # measures no longer kept go too
    for family in FAMILIES:
        recount(connection, family, None)
    return int(connection.execute(select(func.count()).select_from(DayCount)).scalar_one())


def differences(session: Session) -> list[tuple[Key, int, int]]:
    """Where the kept counts differ from a full recount: (key, kept, recounted), none when they agree."""
    connection = session.connection()
    kept: Counts = Counter()
    stmt = select(
        DayCount.measure, DayCount.day, DayCount.organisation_id, DayCount.area_id, DayCount.further, DayCount.value
    )
    for measure, day, org, area, further, value in connection.execute(stmt):
        kept[measure, day, org, area, bool(further)] += value
    counted: Counts = Counter()
    for fam in FAMILIES.values():
        counted.update(fam.count(connection, None))
    keys = {k for k, v in kept.items() if v} | {k for k, v in counted.items() if v}
    return sorted(((k, kept[k], counted[k]) for k in keys if kept[k] != counted[k]), key=lambda t: _order((t[0], 0)))


# ---------------------------------------------------------------- keeping them current


_IDEA_FIELDS = ("received_at", "organisation_id", "area_id", "merged_into_id", "submitter_kind", "stage")
_FUND_FIELDS = ("submitted_at", "decided_on", "status", "requested_sek", "granted_sek", "organisation_id", "area_id")
_REQUEST_FIELDS = ("received_at", "testbed_id")
_TESTBED_FIELDS = ("organisation_id", "area_id")


@dataclass
class _Touched:
    """What a flush changed: per family the days to count again (None: all of them), and the records
    whose present days are still to be read."""

    days: dict[str, set[date] | None]
    ideas: set[int]
    applications: set[int]
    requests: set[int]
    testbeds: set[int]

    def add(self, family: str, values: Iterable[Any]) -> None:
        days = self.days.setdefault(family, set())
        if days is None:
            return
        for value in values:
            if value is not None:
                days.add(local_day(value) if isinstance(value, datetime) else value)

    def everything(self, family: str) -> None:
        self.days[family] = None


def _changed(obj: Any, fields: tuple[str, ...]) -> bool:
    attrs = inspect_state(obj).attrs
    return any(attrs[f].history.has_changes() for f in fields)


def _before(obj: Any, field: str) -> list[Any]:
    """The values the field held before this flush (as loaded), and holds now if loaded."""
    history = inspect_state(obj).attrs[field].history
    return [*history.deleted, *history.unchanged, *history.added]


_FAMILY_OF: dict[type, str] = {Idea: "ideas", FundApplication: "fund", TestbedRequest: "requests", Testbed: "requests"}


def _touched(session: OrmSession) -> _Touched:
    touched = _Touched({}, set(), set(), set(), set())
    dirty = session.dirty
    for obj in session.deleted:
        if type(obj) in _FAMILY_OF:  # its days are known only if it was loaded: count its family afresh
            touched.everything(_FAMILY_OF[type(obj)])
        elif isinstance(obj, (IdeaEvent, IdeaArea)):
            touched.ideas.update(i for i in _before(obj, "idea_id") if i is not None)
    for obj in (*session.new, *dirty):
        is_dirty = obj in dirty
        if isinstance(obj, Idea):
            if is_dirty and not _changed(obj, _IDEA_FIELDS):
                continue
            touched.add("ideas", _before(obj, "received_at"))
            touched.ideas.add(obj.id)
        elif isinstance(obj, (IdeaEvent, IdeaArea)):
            touched.ideas.update(i for i in _before(obj, "idea_id") if i is not None)
        elif isinstance(obj, FundApplication):
            if is_dirty and not _changed(obj, _FUND_FIELDS):
                continue
            touched.add("fund", [*_before(obj, "submitted_at"), *_before(obj, "decided_on")])
            touched.applications.add(obj.id)
        elif isinstance(obj, TestbedRequest):
            if is_dirty and not _changed(obj, _REQUEST_FIELDS):
                continue
            touched.add("requests", _before(obj, "received_at"))
            touched.requests.add(obj.id)
        elif isinstance(obj, Testbed) and is_dirty and _changed(obj, _TESTBED_FIELDS):
            touched.testbeds.add(obj.id)
    return touched


def _present_days(connection: Connection, touched: _Touched) -> None:
    """Add the days the touched records are counted on now (read after the flush)."""
    if touched.ideas:
        ids = sorted(touched.ideas)
        touched.add("ideas", connection.execute(select(Idea.received_at).where(col(Idea.id).in_(ids))).scalars())
    if touched.applications:
        ids = sorted(touched.applications)
        for submitted_at, decided_on in connection.execute(
            select(FundApplication.submitted_at, FundApplication.decided_on).where(col(FundApplication.id).in_(ids))
        ):
            touched.add("fund", [submitted_at, decided_on])
    if touched.requests:
        ids = sorted(touched.requests)
        stmt = select(TestbedRequest.received_at).where(col(TestbedRequest.id).in_(ids))
        touched.add("requests", connection.execute(stmt).scalars())
    if touched.testbeds:
        stmt = select(TestbedRequest.received_at).where(col(TestbedRequest.testbed_id).in_(sorted(touched.testbeds)))
        touched.add("requests", connection.execute(stmt).scalars())


def _serialise(connection: Connection) -> None:
    """One recount at a time across transactions, each seeing the others' committed counts.

    PostgreSQL (read committed): two transactions counting the same day at once would each delete the
    day's rows as they saw them and insert their own count, so the day would be counted twice. Before
    counting, a transaction locks the data version's row (`services.shared.versions`), which every write
    updates anyway: the second waits for the first to commit and then reads its rows. SQLite lets one
    writer in at a time (write sessions begin immediately), so there is nothing to do."""
    if connection.dialect.name != "sqlite":
        connection.execute(select(DataVersion.id).where(DataVersion.id == versions.ROW).with_for_update())


def after_flush(session: OrmSession) -> None:
    """Count again the days the flush changed (see the module's docstring)."""
    touched = _touched(session)
    if not (touched.days or touched.ideas or touched.applications or touched.requests or touched.testbeds):
        return
    connection = session.connection()
    _serialise(connection)
    _present_days(connection, touched)
    for family, days in touched.days.items():
        recount(connection, family, days)


# ---------------------------------------------------------------- reading them


def sums(
    session: Session,
    measures: tuple[str, ...],
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
    group: str | None = None,
) -> dict[int | None, Counter[str]]:
    """The measures summed over start..end (both included) for the region, an area or an organisation,
    or grouped per "organisation" or "area": `{key: {measure: sum}}`, key None for the whole scope.
    One statement, read from the index alone."""
    d = DayCount
    where = [col(d.measure).in_(measures), d.day >= start, d.day <= end]
    if area_id is not None:
        where.append(d.area_id == area_id)  # an area's own ideas and those that reach it
    elif group != "area":
        where.append(col(d.further).is_(False))  # each idea once
    if organisation_id is not None:
        where.append(d.organisation_id == organisation_id)
    key = {"organisation": d.organisation_id, "area": d.area_id}.get(group or "")
    found: dict[int | None, Counter[str]] = {}
    if key is None:
        stmt = select(d.measure, func.sum(d.value)).where(*where).group_by(d.measure)
        for measure, total in session.exec(stmt):  # type: ignore[call-overload]
            found.setdefault(None, Counter())[measure] = int(total)
        return found
    stmt = select(key, d.measure, func.sum(d.value)).where(*where, col(key).is_not(None)).group_by(key, d.measure)
    for k, measure, total in session.exec(stmt):  # type: ignore[call-overload]
        found.setdefault(k, Counter())[measure] = int(total)
    return found


def funnel(
    session: Session, *, start: date, end: date, area_id: int | None = None, organisation_id: int | None = None
) -> list[tuple[str, int]]:
    """Of the ideas received start..end, how many reached each stage of the path so far (see `REACHED`),
    for the region, an area (its cross-sector ideas included) or an organisation: one statement."""
    measures = ("ideas_received", *REACHED.values())
    found = sums(session, measures, start=start, end=end, area_id=area_id, organisation_id=organisation_id)
    counts = found.get(None, Counter())
    return [(STAGE_PATH[0].value, counts["ideas_received"])] + [
        (stage, counts[measure]) for stage, measure in REACHED.items()
    ]


def sums_in_periods(
    session: Session,
    measures: tuple[str, ...],
    periods: list[tuple[date, date]],
    *,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[Counter[str]]:
    """The measures summed over each period (both ends included), for the region, an area or an
    organisation: one statement for them all (a dashboard's period and the one before it, or an
    indicator's 36 months), one `{measure: sum}` per period in their order. Periods may not overlap.

    Two periods are told apart in SQL, each row tried against them. More are summed per day and the
    days put in their period here: each row tried against 36 months took 13 ms at ten times the region
    for an area's three years, the days and a binary search 3.5 ms."""
    d = DayCount
    where = [
        col(d.measure).in_(measures),
        d.day >= min(s for s, _ in periods),
        d.day <= max(e for _, e in periods),
        d.area_id == area_id if area_id is not None else col(d.further).is_(False),
    ]
    if organisation_id is not None:
        where.append(d.organisation_id == organisation_id)
    found: list[Counter[str]] = [Counter() for _ in periods]
    if len(periods) <= 2:
        which = case(*((and_(d.day >= s, d.day <= e), n) for n, (s, e) in enumerate(periods)), else_=None)
        stmt = select(which, d.measure, func.sum(d.value)).where(*where).group_by(which, d.measure)
        for n, measure, total in session.exec(stmt):  # type: ignore[call-overload]
            if n is not None:
                found[n][measure] = int(total)
        return found
    order = sorted(range(len(periods)), key=lambda n: periods[n][0])
    starts = [periods[n][0] for n in order]
    stmt = select(d.day, d.measure, func.sum(d.value)).where(*where).group_by(d.day, d.measure)
    for day, measure, total in session.exec(stmt):  # type: ignore[call-overload]
        n = order[bisect.bisect_right(starts, day) - 1]  # the last period starting on or before the day
        if periods[n][0] <= day <= periods[n][1]:  # not in a gap between periods
            found[n][measure] += int(total)
    return found


def sums_by_place(
    session: Session, measures: tuple[str, ...], *, start: date, end: date
) -> dict[tuple[int | None, int | None, bool], Counter[str]]:
    """The measures summed over start..end per organisation, area and side (`further`), in one
    statement: the region, every area and every organisation follow from these few thousand rows (the
    innovationsbokslut's every level)."""
    d = DayCount
    stmt = (
        select(d.organisation_id, d.area_id, d.further, d.measure, func.sum(d.value))
        .where(col(d.measure).in_(measures), d.day >= start, d.day <= end)
        .group_by(d.organisation_id, d.area_id, d.further, d.measure)
    )
    found: dict[tuple[int | None, int | None, bool], Counter[str]] = {}
    for org, area, further, measure, total in session.exec(stmt):  # type: ignore[call-overload]
        found.setdefault((org, area, bool(further)), Counter())[measure] += int(total)
    return found

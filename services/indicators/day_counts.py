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
the sum of its days' rows: the same number the records give (see `differences`), read from the indexes.
The day rows are summed per calendar month too (`MonthCount`): a period reads its whole months there and
only its part-months day by day (a year: 12 rows per place and measure instead of up to 365).

How it stays current: after every flush, `after_flush` (called by the hook in models.py) finds the days
that the flushed records were and are counted on, deletes those days' rows and counts the days again
from the records, then sums their months again, in the same transaction, one transaction at a time
(`_serialise`). A write that rolls back leaves the counts as they were; a second app process reads the
new counts as soon as the write commits. A change that moves many days at once (a testbed moving to
another organisation) counts its whole family again. Bulk SQL that bypasses the ORM (the demo load's
timelines, the benchmark's scaled database) calls `rebuild` afterwards, as `manage.py rebuild-figures`
does.

"Reached implementation in the period" does not add up over days (an idea counts once however often
it moves within the period): the days each idea reached implementation or spread are kept per idea
(`ImplementationDay`, `recount_implementation`), with the counts, and the figure counts the distinct
ideas of a period's rows. Medians (days to a first decision or answer) are counted from the records
(`services.indicators.computed`); each answered testbed request keeps its working and calendar days to
the first answer (the mapper hook in models.py), which `rebuild` fills in again and `differences` checks.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
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
    IdeaStage,
    ImplementationDay,
    MonthCount,
    Testbed,
    TestbedRequest,
)
from services.fund.applications import FUNDED
from services.shared import versions
from services.shared.workdays import days_between_moments, first_response_workdays, local_day, start_of_day

# The stages an idea is implemented in ("ideas implemented" counts the ideas that reached one).
IMPLEMENTED: tuple[str, ...] = (IdeaStage.implementation.value, IdeaStage.spread.value)

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
    """Count the family's days again from the records (None: every day), replacing their rows, and sum
    their months again (`roll_up`)."""
    if days is not None and len(days) > MANY_DAYS:
        days = None
    if days is not None and not days:
        return
    recount_days(connection, family, days)
    roll_up(connection, FAMILIES[family].measures, None if days is None else {first_of_month(d) for d in days})


def recount_days(connection: Connection, family: str, days: set[date] | None) -> None:
    """Count the family's days again from the records (None: every day), replacing their rows: the day
    rows only (migration 0027 counted them before months were kept)."""
    fam = FAMILIES[family]
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


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def roll_up(connection: Connection, measures: Iterable[str] | None, months: set[date] | None) -> None:
    """Sum the day rows of `months` (None: every month) into their month rows, replacing them, for
    `measures` (None: every measure kept): one INSERT … SELECT in the database."""
    d = DayCount
    gone = delete(MonthCount)
    where: list[Any] = []
    if measures is not None:
        gone = gone.where(col(MonthCount.measure).in_(sorted(measures)))
        where.append(col(d.measure).in_(sorted(measures)))
    if months is not None:
        if not months:
            return
        gone = gone.where(col(MonthCount.month).in_(sorted(months)))
        where.append(or_(*(and_(d.day >= m, d.day < _next_month(m)) for m in sorted(months))))
    connection.execute(gone)
    month = _month_of(connection, d.day)
    places = (d.measure, month, d.organisation_id, d.area_id, d.further)
    summed = select(*places, func.sum(d.value)).where(*where).group_by(*places).having(func.sum(d.value) != 0)
    columns = ["measure", "month", "organisation_id", "area_id", "further", "value"]
    connection.execute(insert(MonthCount).from_select(columns, summed))


def _month_of(connection: Connection, day: Any) -> Any:
    """The first day of a date column's month, in SQL ('YYYY-MM-01', as SQLite keeps dates). The words
    are written into the SQL, not bound: the same expression in SELECT and GROUP BY."""
    if connection.dialect.name == "sqlite":
        return func.date(day, literal_column("'start of month'"))
    return cast(func.date_trunc(literal_column("'month'"), day), Date)


def _order(item: tuple[Key, int]) -> tuple:
    (m, d, org, area, further), _ = item
    return (m, d, org or 0, area or 0, further)


def rebuild(session: Session) -> int:
    """Count every figure again from the records (`manage.py rebuild-figures`); returns the rows kept.
    In the session's transaction: the caller commits."""
    connection = session.connection()
    _serialise(connection)  # after the writes under way, as every recount
    connection.execute(delete(DayCount))  # measures no longer kept go too
    connection.execute(delete(MonthCount))
    for family in FAMILIES:
        recount(connection, family, None)
    recount_implementation(connection, None)
    wrong = [(request_id, counted) for request_id, _day, kept, counted in _response_days(connection) if kept != counted]
    if wrong:
        r = TestbedRequest.__table__
        connection.execute(
            update(r).where(r.c.id == bindparam("request_id")),
            [
                {"request_id": i, "first_response_workdays": workdays, "first_response_days": days}
                for i, (workdays, days) in wrong
            ],
        )
    return int(connection.execute(select(func.count()).select_from(DayCount)).scalar_one())


def _response_days(connection: Connection) -> Iterator[tuple[int, date, tuple[Any, Any], tuple[Any, Any]]]:
    """Each testbed request: (id, Stockholm day of receipt, its stored (working days, calendar days) to the
    first answer, and the same counted from its two moments)."""
    r = TestbedRequest
    stmt = select(r.id, r.received_at, r.first_response_at, r.first_response_workdays, r.first_response_days)
    for request_id, received, answered, workdays, days in connection.execute(stmt):
        counted = (first_response_workdays(received, answered), days_between_moments(received, answered))
        yield request_id, local_day(received), (workdays, days), counted


def differences(session: Session) -> list[tuple[Key, float, float]]:
    """Where the kept counts differ from a full recount: (key, kept, recounted), none when they agree.
    A month's row that differs from the recount's days of that month is keyed "<measure> (month)" on the
    month's first day, an idea's day of implementation "implemented: idea <id>" (1 kept or found, 0 not),
    a request's stored days to its first answer "first response workdays|days: request <id>" on its day
    of receipt (-1 where none is stored or none counted)."""
    connection = session.connection()
    kept: Counts = Counter()
    for table, when in ((DayCount, DayCount.day), (MonthCount, MonthCount.month)):
        stmt = select(table.measure, when, table.organisation_id, table.area_id, table.further, table.value)
        for measure, day, org, area, further, value in connection.execute(stmt):
            name = measure if table is DayCount else f"{measure} (month)"
            kept[name, day, org, area, bool(further)] += value
    counted: Counts = Counter()
    for fam in FAMILIES.values():
        counted.update(fam.count(connection, None))
    for (measure, day, org, area, further), value in list(counted.items()):
        counted[f"{measure} (month)", first_of_month(day), org, area, further] += value
    t = ImplementationDay
    for idea_id, day, org, area, further in connection.execute(
        select(t.idea_id, t.day, t.organisation_id, t.area_id, t.further)
    ):
        kept[f"implemented: idea {idea_id}", day, org, area, bool(further)] += 1
    for idea_id, day, org, area, further in implementation_days(connection, None):
        counted[f"implemented: idea {idea_id}", day, org, area, further] += 1
    keys = {k for k, v in kept.items() if v} | {k for k, v in counted.items() if v}
    found: list[tuple[Key, float, float]] = [(k, kept[k], counted[k]) for k in keys if kept[k] != counted[k]]
    for request_id, day, stored, recounted in _response_days(connection):
        for name, was, is_ in zip(("workdays", "days"), stored, recounted, strict=True):
            if was != is_:
                key = (f"first response {name}: request {request_id}", day, None, None, False)
                found.append((key, -1 if was is None else was, -1 if is_ is None else is_))
    return sorted(found, key=lambda t: _order((t[0], 0)))


# ---------------------------------------------------------------- the days ideas reached implementation

Place = tuple[int, date, int | None, int | None, bool]  # idea, day, organisation, area, further


def implementation_days(connection: Connection, idea_ids: Iterable[int] | None) -> set[Place]:
    """The days on which the ideas (None: every idea) reached implementation or spread, by the rule of
    `services.indicators.computed.reached_implementation`: a move there on the timeline, or standing there
    since `stage_changed_at` (set without a timeline entry). Each on the idea's organisation and own area
    and on each further area it touches; merged ideas have none."""
    chosen = None if idea_ids is None else sorted(idea_ids)
    moved = select(IdeaEvent.idea_id, IdeaEvent.at).where(
        IdeaEvent.kind == IdeaEventKind.stage_changed, col(IdeaEvent.to_stage).in_(IMPLEMENTED)
    )
    standing = select(Idea.id, Idea.stage_changed_at).where(
        col(Idea.stage).in_(IMPLEMENTED), col(Idea.stage_changed_at).is_not(None)
    )
    if chosen is not None:
        moved = moved.where(col(IdeaEvent.idea_id).in_(chosen))
        standing = standing.where(col(Idea.id).in_(chosen))
    days: dict[int, set[date]] = {}
    for stmt in (moved, standing):
        for idea_id, at in connection.execute(stmt):
            days.setdefault(idea_id, set()).add(local_day(at))
    if not days:
        return set()
    ids = sorted(days)
    places = select(Idea.id, Idea.organisation_id, Idea.area_id).where(
        col(Idea.id).in_(ids), col(Idea.merged_into_id).is_(None)
    )
    further = select(IdeaArea.idea_id, IdeaArea.area_id).join(Idea, Idea.id == IdeaArea.idea_id)
    further = further.where(col(IdeaArea.idea_id).in_(ids), IdeaArea.area_id != Idea.area_id)
    areas: dict[int, list[int]] = {}
    for idea_id, area in connection.execute(further):
        areas.setdefault(idea_id, []).append(area)
    found: set[Place] = set()
    for idea_id, org, own_area in connection.execute(places):
        for day in days[idea_id]:
            found.add((idea_id, day, org, own_area, False))
            found.update((idea_id, day, org, area, True) for area in areas.get(idea_id, []))
    return found


def recount_implementation(connection: Connection, idea_ids: Iterable[int] | None) -> None:
    """Find the ideas' days of implementation again (None: every idea's), replacing their rows."""
    chosen = None if idea_ids is None else sorted(idea_ids)
    gone = delete(ImplementationDay)
    if chosen is not None:
        gone = gone.where(col(ImplementationDay.idea_id).in_(chosen))
    connection.execute(gone)
    rows = [
        {"idea_id": idea_id, "day": day, "organisation_id": org, "area_id": area, "further": further}
        for idea_id, day, org, area, further in sorted(
            implementation_days(connection, chosen), key=lambda p: (p[0], p[1], p[3] or 0, p[4])
        )
    ]
    if rows:
        connection.execute(insert(ImplementationDay), rows)


# ---------------------------------------------------------------- keeping them current


_IDEA_FIELDS = (
    "received_at",
    "organisation_id",
    "area_id",
    "merged_into_id",
    "submitter_kind",
    "stage",
    "stage_changed_at",
)
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
    everything = "ideas" in touched.days and touched.days["ideas"] is None  # an idea deleted: which is unknown
    if touched.ideas or everything:
        recount_implementation(connection, None if everything else touched.ideas)
    _present_days(connection, touched)
    for family, days in touched.days.items():
        recount(connection, family, days)


# ---------------------------------------------------------------- reading them


def whole_months(start: date, end: date) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """start..end (both included) as its whole months, (the first's first day, the last's first day) or
    None, and the runs of days left over at either end: a period reads a whole month from its month row
    and only a part-month day by day. Counted in month numbers, so that all time (`date.min` to
    `date.max`, Översikt's funnel) fits too."""
    first = _month_number(start) + (start.day != 1)  # the first month that starts within the period
    last = _month_number(end) - (not _last_of_month(end))  # the last month that ends within it
    if first > last:
        return None, [(start, end)]
    edges = []
    if start.day != 1:
        edges.append((start, _month_start(first) - timedelta(days=1)))
    if not _last_of_month(end):
        edges.append((_month_start(last + 1), end))
    return (_month_start(first), _month_start(last)), edges


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)


def _last_of_month(day: date) -> bool:
    return day == date.max or (day + timedelta(days=1)).day == 1


def _summed(
    session: Session,
    measures: tuple[str, ...],
    start: date,
    end: date,
    where: Callable[[Any], list[Any]],
    keys: Callable[[Any], tuple[Any, ...]] = lambda _: (),
) -> dict[tuple, Counter[str]]:
    """The measures summed over start..end, `{keys: {measure: sum}}` (keys: columns of either table, the
    same for both): the whole months' rows in one statement, the part-months' days in another."""
    months, edges = whole_months(start, end)
    parts: list[tuple[Any, list[Any]]] = []
    if months is not None:
        parts.append((MonthCount, [MonthCount.month >= months[0], MonthCount.month <= months[1]]))
    if edges:
        parts.append((DayCount, [or_(*(and_(DayCount.day >= a, DayCount.day <= b) for a, b in edges))]))
    found: dict[tuple, Counter[str]] = {}
    for table, when in parts:
        grouped = (*keys(table), table.measure)
        stmt = (
            select(*grouped, func.sum(table.value))
            .where(col(table.measure).in_(measures), *when, *where(table))
            .group_by(*grouped)
        )
        for *key, measure, total in session.exec(stmt):  # type: ignore[call-overload]
            found.setdefault(tuple(key), Counter())[measure] += int(total)
    return found


def _place(area_id: int | None, organisation_id: int | None, *, each_once: bool = True) -> Callable[[Any], list[Any]]:
    """The rows of a region, an area (its own ideas and those that reach it) or an organisation; with
    `each_once` and no area, each idea once (its own area's row)."""

    def where(table: Any) -> list[Any]:
        found = []
        if area_id is not None:
            found.append(table.area_id == area_id)
        elif each_once:
            found.append(col(table.further).is_(False))
        if organisation_id is not None:
            found.append(table.organisation_id == organisation_id)
        return found

    return where


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
    Read from the indexes alone: the whole months' rows and the part-months' days."""
    column = {"organisation": "organisation_id", "area": "area_id"}.get(group or "")
    place = _place(area_id, organisation_id, each_once=group != "area")
    if column is None:
        found = _summed(session, measures, start, end, place)
        return {None: found[()]} if found else {}

    def where(table: Any) -> list[Any]:
        return [*place(table), getattr(table, column).is_not(None)]

    grouped = _summed(session, measures, start, end, where, lambda table: (getattr(table, column),))
    return {key: counts for (key,), counts in grouped.items()}


def funnel(
    session: Session, *, start: date, end: date, area_id: int | None = None, organisation_id: int | None = None
) -> list[tuple[str, int]]:
    """Of the ideas received start..end, how many reached each stage of the path so far (see `REACHED`),
    for the region, an area (its cross-sector ideas included) or an organisation."""
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
    organisation, one `{measure: sum}` per period in their order. Periods may not overlap.

    Two periods (a dashboard's and the one before it) are summed one by one, as `sums`. More (an
    indicator's 36 months) are read in one statement per table, grouped by month and by day, and each
    month and day put in its period here."""
    place = _place(area_id, organisation_id)
    if len(periods) <= 2:
        return [_summed(session, measures, s, e, place).get((), Counter()) for s, e in periods]
    found: list[Counter[str]] = [Counter() for _ in periods]
    months: dict[date, int] = {}  # a whole month's first day -> its period
    edges: list[tuple[date, date, int]] = []
    for n, (s, e) in enumerate(periods):
        whole, rest = whole_months(s, e)
        if whole is not None:
            for number in range(_month_number(whole[0]), _month_number(whole[1]) + 1):
                months[_month_start(number)] = n
        edges.extend((a, b, n) for a, b in rest)
    if months:
        m = MonthCount
        stmt = (
            select(m.month, m.measure, func.sum(m.value))
            .where(col(m.measure).in_(measures), m.month >= min(months), m.month <= max(months), *place(m))
            .group_by(m.month, m.measure)
        )
        for month, measure, total in session.exec(stmt):  # type: ignore[call-overload]
            if month in months:
                found[months[month]][measure] += int(total)
    if edges:
        d = DayCount
        edges.sort()
        starts = [a for a, _, _ in edges]
        stmt = (
            select(d.day, d.measure, func.sum(d.value))
            .where(col(d.measure).in_(measures), or_(*(and_(d.day >= a, d.day <= b) for a, b, _ in edges)), *place(d))
            .group_by(d.day, d.measure)
        )
        for day, measure, total in session.exec(stmt):  # type: ignore[call-overload]
            n = edges[bisect.bisect_right(starts, day) - 1][2]  # the last run starting on or before the day
            found[n][measure] += int(total)
    return found


def sums_by_place(
    session: Session, measures: tuple[str, ...], *, start: date, end: date
) -> dict[tuple[int | None, int | None, bool], Counter[str]]:
    """The measures summed over start..end per organisation, area and side (`further`): the region, every
    area and every organisation follow from these few thousand rows (the innovationsbokslut's every
    level)."""
    found = _summed(
        session, measures, start, end, lambda _: [], lambda table: (table.organisation_id, table.area_id, table.further)
    )
    return {(org, area, bool(further)): counts for (org, area, further), counts in found.items()}

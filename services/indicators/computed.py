"""The computed ("live") indicators: one function per figure, counted from the records when asked.

The flows that add up over days (ideas received, from the public, converted; the fund's applications
and SEK; testbed requests) are read from the counts kept per day (`Kept`, `services.indicators.day_counts`),
which every write keeps current in its own transaction; `compute_periods` reads them for several periods
in one statement. Every other figure is aggregated in SQL from the records (one statement per figure and
period, grouped by organisation or area when a comparison is wanted); only the medians fetch one column
of day counts. Nothing is cached here: a new idea moves the figure at the next call.

Each computation is registered in `COMPUTATIONS` under the key that `Indicator.computation` holds
(see data/seed/indicators.json). Periods are calendar dates, both ends included, in Stockholm time.

Attribution, so that region = sum of organisations where a figure adds up:
- ideas belong to their responsible organisation, and count on their primary area (`Idea.area_id`) and
  on every further area they touch (`IdeaArea`: cross-sector ideas, the culture committee's meeting
  places), so an area's idea figures include the cross-sector ideas that reach it and the areas may add
  up to more than the region, which counts each idea once; ideas merged into another are duplicates and
  are left out;
- adoptions count for the idea that spread (its organisation, and each area it counts on), only by other
  organisations;
- fund figures belong to the application's area and organisation, testbed requests to the testbed's;
- innovation leads and certified leaders belong to the organisation (and its area), counted as they stood
  on the period's last day from their dated history;
- staff trained (KOM-01) belong to the employee's organisation, over the staff of the organisations whose
  staff count is known.

These functions read aggregates only, which every logged-in role may see (DESIGN.md: a manager sees
region-wide aggregates); pages check the login before calling them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import and_, case, distinct, func, literal, literal_column, or_, true, union, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from models import (
    Aggregation,
    Agreement,
    Area,
    CertificationChange,
    Course,
    CourseParticipant,
    Direction,
    Idea,
    IdeaAdoption,
    IdeaArea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStage,
    ImplementationDay,
    InnovationLeadChange,
    Need,
    NeedResponse,
    NeedStatus,
    Organisation,
    Partner,
    Procurement,
    ProcurementStage,
    ProcurementTestbed,
    Testbed,
    TestbedRequest,
    User,
    Weighting,
)
from services.competence.courses import TRAINING_KINDS
from services.indicators import day_counts
from services.overview import start_of_day
from services.shared.history import state_on
from services.shared.medians import days_between, medians_and_counts, read_rows

# "levels": every record once per level it counts on, keyed (side, area, organisation); side 1 marks an
# idea's further area. Only for figures that add up (counts and sums): `compute_levels` adds them.
Group = Literal["organisation", "area", "levels"] | None
IMPLEMENTED = day_counts.IMPLEMENTED
Unit = Literal["count", "percent", "sek", "days"]
Values = dict[int | None, float | None]


@dataclass(frozen=True)
class Scope:
    """What to count: a period (both ends included), an optional area or organisation, a grouping."""

    start: date
    end: date
    area_id: int | None = None
    organisation_id: int | None = None
    group: Group = None

    @property
    def start_at(self) -> datetime:
        return start_of_day(self.start)

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive bound for `*_at` columns)."""
        return start_of_day(self.end + timedelta(days=1))


@dataclass(frozen=True)
class Computation:
    """A computed indicator: its key, its unit, the function that measures it and its aggregation rule.

    The rule is what the function does over a span (a share is counted as Σ/Σ, a median over every
    record, a stock at the span's end); an indicator that uses the computation takes its rule from here.
    """

    key: str
    unit: Unit
    direction: Direction
    measure: Callable[[Session, Scope], Values]
    aggregation: Aggregation = Aggregation.flow
    weighting: Weighting | None = None

    @property
    def empty(self) -> float | None:
        """The value when there is nothing to count: zero for counts and sums, none for shares and medians."""
        return 0.0 if self.unit in ("count", "sek") else None


# ---------------------------------------------------------------- building blocks


def _in_period(column: Any, scope: Scope) -> list[Any]:
    return [column >= scope.start_at, column < scope.end_at]


def _on_days(column: Any, scope: Scope) -> list[Any]:
    return [column >= scope.start, column <= scope.end]


def touches_area(idea_id: Any, area_id: int) -> Any:
    """True for an idea that counts on the area: its own, or one of the further areas it touches.

    For a query over `Idea` (its own area is `Idea.area_id`). Checked per idea (one index probe into
    `IdeaArea`), so the query is driven by its other filters, as every figure's period: an idea list of
    the whole area first (IN over a UNION) cost SQLite 45 ms for a quarter's ideas at ten times the
    region, against 6 ms this way."""
    further = select(IdeaArea.idea_id).where(IdeaArea.idea_id == idea_id, IdeaArea.area_id == area_id)
    return or_(Idea.area_id == area_id, further.exists())


def _area_sides() -> Any:
    """Two rows, side 0 and side 1: an idea is read once for its own area (0) and once per further area
    it touches (1, joined to `IdeaArea`), in one pass over the ideas."""
    return union_all(select(literal(0).label("side")), select(literal(1).label("side"))).subquery("sides")


def _scoping(
    scope: Scope, org_col: Any, area_col: Any, idea_col: Any | None
) -> tuple[list[Any], Any, list[tuple[Any, Any, bool]]]:
    """The scope's filters, the grouping column and the joins they need (table, on, outer). With
    `idea_col` (the column that holds an idea's id) the figure counts ideas on every area they touch: an
    area's filter is `touches_area`; grouped by area, each idea counts once on its own area (side 0)
    and once on each further area (side 1), never twice on one area."""
    filters: list[Any] = []
    joins: list[tuple[Any, Any, bool]] = []
    if scope.area_id is not None:
        filters.append(area_col == scope.area_id if idea_col is None else touches_area(idea_col, scope.area_id))
    if scope.organisation_id is not None:
        filters.append(org_col == scope.organisation_id)
    group = {"organisation": org_col, "area": area_col}.get(scope.group) if scope.group else None
    if scope.group == "levels":
        group = (literal(0), area_col, org_col)
    if scope.group in ("area", "levels") and idea_col is not None:
        sides = _area_sides()
        further = and_(sides.c.side == 1, IdeaArea.idea_id == idea_col, IdeaArea.area_id != area_col)
        # An outer join on true is a cross join (sides has its two rows) that keeps the ideas the outer
        # loop: SQLite then reads each idea once, not once per side.
        joins += [(sides, true(), True), (IdeaArea, further, True)]
        filters.append(or_(sides.c.side == 0, col(IdeaArea.idea_id).is_not(None)))
        area = case((sides.c.side == 0, area_col), else_=IdeaArea.area_id)
        group = area if scope.group == "area" else (sides.c.side, area, org_col)
    return filters, group, joins


def _select(key: Any, value: Any, source: Any, joins: Sequence[tuple[Any, Any]], extra: list) -> Any:
    """SELECT key, value FROM source with its joins (outer) and the scope's (as they say)."""
    stmt = select(key, value).select_from(source)
    for table, on in joins:
        stmt = stmt.join(table, on, isouter=True)
    for table, on, outer in extra:
        stmt = stmt.join(table, on, isouter=outer)
    return stmt


def _aggregate(
    session: Session,
    scope: Scope,
    value: Any,
    *,
    source: Any,
    org_col: Any,
    area_col: Any,
    where: Iterable[Any],
    joins: Sequence[tuple[Any, Any]] = (),
    idea_col: Any | None = None,
) -> Values:
    """One aggregate (`value`) over `source`, for the whole scope or grouped by organisation/area (or by
    the levels' keys, each a tuple)."""
    filters, group, extra = _scoping(scope, org_col, area_col, idea_col)
    if isinstance(group, tuple):
        stmt = _select(group[0], value, source, joins, extra).add_columns(*group[1:])
        rows = session.exec(stmt.where(*where, *filters).group_by(*group)).all()
        return {(side, *keys): None if v is None else float(v) for side, v, *keys in rows}  # type: ignore[misc]
    key = group if group is not None else literal(None)
    stmt = _select(key, value, source, joins, extra).where(*where, *filters)
    if group is not None:
        stmt = stmt.group_by(group).having(group.is_not(None))
    return {k: None if v is None else float(v) for k, v in session.exec(stmt).all()}


def _median_days(
    session: Session,
    scope: Scope,
    days: Any,
    *,
    source: Any,
    org_col: Any,
    area_col: Any,
    where: Iterable[Any],
    joins: Sequence[tuple[Any, Any]] = (),
    idea_col: Any | None = None,
) -> Values:
    """The median of `days` (an expression of days), rounded to one decimal: the scope's days read in one
    statement (a few thousand numbers, for the region or grouped) and their medians taken in Python
    (`medians_and_counts`)."""
    filters, group, extra = _scoping(scope, org_col, area_col, idea_col)
    key = group if group is not None else literal(None)
    stmt = _select(key, days, source, joins, extra).where(*where, *filters)
    if group is not None:
        stmt = stmt.where(group.is_not(None))
    return {k: round(median, 1) for k, (median, _) in medians_and_counts(session, stmt).items()}


def _median(values: list[Any]) -> float:
    """The median, rounded to one decimal (floats; Decimals on PostgreSQL, averaged exactly)."""
    return round(float(statistics.median(values)), 1)


@dataclass(frozen=True)
class Kept:
    """A figure read from the counts kept per day (`services.indicators.day_counts`): the sum of one
    measure, or 100 × Σ numerator / Σ denominator (None where there is nothing to divide)."""

    numerator: str
    denominator: str | None = None

    @property
    def measures(self) -> tuple[str, ...]:
        return (self.numerator,) if self.denominator is None else (self.numerator, self.denominator)

    def of(self, sums: Counter[str]) -> float | None:
        if self.denominator is None:
            return float(sums[self.numerator])
        return 100.0 * sums[self.numerator] / sums[self.denominator] if sums[self.denominator] else None

    def __call__(self, session: Session, scope: Scope) -> Values:
        found = day_counts.sums(session, self.measures, **_day_scope(scope))
        return {k: self.of(sums) for k, sums in found.items()}


def _day_scope(scope: Scope) -> dict[str, Any]:
    return {
        "start": scope.start,
        "end": scope.end,
        "area_id": scope.area_id,
        "organisation_id": scope.organisation_id,
        "group": scope.group,
    }


@dataclass(frozen=True)
class DaysMedian:
    """A figure that is the median of the days that `days` gives (in SQL, for a session's database) over
    records of `source`, rounded to one decimal; `where` gives, for a scope, the records its period
    counts. With `idea_col` (records of ideas) an area's median takes in the ideas that touch it as a
    further area too."""

    days: Callable[[Session], Any]
    source: Any
    org_col: Any
    area_col: Any
    where: Callable[[Scope], list[Any]]
    joins: tuple[tuple[Any, Any], ...] = ()
    idea_col: Any | None = None

    def __call__(self, session: Session, scope: Scope) -> Values:
        return _median_days(
            session,
            scope,
            self.days(session),
            source=self.source,
            org_col=self.org_col,
            area_col=self.area_col,
            where=self.where(scope),
            joins=self.joins,
            idea_col=self.idea_col,
        )

    def levels(self, session: Session, start: date, end: date) -> tuple[float | None, Values, Values]:
        """The median for the region, per area and per organisation (those with records), as `__call__`
        gives each: the period's days read once (and once more for the further areas) and grouped here.
        Three window-function statements took 35 ms for a year at ten times the region."""
        scope = Scope(start, end)
        days = self.days(session).label("days")
        stmt = _select(self.org_col, self.area_col, self.source, self.joins, []).add_columns(days)
        region: list[Any] = []
        by_area: dict[int, list[Any]] = {}
        by_org: dict[int, list[Any]] = {}
        # Row by row, keeping only the numbers (which the garbage collector does not track): thousands of
        # rows held at once were promoted through its generations and set off full collections.
        for org, area, value in read_rows(session, stmt.where(*self.where(scope))):
            if value is None:
                continue
            region.append(value)
            if org is not None:
                by_org.setdefault(org, []).append(value)
            if area is not None:
                by_area.setdefault(area, []).append(value)
        if self.idea_col is not None:
            further = and_(IdeaArea.idea_id == self.idea_col, IdeaArea.area_id != self.area_col)
            stmt = _select(IdeaArea.area_id, days, self.source, self.joins, [(IdeaArea, further, False)])
            for area, value in read_rows(session, stmt.where(*self.where(scope))):
                if value is not None:
                    by_area.setdefault(area, []).append(value)

        return (
            _median(region) if region else None,
            {a: _median(v) for a, v in by_area.items()},
            {o: _median(v) for o, v in by_org.items()},
        )


def _percent(numerator: Any, denominator: Any) -> Any:
    """100 * numerator / denominator in SQL; NULL when the denominator is zero."""
    return 100.0 * numerator / func.nullif(denominator, 0)


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


# ---------------------------------------------------------------- ideas


# Ideas received in the period; the share (%) of them from patients, relatives, travellers and residents.
ideas_received = Kept("ideas_received")
ideas_public_share = Kept("ideas_public", "ideas_received")


# The ideas standing in implementation or spread, made once: an alias of Idea copies each of its columns
# (1-2 ms a figure).
_STANDING = aliased(Idea)
_THERE = [literal_column(f"'{stage}'") for stage in IMPLEMENTED]  # the enum's own values


def _reached_implementation(scope: Scope) -> Any:
    """True for an idea that moved to implementation or spread within the scope's period.

    The timeline says when; an idea whose stage was set without a timeline entry counts by its
    `stage_changed_at`. (Reached so far, whenever: `services.indicators.day_counts`' stages.)
    """
    events = select(IdeaEvent.idea_id).where(
        IdeaEvent.kind == IdeaEventKind.stage_changed,
        col(IdeaEvent.to_stage).in_(IMPLEMENTED),
        *_in_period(IdeaEvent.at, scope),
    )
    # One list of ids from two index ranges: the period's moves there (the timeline's index) and the ideas
    # standing there that got there in the period (the partial index `ix_idea_implemented`, which SQLite
    # picks only when the stages are written out, not bound). An OR of the two read every idea: 25-30 ms
    # a figure at ten times the region, against 4-5 ms.
    standing = _STANDING
    set_in_period = select(standing.id).where(
        col(standing.stage).in_(_THERE), *_in_period(standing.stage_changed_at, scope)
    )
    return col(Idea.id).in_(union(events, set_in_period))


reached_implementation = _reached_implementation  # what Rådsläge's drill-down lists (services.council.drilldown)


def ideas_implemented(session: Session, scope: Scope) -> Values:
    """Ideas that reached implementation or spread during the period (whenever they were received):
    the distinct ideas of the period's kept days of implementation (`ImplementationDay`, by the rule of
    `reached_implementation`), read from their index. Counted from the timeline, the period's ideas
    were each looked up among every idea's rows: 5 ms a period at ten times the region, against 0.5."""
    t = ImplementationDay
    filters = [t.day >= scope.start, t.day <= scope.end]
    if scope.area_id is not None:
        filters.append(t.area_id == scope.area_id)  # its own ideas and those that reach it
    elif scope.group not in ("area", "levels"):
        filters.append(col(t.further).is_(False))  # each idea once
    if scope.organisation_id is not None:
        filters.append(t.organisation_id == scope.organisation_id)
    ideas = func.count(distinct(t.idea_id))
    if scope.group == "levels":
        side = case((col(t.further).is_(True), 1), else_=0)
        stmt = select(side, ideas, t.area_id, t.organisation_id).where(*filters)
        rows = session.exec(stmt.group_by(side, t.area_id, t.organisation_id)).all()  # type: ignore[call-overload]
        return {(n, area, org): float(v) for n, v, area, org in rows}
    key = {"organisation": t.organisation_id, "area": t.area_id}.get(scope.group or "")
    if key is None:
        return {None: float(session.exec(select(ideas).where(*filters)).one())}  # type: ignore[call-overload]
    stmt = select(key, ideas).where(*filters, col(key).is_not(None)).group_by(key)
    return {k: float(v) for k, v in session.exec(stmt).all()}  # type: ignore[call-overload]


# Share (%) of the ideas received in the period that have reached implementation or spread so far.
ideas_conversion = Kept(day_counts.REACHED[IdeaStage.implementation], "ideas_received")


# Median days from receipt to the first decision, for first decisions taken in the period.
ideas_median_days_first_decision = DaysMedian(
    lambda session: days_between(session, Idea.first_decision_at, Idea.received_at),
    source=Idea,
    org_col=Idea.organisation_id,
    area_col=Idea.area_id,
    where=lambda scope: [col(Idea.merged_into_id).is_(None), *_in_period(Idea.first_decision_at, scope)],
    idea_col=Idea.id,
)


def adoptions(session: Session, scope: Scope) -> Values:
    """Adoptions in the period by an organisation other than the idea's own (spread)."""
    other = or_(col(Idea.organisation_id).is_(None), IdeaAdoption.organisation_id != Idea.organisation_id)
    return _aggregate(
        session,
        scope,
        func.count(),
        source=IdeaAdoption,
        joins=[(Idea, IdeaAdoption.idea_id == Idea.id)],
        org_col=Idea.organisation_id,
        area_col=Idea.area_id,
        where=[other, *_on_days(IdeaAdoption.adopted_on, scope)],
        idea_col=Idea.id,
    )


# ---------------------------------------------------------------- Innovationsfonden


# Applications submitted in the period (drafts never count) and the SEK they applied for; the SEK granted
# by decisions taken in the period, and the share (%) of the SEK applied for that was granted, over the
# applications decided in the period.
fund_applications = Kept("fund_applications")
fund_sek_applied = Kept("fund_sek_applied")
fund_sek_granted = Kept("fund_sek_granted")
fund_share_granted = Kept("fund_decided_granted", "fund_decided_requested")


# ---------------------------------------------------------------- testbeds


# Requests received in the period by the test and demonstration environments, on the testbed's
# organisation and area.
testbed_requests = Kept("testbed_requests")


# Median CALENDAR days from a request to its first response, over the answered requests received in the
# period: the same figure as Testmiljöer's "Mediantid till första svar"
# (`services.testbeds.requests.request_figures(...).median_days_to_first_response`; the working-day median
# there measures the promise of an answer within ten working days, not this indicator).
testbed_median_days_first_response = DaysMedian(
    lambda _session: col(TestbedRequest.first_response_days),  # stored on each answered request
    source=TestbedRequest,
    joins=((Testbed, TestbedRequest.testbed_id == Testbed.id),),
    org_col=Testbed.organisation_id,
    area_col=Testbed.area_id,
    where=lambda scope: [
        col(TestbedRequest.first_response_days).is_not(None),
        *_in_period(TestbedRequest.received_at, scope),
    ],
)


# ---------------------------------------------------------------- organisations and people


def orgs_innovation_lead_share(session: Session, scope: Scope) -> Values:
    """Share (%) of organisations that had an innovation lead on the last day of the period, from the
    dated history of appointments (`InnovationLeadChange`), not from who leads today."""
    lead = state_on(InnovationLeadChange, InnovationLeadChange.organisation_id, scope.end)
    appointed = col(lead.c.lead_id).is_not(None)
    return _aggregate(
        session,
        scope,
        _percent(_count_if(appointed), func.count()),
        source=Organisation,
        joins=[(lead, (lead.c.organisation_id == Organisation.id) & (lead.c.latest == 1))],
        org_col=Organisation.id,
        area_col=Organisation.area_id,
        where=[],
    )


def certified_innovation_leaders(session: Session, scope: Scope) -> Values:
    """People counted as certified innovation leaders on the last day of the period, from the dated
    history (`CertificationChange`: certified on a day, no longer counted once they left), by their
    organisation."""
    certified = state_on(CertificationChange, CertificationChange.user_id, scope.end)
    return _aggregate(
        session,
        scope,
        func.count(),
        source=certified,
        joins=[(User, User.id == certified.c.user_id), (Organisation, User.organisation_id == Organisation.id)],
        org_col=User.organisation_id,
        area_col=Organisation.area_id,
        where=[certified.c.latest == 1, col(certified.c.certified).is_(True)],
    )


def staff_trained_share(session: Session, scope: Scope) -> Values:
    """Share (%) of the staff trained in innovation in the period (KOM-01 from the competence records):
    the employees who completed a training course in the period (not an information effort; each person
    once), by their organisation, over the staff of the organisations whose staff count is known.
    Organisations without a staff count are left out of both sides; none known gives None (a dash)."""
    trained = (
        select(
            User.organisation_id.label("organisation_id"),
            func.count(func.distinct(CourseParticipant.user_id)).label("trained"),
        )
        .select_from(CourseParticipant)
        .join(User, CourseParticipant.user_id == User.id)
        .join(Course, CourseParticipant.course_id == Course.id)
        .where(col(Course.kind).in_(TRAINING_KINDS), *_on_days(CourseParticipant.completed_on, scope))
        .group_by(User.organisation_id)
        .subquery()
    )
    return _aggregate(
        session,
        scope,
        _percent(func.sum(func.coalesce(trained.c.trained, 0)), func.sum(Organisation.staff_count)),
        source=Organisation,
        joins=[(trained, trained.c.organisation_id == Organisation.id)],
        org_col=Organisation.id,
        area_col=Organisation.area_id,
        where=[Organisation.staff_count > 0],
    )


# ---------------------------------------------------------------- samverkan (needs, procurements, partners)


def needs_published(session: Session, scope: Scope) -> Values:
    """Needs and challenges published in the period, by the organisation that owns them."""
    return _aggregate(
        session,
        scope,
        func.count(),
        source=Need,
        org_col=Need.organisation_id,
        area_col=Need.area_id,
        where=[Need.status != NeedStatus.draft.value, *_in_period(Need.published_at, scope)],
    )


def _responses(session: Session, scope: Scope, value: Any) -> Values:
    return _aggregate(
        session,
        scope,
        value,
        source=NeedResponse,
        joins=[(Need, NeedResponse.need_id == Need.id)],
        org_col=Need.organisation_id,
        area_col=Need.area_id,
        where=_in_period(NeedResponse.received_at, scope),
    )


def need_responses(session: Session, scope: Scope) -> Values:
    """Responses to the region's needs received in the period."""
    return _responses(session, scope, func.count())


def needs_answered(session: Session, scope: Scope) -> Values:
    """Needs that received at least one response in the period."""
    return _responses(session, scope, func.count(func.distinct(NeedResponse.need_id)))


def _procurements(session: Session, scope: Scope, value: Any) -> Values:
    return _aggregate(
        session,
        scope,
        value,
        source=Procurement,
        org_col=Procurement.organisation_id,
        area_col=Procurement.area_id,
        where=[Procurement.stage != ProcurementStage.cancelled.value, *_on_days(Procurement.started_on, scope)],
    )


def procurements_started(session: Session, scope: Scope) -> Values:
    """Procurements with innovation started in the period (cancelled ones left out)."""
    return _procurements(session, scope, func.count())


def procurements_value_sek(session: Session, scope: Scope) -> Values:
    """Estimated value (SEK) of the procurements with innovation started in the period."""
    return _procurements(session, scope, func.sum(Procurement.estimated_value_sek))


def procurements_share_tests(session: Session, scope: Scope) -> Values:
    """Share (%) of the procurements started in the period that used one of the region's testbeds."""
    tested = col(Procurement.id).in_(select(ProcurementTestbed.procurement_id))
    return _procurements(session, scope, _percent(_count_if(tested), func.count()))


def partners_active(session: Session, scope: Scope) -> Values:
    """Active partners (aktörer) in the register, as it stands now (the register keeps no dated
    history), by the organisation that keeps them; duplicates merged away are left out."""
    return _aggregate(
        session,
        scope,
        func.count(),
        source=Partner,
        joins=[(Organisation, Partner.organisation_id == Organisation.id)],
        org_col=Partner.organisation_id,
        area_col=Organisation.area_id,
        where=[col(Partner.is_active), col(Partner.merged_into_id).is_(None)],
    )


def agreements_expiring(session: Session, scope: Scope) -> Values:
    """Agreements with partners whose end date falls in the period."""
    return _aggregate(
        session,
        scope,
        func.count(),
        source=Agreement,
        joins=[(Organisation, Agreement.organisation_id == Organisation.id)],
        org_col=Agreement.organisation_id,
        area_col=Organisation.area_id,
        where=_on_days(Agreement.ends_on, scope),
    )


# ---------------------------------------------------------------- registry and public API


def _c(
    key: str,
    unit: Unit,
    measure: Callable[[Session, Scope], Values],
    direction: Direction = Direction.up,
    aggregation: Aggregation | None = None,
) -> tuple[str, Computation]:
    """A registered computation; shares are Σ numerators / Σ denominators, medians levels, the rest flows."""
    if aggregation is None:
        aggregation = {"percent": Aggregation.share, "days": Aggregation.level}.get(unit, Aggregation.flow)
    weighting = Weighting.ratio if aggregation == Aggregation.share else None
    return key, Computation(key, unit, direction, measure, aggregation, weighting)


COMPUTATIONS: dict[str, Computation] = dict(
    [
        _c("ideas_received", "count", ideas_received),
        _c("ideas_public_share", "percent", ideas_public_share),
        _c("ideas_implemented", "count", ideas_implemented),
        _c("ideas_conversion", "percent", ideas_conversion),
        _c("ideas_median_days_first_decision", "days", ideas_median_days_first_decision, Direction.down),
        _c("adoptions", "count", adoptions),
        _c("fund_applications", "count", fund_applications),
        _c("fund_sek_applied", "sek", fund_sek_applied),
        _c("fund_sek_granted", "sek", fund_sek_granted),
        _c("fund_share_granted", "percent", fund_share_granted),
        _c("testbed_requests", "count", testbed_requests),
        _c("testbed_median_days_first_response", "days", testbed_median_days_first_response, Direction.down),
        _c("orgs_innovation_lead_share", "percent", orgs_innovation_lead_share),
        _c("certified_innovation_leaders", "count", certified_innovation_leaders, aggregation=Aggregation.stock),
        _c("staff_trained_share", "percent", staff_trained_share),
        _c("needs_published", "count", needs_published),
        _c("need_responses", "count", need_responses),
        _c("needs_answered", "count", needs_answered),
        _c("procurements_started", "count", procurements_started),
        _c("procurements_value_sek", "sek", procurements_value_sek),
        _c("procurements_share_tests", "percent", procurements_share_tests),
        _c("partners_active", "count", partners_active, aggregation=Aggregation.stock),
        _c("agreements_expiring", "count", agreements_expiring, Direction.down),
    ]
)


def compute_periods(
    session: Session,
    keys: list[str],
    periods: list[tuple[date, date]],
    *,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> dict[tuple[str, int], float | None]:
    """Several figures over several periods (a dashboard's period and the one before it): `{(key, n):
    value}` for the n-th period, each as `compute` gives it. The figures kept per day are read in one
    statement for all of them; the others are counted one by one."""
    found: dict[tuple[str, int], float | None] = {}
    if not periods:
        return found
    kept = {key: comp.measure for key in keys if isinstance((comp := computation(key)).measure, Kept)}
    if kept:
        measures = tuple(sorted({m for k in kept.values() for m in k.measures}))
        sums = day_counts.sums_in_periods(session, measures, periods, area_id=area_id, organisation_id=organisation_id)
        for key, k in kept.items():
            for n, period_sums in enumerate(sums):
                value = k.of(period_sums)
                found[key, n] = _rounded(computation(key).empty if value is None else value)
    for key in keys:
        if key not in kept:
            for n, (start, end) in enumerate(periods):
                found[key, n] = compute(
                    session, key, start=start, end=end, area_id=area_id, organisation_id=organisation_id
                )
    return found


@dataclass(frozen=True)
class Levels:
    """A figure for the region, per core area and per organisation (every one: the empty value where
    nothing happened)."""

    region: float | None
    by_area: dict[int, float | None]
    by_organisation: dict[int, float | None]


def compute_levels(session: Session, keys: list[str], *, start: date, end: date) -> dict[str, Levels]:
    """The figures among `keys` that are kept per day, counts and sums, or medians of days, for the region,
    every area and every organisation, as `compute`, `compute_by_area` and `compute_by_organisation` give
    them: the kept ones from one statement, each count or sum from one statement grouped by area and
    organisation, each median from one read of its records. Shares counted from the records are left out
    (ask those functions)."""
    area_ids = session.exec(select(Area.id)).all()
    org_ids = session.exec(select(Organisation.id)).all()
    found: dict[str, Levels] = {}
    for key in keys:
        comp = computation(key)
        if isinstance(comp.measure, DaysMedian):
            region, by_area, by_org = comp.measure.levels(session, start, end)
            found[key] = Levels(region, {a: by_area.get(a) for a in area_ids}, {o: by_org.get(o) for o in org_ids})
        elif _adds_up(comp):
            found[key] = _summed_levels(
                comp, comp.measure(session, Scope(start, end, group="levels")), area_ids, org_ids
            )
    kept = {key: comp for key in keys if isinstance((comp := computation(key)).measure, Kept)}
    if not kept:
        return found
    measures = tuple(sorted({m for comp in kept.values() for m in comp.measure.measures}))  # type: ignore[attr-defined]
    places = day_counts.sums_by_place(session, measures, start=start, end=end)
    region_sums: Counter[str] = Counter()
    areas: dict[int, Counter[str]] = {}
    orgs: dict[int, Counter[str]] = {}
    for (org, area, further), sums in places.items():
        if area is not None:
            areas.setdefault(area, Counter()).update(sums)
        if not further:  # each idea once in the region and in its organisation
            region_sums.update(sums)
            if org is not None:
                orgs.setdefault(org, Counter()).update(sums)

    def value(comp: Computation, sums: Counter[str] | None) -> float | None:
        result = None if sums is None else comp.measure.of(sums)  # type: ignore[attr-defined]
        return _rounded(comp.empty if result is None else result)

    for key, comp in kept.items():
        found[key] = Levels(
            value(comp, region_sums if places else None),
            {a: value(comp, areas.get(a)) for a in area_ids},
            {o: value(comp, orgs.get(o)) for o in org_ids},
        )
    return found


def _adds_up(comp: Computation) -> bool:
    """A count or sum counted from the records: its levels are sums of one statement's groups. Each
    record falls in one (area, organisation) group, so even a count of distinct records adds up; a new
    count or sum whose records could fall in two groups must not be registered with these units."""
    return comp.unit in ("count", "sek") and not isinstance(comp.measure, Kept | DaysMedian)


def _summed_levels(comp: Computation, rows: dict[Any, float | None], area_ids: list[int], org_ids: list[int]) -> Levels:
    """Levels from groups keyed (side, area, organisation): the region and each organisation add side 0
    (each record once), each area both sides (an idea on its own area and on each further one). As in
    SQL, a level whose groups are all NULL (a sum of nothing known) is None; a level with no group is the
    figure's empty value."""
    region: list[float | None] = []
    areas: dict[int, list[float | None]] = {}
    orgs: dict[int, list[float | None]] = {}
    for (side, area, org), value in rows.items():
        if area is not None:
            areas.setdefault(area, []).append(value)
        if side == 0:
            region.append(value)
            if org is not None:
                orgs.setdefault(org, []).append(value)

    def total(values: list[float | None] | None, *, empty_if_none: bool = False) -> float | None:
        if not values:
            return comp.empty
        known = [v for v in values if v is not None]
        if not known:
            return comp.empty if empty_if_none else None
        return _rounded(sum(known))

    return Levels(
        total(region, empty_if_none=True),  # `compute` gives the empty value for a sum of nothing known
        {a: total(areas.get(a)) for a in area_ids},
        {o: total(orgs.get(o)) for o in org_ids},
    )


def computation(key: str) -> Computation:
    """The registered computation `key`; `KeyError` names the unknown key."""
    try:
        return COMPUTATIONS[key]
    except KeyError:
        raise KeyError(f"unknown computed indicator: {key}") from None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def compute(
    session: Session,
    key: str,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The figure `key` for the period, for the region, an area or an organisation.

    Counts and sums are 0 when nothing happened; shares and medians are None when there is nothing
    to divide or rank (a dash in the UI, not a zero).
    """
    comp = computation(key)
    values = comp.measure(session, Scope(start, end, area_id, organisation_id))
    value = values.get(None)
    return _rounded(comp.empty if value is None else value)


def compute_by_organisation(
    session: Session, key: str, *, start: date, end: date, area_id: int | None = None
) -> dict[int, float | None]:
    """The figure per organisation (every organisation of the area, or of the region), in one query."""
    comp = computation(key)
    values = comp.measure(session, Scope(start, end, area_id, None, "organisation"))
    orgs = select(Organisation.id)
    if area_id is not None:
        orgs = orgs.where(Organisation.area_id == area_id)
    return {org_id: _rounded(values.get(org_id, comp.empty)) for org_id in session.exec(orgs).all()}


def compute_by_area(session: Session, key: str, *, start: date, end: date) -> dict[int, float | None]:
    """The figure per core area, in one query (areas without records get the empty value)."""
    comp = computation(key)
    values = comp.measure(session, Scope(start, end, None, None, "area"))
    return {area_id: _rounded(values.get(area_id, comp.empty)) for area_id in session.exec(select(Area.id)).all()}

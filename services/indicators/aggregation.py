"""The aggregation rules: how an indicator's values add up over periods and organisations. ONE place.

Every figure page (area dashboards, Min förvaltning, Rådsläge) and the innovationsbokslut ask
`values(...)` / `value(...)` here for an indicator over a span (both ends included) for the region, an
area or an organisation, optionally grouped per organisation or per area.

| rule    | over the span's periods and its organisations                         | target for a span     |
|---------|-----------------------------------------------------------------------|-----------------------|
| `flow`  | summed                                                                | per period x periods  |
| `stock` | each organisation's last reported period in the span, summed          | as set (at span end)  |
| `share` | Σ numerators / Σ denominators (`ratio`), or weighted by staff (`staff`) | as set, falls back    |
| `level` | mean, each value weighted by staff (`staff`) or equally (`equal`)     | as set, falls back    |

"Weighted by staff": each value weighs by its organisation's staff count (`Organisation.staff_count`;
an organisation without one does not weigh in). "Falls back": an organisation without a target of its
own is held against its area's, an area against the region's (`services.indicators.targets`).

Reported values count when approved. Computed indicators are counted from the records over the whole
span by their computation (`services.indicators.computed`), which follows its rule by construction:
a flow counts the span's events, a share is Σ/Σ over the span's records, a median ranks every record,
a stock counts at the span's end. Their rule is their computation's and cannot be changed.

Everything is aggregated in SQL, one statement per indicator, span and grouping. Reported values are
already one row per organisation and period: each rule's two sums per organisation come from SQL and
are added up over a level's organisations here (see "reported values" below). The computed flows read
the counts kept per day (`services.indicators.day_counts`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, Protocol

from sqlalchemy import and_, func, literal
from sqlmodel import Session, col, select

from models import Aggregation, IndicatorSource, IndicatorValue, Organisation, ValueStatus, Weighting
from services.indicators import computed as ind_computed

Group = Literal["organisation", "area"] | None
Values = dict[int | None, float | None]

# The weightings each rule allows for a reported indicator; the first is the default.
WEIGHTINGS: dict[str, tuple[Weighting | None, ...]] = {
    Aggregation.flow: (None,),
    Aggregation.stock: (None,),
    Aggregation.share: (Weighting.ratio, Weighting.staff),
    Aggregation.level: (Weighting.equal, Weighting.staff),
}


class RuleHolder(Protocol):
    """What the rules need to know of an indicator (a table row or a plain row)."""

    id: Any
    source: str
    computation: str | None
    aggregation: str
    weighting: str | None


def is_summed(aggregation: str) -> bool:
    """Flows and stocks add up over organisations: a region's count is no yardstick for one area."""
    return aggregation in (Aggregation.flow, Aggregation.stock)


def is_scaled(aggregation: str) -> bool:
    """Only a flow grows with the span: a year of a quarterly flow is four quarters' worth."""
    return aggregation == Aggregation.flow


def default_rule(unit: str, computation: str | None = None) -> tuple[Aggregation, Weighting | None]:
    """The rule an indicator gets when none is stated: its computation's, else by its unit."""
    if computation in ind_computed.COMPUTATIONS:
        comp = ind_computed.COMPUTATIONS[computation]
        return comp.aggregation, comp.weighting
    if unit == "%":
        return Aggregation.share, Weighting.ratio
    if unit in ("index", "dagar"):
        return Aggregation.level, Weighting.equal
    return Aggregation.flow, None


def is_computed(indicator: RuleHolder) -> bool:
    """Counted from the records by a registered computation, not reported."""
    return indicator.source == IndicatorSource.computed and bool(indicator.computation)


def _rounded(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


# ---------------------------------------------------------------- the one entry point


def values(
    session: Session,
    indicator: RuleHolder,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
    group: Group = None,
) -> Values:
    """The indicator over start..end by its rule: `{None: value}` for the scope, or per organisation or
    per area (`group`). Computed flows give 0 where nothing happened; everything else None (a dash)."""
    if is_computed(indicator):
        key = indicator.computation or ""
        if group == "organisation":
            return dict(ind_computed.compute_by_organisation(session, key, start=start, end=end, area_id=area_id))
        if group == "area":
            return dict(ind_computed.compute_by_area(session, key, start=start, end=end))
        return {
            None: ind_computed.compute(
                session, key, start=start, end=end, area_id=area_id, organisation_id=organisation_id
            )
        }
    return _reported(session, indicator, start, end, area_id, organisation_id, group)


def value(
    session: Session,
    indicator: RuleHolder,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The indicator over start..end for the region, an area or an organisation, by its rule."""
    found = values(session, indicator, start=start, end=end, area_id=area_id, organisation_id=organisation_id)
    return found.get(None)


# ---------------------------------------------------------------- reported values in SQL
#
# Every rule is two sums per organisation (`_parts`), added up over the organisations a level holds
# (`_combiner`): a sum; Σ numerators / Σ denominators; Σ value × staff / Σ staff; Σ values / their
# count. The region, an area and an organisation are all counted that way, whether asked one level at
# a time (`values`) or every level at once (`reported_levels`, the innovationsbokslut): the same
# additions in the same order, so a figure never differs by a rounding between two pages. (Summed in
# one SQL aggregate instead, floats added in another order could round x.x5 the other way.)


def _reported(
    session: Session,
    indicator: RuleHolder,
    start: date,
    end: date,
    area_id: int | None,
    organisation_id: int | None,
    group: Group,
) -> Values:
    rows = _partials(session, indicator, start, end, area_id=area_id, organisation_id=organisation_id)
    combine = _combiner(indicator)
    if group is None:
        return {None: combine([(top, bottom) for _, _, top, bottom in rows])}
    grouped: dict[int, list[tuple[Any, Any]]] = {}
    for org, area, top, bottom in rows:
        key = org if group == "organisation" else area
        if key is not None:
            grouped.setdefault(key, []).append((top, bottom))
    return {key: combine(parts) for key, parts in grouped.items()}


Levels = tuple[float | None, dict[int, float | None], dict[int, float | None]]


def reported_levels(session: Session, indicator: RuleHolder, *, start: date, end: date) -> Levels:
    """A reported indicator over start..end for the region, per area and per organisation (those with
    values), exactly as `value` and `values(group=...)` give each, from one statement (the
    innovationsbokslut asked three per indicator)."""
    rows = _partials(session, indicator, start, end)
    combine = _combiner(indicator)
    by_area: dict[int, list[tuple[Any, Any]]] = {}
    for _, area, top, bottom in rows:
        if area is not None:
            by_area.setdefault(area, []).append((top, bottom))
    return (
        combine([(top, bottom) for _, _, top, bottom in rows]),
        {area: combine(parts) for area, parts in by_area.items()},
        {org: combine([(top, bottom)]) for org, _, top, bottom in rows if org is not None},
    )


def _partials(
    session: Session,
    indicator: RuleHolder,
    start: date,
    end: date,
    *,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[Any]:
    """(organisation, its area, top, bottom): the rule's two sums per organisation of the scope, in the
    organisations' order, from approved values of periods starting within start..end."""
    v = IndicatorValue
    approved = [
        v.indicator_id == indicator.id,
        v.status == ValueStatus.approved,
        v.period_start >= start,
        v.period_start <= end,
    ]
    if organisation_id is not None:
        approved.append(v.organisation_id == organisation_id)
    top, bottom, extra = _parts(indicator)
    stmt = (
        select(v.organisation_id, Organisation.area_id, top, bottom)
        .select_from(v)
        .join(Organisation, v.organisation_id == Organisation.id)
    )
    if indicator.aggregation == Aggregation.stock:
        # Each organisation's last approved period within the span, then the sum of those values.
        last = (
            select(v.organisation_id.label("org"), func.max(v.period_start).label("last"))
            .where(*approved)
            .group_by(v.organisation_id)
            .subquery()
        )
        stmt = stmt.join(last, and_(last.c.org == v.organisation_id, last.c.last == v.period_start))
    where = [*approved, *extra, *([Organisation.area_id == area_id] if area_id is not None else [])]
    stmt = stmt.where(*where).group_by(v.organisation_id, Organisation.area_id).order_by(v.organisation_id)
    return list(session.exec(stmt).all())


def _parts(indicator: RuleHolder) -> tuple[Any, Any, list[Any]]:
    """The rule's two sums per organisation (the second None for a sum), and the rows it needs (those
    that carry its weight)."""
    v = IndicatorValue
    if indicator.aggregation in (Aggregation.flow, Aggregation.stock):
        return func.sum(v.value), literal(None), []
    if indicator.aggregation == Aggregation.share and indicator.weighting == Weighting.ratio:
        return (
            func.sum(v.numerator),
            func.sum(v.denominator),
            [col(v.numerator).is_not(None), col(v.denominator).is_not(None)],
        )
    if indicator.weighting == Weighting.staff:
        staff = Organisation.staff_count
        return func.sum(v.value * staff), func.sum(staff), [col(staff).is_not(None), staff > 0]
    return func.sum(v.value), func.count(v.value), []


def _combiner(indicator: RuleHolder) -> Any:
    """From some organisations' (top, bottom) sums, the rule's value: a sum of nothing known is None (a
    dash), and so is a division by nothing."""
    summed = indicator.aggregation in (Aggregation.flow, Aggregation.stock)
    ratio = indicator.aggregation == Aggregation.share and indicator.weighting == Weighting.ratio

    def known(values: list[Any]) -> float | None:
        present = [float(x) for x in values if x is not None]
        return sum(present) if present else None

    def combine(parts: list[tuple[Any, Any]]) -> float | None:
        top = known([t for t, _ in parts])
        if summed:
            return _rounded(top)
        bottom = known([b for _, b in parts])
        if top is None or not bottom:
            return None
        return _rounded((100.0 if ratio else 1.0) * top / bottom)

    return combine

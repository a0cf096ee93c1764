"""The innovationsbokslut: a year's figures for the region, each core area and each organisation.

The figures are built by a fixed number of grouped queries (one per computed indicator and grouping,
one per reported indicator, one for ideas by stage and submitter, one for testbeds), not one per
organisation, so the report stays fast at ten times the region's size. They come out as plain JSON
(`ReportData`), which is what a frozen year keeps in the region's `AnnualReport.snapshot`: after
freezing, the page and the exports show the snapshot, whatever the records say later.

Commentary is written per level in `AnnualReport.commentary`: the region's and each core area's by
admins, each organisation's by its managers (admins may help); a frozen year takes no new commentary,
whoever asks. Admins and the council read the whole report; a manager reads the region, the areas and
their own organisation (`report` leaves the others out, so the exports made from it do too). Only
admins freeze a year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

import db
from models import (
    AnnualReport,
    Area,
    Idea,
    IdeaArea,
    Indicator,
    IndicatorScope,
    Organisation,
    Role,
    User,
    utcnow,
)
from services.benefits import figures as benefit_figures
from services.budgets import budget as budgets
from services.indicators import aggregation
from services.indicators import computed as ind_computed
from services.indicators import targets as ind_targets
from services.indicators.targets import target_met
from services.people.auth import Actor, require_admin, require_login, require_role
from services.shared import audit
from services.shared.errors import DomainError, PermissionDenied, ValidationError
from services.shared.validation import clean_text
from services.testbeds.catalogue import status_counts_on

ReportData = dict[str, Any]
READERS: tuple[Role, ...] = (Role.admin, Role.council, Role.manager)
MAX_COMMENTARY = 5000
REGION = "region"


def area_key(area_id: int) -> str:
    return f"area:{area_id}"


def org_key(organisation_id: int) -> str:
    return f"org:{organisation_id}"


class YearFrozen(DomainError):
    """The year's report is frozen: its figures and commentary stay as published."""

    def __init__(self, year: int) -> None:
        super().__init__("annual.error_frozen", year=year)


# ---------------------------------------------------------------- building the figures


def build(session: Session, year: int) -> ReportData:
    """Every level's figures for `year`, computed from the records now (no permission check: callers
    check; this is also what `freeze` stores)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    areas = session.exec(select(Area).order_by(Area.sort_order, Area.id)).all()
    orgs = session.exec(select(Organisation).order_by(Organisation.name)).all()
    indicators = session.exec(
        select(Indicator).where(col(Indicator.is_active).is_(True)).order_by(Indicator.code)
    ).all()
    area_of = {o.id: o.area_id for o in orgs}
    levels: dict[str, dict[str, Any]] = {REGION: _empty_level()}
    levels.update({area_key(a.id): _empty_level() for a in areas if a.id is not None})
    levels.update({org_key(o.id): _empty_level() for o in orgs if o.id is not None})

    _ideas(session, levels, start, end)
    _testbeds(session, levels, end)
    _benefits(session, levels, start, end)
    counted = _indicators(session, levels, indicators, start, end, area_of)
    _budgets(session, levels, year, counted)
    return {
        "year": year,
        "computed_at": utcnow().isoformat(timespec="seconds"),
        "areas": [{"id": a.id, "code": a.code, "name_sv": a.name_sv, "name_en": a.name_en} for a in areas],
        "organisations": [{"id": o.id, "name": o.name, "short_name": o.short_name, "area_id": o.area_id} for o in orgs],
        "indicators": [
            {
                "code": i.code,
                "name_sv": i.name_sv,
                "name_en": i.name_en,
                "unit": i.unit,
                "direction": i.direction,
                "source": i.source,
                "computation": i.computation,
                "aggregation": i.aggregation,
                "weighting": i.weighting,
                "owner_org_id": i.owner_org_id,
            }
            for i in indicators
        ],
        "levels": levels,
    }


def _empty_level() -> dict[str, Any]:
    return {
        "ideas_by_stage": {},
        "ideas_by_kind": {},
        "testbeds": {},
        "indicators": {},
        "benefits": {},
        "ideas_by_benefit": {},
        "applications_by_benefit": {},
    }


def _add(counter: dict[str, int], key: str, n: int) -> None:
    counter[key] = counter.get(key, 0) + n


def _levels_of(area_id: int | None, organisation_id: int | None) -> list[str]:
    keys = [REGION]
    if area_id is not None:
        keys.append(area_key(area_id))
    if organisation_id is not None:
        keys.append(org_key(organisation_id))
    return keys


def _ideas(session: Session, levels: dict[str, dict[str, Any]], start: date, end: date) -> None:
    """Ideas received in the year, by current stage and kind of submitter: the year's ideas counted per
    place, and a grouped query for the cross-sector ideas, which count on every further area they touch
    as well (not twice in the region or their organisation)."""
    scope = ind_computed.Scope(start, end)
    received = [
        col(Idea.merged_into_id).is_(None),
        Idea.received_at >= scope.start_at,
        Idea.received_at < scope.end_at,
    ]
    # Counted here from the year's rows (the received-at index holds these columns), as plain tuples: SQL's
    # grouping into some 5,000 groups took half as long again at ten times the region, and so did counting
    # SQLAlchemy's rows, which compare in Python.
    year = select(Idea.area_id, Idea.organisation_id, Idea.stage, Idea.submitter_kind).where(*received)
    rows = Counter(map(tuple, db.core_rows(session, year).all()))
    further = session.exec(
        select(IdeaArea.area_id, Idea.stage, Idea.submitter_kind, func.count())
        .join(Idea, Idea.id == IdeaArea.idea_id)
        .where(IdeaArea.area_id != Idea.area_id, *received)
        .group_by(IdeaArea.area_id, Idea.stage, Idea.submitter_kind)
    ).all()
    # Summed per place first (a few thousand rows of area × organisation × stage × kind), then per level.
    by_stage: Counter[tuple[int | None, int | None, str]] = Counter()
    by_kind: Counter[tuple[int | None, int | None, str]] = Counter()
    for (area_id, org_id, stage, kind), n in rows.items():
        by_stage[area_id, org_id, stage] += n
        by_kind[area_id, org_id, kind] += n
    for part, counts in (("ideas_by_stage", by_stage), ("ideas_by_kind", by_kind)):
        for (area_id, org_id, what), n in counts.items():
            for key in _levels_of(area_id, org_id):
                if key in levels:
                    _add(levels[key][part], what, n)
    for area_id, stage, kind, n in further:  # on the further area only
        key = area_key(area_id)
        if key in levels:
            _add(levels[key]["ideas_by_stage"], stage, int(n))
            _add(levels[key]["ideas_by_kind"], kind, int(n))


def _testbeds(session: Session, levels: dict[str, dict[str, Any]], end: date) -> None:
    """Test and demonstration environments by status as they stood on the year's last day (from their
    dated history: one closed in March is closed, not open, at the year's end)."""
    for area_id, org_id, status, n in status_counts_on(session, end):
        for key in _levels_of(area_id, org_id):
            if key in levels:
                _add(levels[key]["testbeds"], status, n)


def _benefits(session: Session, levels: dict[str, dict[str, Any]], start: date, end: date) -> None:
    """The "nytta" section: per unit, the benefits estimated and realised as of the year's end (each
    benefit's latest measurement by 31 December, never a sum over measurements: `services.benefits.figures`),
    and the year's ideas and applications by kind of benefit."""
    for area_id, org_id, unit, estimated, realised, n, measured in benefit_figures.totals_rows(
        session, end=end, group_by_scope=True
    ):
        for key in _levels_of(area_id, org_id):
            if key in levels:
                entry = levels[key]["benefits"].setdefault(
                    unit, {"estimated": 0.0, "realised": 0.0, "benefits": 0, "measured": 0}
                )
                entry["estimated"] += estimated
                entry["realised"] += realised
                entry["benefits"] += n
                entry["measured"] += measured
    for level in levels.values():
        for entry in level["benefits"].values():
            entry["estimated"], entry["realised"] = round(entry["estimated"], 1), round(entry["realised"], 1)
    for what, area_id, org_id, kind, n in benefit_figures.by_kind_rows(session, start=start, end=end):
        for key in _levels_of(area_id, org_id):
            if key in levels:
                _add(levels[key]["ideas_by_benefit" if what == "idea" else "applications_by_benefit"], kind, n)


def _budgets(
    session: Session, levels: dict[str, dict[str, Any]], year: int, counted: dict[str, ind_computed.Levels]
) -> None:
    """Innovation budget against outcome: each organisation's, summed per area (of the organisations
    in it) and for the region (`services.budgets.budget`: one row per organisation from grouped queries;
    the money granted and the ideas implemented per organisation as the indicators counted them)."""
    per_organisation = {key: found.by_organisation for key, found in counted.items()}
    rows = budgets.outcome_rows(session, year, counted=per_organisation)
    by_level: dict[str, list[budgets.BudgetRow]] = {}
    for row in rows:
        for key in _levels_of(row.area_id, row.organisation_id):
            by_level.setdefault(key, []).append(row)
    for key, level in levels.items():
        level["budget"] = budgets.total(by_level.get(key, [])).as_dict()


def _indicators(
    session: Session,
    levels: dict[str, dict[str, Any]],
    indicators: list[Indicator],
    start: date,
    end: date,
    area_of: dict[Any, int],
) -> dict[str, ind_computed.Levels]:
    """Every active indicator per level, by its aggregation rule, with its target for the year and
    whether it was met. Returns the figures counted for every level at once (`compute_levels`)."""
    targets = ind_targets.targets_of_year(session, start.year)
    # The figures kept per day, every level of them, in one statement; the medians of days in one read each.
    kept = ind_computed.compute_levels(
        session,
        [i.computation for i in indicators if aggregation.is_computed(i) and i.computation],
        start=start,
        end=end,
    )
    places = {key: _level_of(key, area_of) for key in levels}
    for ind in indicators:
        values = _kept_values(kept[ind.computation]) if ind.computation in kept else _values(session, ind, start, end)
        # The indicator's fields read once, not at each of some 150 levels (an ORM attribute read each).
        ind_id, code, rule, frequency, direction = ind.id, ind.code, ind.aggregation, ind.frequency, ind.direction
        own = org_key(ind.owner_org_id or 0) if ind.scope == IndicatorScope.own else None
        scaled: dict[float | None, float | None] = {}  # the few targets set, each scaled to the year once
        for key, level in levels.items():
            if own is not None and key != own:
                continue  # an administration's own indicator belongs to its report only
            value = values.get(key)
            picked = ind_targets.pick_target(targets, ind_id, aggregation=rule, **places[key])
            if picked not in scaled:
                scaled[picked] = ind_targets.scale_target(
                    picked, aggregation=rule, frequency=frequency, start=start, end=end
                )
            target = scaled[picked]
            level["indicators"][code] = {"value": value, "target": target, "met": target_met(direction, value, target)}
    return kept


def _values(session: Session, ind: Indicator, start: date, end: date) -> dict[str, float | None]:
    """The indicator's value per level key, by its rule (`services.indicators.aggregation`): a reported
    one's from one statement, a computed share's from one query for the region, one grouped by area and
    one grouped by organisation."""
    span = {"start": start, "end": end}
    if not aggregation.is_computed(ind):
        region, by_area, by_org = aggregation.reported_levels(session, ind, **span)
    else:
        region = aggregation.value(session, ind, **span)
        by_area = aggregation.values(session, ind, **span, group="area")  # type: ignore[assignment]
        by_org = aggregation.values(session, ind, **span, group="organisation")  # type: ignore[assignment]
    out: dict[str, float | None] = {REGION: region}
    out.update({area_key(a): v for a, v in by_area.items() if a})
    out.update({org_key(o): v for o, v in by_org.items() if o})
    return out


def _kept_values(levels: ind_computed.Levels) -> dict[str, float | None]:
    """`_values` of a figure from `compute_levels`."""
    out: dict[str, float | None] = {REGION: levels.region}
    out.update({area_key(a): v for a, v in levels.by_area.items() if a})
    out.update({org_key(o): v for o, v in levels.by_organisation.items() if o})
    return out


def _level_of(key: str, area_of: dict[Any, int]) -> dict[str, int | None]:
    """The area and organisation a level key ("region", "area:3", "org:7") stands for."""
    kind, _, raw = key.partition(":")
    ident = int(raw) if raw else None
    if kind == "org":
        return {"area_id": area_of.get(ident), "organisation_id": ident}
    return {"area_id": ident if kind == "area" else None, "organisation_id": None}


# ---------------------------------------------------------------- the report as the page shows it


@dataclass(frozen=True)
class Report:
    """A year's report: live figures, or the snapshot of a frozen year, with the commentary."""

    year: int
    data: ReportData
    commentary: dict[str, str]
    frozen_at: datetime | None
    frozen_by: str | None

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None


def _rows(session: Session, year: int) -> list[AnnualReport]:
    return list(session.exec(select(AnnualReport).where(AnnualReport.year == year)).all())


def _key_of(row: AnnualReport) -> str:
    """The level key a report row belongs to: the region, an area or an organisation."""
    if row.organisation_id is not None:
        return org_key(row.organisation_id)
    return REGION if row.area_id is None else area_key(row.area_id)


def _commentary(rows: list[AnnualReport]) -> dict[str, str]:
    return {_key_of(r): r.commentary for r in rows if r.commentary}


def _region_row(session: Session, year: int) -> AnnualReport | None:
    return session.exec(
        select(AnnualReport).where(
            AnnualReport.year == year,
            col(AnnualReport.organisation_id).is_(None),
            col(AnnualReport.area_id).is_(None),
        )
    ).first()


# ---------------------------------------------------------------- who reads and writes what


def require_reader(actor: Actor | None) -> Actor:
    """The bokslut is read by admins, the council and managers (these only partly: `readable_levels`)."""
    return require_role(actor, *READERS)


def may_read_level(actor: Actor, key: str) -> bool:
    """Admins and the council read every level; a manager the region, the areas and their own
    organisation (other organisations' figures and commentary are theirs)."""
    if not actor.is_manager:
        return True
    return not key.startswith("org:") or key == org_key(actor.organisation_id or 0)


def may_write_level(actor: Actor, key: str) -> bool:
    """Admins write the region's and the areas' commentary (and any organisation's, as the central team);
    a manager writes their own organisation's only."""
    if actor.is_admin:
        return True
    return actor.is_manager and key == org_key(actor.organisation_id or 0)


def _visible(actor: Actor, data: ReportData, commentary: dict[str, str]) -> tuple[ReportData, dict[str, str]]:
    """The report as this reader may see it: a manager's copy leaves other organisations out, in the
    figures, the commentary and therefore in every export made from it."""
    if not actor.is_manager:
        return data, commentary
    own = actor.organisation_id
    data = {
        **data,
        "organisations": [o for o in data["organisations"] if o["id"] == own],
        "indicators": [i for i in data["indicators"] if i.get("owner_org_id") in (None, own)],
        "levels": {k: v for k, v in data["levels"].items() if may_read_level(actor, k)},
    }
    return data, {k: v for k, v in commentary.items() if may_read_level(actor, k)}


def report(session: Session, actor: Actor | None, year: int) -> Report:
    """The year's report as `actor` may read it: a frozen year's snapshot, else figures computed now."""
    actor = require_reader(actor)
    rows = _rows(session, year)
    region = next((r for r in rows if r.organisation_id is None and r.area_id is None), None)
    if region is not None and region.frozen_at is not None and region.snapshot:
        snapshot = dict(region.snapshot)
        frozen_by = session.get(User, region.frozen_by_id) if region.frozen_by_id else None
        data, commentary = _visible(actor, snapshot["data"], dict(snapshot.get("commentary", {})))
        return Report(year, data, commentary, region.frozen_at, frozen_by.display_name if frozen_by else None)
    data, commentary = _visible(actor, build(session, year), _commentary(rows))
    return Report(year, data, commentary, None, None)


def save_commentary(
    session: Session,
    actor: Actor | None,
    year: int,
    organisation_id: int | None,
    text: str,
    *,
    area_id: int | None = None,
) -> AnnualReport:
    """Write the commentary of an organisation, a core area (`area_id`) or the region (neither).

    Managers write their own organisation's, admins the region's and the areas' (and any organisation's);
    a frozen year takes none. Audited.
    """
    actor = require_login(actor)
    if organisation_id is not None and area_id is not None:
        raise ValidationError.single("organisation", "errors.not_allowed_value")
    key = org_key(organisation_id) if organisation_id is not None else area_key(area_id) if area_id else REGION
    if not may_write_level(actor, key):
        raise PermissionDenied("annual.error_not_your_level")
    _refuse_frozen(session, year)
    text = clean_text(text) or ""
    if len(text) > MAX_COMMENTARY:
        raise ValidationError.single("commentary", "annual.error_too_long", max=MAX_COMMENTARY)
    if organisation_id is not None and session.get(Organisation, organisation_id) is None:
        raise ValidationError.single("organisation", "errors.not_allowed_value")
    if area_id is not None and session.get(Area, area_id) is None:
        raise ValidationError.single("organisation", "errors.not_allowed_value")
    row = session.exec(
        select(AnnualReport).where(
            AnnualReport.year == year,
            _is(AnnualReport.organisation_id, organisation_id),
            _is(AnnualReport.area_id, area_id),
        )
    ).first()
    if row is None:
        row = AnnualReport(year=year, organisation_id=organisation_id, area_id=area_id)
    before = row.commentary
    row.commentary = text
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "annual_report.commentary",
        "annualreport",
        row.id,
        year=year,
        organisation_id=organisation_id,
        area_id=area_id,
        before_chars=len(before or ""),
        after_chars=len(text),
    )
    session.commit()
    return row


def _is(column: Any, value: int | None) -> Any:
    return col(column).is_(None) if value is None else column == value


def freeze(session: Session, actor: Actor | None, year: int, *, today: date) -> AnnualReport:
    """Publish the year: store its figures and commentary in the snapshot; from now on they stay.

    A year that has not yet ended cannot be frozen (its figures are still moving).
    """
    actor = require_admin(actor)
    _refuse_frozen(session, year)
    if year >= today.year:
        raise ValidationError.single("year", "annual.error_year_not_over", year=year)
    rows = _rows(session, year)
    region = _region_row(session, year) or AnnualReport(year=year)
    region.snapshot = {"data": build(session, year), "commentary": _commentary(rows)}
    region.frozen_at = utcnow()
    region.frozen_by_id = actor.id
    region.updated_at = region.frozen_at
    session.add(region)
    session.flush()
    audit.record(session, actor, "annual_report.freeze", "annualreport", region.id, year=year)
    session.commit()
    return region


def _refuse_frozen(session: Session, year: int) -> None:
    region = _region_row(session, year)
    if region is not None and region.frozen_at is not None:
        raise YearFrozen(year)


def report_years(session: Session, today: date) -> list[int]:
    """The years a report can be made for: from the first idea's year to this year, newest first."""
    first = session.exec(select(func.min(Idea.received_at))).one()
    first_year = first.year if first else today.year
    frozen = session.exec(select(func.min(AnnualReport.year))).one()
    if frozen is not None:
        first_year = min(first_year, frozen)
    return list(range(today.year, first_year - 1, -1))


# ---------------------------------------------------------------- reading a report's figures

SUMMARY: tuple[str, ...] = (
    "ideas_received",
    "ideas_implemented",
    "adoptions",
    "fund_applications",
    "fund_sek_applied",
    "fund_sek_granted",
    "fund_share_granted",
    "testbed_requests",
    "testbed_median_days_first_response",
)


def level_names(data: ReportData, language: str) -> dict[str, str]:
    """Level key -> display name: the region, each area, each organisation."""
    names = {REGION: "Region Stockholm"}
    names.update({area_key(a["id"]): a["name_en" if language == "en" else "name_sv"] for a in data["areas"]})
    names.update({org_key(o["id"]): o["name"] for o in data["organisations"]})
    return names


def ordered_levels(data: ReportData) -> list[str]:
    """The region, then each area followed by its organisations."""
    keys = [REGION]
    for area in data["areas"]:
        keys.append(area_key(area["id"]))
        keys += [org_key(o["id"]) for o in data["organisations"] if o["area_id"] == area["id"]]
    return keys


def child_levels(data: ReportData, key: str) -> list[str]:
    """The levels one down, in report order: the region's areas, an area's organisations; none below an
    organisation."""
    if key == REGION:
        return [area_key(area["id"]) for area in data["areas"]]
    kind, _, ident = key.partition(":")
    if kind != "area":
        return []
    return [org_key(o["id"]) for o in data["organisations"] if str(o["area_id"]) == ident]


def summary_value(data: ReportData, level: str, computation: str) -> float | None:
    """A level's figure for a computed indicator, via the registry's code for that computation."""
    figures = data["levels"].get(level, {})
    if computation == "ideas_received" and figures.get("ideas_by_stage") is not None:
        return float(sum(figures["ideas_by_stage"].values()))
    code = next((i["code"] for i in data["indicators"] if i.get("computation") == computation), None)
    entry = figures.get("indicators", {}).get(code) if code else None
    return entry["value"] if entry else None

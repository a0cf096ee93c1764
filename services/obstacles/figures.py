"""The council's figures of obstacles: parked and closed ideas and stopped fund projects per coded
obstacle, by kind, core area and organisation, and the register's open obstacles; with the records
behind a figure. Counted in SQL; a cross-sector idea counts on every area it touches (its own and its
`IdeaArea` rows)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, literal, union_all
from sqlmodel import Session, col, select

from models import FundApplication, Idea, IdeaArea, Obstacle, ObstacleKind, ObstacleStatus, Organisation
from services.indicators.computed import touches_area
from services.obstacles.register import require_reader
from services.people.auth import Actor
from services.shared.pagination import Page, page_bounds
from services.shared.workdays import start_of_day


def _idea_conditions(year: int | None) -> list:
    conditions = [col(Idea.obstacle_kind).is_not(None), col(Idea.merged_into_id).is_(None)]
    if year is not None:
        conditions += [
            Idea.stage_changed_at >= start_of_day(date(year, 1, 1)),
            Idea.stage_changed_at < start_of_day(date(year + 1, 1, 1)),
        ]
    return conditions


@dataclass(frozen=True)
class KindFigure:
    kind: str
    ideas_parked: int
    ideas_closed: int
    projects_stopped: int
    open_obstacles: int

    @property
    def total(self) -> int:
        return self.ideas_parked + self.ideas_closed + self.projects_stopped


def _project_conditions(year: int | None) -> list:
    conditions = [col(FundApplication.obstacle_kind).is_not(None)]
    if year is not None:
        conditions += [
            FundApplication.updated_at >= start_of_day(date(year, 1, 1)),
            FundApplication.updated_at < start_of_day(date(year + 1, 1, 1)),
        ]
    return conditions


def by_kind(*, session: Session, actor: Actor | None, year: int | None = None) -> list[KindFigure]:
    """Each obstacle kind: ideas parked and closed with it, projects stopped by it, open register entries."""
    require_reader(actor)
    ideas = dict.fromkeys(ObstacleKind, (0, 0))
    for kind, stage, n in session.exec(
        select(Idea.obstacle_kind, Idea.stage, func.count())
        .where(*_idea_conditions(year))
        .group_by(Idea.obstacle_kind, Idea.stage)
    ).all():
        parked, closed = ideas[ObstacleKind(kind)]
        ideas[ObstacleKind(kind)] = (parked + n, closed) if stage == "parked" else (parked, closed + n)
    stopped = dict(
        session.exec(
            select(FundApplication.obstacle_kind, func.count())
            .where(*_project_conditions(year))
            .group_by(FundApplication.obstacle_kind)
        ).all()
    )
    open_register = dict(
        session.exec(
            select(Obstacle.kind, func.count()).where(Obstacle.status == ObstacleStatus.open).group_by(Obstacle.kind)
        ).all()
    )
    return [
        KindFigure(k.value, *ideas[k], stopped.get(k.value, 0), open_register.get(k.value, 0)) for k in ObstacleKind
    ]


def by_area(*, session: Session, actor: Actor | None, year: int | None = None) -> list[tuple[int, str, int]]:
    """(area id, kind, ideas) for parked and closed ideas; a cross-sector idea counts on each of its areas.

    Counted per side and added up: an idea's own area and its further ones (`IdeaArea`, other than its
    own) are distinct pairs, so no idea counts twice on one area. (Counting distinct ideas over the union
    of both sides sorted every stopped idea: 40 ms at ten times the region, where most parked and closed
    ideas carry their obstacle.)"""
    require_reader(actor)
    conditions = _idea_conditions(year)
    counts: Counter[tuple[int, str]] = Counter()
    own = select(Idea.area_id, Idea.obstacle_kind, func.count()).where(*conditions)
    # From the coded ideas (their index) to their further areas: SQLite otherwise walks every further area
    # and looks up its idea (13 ms at ten times the region, against 3.5); `+ 0` on the idea's id keeps it
    # from that lookup. PostgreSQL plans this join well by itself.
    idea_id = col(Idea.id) + 0 if session.get_bind().dialect.name == "sqlite" else col(Idea.id)
    further = (
        select(IdeaArea.area_id, Idea.obstacle_kind, func.count())
        .join(Idea, idea_id == IdeaArea.idea_id)
        .where(*conditions, IdeaArea.area_id != Idea.area_id)
    )
    for side in (
        own.group_by(Idea.area_id, Idea.obstacle_kind),
        further.group_by(IdeaArea.area_id, Idea.obstacle_kind),
    ):
        for area_id, kind, n in session.exec(side).all():  # type: ignore[call-overload]
            counts[area_id, kind] += n
    return [(a, k, n) for (a, k), n in sorted(counts.items())]


def by_organisation(
    *, session: Session, actor: Actor | None, year: int | None = None, limit: int = 20
) -> list[tuple[str, str, int]]:
    """(organisation, kind, cases) for parked and closed ideas and stopped projects, the organisations
    with the most cases first (at most `limit` organisations; equal totals by name), each one's kinds
    most common first. Counted per organisation and kind in SQL (some 1,400 rows at ten times the region),
    ranked here."""
    require_reader(actor)
    ideas = select(Idea.organisation_id.label("org"), Idea.obstacle_kind.label("kind")).where(
        *_idea_conditions(year), col(Idea.organisation_id).is_not(None)
    )
    projects = select(FundApplication.organisation_id.label("org"), FundApplication.obstacle_kind.label("kind")).where(
        *_project_conditions(year)
    )
    cases = union_all(ideas, projects).subquery()
    per_org: dict[int, dict[str, int]] = {}
    for org, kind, n in session.exec(
        select(cases.c.org, cases.c.kind, func.count()).group_by(cases.c.org, cases.c.kind)
    ):
        per_org.setdefault(org, {})[kind] = n
    names = dict(
        session.exec(select(Organisation.id, Organisation.short_name).where(col(Organisation.id).in_(per_org))).all()
    )
    ranked = sorted(per_org, key=lambda org: (-sum(per_org[org].values()), names[org], org))[:limit]
    return [
        (names[org], kind, n)
        for org in ranked
        for kind, n in sorted(per_org[org].items(), key=lambda item: (-item[1], item[0]))
    ]


@dataclass(frozen=True)
class CaseRow:
    kind: str  # "idea" or "fund_application"
    ref: str
    title: str
    organisation: str | None
    state: str  # the idea's stage or the application's status


def cases(
    *,
    session: Session,
    actor: Actor | None,
    kind: str,
    area_id: int | None = None,
    year: int | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[CaseRow]:
    """The ideas (and, without an area, the stopped projects) behind a figure of obstacle `kind`, in the
    year if one is given (as the figures count them)."""
    require_reader(actor)
    idea_where = [*_idea_conditions(year), Idea.obstacle_kind == kind]
    if area_id is not None:
        idea_where.append(touches_area(Idea.id, area_id))
    ideas = select(
        literal("idea").label("k"),
        Idea.ref.label("ref"),
        Idea.title.label("title"),
        Idea.organisation_id.label("org"),
        Idea.stage.label("state"),
    ).where(*idea_where)
    parts = [ideas]
    if area_id is None:
        parts.append(
            select(
                literal("fund_application").label("k"),
                FundApplication.ref.label("ref"),
                FundApplication.title.label("title"),
                FundApplication.organisation_id.label("org"),
                FundApplication.status.label("state"),
            ).where(*_project_conditions(year), FundApplication.obstacle_kind == kind)
        )
    every = union_all(*parts).subquery()
    # Counted side by side, each from its own index (the ideas' holds the kind): counted over the union,
    # every case's title and reference were read first (6 ms for one kind at ten times the region).
    total = sum(session.exec(select(func.count()).select_from(part.subquery())).one() for part in parts)
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(every.c.k, every.c.ref, every.c.title, Organisation.short_name, every.c.state)
        .join(Organisation, Organisation.id == every.c.org, isouter=True)
        .order_by(every.c.ref.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return Page(items=[CaseRow(*r) for r in rows], total=total, page=page, page_size=page_size)

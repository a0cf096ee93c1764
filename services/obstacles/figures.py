"""The council's figures of obstacles: parked and closed ideas and stopped fund projects per coded
obstacle, by kind, core area and organisation, and the register's open obstacles; with the records
behind a figure. Counted in SQL; a cross-sector idea counts on every area it touches (its own and its
`IdeaArea` rows)."""

from __future__ import annotations

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
    stopped_conditions = [col(FundApplication.obstacle_kind).is_not(None)]
    if year is not None:
        stopped_conditions += [
            FundApplication.updated_at >= start_of_day(date(year, 1, 1)),
            FundApplication.updated_at < start_of_day(date(year + 1, 1, 1)),
        ]
    stopped = dict(
        session.exec(
            select(FundApplication.obstacle_kind, func.count())
            .where(*stopped_conditions)
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
    """(area id, kind, ideas) for parked and closed ideas; a cross-sector idea counts on each of its areas."""
    require_reader(actor)
    conditions = _idea_conditions(year)
    # The stopped ideas' own areas and their further ones: each side filtered first (few ideas have an
    # obstacle), not every idea's areas listed and then joined.
    own = select(Idea.id.label("idea_id"), Idea.area_id.label("area_id"), Idea.obstacle_kind.label("kind")).where(
        *conditions
    )
    further = (
        select(IdeaArea.idea_id.label("idea_id"), IdeaArea.area_id.label("area_id"), Idea.obstacle_kind)
        .join(Idea, col(Idea.id) == IdeaArea.idea_id)
        .where(*conditions)
    )
    touched = union_all(own, further).subquery()
    rows = session.exec(
        select(touched.c.area_id, touched.c.kind, func.count(func.distinct(touched.c.idea_id))).group_by(
            touched.c.area_id, touched.c.kind
        )
    ).all()
    return [(a, k, n) for a, k, n in rows]


def by_organisation(
    *, session: Session, actor: Actor | None, year: int | None = None, limit: int = 20
) -> list[tuple[str, str, int]]:
    """(organisation, kind, cases) for parked and closed ideas and stopped projects, the organisations
    with the most cases first (at most `limit` organisations)."""
    require_reader(actor)
    ideas = select(Idea.organisation_id.label("org"), Idea.obstacle_kind.label("kind")).where(
        *_idea_conditions(year), col(Idea.organisation_id).is_not(None)
    )
    projects = select(FundApplication.organisation_id.label("org"), FundApplication.obstacle_kind.label("kind")).where(
        col(FundApplication.obstacle_kind).is_not(None)
    )
    cases = union_all(ideas, projects).subquery()
    totals = (
        select(cases.c.org, func.count().label("n")).group_by(cases.c.org).order_by(func.count().desc()).limit(limit)
    ).subquery()
    rows = session.exec(
        select(Organisation.short_name, cases.c.kind, func.count(), totals.c.n)
        .join(totals, totals.c.org == cases.c.org)
        .join(Organisation, Organisation.id == cases.c.org)
        .group_by(Organisation.short_name, cases.c.kind, totals.c.n)
        .order_by(totals.c.n.desc(), Organisation.short_name)
    ).all()
    return [(org, kind, n) for org, kind, n, _ in rows]


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
    """The ideas (and, without an area, the stopped projects) behind a figure of obstacle `kind`."""
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
            ).where(FundApplication.obstacle_kind == kind)
        )
    every = union_all(*parts).subquery()
    total = session.exec(select(func.count()).select_from(every)).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(every.c.k, every.c.ref, every.c.title, Organisation.short_name, every.c.state)
        .join(Organisation, Organisation.id == every.c.org, isouter=True)
        .order_by(every.c.ref.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return Page(items=[CaseRow(*r) for r in rows], total=total, page=page, page_size=page_size)

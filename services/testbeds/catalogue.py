"""The testbed catalogue: public search with filters and counts, the testbed page, and management.

The catalogue is public ("en tydlig väg in"): anyone may search it and read a testbed's page, whatever
its status. Creating and changing a testbed is for admins and for managers of the organisation that
runs it. Filtering and counting happen in SQL, so the catalogue stays quick however long it grows.

Every status a testbed takes is kept with its day (`TestbedStatusChange`), so that the figures can count
testbeds as they stood at a period's end (`status_counts_on`), not as they stand today.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import ColumnElement, case, func, or_
from sqlmodel import Session, col, select

from models import (
    Access,
    ApplicationStatus,
    Area,
    EnvType,
    FundApplication,
    Idea,
    Organisation,
    Testbed,
    TestbedRequest,
    TestbedStatus,
    TestbedStatusChange,
    utcnow,
)
from services.people.auth import Actor, require_login
from services.shared import audit, fulltext, history
from services.shared.errors import Message, NotFound, PermissionDenied, ValidationError
from services.shared.history import state_on
from services.shared.pagination import Page, page_bounds
from services.shared.search import search_words, text_matches
from services.shared.validation import check_email, check_url, clean_text, fail, parse

AUDIENCES = ("external", "employees")
PUBLIC_STATUSES = (TestbedStatus.open.value, TestbedStatus.planned.value)
# A fund application counts as a funded project from approval on.
FUNDED_STATUSES = (
    ApplicationStatus.approved.value,
    ApplicationStatus.in_progress.value,
    ApplicationStatus.final_reported.value,
    ApplicationStatus.closed.value,
)
MAX_MAP_POINTS = 2000
MAX_EXPORT_ROWS = 20_000
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class CatalogueFilters:
    """What the visitor chose; empty tuples mean "any". TRL matches testbeds whose range overlaps."""

    area_codes: tuple[str, ...] = ()
    env_types: tuple[str, ...] = ()
    accesses: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    statuses: tuple[str, ...] = PUBLIC_STATUSES
    trl_min: int = 1
    trl_max: int = 9
    search: str = ""


@dataclass(frozen=True)
class TestbedCard:
    __test__ = False

    id: int
    slug: str
    name: str
    summary: str
    area_code: str
    organisation: str
    env_type: str
    access: str
    for_external: bool
    for_employees: bool
    trl_min: int
    trl_max: int
    status: str
    address: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class TestbedDetail:
    __test__ = False

    card: TestbedCard
    organisation_id: int
    offers: str
    conditions: str
    contact_name: str | None
    contact_email: str | None
    url: str | None
    ideas: list[str] = field(default_factory=list)
    funded_projects: list[str] = field(default_factory=list)


_CARD_COLUMNS = (Testbed, Area.code, Organisation.name)


def _card(testbed: Testbed, area_code: str, organisation: str) -> TestbedCard:
    return TestbedCard(
        id=testbed.id,
        slug=testbed.slug,
        name=testbed.name,
        summary=testbed.summary,
        area_code=area_code,
        organisation=organisation,
        env_type=testbed.env_type,
        access=testbed.access,
        for_external=testbed.for_external,
        for_employees=testbed.for_employees,
        trl_min=testbed.trl_min,
        trl_max=testbed.trl_max,
        status=testbed.status,
        address=testbed.address,
        lat=testbed.lat,
        lon=testbed.lon,
    )


def _conditions(session: Session, filters: CatalogueFilters, skip: str | None = None) -> list[ColumnElement[bool]]:
    """SQL conditions for `filters`, leaving out the facet `skip` (so its own counts stay visible)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.area_codes and skip != "area":
        conditions.append(col(Area.code).in_(filters.area_codes))
    if filters.env_types and skip != "env_type":
        conditions.append(col(Testbed.env_type).in_(filters.env_types))
    if filters.accesses and skip != "access":
        conditions.append(col(Testbed.access).in_(filters.accesses))
    if filters.statuses and skip != "status":
        conditions.append(col(Testbed.status).in_(filters.statuses))
    if filters.audiences and skip != "audience":
        wanted = []
        if "external" in filters.audiences:
            wanted.append(col(Testbed.for_external).is_(True))
        if "employees" in filters.audiences:
            wanted.append(col(Testbed.for_employees).is_(True))
        conditions.append(or_(*wanted))
    conditions.append(col(Testbed.trl_min) <= filters.trl_max)
    conditions.append(col(Testbed.trl_max) >= filters.trl_min)
    for word in search_words(filters.search):  # in the testbed's texts (indexed) or its organisation's name
        in_texts = fulltext.matches(session, word, Testbed.name, Testbed.summary, Testbed.offers)
        conditions.append(or_(in_texts, text_matches(word, Organisation.name)))
    return conditions


def _joined(query: Any) -> Any:
    return query.join(Area, Testbed.area_id == Area.id).join(Organisation, Testbed.organisation_id == Organisation.id)


def search_testbeds(
    *, session: Session, filters: CatalogueFilters, page: int = 1, page_size: int = 12
) -> Page[TestbedCard]:
    """Testbeds matching every filter, open ones first, then by name. Public."""
    conditions = _conditions(session, filters)
    total = session.exec(_joined(select(func.count(col(Testbed.id)))).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    open_first = case((col(Testbed.status) == TestbedStatus.open.value, 0), else_=1)
    rows = session.exec(
        _joined(select(*_CARD_COLUMNS))
        .where(*conditions)
        .order_by(open_first, Testbed.name, Testbed.id)
        .offset(offset)
        .limit(limit)
    )
    return Page(items=[_card(*row) for row in rows], total=total, page=page, page_size=page_size)


def all_matching(*, session: Session, filters: CatalogueFilters, limit: int = MAX_EXPORT_ROWS) -> list[TestbedCard]:
    """Every matching testbed by name (capped far above the region's size), for the export. Public."""
    rows = session.exec(
        _joined(select(*_CARD_COLUMNS)).where(*_conditions(session, filters)).order_by(Testbed.name).limit(limit)
    )
    return [_card(*row) for row in rows]


@dataclass(frozen=True)
class MapPoint:
    slug: str
    name: str
    lat: float
    lon: float


def map_points(*, session: Session, filters: CatalogueFilters, limit: int = MAX_MAP_POINTS) -> list[MapPoint]:
    """Where the matching testbeds that have coordinates are (capped), for the map. Public."""
    rows = session.exec(
        _joined(select(Testbed.slug, Testbed.name, Testbed.lat, Testbed.lon))
        .where(*_conditions(session, filters), col(Testbed.lat).is_not(None), col(Testbed.lon).is_not(None))
        .order_by(Testbed.name)
        .limit(limit)
    )
    return [MapPoint(*row) for row in rows]


def filter_counts(*, session: Session, filters: CatalogueFilters) -> dict[str, dict[str, int]]:
    """For each facet, how many testbeds each choice would give with the other filters kept.

    Keys: `area`, `env_type`, `access`, `status`, `audience`; values map a choice to its count.
    """
    counts: dict[str, dict[str, int]] = {}
    for facet, column in (
        ("area", Area.code),
        ("env_type", Testbed.env_type),
        ("access", Testbed.access),
        ("status", Testbed.status),
    ):
        rows = session.exec(
            _joined(select(column, func.count(col(Testbed.id))))
            .where(*_conditions(session, filters, facet))
            .group_by(column)
        )
        counts[facet] = {str(value): n for value, n in rows}
    external, employees = session.exec(
        _joined(
            select(
                func.sum(case((col(Testbed.for_external).is_(True), 1), else_=0)),
                func.sum(case((col(Testbed.for_employees).is_(True), 1), else_=0)),
            )
        ).where(*_conditions(session, filters, "audience"))
    ).one()
    counts["audience"] = {"external": int(external or 0), "employees": int(employees or 0)}
    return counts


def get_testbed(*, session: Session, slug: str) -> TestbedDetail:
    """A testbed's public page, with the titles of ideas and funded projects that used it."""
    row = session.exec(_joined(select(*_CARD_COLUMNS, Testbed)).where(Testbed.slug == slug)).first()
    if row is None:
        raise NotFound()
    testbed = row[3]
    return TestbedDetail(
        card=_card(*row[:3]),
        organisation_id=testbed.organisation_id,
        offers=testbed.offers,
        conditions=testbed.conditions,
        contact_name=testbed.contact_name,
        contact_email=testbed.contact_email,
        url=testbed.url,
        ideas=_idea_titles(session, testbed.id),
        funded_projects=_funded_titles(session, testbed.id),
    )


def _idea_titles(session: Session, testbed_id: int) -> list[str]:
    """Ideas linked to a request for this testbed (anonymised or merged ones left out)."""
    rows = session.exec(
        select(Idea.title)
        .join(TestbedRequest, col(TestbedRequest.idea_id) == Idea.id)
        .where(TestbedRequest.testbed_id == testbed_id, col(Idea.anonymised_at).is_(None))
        .where(col(Idea.merged_into_id).is_(None))
        .distinct()
        .order_by(Idea.title)
    )
    return list(rows)


def _funded_titles(session: Session, testbed_id: int) -> list[str]:
    """Funded projects that named this testbed, or whose application a request for it was linked to."""
    linked = select(TestbedRequest.application_id).where(
        TestbedRequest.testbed_id == testbed_id, col(TestbedRequest.application_id).is_not(None)
    )
    rows = session.exec(
        select(FundApplication.title)
        .where(col(FundApplication.status).in_(FUNDED_STATUSES))
        .where(or_(FundApplication.testbed_id == testbed_id, col(FundApplication.id).in_(linked)))
        .distinct()
        .order_by(FundApplication.title)
    )
    return list(rows)


def testbed_names(*, session: Session) -> list[tuple[int, str]]:
    """(id, name) of every testbed, closed ones included, by name: for choosing one in figures. Public."""
    return [(i, n) for i, n in session.exec(select(Testbed.id, Testbed.name).order_by(Testbed.name))]


# ---------------------------------------------------------------- management


def may_manage(actor: Actor | None, organisation_id: int | None) -> bool:
    """Admins manage every testbed; a manager those of their own organisation."""
    return actor is not None and (actor.is_admin or actor.manages(organisation_id))


def require_manage(actor: Actor | None, organisation_id: int | None) -> Actor:
    actor = require_login(actor)
    if not may_manage(actor, organisation_id):
        raise PermissionDenied()
    return actor


class TestbedInput(BaseModel):
    """A testbed as the management form sends it."""

    __test__ = False

    name: str = Field(max_length=200)
    slug: str | None = Field(default=None, max_length=80)
    area_id: int
    organisation_id: int
    summary: str = Field(max_length=2000)
    offers: str = Field(max_length=4000)
    conditions: str | None = Field(default=None, max_length=4000)
    env_type: EnvType
    access: Access
    for_external: bool = True
    for_employees: bool = True
    trl_min: int = Field(ge=1, le=9)
    trl_max: int = Field(ge=1, le=9)
    status: TestbedStatus = TestbedStatus.planned
    address: str | None = Field(default=None, max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    contact_name: str | None = Field(default=None, max_length=120)
    contact_email: str | None = Field(default=None, max_length=254)
    url: str | None = Field(default=None, max_length=300)

    _clean = field_validator(
        "name",
        "slug",
        "summary",
        "offers",
        "conditions",
        "address",
        "contact_name",
        "contact_email",
        "url",
        mode="before",
    )(clean_text)
    _email = field_validator("contact_email")(check_email)
    _url = field_validator("url")(check_url)

    @field_validator("slug")
    @classmethod
    def _slug_form(cls, value: str | None) -> str | None:
        if value is not None and not SLUG_PATTERN.match(value):
            raise fail("testbeds.slug_invalid")
        return value


def slugify(name: str) -> str:
    """A URL-safe slug from a name: å/ä -> a, ö -> o, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80] or "testmiljo"


def _cross_field_problems(data: dict[str, Any]) -> dict[str, Message]:
    """Checks between fields, on the raw form values, so that they show together with the others."""
    problems: dict[str, Message] = {}
    low, high = data.get("trl_min"), data.get("trl_max")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        problems["trl_max"] = Message("testbeds.trl_order")
    lat, lon = data.get("lat"), data.get("lon")
    if (lat is None) != (lon is None):
        problems["lon" if lon is None else "lat"] = Message("testbeds.lat_lon_pair")
    if not (data.get("for_external", True) or data.get("for_employees", True)):
        problems["for_external"] = Message("testbeds.audience_required")
    return problems


def _validated(session: Session, data: dict[str, Any]) -> TestbedInput:
    """The form's values checked field by field, against each other and against the database; every
    problem found is reported at once."""
    problems = _cross_field_problems(data)
    try:
        values = parse(TestbedInput, data)
    except ValidationError as error:
        raise ValidationError({**problems, **error.fields}) from None
    if problems:
        raise ValidationError(problems)
    if session.get(Area, values.area_id) is None:
        raise ValidationError.single("area_id", "errors.not_allowed_value")
    if session.get(Organisation, values.organisation_id) is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    return values


def _unique_slug(session: Session, wanted: str, testbed_id: int | None) -> str:
    taken = session.exec(
        select(Testbed.id).where(Testbed.slug == wanted, col(Testbed.id) != (testbed_id or -1))
    ).first()
    if taken is not None:
        raise ValidationError.single("slug", "testbeds.slug_taken")
    return wanted


def _columns(values: TestbedInput) -> dict[str, Any]:
    data = values.model_dump(exclude={"slug"})
    data["conditions"] = data["conditions"] or ""
    for key in ("env_type", "access", "status"):
        data[key] = str(data[key].value if hasattr(data[key], "value") else data[key])
    return data


def create_testbed(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> Testbed:
    """Add a testbed. A manager may only add one run by their own organisation."""
    require_login(actor)
    values = _validated(session, data)
    actor = require_manage(actor, values.organisation_id)
    slug = _unique_slug(session, values.slug or slugify(values.name), None)
    testbed = Testbed(slug=slug, **_columns(values))
    session.add(testbed)
    session.flush()
    _record_status(session, actor, testbed)
    audit.record(session, actor, "testbed.created", "testbed", testbed.id, slug=slug, name=testbed.name)
    session.commit()
    return testbed


def _owned(session: Session, actor: Actor | None, testbed_id: int) -> tuple[Actor, Testbed]:
    testbed = session.get(Testbed, testbed_id)
    if testbed is None:
        raise NotFound()
    return require_manage(actor, testbed.organisation_id), testbed


def update_testbed(*, session: Session, actor: Actor | None, testbed_id: int, data: dict[str, Any]) -> Testbed:
    """Change a testbed. A manager cannot hand a testbed to another organisation."""
    actor, testbed = _owned(session, actor, testbed_id)
    values = _validated(session, data)
    if not actor.is_admin and values.organisation_id != testbed.organisation_id:
        raise ValidationError.single("organisation_id", "testbeds.other_org")
    slug = _unique_slug(session, values.slug or testbed.slug, testbed.id)
    changed = {}
    for key, value in {"slug": slug, **_columns(values)}.items():
        if getattr(testbed, key) != value:
            changed[key] = value
            setattr(testbed, key, value)
    if changed:
        testbed.updated_at = utcnow()
        if "status" in changed:
            _record_status(session, actor, testbed)
        audit.record(session, actor, "testbed.updated", "testbed", testbed.id, changed=sorted(changed))
        session.commit()
    return testbed


def set_status(*, session: Session, actor: Actor | None, testbed_id: int, status: str) -> Testbed:
    """Plan, open or close a testbed. A closed testbed stays in the catalogue's history but takes no requests."""
    actor, testbed = _owned(session, actor, testbed_id)
    new = TestbedStatus(status)
    if testbed.status == new:
        return testbed
    previous = testbed.status
    testbed.status = new.value
    testbed.updated_at = utcnow()
    _record_status(session, actor, testbed)
    audit.record(session, actor, "testbed.status_changed", "testbed", testbed.id, previous=previous, status=new.value)
    session.commit()
    return testbed


def _record_status(session: Session, actor: Actor, testbed: Testbed) -> None:
    """Keep the status the testbed has from today on (its history, for counts at a period's end)."""
    session.add(
        TestbedStatusChange(testbed_id=testbed.id, status=testbed.status, changed_on=history.today(), actor_id=actor.id)
    )


def status_counts_on(
    session: Session, day: date, *, area_id: int | None = None, organisation_id: int | None = None
) -> list[tuple[int, int, str, int]]:
    """(area, organisation, status, count) of the testbeds as they stood on `day`, from their dated
    history: a testbed closed in March is closed, not open, on 31 December; one created later is not
    counted at all. Aggregates only, like the catalogue's counts."""
    state = state_on(TestbedStatusChange, TestbedStatusChange.testbed_id, day)
    stmt = (
        select(Testbed.area_id, Testbed.organisation_id, state.c.status, func.count())
        .select_from(state)
        .join(Testbed, Testbed.id == state.c.testbed_id)
        .where(state.c.latest == 1)
        .group_by(Testbed.area_id, Testbed.organisation_id, state.c.status)
    )
    if area_id is not None:
        stmt = stmt.where(Testbed.area_id == area_id)
    if organisation_id is not None:
        stmt = stmt.where(Testbed.organisation_id == organisation_id)
    return [(a, o, status, int(n)) for a, o, status, n in session.exec(stmt).all()]


def get_for_edit(*, session: Session, actor: Actor | None, testbed_id: int) -> dict[str, Any]:
    """A testbed's editable values, for the form; only to those who may manage it."""
    _, testbed = _owned(session, actor, testbed_id)
    return testbed.model_dump()


def managed_testbeds(*, session: Session, actor: Actor | None) -> list[tuple[int, str, str]]:
    """(id, name, status) of every testbed the actor may manage, by name."""
    actor = require_login(actor)
    query = select(Testbed.id, Testbed.name, Testbed.status).order_by(Testbed.name)
    if not actor.is_admin:
        if not actor.is_manager:
            raise PermissionDenied()
        query = query.where(Testbed.organisation_id == actor.organisation_id)
    return [(i, n, s) for i, n, s in session.exec(query)]

"""The demo region: one loader for `manage.py seed`, `make run` and the tests.

Reads the JSON/CSV files in `data/seed/` (see its README) and writes every table in one transaction.
Dates in the files are written for `SEED_REFERENCE_DAY`; loaded later, every date moves forward by the
same number of days so that the demo stays recent, and year-bound things (call years, targets,
reported periods) move by whole years only.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, update
from sqlmodel import Session, SQLModel, select

import models as m
from services.fund.applications import default_review_due
from services.indicators import day_counts
from services.indicators.aggregation import default_rule
from services.people.users import hash_password
from services.seed_volume import generated_ideas
from services.shared import audit, refs

SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "seed"
SEED_REFERENCE_DAY = date(2026, 11, 28)
DEMO_PASSWORD = "demo1234"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def years_moved(today: date) -> int:
    """How many whole years the demo's year-bound things (call years, targets, periods) move when it is
    loaded on `today` (tests compare the loaded demo with its files by this)."""
    return max(0, (today - SEED_REFERENCE_DAY).days) // 365


class AlreadySeeded(Exception):
    """The database already holds data; loading again needs `replace=True`."""


def database_is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(m.User)).one() == 0 and (
        session.exec(select(func.count()).select_from(m.Area)).one() == 0
    )


def clear_all(session: Session) -> None:
    """Delete every row of every table (children first), except the data version, which only grows (a
    process may hold caches keyed on it). For `seed --replace` and tests only."""
    session.exec(m.Organisation.__table__.update().values(innovation_lead_id=None))  # type: ignore[attr-defined]
    for table in reversed(SQLModel.metadata.sorted_tables):
        if table is not m.DataVersion.__table__:
            session.exec(delete(table))  # type: ignore[call-overload]
    session.flush()


@dataclass
class _Clock:
    """Moves seed dates from the reference day to the load day."""

    today: date
    days: int = field(init=False)
    years: int = field(init=False)

    def __post_init__(self) -> None:
        self.days = max(0, (self.today - SEED_REFERENCE_DAY).days)
        self.years = years_moved(self.today)

    def day(self, value: str | None) -> date | None:
        return date.fromisoformat(value) + timedelta(days=self.days) if value else None

    def year(self, value: int) -> int:
        return value + self.years

    def period(self, value: str) -> date:
        d = date.fromisoformat(value)
        return d.replace(year=d.year + self.years)

    def latest(self, moment: datetime) -> datetime:
        """`moment`, or the load day's morning if it would be later: derived times never lie ahead."""
        return min(moment, datetime.combine(self.today, time(7, 0), tzinfo=UTC))

    def at(self, value: str | None, salt: str = "") -> datetime | None:
        """A believable working-hours moment on that day, as UTC; the same for the same salt."""
        d = self.day(value)
        if d is None:
            return None
        minutes = int(hashlib.sha256(f"{value}{salt}".encode()).hexdigest(), 16) % (8 * 60)
        local = datetime.combine(d, time(8, 0), tzinfo=STOCKHOLM) + timedelta(minutes=minutes)
        return local.astimezone(UTC)


@dataclass
class _Index:
    areas: dict[str, int] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    org_area: dict[int, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    ideas: dict[str, int] = field(default_factory=dict)
    testbeds: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, int] = field(default_factory=dict)
    applications: dict[str, int] = field(default_factory=dict)

    def user(self, username: str | None) -> int | None:
        if username is None:
            return None
        return self.users[username]

    def org(self, short_name: str | None) -> int | None:
        if short_name is None:
            return None
        return self.orgs[short_name]


def _read_json(seed_dir: Path, name: str) -> Any:
    return json.loads((seed_dir / name).read_text(encoding="utf-8"))


def load_demo(
    session: Session,
    *,
    seed_dir: Path = SEED_DIR,
    today: date | None = None,
    replace: bool = False,
    password: str = DEMO_PASSWORD,
) -> dict[str, int]:
    """Load the demo region and commit; returns how many rows each table got.

    Refuses (`AlreadySeeded`) a database that holds data, unless `replace` wipes it first, so that
    loading twice never doubles anything.
    """
    if not database_is_empty(session):
        if not replace:
            raise AlreadySeeded()
        clear_all(session)
    clock = _Clock(today or date.today())
    index = _Index()
    _load_region(session, seed_dir, clock, index, password)
    _load_testbeds(session, seed_dir, clock, index)
    _load_ideas(session, seed_dir, clock, index)
    _link_requests_to_ideas(session, seed_dir, clock, index)
    _load_fund(session, seed_dir, clock, index)
    _load_benefits(session, seed_dir, clock, index)
    _load_indicators(session, seed_dir, clock, index)
    _load_samverkan(session, seed_dir, clock, index)
    _load_notifications(session, index)
    _load_council(session, seed_dir, clock, index)
    _load_obstacles(session, seed_dir, clock, index)
    _load_budgets(session, seed_dir, clock, index)
    _load_competence(session, seed_dir, clock, index)
    day_counts.rebuild(session)  # the timelines and further areas went in as bulk SQL, past the ORM's hooks
    counts = {
        table.name: session.exec(select(func.count()).select_from(table)).one()
        for table in SQLModel.metadata.sorted_tables
    }
    audit.record(session, None, "seed.loaded", "database", None, counts=counts, shift_days=clock.days)
    session.commit()
    return counts


# ---------------------------------------------------------------- region and people


def _load_region(session: Session, seed_dir: Path, clock: _Clock, index: _Index, password: str) -> None:
    for order, row in enumerate(_read_json(seed_dir, "areas.json")):
        area = m.Area(sort_order=order, **row)
        session.add(area)
        session.flush()
        index.areas[area.code] = area.id
    organisations = _read_json(seed_dir, "organisations.json")
    for row in organisations:
        org = m.Organisation(
            name=row["name"],
            short_name=row["short_name"],
            kind=row["kind"],
            area_id=index.areas[row["area"]],
            staff_count=row.get("staff_count"),
        )
        session.add(org)
        session.flush()
        index.orgs[org.short_name] = org.id
        index.org_area[org.id] = org.area_id
    # One hash for every demo account: bcrypt is slow on purpose, and all demo accounts share the password.
    password_hash = hash_password(password)
    for row in _read_json(seed_dir, "users.json"):
        user = m.User(
            username=row["username"],
            display_name=row["display_name"],
            email=row["email"],
            role=row["role"],
            organisation_id=index.org(row.get("organisation")),
            language=row.get("language", "sv"),
            is_active=row.get("is_active", True),
            certified_innovation_leader_on=clock.day(row.get("certified_innovation_leader_on")),
            password_hash=password_hash,
        )
        session.add(user)
        session.flush()
        index.users[user.username] = user.id
        if user.certified_innovation_leader_on is not None:
            session.add(
                m.CertificationChange(user_id=user.id, certified=True, changed_on=user.certified_innovation_leader_on)
            )
            if not user.is_active:
                left = clock.day(row.get("left_on")) or user.certified_innovation_leader_on
                session.add(m.CertificationChange(user_id=user.id, certified=False, changed_on=left))
    for row in organisations:
        if row.get("innovation_lead"):
            org = session.get(m.Organisation, index.orgs[row["short_name"]])
            org.innovation_lead_id = index.users[row["innovation_lead"]]
            org.innovation_lead_appointed_on = clock.day(row.get("lead_appointed_on", "2023-01-15"))
            session.add(
                m.InnovationLeadChange(
                    organisation_id=org.id, lead_id=org.innovation_lead_id, changed_on=org.innovation_lead_appointed_on
                )
            )
    session.flush()


# ---------------------------------------------------------------- testbeds


def _load_testbeds(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    testbeds = _read_json(seed_dir, "testbeds.json")
    pending_requests: list[tuple[int, dict[str, Any]]] = []
    for row in testbeds:
        audiences = set(row.get("audiences", ["external", "employees"]))
        created = clock.at(row.get("created_on", "2023-06-01"), row["slug"])
        testbed = m.Testbed(
            slug=row["slug"],
            name=row["name"],
            area_id=index.areas[row["area"]],
            organisation_id=index.orgs[row["organisation"]],
            summary=row["summary"],
            offers=row["offers"],
            conditions=row.get("conditions", ""),
            env_type=row["env_type"],
            access=row["access"],
            for_external="external" in audiences,
            for_employees="employees" in audiences,
            trl_min=row["trl_min"],
            trl_max=row["trl_max"],
            status=row["status"],
            address=row.get("address"),
            lat=row.get("lat"),
            lon=row.get("lon"),
            contact_name=row.get("contact_name"),
            contact_email=row.get("contact_email"),
            url=row.get("url"),
            created_at=created,
            updated_at=created,
        )
        session.add(testbed)
        session.flush()
        index.testbeds[testbed.slug] = testbed.id
        # Its statuses with their days (the last is today's); without a history, its status since it came.
        since = {"on": row.get("created_on", "2023-06-01"), "status": row["status"]}
        for change in row.get("history") or [since]:
            session.add(
                m.TestbedStatusChange(
                    testbed_id=testbed.id, status=change["status"], changed_on=clock.day(change["on"])
                )
            )
        pending_requests.extend((testbed.id, r) for r in row.get("requests", []))
    # References are numbered in the order the requests came in.
    pending_requests.sort(key=lambda item: item[1]["created_on"])
    for testbed_id, row in pending_requests:
        received = clock.at(row["created_on"], row["description"][:40])
        request = m.TestbedRequest(
            ref=refs.next_ref(session, "TMR", received.year),
            testbed_id=testbed_id,
            requester_name=row.get("requester_name"),
            requester_org=row.get("requester_org"),
            requester_email=row.get("requester_email"),
            requester_kind=row["requester_kind"],
            description=row["description"],
            wanted_period=row.get("wanted_period"),
            consent_at=received,
            status=row["status"],
            received_at=received,
            first_response_at=clock.at(row.get("first_response_on"), row["description"][:20]),
            handled_by_id=index.user(row.get("handled_by")),
            created_at=received,
            updated_at=received,
        )
        session.add(request)
        session.flush()
        previous = m.RequestStatus.new.value
        for message in row.get("messages", []):
            to_status = message.get("to_status") or previous
            session.add(
                m.TestbedRequestEvent(
                    request_id=request.id,
                    at=clock.at(message["on"], message.get("text", "")[:20]),
                    actor_id=index.user(message.get("by")),
                    from_status=previous,
                    to_status=to_status,
                    text=message.get("text"),
                )
            )
            previous = to_status
    session.flush()


def _link_requests_to_ideas(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """Requests name ideas by key; ideas load after testbeds, so the links are set afterwards."""
    for row in _read_json(seed_dir, "testbeds.json"):
        for request_row in row.get("requests", []):
            if not request_row.get("idea"):
                continue
            received = clock.at(request_row["created_on"], request_row["description"][:40])
            request = session.exec(
                select(m.TestbedRequest).where(
                    m.TestbedRequest.testbed_id == index.testbeds[row["slug"]],
                    m.TestbedRequest.received_at == received,
                    m.TestbedRequest.description == request_row["description"],
                )
            ).one()
            request.idea_id = index.ideas[request_row["idea"]]
    session.flush()


# ---------------------------------------------------------------- ideas


def _load_ideas(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """The hand-written ideas and the generated everyday volume, numbered in the order they came in.

    Written as bulk inserts of plain rows (building thousands of model objects took most of the load
    time): a demo of a few thousand ideas still loads in seconds. References are counted here and their
    sequences stored at the end, as `refs.next_ref` would have left them."""
    rows = _read_json(seed_dir, "ideas.json") + generated_ideas(seed_dir, SEED_REFERENCE_DAY)
    rows.sort(key=lambda r: r["received_on"])  # stable: on the same day, the hand-written ones first
    numbers: dict[int, int] = {}
    ideas: list[dict[str, Any]] = []
    for row in rows:
        key = row["key"]
        received = clock.at(row["received_on"], key)
        history = row.get("history", [])
        stage = history[-1]["to"] if history else m.IdeaStage.received.value
        stage_changed = clock.at(history[-1]["on"], key + "h") if history else received
        has_contact = bool(row.get("contact_name") or row.get("contact_email"))
        numbers[received.year] = numbers.get(received.year, 0) + 1
        ideas.append(
            {
                "ref": f"IDE-{received.year}-{numbers[received.year]:0{refs.WIDTHS['IDE']}d}",
                "title": row["title"],
                "need": row["need"],
                "proposal": row["proposal"],
                "benefit_kind": row["benefit_kind"],
                "submitter_kind": row["submitter_kind"],
                "submitter_id": index.user(row.get("submitter")),
                "contact_name": row.get("contact_name"),
                "contact_email": row.get("contact_email"),
                "consent_at": received if has_contact else None,
                "area_id": index.areas[row["area"]],
                "organisation_id": index.org(row.get("organisation")),
                "owner_id": index.user(row.get("owner")),
                "stage": stage,
                "stage_changed_at": stage_changed,
                "first_decision_at": clock.at(history[0]["on"], key + "h") if history else None,
                "closed_reason": row.get("closed_reason") if stage == m.IdeaStage.closed else None,
                "ip_status": row.get("ip_status", m.IpStatus.not_assessed.value),
                "received_at": received,
                "created_at": received,
                "updated_at": stage_changed,
            }
        )
    # Core inserts: the ORM's bulk path leaves out None values and then inserts row by row.
    connection = session.connection()
    ideas_table = m.Idea.__table__  # type: ignore[attr-defined]
    connection.execute(ideas_table.insert(), ideas)  # then ids by reference: RETURNING in order goes row by row
    id_of = dict(connection.execute(select(ideas_table.c.ref, ideas_table.c.id)).all())
    ids = [id_of[idea["ref"]] for idea in ideas]
    for year, last_value in numbers.items():
        session.add(m.RefSequence(prefix="IDE", year=year, last_value=last_value))
    events: list[dict[str, Any]] = []
    further: list[dict[str, Any]] = []
    adoptions: list[dict[str, Any]] = []
    supports: list[dict[str, Any]] = []
    for idea_id, idea, row in zip(ids, ideas, rows, strict=True):
        key = row["key"]
        index.ideas[key] = idea_id
        idea["id"] = idea_id
        events.extend(_idea_timeline(clock, index, idea, row))
        further.extend(
            {"idea_id": idea_id, "area_id": index.areas[code]}
            for code in row.get("further_areas", [])
            if index.areas[code] != idea["area_id"]
        )
        adoptions.extend(
            {
                "idea_id": idea_id,
                "organisation_id": index.orgs[adoption["organisation"]],
                "adopted_on": clock.day(adoption["on"]),
                "note": adoption.get("note"),
                "created_at": clock.at(adoption["on"], key + "a"),
            }
            for adoption in row.get("adoptions", [])
        )
        supports.extend(
            {"idea_id": idea_id, "user_id": index.users[username], "created_at": idea["received_at"]}
            for username in row.get("supporters", [])
        )
    for model, values in (
        (m.IdeaEvent, events),
        (m.IdeaArea, further),
        (m.IdeaAdoption, adoptions),
        (m.IdeaSupport, supports),
    ):
        if values:
            connection.execute(model.__table__.insert(), values)  # type: ignore[attr-defined]
    session.flush()


def _load_notifications(session: Session, index: _Index) -> None:
    """What the demo's managers were told of the ideas still waiting in Inkommen (delivered when they came
    in), and one manager's choice of a weekly digest."""
    from services.ideas import notices
    from services.notifications import outbox

    waiting = session.exec(
        select(m.Idea).where(m.Idea.stage == m.IdeaStage.received, m.Idea.organisation_id.is_not(None))  # type: ignore[union-attr]
    ).all()
    for idea in waiting:
        for user_id in notices.managers_of(session, idea.organisation_id):
            row = outbox.to_user(
                session,
                user_id=user_id,
                kind="idea.new_for_org",
                params={"ref": idea.ref, "title": idea.title},
                link=notices.manage_path(idea.ref),
                entity="idea",
                entity_id=idea.id,
                now=idea.received_at,
            )
            if row is not None and row.mail_state == m.MailState.pending:
                row.mail_state, row.sent_at, row.attempts = m.MailState.sent, idea.received_at, 1
    session.add(
        m.NotificationPreference(user_id=index.users["manager"], kind="idea.waiting", delivery=m.Delivery.weekly)
    )
    session.flush()


def _load_council(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """The council's recent meetings: attendance, agenda items about ideas, applications and the bokslut,
    decisions and actions (some done, some open, one overdue). No notices: they were sent at the time."""
    links = {"idea": index.ideas, "fund_application": index.applications}
    for row in _read_json(seed_dir, "council.json"):
        meeting = m.CouncilMeeting(
            held_on=clock.day(row["held_on"]),
            title=row["title"],
            location=row["location"],
            notes=row["notes"],
            created_by_id=index.user("admin"),
        )
        session.add(meeting)
        session.flush()
        session.add_all(m.CouncilAttendance(meeting_id=meeting.id, user_id=index.user(u)) for u in row["members"])
        items = []
        for position, item in enumerate(row["agenda"], start=1):
            kind, key = item["link"] or (None, None)
            linked_id = clock.year(key) if kind == "annual_report" else links[kind][key] if kind else None
            items.append(
                m.AgendaItem(
                    meeting_id=meeting.id, position=position, title=item["title"], linked_kind=kind, linked_id=linked_id
                )
            )
        session.add_all(items)
        session.flush()
        for decided in row["decisions"]:
            decision = m.CouncilDecision(
                meeting_id=meeting.id, agenda_item_id=items[decided["item"] - 1].id, text=decided["text"]
            )
            session.add(decision)
            session.flush()
            for action in decided["actions"]:
                done_on = clock.day(action.get("done_on"))
                owner = index.user(action["owner"])
                session.add(
                    m.ActionItem(
                        meeting_id=meeting.id,
                        decision_id=decision.id,
                        description=action["description"],
                        owner_id=owner,
                        due_on=clock.day(action["due_on"]),
                        status=m.ActionStatus.done if done_on else m.ActionStatus.open,
                        done_on=done_on,
                        done_by_id=owner if done_on else None,
                        done_note=action.get("done_note"),
                    )
                )
    session.flush()


def _load_obstacles(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """The coded obstacles of the demo's parked and closed ideas (hand-written ones by key, the everyday
    volume by its closing reason, parked ones in turn through a list of kinds) and the team's register."""
    data = _read_json(seed_dir, "obstacles.json")
    idea = m.Idea.__table__  # type: ignore[attr-defined]
    exits = idea.c.stage.in_([m.IdeaStage.parked, m.IdeaStage.closed]) & idea.c.merged_into_id.is_(None)
    for key, kind in data["ideas"].items():
        session.exec(update(idea).where(idea.c.id == index.ideas[key], exits).values(obstacle_kind=kind))
    for reason, kind in data["closed_reasons"].items():
        session.exec(
            update(idea)
            .where(idea.c.closed_reason == reason, idea.c.obstacle_kind.is_(None), exits)
            .values(obstacle_kind=kind)
        )
    cycle = data["parked_cycle"]
    turn = case(*((idea.c.id % len(cycle) == i, kind) for i, kind in enumerate(cycle)))
    session.exec(update(idea).where(idea.c.obstacle_kind.is_(None), exits).values(obstacle_kind=turn))
    for row in data["register"]:
        obstacle = m.Obstacle(
            title=row["title"],
            kind=row["kind"],
            description=row["description"],
            owner_id=index.user(row["owner"]),
            measures=row["measures"],
            status=row.get("status", m.ObstacleStatus.open),
            resolved_on=clock.day(row.get("resolved_on")),
            created_by_id=index.user("admin"),
        )
        session.add(obstacle)
        session.flush()
        links = {"idea": index.ideas, "fund_application": index.applications}
        session.add_all(
            m.ObstacleCase(obstacle_id=obstacle.id, linked_kind=kind, linked_id=links[kind][key])
            for kind, key in row["cases"]
        )
    session.flush()


def _load_budgets(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """Each organisation's budgeted innovation support for the demo's last two years."""
    session.add_all(
        m.InnovationBudget(
            organisation_id=index.org(row["organisation"]),
            year=clock.year(row["year"]),
            budget_sek=row["budget_sek"],
            note=row["note"],
        )
        for row in _read_json(seed_dir, "budgets.json")
    )
    session.flush()


def _load_competence(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """Courses and information efforts with their participants, employees and elected officials."""
    for row in _read_json(seed_dir, "competence.json"):
        course = m.Course(
            title=row["title"],
            kind=row["kind"],
            starts_on=clock.day(row["starts_on"]),
            ends_on=clock.day(row.get("ends_on")),
            target_group=row["target_group"],
            for_officials=row["for_officials"],
            organiser=row.get("organiser"),
            requirements=row.get("requirements"),
            valid_months=row.get("valid_months"),
        )
        session.add(course)
        session.flush()
        session.add_all(
            m.CourseParticipant(
                course_id=course.id,
                user_id=index.user(p.get("user")),
                official_name=p.get("official"),
                official_committee=p.get("committee"),
                completed_on=clock.day(p.get("completed_on")),
            )
            for p in row["participants"]
        )
    session.flush()


def _event(idea_id: int, at: datetime, actor_id: int | None, kind: str, **fields: Any) -> dict[str, Any]:
    """One IdeaEvent row, every column named (a bulk insert takes its columns from the rows)."""
    return {
        "idea_id": idea_id,
        "at": at,
        "actor_id": actor_id,
        "kind": kind,
        "from_stage": fields.get("from_stage"),
        "to_stage": fields.get("to_stage"),
        "text": fields.get("text"),
        "internal": fields.get("internal", False),
    }


def _idea_timeline(clock: _Clock, index: _Index, idea: dict[str, Any], row: dict[str, Any]) -> list[dict[str, Any]]:
    key, idea_id, owner_id = row["key"], idea["id"], idea["owner_id"]
    events = [
        _event(
            idea_id, idea["received_at"], idea["submitter_id"], m.IdeaEventKind.created, to_stage=m.IdeaStage.received
        )
    ]
    previous = m.IdeaStage.received.value
    for step in row.get("history", []):
        at = clock.at(step["on"], key + "h")
        by = index.user(step.get("by"))
        if previous == m.IdeaStage.received and owner_id:
            events.append(_event(idea_id, at, by, m.IdeaEventKind.assigned, internal=True))
        text = step.get("text")
        if step["to"] == m.IdeaStage.closed and not text:
            text = row.get("closed_reason")
        events.append(
            _event(idea_id, at, by, m.IdeaEventKind.stage_changed, from_stage=previous, to_stage=step["to"], text=text)
        )
        previous = step["to"]
    if idea["ip_status"] != m.IpStatus.not_assessed and row.get("history"):
        decided = clock.at(row["history"][min(1, len(row["history"]) - 1)]["on"], key + "ip")
        events.append(
            _event(idea_id, decided, owner_id, m.IdeaEventKind.ip_changed, text=idea["ip_status"], internal=True)
        )
    for comment in row.get("comments", []):
        events.append(
            _event(
                idea_id,
                clock.at(comment["on"], comment["text"][:20]),
                index.user(comment.get("by")),
                m.IdeaEventKind.comment,
                text=comment["text"],
                internal=bool(comment.get("internal", True)),
            )
        )
    for adoption in row.get("adoptions", []):
        events.append(
            _event(
                idea_id,
                clock.at(adoption["on"], key + "a"),
                owner_id,
                m.IdeaEventKind.adopted,
                text=adoption.get("note"),
            )
        )
    return events


# ---------------------------------------------------------------- Innovationsfonden

# The statuses an application passed through to reach its seeded status, after `draft`.
_APPLICATION_PATHS: dict[str, tuple[str, ...]] = {
    "draft": (),
    "submitted": ("submitted",),
    "in_review": ("submitted", "in_review"),
    "needs_info": ("submitted", "in_review", "needs_info"),
    "approved": ("submitted", "in_review", "approved"),
    "rejected": ("submitted", "in_review", "rejected"),
    "in_progress": ("submitted", "in_review", "approved", "in_progress"),
    "final_reported": ("submitted", "in_review", "approved", "in_progress", "final_reported"),
    "closed": ("submitted", "in_review", "approved", "in_progress", "final_reported", "closed"),
}


def _load_fund(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    data = _read_json(seed_dir, "fund.json")
    applications: list[tuple[m.FundCall, dict[str, Any]]] = []
    for row in data["calls"]:
        year = clock.year(row["year"])
        call = m.FundCall(
            name=row["name"].replace(str(row["year"]), str(year)),
            year=year,
            budget_sek=row["budget_sek"],
            opens_on=clock.day(row["opens_on"]),
            closes_on=clock.day(row["closes_on"]),
            review_due_on=default_review_due(clock.day(row["closes_on"])),
            status=row["status"],
            description=row.get("description", ""),
            criteria=row.get("criteria") or list(m.DEFAULT_CRITERIA),
            created_at=clock.at(row["opens_on"], row["name"]) - timedelta(days=30),
        )
        call.updated_at = call.created_at
        session.add(call)
        session.flush()
        applications.extend((call, a) for a in row.get("applications", []))
    applications.sort(key=lambda item: item[1].get("submitted_on") or item[0].closes_on.isoformat())
    for call, row in applications:
        _load_application(session, clock, index, call, row)
    session.flush()


def _load_application(session: Session, clock: _Clock, index: _Index, call: m.FundCall, row: dict[str, Any]) -> None:
    submitted = clock.at(row.get("submitted_on"), row["key"])
    created = (submitted or clock.at(call.opens_on.isoformat(), row["key"])) - timedelta(days=5)
    decided_on = clock.day(row.get("decided_on"))
    applicant_id = index.users[row["applicant"]]
    application = m.FundApplication(
        ref=refs.next_ref(session, "FON", (submitted or created).year),
        call_id=call.id,
        applicant_id=applicant_id,
        organisation_id=index.orgs[row["organisation"]],
        area_id=index.areas[row["area"]],
        idea_id=index.ideas[row["idea"]] if row.get("idea") else None,
        testbed_id=index.testbeds[row["testbed"]] if row.get("testbed") else None,
        title=row["title"],
        summary=row["summary"],
        expected_benefit=row["expected_benefit"],
        benefit_kind=row.get("benefit_kind", "social"),
        requested_sek=row["requested_sek"],
        co_funding_sek=row.get("co_funding_sek", 0),
        starts_on=clock.day(row["starts_on"]),
        ends_on=clock.day(row["ends_on"]),
        status=row["status"],
        submitted_at=submitted,
        granted_sek=row.get("granted_sek"),
        decided_on=decided_on,
        decision_note=row.get("decision_note"),
        created_at=created,
        updated_at=submitted or created,
    )
    session.add(application)
    session.flush()
    index.applications[row["key"]] = application.id
    admin_id = index.users.get("admin")
    application.decided_by_id = admin_id if decided_on else None
    events = [
        m.FundApplicationEvent(application_id=application.id, at=created, actor_id=applicant_id, to_status="draft")
    ]
    previous = "draft"
    moment = submitted or created
    decided_at = clock.at(row.get("decided_on"), row["key"] + "d")
    # Review starts when the call closes; in a call still open, a few days after submission.
    review_start = clock.latest(max(moment, call_close(call)))
    if review_start < call_close(call):
        review_start = clock.latest(moment + timedelta(days=3))
    declared = [clock.at(r.get("declared_on"), r["reviewer"]) for r in row.get("reviews", []) if r.get("declared_on")]
    assigned_at = min([review_start, *[d - timedelta(days=1) for d in declared]])
    path = _APPLICATION_PATHS[row["status"]]
    if row.get("info_request") and row["status"] != "needs_info":  # asked for more, answered, then decided
        path = (*path[:2], "needs_info", "submitted", "in_review", *path[2:])
    for status in path:
        if status == "submitted" and previous == "needs_info":
            moment, actor, text = clock.latest(moment + timedelta(days=6)), applicant_id, row.get("info_response")
        elif status == "submitted":
            moment, actor, text = submitted, applicant_id, None
        elif status == "in_review" and previous == "submitted" and moment > review_start:
            moment, actor, text = clock.latest(moment + timedelta(days=1)), admin_id, None
        elif status == "in_review":
            moment, actor, text = review_start, admin_id, None
        elif status == "needs_info":
            moment, actor, text = clock.latest(moment + timedelta(days=7)), admin_id, row.get("info_request")
        elif status in ("approved", "rejected"):
            moment, actor, text = decided_at or moment, admin_id, row.get("decision_note")
        elif status == "in_progress":
            moment = max(moment, datetime.combine(application.starts_on, time(9), tzinfo=UTC))
            actor, text = admin_id, None
        else:
            final = [r for r in row.get("reports", []) if r["kind"] == "final" and r.get("submitted_on")]
            moment = (
                clock.at(final[0]["submitted_on"], row["key"])
                if final and status == "final_reported"
                else moment + timedelta(days=20)
            )
            actor, text = (applicant_id if status == "final_reported" else admin_id), None
        events.append(
            m.FundApplicationEvent(
                application_id=application.id,
                at=moment,
                actor_id=actor,
                from_status=previous,
                to_status=status,
                text=text,
            )
        )
        previous = status
    session.add_all(events)
    for username in row.get("reviewers", []):
        session.add(
            m.ReviewAssignment(
                application_id=application.id,
                reviewer_id=index.users[username],
                assigned_by_id=admin_id,
                assigned_at=assigned_at,
            )
        )
    for review in row.get("reviews", []):
        session.add(
            m.FundReview(
                application_id=application.id,
                reviewer_id=index.users[review["reviewer"]],
                no_conflict_declared_at=clock.at(review.get("declared_on"), review["reviewer"]),
                scores=review.get("scores", {}),
                recommendation=review.get("recommendation"),
                comment=review.get("comment"),
                submitted_at=clock.at(review.get("submitted_on"), review["reviewer"] + "s"),
            )
        )
    for report in row.get("reports", []):
        session.add(
            m.FundReport(
                application_id=application.id,
                kind=report["kind"],
                due_on=clock.day(report["due_on"]),
                submitted_on=clock.day(report.get("submitted_on")),
                submitted_by_id=applicant_id if report.get("submitted_on") else None,
                text=report.get("text"),
                spent_sek=report.get("spent_sek"),
            )
        )


def _load_benefits(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """The benefits of ideas at Införande/Spridning and of funded projects, with their measurements
    (`benefits.json`, by idea or application key), so that the bokslut's nytta section is filled."""
    for row in _read_json(seed_dir, "benefits.json"):
        recorded = clock.at(row["recorded_on"], row["description"])
        benefit = m.BenefitRecord(
            idea_id=index.ideas[row["idea"]] if row.get("idea") else None,
            application_id=index.applications[row["application"]] if row.get("application") else None,
            kind=row["kind"],
            description=row["description"],
            unit=row["unit"],
            estimated_value=row.get("estimated_value"),
            recorded_by_id=index.user(row["recorded_by"]),
            created_at=recorded,
            updated_at=recorded,
        )
        session.add(benefit)
        session.flush()
        for measurement in row.get("measurements", []):
            at = clock.at(measurement["on"], row["description"])
            session.add(
                m.BenefitMeasurement(
                    benefit_id=benefit.id,
                    measured_on=clock.day(measurement["on"]),
                    value=measurement["value"],
                    measured_by=measurement["measured_by"],
                    recorded_by_id=index.user(measurement["recorded_by"]),
                    created_at=at,
                    updated_at=at,
                )
            )
    session.flush()


def call_close(call: m.FundCall) -> datetime:
    """The moment a call closes: the end of its last day, in Stockholm."""
    return datetime.combine(call.closes_on, time(23, 59), tzinfo=STOCKHOLM).astimezone(UTC)


# ---------------------------------------------------------------- samverkan


def _load_samverkan(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    """Partners, needs with their responses and assessments, procurements with their log and testbeds,
    agreements, partners linked to ideas, testbed requests and fund applications: a believable year of the
    region's Samverkan (data/seed/samverkan.json)."""
    data = _read_json(seed_dir, "samverkan.json")
    links = data["links"]
    partners: dict[str, int] = {}
    for row in data["partners"]:
        partner = m.Partner(
            name=row["name"],
            kind=row["kind"],
            org_number=row.get("org_number"),
            website=row.get("website"),
            description=row.get("description"),
            organisation_id=index.orgs[row["organisation"]],
            contact_name=row.get("contact_name"),
            contact_email=row.get("contact_email"),
            consent_at=clock.at("2026-01-15", row["name"]) if row.get("contact_email") else None,
            is_active=row.get("active", True),
        )
        session.add(partner)
        session.flush()
        partners[partner.name] = partner.id
    needs: dict[str, m.Need] = {}
    for row in data["needs"]:
        org_id = index.orgs[row["organisation"]]
        need = m.Need(
            title=row["title"],
            description=row["description"],
            response_guidance=row["guidance"],
            area_id=index.areas[row["area"]],
            organisation_id=org_id,
            deadline=clock.day(row["deadline"]),
            status=row["status"],
            published_at=clock.at(row["published"], row["key"]),
            created_at=clock.at(row["published"] or "2026-11-20", row["key"]),
        )
        session.add(need)
        session.flush()
        needs[row["key"]] = need
    responses: dict[str, int] = {}
    for row in data["responses"]:
        need = needs[row["need"]]
        received = clock.at(row["received"], row["responder_org"])
        response = m.NeedResponse(
            ref=refs.next_ref(session, "UTM", received.year),
            need_id=need.id,
            partner_id=partners.get(row["responder_org"]) if row["status"] == "taken_forward" else None,
            responder_name=row["name"],
            responder_org=row["responder_org"],
            org_number=row.get("org_number"),
            responder_email=row["email"],
            responder_kind=row["kind"],
            proposal=row["proposal"],
            consent_at=received,
            status=row["status"],
            received_at=received,
            created_at=received,
        )
        session.add(response)
        session.flush()
        responses[row["responder_org"]] = response.id
        for assessment in row["assessments"]:
            assessed = clock.latest(received + timedelta(days=5))
            session.add(
                m.ResponseAssessment(
                    response_id=response.id,
                    assessor_id=index.users[assessment["by"]],
                    no_conflict_declared_at=assessed,
                    score=assessment["score"],
                    note=assessment["note"],
                    submitted_at=assessed,
                )
            )
    procurements: dict[str, int] = {}
    for row in data["procurements"]:
        org_id = index.orgs[row["organisation"]]
        started = clock.day(row["started"])
        need = needs[row["need"]] if row.get("need") else None
        procurement = m.Procurement(
            ref=refs.next_ref(session, "UPH", started.year),
            title=row["title"],
            description=row["description"],
            organisation_id=org_id,
            area_id=index.org_area[org_id],
            need_id=need.id if need else None,
            response_id=responses.get(row["response_org"]) if row.get("response_org") else None,
            partner_id=partners.get(row["partner"]) if row.get("partner") else None,
            method=row["method"],
            stage=row["stage"],
            estimated_value_sek=row["value"],
            started_on=started,
            created_by_id=index.users[row["by"]],
            created_at=clock.at(row["started"], row["key"]),
        )
        session.add(procurement)
        session.flush()
        procurements[row["key"]] = procurement.id
        actor_id = index.users[row["by"]]
        events = [["created", "needs_analysis", row["started"], None], *row["events"]]
        for kind, stage, day, text in events:
            session.add(
                m.ProcurementEvent(
                    procurement_id=procurement.id,
                    at=clock.at(day, f"{row['key']}{kind}"),
                    actor_id=actor_id,
                    kind=kind,
                    stage=stage,
                    occurred_on=clock.day(day),
                    text=text,
                )
            )
        for slug, stage in row["testbeds"]:
            session.add(
                m.ProcurementTestbed(procurement_id=procurement.id, testbed_id=index.testbeds[slug], stage=stage)
            )
        for key in row.get("ideas", []):
            session.add(m.ProcurementIdea(procurement_id=procurement.id, idea_id=index.ideas[key]))
    for row in data["agreements"]:
        starts = clock.day(row["starts"])
        agreement = m.Agreement(
            ref=refs.next_ref(session, "AVT", starts.year),
            title=row["title"],
            kind=row["kind"],
            organisation_id=index.orgs[row["organisation"]],
            starts_on=starts,
            ends_on=clock.day(row["ends"]),
            notice_days=row["notice_days"],
            ip_principle=row["ip"],
            procurement_id=procurements[row["procurement"]] if row.get("procurement") else None,
            testbed_id=index.testbeds[row["testbed"]] if row.get("testbed") else None,
            created_by_id=index.users[row["by"]],
            created_at=clock.at(row["starts"], row["title"]),
        )
        session.add(agreement)
        session.flush()
        for name in row["partners"]:
            session.add(m.AgreementParty(agreement_id=agreement.id, partner_id=partners[name]))
        if row.get("signed_copy"):
            data = _demo_pdf(f"{agreement.ref} {agreement.title}")
            session.add(
                m.AgreementFile(
                    agreement_id=agreement.id,
                    filename=f"{agreement.ref}-signerat.pdf",
                    content_type="application/pdf",
                    size_bytes=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    data=data,
                    uploaded_by_id=index.users[row["by"]],
                    uploaded_at=clock.at(row["starts"], "signed"),
                )
            )
    _link_partners(session, links, partners, index)
    session.flush()


def _link_partners(session: Session, rows: list[dict[str, Any]], partners: dict[str, int], index: _Index) -> None:
    """Partners linked by the team to ideas, testbed requests (named by testbed and requester) and fund
    applications."""
    for row in rows:
        partner_id, by = partners[row["partner"]], index.users[row["by"]]
        if row.get("idea"):
            session.add(m.PartnerIdea(partner_id=partner_id, idea_id=index.ideas[row["idea"]], linked_by_id=by))
        elif row.get("application"):
            application_id = index.applications[row["application"]]
            session.add(m.PartnerApplication(partner_id=partner_id, application_id=application_id, linked_by_id=by))
        else:
            request_id = session.exec(
                select(m.TestbedRequest.id)
                .where(m.TestbedRequest.testbed_id == index.testbeds[row["testbed"]])
                .where(m.TestbedRequest.requester_org == row["requester_org"])
            ).first()
            session.add(m.PartnerTestbedRequest(partner_id=partner_id, request_id=request_id, linked_by_id=by))


def _demo_pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII only), standing in for a scanned signed agreement."""
    line = text.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 12 Tf 72 720 Td (" + line + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ---------------------------------------------------------------- indicators


def _load_targets(session: Session, clock: _Clock, index: _Index, indicator_id: int, row: dict[str, Any]) -> None:
    for target in row.get("targets", []):
        session.add(
            m.IndicatorTarget(
                indicator_id=indicator_id,
                year=clock.year(target["year"]),
                area_id=index.areas[target["area"]] if target.get("area") else None,
                organisation_id=index.org(target.get("organisation")),
                value=target["value"],
            )
        )


def _load_indicators(session: Session, seed_dir: Path, clock: _Clock, index: _Index) -> None:
    # Definitions that migrations insert (0019: SAM-01…08) are there already: kept, given their targets.
    index.indicators.update(session.exec(select(m.Indicator.code, m.Indicator.id)).all())
    for row in _read_json(seed_dir, "indicators.json"):
        if row["code"] in index.indicators:
            _load_targets(session, clock, index, index.indicators[row["code"]], row)
            continue
        aggregation, weighting = default_rule(row["unit"], row.get("computation"))
        if row["source"] == m.IndicatorSource.reported and row.get("aggregation"):
            aggregation, weighting = row["aggregation"], row.get("weighting")
        indicator = m.Indicator(
            code=row["code"],
            name_sv=row["name_sv"],
            name_en=row["name_en"],
            description=row.get("description", ""),
            unit=row["unit"],
            direction=row.get("direction", "up"),
            frequency=row.get("frequency", "quarter"),
            source=row["source"],
            computation=row.get("computation"),
            scope=row.get("scope", "central"),
            owner_org_id=index.org(row.get("owner_org")),
            aggregation=aggregation,
            weighting=weighting,
        )
        session.add(indicator)
        session.flush()
        index.indicators[indicator.code] = indicator.id
        _load_targets(session, clock, index, indicator.id, row)
    frequencies = {row["code"]: row.get("frequency", "quarter") for row in _read_json(seed_dir, "indicators.json")}
    with (seed_dir / "indicator_values.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            period = clock.period(row["period_start"])
            status = row["status"]
            entered_by = index.user(row.get("entered_by") or None)
            # Reported a couple of weeks after the period ended (months: ~45 days after the start).
            length = {"month": 31, "quarter": 92, "year": 366}[frequencies[row["indicator"]]]
            submitted_at = clock.latest(datetime.combine(period, time(9), tzinfo=UTC) + timedelta(days=length + 14))
            session.add(
                m.IndicatorValue(
                    indicator_id=index.indicators[row["indicator"]],
                    organisation_id=index.orgs[row["organisation"]],
                    period_start=period,
                    value=float(row["value"]),
                    numerator=float(row["numerator"]) if row.get("numerator") else None,
                    denominator=float(row["denominator"]) if row.get("denominator") else None,
                    status=status,
                    note=row.get("note") or None,
                    entered_by_id=entered_by,
                    submitted_at=submitted_at if status != "draft" else None,
                    reviewed_by_id=index.users.get("admin") if status in ("approved", "returned") else None,
                    reviewed_at=submitted_at + timedelta(days=7) if status in ("approved", "returned") else None,
                )
            )
    session.flush()

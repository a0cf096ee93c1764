"""Every table of Innovationsportalen, in one module.

Names are English; the UI speaks Swedish through `i18n`. Enumerations are plain strings checked by the
database (`CHECK ... IN (...)`) so that they read the same in SQLite and PostgreSQL; the allowed values
live in the `StrEnum` classes below, which the services use. Times are timezone-aware UTC (`utcnow()`;
SQLModel refuses naive ones); dates are calendar dates in Stockholm.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from sqlmodel import Field, SQLModel

# Stable constraint names, so that Alembic's batch mode (SQLite) can find and alter them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, in UTC: what every `*_at` column stores."""
    return datetime.now(UTC)


def one_of(column: str, values: type[StrEnum], name: str | None = None) -> sa.CheckConstraint:
    """A CHECK constraint that keeps `column` within the enumeration (NULL allowed)."""
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return sa.CheckConstraint(f"{column} IS NULL OR {column} IN ({allowed})", name=name or column)


def _text(length: int | None = None) -> Any:
    return sa.String(length) if length else sa.Text()


# ---------------------------------------------------------------- enumerations


class Role(StrEnum):
    admin = "admin"
    council = "council"
    manager = "manager"
    employee = "employee"


class Language(StrEnum):
    sv = "sv"
    en = "en"


class OrganisationKind(StrEnum):
    forvaltning = "forvaltning"
    bolag = "bolag"
    central = "central"


class IdeaStage(StrEnum):
    received = "received"
    screening = "screening"
    development = "development"
    testing = "testing"
    implementation = "implementation"
    spread = "spread"
    parked = "parked"
    closed = "closed"


# The forward path; `parked` and `closed` are side exits.
STAGE_PATH: tuple[IdeaStage, ...] = (
    IdeaStage.received,
    IdeaStage.screening,
    IdeaStage.development,
    IdeaStage.testing,
    IdeaStage.implementation,
    IdeaStage.spread,
)


class SubmitterKind(StrEnum):
    employee = "employee"
    patient = "patient"
    relative = "relative"
    traveller = "traveller"
    resident = "resident"
    external = "external"


# Submitters the strategy calls "users": their share is a central indicator.
PUBLIC_SUBMITTER_KINDS: tuple[SubmitterKind, ...] = (
    SubmitterKind.patient,
    SubmitterKind.relative,
    SubmitterKind.traveller,
    SubmitterKind.resident,
)


class BenefitKind(StrEnum):
    economic = "economic"
    social = "social"
    environmental = "environmental"


class BenefitUnit(StrEnum):
    """What a benefit is measured in (a benefit without a unit is no figure)."""

    sek_per_year = "sek_per_year"
    hours_per_year = "hours_per_year"
    co2e_tonnes_per_year = "co2e_tonnes_per_year"
    people_reached = "people_reached"


class IpStatus(StrEnum):
    not_assessed = "not_assessed"
    no_ip = "no_ip"
    under_assessment = "under_assessment"
    protected = "protected"
    agreement_signed = "agreement_signed"


class IdeaEventKind(StrEnum):
    created = "created"
    stage_changed = "stage_changed"
    assigned = "assigned"
    comment = "comment"
    ip_changed = "ip_changed"
    linked = "linked"
    merged = "merged"
    adopted = "adopted"
    anonymised = "anonymised"
    question = "question"  # the team asks the submitter (shown on the tracking page)
    answer = "answer"  # the submitter's answer, given through the tracking link


class CallStatus(StrEnum):
    planned = "planned"
    open = "open"
    closed = "closed"
    decided = "decided"


class ApplicationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    in_review = "in_review"
    needs_info = "needs_info"
    approved = "approved"
    rejected = "rejected"
    in_progress = "in_progress"
    final_reported = "final_reported"
    closed = "closed"


# Statuses in which a funded project is asked for its reports: once the final report is in, or the project
# is closed or stopped, the reports not yet in are no longer asked for (nor late).
REPORTING_STATUSES: tuple[ApplicationStatus, ...] = (ApplicationStatus.approved, ApplicationStatus.in_progress)


class Recommendation(StrEnum):
    yes = "yes"
    maybe = "maybe"
    no = "no"


class ReportKind(StrEnum):
    progress = "progress"
    final = "final"


class EnvType(StrEnum):
    lab = "lab"
    simulated = "simulated"
    real = "real"


class Access(StrEnum):
    free = "free"
    conditional = "conditional"
    paid = "paid"


class TestbedStatus(StrEnum):
    open = "open"
    planned = "planned"
    closed = "closed"


class RequesterKind(StrEnum):
    company = "company"
    researcher = "researcher"
    employee = "employee"
    public_body = "public_body"
    other = "other"


class RequestStatus(StrEnum):
    new = "new"
    in_dialogue = "in_dialogue"
    accepted = "accepted"
    declined = "declined"
    completed = "completed"


class Direction(StrEnum):
    up = "up"
    down = "down"


class Frequency(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


class IndicatorSource(StrEnum):
    computed = "computed"
    reported = "reported"


class IndicatorScope(StrEnum):
    central = "central"
    own = "own"


class Aggregation(StrEnum):
    """How an indicator's values add up over periods and organisations (README: the rules)."""

    flow = "flow"  # summed over periods and organisations: ideas received, SEK granted
    stock = "stock"  # the value at the span's last period, summed over organisations: projects running
    share = "share"  # recomputed from numerators and denominators, or weighted: never a plain mean
    level = "level"  # an index or median: a mean weighted as stated


class Weighting(StrEnum):
    """How a share or level is weighted when periods and organisations are put together."""

    ratio = "ratio"  # every value is reported with its numerator and denominator: sum / sum
    staff = "staff"  # each organisation weighs by its staff count
    equal = "equal"  # each organisation weighs the same (levels only)


class ValueStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"


class BarrierReportStatus(StrEnum):
    new = "new"
    handled = "handled"


class ObstacleKind(StrEnum):
    """Why an idea was parked or closed, or a fund project stopped (the strategy: obstacles are identified
    systematically)."""

    law = "law"  # law or regulation
    procurement = "procurement"
    it_security = "it_security"
    financing = "financing"
    time = "time"
    competence = "competence"
    organisation = "organisation"
    ip = "ip"
    other = "other"


class CourseKind(StrEnum):
    innovation_method = "innovation_method"
    ip = "ip"
    procurement = "procurement"
    design = "design"
    certification = "certification"  # the certification of innovation leaders
    information = "information"
    other = "other"


class ObstacleStatus(StrEnum):
    open = "open"
    resolved = "resolved"


# ---------------------------------------------------------------- mixins


class Timestamps(SQLModel):
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)


# ---------------------------------------------------------------- region


class Area(Timestamps, table=True):
    """A core activity area (kärnverksamhet). Data, not code: an admin can add one."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=_text(30), unique=True)
    name_sv: str = Field(sa_type=_text(120))
    name_en: str = Field(sa_type=_text(120))
    colour: str = Field(default="#555555", sa_type=_text(7))
    sort_order: int = Field(default=0)


class Organisation(Timestamps, table=True):
    """A nämnd, förvaltning or bolag; belongs to one core area."""

    __table_args__ = (
        one_of("kind", OrganisationKind),
        sa.CheckConstraint("staff_count IS NULL OR staff_count >= 0", name="staff_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=_text(200), unique=True)
    short_name: str = Field(sa_type=_text(40), unique=True)
    kind: str = Field(sa_type=_text(20))
    area_id: int = Field(foreign_key="area.id", index=True)
    # use_alter: organisation and user refer to each other.
    innovation_lead_id: int | None = Field(
        default=None,
        sa_column_args=[sa.ForeignKey("user.id", use_alter=True, ondelete="SET NULL")],
        sa_type=sa.Integer,
    )
    innovation_lead_appointed_on: date | None = None
    # Weighs the organisation's shares and levels (`Weighting.staff`).
    staff_count: int | None = None


class User(Timestamps, table=True):
    """A person who logs in. Usernames are lower-case; passwords are bcrypt hashes."""

    __table_args__ = (
        one_of("role", Role),
        one_of("language", Language),
        sa.CheckConstraint("username = lower(username)", name="username_lower"),
        # Användare's order (services.people.users.list_users): a page of 25 read in order, not 10,000
        # users sorted at every run (5 ms at ten times the region, against 0.02). SQLite cannot reflect
        # it: a batch migration that copies "user" to a new table must make it again.
        sa.Index("ix_user_name_order", sa.text("lower(display_name)"), "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(sa_type=_text(60), unique=True)
    display_name: str = Field(sa_type=_text(120))
    email: str = Field(sa_type=_text(254), index=True)
    password_hash: str = Field(sa_type=_text(100))
    role: str = Field(sa_type=_text(20), index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    language: str = Field(default=Language.sv, sa_type=_text(2))
    is_active: bool = Field(default=True)
    certified_innovation_leader_on: date | None = None
    last_login_at: datetime | None = None
    # In every login cookie; raised on logout, password change, role change and deactivation, which ends
    # every session and cookie issued before.
    session_version: int = Field(default=0)
    # When the version was last raised: a single sign-on from before then no longer logs in (the identity
    # provider's cookie outlives the session it began).
    sessions_ended_at: datetime | None = None


# ---------------------------------------------------------------- ideas


class Idea(Timestamps, table=True):
    """An idea from an employee or a patient, relative, traveller or resident."""

    __table_args__ = (
        one_of("stage", IdeaStage),
        one_of("submitter_kind", SubmitterKind),
        one_of("benefit_kind", BenefitKind),
        one_of("ip_status", IpStatus),
        sa.CheckConstraint(
            "(contact_name IS NULL AND contact_email IS NULL) OR consent_at IS NOT NULL",
            name="contact_needs_consent",
        ),
        sa.CheckConstraint("stage <> 'closed' OR closed_reason IS NOT NULL", name="closed_has_reason"),
        one_of("obstacle_kind", ObstacleKind),
        # With merged_into_id: Översikt's ideas by stage and area read this index alone (170 ms -> 12).
        sa.Index("ix_idea_area_id_stage", "area_id", "stage", "merged_into_id"),
        # An organisation's or an owner's ideas of a stage, newest or oldest first (Idéhantering for a
        # manager or with an owner chosen, the weekly list of ideas waiting): read in order and stopped
        # after a page. Without the day, the stage-wide index below looked cheaper to SQLite's sampled
        # statistics and it walked a whole stage to find one organisation's few.
        sa.Index("ix_idea_organisation_id_stage", "organisation_id", "stage", "received_at"),
        sa.Index("ix_idea_owner_id", "owner_id", "stage", "received_at"),
        # By stage, with what "open ideas others can back" and the boards count by: such a count reads
        # the index alone. Sampled statistics made SQLite read the rows of 85 000 open ideas through the
        # stage-only index (120-200 ms at every visit to Mina idéer). With the day received: Översikt's
        # ideas waiting over 14 days read the index alone too.
        sa.Index("ix_idea_stage", "stage", "merged_into_id", "submitter_id", "area_id", "received_at"),
        # A stage's ideas newest first (Idéhantering's list of one stage, its export): read in order and
        # stopped after a page. Through the index above SQLite read and sorted the stage's every idea for a
        # page of 25 (received at ten times the region: 18,000 ideas, 35-75 ms). With the organisation,
        # the waiting ideas per organisation (response times) read this index alone.
        sa.Index("ix_idea_stage_received", "stage", "received_at", "organisation_id"),
        # Only the merged duplicates: "not merged" is nearly every idea, and an index SQLite could pick
        # for it would have it read them all in index order instead of by the query's period.
        # The figures of a period read these indexes only, never the ideas' wide rows (texts): by receipt
        # (received, public share, conversion, funnel, per month; the ideas others can back) and by first
        # decision (response times).
        sa.Index(
            "ix_idea_received_at",
            "received_at",
            "merged_into_id",
            "area_id",
            "organisation_id",
            "submitter_kind",
            "benefit_kind",
            "stage",
            "submitter_id",
        ),
        sa.Index(
            "ix_idea_first_decision_at",
            "first_decision_at",
            "received_at",
            "merged_into_id",
            "area_id",
            "organisation_id",
            # An area's median also asks for each idea's further areas by its id: SQLite's indexes hold
            # the id (the rowid), PostgreSQL's must be told (else it reads every decided idea's row).
            postgresql_include=["id"],
        ),
        sa.Index(
            "ix_idea_merged_into_id",
            "merged_into_id",
            sqlite_where=sa.text("merged_into_id IS NOT NULL"),
            postgresql_where=sa.text("merged_into_id IS NOT NULL"),
        ),
        # Only the ideas standing at implementation or spread, by when they got there: "reached
        # implementation in the period" reads this range beside the timeline's moves (a partial index on
        # the stage, so that no other count of stages is tempted by it: see ix_idea_stage above).
        sa.Index(
            "ix_idea_implemented",
            "stage_changed_at",
            "merged_into_id",
            "area_id",
            "organisation_id",
            sqlite_where=sa.text("stage IN ('implementation', 'spread')"),
            postgresql_where=sa.text("stage IN ('implementation', 'spread')"),
        ),
        # Only the ideas stopped by an obstacle (parked and closed ones): with every idea in it, "has an
        # obstacle" looked like all ideas to the planner, and Hinder's figures read the whole table. It holds
        # what those figures count by, so that SQLite reads it alone (some 14,000 ideas at ten times the
        # region; PostgreSQL reads the ideas' rows for the further areas' join, by id).
        sa.Index(
            "ix_idea_obstacle_kind",
            "obstacle_kind",
            "stage",
            "merged_into_id",
            "stage_changed_at",
            "area_id",
            "organisation_id",
            sqlite_where=sa.text("obstacle_kind IS NOT NULL"),
            postgresql_where=sa.text("obstacle_kind IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=_text(20), unique=True)
    title: str = Field(sa_type=_text(120))
    need: str = Field(sa_type=_text())
    proposal: str = Field(sa_type=_text())
    benefit_kind: str = Field(sa_type=_text(20))
    submitter_kind: str = Field(sa_type=_text(20), index=True)
    submitter_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    contact_name: str | None = Field(default=None, sa_type=_text(120))
    contact_email: str | None = Field(default=None, sa_type=_text(254), index=True)
    consent_at: datetime | None = None
    area_id: int = Field(foreign_key="area.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    owner_id: int | None = Field(default=None, foreign_key="user.id")  # indexed with the stage, above
    stage: str = Field(default=IdeaStage.received, sa_type=_text(20))
    stage_changed_at: datetime = Field(default_factory=utcnow, index=True)
    # When the idea first left `received`: response times are measured to here.
    first_decision_at: datetime | None = None  # indexed with the figures' columns, above
    closed_reason: str | None = Field(default=None, sa_type=_text())
    ip_status: str = Field(default=IpStatus.not_assessed, sa_type=_text(20), index=True)
    merged_into_id: int | None = Field(default=None, foreign_key="idea.id")
    anonymised_at: datetime | None = None
    received_at: datetime = Field(default_factory=utcnow)  # indexed with the figures' columns, above
    # The language the idea was submitted in: mails to a submitter without an account are written in it.
    contact_language: str | None = Field(default=None, sa_type=_text(2))
    # The digest of the submitter's private tracking token (services/shared/tokens.py); the token is shown
    # once and never stored. The default has no token behind it (ideas not made through the form).
    tracking_hash: str = Field(default_factory=lambda: secrets.token_hex(32), sa_type=_text(64), unique=True)
    # The coded obstacle of a parked or closed idea (None on the path, and for ideas closed before coding).
    obstacle_kind: str | None = Field(default=None, sa_type=_text(20))


class IdeaArea(SQLModel, table=True):
    """A further core area that a cross-sector idea touches."""

    idea_id: int = Field(foreign_key="idea.id", primary_key=True, ondelete="CASCADE")
    area_id: int = Field(foreign_key="area.id", primary_key=True, index=True)


class IdeaEvent(SQLModel, table=True):
    """One entry of an idea's timeline; `internal` entries are hidden from the submitter."""

    __table_args__ = (
        one_of("kind", IdeaEventKind),
        one_of("from_stage", IdeaStage),
        one_of("to_stage", IdeaStage),
        sa.Index(None, "idea_id", "at"),
        sa.Index(None, "kind", "at"),
        # The moves to a stage, by stage and date, with the idea: "reached implementation" reads this
        # index only (not every stage change of the timeline).
        sa.Index(None, "to_stage", "kind", "at", "idea_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    idea_id: int = Field(foreign_key="idea.id", ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    kind: str = Field(sa_type=_text(20))
    from_stage: str | None = Field(default=None, sa_type=_text(20))
    to_stage: str | None = Field(default=None, sa_type=_text(20))
    text: str | None = Field(default=None, sa_type=_text())
    internal: bool = Field(default=False)
    related_idea_id: int | None = Field(default=None, foreign_key="idea.id")


class IdeaAdoption(SQLModel, table=True):
    """Spread: another organisation took the innovation into use."""

    __table_args__ = (sa.UniqueConstraint("idea_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    idea_id: int = Field(foreign_key="idea.id", index=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    adopted_on: date = Field(index=True)
    note: str | None = Field(default=None, sa_type=_text())
    created_at: datetime = Field(default_factory=utcnow)


class IdeaSupport(SQLModel, table=True):
    """An employee backs an idea; once per person and idea."""

    __table_args__ = (sa.UniqueConstraint("idea_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    idea_id: int = Field(foreign_key="idea.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- Innovationsfonden

DEFAULT_CRITERIA: tuple[str, ...] = ("nytta", "nyhetsgrad", "genomförbarhet", "spridningspotential")


class FundCall(Timestamps, table=True):
    """A call (utlysning) within Innovationsfonden."""

    __table_args__ = (
        one_of("status", CallStatus),
        sa.CheckConstraint("budget_sek >= 0", name="budget_not_negative"),
        sa.CheckConstraint("closes_on >= opens_on", name="closes_after_opens"),
        sa.CheckConstraint("review_due_on >= closes_on", name="review_due_after_close"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=_text(200), unique=True)
    year: int = Field(index=True)
    budget_sek: int
    opens_on: date = Field(index=True)
    closes_on: date = Field(index=True)
    review_due_on: date  # reviewers' scores are due by this day; they are reminded a week ahead
    status: str = Field(default=CallStatus.planned, sa_type=_text(20), index=True)
    description: str = Field(default="", sa_type=_text())
    criteria: list[str] = Field(default_factory=lambda: list(DEFAULT_CRITERIA), sa_type=sa.JSON)


class FundApplication(Timestamps, table=True):
    """An application to a fund call; after approval, the funded project."""

    __table_args__ = (
        one_of("status", ApplicationStatus),
        one_of("benefit_kind", BenefitKind),
        sa.CheckConstraint("requested_sek > 0", name="requested_positive"),
        sa.CheckConstraint("co_funding_sek >= 0", name="co_funding_not_negative"),
        sa.CheckConstraint(
            "granted_sek IS NULL OR (granted_sek >= 0 AND granted_sek <= requested_sek)",
            name="granted_within_requested",
        ),
        sa.CheckConstraint("ends_on >= starts_on", name="ends_after_starts"),
        one_of("obstacle_kind", ObstacleKind),
        sa.Index(None, "call_id", "status"),
        # Only the projects stopped by an obstacle, with what Hinder counts them by.
        sa.Index(
            "ix_fundapplication_obstacle_kind",
            "obstacle_kind",
            "updated_at",
            "organisation_id",
            sqlite_where=sa.text("obstacle_kind IS NOT NULL"),
            postgresql_where=sa.text("obstacle_kind IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=_text(20), unique=True)
    call_id: int = Field(foreign_key="fundcall.id")
    applicant_id: int = Field(foreign_key="user.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    idea_id: int | None = Field(default=None, foreign_key="idea.id", index=True)
    testbed_id: int | None = Field(default=None, foreign_key="testbed.id", index=True)
    title: str = Field(sa_type=_text(200))
    summary: str = Field(sa_type=_text())
    expected_benefit: str = Field(sa_type=_text())
    benefit_kind: str = Field(default=BenefitKind.social, sa_type=_text(20))
    requested_sek: int
    co_funding_sek: int = Field(default=0)
    starts_on: date
    ends_on: date
    status: str = Field(default=ApplicationStatus.draft, sa_type=_text(20), index=True)
    submitted_at: datetime | None = Field(default=None, index=True)
    granted_sek: int | None = None
    decided_on: date | None = Field(default=None, index=True)
    decided_by_id: int | None = Field(default=None, foreign_key="user.id")
    decision_note: str | None = Field(default=None, sa_type=_text())
    # A funded project stopped before its end: the coded obstacle (None for one that ran its course).
    obstacle_kind: str | None = Field(default=None, sa_type=_text(20))
    # The response to a need this application was started from (Samverkan), if any: one per response.
    response_id: int | None = Field(default=None, foreign_key="needresponse.id", unique=True)


class FundApplicationEvent(SQLModel, table=True):
    """The application's history as the applicant follows it: status moves and messages."""

    __table_args__ = (
        one_of("from_status", ApplicationStatus),
        one_of("to_status", ApplicationStatus),
        sa.Index(None, "application_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="fundapplication.id", ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    from_status: str | None = Field(default=None, sa_type=_text(20))
    to_status: str | None = Field(default=None, sa_type=_text(20))
    text: str | None = Field(default=None, sa_type=_text())


class ReviewAssignment(SQLModel, table=True):
    """An admin asks a person to review an application; ended when they declare a conflict."""

    __table_args__ = (sa.UniqueConstraint("application_id", "reviewer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="fundapplication.id", index=True, ondelete="CASCADE")
    reviewer_id: int = Field(foreign_key="user.id", index=True)
    assigned_by_id: int | None = Field(default=None, foreign_key="user.id")
    assigned_at: datetime = Field(default_factory=utcnow)
    conflict_declared_at: datetime | None = None
    conflict_note: str | None = Field(default=None, sa_type=_text())


class FundReview(Timestamps, table=True):
    """One reviewer's scores; details are shown only after `no_conflict_declared_at` is set."""

    __table_args__ = (
        sa.UniqueConstraint("application_id", "reviewer_id"),
        one_of("recommendation", Recommendation),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="fundapplication.id", index=True, ondelete="CASCADE")
    reviewer_id: int = Field(foreign_key="user.id", index=True)
    no_conflict_declared_at: datetime | None = None
    # {criterion: 1..5, or null for "ej bedömbar"}
    scores: dict[str, int | None] = Field(default_factory=dict, sa_type=sa.JSON)
    recommendation: str | None = Field(default=None, sa_type=_text(10))
    comment: str | None = Field(default=None, sa_type=_text())
    submitted_at: datetime | None = None


class FundReport(Timestamps, table=True):
    """A progress or final report that a funded project owes."""

    __table_args__ = (
        one_of("kind", ReportKind),
        sa.CheckConstraint("spent_sek IS NULL OR spent_sek >= 0", name="spent_not_negative"),
        sa.Index(None, "application_id", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="fundapplication.id", ondelete="CASCADE")
    kind: str = Field(sa_type=_text(10))
    due_on: date = Field(index=True)
    submitted_on: date | None = None
    submitted_by_id: int | None = Field(default=None, foreign_key="user.id")
    text: str | None = Field(default=None, sa_type=_text())
    spent_sek: int | None = None


class BenefitRecord(Timestamps, table=True):
    """A benefit an idea at Införande/Spridning or a funded project brings (the strategy's economic,
    social or environmental value), in one unit: its estimate, and its measurements over time
    (`BenefitMeasurement`; the latest one on or before a day is what is realised by then)."""

    __table_args__ = (
        one_of("kind", BenefitKind),
        one_of("unit", BenefitUnit),
        sa.CheckConstraint("(idea_id IS NULL) <> (application_id IS NULL)", name="idea_or_project"),
        sa.CheckConstraint("estimated_value IS NULL OR estimated_value >= 0", name="estimated_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    idea_id: int | None = Field(default=None, foreign_key="idea.id", index=True, ondelete="CASCADE")
    application_id: int | None = Field(default=None, foreign_key="fundapplication.id", index=True, ondelete="CASCADE")
    kind: str = Field(sa_type=_text(20))
    description: str = Field(sa_type=_text())
    unit: str = Field(sa_type=_text(30))
    estimated_value: float | None = None
    recorded_by_id: int | None = Field(default=None, foreign_key="user.id")


class BenefitMeasurement(Timestamps, table=True):
    """What a benefit realised, as measured on one day and by whom (one measurement per benefit and day;
    a re-measurement replaces the earlier figure from its day on, it is never added to it)."""

    __table_args__ = (
        sa.UniqueConstraint("benefit_id", "measured_on"),
        sa.CheckConstraint("value >= 0", name="value_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    benefit_id: int = Field(foreign_key="benefitrecord.id", index=True, ondelete="CASCADE")
    measured_on: date = Field(index=True)
    value: float
    measured_by: str = Field(sa_type=_text(200))
    recorded_by_id: int | None = Field(default=None, foreign_key="user.id")


# ---------------------------------------------------------------- test and demonstration environments


class Testbed(Timestamps, table=True):
    """A test and demonstration environment (test- och demonstrationsmiljö)."""

    __test__ = False  # not a pytest test class, despite the name

    __table_args__ = (
        one_of("env_type", EnvType),
        one_of("access", Access),
        one_of("status", TestbedStatus),
        sa.CheckConstraint("trl_min BETWEEN 1 AND 9 AND trl_max BETWEEN 1 AND 9", name="trl_range"),
        sa.CheckConstraint("trl_min <= trl_max", name="trl_order"),
        sa.CheckConstraint("lat IS NULL OR lat BETWEEN -90 AND 90", name="lat_range"),
        sa.CheckConstraint("lon IS NULL OR lon BETWEEN -180 AND 180", name="lon_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(sa_type=_text(80), unique=True)
    name: str = Field(sa_type=_text(200))
    area_id: int = Field(foreign_key="area.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    summary: str = Field(sa_type=_text())
    offers: str = Field(sa_type=_text())
    conditions: str = Field(default="", sa_type=_text())
    env_type: str = Field(sa_type=_text(20), index=True)
    access: str = Field(sa_type=_text(20), index=True)
    for_external: bool = Field(default=True)
    for_employees: bool = Field(default=True)
    trl_min: int = Field(default=1)
    trl_max: int = Field(default=9)
    status: str = Field(default=TestbedStatus.open, sa_type=_text(20), index=True)
    address: str | None = Field(default=None, sa_type=_text(200))
    lat: float | None = None
    lon: float | None = None
    contact_name: str | None = Field(default=None, sa_type=_text(120))
    contact_email: str | None = Field(default=None, sa_type=_text(254))
    url: str | None = Field(default=None, sa_type=_text(300))


class TestbedRequest(Timestamps, table=True):
    """A request to use a testbed ("en tydlig väg in")."""

    __test__ = False

    __table_args__ = (
        one_of("requester_kind", RequesterKind),
        one_of("status", RequestStatus),
        # Per testbed, with what the request figures count: Testmiljöer i siffror's rows per testbed read
        # this index alone (all years at ten times the region: 60 ms through the table, 10 from here).
        sa.Index(
            "ix_testbedrequest_testbed_answers",
            "testbed_id",
            "status",
            "received_at",
            "first_response_at",
            "first_response_workdays",
            "first_response_days",
        ),
        # The request figures (the dashboards', Testmiljöer i siffror's) read a period of receipt and
        # these columns only, never the requests' texts.
        sa.Index(
            "ix_testbedrequest_received_at",
            "received_at",
            "testbed_id",
            "status",
            "first_response_at",
            "first_response_workdays",
            "first_response_days",
        ),
        # The answered requests in order of days to the first answer: the median over all of them (all
        # years, the whole region) is read from the middle of this index instead of sorting 45,000 values.
        sa.Index(
            "ix_testbedrequest_response_days",
            "first_response_days",
            sqlite_where=sa.text("first_response_days IS NOT NULL"),
            postgresql_where=sa.text("first_response_days IS NOT NULL"),
        ),
        # The requests still waiting for a first answer (a tenth of them): Förfrågningar's late ones and
        # their count read these, not all requests testbed by testbed.
        sa.Index(
            "ix_testbedrequest_unanswered",
            "received_at",
            "testbed_id",
            sqlite_where=sa.text("first_response_at IS NULL"),
            postgresql_where=sa.text("first_response_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=_text(20), unique=True)
    testbed_id: int = Field(foreign_key="testbed.id")
    requester_name: str | None = Field(default=None, sa_type=_text(120))
    requester_org: str | None = Field(default=None, sa_type=_text(200))
    requester_email: str | None = Field(default=None, sa_type=_text(254), index=True)
    requester_kind: str = Field(sa_type=_text(20), index=True)
    description: str = Field(sa_type=_text())
    wanted_period: str | None = Field(default=None, sa_type=_text(120))
    consent_at: datetime | None = None
    status: str = Field(default=RequestStatus.new, sa_type=_text(20), index=True)
    received_at: datetime = Field(default_factory=utcnow)
    first_response_at: datetime | None = None
    # Swedish working days from receipt to the first response, kept by `_first_response_workdays` below
    # on every write: the response-time figures count them in SQL instead of in Python for each request.
    first_response_workdays: int | None = None
    # Calendar days (fractional) from receipt to the first response, kept by the same hook: the median
    # response time reads them (and an index in their order) instead of computing them for each request.
    first_response_days: float | None = None
    handled_by_id: int | None = Field(default=None, foreign_key="user.id")
    idea_id: int | None = Field(default=None, foreign_key="idea.id", index=True)
    application_id: int | None = Field(default=None, foreign_key="fundapplication.id", index=True)
    anonymised_at: datetime | None = None
    # The language the request was written in: mails to the requester are written in it.
    requester_language: str | None = Field(default=None, sa_type=_text(2))
    # The digest of the requester's private tracking token (services/shared/tokens.py), as for ideas.
    tracking_hash: str = Field(default_factory=lambda: secrets.token_hex(32), sa_type=_text(64), unique=True)
    # The response to a need this request was made from (Samverkan), if any: one per response.
    response_id: int | None = Field(default=None, foreign_key="needresponse.id", unique=True)


@sa.event.listens_for(TestbedRequest, "before_insert")
@sa.event.listens_for(TestbedRequest, "before_update")
def _first_response_workdays(_mapper: Any, _connection: Any, request: TestbedRequest) -> None:
    """Every ORM write of a request (the services, the demo load, tests' own records) stores the working
    days and the calendar days to its first response, so they can never disagree with the two moments."""
    from services.shared.workdays import days_between_moments, first_response_workdays  # no models there

    request.first_response_workdays = first_response_workdays(request.received_at, request.first_response_at)
    request.first_response_days = days_between_moments(request.received_at, request.first_response_at)


class TestbedRequestEvent(SQLModel, table=True):
    """A status move or message on a testbed request."""

    __test__ = False

    __table_args__ = (
        one_of("from_status", RequestStatus),
        one_of("to_status", RequestStatus),
        sa.Index(None, "request_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="testbedrequest.id", ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    from_status: str | None = Field(default=None, sa_type=_text(20))
    to_status: str | None = Field(default=None, sa_type=_text(20))
    text: str | None = Field(default=None, sa_type=_text())


# ---------------------------------------------------------------- dated history (states at a day)


class TestbedStatusChange(SQLModel, table=True):
    """A testbed's status from a day on: counts "at year end" come from here, not from today's status."""

    __test__ = False

    __table_args__ = (one_of("status", TestbedStatus), sa.Index(None, "testbed_id", "changed_on"))

    id: int | None = Field(default=None, primary_key=True)
    testbed_id: int = Field(foreign_key="testbed.id", ondelete="CASCADE")
    status: str = Field(sa_type=_text(20))
    changed_on: date
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class InnovationLeadChange(SQLModel, table=True):
    """Who led innovation at an organisation from a day on (no one: `lead_id` None)."""

    __table_args__ = (sa.Index(None, "organisation_id", "changed_on"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="CASCADE")
    lead_id: int | None = Field(default=None, foreign_key="user.id")
    changed_on: date
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class CertificationChange(SQLModel, table=True):
    """A person became a certified innovation leader (or stopped counting as one: left, or revoked)."""

    __table_args__ = (sa.Index(None, "user_id", "changed_on"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    certified: bool
    changed_on: date
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- indicators


class Indicator(Timestamps, table=True):
    """A central indicator, or one that an administration set for itself (`scope='own'`)."""

    __table_args__ = (
        one_of("direction", Direction),
        one_of("frequency", Frequency),
        one_of("source", IndicatorSource),
        one_of("scope", IndicatorScope),
        one_of("aggregation", Aggregation),
        one_of("weighting", Weighting),
        sa.CheckConstraint("source <> 'computed' OR computation IS NOT NULL", name="computed_has_key"),
        sa.CheckConstraint("scope <> 'own' OR owner_org_id IS NOT NULL", name="own_has_owner"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=_text(30), unique=True)
    name_sv: str = Field(sa_type=_text(200))
    name_en: str = Field(sa_type=_text(200))
    description: str = Field(default="", sa_type=_text())
    unit: str = Field(sa_type=_text(20))
    direction: str = Field(default=Direction.up, sa_type=_text(10))
    frequency: str = Field(default=Frequency.quarter, sa_type=_text(10))
    source: str = Field(sa_type=_text(10), index=True)
    computation: str | None = Field(default=None, sa_type=_text(60))
    scope: str = Field(default=IndicatorScope.central, sa_type=_text(10))
    owner_org_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    is_active: bool = Field(default=True)
    aggregation: str = Field(default=Aggregation.flow, sa_type=_text(10))
    weighting: str | None = Field(default=None, sa_type=_text(10))


class IndicatorTarget(Timestamps, table=True):
    """A target for one year, for the region (no area or organisation), an area or an organisation."""

    __table_args__ = (
        sa.UniqueConstraint("indicator_id", "year", "area_id", "organisation_id"),
        sa.CheckConstraint("area_id IS NULL OR organisation_id IS NULL", name="one_level"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True, ondelete="CASCADE")
    year: int = Field(index=True)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    value: float


class IndicatorValue(Timestamps, table=True):
    """A value that an organisation reports for a period; approved values count in dashboards."""

    __table_args__ = (
        sa.UniqueConstraint("indicator_id", "organisation_id", "period_start"),
        one_of("status", ValueStatus),
        sa.CheckConstraint("denominator IS NULL OR denominator > 0", name="denominator_positive"),
        sa.Index(None, "organisation_id", "period_start"),
        sa.Index(None, "indicator_id", "status", "period_start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id")
    period_start: date
    value: float
    # A share with `Weighting.ratio` keeps what it was computed from: value = 100 * numerator / denominator.
    numerator: float | None = None
    denominator: float | None = None
    status: str = Field(default=ValueStatus.draft, sa_type=_text(10))
    note: str | None = Field(default=None, sa_type=_text())
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    submitted_at: datetime | None = None
    reviewed_by_id: int | None = Field(default=None, foreign_key="user.id")
    reviewed_at: datetime | None = None


class AnnualReport(Timestamps, table=True):
    """The innovationsbokslut of a year: the region's row (no area, no organisation), a core area's or an
    organisation's commentary.

    When frozen, `snapshot` keeps the figures as published, whatever the records say later.
    """

    __table_args__ = (
        sa.UniqueConstraint("year", "organisation_id"),
        sa.CheckConstraint("area_id IS NULL OR organisation_id IS NULL", name="one_level"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    # A core area's commentary (no organisation); neither: the region's row, which holds the freeze.
    area_id: int | None = Field(default=None, foreign_key="area.id")
    commentary: str = Field(default="", sa_type=_text())
    frozen_at: datetime | None = None
    frozen_by_id: int | None = Field(default=None, foreign_key="user.id")
    snapshot: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


# ---------------------------------------------------------------- bookkeeping


class RefSequence(SQLModel, table=True):
    """The last number handed out per reference prefix and year (IDE-2026-00042 and the like)."""

    prefix: str = Field(sa_type=_text(10), primary_key=True)
    year: int = Field(primary_key=True)
    last_value: int = Field(default=0)


class AuditLog(SQLModel, table=True):
    """Who changed what, and when: one row per write that changes a record."""

    __table_args__ = (sa.Index(None, "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(sa_type=_text(60), index=True)
    entity: str = Field(sa_type=_text(40))
    entity_id: int | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)


class DataVersion(SQLModel, table=True):
    """One counter, moved by every write that changes a record (with its audit entry, in the same
    transaction). Cached figures are keyed on it, so every app process sees a change at its next read and
    nothing is cached on a timer. A single row (id 1); a missing row reads as version 0."""

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0, sa_type=sa.BigInteger)
    changed_at: datetime = Field(default_factory=utcnow)


class DayCount(SQLModel, table=True):
    """The figures' counts kept per day (issue 12): one row per measure, Stockholm day, organisation and
    area, so that a dashboard sums a range of these rows instead of counting the period's records.

    Kept by `services.indicators.day_counts`, in the transaction of every write (`_keep_day_counts`
    below), and rebuilt from the records by `manage.py rebuild-figures`. `further` marks an idea's row on
    a core area it touches besides its own: an area's figure sums both kinds, the region's and an
    organisation's only the idea's own (each idea once)."""

    __table_args__ = (
        # Every read is a measure over a range of days, filtered or grouped by area or organisation:
        # the indexes hold the whole row, so a figure reads an index only. An area's figures (the
        # dashboards') read their area's rows alone, not every area's for the days.
        sa.Index("ix_daycount_measure_day", "measure", "day", "area_id", "organisation_id", "further", "value"),
        sa.Index("ix_daycount_measure_area", "measure", "area_id", "day", "organisation_id", "further", "value"),
    )

    id: int | None = Field(default=None, primary_key=True)
    measure: str = Field(sa_type=_text(40))
    day: date
    organisation_id: int | None = None
    area_id: int | None = None
    further: bool = False
    value: int = Field(sa_type=sa.BigInteger)


class MonthCount(SQLModel, table=True):
    """The kept day counts summed per calendar month (issue 12): a period reads its whole months here and
    only the days of its part-months from `DayCount`. A year is 12 rows per place and measure, not 365.

    Kept with the day counts, in the same transaction: every recount of days sums their months again
    (`services.indicators.day_counts`). `month` is the month's first day."""

    __table_args__ = (
        sa.Index("ix_monthcount_measure_month", "measure", "month", "area_id", "organisation_id", "further", "value"),
        sa.Index("ix_monthcount_measure_area", "measure", "area_id", "month", "organisation_id", "further", "value"),
    )

    id: int | None = Field(default=None, primary_key=True)
    measure: str = Field(sa_type=_text(40))
    month: date
    organisation_id: int | None = None
    area_id: int | None = None
    further: bool = False
    value: int = Field(sa_type=sa.BigInteger)


class ImplementationDay(SQLModel, table=True):
    """The days on which an idea reached implementation or spread (issue 12): one row per idea and
    Stockholm day, on its organisation and own area (`further` false) and on each further area it touches
    (`further` true). "Ideas implemented in a period" counts the distinct ideas of the period's rows: an
    idea moved to implementation and on to spread in one period counts once, so these are kept per idea,
    not summed per day. Merged ideas have none.

    Kept with the day counts, in the transaction of every write that touches an idea, its timeline or its
    areas (`services.indicators.day_counts`)."""

    __table_args__ = (
        sa.Index("ix_implementationday_day", "day", "area_id", "organisation_id", "further", "idea_id"),
        sa.Index("ix_implementationday_idea_id", "idea_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    idea_id: int
    day: date
    organisation_id: int | None = None
    area_id: int | None = None
    further: bool = False


@sa.event.listens_for(sa.orm.Session, "after_flush")
def _keep_day_counts(session: sa.orm.Session, _context: Any) -> None:
    """After every flush: count again the days whose figures the flushed records change, in the same
    transaction (a write that rolls back leaves the counts as they were)."""
    from services.indicators import day_counts  # the counting rules live with the figures

    day_counts.after_flush(session)


# ---------------------------------------------------------------- abuse limits (shared by every app process)


class LoginThrottle(SQLModel, table=True):
    """Wrong passwords from one client address, for one username or ("") for the address as a whole.

    Waits belong to the address, never to the account: someone guessing from elsewhere cannot keep the
    owner out. A right password from the address clears its row.
    """

    __table_args__ = (sa.UniqueConstraint("address", "username"),)

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(sa_type=_text(64))
    username: str = Field(sa_type=_text(60), index=True)  # as typed, lower-case; "" for the address
    failures: int = Field(default=0)
    last_failure_at: datetime = Field(index=True)
    blocked_until: datetime | None = None


class ClientEvent(SQLModel, table=True):
    """One public write (an idea, a testbed request) by one client, kept while a limit's window lasts."""

    __table_args__ = (sa.Index(None, "kind", "client", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=_text(30))
    client: str = Field(sa_type=_text(80))  # "ip:<address>" for visitors, "user:<id>" when logged in
    at: datetime = Field(index=True)


# ---------------------------------------------------------------- notifications (outbox and in-app)


class Delivery(StrEnum):
    """How a user wants one kind of notification: at once, in a weekly digest, or not by e-mail."""

    immediately = "immediately"
    weekly = "weekly"
    off = "off"


class MailState(StrEnum):
    none = "none"  # in the app only, no e-mail to send
    pending = "pending"  # waiting for the sender (or for its next attempt / the weekly digest)
    sending = "sending"  # claimed by one sender process
    sent = "sent"
    failed = "failed"  # given up: the reason is in last_error
    cancelled = "cancelled"  # the address was withdrawn or anonymised before it was sent


class Notification(SQLModel, table=True):
    """One notification to one recipient, written in the same transaction as the change that causes it:
    the in-app message of a user (`user_id`) and/or the outbox row of an e-mail (`email`, `mail_state`).
    A sender claims a row (`claimed_by`) before sending it, so that two processes never send it twice."""

    __table_args__ = (
        one_of("mail_state", MailState),
        one_of("language", Language),
        sa.Index(None, "mail_state", "next_attempt_at"),
        sa.Index(None, "user_id", "read_at"),
        sa.Index(None, "entity", "entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    kind: str = Field(sa_type=_text(40), index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="CASCADE")
    email: str | None = Field(default=None, sa_type=_text(254))
    language: str = Field(default=Language.sv, sa_type=_text(2))
    subject: str = Field(sa_type=_text(200))
    body: str = Field(sa_type=_text())
    link: str | None = Field(default=None, sa_type=_text(500))  # the record, relative to APP_BASE_URL
    entity: str | None = Field(default=None, sa_type=_text(40))
    entity_id: int | None = None
    required: bool = Field(default=False)  # receipts and the process's questions: no unsubscribing
    # In the unsubscribe link of a mail one may refuse; a small secret (it can only turn that mail off).
    unsubscribe_token: str | None = Field(default=None, sa_type=_text(40), unique=True)
    # A once-per-occasion key for reminders and digests ("idea.waiting:2026-W49:user:5"): never twice.
    dedupe_key: str | None = Field(default=None, sa_type=_text(120), unique=True)
    digest: bool = Field(default=False)  # sent with the recipient's other digest items, weekly
    mail_state: str = Field(default=MailState.none, sa_type=_text(20))
    next_attempt_at: datetime | None = None
    attempts: int = Field(default=0)
    claimed_by: str | None = Field(default=None, sa_type=_text(80))
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = Field(default=None, sa_type=_text(500))
    read_at: datetime | None = None


class NotificationPreference(SQLModel, table=True):
    """A user's choice for one kind of notification; without a row the kind's default applies."""

    __table_args__ = (sa.UniqueConstraint("user_id", "kind"), one_of("delivery", Delivery))

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    kind: str = Field(sa_type=_text(40))
    delivery: str = Field(sa_type=_text(20))
    updated_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- accessibility


class BarrierReport(Timestamps, table=True):
    """An accessibility barrier someone met, or content they need in another form: the tillgänglighets-
    redogörelse's form, read by the admins (lagen om tillgänglighet till digital offentlig service)."""

    __table_args__ = (one_of("status", BarrierReportStatus), sa.Index(None, "status", "received_at"))

    id: int | None = Field(default=None, primary_key=True)
    location: str | None = Field(default=None, sa_type=_text(300))  # the page or content it is about
    description: str = Field(sa_type=_text())
    wanted_format: str | None = Field(default=None, sa_type=_text(300))  # content in another form, if asked
    contact_name: str | None = Field(default=None, sa_type=_text(120))
    contact_email: str | None = Field(default=None, sa_type=_text(254))
    language: str = Field(default="sv", sa_type=_text(2))
    reporter_id: int | None = Field(default=None, foreign_key="user.id")
    status: str = Field(default=BarrierReportStatus.new, sa_type=_text(20))
    received_at: datetime = Field(default_factory=utcnow)
    handled_at: datetime | None = None
    handled_by_id: int | None = Field(default=None, foreign_key="user.id")
    handling_note: str | None = Field(default=None, sa_type=_text())


# ---------------------------------------------------------------- samverkan (partners, needs, procurements)


class PartnerKind(StrEnum):
    company = "company"
    university = "university"  # universities and research institutes
    incubator = "incubator"
    foundation = "foundation"
    civil_society = "civil_society"
    public_body = "public_body"
    other = "other"


class NeedStatus(StrEnum):
    draft = "draft"
    published = "published"
    closed = "closed"


class ResponseStatus(StrEnum):
    received = "received"
    assessed = "assessed"
    taken_forward = "taken_forward"  # turned into a procurement, testbed request or fund application
    declined = "declined"


class ProcurementMethod(StrEnum):
    """Förfaranden per Upphandlingsmyndigheten's guidance on innovation-friendly procurement."""

    open = "open"
    innovation_partnership = "innovation_partnership"
    pre_commercial = "pre_commercial"
    competitive_dialogue = "competitive_dialogue"
    real_use_testing = "real_use_testing"


class ProcurementStage(StrEnum):
    needs_analysis = "needs_analysis"
    market_dialogue = "market_dialogue"
    procedure = "procedure"
    announcement = "announcement"
    evaluation = "evaluation"
    contract = "contract"
    follow_up = "follow_up"
    cancelled = "cancelled"


PROCUREMENT_PATH: tuple[ProcurementStage, ...] = tuple(s for s in ProcurementStage if s != ProcurementStage.cancelled)


class ProcurementEventKind(StrEnum):
    created = "created"
    stage_changed = "stage_changed"
    rfi = "rfi"  # request for information to the market
    meeting = "meeting"  # a dialogue meeting with suppliers
    note = "note"


class Partner(Timestamps, table=True):
    """An external organisation the region works with (aktör): company, academy, incubator, foundation,
    civil society or another public body. Kept by one of the region's organisations."""

    __table_args__ = (one_of("kind", PartnerKind),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=_text(200), index=True)
    kind: str = Field(sa_type=_text(20), index=True)
    org_number: str | None = Field(default=None, sa_type=_text(11), index=True)  # NNNNNN-NNNN, Luhn-checked
    website: str | None = Field(default=None, sa_type=_text(300))
    description: str | None = Field(default=None, sa_type=_text())
    organisation_id: int = Field(foreign_key="organisation.id", index=True)  # the region's owner
    contact_name: str | None = Field(default=None, sa_type=_text(120))
    contact_email: str | None = Field(default=None, sa_type=_text(254))
    consent_at: datetime | None = None  # the contact agreed to be kept; anonymised after retention
    anonymised_at: datetime | None = None
    is_active: bool = Field(default=True)
    merged_into_id: int | None = Field(default=None, foreign_key="partner.id")


class Need(Timestamps, table=True):
    """A need or challenge the region publishes for companies and researchers to respond to."""

    __table_args__ = (one_of("status", NeedStatus), sa.Index(None, "status", "deadline"))

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=_text(200))
    description: str = Field(sa_type=_text())
    response_guidance: str = Field(sa_type=_text())  # what a response should contain
    area_id: int = Field(foreign_key="area.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    deadline: date
    status: str = Field(default=NeedStatus.draft, sa_type=_text(20))
    published_at: datetime | None = None
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class NeedResponse(Timestamps, table=True):
    """A public response to a need (`UTM-YYYY-NNNN`), followed by its sender through a private link."""

    __table_args__ = (
        one_of("status", ResponseStatus),
        one_of("responder_kind", PartnerKind),
        sa.Index(None, "need_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=_text(20), unique=True)
    need_id: int = Field(foreign_key="need.id")
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    responder_name: str | None = Field(default=None, sa_type=_text(120))
    responder_org: str = Field(sa_type=_text(200))
    org_number: str | None = Field(default=None, sa_type=_text(11))
    responder_email: str | None = Field(default=None, sa_type=_text(254), index=True)
    responder_kind: str = Field(sa_type=_text(20))
    proposal: str = Field(sa_type=_text())
    consent_at: datetime | None = None
    anonymised_at: datetime | None = None
    language: str = Field(default=Language.sv, sa_type=_text(2))
    status: str = Field(default=ResponseStatus.received, sa_type=_text(20))
    received_at: datetime = Field(default_factory=utcnow, index=True)
    tracking_hash: str = Field(default_factory=lambda: secrets.token_hex(32), sa_type=_text(64), unique=True)


class ResponseAssessment(Timestamps, table=True):
    """One assessor's score (1–5) and note on a response; details only after declaring no conflict (jäv)."""

    __table_args__ = (
        sa.UniqueConstraint("response_id", "assessor_id"),
        sa.CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)", name="score_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="needresponse.id", index=True, ondelete="CASCADE")
    assessor_id: int = Field(foreign_key="user.id", index=True)
    no_conflict_declared_at: datetime | None = None
    conflict_declared_at: datetime | None = None
    conflict_note: str | None = Field(default=None, sa_type=_text())
    score: int | None = None
    note: str | None = Field(default=None, sa_type=_text())
    submitted_at: datetime | None = None


class Procurement(Timestamps, table=True):
    """A procurement with innovation, from needs analysis to follow-up (`UPH-YYYY-NNNN`)."""

    __table_args__ = (
        one_of("method", ProcurementMethod),
        one_of("stage", ProcurementStage),
        sa.CheckConstraint("estimated_value_sek IS NULL OR estimated_value_sek >= 0", name="value_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=_text(20), unique=True)
    title: str = Field(sa_type=_text(200))
    description: str | None = Field(default=None, sa_type=_text())
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    need_id: int | None = Field(default=None, foreign_key="need.id", index=True)
    response_id: int | None = Field(default=None, foreign_key="needresponse.id", index=True)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    method: str | None = Field(default=None, sa_type=_text(30), index=True)
    stage: str = Field(default=ProcurementStage.needs_analysis, sa_type=_text(20), index=True)
    estimated_value_sek: int | None = None
    started_on: date
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class ProcurementEvent(SQLModel, table=True):
    """A procurement's log: stage moves, RFIs and dialogue meetings (with their day), notes."""

    __table_args__ = (
        one_of("kind", ProcurementEventKind),
        one_of("stage", ProcurementStage),
        sa.Index(None, "procurement_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    procurement_id: int = Field(foreign_key="procurement.id", ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    kind: str = Field(sa_type=_text(20))
    stage: str | None = Field(default=None, sa_type=_text(20))  # the stage it happened in (or moved to)
    occurred_on: date
    text: str | None = Field(default=None, sa_type=_text())


class ProcurementIdea(SQLModel, table=True):
    """An idea a procurement builds on."""

    procurement_id: int = Field(foreign_key="procurement.id", primary_key=True, ondelete="CASCADE")
    idea_id: int = Field(foreign_key="idea.id", primary_key=True, index=True)


class ProcurementTestbed(SQLModel, table=True):
    """A testbed of the region used in one stage of a procurement (tests before or during it)."""

    __table_args__ = (one_of("stage", ProcurementStage),)

    procurement_id: int = Field(foreign_key="procurement.id", primary_key=True, ondelete="CASCADE")
    testbed_id: int = Field(foreign_key="testbed.id", primary_key=True, index=True)
    stage: str = Field(sa_type=_text(20), primary_key=True)


class PartnerIdea(SQLModel, table=True):
    """A partner that takes part in an idea (develops, tests or offers it with the region)."""

    partner_id: int = Field(foreign_key="partner.id", primary_key=True)
    idea_id: int = Field(foreign_key="idea.id", primary_key=True, index=True)
    linked_at: datetime = Field(default_factory=utcnow)
    linked_by_id: int | None = Field(default=None, foreign_key="user.id")


class PartnerTestbedRequest(SQLModel, table=True):
    """A partner behind or taking part in a request to use a testbed."""

    partner_id: int = Field(foreign_key="partner.id", primary_key=True)
    request_id: int = Field(foreign_key="testbedrequest.id", primary_key=True, index=True)
    linked_at: datetime = Field(default_factory=utcnow)
    linked_by_id: int | None = Field(default=None, foreign_key="user.id")


class PartnerApplication(SQLModel, table=True):
    """A partner in a fund application or funded project (co-funder, developer, test partner)."""

    partner_id: int = Field(foreign_key="partner.id", primary_key=True)
    application_id: int = Field(foreign_key="fundapplication.id", primary_key=True, index=True)
    linked_at: datetime = Field(default_factory=utcnow)
    linked_by_id: int | None = Field(default=None, foreign_key="user.id")


class AgreementKind(StrEnum):
    cooperation = "cooperation"  # samverkansavtal
    test = "test"  # testavtal (a test in the region's activities)
    ip = "ip"  # avtal om immateriella rättigheter
    confidentiality = "confidentiality"  # sekretessavtal (NDA)
    procurement = "procurement"  # the contract a procurement ended in
    other = "other"


class IpPrinciple(StrEnum):
    """Who owns what comes out of the cooperation (the strategy's "avtal och ersättningsmodeller")."""

    region_owns = "region_owns"
    partner_owns = "partner_owns"
    partner_owns_region_licence = "partner_owns_region_licence"
    joint = "joint"
    each_own_results = "each_own_results"
    not_applicable = "not_applicable"


class Agreement(Timestamps, table=True):
    """A cooperation, test, IP or other agreement of one of the region's organisations with partners."""

    __table_args__ = (
        one_of("kind", AgreementKind),
        one_of("ip_principle", IpPrinciple),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        sa.CheckConstraint("notice_days >= 0", name="notice_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=_text(20), unique=True)
    title: str = Field(sa_type=_text(200))
    kind: str = Field(sa_type=_text(20), index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    starts_on: date
    ends_on: date | None = Field(default=None, index=True)
    notice_days: int = Field(default=90)  # notified this many days before it ends
    auto_renews: bool = Field(default=False)
    ip_principle: str = Field(default=IpPrinciple.not_applicable, sa_type=_text(30))
    note: str | None = Field(default=None, sa_type=_text())
    need_id: int | None = Field(default=None, foreign_key="need.id")
    procurement_id: int | None = Field(default=None, foreign_key="procurement.id", index=True)
    idea_id: int | None = Field(default=None, foreign_key="idea.id")
    testbed_id: int | None = Field(default=None, foreign_key="testbed.id")
    application_id: int | None = Field(default=None, foreign_key="fundapplication.id")
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class AgreementParty(SQLModel, table=True):
    """A partner that is party to an agreement (the region's organisation is the other party)."""

    agreement_id: int = Field(foreign_key="agreement.id", primary_key=True, ondelete="CASCADE")
    partner_id: int = Field(foreign_key="partner.id", primary_key=True, index=True)


class AgreementFile(SQLModel, table=True):
    """The signed copy of an agreement: checked by its content (PDF, DOCX, PNG, JPEG), at most a few
    megabytes, kept in the database and only ever served as a download."""

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", unique=True, ondelete="CASCADE")
    filename: str = Field(sa_type=_text(200))
    content_type: str = Field(sa_type=_text(100))
    size_bytes: int
    sha256: str = Field(sa_type=_text(64))
    data: bytes = Field(sa_type=sa.LargeBinary)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user.id")
    uploaded_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- the innovation council's meetings


class ActionStatus(StrEnum):
    open = "open"
    done = "done"


class CouncilMeeting(Timestamps, table=True):
    """A meeting of the innovation council: its agenda, decisions and action items hang on it."""

    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    title: str = Field(sa_type=_text(200))
    location: str | None = Field(default=None, sa_type=_text(200))
    notes: str | None = Field(default=None, sa_type=_text())
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class CouncilAttendance(SQLModel, table=True):
    """A member present at a meeting (a council member, or someone of the central team)."""

    meeting_id: int = Field(foreign_key="councilmeeting.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)


class AgendaItem(Timestamps, table=True):
    """A point on a meeting's agenda, optionally about one record: `linked_kind` names the kind of record
    (services/council/links.py knows each: idea, fund_application, annual_report, ...), `linked_id` its id
    (for the bokslut: its year). No foreign key, so that a new kind of record needs no migration."""

    __table_args__ = (
        sa.CheckConstraint("(linked_kind IS NULL) = (linked_id IS NULL)", name="link_complete"),
        sa.Index(None, "linked_kind", "linked_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="councilmeeting.id", index=True, ondelete="CASCADE")
    position: int = Field(default=1)
    title: str = Field(sa_type=_text(200))
    linked_kind: str | None = Field(default=None, sa_type=_text(30))
    linked_id: int | None = None
    notes: str | None = Field(default=None, sa_type=_text())


class CouncilDecision(Timestamps, table=True):
    """What the council decided at a meeting, on one agenda item or on the meeting as a whole."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="councilmeeting.id", index=True, ondelete="CASCADE")
    agenda_item_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    text: str = Field(sa_type=_text())


class ActionItem(Timestamps, table=True):
    """Something a named person is to do by a day, followed until it is done."""

    __table_args__ = (
        one_of("status", ActionStatus),
        sa.CheckConstraint("status <> 'done' OR done_on IS NOT NULL", name="done_has_day"),
        sa.Index(None, "owner_id", "status"),
        sa.Index(None, "status", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="councilmeeting.id", index=True, ondelete="CASCADE")
    decision_id: int | None = Field(default=None, foreign_key="councildecision.id", ondelete="SET NULL")
    description: str = Field(sa_type=_text(500))
    owner_id: int = Field(foreign_key="user.id")
    due_on: date
    status: str = Field(default=ActionStatus.open, sa_type=_text(20))
    done_on: date | None = None
    done_by_id: int | None = Field(default=None, foreign_key="user.id")
    done_note: str | None = Field(default=None, sa_type=_text())


# ---------------------------------------------------------------- obstacles (hinder)


class Obstacle(Timestamps, table=True):
    """An obstacle the team sees across cases: its kind, who owns it and what is being done about it."""

    __table_args__ = (one_of("kind", ObstacleKind), one_of("status", ObstacleStatus), sa.Index(None, "status", "kind"))

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=_text(200))
    kind: str = Field(sa_type=_text(20))
    description: str = Field(sa_type=_text())
    owner_id: int = Field(foreign_key="user.id", index=True)
    measures: str | None = Field(default=None, sa_type=_text())  # what is being done
    status: str = Field(default=ObstacleStatus.open, sa_type=_text(20))
    resolved_on: date | None = None
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class ObstacleCase(SQLModel, table=True):
    """A case an obstacle affected: an idea or a fund application (a kind and an id, as agenda links)."""

    __table_args__ = (
        sa.UniqueConstraint("obstacle_id", "linked_kind", "linked_id"),
        sa.Index(None, "linked_kind", "linked_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    obstacle_id: int = Field(foreign_key="obstacle.id", index=True, ondelete="CASCADE")
    linked_kind: str = Field(sa_type=_text(30))
    linked_id: int
    created_at: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- innovation budget per organisation


class InnovationBudget(Timestamps, table=True):
    """What a board or company budgeted for innovation support in a year (the strategy: "utrymme …
    budgeteras inom respektive nämnd och bolag"), set against its outcome in services/budgets."""

    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "year"),
        sa.CheckConstraint("budget_sek >= 0", name="budget_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="CASCADE")
    year: int = Field(index=True)
    budget_sek: int
    note: str | None = Field(default=None, sa_type=_text())


# ---------------------------------------------------------------- competence development


class Course(Timestamps, table=True):
    """A course or information effort (innovation method, IP, innovation procurement, design methods, the
    certification of innovation leaders, ...) with its dates and target group."""

    __table_args__ = (
        one_of("kind", CourseKind),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_starts"),
        sa.CheckConstraint("valid_months IS NULL OR valid_months > 0", name="valid_months_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=_text(200))
    kind: str = Field(sa_type=_text(30), index=True)
    starts_on: date = Field(index=True)
    ends_on: date | None = None
    target_group: str = Field(sa_type=_text(200))
    for_officials: bool = Field(default=False)  # elected officials (förtroendevalda) among the target group
    requirements: str | None = Field(default=None, sa_type=_text())  # e.g. what a certification asks
    valid_months: int | None = None  # how long a certification holds
    organiser: str | None = Field(default=None, sa_type=_text(200))


class CourseParticipant(SQLModel, table=True):
    """One participant: an employee (a user), or an elected official recorded by name and committee."""

    __table_args__ = (
        sa.UniqueConstraint("course_id", "user_id"),
        sa.CheckConstraint(
            "user_id IS NOT NULL OR (official_name IS NOT NULL AND official_committee IS NOT NULL)",
            name="employee_or_official",
        ),
        sa.Index(None, "user_id", "completed_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    course_id: int = Field(foreign_key="course.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="user.id")
    official_name: str | None = Field(default=None, sa_type=_text(120))
    official_committee: str | None = Field(default=None, sa_type=_text(200))
    completed_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)

"""obstacles (hinder): coded obstacles on parked and closed ideas and stopped fund projects, the team's
obstacle register with the cases each affected; innovation budget per organisation and year; courses and
their participants (employees and elected officials)

Revision ID: 0017_governance_capability
Revises: 0016_governance
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0017_governance_capability"
down_revision: str | None = "0016_governance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = (
    "obstacle_kind IS NULL OR obstacle_kind IN "
    "('law', 'procurement', 'it_security', 'financing', 'time', 'competence', 'organisation', 'ip', 'other')"
)


def upgrade() -> None:
    op.create_table(
        "obstacle",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('law', 'procurement', 'it_security', 'financing', 'time', 'competence', 'organisation', 'ip', 'other')",
            name=op.f("ck_obstacle_kind"),
        ),
        sa.CheckConstraint("status IS NULL OR status IN ('open', 'resolved')", name=op.f("ck_obstacle_status")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_obstacle_created_by_id_user")),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"], name=op.f("fk_obstacle_owner_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obstacle")),
    )
    with op.batch_alter_table("obstacle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obstacle_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_obstacle_status_kind"), ["status", "kind"], unique=False)

    op.create_table(
        "obstaclecase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("obstacle_id", sa.Integer(), nullable=False),
        sa.Column("linked_kind", sa.String(length=30), nullable=False),
        sa.Column("linked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["obstacle_id"], ["obstacle.id"], name=op.f("fk_obstaclecase_obstacle_id_obstacle"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obstaclecase")),
        sa.UniqueConstraint(
            "obstacle_id", "linked_kind", "linked_id", name=op.f("uq_obstaclecase_obstacle_id_linked_kind_linked_id")
        ),
    )
    with op.batch_alter_table("obstaclecase", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_obstaclecase_linked_kind_linked_id"), ["linked_kind", "linked_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_obstaclecase_obstacle_id"), ["obstacle_id"], unique=False)

    with op.batch_alter_table("fundapplication", schema=None) as batch_op:
        batch_op.add_column(sa.Column("obstacle_kind", sa.String(length=20), nullable=True))

    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(sa.Column("obstacle_kind", sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f("ix_idea_obstacle_kind"), ["obstacle_kind"], unique=False)
    op.create_table(
        "innovationbudget",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("budget_sek", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("budget_sek >= 0", name=op.f("ck_innovationbudget_budget_not_negative")),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_innovationbudget_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovationbudget")),
        sa.UniqueConstraint("organisation_id", "year", name=op.f("uq_innovationbudget_organisation_id_year")),
    )
    with op.batch_alter_table("innovationbudget") as batch_op:
        batch_op.create_index(batch_op.f("ix_innovationbudget_year"), ["year"], unique=False)
    op.create_table(
        "course",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("target_group", sa.String(length=200), nullable=False),
        sa.Column("for_officials", sa.Boolean(), nullable=False),
        sa.Column("requirements", sa.Text(), nullable=True),
        sa.Column("valid_months", sa.Integer(), nullable=True),
        sa.Column("organiser", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('innovation_method', 'ip', 'procurement', 'design', 'certification', "
            "'information', 'other')",
            name=op.f("ck_course_kind"),
        ),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_course_ends_after_starts")),
        sa.CheckConstraint("valid_months IS NULL OR valid_months > 0", name=op.f("ck_course_valid_months_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
    )
    with op.batch_alter_table("course") as batch_op:
        batch_op.create_index(batch_op.f("ix_course_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_course_starts_on"), ["starts_on"], unique=False)
    op.create_table(
        "courseparticipant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("official_name", sa.String(length=120), nullable=True),
        sa.Column("official_committee", sa.String(length=200), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "user_id IS NOT NULL OR (official_name IS NOT NULL AND official_committee IS NOT NULL)",
            name=op.f("ck_courseparticipant_employee_or_official"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_courseparticipant_course_id_course"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_courseparticipant_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courseparticipant")),
        sa.UniqueConstraint("course_id", "user_id", name=op.f("uq_courseparticipant_course_id_user_id")),
    )
    with op.batch_alter_table("courseparticipant") as batch_op:
        batch_op.create_index(batch_op.f("ix_courseparticipant_course_id"), ["course_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_courseparticipant_user_id_completed_on"), ["user_id", "completed_on"], unique=False
        )


def downgrade() -> None:
    op.drop_table("courseparticipant")
    op.drop_table("course")
    op.drop_table("innovationbudget")
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_obstacle_kind"))
        batch_op.drop_column("obstacle_kind")

    with op.batch_alter_table("fundapplication", schema=None) as batch_op:
        batch_op.drop_column("obstacle_kind")

    with op.batch_alter_table("obstaclecase", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obstaclecase_obstacle_id"))
        batch_op.drop_index(batch_op.f("ix_obstaclecase_linked_kind_linked_id"))

    op.drop_table("obstaclecase")
    with op.batch_alter_table("obstacle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obstacle_status_kind"))
        batch_op.drop_index(batch_op.f("ix_obstacle_owner_id"))

    op.drop_table("obstacle")

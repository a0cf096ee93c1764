"""benefit realisation: the benefits of ideas and funded projects, estimated and measured over time

Revision ID: 0011_benefit_records
Revises: 0010_testbed_request_tracking
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011_benefit_records"
down_revision: str | None = "0010_testbed_request_tracking"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "benefitrecord",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("estimated_value", sa.Float(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('economic', 'social', 'environmental')", name=op.f("ck_benefitrecord_kind")
        ),
        sa.CheckConstraint(
            "unit IS NULL OR unit IN ('sek_per_year', 'hours_per_year', 'co2e_tonnes_per_year', 'people_reached')",
            name=op.f("ck_benefitrecord_unit"),
        ),
        sa.CheckConstraint(
            "(idea_id IS NULL) <> (application_id IS NULL)", name=op.f("ck_benefitrecord_idea_or_project")
        ),
        sa.CheckConstraint(
            "estimated_value IS NULL OR estimated_value >= 0", name=op.f("ck_benefitrecord_estimated_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["fundapplication.id"],
            name=op.f("fk_benefitrecord_application_id_fundapplication"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["idea.id"], name=op.f("fk_benefitrecord_idea_id_idea"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user.id"], name=op.f("fk_benefitrecord_recorded_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefitrecord")),
    )
    with op.batch_alter_table("benefitrecord", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_benefitrecord_application_id"), ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_benefitrecord_idea_id"), ["idea_id"], unique=False)

    op.create_table(
        "benefitmeasurement",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("benefit_id", sa.Integer(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("measured_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("value >= 0", name=op.f("ck_benefitmeasurement_value_not_negative")),
        sa.ForeignKeyConstraint(
            ["benefit_id"],
            ["benefitrecord.id"],
            name=op.f("fk_benefitmeasurement_benefit_id_benefitrecord"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["user.id"], name=op.f("fk_benefitmeasurement_recorded_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefitmeasurement")),
        sa.UniqueConstraint("benefit_id", "measured_on", name=op.f("uq_benefitmeasurement_benefit_id_measured_on")),
    )
    with op.batch_alter_table("benefitmeasurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_benefitmeasurement_benefit_id"), ["benefit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_benefitmeasurement_measured_on"), ["measured_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("benefitmeasurement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefitmeasurement_measured_on"))
        batch_op.drop_index(batch_op.f("ix_benefitmeasurement_benefit_id"))
    op.drop_table("benefitmeasurement")
    with op.batch_alter_table("benefitrecord", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefitrecord_idea_id"))
        batch_op.drop_index(batch_op.f("ix_benefitrecord_application_id"))
    op.drop_table("benefitrecord")

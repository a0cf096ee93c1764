"""accessibility: barrier reports from the tillgänglighetsredogörelse's form

Revision ID: 0012_barrier_reports
Revises: 0011_benefit_records
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012_barrier_reports"
down_revision: str | None = "0011_benefit_records"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "barrierreport",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("wanted_format", sa.String(length=300), nullable=True),
        sa.Column("contact_name", sa.String(length=120), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("handled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("handling_note", sa.Text(), nullable=True),
        sa.CheckConstraint("status IS NULL OR status IN ('new', 'handled')", name=op.f("ck_barrierreport_status")),
        sa.ForeignKeyConstraint(["handled_by_id"], ["user.id"], name=op.f("fk_barrierreport_handled_by_id_user")),
        sa.ForeignKeyConstraint(["reporter_id"], ["user.id"], name=op.f("fk_barrierreport_reporter_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barrierreport")),
    )
    with op.batch_alter_table("barrierreport") as batch_op:
        batch_op.create_index(batch_op.f("ix_barrierreport_status_received_at"), ["status", "received_at"], unique=False)


def downgrade() -> None:
    op.drop_table("barrierreport")

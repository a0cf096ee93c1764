"""governance: the innovation council's meetings, attendance, agenda items linked to records, decisions and
action items

Revision ID: 0016_governance
Revises: 0015_agreements
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0016_governance"
down_revision: str | None = "0015_agreements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "councilmeeting",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_councilmeeting_created_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_councilmeeting")),
    )
    with op.batch_alter_table("councilmeeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_councilmeeting_held_on"), ["held_on"], unique=False)

    op.create_table(
        "agendaitem",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("linked_kind", sa.String(length=30), nullable=True),
        sa.Column("linked_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint("(linked_kind IS NULL) = (linked_id IS NULL)", name=op.f("ck_agendaitem_link_complete")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["councilmeeting.id"],
            name=op.f("fk_agendaitem_meeting_id_councilmeeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agendaitem")),
    )
    with op.batch_alter_table("agendaitem", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agendaitem_linked_kind_linked_id"), ["linked_kind", "linked_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_agendaitem_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "councilattendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["councilmeeting.id"],
            name=op.f("fk_councilattendance_meeting_id_councilmeeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_councilattendance_user_id_user")),
        sa.PrimaryKeyConstraint("meeting_id", "user_id", name=op.f("pk_councilattendance")),
    )
    with op.batch_alter_table("councilattendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_councilattendance_user_id"), ["user_id"], unique=False)

    op.create_table(
        "councildecision",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agendaitem.id"],
            name=op.f("fk_councildecision_agenda_item_id_agendaitem"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["councilmeeting.id"],
            name=op.f("fk_councildecision_meeting_id_councilmeeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_councildecision")),
    )
    with op.batch_alter_table("councildecision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_councildecision_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "actionitem",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=True),
        sa.CheckConstraint("status <> 'done' OR done_on IS NOT NULL", name=op.f("ck_actionitem_done_has_day")),
        sa.CheckConstraint("status IS NULL OR status IN ('open', 'done')", name=op.f("ck_actionitem_status")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["councildecision.id"],
            name=op.f("fk_actionitem_decision_id_councildecision"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["done_by_id"], ["user.id"], name=op.f("fk_actionitem_done_by_id_user")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["councilmeeting.id"],
            name=op.f("fk_actionitem_meeting_id_councilmeeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"], name=op.f("fk_actionitem_owner_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actionitem")),
    )
    with op.batch_alter_table("actionitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actionitem_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actionitem_owner_id_status"), ["owner_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_actionitem_status_due_on"), ["status", "due_on"], unique=False)


def downgrade() -> None:
    for table in ("actionitem", "councildecision", "councilattendance", "agendaitem", "councilmeeting"):
        op.drop_table(table)

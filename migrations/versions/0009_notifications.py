"""notifications: the outbox and in-app messages, preferences per kind, the submitter's language, and
questions and answers on an idea's timeline

Revision ID: 0009_notifications
Revises: 0008_annual_report_areas
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_notifications"
down_revision: str | None = "0008_annual_report_areas"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("unsubscribe_token", sa.String(length=40), nullable=True),
        sa.Column("dedupe_key", sa.String(length=120), nullable=True),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("mail_state", sa.String(length=20), nullable=False),
        sa.Column("next_attempt_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=80), nullable=True),
        sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.CheckConstraint("language IS NULL OR language IN ('sv', 'en')", name=op.f("ck_notification_language")),
        sa.CheckConstraint(
            "mail_state IS NULL OR mail_state IN ('none', 'pending', 'sending', 'sent', 'failed', 'cancelled')",
            name=op.f("ck_notification_mail_state"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_notification_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_notification_dedupe_key")),
        sa.UniqueConstraint("unsubscribe_token", name=op.f("uq_notification_unsubscribe_token")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notification_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_notification_entity_entity_id"), ["entity", "entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notification_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notification_mail_state_next_attempt_at"), ["mail_state", "next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notification_user_id_read_at"), ["user_id", "read_at"], unique=False)

    op.create_table(
        "notificationpreference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("delivery", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "delivery IS NULL OR delivery IN ('immediately', 'weekly', 'off')",
            name=op.f("ck_notificationpreference_delivery"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_notificationpreference_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notificationpreference")),
        sa.UniqueConstraint("user_id", "kind", name=op.f("uq_notificationpreference_user_id_kind")),
    )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_language", sa.String(length=2), nullable=True))
    with op.batch_alter_table("ideaevent", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_ideaevent_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_ideaevent_kind"), f"kind IS NULL OR kind IN ({_kinds(EVENT_KINDS_AFTER)})"
        )


EVENT_KINDS_BEFORE = (
    "created",
    "stage_changed",
    "assigned",
    "comment",
    "ip_changed",
    "linked",
    "merged",
    "adopted",
    "anonymised",
)
EVENT_KINDS_AFTER = (*EVENT_KINDS_BEFORE, "question", "answer")


def _kinds(kinds: tuple[str, ...]) -> str:
    return ", ".join(f"'{k}'" for k in kinds)


def downgrade() -> None:
    op.execute("DELETE FROM ideaevent WHERE kind IN ('question', 'answer')")
    with op.batch_alter_table("ideaevent", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_ideaevent_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_ideaevent_kind"), f"kind IS NULL OR kind IN ({_kinds(EVENT_KINDS_BEFORE)})"
        )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_column("contact_language")

    op.drop_table("notificationpreference")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_user_id_read_at"))
        batch_op.drop_index(batch_op.f("ix_notification_mail_state_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_notification_kind"))
        batch_op.drop_index(batch_op.f("ix_notification_entity_entity_id"))
        batch_op.drop_index(batch_op.f("ix_notification_created_at"))

    op.drop_table("notification")

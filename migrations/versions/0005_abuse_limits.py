"""Abuse limits shared by every app process: login waits per client address (replacing the account-wide
lockout that anyone could keep on) and public writes per client

Revision ID: 0005_abuse_limits
Revises: 0004_user_session_version
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_abuse_limits"
down_revision: str | None = "0004_user_session_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clientevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("client", sa.String(length=80), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clientevent")),
    )
    with op.batch_alter_table("clientevent") as batch_op:
        batch_op.create_index(batch_op.f("ix_clientevent_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_clientevent_kind_client_at"), ["kind", "client", "at"], unique=False)

    op.create_table(
        "loginthrottle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("blocked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loginthrottle")),
        sa.UniqueConstraint("address", "username", name=op.f("uq_loginthrottle_address_username")),
    )
    with op.batch_alter_table("loginthrottle") as batch_op:
        batch_op.create_index(batch_op.f("ix_loginthrottle_last_failure_at"), ["last_failure_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_loginthrottle_username"), ["username"], unique=False)

    with op.batch_alter_table("user") as batch_op:
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("locked_until")


def downgrade() -> None:
    with op.batch_alter_table("user") as batch_op:
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.drop_table("loginthrottle")
    op.drop_table("clientevent")

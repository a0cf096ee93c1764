"""testbed requests: the language the request was written in (mails to the requester use it) and a
private tracking token (only its SHA-256 digest is stored); existing requests get a fresh random one
that no one holds

Revision ID: 0010_testbed_request_tracking
Revises: 0009_notifications
"""

import hashlib
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_testbed_request_tracking"
down_revision: str | None = "0009_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("testbedrequest", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requester_language", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("tracking_hash", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM testbedrequest")).scalars().all()
    if ids:
        connection.execute(
            sa.text("UPDATE testbedrequest SET tracking_hash = :digest WHERE id = :id"),
            [{"id": i, "digest": hashlib.sha256(secrets.token_urlsafe(16).encode()).hexdigest()} for i in ids],
        )
    with op.batch_alter_table("testbedrequest", schema=None) as batch_op:
        batch_op.alter_column("tracking_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_testbedrequest_tracking_hash"), ["tracking_hash"])


def downgrade() -> None:
    with op.batch_alter_table("testbedrequest", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_testbedrequest_tracking_hash"), type_="unique")
        batch_op.drop_column("tracking_hash")
        batch_op.drop_column("requester_language")

"""ideas get a private tracking token (only its SHA-256 digest is stored)

Existing ideas get a fresh random token each; no one holds those tokens, so their submitters follow
them under Mina idéer (logged in) or get a new link from the team (Idéhantering).

Revision ID: 0006_idea_tracking_hash
Revises: 0005_abuse_limits
Create Date: 2026-12-03
"""

import hashlib
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_idea_tracking_hash"
down_revision: str | None = "0005_abuse_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tracking_hash", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM idea")).scalars().all()
    if ids:
        connection.execute(
            sa.text("UPDATE idea SET tracking_hash = :digest WHERE id = :id"),
            [{"id": i, "digest": hashlib.sha256(secrets.token_urlsafe(16).encode()).hexdigest()} for i in ids],
        )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.alter_column("tracking_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_idea_tracking_hash"), ["tracking_hash"])


def downgrade() -> None:
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_idea_tracking_hash"), type_="unique")
        batch_op.drop_column("tracking_hash")

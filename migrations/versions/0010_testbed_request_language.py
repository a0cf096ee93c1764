"""testbed requests: the language the request was written in (mails to the requester use it)

Revision ID: 0010_testbed_request_language
Revises: 0009_notifications
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_testbed_request_language"
down_revision: str | None = "0009_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("testbedrequest", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requester_language", sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("testbedrequest", schema=None) as batch_op:
        batch_op.drop_column("requester_language")

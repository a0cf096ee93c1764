"""user.sessions_ended_at: when the session version was last raised, so that an older single sign-on no
longer logs in

Revision ID: 0009_user_sessions_ended_at
Revises: 0008_annual_report_areas
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_user_sessions_ended_at"
down_revision: str | None = "0008_annual_report_areas"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user") as batch_op:
        batch_op.add_column(sa.Column("sessions_ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user") as batch_op:
        batch_op.drop_column("sessions_ended_at")

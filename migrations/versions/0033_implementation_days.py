"""the days ideas reached implementation, kept per idea

"Ideas implemented in the period" counted the distinct ideas moved to implementation or spread in the
period (or standing there since then), looking each one up among every idea's rows: about 5 ms a period
at ten times the region, on every dashboard, the budget and the innovationsbokslut. `implementationday`
keeps those days per idea, organisation and area, current in the transaction of every write to an idea,
its timeline or its areas (services/indicators/day_counts.py); the figure counts the distinct ideas of a
period's rows. The upgrade finds the days from the records so far.

Revision ID: 0033_implementation_days
Revises: 0032_month_counts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.indicators import day_counts

revision: str = "0033_implementation_days"
down_revision: str | None = "0032_month_counts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "implementationday",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("further", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_implementationday_day",
        "implementationday",
        ["day", "area_id", "organisation_id", "further", "idea_id"],
        unique=False,
    )
    op.create_index("ix_implementationday_idea_id", "implementationday", ["idea_id"], unique=False)
    day_counts.recount_implementation(op.get_bind(), None)


def downgrade() -> None:
    op.drop_index("ix_implementationday_idea_id", table_name="implementationday")
    op.drop_index("ix_implementationday_day", table_name="implementationday")
    op.drop_table("implementationday")

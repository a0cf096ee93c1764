"""the kept day counts summed per month too

A period read every day's rows of its measures: a year at ten times the region is some 45,000 day rows
for a dashboard's flows, and all time (Översikt's funnel) 150,000. `monthcount` holds the same counts
summed per calendar month, kept with the day rows in the transaction of every write
(services/indicators/day_counts.py): a period reads its whole months there and only the days of its
part-months from `daycount`. The upgrade sums the months from the day rows kept so far.

Revision ID: 0032_month_counts
Revises: 0031_daycount_area
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.indicators import day_counts

revision: str = "0032_month_counts"
down_revision: str | None = "0031_daycount_area"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "monthcount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("further", sa.Boolean(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_monthcount_measure_month",
        "monthcount",
        ["measure", "month", "area_id", "organisation_id", "further", "value"],
        unique=False,
    )
    op.create_index(
        "ix_monthcount_measure_area",
        "monthcount",
        ["measure", "area_id", "month", "organisation_id", "further", "value"],
        unique=False,
    )
    day_counts.roll_up(op.get_bind(), None, None)


def downgrade() -> None:
    op.drop_index("ix_monthcount_measure_area", table_name="monthcount")
    op.drop_index("ix_monthcount_measure_month", table_name="monthcount")
    op.drop_table("monthcount")

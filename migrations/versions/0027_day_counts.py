"""the figures' counts kept per day (issue 12)

The dashboards' flow figures (ideas received, from the public, converted; the fund's applications and
SEK; testbed requests) counted the period's records at every cache miss, one statement per figure and
period. `daycount` keeps those counts per Stockholm day, organisation and area, current in the
transaction of every write (services/indicators/day_counts.py). The upgrade counts them from the records
so far (some seconds at ten times the region).

Revision ID: 0027_day_counts
Revises: 0026_covering_counts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.indicators import day_counts

revision: str = "0027_day_counts"
down_revision: str | None = "0026_covering_counts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daycount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("further", sa.Boolean(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_daycount_measure_day",
        "daycount",
        ["measure", "day", "area_id", "organisation_id", "further", "value"],
        unique=False,
    )
    connection = op.get_bind()
    for family in day_counts.FAMILIES:
        day_counts.recount_days(connection, family, None)  # their months: migration 0032


def downgrade() -> None:
    op.drop_index("ix_daycount_measure_day", table_name="daycount")
    op.drop_table("daycount")

"""indexes of the few rows two pages ask for: requests waiting for a first answer, ideas with an obstacle

Förfrågningar shows the late requests (no first answer, received more than ten working days ago) and
counts them at every run. At ten times the region that read all 50 000 requests testbed by testbed
(75–85 ms a statement); the waiting ones are a tenth of them, and the new index holds only those.

Hinder counts the ideas stopped by an obstacle. Their index held every idea, nearly all without an
obstacle, so to the planner "has an obstacle" matched them all and it read the table (30–50 ms a
statement, four statements a run). The index now holds only the ideas with an obstacle.

Revision ID: 0025_few_row_indexes
Revises: 0024_idea_figure_columns
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025_few_row_indexes"
down_revision: str | None = "0024_idea_figure_columns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNANSWERED = sa.text("first_response_at IS NULL")
OBSTACLE = sa.text("obstacle_kind IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_testbedrequest_unanswered",
        "testbedrequest",
        ["received_at", "testbed_id"],
        unique=False,
        sqlite_where=UNANSWERED,
        postgresql_where=UNANSWERED,
    )
    op.drop_index("ix_idea_obstacle_kind", table_name="idea")
    op.create_index(
        "ix_idea_obstacle_kind", "idea", ["obstacle_kind"], unique=False, sqlite_where=OBSTACLE, postgresql_where=OBSTACLE
    )


def downgrade() -> None:
    op.drop_index("ix_idea_obstacle_kind", table_name="idea")
    op.create_index("ix_idea_obstacle_kind", "idea", ["obstacle_kind"], unique=False)
    op.drop_index("ix_testbedrequest_unanswered", table_name="testbedrequest")

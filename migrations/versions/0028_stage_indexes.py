"""the ideas standing at implementation or spread, indexed by when they got there; the stage index
holds the day received

"Ideas that reached implementation in the period" counts the period's moves there (the timeline's
index) and the ideas standing there that got there in the period. With no index for the second, SQLite
read every idea for it: 25-30 ms a figure at ten times the region, four to eight times per dashboard,
bokslut or Rådsläge run. A partial index (only those stages) makes it a range: 4-5 ms.

Översikt counts the ideas waiting in `received` for more than 14 days at every visit: through the stage
index it read those 18 000 ideas' rows for their day of receipt (60-80 ms); with the day in the index,
it reads the index alone.

Revision ID: 0028_stage_indexes
Revises: 0027_day_counts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028_stage_indexes"
down_revision: str | None = "0027_day_counts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

THERE = sa.text("stage IN ('implementation', 'spread')")
STAGE = ["stage", "merged_into_id", "submitter_id", "area_id"]  # as 0026 made it


def upgrade() -> None:
    op.create_index(
        "ix_idea_implemented",
        "idea",
        ["stage_changed_at", "merged_into_id", "area_id", "organisation_id"],
        unique=False,
        sqlite_where=THERE,
        postgresql_where=THERE,
    )
    op.drop_index("ix_idea_stage", table_name="idea")
    op.create_index("ix_idea_stage", "idea", [*STAGE, "received_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_idea_stage", table_name="idea")
    op.create_index("ix_idea_stage", "idea", STAGE, unique=False)
    op.drop_index("ix_idea_implemented", table_name="idea")

"""indexes for the figures: stage moves by stage and date, first decisions by date, merged ideas only

The dashboards' idea figures ask "which ideas reached implementation (in the period)" of the timeline,
"which first decisions fell in the period" of the ideas, and leave merged duplicates out. At ten times the
region these read every stage change (80 000 rows) for the first, every idea for the second, and, on a
SQLite database without statistics, every idea through the merged-into index for the third (an IS NULL
that matches nearly all rows looked selective to the planner). Now the first two have indexes of their
own, and the merged-into index holds the merged ideas only, which is all it is asked for
(`merged_into_id = ?`).

Revision ID: 0022_figure_indexes
Revises: 0021_kom01_computed
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_figure_indexes"
down_revision: str | None = "0021_kom01_computed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGED = sa.text("merged_into_id IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        op.f("ix_ideaevent_to_stage_kind_at_idea_id"), "ideaevent", ["to_stage", "kind", "at", "idea_id"], unique=False
    )
    op.create_index(op.f("ix_idea_first_decision_at"), "idea", ["first_decision_at"], unique=False)
    op.drop_index("ix_idea_merged_into_id", table_name="idea")
    op.create_index(
        "ix_idea_merged_into_id", "idea", ["merged_into_id"], unique=False, sqlite_where=MERGED, postgresql_where=MERGED
    )


def downgrade() -> None:
    op.drop_index("ix_idea_merged_into_id", table_name="idea")
    op.create_index("ix_idea_merged_into_id", "idea", ["merged_into_id"], unique=False)
    op.drop_index(op.f("ix_idea_first_decision_at"), table_name="idea")
    op.drop_index(op.f("ix_ideaevent_to_stage_kind_at_idea_id"), table_name="ideaevent")

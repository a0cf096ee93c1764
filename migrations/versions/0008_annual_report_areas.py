"""annual report: a core area's own commentary

Revision ID: 0008_annual_report_areas
Revises: 0007_dated_history
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_annual_report_areas"
down_revision: str | None = "0007_dated_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("annualreport", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_annualreport_area_id_area"), "area", ["area_id"], ["id"])
        batch_op.create_check_constraint(
            op.f("ck_annualreport_one_level"), "area_id IS NULL OR organisation_id IS NULL"
        )


def downgrade() -> None:
    op.execute("DELETE FROM annualreport WHERE area_id IS NOT NULL")
    with op.batch_alter_table("annualreport", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_annualreport_one_level"), type_="check")
        batch_op.drop_constraint(op.f("fk_annualreport_area_id_area"), type_="foreignkey")
        batch_op.drop_column("area_id")

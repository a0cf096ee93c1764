"""fundcall.review_due_on: the day reviews are due, so that reviewers hear of it and are reminded

Existing calls get the default the app offers a new call: three weeks after the call closes.

Revision ID: 0018_fund_review_due
Revises: 0017_governance_capability
"""

from collections.abc import Sequence
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0018_fund_review_due"
down_revision: str | None = "0017_governance_capability"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REVIEW_WEEKS = 3  # as services.fund.applications.DEFAULT_REVIEW_WEEKS when this was written


def upgrade() -> None:
    with op.batch_alter_table("fundcall") as batch_op:
        batch_op.add_column(sa.Column("review_due_on", sa.Date(), nullable=True))
    connection = op.get_bind()
    calls = connection.execute(sa.text("SELECT id, closes_on FROM fundcall")).all()
    if calls:
        connection.execute(
            sa.text("UPDATE fundcall SET review_due_on = :due WHERE id = :id"),
            [{"id": i, "due": _day(closes) + timedelta(weeks=REVIEW_WEEKS)} for i, closes in calls],
        )
    with op.batch_alter_table("fundcall") as batch_op:
        batch_op.alter_column("review_due_on", existing_type=sa.Date(), nullable=False)
        batch_op.create_check_constraint(batch_op.f("ck_fundcall_review_due_after_close"), "review_due_on >= closes_on")


def downgrade() -> None:
    with op.batch_alter_table("fundcall") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_fundcall_review_due_after_close"), type_="check")
        batch_op.drop_column("review_due_on")


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])

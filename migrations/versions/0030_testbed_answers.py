"""the requests' testbed index holds what the request figures count

Testmiljöer i siffror counts the requests per testbed (how many, accepted, answered, declined, answered in
time). The (testbed_id, status) index sent SQLite to every request's row for the rest: 60 ms for all years
at ten times the region. With the moments of receipt and first answer and the working days in the index it
reads the index alone: about 10 ms. It still serves every read by testbed and status.

Revision ID: 0030_testbed_answers
Revises: 0029_area_stage_covering
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0030_testbed_answers"
down_revision: str | None = "0029_area_stage_covering"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["testbed_id", "status", "received_at", "first_response_at", "first_response_workdays"]


def upgrade() -> None:
    op.drop_index("ix_testbedrequest_testbed_id_status", table_name="testbedrequest")
    op.create_index("ix_testbedrequest_testbed_answers", "testbedrequest", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_testbedrequest_testbed_answers", table_name="testbedrequest")
    op.create_index("ix_testbedrequest_testbed_id_status", "testbedrequest", ["testbed_id", "status"], unique=False)

"""dated history: testbed statuses, innovation leads and certifications from a day on

Counts "at year end" (testbeds open, organisations with a lead, certified innovation leaders) come from
these rows. Existing records get one row each, for what is known today: a testbed's status since it was
created, a lead since the appointment date (else since the organisation was created), a certification
since its date (an inactive user's ends on the day the account last changed).

Revision ID: 0007_dated_history
Revises: 0006_idea_tracking_hash
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_dated_history"
down_revision: str | None = "0006_idea_tracking_hash"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "testbedstatuschange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("testbed_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('open', 'planned', 'closed')", name=op.f("ck_testbedstatuschange_status")
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_testbedstatuschange_actor_id_user")),
        sa.ForeignKeyConstraint(
            ["testbed_id"], ["testbed.id"], name=op.f("fk_testbedstatuschange_testbed_id_testbed"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testbedstatuschange")),
    )
    with op.batch_alter_table("testbedstatuschange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_testbedstatuschange_testbed_id_changed_on"), ["testbed_id", "changed_on"], unique=False
        )
    op.create_table(
        "innovationleadchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_innovationleadchange_actor_id_user")),
        sa.ForeignKeyConstraint(["lead_id"], ["user.id"], name=op.f("fk_innovationleadchange_lead_id_user")),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_innovationleadchange_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovationleadchange")),
    )
    with op.batch_alter_table("innovationleadchange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovationleadchange_organisation_id_changed_on"),
            ["organisation_id", "changed_on"],
            unique=False,
        )
    op.create_table(
        "certificationchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("certified", sa.Boolean(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_certificationchange_actor_id_user")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_certificationchange_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificationchange")),
    )
    with op.batch_alter_table("certificationchange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificationchange_user_id_changed_on"), ["user_id", "changed_on"], unique=False
        )
    _backfill()


def _backfill() -> None:
    connection = op.get_bind()
    now = datetime.now(UTC)
    testbed = sa.table(
        "testbed", sa.column("id"), sa.column("status"), sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime)
    )
    organisation = sa.table(
        "organisation",
        sa.column("id"),
        sa.column("innovation_lead_id"),
        sa.column("innovation_lead_appointed_on", sa.Date),
        sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime),
    )
    user = sa.table(
        "user",
        sa.column("id"),
        sa.column("is_active"),
        sa.column("certified_innovation_leader_on", sa.Date),
        sa.column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime),
    )
    changes = {
        name: sa.table(name, *(sa.column(c) for c in columns))
        for name, columns in {
            "testbedstatuschange": ("testbed_id", "status", "changed_on", "created_at"),
            "innovationleadchange": ("organisation_id", "lead_id", "changed_on", "created_at"),
            "certificationchange": ("user_id", "certified", "changed_on", "created_at"),
        }.items()
    }
    rows = connection.execute(sa.select(testbed.c.id, testbed.c.status, testbed.c.created_at)).all()
    for ident, status, created in rows:
        connection.execute(
            changes["testbedstatuschange"]
            .insert()
            .values(testbed_id=ident, status=status, changed_on=created.date(), created_at=now)
        )
    rows = connection.execute(
        sa.select(
            organisation.c.id,
            organisation.c.innovation_lead_id,
            organisation.c.innovation_lead_appointed_on,
            organisation.c.created_at,
        ).where(organisation.c.innovation_lead_id.is_not(None))
    ).all()
    for ident, lead, appointed, created in rows:
        connection.execute(
            changes["innovationleadchange"]
            .insert()
            .values(organisation_id=ident, lead_id=lead, changed_on=appointed or created.date(), created_at=now)
        )
    rows = connection.execute(
        sa.select(user.c.id, user.c.is_active, user.c.certified_innovation_leader_on, user.c.updated_at).where(
            user.c.certified_innovation_leader_on.is_not(None)
        )
    ).all()
    for ident, active, certified_on, updated in rows:
        table = changes["certificationchange"]
        connection.execute(table.insert().values(user_id=ident, certified=True, changed_on=certified_on, created_at=now))
        if not active:
            left = max(updated.date(), certified_on)
            connection.execute(table.insert().values(user_id=ident, certified=False, changed_on=left, created_at=now))


def downgrade() -> None:
    with op.batch_alter_table("certificationchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificationchange_user_id_changed_on"))
    op.drop_table("certificationchange")
    with op.batch_alter_table("innovationleadchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_innovationleadchange_organisation_id_changed_on"))
    op.drop_table("innovationleadchange")
    with op.batch_alter_table("testbedstatuschange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_testbedstatuschange_testbed_id_changed_on"))
    op.drop_table("testbedstatuschange")

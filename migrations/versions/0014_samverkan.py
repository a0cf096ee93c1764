"""samverkan: partners, needs and their public responses (with assessments), procurements with innovation

Revision ID: 0014_samverkan
Revises: 0013_user_sessions_ended_at
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0014_samverkan"
down_revision: str | None = "0013_user_sessions_ended_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("org_number", sa.String(length=11), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("contact_name", sa.String(length=120), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("consent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("anonymised_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('company', 'university', 'incubator', 'foundation', 'civil_society', 'public_body', 'other')",
            name=op.f("ck_partner_kind"),
        ),
        sa.ForeignKeyConstraint(["merged_into_id"], ["partner.id"], name=op.f("fk_partner_merged_into_id_partner")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_partner_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_org_number"), ["org_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_organisation_id"), ["organisation_id"], unique=False)

    op.create_table(
        "need",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("response_guidance", sa.Text(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IS NULL OR status IN ('draft', 'published', 'closed')", name=op.f("ck_need_status")),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_need_area_id_area")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_need_created_by_id_user")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_need_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need")),
    )
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_area_id"), ["area_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_need_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_need_status_deadline"), ["status", "deadline"], unique=False)

    op.create_table(
        "needresponse",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=20), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("responder_name", sa.String(length=120), nullable=True),
        sa.Column("responder_org", sa.String(length=200), nullable=False),
        sa.Column("org_number", sa.String(length=11), nullable=True),
        sa.Column("responder_email", sa.String(length=254), nullable=True),
        sa.Column("responder_kind", sa.String(length=20), nullable=False),
        sa.Column("proposal", sa.Text(), nullable=False),
        sa.Column("consent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("anonymised_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("tracking_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "responder_kind IS NULL OR responder_kind IN ('company', 'university', 'incubator', 'foundation', 'civil_society', 'public_body', 'other')",
            name=op.f("ck_needresponse_responder_kind"),
        ),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('received', 'assessed', 'taken_forward', 'declined')",
            name=op.f("ck_needresponse_status"),
        ),
        sa.ForeignKeyConstraint(["need_id"], ["need.id"], name=op.f("fk_needresponse_need_id_need")),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_needresponse_partner_id_partner")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needresponse")),
        sa.UniqueConstraint("ref", name=op.f("uq_needresponse_ref")),
        sa.UniqueConstraint("tracking_hash", name=op.f("uq_needresponse_tracking_hash")),
    )
    with op.batch_alter_table("needresponse", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_needresponse_need_id_status"), ["need_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_needresponse_partner_id"), ["partner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_needresponse_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_needresponse_responder_email"), ["responder_email"], unique=False)

    op.create_table(
        "procurement",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=30), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("estimated_value_sek", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "method IS NULL OR method IN ('open', 'innovation_partnership', 'pre_commercial', 'competitive_dialogue', 'real_use_testing')",
            name=op.f("ck_procurement_method"),
        ),
        sa.CheckConstraint(
            "stage IS NULL OR stage IN ('needs_analysis', 'market_dialogue', 'procedure', 'announcement', 'evaluation', 'contract', 'follow_up', 'cancelled')",
            name=op.f("ck_procurement_stage"),
        ),
        sa.CheckConstraint(
            "estimated_value_sek IS NULL OR estimated_value_sek >= 0", name=op.f("ck_procurement_value_not_negative")
        ),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_procurement_area_id_area")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_procurement_created_by_id_user")),
        sa.ForeignKeyConstraint(["need_id"], ["need.id"], name=op.f("fk_procurement_need_id_need")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_procurement_organisation_id_organisation")
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_procurement_partner_id_partner")),
        sa.ForeignKeyConstraint(
            ["response_id"], ["needresponse.id"], name=op.f("fk_procurement_response_id_needresponse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurement")),
        sa.UniqueConstraint("ref", name=op.f("uq_procurement_ref")),
    )
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_procurement_area_id"), ["area_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_method"), ["method"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_need_id"), ["need_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_partner_id"), ["partner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_response_id"), ["response_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_stage"), ["stage"], unique=False)

    op.create_table(
        "responseassessment",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("assessor_id", sa.Integer(), nullable=False),
        sa.Column("no_conflict_declared_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("conflict_declared_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("conflict_note", sa.Text(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "score IS NULL OR (score >= 1 AND score <= 5)", name=op.f("ck_responseassessment_score_range")
        ),
        sa.ForeignKeyConstraint(["assessor_id"], ["user.id"], name=op.f("fk_responseassessment_assessor_id_user")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["needresponse.id"],
            name=op.f("fk_responseassessment_response_id_needresponse"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responseassessment")),
        sa.UniqueConstraint("response_id", "assessor_id", name=op.f("uq_responseassessment_response_id_assessor_id")),
    )
    with op.batch_alter_table("responseassessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_responseassessment_assessor_id"), ["assessor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_responseassessment_response_id"), ["response_id"], unique=False)

    op.create_table(
        "procurementevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('created', 'stage_changed', 'rfi', 'meeting', 'note')",
            name=op.f("ck_procurementevent_kind"),
        ),
        sa.CheckConstraint(
            "stage IS NULL OR stage IN ('needs_analysis', 'market_dialogue', 'procedure', 'announcement', 'evaluation', 'contract', 'follow_up', 'cancelled')",
            name=op.f("ck_procurementevent_stage"),
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_procurementevent_actor_id_user")),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_procurementevent_procurement_id_procurement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurementevent")),
    )
    with op.batch_alter_table("procurementevent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procurementevent_procurement_id_at"), ["procurement_id", "at"], unique=False
        )

    op.create_table(
        "procurementidea",
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], name=op.f("fk_procurementidea_idea_id_idea")),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_procurementidea_procurement_id_procurement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("procurement_id", "idea_id", name=op.f("pk_procurementidea")),
    )
    with op.batch_alter_table("procurementidea", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_procurementidea_idea_id"), ["idea_id"], unique=False)

    op.create_table(
        "procurementtestbed",
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("testbed_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "stage IS NULL OR stage IN ('needs_analysis', 'market_dialogue', 'procedure', 'announcement', 'evaluation', 'contract', 'follow_up', 'cancelled')",
            name=op.f("ck_procurementtestbed_stage"),
        ),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_procurementtestbed_procurement_id_procurement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["testbed_id"], ["testbed.id"], name=op.f("fk_procurementtestbed_testbed_id_testbed")),
        sa.PrimaryKeyConstraint("procurement_id", "testbed_id", "stage", name=op.f("pk_procurementtestbed")),
    )
    with op.batch_alter_table("procurementtestbed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_procurementtestbed_testbed_id"), ["testbed_id"], unique=False)


def downgrade() -> None:
    for table in (
        "procurementtestbed",
        "procurementidea",
        "procurementevent",
        "responseassessment",
        "procurement",
        "needresponse",
        "need",
        "partner",
    ):
        op.drop_table(table)

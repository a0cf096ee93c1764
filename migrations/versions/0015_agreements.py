"""agreements: cooperation, test and IP agreements with partners, their parties and the signed copy

Revision ID: 0015_agreements
Revises: 0014_samverkan
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0015_agreements"
down_revision: str | None = "0014_samverkan"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("notice_days", sa.Integer(), nullable=False),
        sa.Column("auto_renews", sa.Boolean(), nullable=False),
        sa.Column("ip_principle", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("procurement_id", sa.Integer(), nullable=True),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("testbed_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "ip_principle IS NULL OR ip_principle IN ('region_owns', 'partner_owns', 'partner_owns_region_licence', 'joint', 'each_own_results', 'not_applicable')",
            name=op.f("ck_agreement_ip_principle"),
        ),
        sa.CheckConstraint(
            "kind IS NULL OR kind IN ('cooperation', 'test', 'ip', 'confidentiality', 'procurement', 'other')",
            name=op.f("ck_agreement_kind"),
        ),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_agreement_ends_after_start")),
        sa.CheckConstraint("notice_days >= 0", name=op.f("ck_agreement_notice_not_negative")),
        sa.ForeignKeyConstraint(
            ["application_id"], ["fundapplication.id"], name=op.f("fk_agreement_application_id_fundapplication")
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_agreement_created_by_id_user")),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], name=op.f("fk_agreement_idea_id_idea")),
        sa.ForeignKeyConstraint(["need_id"], ["need.id"], name=op.f("fk_agreement_need_id_need")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_agreement_organisation_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["procurement_id"], ["procurement.id"], name=op.f("fk_agreement_procurement_id_procurement")
        ),
        sa.ForeignKeyConstraint(["testbed_id"], ["testbed.id"], name=op.f("fk_agreement_testbed_id_testbed")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sa.UniqueConstraint("ref", name=op.f("uq_agreement_ref")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_ends_on"), ["ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_procurement_id"), ["procurement_id"], unique=False)

    op.create_table(
        "agreementfile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_agreementfile_agreement_id_agreement"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["user.id"], name=op.f("fk_agreementfile_uploaded_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreementfile")),
        sa.UniqueConstraint("agreement_id", name=op.f("uq_agreementfile_agreement_id")),
    )
    op.create_table(
        "agreementparty",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreementparty_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_agreementparty_partner_id_partner")),
        sa.PrimaryKeyConstraint("agreement_id", "partner_id", name=op.f("pk_agreementparty")),
    )
    with op.batch_alter_table("agreementparty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreementparty_partner_id"), ["partner_id"], unique=False)


def downgrade() -> None:
    for table in ("agreementfile", "agreementparty", "agreement"):
        op.drop_table(table)

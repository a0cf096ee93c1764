"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 04:13:10.241567
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('area',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name_sv', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('code', name=op.f('uq_area_code'))
    )
    op.create_table('fundcall',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('budget_sek', sa.Integer(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('planned', 'open', 'closed', 'decided')", name=op.f('ck_fundcall_status')),
    sa.CheckConstraint('budget_sek >= 0', name=op.f('ck_fundcall_budget_not_negative')),
    sa.CheckConstraint('closes_on >= opens_on', name=op.f('ck_fundcall_closes_after_opens')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fundcall')),
    sa.UniqueConstraint('name', name=op.f('uq_fundcall_name'))
    )
    with op.batch_alter_table('fundcall', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fundcall_closes_on'), ['closes_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundcall_opens_on'), ['opens_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundcall_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundcall_year'), ['year'], unique=False)

    op.create_table('refsequence',
    sa.Column('prefix', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'year', name=op.f('pk_refsequence'))
    )
    op.create_table('organisation',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('innovation_lead_id', sa.Integer(), nullable=True),
    sa.Column('innovation_lead_appointed_on', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IS NULL OR kind IN ('forvaltning', 'bolag', 'central')", name=op.f('ck_organisation_kind')),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_organisation_area_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name')),
    sa.UniqueConstraint('short_name', name=op.f('uq_organisation_short_name'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_area_id'), ['area_id'], unique=False)

    op.create_table('indicator',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name_sv', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('computation', sa.String(length=60), nullable=True),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('owner_org_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("direction IS NULL OR direction IN ('up', 'down')", name=op.f('ck_indicator_direction')),
    sa.CheckConstraint("frequency IS NULL OR frequency IN ('month', 'quarter', 'year')", name=op.f('ck_indicator_frequency')),
    sa.CheckConstraint("scope <> 'own' OR owner_org_id IS NOT NULL", name=op.f('ck_indicator_own_has_owner')),
    sa.CheckConstraint("scope IS NULL OR scope IN ('central', 'own')", name=op.f('ck_indicator_scope')),
    sa.CheckConstraint("source <> 'computed' OR computation IS NOT NULL", name=op.f('ck_indicator_computed_has_key')),
    sa.CheckConstraint("source IS NULL OR source IN ('computed', 'reported')", name=op.f('ck_indicator_source')),
    sa.ForeignKeyConstraint(['owner_org_id'], ['organisation.id'], name=op.f('fk_indicator_owner_org_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('code', name=op.f('uq_indicator_code'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_owner_org_id'), ['owner_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_source'), ['source'], unique=False)

    op.create_table('testbed',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('offers', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('env_type', sa.String(length=20), nullable=False),
    sa.Column('access', sa.String(length=20), nullable=False),
    sa.Column('for_external', sa.Boolean(), nullable=False),
    sa.Column('for_employees', sa.Boolean(), nullable=False),
    sa.Column('trl_min', sa.Integer(), nullable=False),
    sa.Column('trl_max', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('contact_name', sa.String(length=120), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('url', sa.String(length=300), nullable=True),
    sa.CheckConstraint("access IS NULL OR access IN ('free', 'conditional', 'paid')", name=op.f('ck_testbed_access')),
    sa.CheckConstraint("env_type IS NULL OR env_type IN ('lab', 'simulated', 'real')", name=op.f('ck_testbed_env_type')),
    sa.CheckConstraint("status IS NULL OR status IN ('open', 'planned', 'closed')", name=op.f('ck_testbed_status')),
    sa.CheckConstraint('lat IS NULL OR lat BETWEEN -90 AND 90', name=op.f('ck_testbed_lat_range')),
    sa.CheckConstraint('lon IS NULL OR lon BETWEEN -180 AND 180', name=op.f('ck_testbed_lon_range')),
    sa.CheckConstraint('trl_min <= trl_max', name=op.f('ck_testbed_trl_order')),
    sa.CheckConstraint('trl_min BETWEEN 1 AND 9 AND trl_max BETWEEN 1 AND 9', name=op.f('ck_testbed_trl_range')),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_testbed_area_id_area')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_testbed_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testbed')),
    sa.UniqueConstraint('slug', name=op.f('uq_testbed_slug'))
    )
    with op.batch_alter_table('testbed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testbed_access'), ['access'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbed_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbed_env_type'), ['env_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbed_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbed_status'), ['status'], unique=False)

    op.create_table('user',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('certified_innovation_leader_on', sa.Date(), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_login_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint("language IS NULL OR language IN ('sv', 'en')", name=op.f('ck_user_language')),
    sa.CheckConstraint("role IS NULL OR role IN ('admin', 'council', 'manager', 'employee')", name=op.f('ck_user_role')),
    sa.CheckConstraint('username = lower(username)', name=op.f('ck_user_username_lower')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_user_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('username', name=op.f('uq_user_username'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_role'), ['role'], unique=False)

    # organisation and user refer to each other: the lead's foreign key comes once both exist.
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_organisation_innovation_lead_id_user'),
            'user',
            ['innovation_lead_id'],
            ['id'],
            ondelete='SET NULL',
        )

    op.create_table('annualreport',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('commentary', sa.Text(), nullable=False),
    sa.Column('frozen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('frozen_by_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['frozen_by_id'], ['user.id'], name=op.f('fk_annualreport_frozen_by_id_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_annualreport_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annualreport')),
    sa.UniqueConstraint('year', 'organisation_id', name=op.f('uq_annualreport_year_organisation_id'))
    )
    with op.batch_alter_table('annualreport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annualreport_year'), ['year'], unique=False)

    op.create_table('auditlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_auditlog_actor_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditlog'))
    )
    with op.batch_alter_table('auditlog', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditlog_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditlog_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditlog_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditlog_entity_entity_id'), ['entity', 'entity_id'], unique=False)

    op.create_table('idea',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('need', sa.Text(), nullable=False),
    sa.Column('proposal', sa.Text(), nullable=False),
    sa.Column('benefit_kind', sa.String(length=20), nullable=False),
    sa.Column('submitter_kind', sa.String(length=20), nullable=False),
    sa.Column('submitter_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=120), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('consent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('stage_changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('first_decision_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('closed_reason', sa.Text(), nullable=True),
    sa.Column('ip_status', sa.String(length=20), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('anonymised_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("benefit_kind IS NULL OR benefit_kind IN ('economic', 'social', 'environmental')", name=op.f('ck_idea_benefit_kind')),
    sa.CheckConstraint("ip_status IS NULL OR ip_status IN ('not_assessed', 'no_ip', 'under_assessment', 'protected', 'agreement_signed')", name=op.f('ck_idea_ip_status')),
    sa.CheckConstraint("stage <> 'closed' OR closed_reason IS NOT NULL", name=op.f('ck_idea_closed_has_reason')),
    sa.CheckConstraint("stage IS NULL OR stage IN ('received', 'screening', 'development', 'testing', 'implementation', 'spread', 'parked', 'closed')", name=op.f('ck_idea_stage')),
    sa.CheckConstraint("submitter_kind IS NULL OR submitter_kind IN ('employee', 'patient', 'relative', 'traveller', 'resident', 'external')", name=op.f('ck_idea_submitter_kind')),
    sa.CheckConstraint('(contact_name IS NULL AND contact_email IS NULL) OR consent_at IS NOT NULL', name=op.f('ck_idea_contact_needs_consent')),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_idea_area_id_area')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['idea.id'], name=op.f('fk_idea_merged_into_id_idea')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_idea_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_idea_owner_id_user')),
    sa.ForeignKeyConstraint(['submitter_id'], ['user.id'], name=op.f('fk_idea_submitter_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea')),
    sa.UniqueConstraint('ref', name=op.f('uq_idea_ref'))
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_area_id_stage'), ['area_id', 'stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_contact_email'), ['contact_email'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_ip_status'), ['ip_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_organisation_id_stage'), ['organisation_id', 'stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_stage'), ['stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_stage_changed_at'), ['stage_changed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_submitter_id'), ['submitter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_submitter_kind'), ['submitter_kind'], unique=False)

    op.create_table('indicatortarget',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Float(), nullable=False),
    sa.CheckConstraint('area_id IS NULL OR organisation_id IS NULL', name=op.f('ck_indicatortarget_one_level')),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_indicatortarget_area_id_area')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicatortarget_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_indicatortarget_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicatortarget')),
    sa.UniqueConstraint('indicator_id', 'year', 'area_id', 'organisation_id', name=op.f('uq_indicatortarget_indicator_id_year_area_id_organisation_id'))
    )
    with op.batch_alter_table('indicatortarget', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicatortarget_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicatortarget_year'), ['year'], unique=False)

    op.create_table('indicatorvalue',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint("status IS NULL OR status IN ('draft', 'submitted', 'returned', 'approved')", name=op.f('ck_indicatorvalue_status')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_indicatorvalue_entered_by_id_user')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicatorvalue_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_indicatorvalue_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'], name=op.f('fk_indicatorvalue_reviewed_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicatorvalue')),
    sa.UniqueConstraint('indicator_id', 'organisation_id', 'period_start', name=op.f('uq_indicatorvalue_indicator_id_organisation_id_period_start'))
    )
    with op.batch_alter_table('indicatorvalue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicatorvalue_indicator_id_status_period_start'), ['indicator_id', 'status', 'period_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicatorvalue_organisation_id_period_start'), ['organisation_id', 'period_start'], unique=False)

    op.create_table('fundapplication',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('testbed_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('expected_benefit', sa.Text(), nullable=False),
    sa.Column('benefit_kind', sa.String(length=20), nullable=False),
    sa.Column('requested_sek', sa.Integer(), nullable=False),
    sa.Column('co_funding_sek', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('granted_sek', sa.Integer(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.CheckConstraint("benefit_kind IS NULL OR benefit_kind IN ('economic', 'social', 'environmental')", name=op.f('ck_fundapplication_benefit_kind')),
    sa.CheckConstraint("status IS NULL OR status IN ('draft', 'submitted', 'in_review', 'needs_info', 'approved', 'rejected', 'in_progress', 'final_reported', 'closed')", name=op.f('ck_fundapplication_status')),
    sa.CheckConstraint('co_funding_sek >= 0', name=op.f('ck_fundapplication_co_funding_not_negative')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_fundapplication_ends_after_starts')),
    sa.CheckConstraint('granted_sek IS NULL OR (granted_sek >= 0 AND granted_sek <= requested_sek)', name=op.f('ck_fundapplication_granted_within_requested')),
    sa.CheckConstraint('requested_sek > 0', name=op.f('ck_fundapplication_requested_positive')),
    sa.ForeignKeyConstraint(['applicant_id'], ['user.id'], name=op.f('fk_fundapplication_applicant_id_user')),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_fundapplication_area_id_area')),
    sa.ForeignKeyConstraint(['call_id'], ['fundcall.id'], name=op.f('fk_fundapplication_call_id_fundcall')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_fundapplication_decided_by_id_user')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_fundapplication_idea_id_idea')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_fundapplication_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['testbed_id'], ['testbed.id'], name=op.f('fk_fundapplication_testbed_id_testbed')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fundapplication')),
    sa.UniqueConstraint('ref', name=op.f('uq_fundapplication_ref'))
    )
    with op.batch_alter_table('fundapplication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fundapplication_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_call_id_status'), ['call_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_decided_on'), ['decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundapplication_testbed_id'), ['testbed_id'], unique=False)

    op.create_table('ideaadoption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_ideaadoption_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_ideaadoption_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideaadoption')),
    sa.UniqueConstraint('idea_id', 'organisation_id', name=op.f('uq_ideaadoption_idea_id_organisation_id'))
    )
    with op.batch_alter_table('ideaadoption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideaadoption_adopted_on'), ['adopted_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideaadoption_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideaadoption_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('ideaarea',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_ideaarea_area_id_area')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_ideaarea_idea_id_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('idea_id', 'area_id', name=op.f('pk_ideaarea'))
    )
    with op.batch_alter_table('ideaarea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideaarea_area_id'), ['area_id'], unique=False)

    op.create_table('ideaevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_stage', sa.String(length=20), nullable=True),
    sa.Column('to_stage', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('related_idea_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("from_stage IS NULL OR from_stage IN ('received', 'screening', 'development', 'testing', 'implementation', 'spread', 'parked', 'closed')", name=op.f('ck_ideaevent_from_stage')),
    sa.CheckConstraint("kind IS NULL OR kind IN ('created', 'stage_changed', 'assigned', 'comment', 'ip_changed', 'linked', 'merged', 'adopted', 'anonymised')", name=op.f('ck_ideaevent_kind')),
    sa.CheckConstraint("to_stage IS NULL OR to_stage IN ('received', 'screening', 'development', 'testing', 'implementation', 'spread', 'parked', 'closed')", name=op.f('ck_ideaevent_to_stage')),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_ideaevent_actor_id_user')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_ideaevent_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['related_idea_id'], ['idea.id'], name=op.f('fk_ideaevent_related_idea_id_idea')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideaevent'))
    )
    with op.batch_alter_table('ideaevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideaevent_idea_id_at'), ['idea_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideaevent_kind_at'), ['kind', 'at'], unique=False)

    op.create_table('ideasupport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_ideasupport_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_ideasupport_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideasupport')),
    sa.UniqueConstraint('idea_id', 'user_id', name=op.f('uq_ideasupport_idea_id_user_id'))
    )
    with op.batch_alter_table('ideasupport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideasupport_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideasupport_user_id'), ['user_id'], unique=False)

    op.create_table('fundapplicationevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.CheckConstraint("from_status IS NULL OR from_status IN ('draft', 'submitted', 'in_review', 'needs_info', 'approved', 'rejected', 'in_progress', 'final_reported', 'closed')", name=op.f('ck_fundapplicationevent_from_status')),
    sa.CheckConstraint("to_status IS NULL OR to_status IN ('draft', 'submitted', 'in_review', 'needs_info', 'approved', 'rejected', 'in_progress', 'final_reported', 'closed')", name=op.f('ck_fundapplicationevent_to_status')),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_fundapplicationevent_actor_id_user')),
    sa.ForeignKeyConstraint(['application_id'], ['fundapplication.id'], name=op.f('fk_fundapplicationevent_application_id_fundapplication'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fundapplicationevent'))
    )
    with op.batch_alter_table('fundapplicationevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fundapplicationevent_application_id_at'), ['application_id', 'at'], unique=False)

    op.create_table('fundreport',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('spent_sek', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IS NULL OR kind IN ('progress', 'final')", name=op.f('ck_fundreport_kind')),
    sa.CheckConstraint('spent_sek IS NULL OR spent_sek >= 0', name=op.f('ck_fundreport_spent_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['fundapplication.id'], name=op.f('fk_fundreport_application_id_fundapplication'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], name=op.f('fk_fundreport_submitted_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fundreport'))
    )
    with op.batch_alter_table('fundreport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fundreport_application_id_due_on'), ['application_id', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundreport_due_on'), ['due_on'], unique=False)

    op.create_table('fundreview',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('no_conflict_declared_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('recommendation', sa.String(length=10), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('submitted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint("recommendation IS NULL OR recommendation IN ('yes', 'maybe', 'no')", name=op.f('ck_fundreview_recommendation')),
    sa.ForeignKeyConstraint(['application_id'], ['fundapplication.id'], name=op.f('fk_fundreview_application_id_fundapplication'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user.id'], name=op.f('fk_fundreview_reviewer_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fundreview')),
    sa.UniqueConstraint('application_id', 'reviewer_id', name=op.f('uq_fundreview_application_id_reviewer_id'))
    )
    with op.batch_alter_table('fundreview', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fundreview_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fundreview_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('reviewassignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('conflict_declared_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('conflict_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['fundapplication.id'], name=op.f('fk_reviewassignment_application_id_fundapplication'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['user.id'], name=op.f('fk_reviewassignment_assigned_by_id_user')),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user.id'], name=op.f('fk_reviewassignment_reviewer_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviewassignment')),
    sa.UniqueConstraint('application_id', 'reviewer_id', name=op.f('uq_reviewassignment_application_id_reviewer_id'))
    )
    with op.batch_alter_table('reviewassignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviewassignment_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviewassignment_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('testbedrequest',
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=20), nullable=False),
    sa.Column('testbed_id', sa.Integer(), nullable=False),
    sa.Column('requester_name', sa.String(length=120), nullable=True),
    sa.Column('requester_org', sa.String(length=200), nullable=True),
    sa.Column('requester_email', sa.String(length=254), nullable=True),
    sa.Column('requester_kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('wanted_period', sa.String(length=120), nullable=True),
    sa.Column('consent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('first_response_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('anonymised_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint("requester_kind IS NULL OR requester_kind IN ('company', 'researcher', 'employee', 'public_body', 'other')", name=op.f('ck_testbedrequest_requester_kind')),
    sa.CheckConstraint("status IS NULL OR status IN ('new', 'in_dialogue', 'accepted', 'declined', 'completed')", name=op.f('ck_testbedrequest_status')),
    sa.ForeignKeyConstraint(['application_id'], ['fundapplication.id'], name=op.f('fk_testbedrequest_application_id_fundapplication')),
    sa.ForeignKeyConstraint(['handled_by_id'], ['user.id'], name=op.f('fk_testbedrequest_handled_by_id_user')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_testbedrequest_idea_id_idea')),
    sa.ForeignKeyConstraint(['testbed_id'], ['testbed.id'], name=op.f('fk_testbedrequest_testbed_id_testbed')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testbedrequest')),
    sa.UniqueConstraint('ref', name=op.f('uq_testbedrequest_ref'))
    )
    with op.batch_alter_table('testbedrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testbedrequest_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbedrequest_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbedrequest_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbedrequest_requester_email'), ['requester_email'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbedrequest_requester_kind'), ['requester_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbedrequest_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_testbedrequest_testbed_id_status'), ['testbed_id', 'status'], unique=False)

    op.create_table('testbedrequestevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.CheckConstraint("from_status IS NULL OR from_status IN ('new', 'in_dialogue', 'accepted', 'declined', 'completed')", name=op.f('ck_testbedrequestevent_from_status')),
    sa.CheckConstraint("to_status IS NULL OR to_status IN ('new', 'in_dialogue', 'accepted', 'declined', 'completed')", name=op.f('ck_testbedrequestevent_to_status')),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_testbedrequestevent_actor_id_user')),
    sa.ForeignKeyConstraint(['request_id'], ['testbedrequest.id'], name=op.f('fk_testbedrequestevent_request_id_testbedrequest'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_testbedrequestevent'))
    )
    with op.batch_alter_table('testbedrequestevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testbedrequestevent_request_id_at'), ['request_id', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisation_innovation_lead_id_user'), type_='foreignkey')

    with op.batch_alter_table('testbedrequestevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testbedrequestevent_request_id_at'))

    op.drop_table('testbedrequestevent')
    with op.batch_alter_table('testbedrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testbedrequest_testbed_id_status'))
        batch_op.drop_index(batch_op.f('ix_testbedrequest_status'))
        batch_op.drop_index(batch_op.f('ix_testbedrequest_requester_kind'))
        batch_op.drop_index(batch_op.f('ix_testbedrequest_requester_email'))
        batch_op.drop_index(batch_op.f('ix_testbedrequest_received_at'))
        batch_op.drop_index(batch_op.f('ix_testbedrequest_idea_id'))
        batch_op.drop_index(batch_op.f('ix_testbedrequest_application_id'))

    op.drop_table('testbedrequest')
    with op.batch_alter_table('reviewassignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviewassignment_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_reviewassignment_application_id'))

    op.drop_table('reviewassignment')
    with op.batch_alter_table('fundreview', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fundreview_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_fundreview_application_id'))

    op.drop_table('fundreview')
    with op.batch_alter_table('fundreport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fundreport_due_on'))
        batch_op.drop_index(batch_op.f('ix_fundreport_application_id_due_on'))

    op.drop_table('fundreport')
    with op.batch_alter_table('fundapplicationevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fundapplicationevent_application_id_at'))

    op.drop_table('fundapplicationevent')
    with op.batch_alter_table('ideasupport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideasupport_user_id'))
        batch_op.drop_index(batch_op.f('ix_ideasupport_idea_id'))

    op.drop_table('ideasupport')
    with op.batch_alter_table('ideaevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideaevent_kind_at'))
        batch_op.drop_index(batch_op.f('ix_ideaevent_idea_id_at'))

    op.drop_table('ideaevent')
    with op.batch_alter_table('ideaarea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideaarea_area_id'))

    op.drop_table('ideaarea')
    with op.batch_alter_table('ideaadoption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideaadoption_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_ideaadoption_idea_id'))
        batch_op.drop_index(batch_op.f('ix_ideaadoption_adopted_on'))

    op.drop_table('ideaadoption')
    with op.batch_alter_table('fundapplication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fundapplication_testbed_id'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_status'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_idea_id'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_decided_on'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_call_id_status'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_area_id'))
        batch_op.drop_index(batch_op.f('ix_fundapplication_applicant_id'))

    op.drop_table('fundapplication')
    with op.batch_alter_table('indicatorvalue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicatorvalue_organisation_id_period_start'))
        batch_op.drop_index(batch_op.f('ix_indicatorvalue_indicator_id_status_period_start'))

    op.drop_table('indicatorvalue')
    with op.batch_alter_table('indicatortarget', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicatortarget_year'))
        batch_op.drop_index(batch_op.f('ix_indicatortarget_indicator_id'))

    op.drop_table('indicatortarget')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_submitter_kind'))
        batch_op.drop_index(batch_op.f('ix_idea_submitter_id'))
        batch_op.drop_index(batch_op.f('ix_idea_stage_changed_at'))
        batch_op.drop_index(batch_op.f('ix_idea_stage'))
        batch_op.drop_index(batch_op.f('ix_idea_received_at'))
        batch_op.drop_index(batch_op.f('ix_idea_owner_id'))
        batch_op.drop_index(batch_op.f('ix_idea_organisation_id_stage'))
        batch_op.drop_index(batch_op.f('ix_idea_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_idea_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_idea_ip_status'))
        batch_op.drop_index(batch_op.f('ix_idea_contact_email'))
        batch_op.drop_index(batch_op.f('ix_idea_area_id_stage'))
        batch_op.drop_index(batch_op.f('ix_idea_area_id'))

    op.drop_table('idea')
    with op.batch_alter_table('auditlog', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditlog_entity_entity_id'))
        batch_op.drop_index(batch_op.f('ix_auditlog_at'))
        batch_op.drop_index(batch_op.f('ix_auditlog_actor_id'))
        batch_op.drop_index(batch_op.f('ix_auditlog_action'))

    op.drop_table('auditlog')
    with op.batch_alter_table('annualreport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annualreport_year'))

    op.drop_table('annualreport')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_role'))
        batch_op.drop_index(batch_op.f('ix_user_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_user_email'))

    op.drop_table('user')
    with op.batch_alter_table('testbed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testbed_status'))
        batch_op.drop_index(batch_op.f('ix_testbed_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_testbed_env_type'))
        batch_op.drop_index(batch_op.f('ix_testbed_area_id'))
        batch_op.drop_index(batch_op.f('ix_testbed_access'))

    op.drop_table('testbed')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_source'))
        batch_op.drop_index(batch_op.f('ix_indicator_owner_org_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_area_id'))

    op.drop_table('organisation')
    op.drop_table('refsequence')
    with op.batch_alter_table('fundcall', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fundcall_year'))
        batch_op.drop_index(batch_op.f('ix_fundcall_status'))
        batch_op.drop_index(batch_op.f('ix_fundcall_opens_on'))
        batch_op.drop_index(batch_op.f('ix_fundcall_closes_on'))

    op.drop_table('fundcall')
    op.drop_table('area')

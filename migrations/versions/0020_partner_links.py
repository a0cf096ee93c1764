"""partner links: the partners (aktörer) that take part in an idea, a testbed request or a fund
application/project, each link with who made it and when

Revision ID: 0020_partner_links
Revises: 0019_samverkan_forward
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0020_partner_links'
down_revision: str | None = '0019_samverkan_forward'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('partneridea',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('linked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_partneridea_idea_id_idea')),
    sa.ForeignKeyConstraint(['linked_by_id'], ['user.id'], name=op.f('fk_partneridea_linked_by_id_user')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_partneridea_partner_id_partner')),
    sa.PrimaryKeyConstraint('partner_id', 'idea_id', name=op.f('pk_partneridea'))
    )
    with op.batch_alter_table('partneridea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partneridea_idea_id'), ['idea_id'], unique=False)

    op.create_table('partnerapplication',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('linked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['fundapplication.id'], name=op.f('fk_partnerapplication_application_id_fundapplication')),
    sa.ForeignKeyConstraint(['linked_by_id'], ['user.id'], name=op.f('fk_partnerapplication_linked_by_id_user')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_partnerapplication_partner_id_partner')),
    sa.PrimaryKeyConstraint('partner_id', 'application_id', name=op.f('pk_partnerapplication'))
    )
    with op.batch_alter_table('partnerapplication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerapplication_application_id'), ['application_id'], unique=False)

    op.create_table('partnertestbedrequest',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('linked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['linked_by_id'], ['user.id'], name=op.f('fk_partnertestbedrequest_linked_by_id_user')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_partnertestbedrequest_partner_id_partner')),
    sa.ForeignKeyConstraint(['request_id'], ['testbedrequest.id'], name=op.f('fk_partnertestbedrequest_request_id_testbedrequest')),
    sa.PrimaryKeyConstraint('partner_id', 'request_id', name=op.f('pk_partnertestbedrequest'))
    )
    with op.batch_alter_table('partnertestbedrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnertestbedrequest_request_id'), ['request_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('partnertestbedrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnertestbedrequest_request_id'))

    op.drop_table('partnertestbedrequest')
    with op.batch_alter_table('partnerapplication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnerapplication_application_id'))

    op.drop_table('partnerapplication')
    with op.batch_alter_table('partneridea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partneridea_idea_id'))

    op.drop_table('partneridea')

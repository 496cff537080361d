"""plan records the bureau enters (dashboard)

Revision ID: c10a0e5f0002
Revises: c10a0e5f0001
Create Date: 2026-12-02 01:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0002'
down_revision = 'c10a0e5f0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('recognised_on', sa.Date(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('cluster_code', sa.String(length=40), nullable=True),
    sa.Column('teachers_total', sa.Integer(), nullable=True),
    sa.Column('dual_qualified', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('evidence_url', sa.String(length=300), nullable=False),
    sa.Column('evidence_path', sa.String(length=200), nullable=True),
    sa.Column('evidence_name', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('rejection_reason', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_code'], ['clusters.code'], name=op.f('fk_plan_records_cluster_code_clusters')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_plan_records_created_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_plan_records_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_plan_records_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_records'))
    )
    with op.batch_alter_table('plan_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_records_cluster_code'), ['cluster_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_records_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_records_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_records_status'), ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('plan_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_records_status'))
        batch_op.drop_index(batch_op.f('ix_plan_records_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_plan_records_kind'))
        batch_op.drop_index(batch_op.f('ix_plan_records_cluster_code'))

    op.drop_table('plan_records')

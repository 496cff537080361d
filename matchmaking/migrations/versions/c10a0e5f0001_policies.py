"""policy release (政策发布)

Revision ID: c10a0e5f0001
Revises: bbc0ce301180
Create Date: 2026-12-02 01:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0001'
down_revision = 'bbc0ce301180'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('policies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_until', sa.Date(), nullable=True),
    sa.Column('lead_unit', sa.String(length=120), nullable=False),
    sa.Column('responsible_units', sa.JSON(), nullable=False),
    sa.Column('source_document', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('effective_until IS NULL OR effective_until >= effective_from', name=op.f('ck_policies_dates')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_policies_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policies'))
    )
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policies_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_policies_effective_from'), ['effective_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_policies_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_policies_status'), ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policies_status'))
        batch_op.drop_index(batch_op.f('ix_policies_published_at'))
        batch_op.drop_index(batch_op.f('ix_policies_effective_from'))
        batch_op.drop_index(batch_op.f('ix_policies_category'))

    op.drop_table('policies')

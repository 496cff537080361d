"""certification annual reports: what a certified enterprise reports each year

Revision ID: c10a0e5f0009
Revises: c10a0e5f0008
Create Date: 2026-12-07 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0009'
down_revision = 'c10a0e5f0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certification_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('platform_data', sa.JSON(), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('investment_yuan', sa.BigInteger(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], name=op.f('fk_certification_reports_certification_id_certifications')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_certification_reports_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_reports')),
    sa.UniqueConstraint('certification_id', 'year', name='uq_report_certification_year')
    )
    with op.batch_alter_table('certification_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certification_reports_certification_id'), ['certification_id'], unique=False)


def downgrade():
    with op.batch_alter_table('certification_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certification_reports_certification_id'))
    op.drop_table('certification_reports')

"""job queue: job arguments and attempts, uploaded files waiting to be read

Revision ID: c10a0e5f0005
Revises: c10a0e5f0004
Create Date: 2026-12-03 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0005'
down_revision = 'c10a0e5f0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.alter_column('attempts', server_default=None)
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_column('content')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('attempts')
        batch_op.drop_column('params')

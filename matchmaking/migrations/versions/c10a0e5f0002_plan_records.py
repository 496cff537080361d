"""plan records the bureau enters (dashboard)

Revision ID: c10a0e5f0002
Revises: c10a0e5f0001
Create Date: 2026-12-02 01:10:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0002'
down_revision = 'c10a0e5f0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

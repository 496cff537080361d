"""background jobs with progress

Revision ID: c10a0e5f0004
Revises: c10a0e5f0003
Create Date: 2026-12-02 01:10:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0004'
down_revision = 'c10a0e5f0003'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

"""working calendar: the holiday table the bureau keeps, seeded with 2026 and a provisional 2027

Revision ID: c10a0e5f0006
Revises: c10a0e5f0005
Create Date: 2026-12-07 09:00:00

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c10a0e5f0006'
down_revision = 'c10a0e5f0005'
branch_labels = None
depends_on = None


def upgrade():
    calendar_days = op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days'))
    )
    # The schedule as shipped on the day of this migration (2027 is provisional: see workdays/seed.py).
    from matchmaking.workdays.seed import seed_rows

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(calendar_days, [dict(row, updated_at=now) for row in seed_rows()])


def downgrade():
    op.drop_table('calendar_days')

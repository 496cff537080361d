"""Row locks for decisions that two people may take at the same moment."""
from sqlalchemy import select

from ..extensions import db


def lock(row):
    """Lock `row` until the transaction ends, then re-read it, so a second decision sees the first.

    The lock is a bare SELECT … FOR UPDATE on the primary key: PostgreSQL refuses FOR UPDATE across the
    eager outer joins a plain refresh would add. SQLite ignores it (its writers are serialised anyway)."""
    model = type(row)
    db.session.execute(select(model.id).where(model.id == row.id).with_for_update())
    db.session.refresh(row)
    return row

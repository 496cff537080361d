from sqlalchemy import func, select

from ..extensions import db
from .models import Pairing


def organisation_query(organisation_id, *, direction, status=""):
    """Incoming (we answer) or outgoing (we proposed) pairings, newest first: the list and its export."""
    column = Pairing.responder_id if direction == "incoming" else Pairing.proposer_id
    query = select(Pairing).where(column == organisation_id)
    if status:
        query = query.where(Pairing.current_status == status)
    return query.order_by(Pairing.created_at.desc(), Pairing.id.desc())


def for_organisation(organisation_id, *, direction, status=""):
    """The list page's rows (the newest 200)."""
    return list(db.session.scalars(organisation_query(organisation_id, direction=direction, status=status).limit(200)))


def open_counts(organisation_id):
    """(incoming awaiting our answer, outgoing awaiting theirs)."""
    def count(column):
        return db.session.scalar(select(func.count(Pairing.id)).where(column == organisation_id,
                                                                     Pairing.current_status == "proposed"))

    return count(Pairing.responder_id), count(Pairing.proposer_id)


def open_pairing_between(need_id, programme_id):
    return db.session.scalar(select(Pairing).where(Pairing.need_id == need_id, Pairing.programme_id == programme_id, Pairing.status == "proposed"))

"""Public summary figures for GET /api/v1/stats."""
from sqlalchemy import func, select

from ..extensions import db
from ..needs.spec import NEEDS
from ..organisations.models import Organisation
from ..pairings.models import STATUSES as PAIRING_STATUSES
from ..pairings.models import Pairing
from ..postings.queries import public_query
from ..programmes.spec import PROGRAMMES
from ..projects.models import STATUSES as PROJECT_STATUSES
from ..projects.models import FollowUp, Project

OUTCOMES = ("students_placed", "apprentices_enrolled", "employees_trained")


def _count(query):
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def _by_status(model, statuses):
    counts = dict(db.session.execute(select(model.status, func.count(model.id)).group_by(model.status)).all())
    return {status: counts.get(status, 0) for status in statuses}


def summary():
    """Verified organisations, public postings (as the public lists count them), pairings,
    projects and the outcomes reported in follow-ups."""
    verified = dict(db.session.execute(
        select(Organisation.kind, func.count(Organisation.id))
        .where(Organisation.status == "verified").group_by(Organisation.kind)
    ).all())
    sums = db.session.execute(select(*[func.coalesce(func.sum(getattr(FollowUp, name)), 0) for name in OUTCOMES])).one()
    return {
        "organisations": {"schools": verified.get("school", 0), "enterprises": verified.get("enterprise", 0)},
        "programmes": _count(public_query(PROGRAMMES)),
        "needs": _count(public_query(NEEDS)),
        "pairings": _by_status(Pairing, PAIRING_STATUSES),
        "projects": _by_status(Project, PROJECT_STATUSES),
        "outcomes": {name: int(value) for name, value in zip(OUTCOMES, sums)},
    }

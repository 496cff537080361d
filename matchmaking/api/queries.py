"""Reads of the API: public summary figures for GET /api/v1/stats, and the lists it pages."""
from sqlalchemy import func, or_, select

from ..core.pagination import Page, paginate
from ..dashboard.queries import public_targets
from ..extensions import db
from ..needs.spec import NEEDS
from ..organisations.models import Organisation
from ..pairings import queries as pairing_queries
from ..pairings.models import STATUSES as PAIRING_STATUSES
from ..pairings.models import Pairing
from ..postings.queries import public_query
from ..programmes.spec import PROGRAMMES
from ..projects.models import STATUSES as PROJECT_STATUSES
from ..projects.models import FollowUp, Project
from ..projects.queries import desk_query, party_query

OUTCOMES = ("students_placed", "apprentices_enrolled", "employees_trained")


def _count(query):
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def _by_status(model, statuses):
    counts = dict(db.session.execute(select(model.status, func.count(model.id)).group_by(model.status)).all())
    return {status: counts.get(status, 0) for status in statuses}


def summary():
    """Verified organisations, public postings (as the public lists count them), pairings,
    projects, the outcomes reported in follow-ups and progress against the plan's targets
    (as the public dashboard shows it)."""
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
        "plan_targets": public_targets(),
    }


def page_of(items, page, per_page):
    """One page of a list that is already loaded (short lists such as events)."""
    start = (page - 1) * per_page
    return Page(items=items[start:start + per_page], page=page, per_page=per_page, total=len(items))


def pairings_page(organisation_id, *, direction, status, page, per_page):
    """The organisation's pairings, newest first: one direction as the pairings page lists it, or both."""
    if direction:
        query = pairing_queries.organisation_query(organisation_id, direction=direction, status=status)
    else:
        query = select(Pairing).where(or_(Pairing.responder_id == organisation_id, Pairing.proposer_id == organisation_id))
        if status:
            query = query.where(Pairing.current_status == status)
        query = query.order_by(Pairing.created_at.desc(), Pairing.id.desc())
    return paginate(query, page, per_page, session=db.session)


def projects_page(user, *, status, page, per_page):
    """The bureau's desk (every project, longest silent first); a party's own projects newest first, as on its page."""
    query = desk_query({"status": status}) if user.is_bureau else party_query(user.organisation_id)
    if status and not user.is_bureau:
        query = query.where(Project.status == status)
    return paginate(query, page, per_page, session=db.session)

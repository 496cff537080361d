"""Reads for event pages: lists, pair scores from stored suggestions, relevant organisations."""
from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..programmes.models import Programme
from ..recommendations.adapter import reason_texts
from ..recommendations.models import Recommendation
from .models import DockingEvent, Registration


def public_events():
    """Events that are not drafts, upcoming first then past ones, newest first."""
    query = select(DockingEvent).where(DockingEvent.status != "draft").order_by(DockingEvent.date.desc(), DockingEvent.id.desc())
    return list(db.session.scalars(query.options(selectinload(DockingEvent.registrations))))


def all_events():
    query = select(DockingEvent).order_by(DockingEvent.date.desc(), DockingEvent.id.desc())
    return list(db.session.scalars(query.options(selectinload(DockingEvent.registrations))))


def registrations(event, *, status=None, side=None):
    query = select(Registration).where(Registration.event_id == event.id)
    if status:
        query = query.where(Registration.status.in_([status] if isinstance(status, str) else status))
    if side:
        query = query.where(Registration.side == side)
    return list(db.session.scalars(query.order_by(Registration.side.desc(), Registration.id)))


def pair_scores(school_ids, enterprise_ids):
    """{(school id, enterprise id): (best score, its stored reasons)} over the two organisations'
    published items, from the stored suggestions."""
    if not school_ids or not enterprise_ids:
        return {}
    query = (
        select(Programme.organisation_id, Need.organisation_id, Recommendation.score, Recommendation.reasons)
        .join(Programme, Recommendation.programme_id == Programme.id)
        .join(Need, Recommendation.need_id == Need.id)
        .where(Programme.organisation_id.in_(list(school_ids)), Need.organisation_id.in_(list(enterprise_ids)),
               Programme.status == "published", Need.status == "published")
    )
    best = {}
    for school_id, enterprise_id, score, reasons in db.session.execute(query):
        key = (school_id, enterprise_id)
        if key not in best or score > best[key][0]:
            best[key] = (score, reasons)
    return best


@dataclass
class Counterpart:
    registration: Registration
    score: float = 0.0
    reasons: list = field(default_factory=list)
    requested: bool = False

    @property
    def percent(self):
        return round(self.score * 100)


def ranked_counterparts(event, organisation):
    """The other side's approved registrants, best suggestion score first, with reasons."""
    from .models import MeetingRequest

    other_side = "enterprise" if organisation.kind == "school" else "school"
    others = registrations(event, status="approved", side=other_side)
    ids = [r.organisation_id for r in others]
    if organisation.kind == "school":
        scores = {e: v for (s, e), v in pair_scores([organisation.id], ids).items()}
    else:
        scores = {s: v for (s, e), v in pair_scores(ids, [organisation.id]).items()}
    asked = set(db.session.scalars(select(
        MeetingRequest.enterprise_id if organisation.kind == "school" else MeetingRequest.school_id
    ).where(MeetingRequest.event_id == event.id, MeetingRequest.requested_by == organisation.kind,
            (MeetingRequest.school_id if organisation.kind == "school" else MeetingRequest.enterprise_id) == organisation.id)))
    rows = []
    for registration in others:
        score, reasons = scores.get(registration.organisation_id, (0.0, []))
        rows.append(Counterpart(registration, score, reason_texts(reasons, gettext), registration.organisation_id in asked))
    rows.sort(key=lambda c: (-c.score, c.registration.organisation.name))
    return rows


@dataclass
class Relevant:
    organisation: Organisation
    items: int
    suggestions: int
    registered: bool


def relevant_organisations(event, *, limit=40):
    """Schools and enterprises with published items in the event's clusters, most items and
    stored suggestions first, for the bureau to invite."""
    clusters = list(event.cluster_codes or [])
    registered = {r.organisation_id for r in event.registrations if r.status in ("pending", "approved")}
    out = []
    for model, column in ((Programme, Recommendation.programme_id), (Need, Recommendation.need_id)):
        items = dict(db.session.execute(
            select(model.organisation_id, func.count(model.id)).join(Organisation, model.organisation_id == Organisation.id)
            .where(model.is_published, model.cluster_code.in_(clusters), Organisation.is_verified)
            .group_by(model.organisation_id)).all())
        suggestions = dict(db.session.execute(
            select(model.organisation_id, func.count(Recommendation.id)).join(model, column == model.id)
            .where(model.is_published, model.cluster_code.in_(clusters), model.organisation_id.in_(list(items)))
            .group_by(model.organisation_id)).all())
        organisations = {o.id: o for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(list(items))))}
        out += [Relevant(organisations[i], n, suggestions.get(i, 0), i in registered) for i, n in items.items()]
    out.sort(key=lambda r: (r.registered, -r.items, -r.suggestions, r.organisation.name))
    return out[:limit]


def events_of(organisation_id):
    """Events an organisation registered for, with its registration."""
    query = (select(Registration).join(DockingEvent).where(Registration.organisation_id == organisation_id)
             .order_by(DockingEvent.date.desc()))
    return list(db.session.scalars(query))


def cluster_namer():
    """event → the names of its clusters in the reader's language."""
    from ..core.i18n import label
    from ..reference.models import Cluster
    from ..reference.services import all_of

    names = {c.code: label(c) for c in all_of(Cluster)}
    return lambda event: [names.get(code, code) for code in event.cluster_codes or []]


def registration_in(event, registration_id, *, approved=False):
    """A registration of this event (approved only, if asked), else NotFound."""
    from ..core.views import load

    return load(Registration, registration_id,
                visible=lambda r: r.event_id == event.id and (not approved or r.status == "approved"))


def meetings_of(event, organisation_id=None, *, table=None, with_cancelled=False):
    """The event's meetings, for one party or one table, without cancelled ones unless asked."""
    return [m for m in event.meetings
            if (with_cancelled or m.status != "cancelled")
            and (organisation_id is None or m.side_of(organisation_id))
            and (table is None or m.table == table)]

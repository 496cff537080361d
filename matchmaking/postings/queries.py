"""Reads: public search with filters, and an organisation's own workspace lists."""
from sqlalchemy import or_, select

from ..core.pagination import paginate
from ..extensions import db
from ..organisations.models import Organisation

SORTS = ("newest", "oldest", "title")


def listed(model):
    """select(model) of the postings the public sees: published, by a verified organisation (the one definition)."""
    return select(model).join(Organisation, model.organisation_id == Organisation.id).where(
        model.is_published, Organisation.is_verified)


def published_of(organisation):
    """The organisation's own published items (programmes of a school, needs of an enterprise), oldest first."""
    from ..needs.models import Need
    from ..programmes.models import Programme

    model = Programme if organisation.kind == "school" else Need
    return db.session.scalars(select(model).where(model.organisation_id == organisation.id, model.is_published)
                              .order_by(model.id)).all()


def public_query(spec, *, cluster="", level="", district="", facet="", q="", sort="newest", organisation_id=None):
    """Published postings of verified organisations matching the filters."""
    model = spec.model
    query = listed(model)
    if cluster:
        query = query.where(model.cluster_code == cluster)
    if level:
        query = query.where(model.level_code == level)
    if district:
        query = query.where(model.district_code == district)
    if facet:
        query = query.where(spec.facet_clause(facet))
    if organisation_id:
        query = query.where(model.organisation_id == organisation_id)
    for word in (q or "").split()[:5]:
        query = query.where(or_(model.search_text.contains(word), Organisation.name.contains(word)))
    if sort == "title":
        query = query.order_by(model.title, model.id)
    elif sort == "oldest":
        query = query.order_by(model.published_at, model.id)
    else:
        query = query.order_by(model.published_at.desc(), model.id.desc())
    return query


def search(spec, filters, *, page, per_page):
    return paginate(public_query(spec, **filters), page, per_page, session=db.session)


def owned_query(spec, organisation_id, *, include_archived=False):
    model = spec.model
    query = select(model).where(model.organisation_id == organisation_id)
    if not include_archived:
        query = query.where(model.status != "archived")
    return query.order_by(model.updated_at.desc(), model.id.desc())


def owned(spec, organisation_id, *, include_archived=False):
    return list(db.session.scalars(owned_query(spec, organisation_id, include_archived=include_archived)))

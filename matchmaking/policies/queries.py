"""Reads: the public policy list with search and filters, the home page's list, the bureau's list."""
from sqlalchemy import or_, select

from ..core.pagination import paginate
from ..extensions import db
from .models import CATEGORIES, STATUSES, Policy

SORTS = ("newest", "effective_desc", "effective_asc")
MAX_WORDS = 5


def read_filters(args):
    """Public list filters from a query string; unknown values are ignored, not errors."""
    filters = {
        "q": args.get("q", "").strip()[:100],
        "category": args.get("category", ""),
        "in_force": args.get("in_force") == "1",
        "sort": args.get("sort", "newest"),
    }
    if filters["category"] not in CATEGORIES:
        filters["category"] = ""
    if filters["sort"] not in SORTS:
        filters["sort"] = "newest"
    return filters


def in_force_clause(day):
    return (Policy.effective_from <= day) & (Policy.effective_until.is_(None) | (Policy.effective_until >= day))


def public_query(*, q="", category="", in_force=False, sort="newest", today=None):
    """Published policies matching every keyword (in the title or the body) and the filters."""
    query = select(Policy).where(Policy.status == "published")
    for word in q.split()[:MAX_WORDS]:
        query = query.where(or_(Policy.title.icontains(word, autoescape=True),
                                Policy.body.icontains(word, autoescape=True)))
    if category:
        query = query.where(Policy.category == category)
    if in_force:
        query = query.where(in_force_clause(today))
    if sort == "effective_desc":
        return query.order_by(Policy.effective_from.desc(), Policy.id.desc())
    if sort == "effective_asc":
        return query.order_by(Policy.effective_from, Policy.id)
    return query.order_by(Policy.published_at.desc(), Policy.id.desc())


def search(filters, *, today, page, per_page):
    return paginate(public_query(**filters, today=today), page, per_page, session=db.session)


def latest_in_force(today, limit=5):
    """The newest published policies in force today (the home page's list)."""
    query = public_query(in_force=True, today=today).limit(limit)
    return list(db.session.scalars(query))


def bureau_query(status=""):
    """Every policy for the bureau, optionally one status, most recently changed first."""
    query = select(Policy)
    if status in STATUSES:
        query = query.where(Policy.status == status)
    return query.order_by(Policy.updated_at.desc(), Policy.id.desc())

from sqlalchemy import select

from ..organisations.models import Organisation


def organisations_query(*, status="pending", kind="", q=""):
    query = select(Organisation).where(Organisation.kind.in_(("school", "enterprise")))
    if status:
        query = query.where(Organisation.status == status)
    if kind:
        query = query.where(Organisation.kind == kind)
    if q:
        query = query.where(Organisation.name.contains(q) | Organisation.code.contains(q))
    return query.order_by(Organisation.created_at, Organisation.id)

"""Writing and reading the audit log."""
from flask import has_request_context, request
from sqlalchemy import select

from ..extensions import db
from .models import AuditEntry


def record(action, *, user=None, obj=None, object_type="", object_id="", detail=""):
    """Add an audit entry to the current transaction (the caller commits)."""
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = object_id or str(obj.id)
    ip = request.remote_addr or "" if has_request_context() else ""
    entry = AuditEntry(
        user_id=getattr(user, "id", None),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=(detail or "")[:500],
        ip=ip,
    )
    db.session.add(entry)
    return entry


def browse_query(*, action="", user_query=""):
    """Newest first, optionally filtered by action prefix or the actor's email."""
    from ..accounts.models import User

    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    if user_query:
        query = query.join(User, AuditEntry.user_id == User.id).where(User.email.contains(user_query))
    return query

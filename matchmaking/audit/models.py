from ..core.timeutil import utcnow
from ..extensions import db


class AuditEntry(db.Model):
    """One security-relevant event. Never updated or deleted by the application."""

    __tablename__ = "audit_log"

    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    #: The acting user, if known (a failed login for an unknown email has none).
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=True, index=True)
    #: e.g. "login", "login_failed", "organisation.verify", "user.disable".
    action = db.Column(db.String(60), nullable=False, index=True)
    object_type = db.Column(db.String(40), nullable=False, default="")
    object_id = db.Column(db.String(40), nullable=False, default="")
    #: Free detail (the email tried, a rejection reason …).
    detail = db.Column(db.String(500), nullable=False, default="")
    ip = db.Column(db.String(64), nullable=False, default="")

    user = db.relationship("User", lazy="joined")

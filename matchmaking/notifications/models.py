from ..core.timeutil import utcnow
from ..extensions import db


class Notification(db.Model):
    """One message to one user; `kind` picks the translated text, `params` fill it in."""

    __tablename__ = "notifications"
    __table_args__ = (db.Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    #: e.g. "pairing_proposed", "project_status", "milestone_overdue".
    kind = db.Column(db.String(40), nullable=False)
    #: Values for the message template (titles, organisation names, states).
    params = db.Column(db.JSON, nullable=False, default=dict)
    #: Where the notification leads (a path on this site).
    link = db.Column(db.String(200), nullable=False, default="/")
    #: The object it is about, so reminders are not sent twice.
    object_type = db.Column(db.String(40), nullable=False, default="")
    object_id = db.Column(db.Integer, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    read_at = db.Column(db.DateTime, nullable=True)

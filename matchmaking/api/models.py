from ..core.timeutil import utcnow
from ..extensions import db


class ApiToken(db.Model):
    """A bearer token. Only its SHA-256 hash is stored; it dies with the user's sessions."""

    __tablename__ = "api_tokens"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    #: hex SHA-256 of the token; the token itself is shown once and never stored.
    token_hash = db.Column(db.String(64), nullable=False, unique=True)
    #: The user's session_version when issued: logout elsewhere, password change or
    #: disabling the account bumps it and so revokes the token.
    session_version = db.Column(db.Integer, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime, nullable=False)
    revoked_at = db.Column(db.DateTime, nullable=True)
    last_used_at = db.Column(db.DateTime, nullable=True)

    user = db.relationship("User", lazy="joined")

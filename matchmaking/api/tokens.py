"""Bearer tokens: issue, resolve and revoke. No Flask request here; the caller commits.

Only the SHA-256 of a token is stored, so a copy of the database cannot be used to
call the API. A token lives until it expires, is revoked, or the user's sessions
are ended (logout, password change, disabling), whichever comes first."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from ..core.timeutil import utcnow
from ..extensions import db
from .models import ApiToken

DEFAULT_HOURS = 12
#: last_used_at is refreshed at most this often, so reads do not all become writes.
TOUCH_EVERY = timedelta(minutes=5)


def digest(raw):
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue(user):
    """A new token for `user`; returns (raw token, ApiToken). The raw token is shown once."""
    raw = secrets.token_urlsafe(32)
    hours = current_app.config.get("API_TOKEN_HOURS", DEFAULT_HOURS)
    token = ApiToken(user=user, token_hash=digest(raw), session_version=user.session_version,
                     expires_at=utcnow() + timedelta(hours=hours))
    db.session.add(token)
    db.session.flush()
    return raw, token


def resolve(raw):
    """The live ApiToken for `raw`, or None when unknown, expired, revoked or outlived by the user's sessions."""
    if not raw:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(raw)))
    now = utcnow()
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    user = token.user
    if user is None or not user.active or token.session_version != user.session_version:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        token.last_used_at = now
    return token


def revoke(token):
    token.revoked_at = utcnow()

"""Login helpers: a fresh session at login, safe `next` redirects."""
from datetime import datetime, timezone
from urllib.parse import urlsplit

from flask import session
from flask_login import login_user, logout_user


def is_safe_next(target):
    """Only paths on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or not isinstance(target, str):
        return False
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def start_session(user):
    """Log in with a brand-new session: nothing from before login is carried over."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)
    session["last_seen"] = datetime.now(timezone.utc).timestamp()


def end_session():
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang

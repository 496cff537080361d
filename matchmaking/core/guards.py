"""Route guards reused across blueprints."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def bureau_required(view):
    """Only bureau officers; everyone else gets 403 (after logging in)."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_bureau:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def government_required(view):
    """The bureau and the other departments (the city's reports); everyone else gets 403."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_government:
            abort(403)
        return view(*args, **kwargs)

    return wrapper

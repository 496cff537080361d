"""The API blueprint and what applies to every API request."""
from flask import Blueprint, current_app, request
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from ..extensions import csrf
from . import errors
from .errors import ApiError
from .inputs import ID_MAX

#: JSON bodies are small, so the API takes far less than the site; file uploads take the site's limit.
DEFAULT_MAX_BODY = 1024 * 1024

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Bearer tokens only, never the session cookie: a cross-site form cannot authenticate here.
csrf.exempt(bp)
errors.register(bp)


def upload(view):
    """Mark a view that takes a file: its body limit is the site's (MAX_CONTENT_LENGTH), as on the pages."""
    view.takes_upload = True
    return view


def _body_limit():
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "takes_upload", False):
        return current_app.config["MAX_CONTENT_LENGTH"]
    return current_app.config.get("API_MAX_BODY_BYTES", DEFAULT_MAX_BODY)


@bp.before_request
def _limit_and_check():
    limit = _body_limit()
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()
    # An id beyond the integer columns cannot exist (and would overflow the SQLite driver).
    if any(isinstance(value, int) and value > ID_MAX for value in (request.view_args or {}).values()):
        raise NotFound()
    # Query values end up in SQL LIKE patterns: refuse text the database cannot hold.
    if any("\x00" in value for value in request.args.values()):
        raise ApiError(400)

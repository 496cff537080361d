"""One error shape for the whole API: {"error": {"code", "message", "fields"}}.

`code` is the HTTP status as an integer, the same as the site-wide handler in
web.py uses for /api/ paths, so a client reads one field whatever went wrong."""
from flask import jsonify
from flask_babel import lazy_gettext as _l

from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..extensions import db

#: Domain errors and their status; any other DomainError is a refused value (422).
DOMAIN_STATUS = ((NotFound, 404), (Forbidden, 403), (Conflict, 409))

MESSAGES = {
    400: _l("请求有误，请检查后重试。"),
    401: _l("请先登录。"),
    422: _l("请求有误，请检查后重试。"),
}


class ApiError(Exception):
    """A refusal decided by the API layer itself (bad JSON, wrong types, no token)."""

    def __init__(self, status, message=None, *, fields=None, headers=None):
        super().__init__(message)
        self.status = status
        first_field = str(next(iter(fields.values()))) if fields else None
        self.message = message or first_field or MESSAGES.get(status, MESSAGES[400])
        self.fields = fields or {}
        self.headers = headers or {}


def error_response(status, message, fields=None, headers=None):
    body = {"error": {"code": status, "message": str(message), "fields": {k: str(v) for k, v in (fields or {}).items()}}}
    return jsonify(body), status, headers or {}


def domain_status(error):
    for kind, status in DOMAIN_STATUS:
        if isinstance(error, kind):
            return status
    return 422


def register(bp):
    """Attach the handlers; anything else falls through to web.py's JSON handlers."""

    @bp.errorhandler(ApiError)
    def api_error(error):
        db.session.rollback()
        return error_response(error.status, error.message, error.fields, error.headers)

    @bp.errorhandler(DomainError)
    def domain_error(error):
        db.session.rollback()
        fields = {error.field: error.message} if error.field else {}
        return error_response(domain_status(error), error.message, fields)

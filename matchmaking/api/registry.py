"""Each API operation is declared once, where its view is: the route, and what the document says.

`route` registers a view on the blueprint and records its Operation; openapi.py turns the
recorded operations and their schemas into the OpenAPI document. Path parameters come
from the Flask rule itself, so the document cannot list a path the API does not serve."""
import re
from dataclasses import dataclass, field

from .blueprint import bp

#: Every documented operation, in declaration order.
OPERATIONS = []
_PARAM = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


@dataclass(frozen=True)
class Patch:
    """A PATCH body: the fields of `model`, none of them required (the merged values are checked)."""

    model: type
    name: str


@dataclass(frozen=True)
class Download:
    """A file response in one of `media_types`."""

    media_types: tuple


@dataclass
class Operation:
    method: str
    path: str
    #: msgids, translated when the document is built.
    summary: str
    tag: str
    #: "required" (bearer token), "optional" (anonymous or bearer) or "none".
    auth: str = "required"
    path_params: tuple = ()
    query: type | None = None
    body: object = None
    media: str = "application/json"
    #: (status, Output model, Download or None)
    ok: tuple = (200, None)
    errors: tuple = ()
    description: str = ""
    #: status → msgid replacing the standard description of that error.
    notes: dict = field(default_factory=dict)


def openapi_path(rule):
    """'/needs/<int:need_id>' → ('/needs/{need_id}', ('need_id',))."""
    names = tuple(match.group(2) for match in _PARAM.finditer(rule))
    return _PARAM.sub(lambda match: "{" + match.group(2) + "}", rule), names


def describe(method, path, **meta):
    """Document one operation of a path already routed (e.g. one action of an `any(...)` rule)."""
    openapi, names = openapi_path(path)
    OPERATIONS.append(Operation(method=method.lower(), path=openapi, path_params=names, **meta))


def route(method, rule, *, endpoint=None, **meta):
    """Decorator: serve the view at `rule` for `method` and document it with `meta` (see Operation)."""

    def register(view):
        bp.add_url_rule(rule, endpoint or view.__name__, view, methods=[method])
        describe(method, rule, **meta)
        return view

    return register

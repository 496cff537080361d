"""The API about itself: public figures, the OpenAPI document, and the docs page at /api/docs."""
from flask import jsonify

from ..core.i18n import N_
from . import queries
from .blueprint import bp
from .docs import docs_bp
from .openapi import document
from .registry import route
from .schemas.common import Stats


@route("GET", "/stats", summary=N_("公开的汇总数字"), tag="stats", auth="none", ok=(200, Stats))
def stats():
    return jsonify(Stats.model_validate(queries.summary()).dump())


@bp.get("/openapi.json")
def openapi():
    """The document itself (not listed in it)."""
    return jsonify(document())


# Registered together with the API so that web.py wires one blueprint for all of it.
bp.record_once(lambda state: state.app.register_blueprint(docs_bp))

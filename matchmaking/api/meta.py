"""The API about itself: public figures, the OpenAPI document, and the docs page at /api/docs."""
from flask import Blueprint, jsonify, render_template

from . import queries
from .blueprint import bp
from .openapi import digest, document

#: The readable docs live beside the versioned API, at /api/docs.
docs_bp = Blueprint("api_docs", __name__, url_prefix="/api")


@bp.get("/stats")
def stats():
    return jsonify(queries.summary())


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@docs_bp.get("/docs")
def docs():
    spec = document()
    return render_template("api/docs.html", info=spec["info"], security=spec["components"]["securitySchemes"],
                           **digest(spec))


# Registered together with the API so that web.py wires one blueprint for all of it.
bp.record_once(lambda state: state.app.register_blueprint(docs_bp))

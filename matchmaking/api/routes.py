"""The API blueprint (endpoints are added in this package's modules)."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

"""The docking events blueprint (pages are added in this package's modules)."""
from flask import Blueprint

bp = Blueprint("events", __name__, url_prefix="/events")

"""The one blueprint of docking events: public and participant pages at /events, the bureau's
pages under /events/manage."""
from flask import Blueprint

bp = Blueprint("events", __name__, url_prefix="/events")


def cluster_namer():
    """event → the names of its clusters in the reader's language."""
    from ..core.i18n import label
    from ..reference.models import Cluster
    from ..reference.services import all_of

    names = {c.code: label(c) for c in all_of(Cluster)}
    return lambda event: [names.get(code, code) for code in event.cluster_codes or []]


@bp.context_processor
def _helpers():
    """Labels every event page needs: the event's cluster names in the reader's language."""
    return {"cluster_names": cluster_namer()}

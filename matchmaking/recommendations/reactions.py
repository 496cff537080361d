"""The recommendation store follows what happens to postings and organisations.

Connected once by the app factory (web.py) to the domains' signals, so those domains never
import the recommender."""
from sqlalchemy import select

from ..extensions import db
from ..needs.models import Need
from ..organisations.services import organisation_status_changed
from ..postings.services import posting_changed
from ..programmes.models import Programme
from .services import refresh_for


def on_posting_changed(posting, **_):
    refresh_for(posting)


def on_organisation_status_changed(organisation, **_):
    """Verification makes an organisation's published items eligible; rejection removes them."""
    model = Programme if organisation.kind == "school" else Need
    published = select(model).where(model.organisation_id == organisation.id, model.is_published)
    for posting in list(db.session.scalars(published)):
        refresh_for(posting)


def connect():
    posting_changed.connect(on_posting_changed, weak=False)
    organisation_status_changed.connect(on_organisation_status_changed, weak=False)

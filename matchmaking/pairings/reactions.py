"""Pairings follow what happens to their need and programme (connected once by web.py)."""
from ..postings.services import posting_changed
from .services import end_open_pairings_of


def on_posting_changed(posting, **_):
    """Closing or archiving an item ends its open pairings (as expired, with notifications)."""
    if posting.status in ("closed", "archived"):
        end_open_pairings_of(posting)


def connect():
    posting_changed.connect(on_posting_changed, weak=False)

"""Counts shown on the navigation bar, computed once per request."""
from flask import g
from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db


def navigation_counts():
    """Badges for the signed-in user's navigation bar (cached on `g`)."""
    if "nav_counts" in g:
        return g.nav_counts
    counts = {}
    if current_user.is_authenticated:
        from ..notifications.services import unread_count

        counts["unread"] = unread_count(current_user)
        if current_user.is_department:
            from ..certification.queries import my_turn

            counts["reviews"] = len(my_turn(current_user))
        elif not current_user.is_bureau:
            from ..pairings.queries import open_counts

            counts["incoming_pairings"], counts["outgoing_pairings"] = open_counts(current_user.organisation_id)
    if current_user.is_authenticated and current_user.is_bureau:
        from ..organisations.models import Organisation

        counts["pending_organisations"] = db.session.scalar(
            select(func.count()).select_from(Organisation).where(Organisation.status == "pending")
        )
    g.nav_counts = counts
    return counts

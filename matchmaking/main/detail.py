"""The extra context of a posting's detail page: the pairing form and the suggestions."""
from flask_login import current_user

from ..pairings.forms import propose_form_for
from ..recommendations.views import for_posting


def posting_detail_context(posting):
    return {
        "propose_form": propose_form_for(posting, current_user),
        "suggestions": for_posting(posting, current_user) if posting.is_published else [],
    }

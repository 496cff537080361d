"""What pages need to show suggestions: rows ready to render, in the reader's language."""
from dataclasses import dataclass

from flask_babel import gettext

from ..needs.models import Need
from . import adapter, queries


@dataclass
class SuggestionRow:
    need: object
    programme: object
    score: float
    reasons: list
    #: The item on the other side from the page's point of view.
    other: object
    #: The viewer's own item, when the viewer may propose this pair.
    own: object = None

    @property
    def percent(self):
        return round(self.score * 100)


def rows(recommendations, *, perspective, viewer=None):
    """Render-ready rows; `perspective` is "need" (show programmes) or "programme" (show needs)."""
    out = []
    for rec in recommendations:
        other = rec.programme if perspective == "need" else rec.need
        own_item = rec.need if perspective == "need" else rec.programme
        own = own_item if viewer is not None and getattr(viewer, "is_authenticated", False) \
            and own_item.organisation_id == viewer.organisation_id else None
        out.append(SuggestionRow(need=rec.need, programme=rec.programme, score=rec.score,
                                 reasons=adapter.reason_texts(rec.reasons, gettext), other=other, own=own))
    return out


def for_posting(posting, viewer, *, top=10):
    if isinstance(posting, Need):
        return rows(queries.for_need(posting.id, top=top), perspective="need", viewer=viewer)
    return rows(queries.for_programme(posting.id, top=top), perspective="programme", viewer=viewer)


def for_organisation(organisation, viewer, *, top=10):
    perspective = "programme" if organisation.kind == "school" else "need"
    return rows(queries.for_organisation(organisation, top=top), perspective=perspective, viewer=viewer)

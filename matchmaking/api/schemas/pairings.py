"""Pairings: proposing one (checked like the pages' ProposeForm), declining, and the pairing itself."""
from pydantic import Field

from ...core.i18n import N_
from ...pairings.forms import DeclineForm, ProposeForm
from ...pairings.models import STATUSES
from .common import Page, Paging
from .fields import Id, Input, Output, Timestamp, from_form, one_of

SOURCES = ("detail", "search", "suggestion")
DIRECTIONS = ("incoming", "outgoing")


class PairingInput(Input):
    need_id: Id
    programme_id: Id
    message: from_form(ProposeForm, "message") = ""
    source: one_of(SOURCES) = "detail"


class DeclineInput(Input):
    reason: from_form(DeclineForm, "reason")


class Pairing(Output):
    id: int
    status: one_of(STATUSES)
    direction: one_of(DIRECTIONS) | None = Field(description=N_("从调用方看：incoming 收到的，outgoing 发出的。"))
    need_id: int
    need_title: str
    programme_id: int
    programme_title: str
    proposer_id: int
    proposer: str
    responder_id: int
    responder: str
    message: str
    decline_reason: str
    source: str
    score: float | None
    created_at: Timestamp
    expires_at: Timestamp
    responded_at: Timestamp | None
    project_id: int | None


class PairingPage(Page):
    items: list[Pairing]


class PairingQuery(Paging):
    direction: one_of(DIRECTIONS) | None = Field(None, description=N_("不填时两个方向都列出。"))
    status: one_of(STATUSES) | None = None

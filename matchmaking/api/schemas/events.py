"""Docking events: registering (the pages' RegistrationForm), meeting requests (RequestForm),
outcomes (OutcomeForm), and the event, registration, request and meeting as a participant reads them."""
from typing import Annotated

from pydantic import Field

from ...core.i18n import N_
from ...events.forms import OutcomeForm, RegistrationForm, RequestForm
from ...events.models import (
    MEETING_LABELS,
    OUTCOME_LABELS,
    PRIORITY_LABELS,
    REGISTRATION_LABELS,
    REQUEST_LABELS,
    STATUS_LABELS,
)
from .common import Page, Paging, SideCounts
from .fields import (
    HHMM,
    Count,
    Day,
    FormField,
    Id,
    Input,
    Integer,
    LocalTime,
    Output,
    Timestamp,
    choices_of,
    from_form,
    one_of,
)
from .pairings import Pairing

SIDES = ("school", "enterprise")
#: What the scheduling run reports.
SCHEDULE_COUNTS = ("placed", "moved", "dropped", "added", "unplaced")


class RegistrationInput(Input):
    attendees: from_form(RegistrationForm, "attendees", description=N_("姓名和职务，每行一位。"))
    unavailable_slots: Annotated[list[Integer], FormField("unavailable")] = Field(
        default_factory=list, description=N_("本机构不能参加的时段编号；未知编号会被忽略。"))


class MeetingRequestInput(Input):
    target_organisation_id: Annotated[Id, FormField("target_id"), Field(description=N_("对方已通过审核的参会机构。"))]
    priority: Annotated[one_of(choices_of(RequestForm, "priority")), FormField("priority")] = "want"
    message: from_form(RequestForm, "message") = ""


class OutcomeInput(Input):
    outcome: Annotated[one_of(choices_of(OutcomeForm, "outcome")), FormField("outcome")]
    own_item_id: Annotated[Id, FormField("own_item_id"), Field(
        description=N_("继续洽谈时：调用方已发布的培训项目（学校）或需求（企业）。"))] = None
    counterpart_item_id: Annotated[Id, FormField("counterpart_item_id"), Field(
        description=N_("继续洽谈时：对方已发布的需求或培训项目。"))] = None
    message: from_form(OutcomeForm, "message") = ""


class Registration(Output):
    id: int
    event_id: int
    organisation_id: int
    side: one_of(SIDES)
    status: one_of(REGISTRATION_LABELS)
    attendees: str
    unavailable_slots: list[int]
    rejection_reason: str
    checkin_code: str | None = Field(description=N_("签到时出示；通过审核后才有。"))
    created_at: Timestamp
    decided_at: Timestamp | None


class EventSummary(Output):
    id: int
    title: str
    status: one_of(STATUS_LABELS)
    clusters: list[str]
    venue: str
    date: Day
    start_time: HHMM
    end_time: HHMM
    registration_opens: Day
    registration_closes: Day
    registration_open: bool = Field(description=N_("今天可以报名。"))
    capacity_per_side: int
    participants: SideCounts


class TimeRange(Output):
    start: HHMM
    end: HHMM


class Slot(Output):
    number: int
    start: HHMM
    end: HHMM


class Event(EventSummary):
    description: str
    meeting_minutes: int
    breaks: list[TimeRange]
    tables: int
    slots: list[Slot] = Field(description=N_("洽谈时段（不含人社局取消的）；跨过休息时编号跳过一个。"))
    my_registration: Registration | None = Field(description=N_("调用方机构的报名，没有时为 null。"))


class EventPage(Page):
    items: list[EventSummary]


class MeetingRequest(Output):
    id: int
    event_id: int
    direction: one_of(("incoming", "outgoing")) | None
    school_id: int
    school: str
    enterprise_id: int
    enterprise: str
    counterpart_id: int
    counterpart: str
    requested_by: one_of((*SIDES, "bureau"))
    priority: one_of(PRIORITY_LABELS)
    status: one_of(REQUEST_LABELS)
    message: str
    created_at: Timestamp
    responded_at: Timestamp | None


class MeetingRequestList(Output):
    items: list[MeetingRequest]


class Counterpart(Output):
    organisation_id: int
    name: str
    kind: one_of(SIDES)
    score: float
    reasons: list[str]
    requested: bool


class CounterpartList(Output):
    items: list[Counterpart]


class OrganisationBrief(Output):
    id: int
    name: str
    kind: str


class Meeting(Output):
    id: int
    event_id: int
    slot: int
    table: int
    starts_at: LocalTime
    ends_at: LocalTime
    school_id: int
    enterprise_id: int
    counterpart: OrganisationBrief | None = Field(description=N_("另一方；人社局查看时为 null。"))
    status: one_of(MEETING_LABELS)
    outcome: one_of(OUTCOME_LABELS) | None = Field(description=N_("调用方一方在洽谈后的意向；登记前为 null。"))
    pairing_id: int | None


class MeetingList(Output):
    items: list[Meeting]


class OutcomeResult(Output):
    meeting: Meeting
    pairing: Pairing | None


ScheduleCounts = type("ScheduleCounts", (Output,), {"__annotations__": {name: Count for name in SCHEDULE_COUNTS},
                                                    "__module__": __name__})


class ScheduleResult(Output):
    counts: ScheduleCounts
    event: Event


class EventQuery(Paging):
    pass

"""Who may do what at a docking event (registered in core.permissions).

The bureau runs events; schools and enterprises take part. The bureau never registers,
asks for meetings or records outcomes ("the bureau takes no part")."""
from flask_babel import lazy_gettext as _l

from ..core.permissions import is_bureau, is_member, organisation_id, rule, verified_member
from . import lifecycle


@rule("event.take_part")
def may_take_part(user, event=None):
    """Schools and enterprises take part in events; the bureau and visitors do not."""
    return is_member(user)


@rule("event.register_as")
def may_register_as(user, _=None):
    """Verified schools and enterprises register for events."""
    return verified_member(user, not_member=_l("只有学校和企业可以报名参加活动。"),
                           unverified=_l("机构通过人社局审核后才能报名。"))


@rule("event.register")
def may_register(user, event):
    """A new registration (or one after withdrawing) is offered to members while the event is open
    today (an unverified organisation is told why when it submits: rule event.register_as)."""
    from .services import registration_of, registration_open_today

    if not (is_member(user) and event.is_open and registration_open_today(event)):
        return False
    registration = registration_of(event, organisation_id(user))
    return registration is None or registration.status == "withdrawn"


@rule("event.change_registration")
def may_change_registration(user, registration):
    """Update or withdraw the organisation's own registration, until the event is over."""
    return (registration is not None and is_member(user) and registration.organisation_id == organisation_id(user)
            and registration.status in lifecycle.HOLDING_PLACE and registration.event.status not in lifecycle.FINISHED)


@rule("event.use_registration")
def may_use_registration(user, registration):
    """Approved participants ask for meetings and read their agenda."""
    return (registration is not None and registration.organisation_id == organisation_id(user)
            and registration.status == "approved")


@rule("event.decide_registration")
def may_decide_registration(user, registration):
    return is_bureau(user) and registration.status == "pending"


@rule("event.read_participant_agenda")
def may_read_participant_agenda(user, registration):
    return is_bureau(user) and registration.status == "approved"


@rule("event.check_in")
def may_check_in(user, registration):
    return (is_bureau(user) and registration.event.status in lifecycle.ON_THE_DAY
            and registration.status == "approved" and registration.checked_in_at is None)


@rule("event.schedule")
def may_schedule(user, event):
    return is_bureau(user) and lifecycle.may_apply(event, "schedule")


@rule("event.add_meeting")
def may_add_meeting(user, event):
    """The bureau arranges a meeting while participants may still ask for them."""
    return is_bureau(user) and event.status in lifecycle.REQUESTING


@rule("event.answer_request")
def may_answer_request(user, meeting_request):
    return (meeting_request.status == "pending" and is_member(user)
            and meeting_request.target_id == organisation_id(user))


def _on_the_day(user, meeting):
    party = is_bureau(user) or meeting.side_of(organisation_id(user)) is not None
    return party and meeting.event.status in lifecycle.ON_THE_DAY


@rule("meeting.mark_held")
def may_mark_held(user, meeting):
    return _on_the_day(user, meeting) and meeting.status in ("scheduled", "no_show")


@rule("meeting.mark_no_show")
def may_mark_no_show(user, meeting):
    return _on_the_day(user, meeting) and meeting.status == "scheduled"


@rule("meeting.record_outcome")
def may_record_outcome(user, meeting):
    """A party, once the meeting was held, and only once per side."""
    side = meeting.side_of(organisation_id(user)) if is_member(user) else None
    return (side is not None and meeting.event.status in lifecycle.ON_THE_DAY and meeting.status == "held"
            and not getattr(meeting, f"{side}_outcome"))

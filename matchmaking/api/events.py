"""Docking events over the API: what a school or enterprise does on the event pages
(register, withdraw, ask for meetings and answer them, read its timetable) and the
bureau's scheduling run. Rules live in events.services, events.wishes and
events.scheduling; input is checked by the pages' RegistrationForm and RequestForm."""
from flask import jsonify
from flask_babel import lazy_gettext as _l

from ..core.errors import Forbidden, NotFound
from ..events import onsite, queries, scheduling, services, wishes
from ..events.forms import OutcomeForm, RegistrationForm, RequestForm
from ..extensions import db
from . import serializers
from .auth import authenticated, current_user_or_none
from .blueprint import bp
from .inputs import INTEGERS, NUMBER_ID, STRING, json_body, page_args, required, validated
from .queries import page_of

REGISTRATION_TYPES = {"attendees": STRING, "unavailable_slots": INTEGERS}
#: API name → the pages' form field name.
REGISTRATION_NAMES = {"attendees": "attendees", "unavailable_slots": "unavailable"}


def _event(event_id, user):
    """The bureau sees every event, everyone else the published ones (drafts answer 404)."""
    if user is not None and user.is_bureau:
        return services.get_for_bureau(event_id, user)
    return services.get_public(event_id)


def _participant(event_id):
    """(caller, event) for the participants' endpoints; the bureau takes no part (403)."""
    user = authenticated()
    event = _event(event_id, user)
    if user.is_bureau:
        raise Forbidden(_l("只有学校和企业可以参加活动。"))
    return user, event


def _approved(event_id):
    """(caller, event) when the caller's organisation is an approved participant, else 403."""
    user, event = _participant(event_id)
    services.approved_registration(event, user.organisation_id)
    return user, event


@bp.get("/events")
def list_events():
    """Published events, newest first; the bureau also sees drafts."""
    user = current_user_or_none()
    events = queries.all_events() if user is not None and user.is_bureau else queries.public_events()
    return jsonify(serializers.page(page_of(events, *page_args()), serializers.event))


@bp.get("/events/<int:event_id>")
def event_detail(event_id):
    user = current_user_or_none()
    event = _event(event_id, user)
    mine = services.registration_of(event, user.organisation_id) if user is not None and not user.is_bureau else None
    return jsonify(serializers.event(event, mine=mine, detail=True))


def _registration_values(current=None):
    """The checked attendees and unavailable slots; a PATCH keeps what it does not send."""
    values = {**(current or {}), **json_body(REGISTRATION_TYPES)}
    form = validated(RegistrationForm, {REGISTRATION_NAMES[name]: value for name, value in values.items()},
                     names={form_name: name for name, form_name in REGISTRATION_NAMES.items()})
    return {"attendees": form.attendees.data, "unavailable": form.unavailable.data or []}


@bp.post("/events/<int:event_id>/registrations")
def register(event_id):
    """Register the caller's organisation; again after withdrawing is allowed, as on the page."""
    user = authenticated()
    event = _event(event_id, user)
    registration = services.register(event, **_registration_values(), by=user)
    db.session.commit()
    return jsonify(serializers.registration(registration)), 201


def _mine(event_id):
    user, event = _participant(event_id)
    registration = services.registration_of(event, user.organisation_id)
    if registration is None:
        raise NotFound(_l("报名不存在。"))
    return user, registration


@bp.get("/events/<int:event_id>/registrations/mine")
def my_registration(event_id):
    _, registration = _mine(event_id)
    return jsonify(serializers.registration(registration))


@bp.patch("/events/<int:event_id>/registrations/mine")
def update_registration(event_id):
    """Change attendees and unavailable slots, until the event is held."""
    user, registration = _mine(event_id)
    current = {"attendees": registration.attendees, "unavailable_slots": list(registration.unavailable_slots or [])}
    services.update_registration(registration, **_registration_values(current), by=user)
    db.session.commit()
    return jsonify(serializers.registration(registration))


@bp.delete("/events/<int:event_id>/registrations/mine")
def withdraw_registration(event_id):
    user, registration = _mine(event_id)
    services.withdraw(registration, by=user)
    db.session.commit()
    return jsonify(serializers.registration(registration))


@bp.get("/events/<int:event_id>/counterparts")
def counterparts(event_id):
    """The other side's approved participants, best suggestion score first (whom to ask for a meeting)."""
    user, event = _approved(event_id)
    rows = queries.ranked_counterparts(event, user.organisation)
    return jsonify({"items": [serializers.counterpart(row) for row in rows]})


@bp.get("/events/<int:event_id>/meeting-requests")
def meeting_requests(event_id):
    """The caller's meeting requests at the event: incoming first, then outgoing, newest first."""
    user, event = _approved(event_id)
    incoming, outgoing = wishes.for_organisation(event, user.organisation_id)
    return jsonify({"items": [serializers.meeting_request(r, viewer_id=user.organisation_id)
                              for r in incoming + outgoing]})


@bp.post("/events/<int:event_id>/meeting-requests")
def request_meeting(event_id):
    user, event = _approved(event_id)
    values = json_body({"target_organisation_id": NUMBER_ID, "priority": STRING, "message": STRING})
    required(values, "target_organisation_id")
    form = validated(RequestForm, {"target_id": values["target_organisation_id"], "priority": values.get("priority", "want"),
                                   "message": values.get("message", "")},
                     names={"target_id": "target_organisation_id"})
    meeting_request = wishes.request_meeting(event, values["target_organisation_id"], priority=form.priority.data,
                                             message=form.message.data, by=user)
    db.session.commit()
    return jsonify(serializers.meeting_request(meeting_request, viewer_id=user.organisation_id)), 201


def _respond(event_id, request_id, accept):
    """The asked side accepts or declines an incoming request."""
    user, event = _approved(event_id)
    meeting_request = wishes.get_request(event, request_id)
    wishes.respond(meeting_request, accept, by=user)
    db.session.commit()
    return jsonify(serializers.meeting_request(meeting_request, viewer_id=user.organisation_id))


@bp.post("/events/<int:event_id>/meeting-requests/<int:request_id>/accept")
def accept_meeting_request(event_id, request_id):
    return _respond(event_id, request_id, True)


@bp.post("/events/<int:event_id>/meeting-requests/<int:request_id>/decline")
def decline_meeting_request(event_id, request_id):
    return _respond(event_id, request_id, False)


@bp.get("/events/<int:event_id>/meetings/mine")
def my_meetings(event_id):
    """The caller's timetable, by slot; cancelled meetings stay listed so a calendar can drop them."""
    user, event = _approved(event_id)
    meetings = [m for m in event.meetings if m.side_of(user.organisation_id)]
    return jsonify({"items": [serializers.meeting(m, viewer_id=user.organisation_id) for m in meetings]})


def _mark(event_id, meeting_id, status):
    """Either party or the bureau marks a meeting on the day (and may correct it)."""
    user = authenticated()
    meeting = onsite.get_meeting(_event(event_id, user), meeting_id, user)
    onsite.mark(meeting, status, by=user)
    db.session.commit()
    return jsonify(serializers.meeting(meeting, viewer_id=user.organisation_id))


@bp.post("/events/<int:event_id>/meetings/<int:meeting_id>/held")
def mark_held(event_id, meeting_id):
    return _mark(event_id, meeting_id, "held")


@bp.post("/events/<int:event_id>/meetings/<int:meeting_id>/no-show")
def mark_no_show(event_id, meeting_id):
    return _mark(event_id, meeting_id, "no_show")


@bp.post("/events/<int:event_id>/meetings/<int:meeting_id>/outcome")
def record_outcome(event_id, meeting_id):
    """A party's intention after a held meeting; 继续洽谈 proposes a pairing between the two items named."""
    user, event = _approved(event_id)
    meeting = onsite.get_meeting(event, meeting_id, user)
    values = json_body({"outcome": STRING, "own_item_id": NUMBER_ID, "counterpart_item_id": NUMBER_ID, "message": STRING})
    form = validated(OutcomeForm, values)
    pairing = onsite.record_outcome(meeting, form.outcome.data, own_item_id=form.own_item_id.data or None,
                                    counterpart_item_id=form.counterpart_item_id.data or None,
                                    message=form.message.data, by=user)
    db.session.commit()
    return jsonify({"meeting": serializers.meeting(meeting, viewer_id=user.organisation_id),
                    "pairing": serializers.pairing(pairing, viewer=user) if pairing is not None else None})


@bp.post("/events/<int:event_id>/schedule")
def schedule(event_id):
    """The bureau schedules (or reschedules) the event, as the page's 自动排程 button does."""
    user = authenticated()
    event = services.get_for_bureau(event_id, user)
    counts = scheduling.run(event, by=user)
    db.session.commit()
    return jsonify({"counts": counts, "event": serializers.event(event, detail=True)})

"""Docking events over the API: what a school or enterprise does on the event pages
(register, withdraw, ask for meetings and answer them, read its timetable) and the
bureau's scheduling run. Rules live in events.services, events.wishes and
events.scheduling; input is checked by its schema (api/schemas/events) and the pages'
RegistrationForm, RequestForm and OutcomeForm."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Forbidden, NotFound
from ..core.i18n import N_
from ..events import onsite, queries, scheduling, services, wishes
from ..events.forms import OutcomeForm, RegistrationForm, RequestForm
from ..extensions import db
from . import permissions, serializers
from .auth import authenticated, current_user_or_none
from .inputs import query, with_form
from .queries import page_of
from .registry import Patch, route
from .schemas import events as schemas

ONE = "/events/<int:event_id>"
PARTICIPANTS = N_("仅限已通过审核的参会机构；人社局和其他人得到 403。")


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


@route("GET", "/events", summary=N_("对接活动，最新的在前（人社局也能看到草稿）"), tag="events", auth="optional",
       query=schemas.EventQuery, ok=(200, schemas.EventPage), errors=(401,))
def list_events():
    """Published events, newest first; the bureau also sees drafts."""
    user = current_user_or_none()
    events = queries.all_events() if user is not None and user.is_bureau else queries.public_events()
    paging = query(schemas.EventQuery)
    return serializers.respond(serializers.page(schemas.EventPage, page_of(events, paging.page, paging.per_page),
                                                serializers.event))


@route("GET", ONE, summary=N_("一个活动，含时段和调用方的报名"), tag="events", auth="optional",
       ok=(200, schemas.Event), errors=(401, 404), description=N_("草稿只有人社局能看到。"))
def event_detail(event_id):
    user = current_user_or_none()
    event = _event(event_id, user)
    mine = services.registration_of(event, user.organisation_id) if user is not None and not user.is_bureau else None
    return serializers.respond(serializers.event(event, mine=mine, detail=True))


def _registration_values(current=None):
    """The checked attendees and unavailable slots; a PATCH keeps what it does not send."""
    form = with_form(schemas.RegistrationInput, RegistrationForm, current=current)
    return {"attendees": form.attendees.data, "unavailable": form.unavailable.data or []}


@route("POST", f"{ONE}/registrations", tag="events", body=schemas.RegistrationInput, ok=(201, schemas.Registration),
       errors=(403, 404, 409, 422),
       summary=N_("为调用方机构报名（已审核的学校或企业，报名期间）"),
       description=N_("不在报名期间、已报名、已被驳回或该方名额已满时为 409。撤回报名后可以再次报名。"))
def register(event_id):
    """Register the caller's organisation; again after withdrawing is allowed, as on the page."""
    user = authenticated()
    event = _event(event_id, user)
    permissions.register_for_event(user)
    registration = services.register(event, **_registration_values(), by=user)
    db.session.commit()
    return serializers.respond(serializers.registration(registration), 201)


def _mine(event_id):
    user, event = _participant(event_id)
    registration = services.registration_of(event, user.organisation_id)
    if registration is None:
        raise NotFound(_l("报名不存在。"))
    return user, registration


MINE = f"{ONE}/registrations/mine"


@route("GET", MINE, summary=N_("调用方的报名"), tag="events", ok=(200, schemas.Registration), errors=(403, 404))
def my_registration(event_id):
    _, registration = _mine(event_id)
    return serializers.respond(serializers.registration(registration))


@route("PATCH", MINE, summary=N_("修改参会人员或不能参加的时段（活动举行前）"), tag="events",
       body=Patch(schemas.RegistrationInput, "RegistrationPatch"), ok=(200, schemas.Registration),
       errors=(403, 404, 409, 422))
def update_registration(event_id):
    """Change attendees and unavailable slots, until the event is held."""
    user, registration = _mine(event_id)
    current = {"attendees": registration.attendees, "unavailable_slots": list(registration.unavailable_slots or [])}
    services.update_registration(registration, **_registration_values(current), by=user)
    db.session.commit()
    return serializers.respond(serializers.registration(registration))


@route("DELETE", MINE, summary=N_("撤回报名"), tag="events", ok=(200, schemas.Registration), errors=(403, 404, 409),
       description=N_("活动已举行或调用方的洽谈已登记后为 409。"))
def withdraw_registration(event_id):
    user, registration = _mine(event_id)
    services.withdraw(registration, by=user)
    db.session.commit()
    return serializers.respond(serializers.registration(registration))


@route("GET", f"{ONE}/counterparts", summary=N_("另一方已通过审核的参会机构，推荐度高的在前"), tag="events",
       ok=(200, schemas.CounterpartList), errors=(403, 404), description=PARTICIPANTS)
def counterparts(event_id):
    """The other side's approved participants, best suggestion score first (whom to ask for a meeting)."""
    user, event = _approved(event_id)
    rows = queries.ranked_counterparts(event, user.organisation)
    return serializers.respond(schemas.CounterpartList(items=[serializers.counterpart(row) for row in rows]))


REQUESTS = f"{ONE}/meeting-requests"


@route("GET", REQUESTS, summary=N_("调用方的洽谈请求，收到的和发出的"), tag="events", ok=(200, schemas.MeetingRequestList),
       errors=(403, 404), description=PARTICIPANTS)
def meeting_requests(event_id):
    """The caller's meeting requests at the event: incoming first, then outgoing, newest first."""
    user, event = _approved(event_id)
    incoming, outgoing = wishes.for_organisation(event, user.organisation_id)
    return serializers.respond(schemas.MeetingRequestList(
        items=[serializers.meeting_request(r, viewer_id=user.organisation_id) for r in incoming + outgoing]))


@route("POST", REQUESTS, summary=N_("请另一方已通过审核的参会机构洽谈"), tag="events", body=schemas.MeetingRequestInput,
       ok=(201, schemas.MeetingRequest), errors=(403, 404, 409, 422),
       description=N_("仅限已通过审核的参会机构；人社局和其他人得到 403。重复请求或活动已过排程阶段时为 409。"))
def request_meeting(event_id):
    user, event = _approved(event_id)
    form = with_form(schemas.MeetingRequestInput, RequestForm)
    target_id = int(form.target_id.data)  # an Id, checked by the schema
    meeting_request = wishes.request_meeting(event, target_id, priority=form.priority.data,
                                             message=form.message.data or "", by=user)
    db.session.commit()
    return serializers.respond(serializers.meeting_request(meeting_request, viewer_id=user.organisation_id), 201)


def _respond(event_id, request_id, accept):
    """The asked side accepts or declines an incoming request."""
    user, event = _approved(event_id)
    meeting_request = wishes.get_request(event, request_id)
    wishes.respond(meeting_request, accept, by=user)
    db.session.commit()
    return serializers.respond(serializers.meeting_request(meeting_request, viewer_id=user.organisation_id))


@route("POST", f"{REQUESTS}/<int:request_id>/accept", summary=N_("接受收到的洽谈请求"), tag="events",
       ok=(200, schemas.MeetingRequest), errors=(403, 404, 409), description=PARTICIPANTS)
def accept_meeting_request(event_id, request_id):
    return _respond(event_id, request_id, True)


@route("POST", f"{REQUESTS}/<int:request_id>/decline", summary=N_("婉拒收到的洽谈请求"), tag="events",
       ok=(200, schemas.MeetingRequest), errors=(403, 404, 409), description=PARTICIPANTS)
def decline_meeting_request(event_id, request_id):
    return _respond(event_id, request_id, False)


@route("GET", f"{ONE}/meetings/mine", summary=N_("调用方的日程：时段、当地开始和结束时间、桌号、对方机构、状态"),
       tag="events", ok=(200, schemas.MeetingList), errors=(403, 404),
       description=N_("仅限已通过审核的参会机构；人社局和其他人得到 403。已取消的洽谈仍会列出，便于日历删除。"))
def my_meetings(event_id):
    """The caller's timetable, by slot; cancelled meetings stay listed so a calendar can drop them."""
    user, event = _approved(event_id)
    meetings = [m for m in event.meetings if m.side_of(user.organisation_id)]
    return serializers.respond(schemas.MeetingList(
        items=[serializers.meeting(m, viewer_id=user.organisation_id) for m in meetings]))


def _mark(event_id, meeting_id, status):
    """Either party or the bureau marks a meeting on the day (and may correct it)."""
    user = authenticated()
    meeting = onsite.get_meeting(_event(event_id, user), meeting_id, user)
    onsite.mark(meeting, status, by=user)
    db.session.commit()
    return serializers.respond(serializers.meeting(meeting, viewer_id=user.organisation_id))


MEETING = f"{ONE}/meetings/<int:meeting_id>"
MARK_CONFLICTS = N_("活动排程前、洽谈已取消，或已产生对接意向后改为未到场时为 409。")


@route("POST", f"{MEETING}/held", summary=N_("标记洽谈已进行（任一方或人社局，活动当天）"), tag="events",
       ok=(200, schemas.Meeting), errors=(404, 409), description=MARK_CONFLICTS)
def mark_held(event_id, meeting_id):
    return _mark(event_id, meeting_id, "held")


@route("POST", f"{MEETING}/no-show", summary=N_("标记洽谈未到场（任一方或人社局，活动当天）"), tag="events",
       ok=(200, schemas.Meeting), errors=(404, 409), description=MARK_CONFLICTS)
def mark_no_show(event_id, meeting_id):
    return _mark(event_id, meeting_id, "no_show")


@route("POST", f"{MEETING}/outcome", summary=N_("登记调用方对已进行洽谈的结果；继续洽谈会发起对接意向"), tag="events",
       body=schemas.OutcomeInput, ok=(200, schemas.OutcomeResult), errors=(403, 404, 409, 422),
       description=N_("仅限已通过审核的参会机构；人社局和其他人得到 403。继续洽谈需要 own_item_id 和 "
                      "counterpart_item_id（缺少时为 422）；洽谈尚未标记为已进行或已登记过时为 409。"))
def record_outcome(event_id, meeting_id):
    """A party's intention after a held meeting; 继续洽谈 proposes a pairing between the two items named."""
    user, event = _approved(event_id)
    meeting = onsite.get_meeting(event, meeting_id, user)
    form = with_form(schemas.OutcomeInput, OutcomeForm)
    pairing = onsite.record_outcome(meeting, form.outcome.data, own_item_id=form.own_item_id.data or None,
                                    counterpart_item_id=form.counterpart_item_id.data or None,
                                    message=form.message.data or "", by=user)
    db.session.commit()
    return serializers.respond(schemas.OutcomeResult(
        meeting=serializers.meeting(meeting, viewer_id=user.organisation_id),
        pairing=serializers.pairing(pairing, viewer=user) if pairing is not None else None))


@route("POST", f"{ONE}/schedule", summary=N_("安排或重新安排一对一洽谈（人社局）"), tag="events",
       ok=(200, schemas.ScheduleResult), errors=(403, 404, 409),
       description=N_("与活动页面上的按钮相同：报名截止后运行；重新运行时仍然合适的洽谈保持不变。人社局以外的人得到 403。"))
def schedule(event_id):
    """The bureau schedules (or reschedules) the event, as the page's 自动排程 button does."""
    user = authenticated()
    event = services.get_for_bureau(event_id, user)
    counts = scheduling.run(event, by=user)
    db.session.commit()
    return serializers.respond(schemas.ScheduleResult(counts=counts, event=serializers.event(event, detail=True)))

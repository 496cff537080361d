"""Meeting requests between approved participants, and meetings the bureau wants."""
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..audit.services import record
from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..core.timeutil import utcnow
from ..extensions import db
from ..notifications.services import notify_organisation
from . import lifecycle
from .models import MeetingRequest
from .services import approved_registration, registration_of

PRIORITIES = ("must", "want", "nice")


def _pair(a, b):
    """(school registration, enterprise registration) of two approved registrations of opposite sides."""
    if a.side == b.side:
        raise DomainError(_l("只能与对方（学校与企业之间）预约洽谈。"))
    return (a, b) if a.side == "school" else (b, a)


def _insert(request):
    db.session.add(request)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise Conflict(_l("已经提出过该洽谈请求。")) from None


def request_meeting(event, target_id, *, priority, message="", by):
    """An approved participant asks to meet an approved participant of the other side."""
    if event.status not in lifecycle.REQUESTING:
        raise Conflict(_l("当前不能预约洽谈。"))
    if priority not in PRIORITIES:
        raise DomainError(_l("请选择优先级。"), field="priority")
    own = approved_registration(event, by.organisation_id)
    target = registration_of(event, target_id)
    if target is None or target.status != "approved":
        raise NotFound(_l("对方未报名或未通过审核。"))
    school, enterprise = _pair(own, target)
    if db.session.scalar(select(MeetingRequest.id).where(
            MeetingRequest.event_id == event.id, MeetingRequest.school_id == school.organisation_id,
            MeetingRequest.enterprise_id == enterprise.organisation_id, MeetingRequest.requested_by == own.side)):
        raise Conflict(_l("已经提出过该洽谈请求。"))
    request = MeetingRequest(event_id=event.id, school_id=school.organisation_id, enterprise_id=enterprise.organisation_id,
                             requested_by=own.side, priority=priority, message=(message or "").strip()[:500],
                             created_by_id=by.id)
    _insert(request)
    notify_organisation(target.organisation, "event_meeting_requested", link=url_for("events.requests", event_id=event.id),
                        obj=event, org=own.organisation.name, event=event.title)
    return request


def get_request(event, request_id):
    request = db.session.get(MeetingRequest, request_id)
    if request is None or request.event_id != event.id:
        raise NotFound(_l("洽谈请求不存在。"))
    return request


def respond(request, accept, *, by):
    """The asked side accepts or declines."""
    if request.target_id != by.organisation_id:
        raise NotFound(_l("洽谈请求不存在。"))
    if request.status != "pending":
        raise Conflict(_l("该洽谈请求已处理。"))
    request.status = "accepted" if accept else "declined"
    request.responded_at = utcnow()
    asker = request.school if request.requested_by == "school" else request.enterprise
    other = request.enterprise if request.requested_by == "school" else request.school
    kind = "event_meeting_request_accepted" if accept else "event_meeting_request_declined"
    event_id = request.event_id
    notify_organisation(asker, kind, link=url_for("events.requests", event_id=event_id), obj=request,
                        org=other.name)


def bureau_add(event, school_id, enterprise_id, *, by):
    """The bureau wants this meeting to happen: it counts like a mutual request."""
    if not by.is_bureau:
        raise Forbidden(_l("只有人社局可以安排洽谈。"))
    if event.status not in lifecycle.REQUESTING:
        raise Conflict(_l("当前不能安排洽谈。"))
    school, enterprise = registration_of(event, school_id), registration_of(event, enterprise_id)
    if school is None or enterprise is None or "approved" != school.status or "approved" != enterprise.status:
        raise NotFound(_l("对方未报名或未通过审核。"))
    school, enterprise = _pair(school, enterprise)
    request = MeetingRequest(event_id=event.id, school_id=school.organisation_id, enterprise_id=enterprise.organisation_id,
                             requested_by="bureau", priority="bureau", status="accepted", created_by_id=by.id,
                             responded_at=utcnow())
    _insert(request)
    record("event.add_meeting", user=by, obj=event, detail=f"{school.organisation.name} × {enterprise.organisation.name}")
    return request


def for_organisation(event, organisation_id):
    """(incoming requests, outgoing requests) of one organisation at the event."""
    rows = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id,
        (MeetingRequest.school_id == organisation_id) | (MeetingRequest.enterprise_id == organisation_id),
    ).order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())).all()
    incoming = [r for r in rows if r.target_id == organisation_id]
    outgoing = [r for r in rows if r.requester_id == organisation_id]
    return incoming, outgoing


def all_of(event):
    return list(db.session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id)
                                   .order_by(MeetingRequest.id)))

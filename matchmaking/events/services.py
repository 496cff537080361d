"""Event and registration actions. Each checks the actor, validates, writes and notifies;
the caller commits."""
import secrets

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..core.permissions import authorize
from ..core.timeutil import local_today, utcnow
from ..extensions import db
from ..notifications.services import notify_organisation
from ..organisations.models import Organisation
from . import lifecycle
from .models import DockingEvent, Registration
from .slots import derive_slots, event_slots, parse_hhmm

EVENT_FIELDS = ("title", "description", "cluster_codes", "venue", "date", "start_time", "end_time", "meeting_minutes",
                "breaks", "tables", "registration_opens", "registration_closes", "capacity_per_side")
TIMING_FIELDS = ("date", "start_time", "end_time", "meeting_minutes", "breaks")
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed by hand at the desk


def _require_bureau(user):
    if not user.is_bureau:
        raise Forbidden(_l("只有人社局可以管理对接活动。"))


def get_public(event_id):
    """A published (non-draft) event, else NotFound."""
    event = db.session.get(DockingEvent, event_id)
    if event is None or not event.is_public:
        raise NotFound(_l("活动不存在。"))
    return event


def get_for_bureau(event_id, user):
    _require_bureau(user)
    event = db.session.get(DockingEvent, event_id)
    if event is None:
        raise NotFound(_l("活动不存在。"))
    return event


def _check_event(data):
    """Business rules across fields; the form checks each field on its own."""
    if data["end_time"] <= data["start_time"]:
        raise DomainError(_l("结束时间必须晚于开始时间。"), field="end_time")
    for start, end in data["breaks"]:
        if parse_hhmm(end) <= parse_hhmm(start):
            raise DomainError(_l("休息结束时间必须晚于开始时间。"), field="break_end")
    if not derive_slots(data["start_time"], data["end_time"], data["meeting_minutes"], data["breaks"]):
        raise DomainError(_l("按当前时间安排排不出任何洽谈时段。"), field="meeting_minutes")
    if data["registration_closes"] < data["registration_opens"]:
        raise DomainError(_l("报名截止日期不能早于开始日期。"), field="registration_closes")
    if data["registration_closes"] > data["date"]:
        raise DomainError(_l("报名截止日期不能晚于活动日期。"), field="registration_closes")
    if not data["cluster_codes"]:
        raise DomainError(_l("请至少选择一个产业集群。"), field="cluster_codes")


def create_event(data, *, by):
    _require_bureau(by)
    _check_event(data)
    event = DockingEvent(created_by_id=by.id, **{k: data[k] for k in EVENT_FIELDS})
    db.session.add(event)
    db.session.flush()
    record("event.create", user=by, obj=event, detail=event.title)
    return event


def update_event(event, data, *, by):
    """Edit an event; once scheduled, the hours and tables change only through rescheduling."""
    _require_bureau(by)
    _check_event(data)
    if event.status in ("held", "reported"):
        raise Conflict(_l("已举办的活动不能再修改。"))
    scheduled = any(m.status != "cancelled" for m in event.meetings)
    if scheduled and any(getattr(event, key) != data[key] for key in TIMING_FIELDS):
        # Stored meetings refer to slot numbers; changing the grid under them would move them silently.
        raise Conflict(_l("已排程的活动不能修改日期和时间安排；如需调整，请取消时段或减少洽谈桌后重新排程。"))
    for key in EVENT_FIELDS:
        setattr(event, key, data[key])
    record("event.update", user=by, obj=event, detail=event.title)
    return event


def transition(event, action, *, by):
    _require_bureau(by)
    if action == "schedule":
        raise Conflict(_l("请使用自动排程按钮。"))
    event.status = lifecycle.target_of(event, action)
    record(f"event.{action}", user=by, obj=event, detail=event.title)
    return event


def needs_rescheduling(event):
    """True when the stored schedule no longer fits the event: someone left, a slot or table was
    removed, or an approved registrant has no meeting yet."""
    active = [m for m in event.meetings if m.status == "scheduled"]
    if event.status != "scheduled" or not active:
        return False
    approved = {r.organisation_id for r in event.registrations if r.status == "approved"}
    open_slots = {s.number for s in event_slots(event)}
    met = {m.school_id for m in active} | {m.enterprise_id for m in active}
    return any(m.school_id not in approved or m.enterprise_id not in approved or m.slot not in open_slots
               or m.table > event.tables for m in active) or bool(approved - met)


def remove_slot(event, number, *, by):
    """Take a slot out (e.g. the opening ceremony ran late); rescheduling moves its meetings."""
    _require_bureau(by)
    if number not in {s.number for s in event_slots(event)}:
        raise NotFound(_l("时段不存在。"))
    if any(m.slot == number and m.status in ("held", "no_show") for m in event.meetings):
        raise Conflict(_l("该时段已有洽谈登记了结果，不能取消。"))
    event.removed_slots = sorted(set(event.removed_slots or []) | {number})
    record("event.remove_slot", user=by, obj=event, detail=str(number))


# Registration -------------------------------------------------------------------------------------


def _side_count(event, side):
    return db.session.scalar(select(func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.side == side, Registration.status.in_(("pending", "approved"))))


def _new_code():
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        if db.session.scalar(select(Registration.id).where(Registration.checkin_code == code)) is None:
            return code


def clean_unavailable(event, numbers):
    valid = {s.number for s in event_slots(event, include_removed=True)}
    return sorted({int(n) for n in numbers or [] if int(n) in valid})


def registration_open_today(event):
    return event.registration_opens <= local_today() <= event.registration_closes


def register(event, *, attendees, unavailable, by):
    """A verified school or enterprise signs up while registration is open."""
    authorize(by, "event.register_as")
    organisation = by.organisation
    if not event.is_open or not registration_open_today(event):
        raise Conflict(_l("当前不在报名时间内。"))
    attendees = (attendees or "").strip()
    if not attendees:
        raise DomainError(_l("请填写参会人员。"), field="attendees")
    existing = db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.organisation_id == organisation.id))
    if existing is not None and existing.status == "rejected":
        raise Conflict(_l("本机构的报名未通过审核：%(reason)s", reason=existing.rejection_reason))
    if existing is not None and existing.status != "withdrawn":
        raise Conflict(_l("本机构已报名该活动。"))
    if _side_count(event, organisation.kind) >= event.capacity_per_side:
        raise Conflict(_l("该活动本方名额已满。"))
    registration = existing or Registration(event=event, organisation=organisation, side=organisation.kind,
                                            checkin_code=_new_code())
    registration.status, registration.rejection_reason, registration.decided_at = "pending", "", None
    registration.attendees = attendees[:2000]
    registration.unavailable_slots = clean_unavailable(event, unavailable)
    registration.registered_by_id = by.id
    db.session.add(registration)
    db.session.flush()
    return registration


def registration_of(event, organisation_id):
    return db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.organisation_id == organisation_id))


def update_registration(registration, *, attendees, unavailable, by):
    """Change who attends and when they cannot, until the event is held."""
    if registration.organisation_id != by.organisation_id:
        raise NotFound(_l("报名不存在。"))
    if registration.status not in ("pending", "approved") or registration.event.status in ("held", "reported"):
        raise Conflict(_l("当前不能修改报名信息。"))
    attendees = (attendees or "").strip()
    if not attendees:
        raise DomainError(_l("请填写参会人员。"), field="attendees")
    registration.attendees = attendees[:2000]
    registration.unavailable_slots = clean_unavailable(registration.event, unavailable)
    return registration


def withdraw(registration, *, by):
    """The organisation cancels; if it was scheduled, the bureau reschedules around it."""
    if registration.organisation_id != by.organisation_id:
        raise NotFound(_l("报名不存在。"))
    if registration.status not in ("pending", "approved") or registration.event.status in ("held", "reported"):
        raise Conflict(_l("当前不能退出该活动。"))
    if any(m.side_of(registration.organisation_id) and m.status in ("held", "no_show") for m in registration.event.meetings):
        raise Conflict(_l("本机构已有洽谈记录，不能退出该活动。"))
    registration.status = "withdrawn"
    registration.decided_at = utcnow()
    return registration


def _event_link(event):
    return url_for("events.detail", event_id=event.id)


def approve(registration, *, by):
    _require_bureau(by)
    event = registration.event
    if registration.status != "pending":
        raise Conflict(_l("该报名已处理。"))
    if event.status in ("held", "reported"):
        raise Conflict(_l("活动已举办，不能再审核报名。"))
    approved = db.session.scalar(select(func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.side == registration.side, Registration.status == "approved"))
    if approved >= event.capacity_per_side:
        raise Conflict(_l("该活动本方名额已满。"))
    registration.status, registration.decided_at = "approved", utcnow()
    record("event.approve_registration", user=by, obj=registration, detail=registration.organisation.name)
    notify_organisation(registration.organisation, "event_registration_approved", link=_event_link(event),
                        obj=event, event=event.title)


def reject(registration, reason, *, by):
    _require_bureau(by)
    if registration.status != "pending":
        raise Conflict(_l("该报名已处理。"))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("请填写驳回原因。"), field="reason")
    registration.status, registration.rejection_reason, registration.decided_at = "rejected", reason[:500], utcnow()
    record("event.reject_registration", user=by, obj=registration, detail=reason)
    notify_organisation(registration.organisation, "event_registration_rejected", link=_event_link(registration.event),
                        obj=registration.event, event=registration.event.title, reason=reason[:500])


def invite(event, organisation_ids, *, by):
    """Invite organisations: a notification linking to the event page. Returns how many."""
    _require_bureau(by)
    if event.status != "open":
        raise Conflict(_l("只有报名中的活动可以发送邀请。"))
    sent = 0
    for organisation in db.session.scalars(select(Organisation).where(
            Organisation.id.in_(organisation_ids), Organisation.status == "verified",
            Organisation.kind.in_(("school", "enterprise")))):
        notify_organisation(organisation, "event_invited", link=_event_link(event), obj=event, event=event.title)
        sent += 1
    record("event.invite", user=by, obj=event, detail=str(sent))
    return sent


def approved_registration(event, organisation_id):
    """The organisation's approved registration for the event, else Forbidden."""
    registration = registration_of(event, organisation_id)
    if registration is None or registration.status != "approved":
        raise Forbidden(_l("报名通过审核后才能使用此功能。"))
    return registration

"""On the day: check-in at the desk, meetings marked held or no-show, and their outcomes."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit.services import record
from ..core.errors import Conflict, DomainError, Forbidden, NotFound
from ..core.timeutil import utcnow
from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..pairings import services as pairings
from ..programmes.models import Programme
from . import lifecycle
from .models import Meeting, Registration


def check_in_by_code(event, code, *, by):
    """The desk types or scans the code from a participant's agenda."""
    if not by.is_bureau:
        raise Forbidden(_l("只有人社局可以办理签到。"))
    code = (code or "").strip().upper()
    registration = db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.checkin_code == code)) if code else None
    if registration is None:
        raise DomainError(_l("签到码无效。"), field="code")
    return check_in(registration, by=by)


def check_in(registration, *, by):
    if not by.is_bureau:
        raise Forbidden(_l("只有人社局可以办理签到。"))
    if registration.event.status not in lifecycle.ON_THE_DAY:
        raise Conflict(_l("活动排程后才能签到。"))
    if registration.status != "approved":
        raise Conflict(_l("该机构的报名未通过审核。"))
    if registration.checked_in_at is not None:
        raise Conflict(_l("%(org)s 已经签到。", org=registration.organisation.name))
    registration.checked_in_at = utcnow()
    record("event.check_in", user=by, obj=registration, detail=registration.organisation.name)
    return registration


def search(event, text):
    """Registrations whose organisation name contains `text`, for manual check-in."""
    text = (text or "").strip()
    if not text:
        return []
    return list(db.session.scalars(select(Registration).join(Organisation, Registration.organisation_id == Organisation.id)
                                   .where(Registration.event_id == event.id, Organisation.name.contains(text))
                                   .order_by(Organisation.name).limit(30)))


def get_meeting(event, meeting_id, user):
    """A meeting of the event the user's organisation is party to (the bureau sees all)."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id or not (user.is_bureau or meeting.side_of(user.organisation_id)):
        raise NotFound(_l("洽谈不存在。"))
    return meeting


def mark(meeting, status, *, by):
    """Either party or the bureau marks the meeting held or no-show (and may correct it)."""
    if status not in ("held", "no_show"):
        raise DomainError(_l("未知的操作。"))
    if meeting.event.status not in lifecycle.ON_THE_DAY:
        raise Conflict(_l("活动排程后才能登记洽谈情况。"))
    if meeting.status == "cancelled":
        raise Conflict(_l("该洽谈已取消。"))
    if meeting.pairing_id is not None and status != "held":
        raise Conflict(_l("该洽谈已产生对接意向，不能改为未到场。"))
    meeting.status, meeting.marked_by_id = status, by.id
    if status == "no_show":
        meeting.school_outcome = meeting.enterprise_outcome = ""


def record_outcome(meeting, outcome, *, by, own_item_id=None, counterpart_item_id=None, message=""):
    """After a held meeting a party records its intention; 继续洽谈 proposes a pairing between
    its own published item and the counterpart's (source "event"), linked to the meeting."""
    side = meeting.side_of(by.organisation_id)
    if side is None:
        raise Forbidden(_l("只有洽谈双方可以登记洽谈结果。"))
    if meeting.status != "held":
        raise Conflict(_l("请先将洽谈标记为已洽谈。"))
    if outcome not in ("continue", "no_interest"):
        raise DomainError(_l("请选择洽谈结果。"), field="outcome")
    if getattr(meeting, f"{side}_outcome"):
        raise Conflict(_l("本方已登记过洽谈结果。"))
    pairing = None
    if outcome == "continue":
        if not own_item_id or not counterpart_item_id:
            raise DomainError(_l("请选择双方的对接内容。"), field="own_item_id")
        need_id, programme_id = (counterpart_item_id, own_item_id) if side == "school" else (own_item_id, counterpart_item_id)
        counterpart = db.session.get(Programme if side == "enterprise" else Need, counterpart_item_id)
        if counterpart is None or counterpart.organisation_id != meeting.counterpart_of(by.organisation_id).id:
            raise NotFound(_l("需求或培训项目不存在。"))
        pairing = pairings.propose(need_id=need_id, programme_id=programme_id, by=by, source="event",
                                   message=message or str(_l("在对接活动“%(event)s”中洽谈后发起。", event=meeting.event.title)))
        if meeting.pairing_id is None:
            meeting.pairing_id = pairing.id
    setattr(meeting, f"{side}_outcome", outcome)
    meeting.marked_by_id = by.id
    return pairing

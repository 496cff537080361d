"""The bureau's "schedule" action: run the pure scheduler and store its meetings.

The first run uses schedule(); later runs (someone withdrew, a slot or table was
removed, a late registrant was approved) use reschedule(), so every meeting that is
still feasible stays where it was, and the parties of moved, dropped or new
meetings are notified."""
import uuid

from flask import url_for
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from .. import scheduler as sch
from ..audit.services import record
from ..core.errors import Conflict, Forbidden
from ..core.timeutil import utcnow
from ..extensions import db
from ..notifications.services import notify_organisation
from . import lifecycle
from .models import Meeting
from .planning import problem_for
from .slots import slot_times

REASON_LABELS = {
    sch.UNKNOWN_PARTICIPANT: _l("一方未报名或未通过审核"),
    sch.SAME_SIDE: _l("双方属于同一方"),
    sch.PARTICIPANT_UNAVAILABLE: _l("一方所有时段都不能参加"),
    sch.NO_COMMON_FREE_SLOT: _l("双方没有共同的空闲时段"),
    sch.PARTICIPANT_FULL: _l("一方的时段已排满"),
    sch.NO_TABLE_FREE: _l("共同空闲时段的洽谈桌已占满"),
    sch.SCHEDULE_CONFLICT: _l("双方空闲时段互相错开"),
    sch.PARTICIPANT_WITHDRAWN: _l("一方已退出活动"),
    sch.REQUEST_WITHDRAWN: _l("洽谈请求已不存在"),
}


def _place(meeting, event, slot, table):
    starts, ends = slot_times(event, slot)
    meeting.slot, meeting.table, meeting.starts_at, meeting.ends_at = slot, int(table), starts, ends


def _new_meeting(event, placed):
    meeting = Meeting(event=event, school_id=int(placed.school), enterprise_id=int(placed.enterprise), tier=int(placed.tier),
                      uid=f"{uuid.uuid4().hex}@events.yibin-matchmaking")
    _place(meeting, event, placed.slot, placed.table)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def _as_schedule(meetings):
    """The stored meetings as the scheduler's previous Schedule (only its meetings are read)."""
    return sch.Schedule(meetings=tuple(sch.Meeting(str(m.school_id), str(m.enterprise_id), m.slot, str(m.table), m.tier)
                                       for m in meetings), unplaced=(), stats=None)


def _notify(meeting, kind):
    link = url_for("events.agenda", event_id=meeting.event_id)
    when = format_datetime(meeting.starts_at, "HH:mm", rebase=False)
    for organisation, other in ((meeting.school, meeting.enterprise), (meeting.enterprise, meeting.school)):
        notify_organisation(organisation, kind, link=link, obj=meeting, event=meeting.event.title, org=other.name,
                            time=when, table=meeting.table)


def run(event, *, by):
    """Schedule (or reschedule) the event; returns counts for the flash message."""
    if not by.is_bureau:
        raise Forbidden(_l("只有人社局可以排程。"))
    target = lifecycle.target_of(event, "schedule")
    db.session.flush()
    problem = problem_for(event)
    if not problem.slots or not problem.tables:
        raise Conflict(_l("活动没有可用的时段或洽谈桌。"))
    active = [m for m in event.meetings if m.status != "cancelled"]
    counts = {"placed": 0, "moved": 0, "dropped": 0, "added": 0, "unplaced": 0}
    if not active:
        result = sch.schedule(problem)
        for placed in result.meetings:
            _notify(_new_meeting(event, placed), "event_meeting_scheduled")
    else:
        result, diff = sch.reschedule(_as_schedule(active), problem)
        stored = {(str(m.school_id), str(m.enterprise_id)): m for m in active}
        for move in diff.moved:
            meeting = stored[move.before.pair]
            if meeting.status != "scheduled":
                continue  # already happened; kept where it was
            _place(meeting, event, move.after.slot, move.after.table)
            meeting.sequence += 1
            _notify(meeting, "event_meeting_moved")
        for drop in diff.dropped:
            meeting = stored[drop.meeting.pair]
            if meeting.status != "scheduled":
                continue
            meeting.status, meeting.cancel_reason = "cancelled", drop.reason
            meeting.sequence += 1
            _notify(meeting, "event_meeting_dropped")
        for placed in diff.added:
            _notify(_new_meeting(event, placed), "event_meeting_scheduled")
        counts.update(moved=len(diff.moved), dropped=len(diff.dropped), added=len(diff.added))
    event.unplaced = [{"school": _school_of(u.request, problem), "enterprise": _enterprise_of(u.request, problem),
                       "reason": u.reason, "participant": int(u.participant) if u.participant else None}
                      for u in result.unplaced]
    counts.update(placed=len(result.meetings), unplaced=len(result.unplaced))
    event.status, event.scheduled_at = target, utcnow()
    db.session.flush()
    record("event.schedule", user=by, obj=event, detail=str(counts))
    return counts


def _sides(problem):
    return {p.id: p.side for p in problem.participants}


def _school_of(request, problem):
    sides = _sides(problem)
    return int(request.a if sides.get(request.a) == sch.SCHOOL else request.b)


def _enterprise_of(request, problem):
    sides = _sides(problem)
    return int(request.b if sides.get(request.a) == sch.SCHOOL else request.a)


"""The event state machine: draft → open → closed → scheduled → held → reported.

Illegal transitions raise Conflict with a message saying why."""
from flask_babel import lazy_gettext as _l

from ..core.errors import Conflict

#: action → (states it may start from, resulting state). "schedule" is done by the scheduling service.
TRANSITIONS = {
    "open": ({"draft", "closed", "scheduled"}, "open"),
    "close": ({"open"}, "closed"),
    "schedule": ({"closed", "scheduled"}, "scheduled"),
    "hold": ({"scheduled"}, "held"),
    "report": ({"held"}, "reported"),
}

ACTION_LABELS = {
    "open": _l("开放报名"),
    "close": _l("截止报名"),
    "schedule": _l("自动排程"),
    "hold": _l("标记为已举办"),
    "report": _l("完成总结"),
}

REFUSALS = {
    "open": _l("只有草稿、报名截止或已排程的活动可以开放报名。"),
    "close": _l("只有报名中的活动可以截止报名。"),
    "schedule": _l("请先截止报名，再进行排程。"),
    "hold": _l("只有已排程的活动可以标记为已举办。"),
    "report": _l("只有已举办的活动可以完成总结。"),
}

#: States in which the day's work (check-in, marking meetings, outcomes) is possible.
ON_THE_DAY = {"scheduled", "held"}
#: States in which approved participants may still ask for meetings.
REQUESTING = {"open", "closed", "scheduled"}


def target_of(event, action):
    """The state `action` leads to from the event's current state, or raise Conflict."""
    if action not in TRANSITIONS:
        raise Conflict(_l("未知的操作。"))
    sources, target = TRANSITIONS[action]
    if event.status not in sources:
        raise Conflict(REFUSALS[action])
    return target


def allowed(event):
    """Actions the bureau may take next (scheduling has its own button)."""
    return [a for a, (sources, _) in TRANSITIONS.items() if event.status in sources and a != "schedule"]


#: Event states after the day: nothing about registrations changes any more.
FINISHED = frozenset({"held", "reported"})
#: Registration states that hold a place (the organisation may update or withdraw it).
HOLDING_PLACE = frozenset({"pending", "approved"})


def may_apply(event, action):
    """True when `action` (including "schedule") is legal from the event's current state."""
    return action in TRANSITIONS and event.status in TRANSITIONS[action][0]

"""Pure 1:1 meeting scheduler for docking events (对接活动).

Plain data in, plain data out: no Flask, no database, no I/O, deterministic.
The web layer builds a :class:`Problem` from an event's registrations, requests
and recommendations, calls :func:`schedule` (or :func:`reschedule` after a
change) and renders or notifies from the returned :class:`Schedule` and
:class:`Diff`. See ``docs/scheduler.md`` for the model and the evidence of
optimality.
"""

from .engine import reschedule, schedule
from .validate import validate
from .model import (
    COUNT_LEVELS,
    ENTERPRISE,
    NO_COMMON_FREE_SLOT,
    NO_TABLE_FREE,
    OBJECTIVE_LEVELS,
    PARTICIPANT_FULL,
    PARTICIPANT_UNAVAILABLE,
    PARTICIPANT_WITHDRAWN,
    REASONS,
    REQUEST_WITHDRAWN,
    SAME_SIDE,
    SCHEDULE_CONFLICT,
    SCHOOL,
    UNKNOWN_PARTICIPANT,
    Diff,
    Dropped,
    Meeting,
    MeetingRequest,
    Move,
    Participant,
    Problem,
    Recommendation,
    Schedule,
    Stats,
    Tier,
    Unplaced,
)

__all__ = [
    "schedule",
    "reschedule",
    "validate",
    "Participant",
    "MeetingRequest",
    "Recommendation",
    "Problem",
    "Meeting",
    "Unplaced",
    "Stats",
    "Schedule",
    "Move",
    "Dropped",
    "Diff",
    "Tier",
    "OBJECTIVE_LEVELS",
    "COUNT_LEVELS",
    "SCHOOL",
    "ENTERPRISE",
    "REASONS",
    "UNKNOWN_PARTICIPANT",
    "SAME_SIDE",
    "PARTICIPANT_UNAVAILABLE",
    "NO_COMMON_FREE_SLOT",
    "PARTICIPANT_FULL",
    "NO_TABLE_FREE",
    "SCHEDULE_CONFLICT",
    "PARTICIPANT_WITHDRAWN",
    "REQUEST_WITHDRAWN",
]

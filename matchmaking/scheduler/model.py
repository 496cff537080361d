"""Plain data for the meeting scheduler: what goes in and what comes out.

Everything is a frozen dataclass of strings, ints and tuples, so the web layer
can build a problem from its models, cache a schedule, or compare two of them
without the scheduler knowing anything about the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

SCHOOL = "school"
ENTERPRISE = "enterprise"
SIDES = (SCHOOL, ENTERPRISE)


class Tier(IntEnum):
    """Priority of a meeting; a lower tier always wins over any number of higher ones."""

    MUTUAL = 0  # both sides asked for it, or the bureau did
    MUST = 1  # accepted one-sided request, marked "must meet"
    WANT = 2
    NICE = 3
    RECOMMENDED = 4  # nobody asked; the recommender scores the pair highly


REQUEST_TIERS = (Tier.MUTUAL, Tier.MUST, Tier.WANT, Tier.NICE)

# The lexicographic objective, most important first; Stats.objective follows it.
OBJECTIVE_LEVELS = (
    "previous_retained",  # rescheduling: previously scheduled meetings still in the schedule
    "tier0",
    "tier1",
    "tier2",
    "tier3",
    "recommended",
    "previous_same_slot",  # rescheduling: displaced meetings that only changed table
    "weight",  # sum of request weights and recommendation scores, in thousandths
    "spread",  # minus the number of back-to-back meeting pairs
)
COUNT_LEVELS = 6  # the leading levels that count meetings (what the flow bound certifies)

# Why a request (or a previously scheduled meeting) is not in the schedule.
UNKNOWN_PARTICIPANT = "unknown_participant"  # an id that is not registered for the event
SAME_SIDE = "same_side"  # two schools, two enterprises, or someone meeting themself
PARTICIPANT_UNAVAILABLE = "participant_unavailable"  # one side is unavailable in every slot
NO_COMMON_FREE_SLOT = "no_common_free_slot"  # both come, but never at the same time
PARTICIPANT_FULL = "participant_full"  # one side's free slots (or meeting cap) are used up
NO_TABLE_FREE = "no_table_free"  # both are free together only in slots whose tables are taken
SCHEDULE_CONFLICT = "schedule_conflict"  # whenever one is free the other is in a meeting
PARTICIPANT_WITHDRAWN = "participant_withdrawn"  # rescheduling: a participant left the event
REQUEST_WITHDRAWN = "request_withdrawn"  # rescheduling: nobody asks for this pair any more
REASONS = (
    UNKNOWN_PARTICIPANT,
    SAME_SIDE,
    PARTICIPANT_UNAVAILABLE,
    NO_COMMON_FREE_SLOT,
    PARTICIPANT_FULL,
    NO_TABLE_FREE,
    SCHEDULE_CONFLICT,
    PARTICIPANT_WITHDRAWN,
    REQUEST_WITHDRAWN,
)


def _check_weight(value: float, name: str) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value!r}")


@dataclass(frozen=True)
class Participant:
    """A school or an enterprise registered for the event."""

    id: str
    side: str
    unavailable: frozenset[int] = frozenset()  # slot numbers the participant cannot attend
    max_meetings: int | None = None  # personal cap, on top of the event-wide one

    def __post_init__(self):
        if self.side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, got {self.side!r}")
        object.__setattr__(self, "unavailable", frozenset(self.unavailable))
        if self.max_meetings is not None and self.max_meetings < 0:
            raise ValueError("max_meetings must be >= 0")


@dataclass(frozen=True)
class MeetingRequest:
    """A wish that ``a`` and ``b`` meet; the order of the two ids does not matter."""

    a: str
    b: str
    tier: int = Tier.WANT
    weight: float = 0.0  # priority within the tier, in [0, 1]

    def __post_init__(self):
        if self.tier not in REQUEST_TIERS:
            raise ValueError(f"request tier must be 0..3, got {self.tier!r}")
        _check_weight(self.weight, "weight")


@dataclass(frozen=True)
class Recommendation:
    """A pair nobody asked for that the recommender scores highly; fills free tables."""

    a: str
    b: str
    score: float

    def __post_init__(self):
        _check_weight(self.score, "score")


@dataclass(frozen=True)
class Problem:
    """One docking event: its time slots, tables, participants and wishes.

    ``slots`` are slot numbers in time order. Two slots are back to back when
    their numbers are consecutive, so a break is expressed by a gap (…, 5, 7, …).
    """

    slots: tuple[int, ...]
    tables: tuple[str, ...]
    participants: tuple[Participant, ...]
    requests: tuple[MeetingRequest, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    max_meetings_per_participant: int | None = None

    def __post_init__(self):
        for name in ("slots", "tables", "participants", "requests", "recommendations"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if any(b <= a for a, b in zip(self.slots, self.slots[1:])):
            raise ValueError("slots must be strictly increasing")
        if len(set(self.tables)) != len(self.tables):
            raise ValueError("table names must be unique")
        ids = [p.id for p in self.participants]
        if len(set(ids)) != len(ids):
            raise ValueError("participant ids must be unique")
        if self.max_meetings_per_participant is not None and self.max_meetings_per_participant < 0:
            raise ValueError("max_meetings_per_participant must be >= 0")


@dataclass(frozen=True)
class Meeting:
    """One scheduled 1:1 meeting at a table in a slot."""

    school: str
    enterprise: str
    slot: int
    table: str
    tier: int
    weight: float = 0.0  # the request's weight or the recommendation's score

    @property
    def pair(self) -> tuple[str, str]:
        return (self.school, self.enterprise)

    @property
    def place(self) -> tuple[int, str]:
        return (self.slot, self.table)


@dataclass(frozen=True)
class Unplaced:
    """A request that is not in the schedule, with the reason and, when one side is the
    bottleneck, which participant it is."""

    request: MeetingRequest
    reason: str
    participant: str | None = None


@dataclass(frozen=True)
class Stats:
    """Counts per request tier (index = tier 0..3) and how close the schedule is to optimal.

    ``upper_bound[k]`` bounds the number of requests of tier <= k that *any* valid
    schedule can place. ``lexicographic_bound`` is the best (previous meetings
    retained, tier 0, …, tier 3, recommended) vector of a relaxation: no schedule
    beats it lexicographically, so reaching it proves the counts optimal at every
    level, and ``weight_bound`` then bounds the weight level the same way.
    ``objective`` is the full lexicographic vector the solver maximises
    (``OBJECTIVE_LEVELS``); ``proven_levels`` says how many of its leading levels
    are proven optimal (by CP-SAT or by reaching the bounds).
    """

    requested: tuple[int, ...]
    placed: tuple[int, ...]
    upper_bound: tuple[int, ...]
    lexicographic_bound: tuple[int, ...] | None
    weight_bound: int | None  # on the weight level, when the counts reach their bound
    recommended_placed: int
    back_to_back: int
    objective: tuple[int, ...]
    method: str  # "exact" (CP-SAT), "heuristic", or "heuristic+cp-sat" (polished)
    proven_levels: int

    @property
    def counts(self) -> tuple[int, ...]:
        """(previous retained, tier 0, …, tier 3, recommended): comparable with the bound."""
        return self.objective[:COUNT_LEVELS]

    @property
    def counts_proven_optimal(self) -> bool:
        """No valid schedule places lexicographically more meetings."""
        return self.proven_levels >= COUNT_LEVELS

    @property
    def proven_optimal(self) -> bool:
        """Every level, down to the spread, is proven optimal."""
        return self.proven_levels == len(OBJECTIVE_LEVELS)

    @property
    def share_of_bound(self) -> float:
        """Placed requests over the upper bound on placeable requests (1.0 = optimal count)."""
        bound = self.upper_bound[-1] if self.upper_bound else 0
        return 1.0 if bound == 0 else sum(self.placed) / bound

    @property
    def bound_gaps(self) -> tuple[int, ...]:
        """For each k, bound minus placed requests of tier <= k."""
        out, total = [], 0
        for k, bound in enumerate(self.upper_bound):
            total += self.placed[k]
            out.append(bound - total)
        return tuple(out)


@dataclass(frozen=True)
class Schedule:
    """The scheduler's answer: meetings sorted by slot then table, and what was left out."""

    meetings: tuple[Meeting, ...]
    unplaced: tuple[Unplaced, ...]
    stats: Stats

    def for_participant(self, participant_id: str) -> tuple[Meeting, ...]:
        """One participant's agenda in time order."""
        return tuple(m for m in self.meetings if participant_id in m.pair)


@dataclass(frozen=True)
class Move:
    before: Meeting
    after: Meeting


@dataclass(frozen=True)
class Dropped:
    meeting: Meeting
    reason: str
    participant: str | None = None


@dataclass(frozen=True)
class Diff:
    """What rescheduling changed. Every previous meeting is in exactly one of
    ``kept``, ``moved`` or ``dropped``; ``added`` are meetings that are new."""

    kept: tuple[Meeting, ...] = ()
    moved: tuple[Move, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    added: tuple[Meeting, ...] = ()

    def participants_to_notify(self) -> tuple[str, ...]:
        """Everyone whose agenda changed: a meeting moved, dropped or added."""
        ids: set[str] = set()
        for move in self.moved:
            ids.update(move.before.pair)
        for drop in self.dropped:
            ids.update(drop.meeting.pair)
        for meeting in self.added:
            ids.update(meeting.pair)
        return tuple(sorted(ids))

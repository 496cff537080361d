"""Test helpers written independently of the scheduler's internals: a validity and
accounting check, the objective recomputed from the output, a brute-force optimum,
and hypothesis strategies for random events."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import strategies as st

from matchmaking.scheduler import (
    NO_COMMON_FREE_SLOT,
    NO_TABLE_FREE,
    PARTICIPANT_FULL,
    PARTICIPANT_UNAVAILABLE,
    REASONS,
    SAME_SIDE,
    SCHEDULE_CONFLICT,
    UNKNOWN_PARTICIPANT,
    MeetingRequest,
    Participant,
    Problem,
    Recommendation,
)


def cap_of(problem, pid):
    person = next(p for p in problem.participants if p.id == pid)
    caps = [len(problem.slots), problem.max_meetings_per_participant, person.max_meetings]
    return min(c for c in caps if c is not None)


def free_slots(problem, pid):
    person = next(p for p in problem.participants if p.id == pid)
    return [s for s in problem.slots if s not in person.unavailable]


def check_schedule(problem: Problem, schedule, previous=None) -> None:
    """Assert every hard rule, the accounting of requests, and the unplaced reasons
    (``previous``: when rescheduling, its recommended meetings may stay)."""
    people = {p.id: p for p in problem.participants}
    busy = Counter()
    places = Counter()
    count = Counter()
    for m in schedule.meetings:
        assert people[m.school].side == "school" and people[m.enterprise].side == "enterprise"
        assert m.slot in problem.slots and m.table in problem.tables
        assert m.slot not in people[m.school].unavailable, m
        assert m.slot not in people[m.enterprise].unavailable, m
        busy[m.school, m.slot] += 1
        busy[m.enterprise, m.slot] += 1
        places[m.place] += 1
        count[m.school] += 1
        count[m.enterprise] += 1
    assert max(busy.values(), default=0) <= 1, "someone is in two meetings at once"
    assert max(places.values(), default=0) <= 1, "a table holds two meetings in one slot"
    for pid, n in count.items():
        assert n <= cap_of(problem, pid)
    pairs = [frozenset(m.pair) for m in schedule.meetings]
    assert len(pairs) == len(set(pairs)), "a pair meets twice"
    wanted = {frozenset((r.a, r.b)) for r in problem.requests + problem.recommendations}
    if previous is not None:
        wanted |= {frozenset(m.pair) for m in previous.meetings if m.tier == 4}
    assert set(pairs) <= wanted

    # every request is either met or reported, never both
    placed = set(pairs)
    reported = Counter(id(u.request) for u in schedule.unplaced)
    for req in problem.requests:
        met = frozenset((req.a, req.b)) in placed
        assert met + reported[id(req)] == 1, req
    for u in schedule.unplaced:
        assert u.reason in REASONS
        _check_reason(problem, schedule, u, busy, count, places)

    # maximal: nothing wanted that still fits was left out
    full = {s for s in problem.slots if sum(places[s, t] for t in problem.tables) >= len(problem.tables)}
    for pair in wanted - placed:
        if len(pair) != 2:
            continue  # someone asked to meet themself
        a, b = tuple(pair)
        if a not in people or b not in people or people[a].side == people[b].side:
            continue
        if count[a] >= cap_of(problem, a) or count[b] >= cap_of(problem, b):
            continue
        room = [
            s
            for s in set(free_slots(problem, a)) & set(free_slots(problem, b))
            if not busy[a, s] and not busy[b, s] and s not in full
        ]
        assert not room, f"{a}–{b} fits in slot {room[0]} but was left out"


def _check_reason(problem, schedule, u, busy, count, places):
    people = {p.id: p for p in problem.participants}
    a, b = u.request.a, u.request.b
    if u.reason == UNKNOWN_PARTICIPANT:
        assert u.participant in (a, b) and u.participant not in people
        return
    assert a in people and b in people
    if u.reason == SAME_SIDE:
        assert people[a].side == people[b].side
        return
    assert people[a].side != people[b].side
    common = set(free_slots(problem, a)) & set(free_slots(problem, b))
    if u.reason == PARTICIPANT_UNAVAILABLE:
        assert u.participant in (a, b) and not free_slots(problem, u.participant)
    elif u.reason == NO_COMMON_FREE_SLOT:
        assert not common and free_slots(problem, a) and free_slots(problem, b)
    elif u.reason == PARTICIPANT_FULL:
        v = u.participant
        assert v in (a, b)
        assert count[v] >= cap_of(problem, v) or all(busy[v, s] for s in free_slots(problem, v))
    elif u.reason == NO_TABLE_FREE:
        both_free = [s for s in common if not busy[a, s] and not busy[b, s]]
        assert both_free
        assert all(sum(places[s, t] for t in problem.tables) == len(problem.tables) for s in both_free)
    elif u.reason == SCHEDULE_CONFLICT:
        assert common and all(busy[a, s] or busy[b, s] for s in common)


def objective_of(problem: Problem, meetings) -> tuple[int, ...]:
    """The documented lexicographic objective, recomputed from a plain schedule."""
    tiers = [0] * 5
    weight = 0
    slots_of = {}
    for m in meetings:
        tiers[m.tier] += 1
        weight += round(m.weight * 1000)
        for pid in m.pair:
            slots_of.setdefault(pid, set()).add(m.slot)
    back_to_back = sum(1 for slots in slots_of.values() for s in slots if s + 1 in slots)
    return (0, *tiers, 0, weight, -back_to_back)


def brute_force_optimum(problem: Problem) -> tuple[int, ...]:
    """Best objective over every assignment of a slot (or none) to each wanted pair."""
    people = {p.id: p for p in problem.participants}
    best: dict[frozenset, tuple] = {}
    for r in problem.requests:
        if r.a in people and r.b in people and people[r.a].side != people[r.b].side:
            key = frozenset((r.a, r.b))
            best[key] = min(best.get(key, (9, 0)), (r.tier, -r.weight))
    for r in problem.recommendations:
        key = frozenset((r.a, r.b))
        if key not in best or best[key][0] == 4:
            best[key] = min(best.get(key, (9, 0)), (4, -r.score))
    cands = []
    for key, (tier, neg_weight) in sorted(best.items(), key=lambda kv: sorted(kv[0])):
        a, b = sorted(key, key=lambda pid: people[pid].side != "school")
        options = [None] + sorted(set(free_slots(problem, a)) & set(free_slots(problem, b)))
        cands.append((a, b, tier, -neg_weight, options))
    top = None

    class M:  # a stand-in meeting with the fields objective_of reads
        def __init__(self, a, b, slot, tier, weight):
            self.pair, self.slot, self.tier, self.weight = (a, b), slot, tier, weight

    for choice in itertools.product(*(c[4] for c in cands)):
        busy, per_slot, count, meetings = set(), Counter(), Counter(), []
        ok = True
        for (a, b, tier, weight, _), s in zip(cands, choice):
            if s is None:
                continue
            if (a, s) in busy or (b, s) in busy:
                ok = False
                break
            busy |= {(a, s), (b, s)}
            per_slot[s] += 1
            count[a] += 1
            count[b] += 1
            meetings.append(M(a, b, s, tier, weight))
        if not ok or any(n > len(problem.tables) for n in per_slot.values()):
            continue
        if any(n > cap_of(problem, pid) for pid, n in count.items()):
            continue
        value = objective_of(problem, meetings)
        if top is None or value > top:
            top = value
    return top


WEIGHTS = st.sampled_from([0.0, 0.25, 0.5, 1.0])


@st.composite
def problems(draw, max_side=4, max_slots=5, max_tables=3, max_requests=14, invalid=True):
    """A random small event, occasionally with unknown ids and same-side requests."""
    n_schools = draw(st.integers(1, max_side))
    n_enterprises = draw(st.integers(1, max_side))
    slots = sorted(draw(st.sets(st.integers(0, max_slots + 1), min_size=1, max_size=max_slots)))
    tables = [f"T{i}" for i in range(draw(st.integers(1, max_tables)))]
    schools = [f"S{i}" for i in range(n_schools)]
    enterprises = [f"E{i}" for i in range(n_enterprises)]
    participants = []
    for pid in schools + enterprises:
        away = draw(st.sets(st.sampled_from(slots), max_size=len(slots)))
        cap = draw(st.one_of(st.none(), st.integers(0, 3)))
        participants.append(Participant(pid, "school" if pid[0] == "S" else "enterprise", frozenset(away), cap))
    ids = schools + enterprises + (["X9"] if invalid else [])
    requests = []
    for _ in range(draw(st.integers(0, max_requests))):
        if invalid and draw(st.integers(0, 9)) == 0:
            a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        else:
            a, b = draw(st.sampled_from(schools)), draw(st.sampled_from(enterprises))
            if draw(st.booleans()):
                a, b = b, a
        requests.append(MeetingRequest(a, b, draw(st.integers(0, 3)), draw(WEIGHTS)))
    recommendations = [
        Recommendation(draw(st.sampled_from(schools)), draw(st.sampled_from(enterprises)), draw(WEIGHTS))
        for _ in range(draw(st.integers(0, 4)))
    ]
    event_cap = draw(st.one_of(st.none(), st.integers(1, 4)))
    return Problem(slots, tables, participants, requests, recommendations, event_cap)

"""Turn a Problem (and, when rescheduling, the previous schedule) into indexed data.

The solvers work on small integers and bit masks (bit i = the i-th slot of the
problem) because that is what makes the 300-participant benchmark fast in pure
Python; this module is the only place that knows about ids and dataclasses on the
way in. It also fixes the objective, so the heuristic, the exact solver and the
tests all measure a schedule the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import (
    PARTICIPANT_WITHDRAWN,
    REQUEST_WITHDRAWN,
    SAME_SIDE,
    SCHOOL,
    UNKNOWN_PARTICIPANT,
    Dropped,
    Meeting,
    MeetingRequest,
    Problem,
    Tier,
    Unplaced,
)

WEIGHT_SCALE = 1000  # weights and scores are compared in thousandths
FILLER = int(Tier.RECOMMENDED)


@dataclass
class Cand:
    """A pair that may meet: merged requests for it, or a recommendation."""

    a: int  # school index
    b: int  # enterprise index
    tier: int  # 0..3 request, 4 recommendation
    weight: int  # 0..WEIGHT_SCALE
    raw_weight: float
    requests: tuple[MeetingRequest, ...] = ()
    prev: Meeting | None = None  # rescheduling: was scheduled before and must be re-placed
    old_slot: int = -1  # position of prev's slot in the new problem, -1 if gone
    fixed_slot: int = -1  # rescheduling: kept exactly where it was
    fixed_table: str | None = None
    kept: Meeting | None = None


@dataclass
class Instance:
    slots: tuple[int, ...]
    tables: tuple[str, ...]
    ids: list[str]
    sides: list[str]
    avail: list[int]  # bit mask of slots each participant can attend
    limit: list[int]  # most meetings each participant may have
    cands: list[Cand]
    adjacent_mask: int  # bit i set when slot i and slot i + 1 are back to back
    requested: tuple[int, ...]  # requested pairs per (best) tier, valid or not
    rejected: list[Unplaced] = field(default_factory=list)  # invalid requests
    dropped: list[Dropped] = field(default_factory=list)  # previous meetings with no pair left

    @property
    def n_slots(self) -> int:
        return len(self.slots)

    @property
    def capacity(self) -> int:
        return len(self.tables)


def build_instance(problem: Problem, previous: tuple[Meeting, ...] = ()) -> Instance:
    """Index the problem, merge duplicate requests and classify previous meetings."""
    slots = problem.slots
    n_slots = len(slots)
    pos = {s: i for i, s in enumerate(slots)}
    everything = (1 << n_slots) - 1
    # Sorted by id so that the answer does not depend on the order of the input.
    participants = sorted(problem.participants, key=lambda p: p.id)
    ids = [p.id for p in participants]
    index = {pid: i for i, pid in enumerate(ids)}
    side = [p.side for p in participants]
    avail, limit = [], []
    for p in participants:
        blocked = sum(1 << pos[s] for s in p.unavailable if s in pos)
        avail.append(everything & ~blocked)
        caps = [n_slots, p.max_meetings, problem.max_meetings_per_participant]
        limit.append(min(c for c in caps if c is not None))

    rejected: list[Unplaced] = []
    by_pair: dict[tuple[int, int], Cand] = {}
    for req in problem.requests:
        key, problem_reason, who = _pair_key(req.a, req.b, index, side)
        if key is None:
            rejected.append(Unplaced(req, problem_reason, who))
            continue
        cand = by_pair.get(key)
        if cand is None:
            by_pair[key] = Cand(key[0], key[1], int(req.tier), _scaled(req.weight), req.weight, (req,))
        else:
            cand.requests += (req,)
            if (req.tier, -req.weight) < (cand.tier, -cand.raw_weight):
                cand.tier, cand.weight, cand.raw_weight = int(req.tier), _scaled(req.weight), req.weight
    for rec in problem.recommendations:
        key, _, _ = _pair_key(rec.a, rec.b, index, side)
        if key is None:
            continue  # a stale recommendation is not anybody's wish; nothing to report
        cand = by_pair.get(key)
        if cand is None:
            by_pair[key] = Cand(key[0], key[1], FILLER, _scaled(rec.score), rec.score)
        elif cand.tier == FILLER and rec.score > cand.raw_weight:
            cand.weight, cand.raw_weight = _scaled(rec.score), rec.score

    cands = [by_pair[k] for k in sorted(by_pair, key=lambda k: (ids[k[0]], ids[k[1]]))]
    # A pair asked for twice (two one-sided requests) is one meeting: count pairs.
    requested = [0, 0, 0, 0]
    for item in [c.tier for c in cands if c.tier < FILLER] + [u.request.tier for u in rejected]:
        requested[item] += 1
    adjacent_mask = sum(1 << i for i in range(n_slots - 1) if slots[i + 1] == slots[i] + 1)
    inst = Instance(
        slots=slots,
        tables=problem.tables,
        ids=ids,
        sides=side,
        avail=avail,
        limit=limit,
        cands=cands,
        adjacent_mask=adjacent_mask,
        requested=tuple(requested),
        rejected=rejected,
    )
    if previous:
        _classify_previous(inst, previous, index, by_pair, pos)
        inst.cands.sort(key=lambda c: (ids[c.a], ids[c.b]))
    return inst


def _scaled(weight: float) -> int:
    return int(round(weight * WEIGHT_SCALE))


def _pair_key(a, b, index, side):
    """(school index, enterprise index), or None with the reason and the culprit."""
    for pid in (a, b):
        if pid not in index:
            return None, UNKNOWN_PARTICIPANT, pid
    ia, ib = index[a], index[b]
    if ia == ib or side[ia] == side[ib]:
        return None, SAME_SIDE, None
    return ((ia, ib) if side[ia] == SCHOOL else (ib, ia)), None, None


def _classify_previous(inst, previous, index, by_pair, pos):
    """Keep every previous meeting that is still feasible where it was; mark the rest
    as displaced so the solver re-places them first, or record why they are gone."""
    tables = set(inst.tables)
    taken_place: set[tuple[int, str]] = set()
    busy: dict[int, int] = {}
    count: dict[int, int] = {}
    seen: set[tuple[int, int]] = set()
    # Higher-priority meetings claim their place first, so when a cap shrank the
    # lowest-priority meetings are the ones that move.
    order = sorted(previous, key=lambda m: (_prev_rank(m, index, by_pair), m.slot, m.table, m.pair))
    for meeting in order:
        missing = next((pid for pid in meeting.pair if pid not in index), None)
        if missing is not None:
            inst.dropped.append(Dropped(meeting, PARTICIPANT_WITHDRAWN, missing))
            continue
        key = (index[meeting.school], index[meeting.enterprise])
        cand = by_pair.get(key)
        if cand is None and meeting.tier == FILLER and inst.sides[key[0]] == SCHOOL != inst.sides[key[1]]:
            # Recommendations are recomputed between runs; an announced meeting should not
            # vanish because a score moved, so it stays a candidate at its old score.
            cand = by_pair[key] = Cand(key[0], key[1], FILLER, _scaled(meeting.weight), meeting.weight)
            inst.cands.append(cand)
        if cand is None or key in seen:
            inst.dropped.append(Dropped(meeting, REQUEST_WITHDRAWN, None))
            continue
        seen.add(key)
        a, b = key
        i = pos.get(meeting.slot, -1)
        bit = 1 << i if i >= 0 else 0
        feasible = (
            i >= 0
            and meeting.table in tables
            and (meeting.slot, meeting.table) not in taken_place
            and inst.avail[a] & inst.avail[b] & bit
            and not (busy.get(a, 0) | busy.get(b, 0)) & bit
            and count.get(a, 0) < inst.limit[a]
            and count.get(b, 0) < inst.limit[b]
        )
        if feasible:
            cand.fixed_slot, cand.fixed_table, cand.kept = i, meeting.table, meeting
            taken_place.add((meeting.slot, meeting.table))
            for v in key:
                busy[v] = busy.get(v, 0) | bit
                count[v] = count.get(v, 0) + 1
        else:
            cand.prev, cand.old_slot = meeting, i


def _prev_rank(meeting, index, by_pair):
    if meeting.school in index and meeting.enterprise in index:
        cand = by_pair.get((index[meeting.school], index[meeting.enterprise]))
        if cand is not None:
            return (cand.tier, -cand.weight)
    return (99, 0)


# --- the objective -----------------------------------------------------------------

def objective(inst: Instance, slot_of: list[int]) -> tuple[int, ...]:
    """The lexicographic vector every solver maximises, for a slot per candidate (-1 = out)."""
    retained = same_slot = weight = 0
    tiers = [0] * 5
    busy = [0] * len(inst.ids)
    for cand, s in zip(inst.cands, slot_of):
        if s < 0:
            continue
        tiers[cand.tier] += 1
        weight += cand.weight
        if cand.prev is not None:
            retained += 1
            same_slot += s == cand.old_slot
        busy[cand.a] |= 1 << s
        busy[cand.b] |= 1 << s
    return (retained, *tiers, same_slot, weight, -back_to_back(busy, inst.adjacent_mask))


def back_to_back(busy: list[int], adjacent_mask: int) -> int:
    """Pairs of back-to-back meetings summed over participants: what spreading minimises."""
    return sum((m & (m >> 1) & adjacent_mask).bit_count() for m in busy)


def placed_value(inst: Instance) -> list[int]:
    """One integer per candidate whose sums order sets of meetings exactly like the
    objective's levels above spread and same-slot (lexicographic via big multipliers)."""
    per_tier = [sum(c.tier == t for c in inst.cands) for t in range(5)]
    tier_unit = [0] * 5
    unit = WEIGHT_SCALE * len(inst.cands) + 1
    for t in range(4, -1, -1):
        tier_unit[t] = unit
        unit *= per_tier[t] + 1
    prev_unit = unit
    return [(prev_unit if c.prev is not None else 0) + tier_unit[c.tier] + c.weight for c in inst.cands]

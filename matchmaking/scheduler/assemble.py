"""From a slot per candidate back to plain data: tables, reasons, statistics.

Tables are interchangeable for feasibility, so they are handed out last, in a
way that spares people walking: a participant who just had a meeting keeps that
table when it is free (the enterprise first, since it usually brings material).
"""

from __future__ import annotations

from .model import (
    NO_COMMON_FREE_SLOT,
    NO_TABLE_FREE,
    PARTICIPANT_FULL,
    PARTICIPANT_UNAVAILABLE,
    SCHEDULE_CONFLICT,
    Meeting,
    Schedule,
    Stats,
    Unplaced,
)
from .prepare import FILLER, Instance, objective


def assign_tables(inst: Instance, slot_of: list[int]) -> dict[int, str]:
    """A table for every placed candidate; kept meetings keep theirs."""
    table_of: dict[int, str] = {}
    by_slot: list[list[int]] = [[] for _ in inst.slots]
    taken: list[set[str]] = [set() for _ in inst.slots]
    for i, (cand, s) in enumerate(zip(inst.cands, slot_of)):
        if s < 0:
            continue
        if cand.fixed_slot >= 0:
            table_of[i] = cand.fixed_table
            taken[s].add(cand.fixed_table)
        by_slot[s].append(i)
    last_table: dict[int, str] = {}
    for s, here in enumerate(by_slot):
        todo = sorted(
            (i for i in here if i not in table_of),
            key=lambda i: (inst.ids[inst.cands[i].b], inst.ids[inst.cands[i].a]),
        )
        free = [t for t in inst.tables if t not in taken[s]]
        free_set = set(free)
        rest = []
        for i in todo:
            cand = inst.cands[i]
            wishes = [cand.prev.table] if cand.prev is not None else []
            wishes += [last_table.get(cand.b), last_table.get(cand.a)]
            table = next((t for t in wishes if t in free_set), None)
            if table is None:
                rest.append(i)
            else:
                table_of[i] = table
                free_set.discard(table)
        for i, table in zip(rest, [t for t in free if t in free_set]):
            table_of[i] = table
        for i in here:
            last_table[inst.cands[i].a] = last_table[inst.cands[i].b] = table_of[i]
    return table_of


def unplaced_reason(inst: Instance, busy: list[int], count: list[int], i: int):
    """Why candidate ``i`` is not in the schedule: (reason code, bottleneck participant id)."""
    cand = inst.cands[i]
    a, b = cand.a, cand.b
    for v in (a, b):
        if not inst.avail[v]:
            return PARTICIPANT_UNAVAILABLE, inst.ids[v]
    common = inst.avail[a] & inst.avail[b]
    if not common:
        return NO_COMMON_FREE_SLOT, None
    for v in (a, b):
        if count[v] >= inst.limit[v] or not inst.avail[v] & ~busy[v]:
            return PARTICIPANT_FULL, inst.ids[v]
    if common & ~busy[a] & ~busy[b]:
        return NO_TABLE_FREE, None
    return SCHEDULE_CONFLICT, None


def assemble(
    inst: Instance,
    slot_of: list[int],
    *,
    method: str,
    proven_levels: int,
    upper_bound: tuple[int, ...],
    lexicographic_bound: tuple[int, ...] | None,
    weight_bound: int | None = None,
) -> tuple[Schedule, dict[int, Meeting], dict[int, tuple[str, str | None]]]:
    """The Schedule, plus the meeting and the unplaced reason per candidate (for diffs)."""
    table_of = assign_tables(inst, slot_of)
    order = {t: k for k, t in enumerate(inst.tables)}
    meeting_of: dict[int, Meeting] = {}
    busy, count = [0] * len(inst.ids), [0] * len(inst.ids)
    for i, (cand, s) in enumerate(zip(inst.cands, slot_of)):
        if s < 0:
            continue
        meeting_of[i] = Meeting(
            inst.ids[cand.a], inst.ids[cand.b], inst.slots[s], table_of[i], cand.tier, cand.raw_weight
        )
        for v in (cand.a, cand.b):
            busy[v] |= 1 << s
            count[v] += 1
    reason_of = {i: unplaced_reason(inst, busy, count, i) for i, s in enumerate(slot_of) if s < 0}
    unplaced = list(inst.rejected)
    for i in sorted(reason_of):
        reason, who = reason_of[i]
        unplaced.extend(Unplaced(req, reason, who) for req in inst.cands[i].requests)
    unplaced.sort(key=lambda u: (u.request.tier, -u.request.weight, u.request.a, u.request.b))

    placed = [0, 0, 0, 0]
    for i in meeting_of:
        if inst.cands[i].tier < FILLER:
            placed[inst.cands[i].tier] += 1
    vector = objective(inst, slot_of)
    stats = Stats(
        requested=inst.requested,
        placed=tuple(placed),
        upper_bound=upper_bound,
        lexicographic_bound=lexicographic_bound,
        weight_bound=weight_bound,
        recommended_placed=sum(inst.cands[i].tier == FILLER for i in meeting_of),
        back_to_back=-vector[-1],
        objective=vector,
        method=method,
        proven_levels=proven_levels,
    )
    meetings = sorted(meeting_of.values(), key=lambda m: (m.slot, order[m.table]))
    return Schedule(tuple(meetings), tuple(unplaced), stats), meeting_of, reason_of


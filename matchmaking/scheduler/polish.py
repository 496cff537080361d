"""Closing the last gaps with CP-SAT on small neighbourhoods (large events).

When the heuristic's meeting counts fall short of the flow relaxation's
lexicographic bound, the missing meeting usually needs a reshuffle that local
moves do not find. Around one unplaced pair of the first level that falls short,
the two participants and everyone they currently meet are freed, all other
meetings stay fixed, and CP-SAT maximises that level in the neighbourhood
without giving up anything on the levels above it. Improvements are kept (the full objective must rise), then the
heuristic's improvement phases restore weights and spread. Deterministic: a
fixed sequence of neighbourhoods and a deterministic time budget.
"""

from __future__ import annotations

from dataclasses import replace

from .exact import improve_level
from .heuristic import priority_order, solve_heuristic
from .model import COUNT_LEVELS
from .prepare import Instance, objective

TIME_PER_ROUND = 0.1
BUDGET = 1.0  # deterministic time units for the whole polish (a few seconds of wall time)
MAX_ROUNDS = 30


def polish(inst: Instance, values: list[int], slot_of: list[int], bound: tuple[int, ...] | None) -> list[int]:
    """A schedule at least as good as ``slot_of``, closer to ``bound`` when possible."""
    if bound is None:
        return slot_of
    current, spent, improved = list(slot_of), 0.0, False
    tried: set[int] = set()
    order = priority_order(inst)
    for _ in range(MAX_ROUNDS):
        counts = objective(inst, current)[:COUNT_LEVELS]
        level = next((k for k in range(COUNT_LEVELS) if counts[k] < bound[k]), None)
        if level is None or spent >= BUDGET:
            break
        target = next((i for i in order if current[i] < 0 and i not in tried and _at_level(inst, i, level)), None)
        if target is None:
            break
        tried.add(target)
        people = _neighbourhood(inst, current, target)
        sub, index = _sub_instance(inst, current, people)
        hint = [current[i] for i in index]
        solved, used = improve_level(sub, hint, level, TIME_PER_ROUND)
        spent += used
        trial = list(current)
        for j, i in enumerate(index):
            trial[i] = solved[j]
        if objective(inst, trial) > objective(inst, current):
            current, improved = trial, True
            tried.clear()
    if improved:  # weights and spread were not part of the neighbourhood solves
        current = max(current, solve_heuristic(inst, values, start=current), key=lambda s: objective(inst, s))
    return current


def _at_level(inst: Instance, i: int, level: int) -> bool:
    cand = inst.cands[i]
    if not inst.avail[cand.a] & inst.avail[cand.b]:
        return False
    if level == 0:
        return cand.prev is not None
    return cand.tier == level - 1


def _neighbourhood(inst: Instance, slot_of: list[int], target: int) -> set[int]:
    """The target pair and everyone either of them meets now."""
    ends = {inst.cands[target].a, inst.cands[target].b}
    people = set(ends)
    for cand, s in zip(inst.cands, slot_of):
        if s >= 0 and (cand.a in ends or cand.b in ends):
            people.update((cand.a, cand.b))
    return people


def _sub_instance(inst: Instance, slot_of: list[int], people: set[int]) -> tuple[Instance, list[int]]:
    """Candidates touching ``people`` are free; other placed meetings are fixed."""
    index, cands = [], []
    for i, (cand, s) in enumerate(zip(inst.cands, slot_of)):
        if cand.fixed_slot < 0 and (cand.a in people or cand.b in people):
            cands.append(cand)
            index.append(i)
        elif s >= 0:
            cands.append(replace(cand, fixed_slot=s, fixed_table=cand.fixed_table or ""))
            index.append(i)
    return replace(inst, cands=cands), index

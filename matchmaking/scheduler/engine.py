"""The two entry points: ``schedule`` a problem, ``reschedule`` after a change.

Small events are solved exactly (CP-SAT, level by level, warm-started from the
heuristic). Larger ones get the heuristic; if its meeting counts fall short of
the flow relaxation's lexicographic bound, CP-SAT re-solves neighbourhoods around
the gap (``polish``). Either way ``Schedule.stats`` reports the bounds, so the
distance from optimal is always known.
"""

from __future__ import annotations

from .assemble import assemble
from .board import Board
from .bounds import select, upper_bounds, weight_bound
from .exact import solve_exact
from .heuristic import priority_order, solve_heuristic
from .polish import polish
from .model import COUNT_LEVELS, OBJECTIVE_LEVELS, Diff, Dropped, Move, Problem, Schedule
from .prepare import Instance, build_instance, objective, placed_value

METHODS = ("auto", "heuristic", "exact")
# Above this many (pair, slot) variables "auto" trusts the heuristic and the bound.
EXACT_MAX_VARIABLES = 2500
WEIGHT_LEVEL = OBJECTIVE_LEVELS.index("weight")


def schedule(problem: Problem, *, method: str = "auto") -> Schedule:
    """Assign meetings to (slot, table) for a docking event."""
    inst = build_instance(problem)
    return _run(inst, method)[0]


def reschedule(previous: Schedule, problem: Problem, *, method: str = "auto") -> tuple[Schedule, Diff]:
    """Re-plan after a change, keeping every still-feasible meeting exactly where it was.

    ``problem`` is the event as it is now (participants who left removed, new ones
    added, slots or tables removed, availabilities updated). A previous meeting
    stays when its pair is still requested (a recommended meeting needs no fresh
    recommendation), both sides are still there and free, and its slot and table
    still exist; otherwise it is moved, before any new meeting is considered, or
    dropped with the reason.
    """
    inst = build_instance(problem, previous.meetings)
    new, meeting_of, reason_of = _run(inst, method)
    kept, moved, dropped, added = [], [], list(inst.dropped), []
    for i, cand in enumerate(inst.cands):
        meeting = meeting_of.get(i)
        if cand.kept is not None:
            kept.append(meeting)
        elif cand.prev is not None and meeting is not None:
            moved.append(Move(cand.prev, meeting))
        elif cand.prev is not None:
            reason, who = reason_of[i]
            dropped.append(Dropped(cand.prev, reason, who))
        elif meeting is not None:
            added.append(meeting)
    diff = Diff(
        kept=tuple(sorted(kept, key=_when)),
        moved=tuple(sorted(moved, key=lambda m: _when(m.before))),
        dropped=tuple(sorted(dropped, key=lambda d: _when(d.meeting))),
        added=tuple(sorted(added, key=_when)),
    )
    return new, diff


def _when(meeting):
    return (meeting.slot, meeting.table, meeting.pair)


def exact_size(inst: Instance) -> int:
    """Number of (pair, slot) decision variables of the exact model, roughly."""
    return sum((inst.avail[c.a] & inst.avail[c.b]).bit_count() for c in inst.cands if c.fixed_slot < 0)


def _run(inst: Instance, method: str):
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    values = placed_value(inst)
    selected, lexicographic_bound = select(inst)
    slot_of = solve_heuristic(inst, values, selected)
    used, proven = "heuristic", 0
    if method == "exact" or (method == "auto" and exact_size(inst) <= EXACT_MAX_VARIABLES):
        exact_slots, exact_proven, _ = solve_exact(inst, hint=slot_of)
        exact_slots = _fill(inst, values, exact_slots)
        if objective(inst, exact_slots) >= objective(inst, slot_of):
            slot_of, used, proven = exact_slots, "exact", exact_proven
    elif method == "auto":
        polished = polish(inst, values, slot_of, lexicographic_bound)
        if polished != slot_of:
            slot_of, used = polished, "heuristic+cp-sat"
    vector, weight_cap = objective(inst, slot_of), None
    if lexicographic_bound is not None and vector[:COUNT_LEVELS] == lexicographic_bound:
        proven = max(proven, COUNT_LEVELS)  # the relaxation certifies the counts
        weight_cap = weight_bound(inst, lexicographic_bound)
        same_slot_fixed = all(c.prev is None or c.old_slot < 0 for c in inst.cands)
        if same_slot_fixed and vector[WEIGHT_LEVEL] == weight_cap:
            proven = max(proven, WEIGHT_LEVEL + 1)  # and the weights too
    return assemble(
        inst,
        slot_of,
        method=used,
        proven_levels=proven,
        upper_bound=upper_bounds(inst),
        lexicographic_bound=lexicographic_bound,
        weight_bound=weight_cap,
    )


def _fill(inst: Instance, values: list[int], slot_of: list[int]) -> list[int]:
    """Add any candidate that still fits as is (only matters if a solver stopped early)."""
    board = Board(inst, values)
    for i, s in enumerate(slot_of):
        if s >= 0:
            board.fixed[i] = True
            board.place(i, s)
    for i in priority_order(inst):
        if board.slot[i] < 0:
            board.insert(i, 0)
    return list(board.slot)

"""The exact scheduler: CP-SAT on the time-indexed model, one objective level at a time.

x[i, s] = 1 when candidate i meets in slot s. Tables are interchangeable, so a
slot only needs "at most as many meetings as tables"; tables are handed out
afterwards. The objective is lexicographic, so it is solved level by level
(previous meetings, same slot, tier 0, …, weights, then fewest back-to-back
pairs), each level fixed at its optimum before the next. One worker and a
deterministic time limit make the answer reproducible.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from .board import bits
from .prepare import FILLER, Instance

DETERMINISTIC_TIME_PER_LEVEL = 4.0


def solve_exact(
    inst: Instance, hint: list[int] | None = None, time_per_level: float = DETERMINISTIC_TIME_PER_LEVEL
) -> tuple[list[int], bool]:
    """A slot per candidate (-1 = out) and whether every level was proven optimal."""
    model, x, levels = _build(inst)
    slot_of = [c.fixed_slot for c in inst.cands]
    if not x:
        return slot_of, True
    if hint is not None:
        _hint(model, x, {(i, s) for i, s in enumerate(hint) if s >= 0})
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = time_per_level
    proven, chosen = True, None
    for sense, expr in levels:
        if sense > 0:
            model.maximize(expr)
        else:
            model.minimize(expr)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False
            break
        value = round(solver.objective_value)
        proven = proven and status == cp_model.OPTIMAL
        chosen = {key for key, var in x.items() if solver.boolean_value(var)}
        if status == cp_model.OPTIMAL:
            model.add(expr == value)
        elif sense > 0:
            model.add(expr >= value)
        else:
            model.add(expr <= value)
        _hint(model, x, chosen)
    if chosen is None:
        chosen = {(i, s) for i, s in enumerate(hint or []) if s >= 0 and inst.cands[i].fixed_slot < 0}
    for i, s in chosen:
        slot_of[i] = s
    return slot_of, proven


def _build(inst: Instance):
    n_slots = inst.n_slots
    fixed_busy = defaultdict(int)
    fixed_count = defaultdict(int)
    fixed_load = [0] * n_slots
    for c in inst.cands:
        if c.fixed_slot >= 0:
            for v in (c.a, c.b):
                fixed_busy[v] |= 1 << c.fixed_slot
                fixed_count[v] += 1
            fixed_load[c.fixed_slot] += 1
    open_slots = sum(1 << s for s in range(n_slots) if fixed_load[s] < inst.capacity)

    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    per_cand = defaultdict(list)
    per_slot = defaultdict(list)
    per_participant = defaultdict(list)
    per_participant_slot = defaultdict(list)
    for i, c in enumerate(inst.cands):
        if c.fixed_slot >= 0:
            continue
        free = inst.avail[c.a] & inst.avail[c.b] & ~fixed_busy[c.a] & ~fixed_busy[c.b] & open_slots
        for s in bits(free):
            var = model.new_bool_var(f"x{i}_{s}")
            x[i, s] = var
            per_cand[i].append(var)
            per_slot[s].append(var)
            for v in (c.a, c.b):
                per_participant[v].append(var)
                per_participant_slot[v, s].append(var)
    for group in list(per_cand.values()) + list(per_participant_slot.values()):
        if len(group) > 1:
            model.add_at_most_one(group)
    for s, group in per_slot.items():
        if len(group) > inst.capacity - fixed_load[s]:
            model.add(sum(group) <= inst.capacity - fixed_load[s])
    for v, group in per_participant.items():
        room = inst.limit[v] - fixed_count[v]
        if len(group) > room:
            model.add(sum(group) <= room)

    placed = {i: sum(group) for i, group in per_cand.items()}
    free_cands = [(i, inst.cands[i]) for i in placed]
    levels = [
        (1, sum(placed[i] for i, c in free_cands if c.prev is not None)),
        (1, sum(x[i, c.old_slot] for i, c in free_cands if c.prev is not None and (i, c.old_slot) in x)),
        *((1, sum(placed[i] for i, c in free_cands if c.tier == t)) for t in range(FILLER + 1)),
        (1, sum(c.weight * placed[i] for i, c in free_cands)),
    ]
    spread = _back_to_back(model, inst, per_participant_slot, fixed_busy)
    levels.append((-1, spread))
    # Skip levels that cannot vary (nothing to decide) to save solver calls.
    levels = [(sense, expr) for sense, expr in levels if not isinstance(expr, int)]
    return model, x, levels


def _back_to_back(model, inst, per_participant_slot, fixed_busy):
    """Sum of y[v, s] >= busy(v, s) + busy(v, s + 1) - 1 over back-to-back slot pairs."""
    terms = []
    participants = sorted({v for v, _ in per_participant_slot})
    for v in participants:
        for s in bits(inst.adjacent_mask):
            here = per_participant_slot.get((v, s), [])
            after = per_participant_slot.get((v, s + 1), [])
            if not here and not after:
                continue
            fixed = (fixed_busy[v] >> s & 1) + (fixed_busy[v] >> (s + 1) & 1)
            if fixed == 0 and (not here or not after):
                continue
            y = model.new_bool_var(f"y{v}_{s}")
            model.add(y >= sum(here) + sum(after) + fixed - 1)
            terms.append(y)
    return sum(terms) if terms else 0


def _hint(model, x, chosen) -> None:
    model.clear_hints()
    for key, var in x.items():
        model.add_hint(var, key in chosen)

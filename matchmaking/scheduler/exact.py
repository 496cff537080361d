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

DETERMINISTIC_TIME_PER_LEVEL = 2.0
SPREAD_SHARE = 0.5  # the spread level is the hardest to prove and the least important


def solve_exact(
    inst: Instance, hint: list[int] | None = None, time_per_level: float = DETERMINISTIC_TIME_PER_LEVEL
) -> tuple[list[int], int]:
    """A slot per candidate (-1 = out) and how many leading objective levels are proven."""
    model, x, levels = _build(inst)
    slot_of = [c.fixed_slot for c in inst.cands]
    chosen = {(i, s) for i, s in enumerate(hint or []) if s >= 0 and inst.cands[i].fixed_slot < 0}
    if hint is not None:
        _hint(model, x, chosen)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    proven, proving = 0, True
    for sense, expr in levels:
        if isinstance(expr, int):  # a constant level has nothing to decide
            proven += proving
            continue
        solver.parameters.max_deterministic_time = time_per_level * (SPREAD_SHARE if sense < 0 else 1)
        if sense > 0:
            model.maximize(expr)
        else:
            model.minimize(expr)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        chosen = {key for key, var in x.items() if solver.boolean_value(var)}
        value = round(solver.objective_value)
        if status == cp_model.OPTIMAL:
            model.add(expr == value)
            proven += proving
        else:  # later levels are still improved, but no longer proven
            model.add(expr >= value if sense > 0 else expr <= value)
            proving = False
        _hint(model, x, chosen)
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
    levels = [  # in the order of OBJECTIVE_LEVELS
        (1, sum(placed[i] for i, c in free_cands if c.prev is not None)),
        *((1, sum(placed[i] for i, c in free_cands if c.tier == t)) for t in range(FILLER + 1)),
        (1, sum(x[i, c.old_slot] for i, c in free_cands if c.prev is not None and (i, c.old_slot) in x)),
        (1, sum(c.weight * placed[i] for i, c in free_cands)),
        (-1, _back_to_back(model, inst, per_participant_slot, fixed_busy)),
    ]
    return model, x, levels


def _back_to_back(model, inst, per_participant_slot, fixed_busy):
    """Sum of y[v, s] >= busy(v, s) + busy(v, s + 1) - 1 over back-to-back slot pairs.

    Plus, per participant and run of back-to-back slots of length L, the cut
    sum(y) >= meetings in the run - ceil(L / 2): k meetings in L consecutive slots
    always make at least that many back-to-back pairs. It is what lets CP-SAT
    prove the spread level optimal instead of searching symmetric slot orders.
    """
    terms = []
    participants = sorted({v for v, _ in per_participant_slot})
    for v in participants:
        for run in _runs(inst):
            busy = [sum(per_participant_slot.get((v, s), [])) + (fixed_busy[v] >> s & 1) for s in run]
            if all(isinstance(b, int) for b in busy):
                continue  # nothing to decide for v in this run
            ys = []
            for k in range(len(run) - 1):
                y = model.new_bool_var(f"y{v}_{run[k]}")
                model.add(y >= busy[k] + busy[k + 1] - 1)
                ys.append(y)
            if ys:
                model.add(sum(ys) >= sum(busy) - (len(run) + 1) // 2)
                terms.extend(ys)
    return sum(terms) if terms else 0


def _runs(inst):
    """Maximal runs of back-to-back slot positions, e.g. the morning and the afternoon."""
    runs, current = [], [0]
    for s in range(1, inst.n_slots):
        if inst.adjacent_mask >> (s - 1) & 1:
            current.append(s)
        else:
            runs.append(current)
            current = [s]
    runs.append(current)
    return [run for run in runs if len(run) > 1]


def _hint(model, x, chosen) -> None:
    model.clear_hints()
    for key, var in x.items():
        model.add_hint(var, key in chosen)

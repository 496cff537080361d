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
from .prepare import FILLER, Instance, objective

DETERMINISTIC_TIME_PER_LEVEL = 2.0
DETERMINISTIC_BUDGET = 6.0  # for all levels together; a few seconds of wall time
SPREAD_SHARE = 0.5  # the spread level is the hardest to prove and the least important


def solve_exact(
    inst: Instance,
    hint: list[int] | None = None,
    time_per_level: float = DETERMINISTIC_TIME_PER_LEVEL,
    budget: float = DETERMINISTIC_BUDGET,
) -> tuple[list[int], int, float]:
    """A slot per candidate (-1 = out), how many leading objective levels are proven,
    and the deterministic time spent. Never worse than ``hint`` (a valid assignment):
    when a level runs out of time the better of the two is carried forward."""
    model, x, levels = _build(inst)
    fixed_only = [c.fixed_slot for c in inst.cands]
    base = objective(inst, fixed_only)  # what the kept meetings contribute on their own
    best = list(hint) if hint is not None else fixed_only
    _hint(model, x, _chosen(inst, best))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    proven, proving, spent = 0, True, 0.0
    for k, (sense, expr) in enumerate(levels):
        if isinstance(expr, int):  # a constant level has nothing to decide
            proven += proving
            continue
        if spent >= budget:
            break  # out of time: the remaining levels keep the best assignment so far
        limit = time_per_level * (SPREAD_SHARE if sense < 0 else 1)
        solver.parameters.max_deterministic_time = min(limit, budget - spent)
        if sense > 0:
            model.maximize(expr)
        else:
            model.minimize(expr)
        status = solver.solve(model)
        spent += solver.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = list(fixed_only)
            for (i, s), var in x.items():
                if solver.boolean_value(var):
                    found[i] = s
            if objective(inst, found) >= objective(inst, best):
                best = found
        optimal = status == cp_model.OPTIMAL
        proving = proving and optimal
        proven += proving
        if sense > 0:  # every level but spread is a sum: pin it for the levels below
            value = objective(inst, best)[k] - base[k]
            model.add(expr == value if optimal else expr >= value)
        _hint(model, x, _chosen(inst, best))
    return best, proven, spent


def _chosen(inst: Instance, slot_of: list[int]) -> set[tuple[int, int]]:
    return {(i, s) for i, s in enumerate(slot_of) if s >= 0 and inst.cands[i].fixed_slot < 0}


def improve_level(inst: Instance, hint: list[int], level: int, time_limit: float) -> tuple[list[int], float]:
    """One CP-SAT solve: maximise objective level ``level`` (a counting or weight
    level, not spread) while every level above it stays at least as good as in
    ``hint``. Returns the assignment and the deterministic time spent; used to
    polish neighbourhoods of large events."""
    model, x, levels = _build(inst)
    chosen = _chosen(inst, hint)
    # The level expressions only count free candidates: subtract what the fixed ones add.
    with_hint = objective(inst, hint)
    fixed_only = objective(inst, [c.fixed_slot for c in inst.cands])
    for k, (sense, expr) in enumerate(levels[:level]):
        if not isinstance(expr, int):
            model.add(expr >= with_hint[k] - fixed_only[k])
    sense, expr = levels[level]
    if isinstance(expr, int):
        return list(hint), 0.0
    model.maximize(expr)
    _hint(model, x, chosen)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    out = list(hint)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        out = [c.fixed_slot for c in inst.cands]
        for key, var in x.items():
            if solver.boolean_value(var):
                out[key[0]] = key[1]
    return out, solver.deterministic_time


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

"""Network-flow relaxations: upper bounds that prove how good a schedule is, and
a globally good choice of pairs for the heuristic to place first.

Forget which slot each meeting takes and keep only that a participant has at
most ``min(cap, free slots)`` meetings and the event at most ``tables × slots``.
Every schedule satisfies these, so the maximum flow of the resulting bipartite
network bounds the number of meetings any schedule can place. Without
unavailability the relaxation is exact: a bipartite multigraph of maximum degree
<= S has an equitable S-edge-colouring (König, de Werra), so the chosen pairs
always fit into the slots and tables.
"""

from __future__ import annotations

from ortools.graph.python import max_flow, min_cost_flow
from ortools.linear_solver import pywraplp

from .prepare import FILLER, WEIGHT_SCALE, Instance

_SAFE_COST = 1 << 60


class _Residual:
    """What is left of the event once kept meetings are on the board."""

    def __init__(self, inst: Instance):
        n_slots, n = inst.n_slots, len(inst.ids)
        busy, count, load = [0] * n, [0] * n, [0] * n_slots
        for c in inst.cands:
            if c.fixed_slot >= 0:
                for v in (c.a, c.b):
                    busy[v] |= 1 << c.fixed_slot
                    count[v] += 1
                load[c.fixed_slot] += 1
        open_slots = sum(1 << s for s in range(n_slots) if load[s] < inst.capacity)
        self.free = [inst.avail[v] & ~busy[v] & open_slots for v in range(n)]
        self.room = [max(0, min(inst.limit[v] - count[v], self.free[v].bit_count())) for v in range(n)]
        self.edges = [
            i
            for i, c in enumerate(inst.cands)
            if c.fixed_slot < 0 and self.free[c.a] & self.free[c.b] and self.room[c.a] and self.room[c.b]
        ]
        self.fixed = [c for c in inst.cands if c.fixed_slot >= 0]
        # A slot holds at most one meeting per table and per free school (or enterprise).
        schools = {inst.cands[i].a for i in self.edges}
        enterprises = {inst.cands[i].b for i in self.edges}
        self.tables_left = sum(
            min(
                inst.capacity - load[s],
                sum(self.free[v] >> s & 1 for v in schools),
                sum(self.free[v] >> s & 1 for v in enterprises),
            )
            for s in range(n_slots)
        )


def upper_bounds(inst: Instance) -> tuple[int, ...]:
    """For k = 0..3, a bound on the number of requests of tier <= k any schedule places."""
    res = _Residual(inst)
    out = []
    for k in range(4):
        fixed = sum(c.tier <= k for c in res.fixed)
        edges = [i for i in res.edges if inst.cands[i].tier <= k]
        out.append(fixed + _max_meetings(inst, res, edges))
    return tuple(out)


def _max_meetings(inst: Instance, res: _Residual, edges: list[int]) -> int:
    if not edges:
        return 0
    flow = max_flow.SimpleMaxFlow()
    source, hub, sink, base = 0, 1, 2, 3
    flow.add_arc_with_capacity(source, hub, res.tables_left)
    schools = sorted({inst.cands[i].a for i in edges})
    enterprises = sorted({inst.cands[i].b for i in edges})
    for v in schools:
        flow.add_arc_with_capacity(hub, base + v, res.room[v])
    for v in enterprises:
        flow.add_arc_with_capacity(base + v, sink, res.room[v])
    for i in edges:
        flow.add_arc_with_capacity(base + inst.cands[i].a, base + inst.cands[i].b, 1)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise RuntimeError("max flow failed")
    return flow.optimal_flow()


def select(inst: Instance) -> tuple[set[int], tuple[int, ...] | None]:
    """A lexicographically best set of meetings under the relaxation, and its counts.

    A min-cost flow whose arc costs encode the objective's levels (displaced
    previous meetings, tiers 0..3, recommendations, then weights) with multipliers
    large enough to make it lexicographic; weights are coarsened if the costs would
    not fit the solver's 64-bit arithmetic, counts never are. The counts vector
    (previous, tier 0..3, recommended) bounds every schedule's lexicographically:
    a schedule that reaches it has optimal counts at every level.
    """
    res = _Residual(inst)
    chosen: set[int] = set()
    supply = min(res.tables_left, sum(res.room))
    if res.edges and supply > 0:
        for resolution in (WEIGHT_SCALE, 100, 10, 1, 0):
            costs = _lexicographic_costs(inst, res.edges, supply, resolution)
            if costs is not None:
                chosen = _min_cost_choice(inst, res, supply, costs)
                break
        else:  # too many candidates for exact 64-bit costs: no certificate
            return chosen, None
    counts = [0] * (FILLER + 2)
    for c in res.fixed:
        counts[1 + c.tier] += 1
    for i in chosen:
        counts[0] += inst.cands[i].prev is not None
        counts[1 + inst.cands[i].tier] += 1
    return chosen, tuple(counts)


def _min_cost_choice(inst: Instance, res: _Residual, supply: int, costs: list[int]) -> set[int]:
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink, base = 0, 1, 2
    flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)  # unused tables
    for v in sorted({inst.cands[i].a for i in res.edges}):
        flow.add_arc_with_capacity_and_unit_cost(source, base + v, res.room[v], 0)
    for v in sorted({inst.cands[i].b for i in res.edges}):
        flow.add_arc_with_capacity_and_unit_cost(base + v, sink, res.room[v], 0)
    arcs = [
        flow.add_arc_with_capacity_and_unit_cost(base + inst.cands[i].a, base + inst.cands[i].b, 1, -cost)
        for i, cost in zip(res.edges, costs)
    ]
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("min cost flow failed")
    return {i for i, arc in zip(res.edges, arcs) if flow.flow(arc)}


def _lexicographic_costs(inst, edges, supply, resolution):
    cands = [inst.cands[i] for i in edges]
    step = WEIGHT_SCALE // resolution if resolution else 0
    weights = [c.weight // step if step else 0 for c in cands]
    unit = resolution * supply + 1
    tier_unit = [0] * (FILLER + 1)
    for t in range(FILLER, -1, -1):
        tier_unit[t] = unit
        unit *= min(supply, sum(c.tier == t for c in cands)) + 1
    prev_unit = unit
    costs = [(prev_unit if c.prev is not None else 0) + tier_unit[c.tier] + w for c, w in zip(cands, weights)]
    worst = max(costs) * (max(len(inst.ids), supply) + 3)
    return costs if worst < _SAFE_COST else None



def weight_bound(inst: Instance, counts: tuple[int, ...]) -> int | None:
    """Bound on the weight level among schedules whose counts equal ``counts``.

    The linear relaxation of the flow model with every counting level pinned to
    ``counts`` (the lexicographic bound): a schedule that reaches both the counts
    and this weight is optimal on every level down to weights. Solved with GLOP;
    only the optimal value is used, so fractional solutions are fine.
    """
    res = _Residual(inst)
    fixed_weight = sum(c.weight for c in res.fixed)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    x = {i: solver.NumVar(0.0, 1.0, f"x{i}") for i in res.edges}
    per_participant: dict[int, list] = {}
    for i, var in x.items():
        per_participant.setdefault(inst.cands[i].a, []).append(var)
        per_participant.setdefault(inst.cands[i].b, []).append(var)
    for v, group in per_participant.items():
        solver.Add(solver.Sum(group) <= res.room[v])
    solver.Add(solver.Sum(list(x.values())) <= res.tables_left)
    fixed_counts = [0] * (FILLER + 2)
    for c in res.fixed:
        fixed_counts[1 + c.tier] += 1
    levels = [[var for i, var in x.items() if inst.cands[i].prev is not None]]
    levels += [[var for i, var in x.items() if inst.cands[i].tier == t] for t in range(FILLER + 1)]
    for group, target, fixed in zip(levels, counts, fixed_counts):
        solver.Add(solver.Sum(group) == target - fixed)
    solver.Maximize(solver.Sum([inst.cands[i].weight * var for i, var in x.items()]))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return fixed_weight + int(solver.Objective().Value() + 1e-6)

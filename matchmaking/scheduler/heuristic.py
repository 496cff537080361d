"""The fast scheduler: construct in priority order, then improve locally.

1. Kept meetings (rescheduling) go on the board first and never move.
2. Candidates are inserted in priority order (displaced previous meetings, then
   tier 0..3 requests by weight, then recommendations by score). Pairs chosen by
   the flow relaxation (see ``bounds.select``) go first, because that choice is
   globally optimal on everybody's meeting counts. Each insertion may relocate
   the meetings that block it along a short chain.
3. Ejection: an unplaced candidate may push out meetings worth less than itself
   (lexicographically: one mutual request beats any number of lower ones); the
   pushed-out meetings are re-inserted elsewhere when possible, and the freed
   participants get a chance at another pair (an augmenting path of length three).
   Every accepted step strictly increases the objective, so this terminates.
4. Spreading (``spread``): meetings move, or swap slots, to make fewer
   back-to-back pairs; the set of meetings does not change.
"""

from __future__ import annotations

from .augment import augment
from .board import Board, bits
from .spread import spread
from .prepare import Instance

INSERT_DEPTH = 2
INSERT_BUDGET = 120  # search nodes per insertion; keeps the worst case linear
MAX_PASSES = 6
AUGMENT_TRIES = 6
ROOM_TRIES = 4


def priority_order(inst: Instance) -> list[int]:
    """Candidates that are not kept, most important first; ties broken by ids."""
    return sorted(
        (i for i, c in enumerate(inst.cands) if c.fixed_slot < 0),
        key=lambda i: (inst.cands[i].prev is None, inst.cands[i].tier, -inst.cands[i].weight, i),
    )


def solve_heuristic(
    inst: Instance, values: list[int], selected: set[int] | None = None, start: list[int] | None = None
) -> list[int]:
    """A slot position per candidate (-1 = not placed).

    Without ``start`` the schedule is built from scratch; with it (a valid
    assignment, e.g. after CP-SAT polishing) only the improvement phases run.
    """
    board = Board(inst, values)
    for i, cand in enumerate(inst.cands):
        if cand.fixed_slot >= 0:
            board.fixed[i] = True
            board.place(i, cand.fixed_slot)
    order = priority_order(inst)
    if start is None:
        selected = selected or set()
        for i in [i for i in order if i in selected] + [i for i in order if i not in selected]:
            _insert(board, i)
    else:
        for i in order:
            if start[i] >= 0:
                board.place(i, start[i])
    board.commit()
    by_participant: list[list[int]] = [[] for _ in inst.ids]
    for i in order:
        by_participant[board.ea[i]].append(i)
        by_participant[board.eb[i]].append(i)
    for _ in range(MAX_PASSES):
        improved = augment(board, order, INSERT_DEPTH)
        for i in order:
            if board.slot[i] < 0 and _eject_insert(board, i, by_participant):
                improved = True
        if not improved:
            break
    for _ in range(MAX_PASSES):
        spread(board, order)
        if not any(board.slot[i] < 0 and _insert(board, i) for i in order):
            break
    board.commit()
    return list(board.slot)


def _insert(board: Board, i: int, depth: int = INSERT_DEPTH) -> bool:
    board.budget = INSERT_BUDGET
    return board.insert(i, depth)


def _eject_insert(board: Board, c: int, by_participant: list[list[int]]) -> bool:
    """Place ``c`` by pushing out less valuable meetings, if the total value rises."""
    a, b = board.ea[c], board.eb[c]
    common = board.avail[a] & board.avail[b]
    if not common:
        return False
    values = board.values
    saturated = board.full == board.all_slots
    options = []
    for s in bits(common):
        victims = _victims(board, c, s)
        if victims is None:
            continue
        loss = sum(values[m] for m in victims)
        if saturated and loss >= values[c]:
            continue  # nowhere to re-insert the victims: it can only pay off if c is worth more
        options.append((loss, s, sorted(victims)))
    options.sort()
    for _, s, victims in options:
        before, mark = board.total, board.mark()
        for m in victims:
            board.remove(m)
        board.place(c, s)
        for m in victims:
            _insert(board, m, 1)
        freed = sorted({v for m in victims if board.slot[m] < 0 for v in (board.ea[m], board.eb[m])} - {a, b})
        for v in freed:
            _refill(board, v, by_participant[v])
        if board.total > before:
            board.commit()
            return True
        board.rollback(mark)
    return _make_room(board, c)


def _make_room(board: Board, c: int) -> bool:
    """Push out one cheaper meeting anywhere and let the relocation search use the
    table and the hours it frees (helps when every table is taken)."""
    value = board.values[c]
    cheaper = [m for s in range(len(board.load)) for m in board.members[s] if board.values[m] < value]
    cheaper = [m for m in cheaper if not board.pinned(m)]
    cheaper.sort(key=lambda m: (board.values[m], m))
    for m in cheaper[:ROOM_TRIES]:
        before, mark = board.total, board.mark()
        board.remove(m)
        if _insert(board, c, INSERT_DEPTH + 1):
            _insert(board, m, 1)
            if board.total > before:
                board.commit()
                return True
        board.rollback(mark)
    return False


def _victims(board: Board, c: int, s: int) -> set[int] | None:
    """Meetings to push out so that ``c`` fits in slot ``s``; None if a kept one is in the way."""
    a, b = board.ea[c], board.eb[c]
    victims = {m for m in (board.at[a][s], board.at[b][s]) if m >= 0}
    if any(board.pinned(m) for m in victims):
        return None
    for v in (a, b):
        if board.count[v] - sum(v in (board.ea[m], board.eb[m]) for m in victims) >= board.limit[v]:
            # v is at its meeting cap: give up its least valuable movable meeting
            mine = [board.at[v][t] for t in bits(board.busy[v])]
            mine = [m for m in mine if m not in victims and not board.pinned(m)]
            if not mine:
                return None
            victims.add(min(mine, key=lambda m: (board.values[m], m)))
    if board.load[s] - sum(board.slot[m] == s for m in victims) >= board.cap:
        movable = [m for m in board.members[s] if m not in victims and not board.pinned(m)]
        if not movable:
            return None
        victims.add(min(movable, key=lambda m: (board.values[m], m)))
    return victims


def _refill(board: Board, v: int, mine: list[int]) -> None:
    """Give participant ``v``, who just lost a meeting, its best other pair that fits."""
    tries = 0
    for d in mine:
        if board.slot[d] >= 0 or board.at_limit(d):
            continue
        if _insert(board, d, 1):
            return
        tries += 1
        if tries >= AUGMENT_TRIES:
            return

"""Spreading each participant's meetings: the last objective level.

Runs of meetings without a pause tire people and leave no time to follow up,
so once the set of meetings is fixed, meetings are moved to a free slot or
swapped with another meeting to lower the number of back-to-back pairs: first
greedily, then by seeded simulated annealing (which also accepts a few worsening
moves to get out of local optima), then greedily again. Neither move changes who
meets whom, so the higher levels are untouched.
"""

from __future__ import annotations

import math
import random

from .board import Board, bits

MAX_PASSES = 8
ANNEAL_STEPS_PER_MEETING = 150
ANNEAL_MAX_STEPS = 100_000
START_TEMPERATURE, END_TEMPERATURE = 1.5, 0.05


def spread(board: Board, order: list[int]) -> None:
    """Hill-climb, anneal, hill-climb again."""
    _climb(board, order)
    if anneal(board, order):
        _climb(board, order)


def anneal(board: Board, order: list[int]) -> bool:
    """Simulated annealing over the same moves, to escape the hill climber's local
    optima; seeded, so deterministic. Ends in the best arrangement seen. True if
    that is better than the starting one."""
    movable = [c for c in order if board.slot[c] >= 0 and not board.pinned(c)]
    if len(movable) < 2:
        return False
    rng = random.Random(0)
    everyone = set(board.ea[c] for c in movable) | set(board.eb[c] for c in movable)
    current = start = _pressure(board, everyone)
    best, best_slots = current, {c: board.slot[c] for c in movable}
    steps = min(ANNEAL_MAX_STEPS, ANNEAL_STEPS_PER_MEETING * len(movable))
    cooling = (END_TEMPERATURE / START_TEMPERATURE) ** (1 / steps)
    temperature = START_TEMPERATURE
    for _ in range(steps):
        temperature *= cooling
        c = movable[rng.randrange(len(movable))]
        if board.pinned(c):
            continue
        options = board.avail[board.ea[c]] & board.avail[board.eb[c]] & ~(1 << board.slot[c])
        if not options:
            continue
        targets = list(bits(options))
        t = targets[rng.randrange(len(targets))]
        partner = _partner(board, c, t, rng)
        if partner is None:
            continue
        people = {board.ea[c], board.eb[c]}
        if partner >= 0:
            people |= {board.ea[partner], board.eb[partner]}
        before, mark = _pressure(board, people), board.mark()
        _exchange(board, c, t, partner)
        delta = _pressure(board, people) - before
        if delta <= 0 or rng.random() < math.exp(-delta / temperature):
            current += delta
            if current < best:
                best, best_slots = current, {m: board.slot[m] for m in movable}
        else:
            board.rollback(mark)
        board.commit()
    if best == current:
        return best < start
    for m in movable:
        if board.slot[m] != best_slots[m]:
            board.remove(m)
    for m in movable:
        if board.slot[m] < 0:
            board.place(m, best_slots[m])
    board.commit()
    return best < start


def _partner(board: Board, c: int, t: int, rng: random.Random) -> int | None:
    """How ``c`` can go to slot ``t``: -1 by itself, m by swapping with meeting m,
    None if it cannot."""
    a, b, s = board.ea[c], board.eb[c], board.slot[c]
    blockers = {m for m in (board.at[a][t], board.at[b][t]) if m >= 0}
    if not blockers and not board.full >> t & 1:
        return -1
    if len(blockers) > 1:
        return None
    if blockers:
        m = blockers.pop()
    else:
        members = sorted(board.members[t])
        m = members[rng.randrange(len(members))]
    if board.pinned(m):
        return None
    ma, mb = board.ea[m], board.eb[m]
    if not (board.avail[ma] & board.avail[mb]) >> s & 1:
        return None
    # after the exchange m's people must be free in s (except for c, which leaves)
    for v in (ma, mb):
        if v not in (a, b) and board.busy[v] >> s & 1:
            return None
    return m


def _exchange(board: Board, c: int, t: int, partner: int) -> None:
    s = board.slot[c]
    board.remove(c)
    if partner >= 0:
        board.remove(partner)
        board.place(partner, s)
    board.place(c, t)


def _climb(board: Board, order: list[int]) -> None:
    """Local search until no single move or swap reduces back-to-back pairs."""
    for _ in range(MAX_PASSES):
        improved = False
        for c in order:
            if board.slot[c] >= 0 and not board.pinned(c) and board.spread_cost(c, board.slot[c]):
                improved |= _move(board, c) or _swap(board, c)
        board.commit()
        if not improved:
            return


def _pressure(board: Board, people: set[int]) -> int:
    adjacent = board.inst.adjacent_mask
    return sum((board.busy[v] & (board.busy[v] >> 1) & adjacent).bit_count() for v in people)


def _move(board: Board, c: int) -> bool:
    """Move ``c`` to the free slot where it bunches its two sides least."""
    s = board.slot[c]
    bit = 1 << s
    best, best_cost = -1, board.spread_cost(c, s)
    for t in bits(board.free_slots(c)):
        cost = board.spread_cost(c, t, ignore=bit)
        if cost < best_cost:
            best, best_cost = t, cost
    if best < 0:
        return False
    board.remove(c)
    board.place(c, best)
    return True


def _swap(board: Board, c: int) -> bool:
    """Exchange the slots of ``c`` and one meeting that stands in its way."""
    s = board.slot[c]
    a, b = board.ea[c], board.eb[c]
    for t in bits(board.avail[a] & board.avail[b] & ~(1 << s)):
        blockers = {m for m in (board.at[a][t], board.at[b][t]) if m >= 0}
        if len(blockers) > 1:
            continue
        others = blockers or (board.members[t] if board.full >> t & 1 else ())
        for m in sorted(others):
            if board.pinned(m):
                continue
            people = {a, b, board.ea[m], board.eb[m]}
            before, mark = _pressure(board, people), board.mark()
            board.remove(c)
            board.remove(m)
            if _fits(board, m, s) and _fits(board, c, t):
                board.place(m, s)
                board.place(c, t)
                if _pressure(board, people) < before:
                    return True
            board.rollback(mark)
    return False


def _fits(board: Board, c: int, s: int) -> bool:
    a, b, bit = board.ea[c], board.eb[c], 1 << s
    return bool(board.avail[a] & board.avail[b] & ~board.busy[a] & ~board.busy[b] & ~board.full & bit)

"""Spreading each participant's meetings: the last objective level.

Runs of meetings without a pause tire people and leave no time to follow up,
so once the set of meetings is fixed, meetings are moved to a free slot or
swapped with another meeting whenever that lowers the number of back-to-back
pairs. Neither move changes who meets whom, so the higher levels are untouched.
"""

from __future__ import annotations

from .board import Board, bits

MAX_PASSES = 8


def spread(board: Board, order: list[int]) -> None:
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

"""Augmenting paths: more meetings of the same tier by re-pairing people.

When a popular participant is full, one more meeting somewhere can require a
chain of swaps: school s0 (who has a free slot) meets e1 instead of e1's current
partner s1, s1 meets e2 instead of s2, …, until an enterprise with a free slot.
These are the augmenting paths of the flow relaxation in ``bounds``; the search
is done on the relaxation (counts only) and each path is then realised on the
board with Kempe chains and relocations, kept only if the schedule gains.
"""

from __future__ import annotations

from collections import deque

from .board import Board, bits

FAILED_PATHS_PER_TIER = 40
INSERT_BUDGET = 200  # search nodes per insertion while realising a path


def augment(board: Board, order: list[int], insert_depth: int) -> bool:
    """Apply augmenting paths tier by tier; True if the schedule improved."""
    inst = board.inst
    improved = False
    for tier in range(5):
        edges = [i for i in order if inst.cands[i].tier == tier]
        if not edges:
            continue
        by_school: dict[int, list[int]] = {}
        for i in edges:
            by_school.setdefault(board.ea[i], []).append(i)
        banned: set[int] = set()
        failures = 0
        while failures < FAILED_PATHS_PER_TIER:
            path = _find_path(board, tier, by_school, banned)
            if path is None:
                break
            if _realise(board, path, insert_depth):
                improved = True
            else:
                banned.add(path[0])
                failures += 1
    return improved


def _spare(board: Board, v: int) -> bool:
    return board.count[v] < board.limit[v] and board.count[v] < board.avail[v].bit_count()


def _find_path(board: Board, tier: int, by_school: dict[int, list[int]], banned: set[int]):
    """Shortest alternating path (add, remove, add, …, add) between two spare participants."""
    parent: dict[int, tuple[int, int] | None] = {}
    queue = deque()
    for s in sorted(by_school):
        if _spare(board, s):
            parent[s] = None
            queue.append(s)
    cands = board.inst.cands
    while queue:
        s = queue.popleft()
        for c in by_school[s]:
            if board.slot[c] >= 0 or c in banned:
                continue
            e = board.eb[c]
            if e in parent or not board.avail[s] & board.avail[e]:
                continue
            parent[e] = (c, s)
            if _spare(board, e):
                return _unwind(parent, e)
            for t in bits(board.busy[e]):
                m = board.at[e][t]
                s2 = board.ea[m]
                if s2 in parent or board.pinned(m) or cands[m].tier != tier:
                    continue
                parent[s2] = (m, e)
                queue.append(s2)
    return None


def _unwind(parent, v):
    path = []
    while parent[v] is not None:
        edge, v = parent[v]
        path.append(edge)
    return path[::-1]  # add, remove, add, …, add


def _realise(board: Board, path: list[int], insert_depth: int) -> bool:
    before, mark = board.total, board.mark()
    added, removed = path[0::2], path[1::2]
    for m in removed:
        board.remove(m)
    for c in added:
        board.budget = INSERT_BUDGET
        board.insert(c, insert_depth)
    for m in removed:  # whatever did not need to go can come back
        board.budget = INSERT_BUDGET
        board.insert(m, insert_depth)
    if board.total > before:
        board.commit()
        return True
    board.rollback(mark)
    return False

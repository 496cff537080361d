"""The mutable placement state shared by the heuristic's phases.

Participants' calendars are bit masks (bit i = slot i), so "is there a slot where
both are free and a table is left" is three ANDs. Every change goes through
``place``/``remove`` and is journalled, which lets the searches try a chain of
moves and roll it back exactly when it does not pay off.
"""

from __future__ import annotations

from .prepare import Instance


def bits(mask: int):
    """Slot positions set in ``mask``, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class Board:
    def __init__(self, inst: Instance, values: list[int]):
        self.inst = inst
        self.values = values
        n, n_slots = len(inst.ids), inst.n_slots
        self.ea = [c.a for c in inst.cands]
        self.eb = [c.b for c in inst.cands]
        self.avail = inst.avail
        self.limit = inst.limit
        self.cap = inst.capacity
        self.all_slots = (1 << n_slots) - 1
        self.busy = [0] * n
        self.at = [[-1] * n_slots for _ in range(n)]
        self.count = [0] * n
        self.load = [0] * n_slots
        self.members: list[set[int]] = [set() for _ in range(n_slots)]
        self.full = self.all_slots if self.cap == 0 else 0
        self.slot = [-1] * len(inst.cands)
        self.fixed = [False] * len(inst.cands)  # rescheduling: kept where it was
        self.old = [c.old_slot if c.prev is not None else -2 for c in inst.cands]
        self.total = 0  # sum of values of placed candidates
        self.journal: list[tuple[int, int, bool]] = []
        adj = inst.adjacent_mask
        # neighbours[s]: the slots back to back with s
        self.neighbours = [
            ((1 << (s + 1)) if adj >> s & 1 else 0) | ((1 << (s - 1)) if s and adj >> (s - 1) & 1 else 0)
            for s in range(n_slots)
        ]
        self.budget = 0

    # --- elementary moves ---------------------------------------------------------

    def place(self, c: int, s: int) -> None:
        a, b, bit = self.ea[c], self.eb[c], 1 << s
        self.busy[a] |= bit
        self.busy[b] |= bit
        self.at[a][s] = c
        self.at[b][s] = c
        self.count[a] += 1
        self.count[b] += 1
        self.load[s] += 1
        self.members[s].add(c)
        if self.load[s] >= self.cap:
            self.full |= bit
        self.slot[c] = s
        self.total += self.values[c]
        self.journal.append((c, s, True))

    def remove(self, c: int) -> None:
        s = self.slot[c]
        a, b, bit = self.ea[c], self.eb[c], 1 << s
        self.busy[a] &= ~bit
        self.busy[b] &= ~bit
        self.at[a][s] = -1
        self.at[b][s] = -1
        self.count[a] -= 1
        self.count[b] -= 1
        self.load[s] -= 1
        self.members[s].discard(c)
        self.full &= ~bit
        self.slot[c] = -1
        self.total -= self.values[c]
        self.journal.append((c, s, False))

    def mark(self) -> int:
        return len(self.journal)

    def rollback(self, mark: int) -> None:
        """Undo every move made since ``mark``."""
        while len(self.journal) > mark:
            c, s, placed = self.journal.pop()
            if placed:
                self.remove(c)
            else:
                self.place(c, s)
            self.journal.pop()

    def commit(self) -> None:
        self.journal.clear()

    # --- queries ------------------------------------------------------------------

    def free_slots(self, c: int) -> int:
        """Slots where both sides are available and free and a table is left."""
        a, b = self.ea[c], self.eb[c]
        return self.avail[a] & self.avail[b] & ~self.busy[a] & ~self.busy[b] & ~self.full

    def spread_cost(self, c: int, s: int, ignore: int = 0) -> int:
        """Back-to-back pairs that meeting ``c`` in slot ``s`` creates for its two sides."""
        near = self.neighbours[s] & ~ignore
        return (self.busy[self.ea[c]] & near).bit_count() + (self.busy[self.eb[c]] & near).bit_count()

    def best_slot(self, c: int, free: int) -> int:
        """The free slot that bunches the two sides least; then the emptiest, then the earliest."""
        old = self.old[c]
        if old >= 0 and free >> old & 1:
            return old
        return min(bits(free), key=lambda s: (self.spread_cost(c, s), self.load[s], s))

    def pinned(self, c: int) -> bool:
        """Kept meetings never move; a displaced one back in its old slot stays there."""
        return self.fixed[c] or self.slot[c] == self.old[c]

    def at_limit(self, c: int) -> bool:
        a, b = self.ea[c], self.eb[c]
        return self.count[a] >= self.limit[a] or self.count[b] >= self.limit[b]

    # --- Kempe chains ------------------------------------------------------------------

    def kempe(self, c: int) -> bool:
        """Place c = (a, b) by swapping two slots along an alternating chain.

        With slot α free for a and β free for b, follow b's α meeting, that
        partner's β meeting, and so on; exchanging α and β along the chain frees
        b at α without touching a (the chain cannot reach a: it would have to
        enter a school through an α meeting). This is the classic argument that
        a bipartite graph of maximum degree S fits into S slots; unavailability,
        kept meetings and table counts can block a chain, so all pairs are tried.
        """
        a, b = self.ea[c], self.eb[c]
        free_a = self.avail[a] & ~self.busy[a] & self.avail[b]
        free_b = self.avail[b] & ~self.busy[b] & self.avail[a]
        if not free_a or not free_b:
            return False
        for alpha in bits(free_a):
            for beta in bits(free_b & ~(1 << alpha)):
                chain = self._chain(b, alpha, beta)
                if chain is None:
                    continue
                mark = self.mark()
                for m in chain:
                    self.remove(m)
                for k, m in enumerate(chain):
                    self.place(m, beta if k % 2 == 0 else alpha)
                if self.load[alpha] < self.cap and self.load[beta] <= self.cap and not self.busy[b] >> alpha & 1:
                    self.place(c, alpha)
                    return True
                self.rollback(mark)
        return False

    def _chain(self, start: int, alpha: int, beta: int) -> list[int] | None:
        """The α/β alternating chain from ``start``, or None if it cannot be swapped."""
        chain, v, here, there = [], start, alpha, beta
        while True:
            m = self.at[v][here]
            if m < 0:
                break
            if self.pinned(m):
                return None
            u = self.eb[m] if self.ea[m] == v else self.ea[m]
            if not (self.avail[u] >> there & 1 and self.avail[v] >> there & 1):
                return None
            chain.append(m)
            v, here, there = u, there, here
            if len(chain) > 2 * len(self.load) + 64:  # cannot happen on a valid board
                return None
        # swapping changes the loads: α loses one meeting per α edge and gains per β edge
        shift = len(chain) % 2  # odd chain: one meeting moves from α to β
        if shift and self.load[beta] + 1 > self.cap:
            return None
        return chain

    # --- insertion with relocation ----------------------------------------------------

    def insert(self, c: int, depth: int) -> bool:
        """Place ``c``, moving meetings that block it to other slots when needed.

        A bounded depth-first search over chains of relocations (an ejection chain,
        the general form of the alternating paths used to edge-colour bipartite
        graphs); never drops anything, so it can only improve the schedule.
        """
        self.budget -= 1
        if self.at_limit(c):
            return False
        free = self.free_slots(c)
        if free:
            self.place(c, self.best_slot(c, free))
            return True
        if depth <= 0 or self.budget <= 0 or self.full == self.all_slots:
            return False
        if self.kempe(c):
            return True
        a, b = self.ea[c], self.eb[c]
        can_move_a = self.avail[a] & ~self.busy[a]
        can_move_b = self.avail[b] & ~self.busy[b]
        options = []
        for s in bits(self.avail[a] & self.avail[b]):
            ma, mb = self.at[a][s], self.at[b][s]
            if (ma >= 0 and (self.pinned(ma) or not can_move_a)) or (
                mb >= 0 and (self.pinned(mb) or not can_move_b)
            ):
                continue
            blockers = [m for m in {ma, mb} if m >= 0]
            options.append((len(blockers) or 3, self.spread_cost(c, s), s, blockers))
        options.sort(key=lambda o: o[:3])
        for _, _, s, blockers in options:
            if self.budget <= 0:
                return False
            mark = self.mark()
            if blockers:
                for m in blockers:
                    self.remove(m)
                self.place(c, s)
                if all(self.insert(m, depth - 1) for m in blockers):
                    return True
                self.rollback(mark)
                continue
            # Only the tables are taken: move one meeting of this slot elsewhere.
            for m in sorted(self.members[s]):
                if self.pinned(m) or self.budget <= 0:
                    continue
                self.remove(m)
                self.place(c, s)
                if self.insert(m, depth - 1):
                    return True
                self.rollback(mark)
        return False

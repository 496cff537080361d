"""The full recompute: exact top k for every need and every programme.

Cost is dominated by the pairs the sparse kernel touches, so each pair is touched about
once, not once per direction:

1. Needs: per need group, the kernel keeps each need's m = 4k best programmes (values
   φ·text + D, topk.py). A need's k best come straight from its list; a need whose k-th
   value ties its m-th is recomputed in full.
2. Programmes, derived from the same lists. A need n that does not list programme p
   scores ≤ τ_n, the last value on n's full list. So p's k best are exact once every
   need with τ_n ≥ (p's k-th best listed value) has been scored against p. Those needs
   are few for most programmes: programmes are bucketed by how many such needs they
   have, and each bucket is scored against just that prefix of needs (sorted by τ).
   A remaining tie at the cut sends the programme to a full recompute.

One direction alone (``iter_blocks``, used by the command line) is ranked straight from
the kernel instead, k + 1 per row, which is cheaper than deriving it when the other
direction is not wanted, and handed out in blocks whose reasons are built when reached.

Values of a pair are bitwise the same whichever way it is computed (same products, same
summation order), so bulk, streamed and single-item answers agree exactly.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from . import topk
from .suggest import SuggestionParts, assemble

LIST_FACTOR = 4
CHUNK = 8192
SUGGEST_CHUNK = 65536


def all_top(engine, k: int, direction: str) -> dict:
    """{id: [Suggestion]} for every stored id of the side named by ``direction``."""
    with gc_paused():
        return _all_top(engine, k, direction)


def iter_top(engine, k: int, direction: str, chunk_pairs: int = SUGGEST_CHUNK):
    """The answers of ``all_top`` for one side as a stream: lists of (id, [Suggestion]) in
    slot order (for a fitted engine, the order documents were given), each list holding
    about ``chunk_pairs`` suggestions (see ``iter_blocks``)."""
    for block in iter_blocks(engine, k, direction, chunk_pairs):
        yield block.items()


def iter_blocks(engine, k: int, direction: str, chunk_pairs: int = SUGGEST_CHUNK):
    """``iter_top`` as Blocks: the suggestions of consecutive own slots, unassembled.

    Only the requested direction is ranked, straight from the kernel (k + 1 per row), not
    derived from the other side's lists as ``all_top`` does (cheaper for one direction,
    dearer for both). A block's reasons are built when it is reached, so suggestions never
    exist for everything at once. Rankings and values are the same as ``all_top``'s (same
    products, same summation order, exact top k, ties by id).

    Needs are ranked per need group, so their first block comes once every group is done
    (meanwhile an array of (slot, programme, value), 24 bytes a pair); programmes are
    ranked in chunks of ``CHUNK`` slots, each handed on as soon as it is ranked."""
    if direction not in ("needs", "programmes"):
        raise ValueError("direction must be 'needs' or 'programmes'")
    own = engine.needs if direction == "needs" else engine.programmes
    other = engine.programmes if direction == "needs" else engine.needs
    kind = "programmes" if direction == "needs" else "needs"
    per_block = max(1, chunk_pairs // max(k, 1))
    if k <= 0 or len(other) == 0:
        none = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        yield from _blocks(engine, own, 0, own.n_rows, none, per_block, kind)
        return
    if direction == "needs":
        with gc_paused():
            triples = _rank_needs(engine, k)
            release_memory()
        yield from _blocks(engine, own, 0, own.n_rows, triples, per_block, kind)
        return
    p = engine.programmes
    for start in range(0, p.n_rows, CHUNK):
        chunk = np.arange(start, min(start + CHUNK, p.n_rows))
        with gc_paused():
            r, c, v = engine._needs_for_rows(p.matrix[chunk], {n: a[chunk] for n, a in p.attrs.items()}, k)
        yield from _blocks(engine, own, start, start + len(chunk), (chunk[r], c, v), per_block, kind)


class Block(NamedTuple):
    """Consecutive own items of a streamed recompute: ``ids[i]``'s suggestions are pairs
    ``starts[i]`` to ``ends[i]`` (best first) of ``parts`` (suggest.SuggestionParts)."""

    ids: list[str]
    starts: list[int]
    ends: list[int]
    parts: SuggestionParts

    def items(self) -> list[tuple[str, list]]:
        """[(id, [Suggestion])], assembled as ``all_top`` does."""
        suggestions = assemble(self.parts)
        return [(i, suggestions[a:b]) for i, a, b in zip(self.ids, self.starts, self.ends)]


_NO_PARTS = SuggestionParts([], [], [], [], [])


def _rank_needs(engine, k: int):
    """(need slots, programme slots, raws) of every need's k best, sorted by need slot,
    value descending, id: the kernel per need group, in chunks, k + 1 per row."""
    parts = []
    for gkey in sorted(engine._groups):
        members = np.array(sorted(engine._groups[gkey]), dtype=np.int64)
        for start in range(0, len(members), CHUNK):
            chunk = members[start:start + CHUNK]
            r, c, v = engine._programmes_for_rows(engine.needs.matrix[chunk], gkey, k)
            parts.append((chunk[r], c, v))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return _sorted_triples(parts, engine._id_ranks(engine.programmes))


def _blocks(engine, own, first: int, end: int, triples, per_block: int, kind: str):
    """Blocks for own slots first..end−1 (emptied slots skipped) from their ranked triples
    (sorted by slot), reasons built one block at a time."""
    rows, cols, vals = triples
    ids = own.ids
    matrix = engine._explanation(own) if len(rows) else None
    for start in range(first, end, per_block):
        stop = min(start + per_block, end)
        a, b = np.searchsorted(rows, [start, stop]).tolist()
        with gc_paused():
            parts = engine._suggestion_parts(matrix, own.attrs, rows[a:b], cols[a:b], vals[a:b], kind) if b > a else _NO_PARTS
        bounds = np.searchsorted(rows[a:b], np.arange(start, stop + 1)).tolist()
        live = [i for i, slot in enumerate(range(start, stop)) if ids[slot] is not None]
        yield Block([ids[start + i] for i in live], [bounds[i] for i in live], [bounds[i + 1] for i in live], parts)


@contextmanager
def gc_paused():
    """No cyclic garbage collection while a recompute builds millions of small tuples.

    Those tuples hold no cycles, but each allocation burst triggers a collection that
    walks every live object (documents, earlier suggestions): measured, that was most of
    the time spent building suggestions. Reference counting still frees everything.
    Also a decorator: single-item updates and queries use it, so a collection that happens
    to fall inside one does not multiply its latency."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _all_top(engine, k: int, direction: str) -> dict:
    own = engine.needs if direction == "needs" else engine.programmes
    other = engine.programmes if direction == "needs" else engine.needs
    out = {i: [] for i in own.ids if i is not None}
    if k <= 0 or not out or len(other) == 0:
        return out
    if direction == "needs":
        rows, cols, vals = _best_for_needs(engine, k)
        release_memory()
        matrix, attrs, kind = engine._explanation(engine.needs), engine.needs.attrs, "programmes"
    else:
        rows, cols, vals = _best_for_programmes(engine, k)
        engine._need_lists_cache = None  # both sides are done: free the lists
        release_memory()
        matrix, attrs, kind = engine._explanation(engine.programmes), engine.programmes.attrs, "needs"
    ids = own.ids
    suggestions = []
    for start in range(0, len(rows), SUGGEST_CHUNK):
        suggestions.extend(engine._suggest(matrix, attrs, rows[start:start + SUGGEST_CHUNK],
                                           cols[start:start + SUGGEST_CHUNK], vals[start:start + SUGGEST_CHUNK], kind))
        if start // SUGGEST_CHUNK % 4 == 3:
            release_memory()
    # rows are sorted by slot: hand each item its slice.
    bounds = np.flatnonzero(np.diff(rows)) + 1
    starts = np.concatenate(([0], bounds)).tolist() if len(rows) else []
    ends = np.concatenate((bounds, [len(rows)])).tolist() if len(rows) else []
    for a, b in zip(starts, ends):
        out[ids[rows[a]]] = suggestions[a:b]
    return out


def need_lists(engine, k: int):
    """(lists, slots, tau, m): each need's m best programmes as CSR rows in group order
    (``slots`` maps a list row to its need slot) and τ per list row, the m-th value of a
    full list (−inf when the list holds every positive pair). Cached until either side
    changes; kept in kernel order (best first), so no global re-sort is needed."""
    m = max(k + 1, LIST_FACTOR * k)
    key = (engine.needs.version, engine.programmes.version, m, id(engine.needs), id(engine.programmes))
    cached = getattr(engine, "_need_lists_cache", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    p = engine.programmes
    pt = engine._pt()
    slots, indptrs, indices, data = [], [], [], []
    offset = 0
    for gkey in sorted(engine._groups):
        members = np.array(sorted(engine._groups[gkey]), dtype=np.int64)
        phi = engine._phi(gkey, p.attrs["cluster"], p.attrs["rank"], p.attrs["modes"])
        bt = topk.scale_columns(pt, phi, engine._n_text)
        for start in range(0, len(members), CHUNK):
            chunk = members[start:start + CHUNK]
            res = topk.kernel(engine.needs.matrix[chunk], bt, m, engine._threshold, engine.n_threads)
            slots.append(chunk)
            indptrs.append(res.indptr[1:].astype(np.int64) + offset)
            offset += res.nnz
            indices.append(res.indices.astype(np.int32))
            data.append(res.data)
        del bt
    n_rows = sum(len(x) for x in slots)
    indptr = np.concatenate([np.zeros(1, np.int64)] + indptrs)
    lists = sp.csr_matrix((np.concatenate(data) if data else np.zeros(0),
                           np.concatenate(indices) if indices else np.zeros(0, np.int32), indptr),
                          shape=(n_rows, p.n_rows))
    slots = np.concatenate(slots) if slots else np.zeros(0, np.int64)
    counts = np.diff(lists.indptr)
    tau = np.full(n_rows, -np.inf)
    full = np.flatnonzero(counts >= m)
    if len(full):
        tau[full] = lists.data[lists.indptr[full + 1] - 1]  # kernel rows are sorted, best first
    result = (lists, slots, tau, m)
    engine._need_lists_cache = (key, result)
    return result


def _best_for_needs(engine, k):
    lists, slots, tau, m = need_lists(engine, k)
    rank_p = engine._id_ranks(engine.programmes)
    rows, cols, vals = topk.best_k_rows(lists, rank_p, k, presorted=True)
    kth = _kth(rows, vals, lists.shape[0], k)
    redo = np.flatnonzero(np.isfinite(tau) & (kth <= tau))
    parts = [(slots[rows], cols, vals)]
    if len(redo):
        keep = ~np.isin(rows, redo)
        parts = [(slots[rows[keep]], cols[keep], vals[keep])]
        redo_slots = slots[redo]
        for gkey in sorted(engine._groups):
            members = np.array(sorted(engine._groups[gkey]), dtype=np.int64)
            mine = members[np.isin(members, redo_slots)]
            if len(mine):
                r, c, v = engine._programmes_for_rows(engine.needs.matrix[mine], gkey, k)
                parts.append((mine[r], c, v))
    return _sorted_triples(parts, rank_p)


def _best_for_programmes(engine, k):
    lists, slots, tau_rows, m = need_lists(engine, k)
    p, n = engine.programmes, engine.needs
    rank_n = engine._id_ranks(n)
    inverted = _by_value(sp.csr_matrix(lists.T))
    c_rows, c_cols, c_vals = topk.best_k_rows(inverted, rank_n[slots], k, presorted=True)
    del inverted
    c_cols = slots[c_cols]
    kth = _kth(c_rows, c_vals, p.n_rows, k)
    tau = np.full(n.n_rows, -np.inf)
    tau[slots] = tau_rows
    full = np.flatnonzero(np.isfinite(tau))
    full = full[np.lexsort((full, -tau[full]))]
    tau_sorted = tau[full]
    # How many full needs have τ ≥ k-th: the needs that could still beat the listed ones.
    reach = np.searchsorted(-tau_sorted, -kth, side="right")
    live = np.zeros(p.n_rows, bool)
    live[p.live_rows()] = True
    parts = []
    done = live & (reach == 0)
    sel = done[c_rows]
    parts.append((c_rows[sel], c_cols[sel], c_vals[sel]))
    bounds = sorted({int(np.ceil(len(full) / 2 ** j)) for j in range(13)} | {len(full)})
    lower = 0
    for bound in bounds:
        rows_b = np.flatnonzero(live & (reach > lower) & (reach <= bound))
        lower = bound
        if len(rows_b) == 0:
            continue
        for start in range(0, len(rows_b), CHUNK):
            chunk = rows_b[start:start + CHUNK]
            parts.append(_programmes_against_prefix(engine, chunk, full[:bound], k, c_rows, c_cols, c_vals, rank_n))
    return _sorted_triples(parts, rank_n, k)


def _programmes_against_prefix(engine, prog_rows, need_slots, k, c_rows, c_cols, c_vals, rank_n):
    """Exact k best needs of some programmes, knowing every need outside ``need_slots``
    is either listed (candidates) or below their k-th listed value."""
    p, n = engine.programmes, engine.needs
    mask = np.zeros(n.n_rows, bool)
    mask[need_slots] = True
    a = p.matrix[prog_rows]
    attrs = {name: values[prog_rows] for name, values in p.attrs.items()}
    entry_rows = np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))
    acc, blocks = None, []
    for gkey in sorted(engine._groups):
        members, bt = engine._group_operand(gkey)
        inside = mask[members]
        if not inside.any():
            continue
        if not inside.all():
            members = members[inside]
            bt = sp.csr_matrix(n.matrix[members].T)
            bt.sort_indices()
        phi = engine._phi(gkey, attrs["cluster"], attrs["rank"], attrs["modes"])
        part = topk.kernel(topk.scale_rows(a, phi, engine._n_text, entry_rows), bt, k + 1,
                           engine._threshold, engine.n_threads)
        acc = topk.zip_top(acc, part, k + 1)
        blocks.append(members)
    local = np.searchsorted(prog_rows, c_rows)
    local = np.minimum(local, len(prog_rows) - 1)
    is_mine = prog_rows[local] == c_rows
    if acc is None:
        return c_rows[is_mine], c_cols[is_mine], c_vals[is_mine]
    members = np.concatenate(blocks)
    # The prefix's (k+1)-th value bounds every prefix need not returned.
    counts = np.diff(acc.indptr)
    bound = np.full(len(prog_rows), -np.inf)
    at = np.flatnonzero(counts > k)
    if len(at):
        bound[at] = np.minimum.reduceat(acc.data, acc.indptr[:-1])[at]
    rows = np.concatenate((c_rows[is_mine], prog_rows[np.repeat(np.arange(len(prog_rows)), counts)]))
    cols = np.concatenate((c_cols[is_mine], members[acc.indices]))
    vals = np.concatenate((c_vals[is_mine], acc.data))
    rows, cols, vals = _dedupe(rows, cols, vals, n.n_rows)
    rows, cols, vals = _sorted_triples([(rows, cols, vals)], rank_n, k)
    kth = _kth(rows, vals, p.n_rows, k)[prog_rows]
    redo = prog_rows[kth <= bound]
    if len(redo):
        keep = ~np.isin(rows, redo)
        full = engine._needs_full(p.matrix[redo], {name: values[redo] for name, values in p.attrs.items()},
                                  sorted(engine._groups))
        r, c, v = topk.best_k_rows(full, rank_n, k)
        rows, cols, vals = _sorted_triples([(rows[keep], cols[keep], vals[keep]), (redo[r], c, v)], rank_n, k)
    return rows, cols, vals


def release_memory() -> None:
    """Give freed heap memory back to the system (glibc keeps large freed blocks after
    the many temporary arrays of a recompute; without this the resident size only grows).
    A no-op where malloc_trim does not exist."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM = None


def _by_value(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """The same matrix with each row's entries in descending value order (one sort on a
    combined key: row first, then value; values lie in (0, 2))."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    order = np.argsort(rows * 4.0 - matrix.data, kind="stable")
    return sp.csr_matrix((matrix.data[order], matrix.indices[order], matrix.indptr), shape=matrix.shape)


def _kth(rows, vals, n_rows: int, k: int) -> np.ndarray:
    """Per row, the k-th value of (rows, vals) sorted by row then value descending; −inf
    when a row has fewer than k."""
    out = np.full(n_rows, -np.inf)
    if len(rows) == 0:
        return out
    starts = np.searchsorted(rows, np.arange(n_rows))
    ends = np.searchsorted(rows, np.arange(n_rows), side="right")
    has = np.flatnonzero(ends - starts >= k)
    out[has] = vals[starts[has] + k - 1]
    return out


def _dedupe(rows, cols, vals, n_cols: int):
    """Drop repeated (row, col) pairs (their values are identical)."""
    key = rows.astype(np.int64) * n_cols + cols
    _, first = np.unique(key, return_index=True)
    return rows[first], cols[first], vals[first]


def _sorted_triples(parts, id_rank, k: int | None = None):
    """Concatenate (rows, cols, vals) parts; sort by row, value desc, id; keep k per row."""
    rows = np.concatenate([x[0] for x in parts]).astype(np.int64)
    cols = np.concatenate([x[1] for x in parts]).astype(np.int64)
    vals = np.concatenate([x[2] for x in parts])
    order = np.lexsort((id_rank[cols], -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    if k is not None and len(rows):
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
        keep = rank < k
        rows, cols, vals = rows[keep], cols[keep], vals[keep]
    return rows, cols, vals

"""Exact top-k from sparse products, never a programmes × needs dense array.

The structural factor C·L·M of a pair depends only on the need's group (cluster, kind,
level) and on the programme, so per need group it is a per-programme scale: folded into
the programme side of the product, the kernel (sparse_dot_topn) returns φ·text + D
directly. The district bonus D rides along as extra columns: the need row holds the
bonus at its own and neighbouring districts, the programme row a 1 at its district.

Exactness: the kernel keeps the m = k + 1 largest values per row. Anything it did not
return is ≤ the m-th value, so when the k-th value is strictly larger the top k are
exact; otherwise (a tie at the cut) the row is recomputed in full. Ties are then broken
by id. Rows are independent in the kernel, so a single-item query and the bulk
computation do the same arithmetic and agree exactly.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn, zip_sp_matmul_topn


#: Below this many rows the kernel runs on one thread (starting threads costs more).
THREAD_MIN_ROWS = 512


def kernel(a: sp.csr_matrix, b: sp.csr_matrix, top_n: int, threshold: float, n_threads: int) -> sp.csr_matrix:
    """a @ b keeping the top_n values > threshold per row (sorted, best first)."""
    top_n = max(1, min(top_n, b.shape[1]))
    if a.shape[0] == 0 or b.shape[1] == 0 or a.nnz == 0 or b.nnz == 0:
        return sp.csr_matrix((a.shape[0], b.shape[1]), dtype=np.float64)
    threads = n_threads if a.shape[0] >= THREAD_MIN_ROWS else 1
    out = sp_matmul_topn(a, b, top_n=top_n, threshold=threshold, sort=True, n_threads=threads)
    out = sp.csr_matrix(out)
    out.eliminate_zeros()
    return out


def scale_columns(bt: sp.csr_matrix, factor: np.ndarray, n_text: int, keep: np.ndarray | None = None) -> sp.csr_matrix:
    """b (features × items) with the text rows' entries multiplied by factor[item]; items
    with keep == 0 are zeroed entirely (multiplying by 1.0 leaves the others exact)."""
    data = bt.data.copy()
    end = bt.indptr[n_text]
    data[:end] *= factor[bt.indices[:end]]
    if keep is not None:
        data *= keep[bt.indices]
    return sp.csr_matrix((data, bt.indices, bt.indptr), shape=bt.shape)


def scale_rows(a: sp.csr_matrix, factor: np.ndarray, n_text: int, entry_rows=None) -> sp.csr_matrix:
    """a (items × features) with each row's text entries multiplied by factor[row]."""
    if entry_rows is None:
        entry_rows = np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))
    mult = np.where(a.indices < n_text, factor[entry_rows], 1.0)
    return sp.csr_matrix((a.data * mult, a.indices, a.indptr), shape=a.shape)


def zip_top(acc: sp.csr_matrix | None, part: sp.csr_matrix, top_n: int) -> sp.csr_matrix:
    """Merge column blocks: keep the top_n values per row of [acc | part]."""
    if acc is None:
        return part
    if part.nnz == 0:
        return sp.csr_matrix((acc.data, acc.indices, acc.indptr), shape=(acc.shape[0], acc.shape[1] + part.shape[1]))
    if acc.nnz == 0:
        shifted = part.indices + acc.shape[1]
        return sp.csr_matrix((part.data, shifted, part.indptr), shape=(acc.shape[0], acc.shape[1] + part.shape[1]))
    return sp.csr_matrix(zip_sp_matmul_topn(top_n, [acc, part]))


def rows_needing_full(result: sp.csr_matrix, k: int) -> np.ndarray:
    """Rows whose k-th value ties the (k+1)-th kept value: the cut may hide an equal one.

    Every row holds at most k + 1 values (the kernel's and the merge's top_n).
    """
    counts = np.diff(result.indptr)
    full = np.flatnonzero(counts > k)
    if len(full) == 0:
        return full
    take = result.indptr[full][:, None] + np.arange(k + 1)[None, :]
    vals = np.sort(result.data[take], axis=1)
    return full[vals[:, 1] <= vals[:, 0]]


def best_k(cols: np.ndarray, vals: np.ndarray, id_rank: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (col, value) of one row: value descending, then id ascending."""
    order = np.lexsort((id_rank[cols], -vals))[:k]
    return cols[order], vals[order]


def best_k_rows(result: sp.csr_matrix, id_rank: np.ndarray, k: int, presorted: bool = False):
    """Per row of a kernel result: (row, col, value) of its k best, rows ascending, then
    value descending, then id. ``presorted``: rows already hold values in descending
    order (kernel output, or nearly: within 1e-9), so only the first k and their near ties
    need sorting."""
    counts = np.diff(result.indptr)
    rows = np.repeat(np.arange(result.shape[0]), counts)
    cols = result.indices.astype(np.int64)
    vals = result.data
    if presorted and len(rows):
        pos = np.arange(len(rows)) - result.indptr[rows]
        kth = np.full(result.shape[0], np.inf)
        has = np.flatnonzero(counts >= k)
        kth[has] = vals[result.indptr[has] + k - 1]
        near = (pos < k) | (vals >= kth[rows] - 1e-9)  # slack: an approximate order is enough here
        rows, cols, vals = rows[near], cols[near], vals[near]
    order = np.lexsort((id_rank[cols], -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(len(rows)) - starts) < k
    return rows[keep], cols[keep], vals[keep]

"""Row storage for one side (programmes or needs): vectors plus the fields the rules read.

Rows are stable slots: an update rewrites its slot, a removal empties it (the id is
forgotten), a new document takes a new slot. Each change copies the CSR arrays once
(O(non-zeros), a few milliseconds at 50,000 documents) and never touches the
vocabulary, so an update is cheap and equals a full re-index with the same text model.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp


class Side:
    """Documents of one kind, as CSR rows and parallel attribute arrays."""

    def __init__(self, n_cols: int, attrs: tuple[str, ...]):
        self.n_cols = n_cols
        self.ids: list[str | None] = []
        self.docs: list = []
        self.row_of: dict[str, int] = {}
        self.matrix = sp.csr_matrix((0, n_cols), dtype=np.float64)
        self.attr_names = attrs
        self.attrs: dict[str, np.ndarray] = {name: np.zeros(0) for name in attrs}
        self.version = 0

    def __len__(self) -> int:
        return len(self.row_of)

    @property
    def n_rows(self) -> int:
        """Slots, including emptied ones."""
        return len(self.ids)

    def load(self, ids, docs, matrix: sp.csr_matrix, attrs: dict[str, np.ndarray]) -> None:
        """Replace everything (a full index)."""
        self.ids = list(ids)
        self.docs = list(docs)
        self.row_of = {doc_id: i for i, doc_id in enumerate(self.ids)}
        self.matrix = sp.csr_matrix(matrix, dtype=np.float64)
        self.attrs = {name: np.asarray(attrs[name]) for name in self.attr_names}
        self.version += 1

    def put(self, doc_id: str, doc, row: sp.csr_matrix, attrs: dict) -> int:
        """Insert or replace one document; returns its slot."""
        slot = self.row_of.get(doc_id)
        if slot is None:
            slot = len(self.ids)
            self.ids.append(doc_id)
            self.docs.append(doc)
            self.row_of[doc_id] = slot
            self.matrix = _append_row(self.matrix, row)
            for name in self.attr_names:
                self.attrs[name] = np.append(self.attrs[name], attrs[name])
        else:
            self.docs[slot] = doc
            self.matrix = _replace_row(self.matrix, slot, row)
            for name in self.attr_names:
                self.attrs[name][slot] = attrs[name]
        self.version += 1
        return slot

    def remove(self, doc_id: str) -> int:
        """Empty a document's slot; KeyError if unknown."""
        slot = self.row_of.pop(doc_id)
        self.ids[slot] = None
        self.docs[slot] = None
        self.matrix = _replace_row(self.matrix, slot, sp.csr_matrix((1, self.n_cols)))
        self.version += 1
        return slot

    def live_rows(self) -> np.ndarray:
        """Slots holding a document, in slot order."""
        return np.fromiter(self.row_of.values(), dtype=np.int64, count=len(self.row_of)) if self.row_of else np.zeros(0, np.int64)

    def id_ranks(self) -> np.ndarray:
        """Per slot, the rank of its id in string order (ties are broken by id)."""
        keys = np.array([i if i is not None else "" for i in self.ids], dtype=str) if self.ids else np.zeros(0, str)
        order = np.argsort(keys, kind="stable")
        ranks = np.empty(len(keys), dtype=np.int64)
        ranks[order] = np.arange(len(keys))
        return ranks


def _append_row(matrix: sp.csr_matrix, row: sp.csr_matrix) -> sp.csr_matrix:
    row = sp.csr_matrix(row)
    indptr = np.concatenate((matrix.indptr, [matrix.indptr[-1] + row.nnz]))
    data = np.concatenate((matrix.data, row.data))
    indices = np.concatenate((matrix.indices, row.indices.astype(matrix.indices.dtype)))
    return sp.csr_matrix((data, indices, indptr), shape=(matrix.shape[0] + 1, matrix.shape[1]))


def _replace_row(matrix: sp.csr_matrix, slot: int, row: sp.csr_matrix) -> sp.csr_matrix:
    row = sp.csr_matrix(row)
    lo, hi = matrix.indptr[slot], matrix.indptr[slot + 1]
    data = np.concatenate((matrix.data[:lo], row.data, matrix.data[hi:]))
    indices = np.concatenate((matrix.indices[:lo], row.indices.astype(matrix.indices.dtype), matrix.indices[hi:]))
    indptr = matrix.indptr.copy()
    indptr[slot + 1 :] += row.nnz - (hi - lo)
    return sp.csr_matrix((data, indices, indptr), shape=matrix.shape)

"""Turning ranked pairs into Suggestions with their reasons, in bulk.

A mixin of the Recommender: it keeps each side's explanation rows (its strongest shown
features, terms.py) in step with incremental changes and attaches the structured reasons
(cluster, level, mode, district) as shared tuples, so a million suggestions cost little
more than a million small objects.
"""
from __future__ import annotations

import operator
from functools import partial
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from . import scoring as S
from . import terms as TM
from .documents import Reason, Suggestion
from .store import Side
from .store import _append_row as store_append
from .store import _replace_row as store_replace


class SuggestionsMixin:
    """Explanation rows and suggestion building for the Recommender."""

    def _terms_table(self) -> TM.TermTable:
        table = getattr(self, "_table", None)
        if table is None or table[0] is not self.text.han_vocab:
            table = (self.text.han_vocab, TM.TermTable(self.text))
            self._table = table
        return table[1]

    def _explanation(self, side: Side) -> sp.csr_matrix:
        """The side's explanation rows (strongest shown features), kept in step with changes."""
        cache = self._expl.get(id(side))
        if cache is None or cache[0] != side.version:
            cache = (side.version, TM.explanation_rows(side.matrix, self._terms_table(), self._n_text))
            self._expl[id(side)] = cache
        return cache[1]

    def _explanation_put(self, side: Side, slot: int, row: sp.csr_matrix, old_version: int) -> None:
        """Update one slot of a side's explanation rows after a change (no full rebuild)."""
        cache = self._expl.get(id(side))
        if cache is None or cache[0] != old_version:
            return
        expl_row = TM.explanation_rows(row, self._terms_table(), self._n_text)
        matrix = cache[1]
        matrix = store_replace(matrix, slot, expl_row) if slot < matrix.shape[0] else store_append(matrix, expl_row)
        self._expl[id(side)] = (side.version, matrix)

    def _suggest(self, own_matrix, own_attrs, own_rows, other_slots, raws, kind) -> list[Suggestion]:
        """Suggestions for pairs (own_rows[i] of own_matrix, other_slots[i] of the other side).

        ``own_matrix`` holds the explanation rows of the own side."""
        return assemble(self._suggestion_parts(own_matrix, own_attrs, own_rows, other_slots, raws, kind))

    def _suggestion_parts(self, own_matrix, own_attrs, own_rows, other_slots, raws, kind) -> "SuggestionParts":
        """What ``_suggest`` assembles, unassembled (a writer can encode each distinct part once)."""
        table = self._terms_table()
        if kind == "programmes":
            other = self.programmes
            n_rows, p_rows, n_attrs, p_attrs = own_rows, other_slots, own_attrs, other.attrs
            shared = TM.shared_terms(own_matrix, self._explanation(other), own_rows, other_slots, table)
        else:
            other = self.needs
            n_rows, p_rows, n_attrs, p_attrs = other_slots, own_rows, other.attrs, own_attrs
            shared = TM.shared_terms(self._explanation(other), own_matrix, other_slots, own_rows, table)
        structured, which = self._structured_reasons(n_attrs, n_rows, p_attrs, p_rows)
        norm = self.rules.normaliser()
        scores = np.sqrt(np.clip(np.asarray(raws, dtype=np.float64) / norm, 0.0, 1.0)).tolist()
        ids = list(map(other.ids.__getitem__, other_slots.tolist()))
        return SuggestionParts(ids, scores, shared, structured, which)

    def _structured_reasons(self, n_attrs, n_rows, p_attrs, p_rows) -> tuple[list[tuple[Reason, ...]], list[int]]:
        """The distinct tuples of structured reasons (cluster, level, mode, district) of some
        pairs, shared objects, and per pair the index of its tuple."""
        same = (n_attrs["cluster"][n_rows] == p_attrs["cluster"][p_rows]).astype(np.int64)
        kinds = n_attrs["kind"][n_rows].astype(np.int64)
        n_rank = n_attrs["rank"][n_rows].astype(float)
        p_rank = p_attrs["rank"][p_rows].astype(float)
        p_modes = p_attrs["modes"][p_rows].astype(np.int64)
        level = np.zeros(len(n_rows), np.int64)
        mode = np.full(len(n_rows), -1, np.int64)
        for kind_index in np.unique(kinds):
            mask = kinds == kind_index
            kind = self._kinds[kind_index]
            level[mask] = _level_codes(self.rules, kind, n_rank[mask], p_rank[mask])
            mode[mask] = self.rules.mode_codes(kind, p_modes[mask])
        district = self.rules.district_codes(n_attrs["district"][n_rows].astype(np.int64),
                                             p_attrs["district"][p_rows].astype(np.int64))
        code = ((same * 4 + level) * 64 + (mode + 1)) * 4 + district
        uniq, inverse = np.unique(code, return_inverse=True)
        table = [self._structured.get(int(c) // 1024, (int(c) // 256) % 4, (int(c) // 4) % 64 - 1, int(c) % 4) for c in uniq]
        return table, inverse.ravel().tolist()


def assemble(parts: "SuggestionParts") -> list[Suggestion]:
    """The Suggestions of some pairs from their parts."""
    # A million pairs: every loop below runs in C (map, zip, tuple.__new__), and equal
    # term lists share one Reason (memory).
    term_reasons = list(map(_TermReasons().__getitem__, parts.terms))
    reasons = map(operator.add, term_reasons, map(parts.structured.__getitem__, parts.which))
    return list(map(_new_suggestion, zip(parts.ids, parts.scores, reasons)))


class SuggestionParts(NamedTuple):
    """Suggestions of some pairs, unassembled. Per pair: the other side's id, the score,
    the shared key terms (possibly none) and ``which``, an index into ``structured`` (the
    distinct tuples of structured reasons). A pair's reasons are
    ``(Reason("shared_terms", terms),)`` when it has terms, then ``structured[which]``."""

    ids: list[str]
    scores: list[float]
    terms: list[tuple[str, ...]]
    structured: list[tuple[Reason, ...]]
    which: list[int]


def _level_codes(rules: S.Rules, kind: str, n_rank, p_rank) -> np.ndarray:
    """LEVEL_* for pairs with per-pair need ranks."""
    gap = p_rank - n_rank
    code = np.where(np.isnan(gap), S.LEVEL_UNKNOWN, np.where(gap < 0, S.LEVEL_BELOW, S.LEVEL_FITS))
    if kind in S.OPERATOR_KINDS:
        code = np.where(gap >= rules.weights.above_gap, S.LEVEL_ABOVE, code)
    return code


#: Suggestion(id, score, reasons) from one (id, score, reasons) tuple, without a Python call.
_new_suggestion = partial(tuple.__new__, Suggestion)


class _TermReasons(dict):
    """terms → (Reason("shared_terms", terms),), or () for no terms; built once per distinct list."""

    def __missing__(self, terms):
        found = self[terms] = (tuple.__new__(Reason, ("shared_terms", terms)),) if terms else ()
        return found

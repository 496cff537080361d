"""The recommender: fit on programme and need documents, rank both ways, explain.

Plain data in (ProgrammeDoc, NeedDoc), plain data out (Suggestion, Reason); no I/O.
Scores follow scoring.py; top-k come from sparse products (topk.py); every ranking is
deterministic, ties broken by id. Single-item queries and the bulk ``all_top`` run the
same kernel on the same rows, so they agree exactly.
"""
from __future__ import annotations

import os

import numpy as np
import scipy.sparse as sp

from . import bulk
from . import explain as E
from . import scoring as S
from . import terms as TM
from . import topk
from .documents import NeedDoc, ProgrammeDoc, Suggestion
from .store import Side
from .suggest import SuggestionsMixin
from .vectorise import TextConfig, TextModel

#: District columns reserved after the text features (districts beyond get no bonus).
DISTRICT_SLOTS = 256


class Recommender(SuggestionsMixin):
    """Ranks programmes for needs and needs for programmes.

    ``fit`` learns the vocabulary and IDF from all documents and indexes them; the
    ``upsert_*``/``remove_*`` methods change one document against that frozen text model
    (no refit); ``index`` re-indexes everything with it. ``all_top`` is the full
    recompute; ``programmes_for_need``/``needs_for_programme`` answer for one item.
    """

    def __init__(self, weights: S.Weights | None = None, text_config: TextConfig | None = None,
                 reference: S.Reference | None = None, n_threads: int | None = None, thesaurus=None):
        self.rules = S.Rules(weights, reference)
        self.text = TextModel(text_config, thesaurus)
        self.n_threads = n_threads or max(1, min(os.cpu_count() or 1, 8))
        self._structured = E.StructuredReasons(self.rules.reference.modes)
        self._clusters: dict[str, int] = {}
        self._kinds: list[str] = []
        self._n_text = 0
        for name in self.rules.reference.neighbours:
            self.rules.district_id(name)
        for names in self.rules.reference.neighbours.values():
            for name in names:
                self.rules.district_id(name)
        self._reset_sides()

    # -- building -------------------------------------------------------------------------------
    def _reset_sides(self) -> None:
        width = self._n_text + DISTRICT_SLOTS
        self.programmes = Side(width, ("cluster", "rank", "modes", "district"))
        self.needs = Side(width, ("cluster", "kind", "rank", "district"))
        self._pt_cache = (None, None)
        self._pt_stale: set[int] = set()
        self._expl: dict[int, tuple[int, sp.csr_matrix]] = {}
        self._groups: dict[tuple, set[int]] = {}
        self._group_bt: dict[tuple, tuple[np.ndarray, sp.csr_matrix]] = {}

    def fit(self, programmes, needs) -> "Recommender":
        """Learn the text model from all documents, then index them."""
        with bulk.gc_paused():
            return self._fit(list(programmes), list(needs))

    def _fit(self, programmes, needs) -> "Recommender":
        _check_unique(programmes, "programme")
        _check_unique(needs, "need")
        vectors = self.text.fit_transform([_text_of(d) for d in programmes + needs])
        self._n_text = self.text.n_features
        self._load(programmes, needs, vectors[: len(programmes)], vectors[len(programmes):])
        del vectors
        bulk.release_memory()
        return self

    def index(self, programmes, needs) -> "Recommender":
        """Re-index all documents with the current (frozen) text model."""
        programmes, needs = list(programmes), list(needs)
        _check_unique(programmes, "programme")
        _check_unique(needs, "need")
        vectors = self.text.transform([_text_of(d) for d in programmes + needs])
        self._load(programmes, needs, vectors[: len(programmes)], vectors[len(programmes):])
        return self

    def _load(self, programmes, needs, p_text, n_text) -> None:
        self._reset_sides()
        p_attrs = [self._programme_attrs(d) for d in programmes]
        n_attrs = [self._need_attrs(d) for d in needs]
        p_matrix = self._with_districts(p_text, [a["district"] for a in p_attrs], need_side=False)
        n_matrix = self._with_districts(n_text, [a["district"] for a in n_attrs], need_side=True)
        self.programmes.load([d.id for d in programmes], programmes, p_matrix, _columns(p_attrs, self.programmes.attr_names))
        self.needs.load([d.id for d in needs], needs, n_matrix, _columns(n_attrs, self.needs.attr_names))
        for slot, attrs in enumerate(n_attrs):
            self._groups.setdefault(self._group_key(attrs), set()).add(slot)

    def _programme_attrs(self, doc: ProgrammeDoc) -> dict:
        return {
            "cluster": self._clusters.setdefault(doc.cluster, len(self._clusters)),
            "rank": self.rules.rank(doc.level),
            "modes": self.rules.mode_mask(doc.modes),
            "district": self.rules.district_id(doc.district),
        }

    def _need_attrs(self, doc: NeedDoc) -> dict:
        if doc.kind not in self._kinds:
            self._kinds.append(doc.kind)
        return {
            "cluster": self._clusters.setdefault(doc.cluster, len(self._clusters)),
            "kind": self._kinds.index(doc.kind),
            "rank": self.rules.rank(doc.level),
            "district": self.rules.district_id(doc.district),
        }

    @staticmethod
    def _group_key(attrs: dict) -> tuple:
        rank = attrs["rank"]
        return (int(attrs["cluster"]), int(attrs["kind"]), -1.0 if np.isnan(rank) else float(rank))

    def _with_districts(self, text_rows: sp.csr_matrix, districts, need_side: bool) -> sp.csr_matrix:
        """Append the district columns: a 1 for a programme, the bonuses for a need."""
        w = self.rules.weights
        d = np.asarray(districts, dtype=np.int64)
        rows = np.flatnonzero(d < DISTRICT_SLOTS)
        if not need_side:
            parts = [(rows, d[rows], np.ones(len(rows)))]
        else:
            parts = []
            if w.same_district > 0:
                parts.append((rows, d[rows], np.full(len(rows), w.same_district)))
            near = self.rules.near_matrix()[:DISTRICT_SLOTS, :DISTRICT_SLOTS]
            if w.nearby_district > 0 and near.size:
                has = rows[d[rows] < len(near)]
                r, c = np.nonzero(near[d[has]])
                parts.append((has[r], c, np.full(len(r), w.nearby_district)))
        r = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
        c = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
        v = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
        dist = sp.csr_matrix((v, (r, c)), shape=(len(d), DISTRICT_SLOTS))
        text_rows = sp.csr_matrix(text_rows, shape=(len(d), self._n_text))
        out = sp.csr_matrix(sp.hstack([text_rows, dist], format="csr"), dtype=np.float64)
        out.sort_indices()
        return out

    # -- incremental changes ----------------------------------------------------------------
    @bulk.gc_paused()
    def upsert_programme(self, doc: ProgrammeDoc) -> None:
        """Add or replace one programme (frozen vocabulary, no refit)."""
        attrs = self._programme_attrs(doc)
        row = self._with_districts(self.text.transform([_text_of(doc)]), [attrs["district"]], need_side=False)
        old_version = self.programmes.version
        slot = self.programmes.put(doc.id, doc, row, attrs)
        self._pt_stale.add(slot)
        self._explanation_put(self.programmes, slot, row, old_version)

    @bulk.gc_paused()
    def upsert_need(self, doc: NeedDoc) -> None:
        """Add or replace one need (frozen vocabulary, no refit)."""
        attrs = self._need_attrs(doc)
        row = self._with_districts(self.text.transform([_text_of(doc)]), [attrs["district"]], need_side=True)
        old = self.needs.row_of.get(doc.id)
        if old is not None:
            self._leave_group(old)
        old_version = self.needs.version
        slot = self.needs.put(doc.id, doc, row, attrs)
        self._explanation_put(self.needs, slot, row, old_version)
        key = self._group_key(attrs)
        self._groups.setdefault(key, set()).add(slot)
        self._group_bt.pop(key, None)

    @bulk.gc_paused()
    def remove_programme(self, programme_id: str) -> None:
        """Forget one programme; KeyError if unknown."""
        old_version = self.programmes.version
        slot = self.programmes.remove(programme_id)
        self._pt_stale.add(slot)
        self._explanation_put(self.programmes, slot, sp.csr_matrix((1, self.programmes.n_cols)), old_version)

    @bulk.gc_paused()
    def remove_need(self, need_id: str) -> None:
        """Forget one need; KeyError if unknown."""
        slot = self.needs.row_of[need_id]
        self._leave_group(slot)
        old_version = self.needs.version
        self.needs.remove(need_id)
        self._explanation_put(self.needs, slot, sp.csr_matrix((1, self.needs.n_cols)), old_version)

    def _leave_group(self, slot: int) -> None:
        attrs = {name: self.needs.attrs[name][slot] for name in self.needs.attr_names}
        key = self._group_key(attrs)
        members = self._groups.get(key)
        if members is not None:
            members.discard(slot)
            if not members:
                del self._groups[key]
        self._group_bt.pop(key, None)

    # -- cached operands --------------------------------------------------------------------------
    def _pt(self) -> sp.csr_matrix:
        """Programme vectors transposed (features × programme slots), fully up to date."""
        base, _ = self._pt_cache
        if base is None or self._pt_stale or base.shape[1] != self.programmes.n_rows:
            base = sp.csr_matrix(self.programmes.matrix.T)
            base.sort_indices()
            self._pt_cache = (base, self.programmes.version)
            self._pt_stale = set()
        return base

    def _pt_operands(self):
        """(transposed base, keep mask over its columns or None, changed slots, their vectors
        transposed): programmes changed since the base was built are answered from a
        small delta, so one update does not re-transpose every programme."""
        base, _ = self._pt_cache
        if base is None or len(self._pt_stale) > 2000:
            base = self._pt()
        stale = sorted(s for s in self._pt_stale if s < base.shape[1])
        keep = None  # nothing to mask: scale_columns skips the multiplication by ones
        if stale:
            keep = np.ones(base.shape[1])
            keep[stale] = 0.0
        changed = np.array(sorted(s for s in set(self._pt_stale) | set(range(base.shape[1], self.programmes.n_rows))
                                  if self.programmes.ids[s] is not None), dtype=np.int64)
        delta = None
        if len(changed):
            delta = sp.csr_matrix(self.programmes.matrix[changed].T)
            delta.sort_indices()
        return base, keep, changed, delta

    def _group_operand(self, key: tuple) -> tuple[np.ndarray, sp.csr_matrix]:
        """(need slots, their vectors transposed) for one need group."""
        found = self._group_bt.get(key)
        if found is None:
            members = np.array(sorted(self._groups[key]), dtype=np.int64)
            bt = sp.csr_matrix(self.needs.matrix[members].T)
            bt.sort_indices()
            found = self._group_bt[key] = (members, bt)
        return found

    def _phi(self, key: tuple, p_cluster, p_rank, p_modes) -> np.ndarray:
        cluster, kind, rank = key
        rank = float("nan") if rank < 0 else rank
        return self.rules.factors(cluster, self._kinds[kind], rank, p_cluster, p_rank, p_modes)

    @property
    def _threshold(self) -> float:
        return self.rules.max_bonus

    # -- programmes for needs -------------------------------------------------------------------
    def _programmes_for_rows(self, a: sp.csr_matrix, key: tuple, k: int):
        """Best k programme slots per row of a (need vectors of one group): (rows, cols, raws)."""
        p = self.programmes
        phi = self._phi(key, p.attrs["cluster"], p.attrs["rank"], p.attrs["modes"])
        base, keep, changed, delta = self._pt_operands()
        operands = [(topk.scale_columns(base, phi[: base.shape[1]], self._n_text, keep), None)]
        if delta is not None:
            operands.append((topk.scale_columns(delta, phi[changed], self._n_text), changed))

        def run(rows, top_n):
            acc, blocks = None, []
            for bt, slots in operands:
                part = topk.kernel(rows, bt, top_n, self._threshold, self.n_threads)
                acc = topk.zip_top(acc, part, top_n)
                blocks.append(np.arange(bt.shape[1]) if slots is None else slots)
            return acc, np.concatenate(blocks)

        acc, slots = run(a, k + 1)
        res = sp.csr_matrix((acc.data, slots[acc.indices], acc.indptr), shape=(a.shape[0], p.n_rows))
        redo = topk.rows_needing_full(acc, k)
        if len(redo):
            full, slots = run(a[redo], p.n_rows)
            full = sp.csr_matrix((full.data, slots[full.indices], full.indptr), shape=(len(redo), p.n_rows))
            res = _replace_rows(res, redo, full)
        return topk.best_k_rows(res, self._id_ranks(p, res.indices), k)

    def _id_ranks(self, side: Side, cols=None) -> np.ndarray:
        """Per slot, its id's rank in string order (for ties). A query touching a few slots
        ranks just those instead of re-sorting every id after each change."""
        cache = getattr(side, "_rank_cache", (None, None))
        if cache[0] == side.version:
            return cache[1]
        if cols is not None and len(cols) < 4096:
            cols = np.unique(cols)
            ranks = np.zeros(side.n_rows, dtype=np.int64)
            ranks[cols[np.argsort(np.array([side.ids[c] for c in cols.tolist()], dtype=str), kind="stable")]] = np.arange(len(cols))
            return ranks
        cache = (side.version, side.id_ranks())
        side._rank_cache = cache
        return cache[1]

    @bulk.gc_paused()
    def programmes_for_need(self, need_id: str, top: int = 10) -> list[Suggestion]:
        """The best programmes for a stored need; KeyError if the id is unknown."""
        slot = self.needs.row_of[need_id]
        attrs = {name: self.needs.attrs[name][slot] for name in self.needs.attr_names}
        return self._for_need_row(self.needs.matrix[[slot]], attrs, top, need_slot=slot)

    @bulk.gc_paused()
    def suggest_for_new_need(self, doc: NeedDoc, top: int = 10) -> list[Suggestion]:
        """The best programmes for a need that is not stored (a draft or an edit preview)."""
        attrs = self._need_attrs(doc)
        row = self._with_districts(self.text.transform([_text_of(doc)]), [attrs["district"]], need_side=True)
        return self._for_need_row(row, attrs, top, need_slot=None)

    def _for_need_row(self, row, attrs, top, need_slot) -> list[Suggestion]:
        if top <= 0 or len(self.programmes) == 0:
            return []
        _, cols, raws = self._programmes_for_rows(row, self._group_key(attrs), top)
        need_attrs = {name: np.array([attrs[name]]) for name in self.needs.attr_names}
        expl = TM.explanation_rows(row, self._terms_table(), self._n_text)
        return self._suggest(expl, need_attrs, np.zeros(len(cols), np.int64), cols, raws, "programmes")

    # -- needs for programmes -------------------------------------------------------------------
    def _needs_for_rows(self, a: sp.csr_matrix, p_attrs: dict, k: int):
        """Best k need slots per row of a (programme vectors): (rows, need slots, raws)."""
        keys = sorted(self._groups)
        if not keys:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        entry_rows = np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))
        acc, blocks = None, []
        for key in keys:
            members, bt = self._group_operand(key)
            phi = self._phi(key, p_attrs["cluster"], p_attrs["rank"], p_attrs["modes"])
            part = topk.kernel(topk.scale_rows(a, phi, self._n_text, entry_rows), bt, k + 1, self._threshold, self.n_threads)
            acc = topk.zip_top(acc, part, k + 1)
            blocks.append(members)
        members = np.concatenate(blocks)
        res = sp.csr_matrix((acc.data, members[acc.indices], acc.indptr), shape=(a.shape[0], self.needs.n_rows))
        redo = topk.rows_needing_full(acc, k)
        if len(redo):
            res = _replace_rows(res, redo, self._needs_full(a[redo], {n: v[redo] for n, v in p_attrs.items()}, keys))
        return topk.best_k_rows(res, self._id_ranks(self.needs, res.indices), k)

    def _needs_full(self, a, p_attrs, keys) -> sp.csr_matrix:
        """Every need score for a few programme rows (used when a tie hides the cut)."""
        parts = []
        for key in keys:
            members, bt = self._group_operand(key)
            phi = self._phi(key, p_attrs["cluster"], p_attrs["rank"], p_attrs["modes"])
            part = topk.kernel(topk.scale_rows(a, phi, self._n_text), bt, bt.shape[1], self._threshold, self.n_threads)
            parts.append(sp.csr_matrix((part.data, members[part.indices], part.indptr), shape=(a.shape[0], self.needs.n_rows)))
        total = parts[0]
        for part in parts[1:]:
            total = total + part
        return sp.csr_matrix(total)

    @bulk.gc_paused()
    def needs_for_programme(self, programme_id: str, top: int = 10) -> list[Suggestion]:
        """The best needs for a stored programme; KeyError if the id is unknown."""
        slot = self.programmes.row_of[programme_id]
        attrs = {name: self.programmes.attrs[name][[slot]] for name in self.programmes.attr_names}
        return self._for_programme_row(self.programmes.matrix[[slot]], attrs, top)

    @bulk.gc_paused()
    def suggest_for_new_programme(self, doc: ProgrammeDoc, top: int = 10) -> list[Suggestion]:
        """The best needs for a programme that is not stored (a draft or an edit preview)."""
        attrs = self._programme_attrs(doc)
        row = self._with_districts(self.text.transform([_text_of(doc)]), [attrs["district"]], need_side=False)
        return self._for_programme_row(row, {n: np.array([v]) for n, v in attrs.items()}, top)

    def _for_programme_row(self, row, p_attrs, top) -> list[Suggestion]:
        if top <= 0 or len(self.needs) == 0:
            return []
        _, need_slots, raws = self._needs_for_rows(row, p_attrs, top)
        expl = TM.explanation_rows(row, self._terms_table(), self._n_text)
        return self._suggest(expl, p_attrs, np.zeros(len(need_slots), np.int64), need_slots, raws, "needs")

    # -- full recompute ----------------------------------------------------------------------------
    def all_top(self, k: int = 20, direction: str = "needs") -> dict[str, list[Suggestion]]:
        """Top k for every document of one side: ``"needs"`` maps need id → programmes,
        ``"programmes"`` maps programme id → needs (every stored id is a key). Exact, from
        sparse products in chunks (bulk.py); never a dense programmes × needs array."""
        if direction not in ("needs", "programmes"):
            raise ValueError("direction must be 'needs' or 'programmes'")
        return bulk.all_top(self, k, direction)


def _replace_rows(res: sp.csr_matrix, rows: np.ndarray, full: sp.csr_matrix) -> sp.csr_matrix:
    """res with the given rows replaced by the rows of full (same column space)."""
    res_rows = np.repeat(np.arange(res.shape[0]), np.diff(res.indptr))
    keep = ~np.isin(res_rows, rows)
    full_rows = np.asarray(rows)[np.repeat(np.arange(full.shape[0]), np.diff(full.indptr))]
    data = np.concatenate((res.data[keep], full.data))
    r = np.concatenate((res_rows[keep], full_rows))
    c = np.concatenate((res.indices[keep], full.indices))
    return sp.csr_matrix((data, (r, c)), shape=res.shape)


def _text_of(doc) -> tuple[str, list[str], str]:
    return (doc.title, doc.skills or (), doc.description)


def _columns(rows: list[dict], names) -> dict[str, np.ndarray]:
    out = {}
    for name in names:
        values = [r[name] for r in rows]
        out[name] = np.array(values, dtype=np.float64 if name == "rank" else np.int64)
    return out


def _check_unique(docs, what: str) -> None:
    seen = set()
    for doc in docs:
        if doc.id in seen:
            raise ValueError(f"duplicate {what} id: {doc.id}")
        seen.add(doc.id)

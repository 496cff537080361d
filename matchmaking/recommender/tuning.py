"""Weight tuning and held-out evaluation on a judged set (data/dev).

For judged sets only (a few hundred documents): the search scores every judged need
against every programme with a small dense array, which the engine itself never does.
Weights are tuned by coordinate ascent on nDCG@10 (MRR breaks ties) over the grids
below; ``cross_validate`` tunes on k − 1 folds of needs and scores the held-out fold with
the engine itself, so the reported figure never saw the needs it is measured on.
"""
from __future__ import annotations

import dataclasses
import random

import numpy as np

from . import metrics
from .engine import Recommender
from .scoring import Weights

GRIDS = {
    "cross_cluster": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    "level_below": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0],
    "level_above": [0.2, 0.35, 0.5, 0.65, 0.8, 1.0],
    "mode_other": [0.7, 0.8, 0.9, 1.0],
    "mode_none": [0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    "same_district": [0.0, 0.005, 0.01, 0.02, 0.03],
}


def engine_rankings(engine: Recommender, need_ids) -> dict[str, list[str]]:
    """Each need's full ranking of programmes, as the engine serves it."""
    top = max(1, len(engine.programmes))
    return {nid: [s.id for s in engine.programmes_for_need(nid, top)] for nid in need_ids}


class FastScorer:
    """The engine's formula over a judged set, vectorised for the search.

    Reuses the fitted engine's text vectors and rules; only the weights change.
    """

    def __init__(self, engine: Recommender, need_ids: list[str]):
        self.engine = engine
        self.need_ids = list(need_ids)
        p = engine.programmes
        self.p_slots = np.array(sorted(p.live_rows(), key=lambda s: p.ids[s]), dtype=np.int64)
        self.p_ids = [p.ids[s] for s in self.p_slots]
        n_slots = np.array([engine.needs.row_of[n] for n in self.need_ids], dtype=np.int64)
        n_text = engine._n_text
        left = engine.needs.matrix[n_slots][:, :n_text]
        right = engine.programmes.matrix[self.p_slots][:, :n_text]
        self.text = (left @ right.T).toarray()
        self.n_slots = n_slots

    def rankings(self, weights: Weights, rows=None) -> dict[str, list[str]]:
        """Rankings of the needs at ``rows`` (indices into need_ids) under ``weights``."""
        engine = self.engine
        rules = type(engine.rules)(weights, engine.rules.reference)
        rules._districts = engine.rules._districts
        p_attrs = {k: v[self.p_slots] for k, v in engine.programmes.attrs.items()}
        out = {}
        rows = range(len(self.need_ids)) if rows is None else rows
        for r in rows:
            slot = self.n_slots[r]
            attrs = {k: v[slot] for k, v in engine.needs.attrs.items()}
            cluster, kind, rank = engine._group_key(attrs)
            rank = float("nan") if rank < 0 else rank
            phi = rules.factors(cluster, engine._kinds[kind], rank, p_attrs["cluster"], p_attrs["rank"], p_attrs["modes"])
            bonus = rules.district_bonus(np.full(len(self.p_slots), attrs["district"]), p_attrs["district"])
            raw = phi * self.text[r] + bonus
            order = np.lexsort((np.arange(len(raw)), -raw))
            order = [j for j in order if raw[j] > rules.max_bonus]
            out[self.need_ids[r]] = [self.p_ids[j] for j in order]
        return out


def _objective(scorer: FastScorer, weights: Weights, rows, qrels) -> tuple[float, float]:
    ranks = scorer.rankings(weights, rows)
    s = metrics.evaluate(ranks, qrels, [scorer.need_ids[r] for r in rows])
    return (round(s.ndcg10, 10), round(s.mrr, 10))


def tune(scorer: FastScorer, qrels, rows, start: Weights | None = None, passes: int = 3) -> Weights:
    """Coordinate ascent over GRIDS from ``start``; deterministic."""
    best = start or Weights()
    best_value = _objective(scorer, best, rows, qrels)
    for _ in range(passes):
        improved = False
        for name, grid in GRIDS.items():
            for value in grid:
                changes = {name: value}
                if name == "same_district":
                    changes["nearby_district"] = value / 2
                candidate = dataclasses.replace(best, **changes)
                got = _objective(scorer, candidate, rows, qrels)
                if got > best_value:
                    best, best_value, improved = candidate, got, True
        if not improved:
            break
    return best


def folds_of(need_ids, k: int, seed: int = 0) -> list[list[str]]:
    """Needs split into k folds at random (seeded), each sorted."""
    ids = sorted(need_ids)
    random.Random(seed).shuffle(ids)
    return [sorted(ids[i::k]) for i in range(k)]


def cross_validate(programmes, needs, qrels, k: int = 6, seed: int = 0, text_config=None):
    """Held-out scores: per fold, tune on the other folds, rank the fold with the engine.

    Returns (pooled Scores over all held-out needs, list of tuned Weights per fold).
    """
    judged = [n.id for n in needs if n.id in qrels]
    engine = Recommender(text_config=text_config).fit(programmes, needs)
    scorer = FastScorer(engine, judged)
    index = {nid: i for i, nid in enumerate(judged)}
    rankings: dict[str, list[str]] = {}
    chosen = []
    for fold in folds_of(judged, k, seed):
        held = set(fold)
        train_rows = [index[n] for n in judged if n not in held]
        weights = tune(scorer, qrels, train_rows)
        chosen.append(weights)
        fold_engine = Recommender(weights=weights, text_config=text_config).fit(programmes, needs)
        rankings.update(engine_rankings(fold_engine, fold))
    return metrics.evaluate(rankings, qrels, judged), chosen

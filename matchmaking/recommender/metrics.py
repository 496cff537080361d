"""Ranking metrics on judged pairs (qrels): nDCG@10, MRR and P@5.

nDCG@10 uses gain 2^grade − 1 and the ideal ordering of the need's judged grades;
MRR is the reciprocal rank of the first programme graded ≥ 2 (0 when none is ranked);
P@5 is the share of the top 5 graded ≥ 2. Pairs not listed in qrels are grade 0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

GOOD = 2


@dataclass(frozen=True)
class Scores:
    """Mean metrics over a set of needs."""

    ndcg10: float
    mrr: float
    p5: float
    n: int

    def row(self) -> str:
        """A fixed-width line for reports."""
        return f"nDCG@10={self.ndcg10:.4f}  MRR={self.mrr:.4f}  P@5={self.p5:.4f}  (n={self.n})"


def ndcg_at(ranking: list[str], grades: dict[str, int], k: int = 10) -> float:
    """nDCG@k of one ranking (ids) against the grades of one need."""
    dcg = sum((2 ** grades.get(pid, 0) - 1) / math.log2(r + 2) for r, pid in enumerate(ranking[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def reciprocal_rank(ranking: list[str], grades: dict[str, int]) -> float:
    """1 / rank of the first id graded ≥ 2, or 0."""
    for r, pid in enumerate(ranking):
        if grades.get(pid, 0) >= GOOD:
            return 1.0 / (r + 1)
    return 0.0


def precision_at(ranking: list[str], grades: dict[str, int], k: int = 5) -> float:
    """Share of the top k graded ≥ 2 (a short ranking counts its gaps as misses)."""
    return sum(1 for pid in ranking[:k] if grades.get(pid, 0) >= GOOD) / k


def evaluate(rankings: dict[str, list[str]], qrels: dict[str, dict[str, int]], need_ids=None) -> Scores:
    """Mean metrics over need_ids (default: every need with judgements)."""
    ids = sorted(qrels) if need_ids is None else list(need_ids)
    if not ids:
        return Scores(0.0, 0.0, 0.0, 0)
    nd = mrr = p5 = 0.0
    for nid in ids:
        ranking = rankings.get(nid, [])
        grades = qrels.get(nid, {})
        nd += ndcg_at(ranking, grades)
        mrr += reciprocal_rank(ranking, grades)
        p5 += precision_at(ranking, grades)
    n = len(ids)
    return Scores(nd / n, mrr / n, p5 / n, n)

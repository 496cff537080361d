"""Reference rankers the engine is measured against (evaluate): BM25 and char-bigram TF-IDF.

Both rank every programme for every need by text alone, from the concatenated title,
skills and description, with ties broken by id. They are for judged sets of a few
hundred documents, so they score all pairs densely.
"""
from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi
from sklearn.feature_extraction.text import TfidfVectorizer

from . import text as T


def _full_text(doc) -> str:
    return " ".join([doc.title, " ".join(doc.skills or ()), doc.description])


def _rank(scores: np.ndarray, programme_ids: list[str]) -> list[str]:
    order = np.lexsort((np.array(programme_ids), -scores))
    return [programme_ids[j] for j in order]


def bm25_rankings(programmes, needs) -> dict[str, list[str]]:
    """BM25 (Okapi, rank-bm25 defaults) over jieba words with the domain dictionary;
    Latin tokens case-folded."""
    def tokens(doc):
        return [w.casefold() for w in T.segment(_full_text(doc))]

    ids = [p.id for p in programmes]
    corpus = [tokens(p) or ["\u2205"] for p in programmes]
    model = BM25Okapi(corpus)
    return {n.id: _rank(np.asarray(model.get_scores(tokens(n))), ids) for n in needs}


def char_bigram_rankings(programmes, needs) -> dict[str, list[str]]:
    """Plain TF-IDF over character bigrams of the whole text (scikit-learn defaults), cosine."""
    ids = [p.id for p in programmes]
    vectoriser = TfidfVectorizer(analyzer="char", ngram_range=(2, 2))
    matrix = vectoriser.fit_transform([_full_text(d) for d in list(programmes) + list(needs)])
    prog, need = matrix[: len(programmes)], matrix[len(programmes):]
    sims = (need @ prog.T).toarray()
    return {n.id: _rank(sims[i], ids) for i, n in enumerate(needs)}

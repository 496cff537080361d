"""Field-weighted TF-IDF over Han bigrams, Latin tokens and thesaurus key terms.

One vocabulary for programmes and needs together, so a need's skill can meet a
programme's description. A term counts ``field_weights`` times per occurrence in the
title, skills and description respectively; TF is sublinear and IDF is smoothed
(scikit-learn's TfidfTransformer); rows are L2-normalised, so a dot product is a cosine.
The vocabulary and IDF are frozen at fit time: ``transform`` of a new document is cheap
and never changes other documents' vectors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from . import text as T


#: Documents tokenised and counted at a time (bounds the temporary arrays).
CHUNK_DOCS = 8192


@dataclass(frozen=True)
class TextConfig:
    """Choices measured on the dev set (see docs/recommender.md)."""

    #: weight of one occurrence in (title, skills, description)
    field_weights: tuple[float, float, float] = (3.0, 2.0, 1.0)
    #: use the thesaurus key terms (可编程控制器 → plc)
    thesaurus: bool = True
    #: drop features found in more than this share of documents (and in ≥ max_df_floor)
    max_df: float = 0.3
    max_df_floor: int = 20
    sublinear_tf: bool = True
    #: drop the bigrams of text.STOP_WORDS (job-ad and programme boilerplate)
    stop_words: bool = True
    #: keep only a document's strongest features (0 = all), then re-normalise
    max_features: int = 0
    renormalise: bool = True


def fields_of(title: str, skills, description: str) -> tuple[str, str, str]:
    """The three weighted fields of a document (skills one per line); NULs removed."""
    return tuple(s.replace("\x00", " ") for s in (title or "", "\n".join(skills or ()), description or ""))


class TextModel:
    """Turns documents (title, skills, description) into L2-normalised sparse rows."""

    def __init__(self, config: TextConfig | None = None, thesaurus: T.Thesaurus | None = None):
        self.config = config or TextConfig()
        self.thesaurus = thesaurus if thesaurus is not None else T.default_thesaurus()
        self.han_vocab = np.zeros(0, np.uint64)
        self.latin_vocab: dict[str, int] = {}
        self.latin_display: dict[str, str] = {}
        self._tfidf: TfidfTransformer | None = None

    @property
    def n_features(self) -> int:
        """Columns of the vectors: Han features first, then Latin ones."""
        return len(self.han_vocab) + len(self.latin_vocab)

    def _tokens(self, docs):
        """All tokens of all field slots (slot = 3 × document + field), found in one pass.

        Returns (n_slots, Han keys, their slots, Latin keys, their slots, Latin surfaces).
        """
        strings = [s for doc in docs for s in fields_of(*doc)]
        cp, joined = T.corpus(strings)
        slot_at = np.cumsum(cp == 0, dtype=np.int32)  # NULs up to a position = the slot of a token there
        han_keys, han_pos = T.corpus_han_keys(cp)
        lat_keys: list[str] = []
        lat_pos: list[int] = []
        surfaces: Counter = Counter()
        thesaurus = self.thesaurus if self.config.thesaurus else None
        found = [(m.start(), m.group()) for m in T.LATIN_WORD_RE.finditer(joined)]
        surfaces.update(token for _, token in found)
        expands = thesaurus is not None and thesaurus.has_latin()
        for start, token in found:
            if "-" in token or "." in token:
                keys = T.latin_keys(token)
            else:
                keys = (token.lower(),)
            for key in keys:
                lat_keys.append(key)
                lat_pos.append(start)
                if expands:
                    for extra in thesaurus.expand_latin(key):
                        lat_keys.append(extra)
                        lat_pos.append(start)
        if thesaurus is not None:
            extra_keys: list[int] = []
            extra_pos: list[int] = []
            for pos, key in thesaurus.expand_han(joined, han_keys, han_pos):
                if T.HAN_RE.fullmatch(key):
                    ks = T.han_keys_of(key)
                    extra_keys.extend(ks)
                    extra_pos.extend([pos] * len(ks))
                else:
                    for t in T.latin_tokens(key):
                        for k in T.latin_keys(t):
                            lat_keys.append(k)
                            lat_pos.append(pos)
            if extra_keys:
                han_keys = np.concatenate((han_keys, np.asarray(extra_keys, np.uint64)))
                han_pos = np.concatenate((han_pos, np.asarray(extra_pos, np.int64)))
        han_slot = slot_at[han_pos]
        lat_slot = slot_at[np.asarray(lat_pos, np.int64)] if lat_pos else np.zeros(0, np.int64)
        return len(strings), han_keys, han_slot, lat_keys, lat_slot, surfaces

    def _counts(self, docs, han_vocab, latin_vocab):
        """Field-weighted term counts (documents × features) for a fixed vocabulary."""
        n_slots, han_keys, han_slot, lat_keys, lat_slot, _ = self._tokens(docs)
        return self._count_matrix(len(docs), han_keys, han_slot, lat_keys, lat_slot, han_vocab, latin_vocab)

    def _count_matrix(self, n_docs, han_keys, han_slot, lat_keys, lat_slot, han_vocab, latin_vocab):
        weights = np.asarray(self.config.field_weights, dtype=np.float64)
        if len(han_vocab):
            pos = np.searchsorted(han_vocab, han_keys)
            pos = np.minimum(pos, len(han_vocab) - 1)
            ok = han_vocab[pos] == han_keys
        else:
            pos = np.zeros(len(han_keys), np.int64)
            ok = np.zeros(len(han_keys), bool)
        offset = len(han_vocab)
        lat_cols = np.fromiter((latin_vocab.get(k, -1) for k in lat_keys), dtype=np.int64, count=len(lat_keys))
        lat_ok = lat_cols >= 0
        col = np.concatenate((pos[ok], offset + lat_cols[lat_ok]))
        owner = np.concatenate((han_slot[ok], lat_slot[lat_ok]))
        data = weights[owner % 3]
        shape = (n_docs, offset + len(latin_vocab))
        counts = sp.csr_matrix((data, (owner // 3, col)), shape=shape)
        counts.sum_duplicates()
        counts.sort_indices()
        return counts

    def fit_transform(self, docs) -> sp.csr_matrix:
        """Learn vocabulary and IDF from documents (programmes and needs together).

        Documents are counted in chunks against a chunk-local vocabulary, then the chunks
        are mapped onto the union: the token arrays of the whole corpus never coexist.
        """
        docs = list(docs)
        parts, surfaces = [], Counter()
        for start in range(0, len(docs), CHUNK_DOCS):
            _, han_keys, han_slot, lat_keys, lat_slot, found = self._tokens(docs[start:start + CHUNK_DOCS])
            surfaces.update(found)
            han_local = np.unique(han_keys)
            lat_local = sorted(set(lat_keys))
            counts = self._count_matrix(min(CHUNK_DOCS, len(docs) - start), han_keys, han_slot, lat_keys, lat_slot,
                                        han_local, {k: i for i, k in enumerate(lat_local)})
            parts.append((han_local, lat_local, counts))
            del han_keys, han_slot, lat_keys, lat_slot
        han_vocab = np.unique(np.concatenate([p[0] for p in parts])) if parts else np.zeros(0, np.uint64)
        if self.config.stop_words:
            stops = np.fromiter(T.stop_keys(), dtype=np.uint64)
            han_vocab = han_vocab[~np.isin(han_vocab, stops)]
        latin_keys = sorted({k for p in parts for k in p[1]})
        latin_vocab = {k: i for i, k in enumerate(latin_keys)}
        blocks = []
        for han_local, lat_local, counts in parts:
            pos = np.searchsorted(han_vocab, han_local) if len(han_vocab) else np.zeros(len(han_local), np.int64)
            ok = (pos < len(han_vocab)) & (han_vocab[np.minimum(pos, max(len(han_vocab) - 1, 0))] == han_local) \
                if len(han_vocab) else np.zeros(len(han_local), bool)
            remap = np.concatenate((np.where(ok, pos, -1),
                                    np.array([len(han_vocab) + latin_vocab[k] for k in lat_local], dtype=np.int64)))
            cols = remap[counts.indices]
            keep_entry = cols >= 0
            rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
            blocks.append(sp.csr_matrix((counts.data[keep_entry], (rows[keep_entry], cols[keep_entry])),
                                        shape=(counts.shape[0], len(han_vocab) + len(latin_vocab))))
        parts = None
        counts = sp.vstack(blocks, format="csr") if blocks else sp.csr_matrix((0, 0))
        blocks = None
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        limit = max(self.config.max_df * len(docs), self.config.max_df_floor)
        keep = np.flatnonzero(df <= limit)
        n_han = len(han_vocab)
        self.han_vocab = han_vocab[keep[keep < n_han]]
        kept_latin = keep[keep >= n_han] - n_han
        self.latin_vocab = {latin_keys[i]: j for j, i in enumerate(kept_latin)}
        display: dict[str, tuple[int, str]] = {}
        for surface, count in sorted(surfaces.items()):
            key = surface.casefold()
            if key in self.latin_vocab and count > display.get(key, (0, ""))[0]:
                display[key] = (count, surface)
        self.latin_display = {k: v[1] for k, v in display.items()}
        counts = counts[:, keep]
        self._tfidf = TfidfTransformer(sublinear_tf=self.config.sublinear_tf)
        if counts.shape[1]:
            return self._finish(self._tfidf.fit_transform(counts))
        self._tfidf = None
        return sp.csr_matrix((len(docs), 0), dtype=np.float64)

    def transform(self, docs) -> sp.csr_matrix:
        """Vectors of documents with the frozen vocabulary; unknown terms are ignored."""
        docs = list(docs)
        if self._tfidf is None:
            return sp.csr_matrix((len(docs), self.n_features), dtype=np.float64)
        blocks = [self._finish(self._tfidf.transform(self._counts(docs[i:i + CHUNK_DOCS], self.han_vocab, self.latin_vocab)))
                  for i in range(0, len(docs), CHUNK_DOCS)]
        return sp.vstack(blocks, format="csr") if blocks else sp.csr_matrix((0, self.n_features), dtype=np.float64)

    def _finish(self, matrix) -> sp.csr_matrix:
        matrix = sp.csr_matrix(matrix, dtype=np.float64)
        matrix.eliminate_zeros()
        if self.config.max_features:
            matrix = _strongest(matrix, self.config.max_features, self.config.renormalise)
        matrix.sort_indices()
        return matrix

    def feature_text(self, col: int) -> str:
        """How a feature is shown to people: the bigram, or the Latin term as usually typed."""
        n_han = len(self.han_vocab)
        if col < n_han:
            return T.key_text(self.han_vocab[col])
        key = self._latin_keys()[col - n_han]
        return self.latin_display.get(key, key.upper() if len(key) <= 5 else key)

    def _latin_keys(self) -> list[str]:
        cached = getattr(self, "_latin_keys_cache", None)
        if cached is None or len(cached) != len(self.latin_vocab):
            cached = [None] * len(self.latin_vocab)
            for key, i in self.latin_vocab.items():
                cached[i] = key
            self._latin_keys_cache = cached
        return cached

    def is_han_bigram(self, col: int) -> bool:
        """Whether a feature is a Han bigram (so it can chain into a longer term)."""
        return col < len(self.han_vocab) and int(self.han_vocab[col]) >= (1 << 21)


def _strongest(matrix: sp.csr_matrix, limit: int, renormalise: bool) -> sp.csr_matrix:
    """Each row's ``limit`` largest entries (ties: lower column first), optionally L2-normalised."""
    counts = np.diff(matrix.indptr)
    if counts.max(initial=0) <= limit:
        return matrix
    rows = np.repeat(np.arange(matrix.shape[0]), counts)
    order = np.lexsort((matrix.indices, -matrix.data, rows))
    rank = np.arange(len(order)) - matrix.indptr[rows[order]]
    keep = np.sort(order[rank < limit])
    out = sp.csr_matrix((matrix.data[keep], matrix.indices[keep], np.concatenate(([0], np.cumsum(np.minimum(counts, limit))))),
                        shape=matrix.shape)
    if renormalise:
        norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out = sp.csr_matrix(sp.diags(1.0 / norms) @ out)
    return out

"""Shared key terms of many pairs at once, with numpy rather than a Python loop per pair.

For each pair the features both documents share are ranked by their contribution to the
cosine (product of the two weights). Among the top ones, Han bigrams that chain (化成 +
成分 + 分容, the second character of one is the first of the next) become one term
(化成分容); lone Han characters and bigrams holding a function word (与, 和 ...) are not
shown; Latin terms are shown as usually typed (PLC). The best terms by summed
contribution are returned, at most ``limit`` per pair. All strings of a chunk are
assembled in one UTF-32 buffer and decoded once.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

#: Longest term shown, in characters.
LMAX = 12
#: Bigrams containing these are not shown (they straddle a word boundary).
FUNCTION_CHARS = "与和及的或并之其"
TERM_SEP, PAIR_SEP = 1, 2


_BASE = np.uint64(1000003)


def term_hash(chars: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Hash of each row's first ``length`` code points (polynomial, wrapping uint64)."""
    h = np.zeros(chars.shape[0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(chars.shape[1]):
            on = j < length
            h = np.where(on, h * _BASE + chars[:, j].astype(np.uint64), h)
    return h


_WORDS = None


def dictionary_words() -> np.ndarray:
    """Sorted hashes of dictionary words of 2 to 4 characters: jieba's dictionary file and
    the domain terms. A shown Han term must be such a word or start and end with one, so
    fragments like 制器 or 据分 are not shown. Built once per process."""
    global _WORDS
    if _WORDS is None:
        import importlib.util
        import os

        from . import text as T

        spec = importlib.util.find_spec("jieba")
        path = os.path.join(os.path.dirname(spec.origin), "dict.txt") if spec and spec.origin else ""
        words = []
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                words = [w for w in (line.split(" ", 1)[0] for line in handle) if 2 <= len(w) <= 4]
        words.extend(t for t in T.default_thesaurus().terms if 2 <= len(t) <= LMAX)
        if not words:
            _WORDS = np.zeros(0, np.uint64)
            return _WORDS
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        buf = "".join(w.ljust(LMAX, "\x00") for w in words)
        chars = np.frombuffer(buf.encode("utf-32-le"), dtype=np.uint32).reshape(len(words), LMAX)
        han = T._is_han(chars.astype(np.uint64)) | (np.arange(LMAX)[None, :] >= lengths[:, None])
        ok = han.all(axis=1)
        _WORDS = np.unique(term_hash(chars[ok], lengths[ok]))
    return _WORDS


class TermTable:
    """Per feature: display code points, and first/second character of Han bigrams."""

    def __init__(self, model):
        n = model.n_features
        self.codes = np.zeros((n, LMAX), dtype=np.uint32)
        self.length = np.zeros(n, dtype=np.int64)
        self.first = np.full(n, -1, dtype=np.int64)
        self.second = np.full(n, -2, dtype=np.int64)
        n_han = len(model.han_vocab)
        keys = model.han_vocab.astype(np.int64)
        big = keys >= (1 << 21)
        a, b = keys >> 21, keys & ((1 << 21) - 1)
        bad = np.zeros(n_han, dtype=bool)
        for ch in FUNCTION_CHARS:
            bad |= (a == ord(ch)) | (b == ord(ch))
        show = big & ~bad
        idx = np.flatnonzero(show)
        self.words = dictionary_words()
        self.codes[idx, 0] = a[idx]
        self.codes[idx, 1] = b[idx]
        self.length[idx] = 2
        self.first[idx] = a[idx]
        self.second[idx] = b[idx]
        for col in range(n_han, n):
            text = model.feature_text(col)[:LMAX]
            cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            self.codes[col, : len(cps)] = cps
            self.length[col] = len(cps)


def _member(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """keys ∈ sorted_keys, element-wise."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[pos] == keys


def explanation_rows(matrix: sp.csr_matrix, table: TermTable, max_col: int, keep: int = 32,
                     chunk: int = 8192) -> sp.csr_matrix:
    """Each row's ``keep`` strongest shown features: the vocabulary of its key terms.

    Per-row (so a row gives the same result alone or in bulk); weights are unchanged, so a
    product of two such rows is each shared term's contribution to the cosine.
    """
    matrix = sp.csr_matrix(matrix)
    data = matrix.data.copy()
    cols = matrix.indices
    hidden = cols >= max_col
    hidden[~hidden] = table.length[cols[~hidden]] == 0
    data[hidden] = 0.0
    shown = sp.csr_matrix((data, cols.copy(), matrix.indptr.copy()), shape=matrix.shape)
    shown.eliminate_zeros()
    parts = []
    for start in range(0, shown.shape[0], chunk):
        block = shown[start:start + chunk]
        c, v = _top(block, keep)
        r = np.repeat(np.arange(block.shape[0]), keep).reshape(block.shape[0], keep)
        ok = c >= 0
        parts.append(sp.csr_matrix((v[ok], (r[ok], c[ok])), shape=(block.shape[0], matrix.shape[1])))
    out = sp.vstack(parts, format="csr") if parts else sp.csr_matrix(matrix.shape)
    out.sort_indices()
    return out


def shared_terms(left: sp.csr_matrix, right: sp.csr_matrix, left_rows, right_rows, table: TermTable,
                 top: int = 8, limit: int = 5, chunk: int = 32768) -> list[tuple[str, ...]]:
    """For pairs (left_rows[i], right_rows[i]) of explanation rows: shared key terms, best first."""
    left_rows = np.asarray(left_rows, dtype=np.int64)
    right_rows = np.asarray(right_rows, dtype=np.int64)

    strings: dict[str, str] = {}  # one object per distinct term: a million suggestions share a few thousand

    def one(start):
        prod = sp.csr_matrix(left[left_rows[start:start + chunk]].multiply(right[right_rows[start:start + chunk]]))
        return _chunk(prod, table, top, limit, strings)

    starts = list(range(0, len(left_rows), chunk))
    if len(starts) > 1:
        # numpy releases the GIL in most of the work: two threads overlap well.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(one, starts))
    else:
        parts = [one(s) for s in starts]
    return [terms for part in parts for terms in part]


def _top(prod: sp.csr_matrix, top: int):
    """(features, values) of each row's ``top`` largest entries, best first, padded -1 / 0."""
    m = prod.shape[0]
    counts = np.diff(prod.indptr)
    width = max(int(counts.max(initial=0)), top)
    rows = np.repeat(np.arange(m), counts)
    pos = np.arange(len(rows)) - prod.indptr[rows]
    vals = np.zeros((m, width))
    cols = np.full((m, width), -1, dtype=np.int64)
    vals[rows, pos] = prod.data
    cols[rows, pos] = prod.indices
    if width > top:
        part = np.argpartition(-vals, top - 1, axis=1)[:, :top]
        vals = np.take_along_axis(vals, part, axis=1)
        cols = np.take_along_axis(cols, part, axis=1)
    # Best first; equal values by column, so the result never depends on storage order.
    order = np.lexsort((np.where(cols < 0, np.iinfo(np.int64).max, cols), -vals), axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    cols = np.take_along_axis(cols, order, axis=1)
    cols[vals <= 0] = -1
    return cols, vals


def _chunk(prod: sp.csr_matrix, table: TermTable, top: int, limit: int, strings: dict) -> list[tuple[str, ...]]:
    m = prod.shape[0]
    feats, vals = _top(prod, top)
    valid = feats >= 0
    safe = np.where(valid, feats, 0)
    fc = np.where(valid, table.first[safe], -1)
    sc = np.where(valid, table.second[safe], -2)
    big = fc >= 0
    # link[m, t, u]: bigram u continues bigram t (its first character is t's second).
    link = (sc[:, :, None] == fc[:, None, :]) & big[:, :, None] & big[:, None, :]
    link &= ~np.eye(top, dtype=bool)[None, :, :]
    succ = np.where(link.any(2), link.argmax(2), -1)
    head = big & ~link.any(1)
    chars = table.codes[safe]
    chars[~valid] = 0
    clen = np.where(valid, table.length[safe], 0)
    score = vals.copy()
    visited = head.copy()
    cur = np.where(head, np.arange(top)[None, :], -1)
    rows_idx = np.arange(m)[:, None]
    for _ in range(top):
        active = cur >= 0
        if not active.any():
            break
        nxt = np.where(active, succ[rows_idx, np.maximum(cur, 0)], -1)
        ok = nxt >= 0
        ok[ok] = ~visited[np.nonzero(ok)[0], nxt[ok]]
        ok &= clen < LMAX
        if not ok.any():
            break
        r, t = np.nonzero(ok)
        n = nxt[r, t]
        chars[r, t, clen[r, t]] = sc[r, n]
        clen[r, t] += 1
        score[r, t] += vals[r, n]
        visited[r, n] = True
        cur = np.where(ok, nxt, -1)
    # One term per chain head, and per shown feature no chain took in.
    is_term = valid & (head | ~visited)
    _trim_to_words(chars, clen, is_term, big, table)
    score = np.where(is_term, score, -1.0)
    order = np.argsort(-score, axis=1, kind="stable")[:, :limit]
    chosen = np.take_along_axis(is_term, order, axis=1)
    lens = np.where(chosen, np.take_along_axis(clen, order, axis=1), 0)
    # Repeated strings within a pair (two chains ending alike) are shown once.
    hashes = np.where(chosen, 0, 0).astype(np.uint64)
    picked = chars[rows_idx, order]
    for j in range(limit):
        hashes[:, j] = term_hash(picked[:, j], lens[:, j])
    for j in range(1, limit):
        chosen[:, j] &= ~(chosen[:, :j] & (hashes[:, :j] == hashes[:, j:j + 1])).any(axis=1)
    lens = np.where(chosen, lens, 0)
    buf = np.zeros((m, limit, LMAX + 1), dtype=np.uint32)
    buf[:, :, :LMAX] = picked
    buf[:, :, :LMAX][np.arange(LMAX)[None, None, :] >= lens[:, :, None]] = 0
    buf[:, :, LMAX] = np.where(chosen, TERM_SEP, 0)
    flat = buf.ravel()
    intern = strings.setdefault
    words = [intern(w, w) for w in flat[flat != 0].tobytes().decode("utf-32-le").split(chr(TERM_SEP))]
    counts = chosen.sum(axis=1).tolist()
    out, at = [], 0
    for c in counts:
        out.append(tuple(words[at:at + c]))
        at += c
    return out


def _trim_to_words(chars, clen, is_term, big, table: TermTable, passes: int = 3) -> None:
    """In place: a Han term must be a dictionary word, or start and end with one; trim
    the ends that do not (电气控 → 电气) and drop what is left shorter than a word."""
    han = is_term & big
    for _ in range(passes):
        r, t = np.nonzero(han)
        if len(r) == 0:
            return
        n = clen[r, t]
        term = chars[r, t]
        whole = _member(table.words, term_hash(term, n))
        idx = np.arange(len(r))
        last = term_hash(np.stack((term[idx, n - 2], term[idx, n - 1]), axis=1), np.full(len(r), 2))
        first = term_hash(term[:, :2], np.full(len(r), 2))
        bad_last = ~whole & ~_member(table.words, last)
        bad_first = ~whole & ~_member(table.words, first)
        han[r[~(bad_last | bad_first)], t[~(bad_last | bad_first)]] = False  # settled
        if not (bad_last | bad_first).any():
            return
        lone = (n == 2) & (bad_last | bad_first)
        is_term[r[lone], t[lone]] = False
        han[r[lone], t[lone]] = False
        cut = ~lone & bad_last
        clen[r[cut], t[cut]] -= 1
        shift = ~lone & bad_first
        rs, ts = r[shift], t[shift]
        chars[rs, ts, :-1] = chars[rs, ts, 1:]
        chars[rs, ts, -1] = 0
        clen[rs, ts] -= 1
        short = han & (clen < 2)
        is_term &= ~short
        han &= ~short

"""Tokens that suit Chinese postings, produced fast enough for 70,000 documents.

Measured on the dev set (docs/recommender.md): character bigrams inside runs of Han
characters, plus Latin abbreviations kept whole and case-folded (PLC, CNC, MES, BMS),
plus the key terms of a small domain thesaurus (可编程控制器 also counts as PLC), beat
jieba words alone and mixed in. Bigrams are extracted with numpy over the whole corpus
at once, so no Python loop runs per character. jieba (with the domain dictionary) is
available through :func:`segment` for callers that want words, and is loaded lazily.
"""
from __future__ import annotations

import logging
import re
import threading
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

DOMAIN_TERMS_PATH = Path(__file__).with_name("domain_terms.txt")

#: Latin tokens: letters/digits with inner + # . - (1+X, C++, IPC-A-610, S7-1200); a
#: token must contain a letter, so salaries and ages do not become features.
LATIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*")
#: The same tokens, only those holding a letter (checked by the regex engine itself).
LATIN_WORD_RE = re.compile(r"(?=[0-9+#.\-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*")
HAS_LETTER_RE = re.compile(r"[A-Za-z]")
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

#: A Han bigram (a, b) is the integer a << 21 | b; a lone Han character is its code point.
_SHIFT = np.uint64(21)
_MASK = np.uint64((1 << 21) - 1)


#: Boilerplate of job ads and programme blurbs: these bigrams say nothing about fit.
STOP_WORDS = (
    "负责 职责 岗位 任职 要求 熟悉 掌握 了解 具有 具备 能够 优先 以上 学历 专业 相关 经验 工作 "
    "公司 企业 合作 学生 学校 课程 培养 主要 开展 进行 提供 包括 以及 可以 每年 招收 毕业 应届 "
    "年龄 周岁 薪资 月薪 待遇 五险 一金 包吃 吃住 福利 良好 团队 沟通 本专业 面向 我们 人员 "
    "优秀 能力 协助 完成 按照 参与 根据 通过"
).split()


def stop_keys() -> set[int]:
    """Bigram keys of STOP_WORDS."""
    return {k for word in STOP_WORDS for k in han_keys_of(word)}


#: Full-width ASCII forms and the ideographic space to their half-width forms: the part of
#: NFKC that matters for matching (ＰＬＣ is PLC), as a one-pass str.translate table.
FULLWIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


def normalise(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width; case kept for display."""
    return (text or "").translate(FULLWIDTH)


def latin_tokens(text: str) -> list[str]:
    """Latin abbreviations and names as typed (case kept); fold with ``str.casefold``."""
    return [t for t in LATIN_RE.findall(text) if HAS_LETTER_RE.search(t)]


def latin_keys(token: str) -> list[str]:
    """Feature keys of one Latin token: case-folded, plus its parts when hyphenated
    (ICP-OES also counts as ICP and OES; IPC-A-610 as IPC)."""
    key = token.casefold()
    keys = [key]
    if "-" in key or "." in key:
        keys.extend(p for p in re.split(r"[.\-]", key) if HAS_LETTER_RE.search(p) and len(p) > 1)
    return keys


def han_key(chars: str) -> int:
    """The integer key of a Han bigram or single character."""
    if len(chars) == 1:
        return ord(chars)
    return (ord(chars[0]) << 21) | ord(chars[1])


def key_text(key: int) -> str:
    """Inverse of :func:`han_key`."""
    key = int(key)
    if key < (1 << 21):
        return chr(key)
    return chr(key >> 21) + chr(key & ((1 << 21) - 1))


def han_keys_of(text: str) -> list[int]:
    """Bigram keys of one short string (a lone Han character stands for itself)."""
    out = []
    for run in HAN_RE.findall(text):
        if len(run) == 1:
            out.append(ord(run))
        else:
            out.extend((ord(run[i]) << 21) | ord(run[i + 1]) for i in range(len(run) - 1))
    return out


_HAN_TABLE = np.zeros(0x10000, dtype=bool)
_HAN_TABLE[0x3400:0x4DC0] = True
_HAN_TABLE[0x4E00:0xA000] = True
_HAN_TABLE[0xF900:0xFB00] = True


def _is_han(cp: np.ndarray) -> np.ndarray:
    """Han ideographs (CJK unified, extension A, compatibility), by table lookup."""
    return _HAN_TABLE[np.minimum(cp, 0xFFFF)]


def corpus(strings: list[str]) -> tuple[np.ndarray, str]:
    """Many strings as one half-width text joined by NUL: (code points, text).

    Folding full-width forms on the code-point array is one vector operation instead of
    a per-character table lookup.
    """
    joined = "\x00".join(strings) + "\x00"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
    wide = (cp >= 0xFF01) & (cp <= 0xFF5E)
    if wide.any():
        cp[wide] -= 0xFEE0
    cp[cp == 0x3000] = 0x20
    return cp, cp.tobytes().decode("utf-32-le")


def corpus_han_keys(cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All Han bigram keys of a code-point array: (keys, positions).

    A bigram is two adjacent Han characters; a lone Han character counts as a unigram.
    """
    if len(cp) == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    han = _is_han(cp)
    pair = han[:-1] & han[1:]
    lone = han.copy()
    lone[1:] &= ~han[:-1]
    lone[:-1] &= ~han[1:]
    pos_pair = np.flatnonzero(pair)
    pos_lone = np.flatnonzero(lone)
    keys = np.concatenate(((cp[pos_pair].astype(np.uint64) << _SHIFT) | cp[pos_pair + 1], cp[pos_lone].astype(np.uint64)))
    return keys, np.concatenate((pos_pair, pos_lone))


class Thesaurus:
    """The domain dictionary: terms kept whole by jieba, and terms that emit key terms.

    File format (domain_terms.txt): one term a line; ``term = a, b`` also emits a and b.
    """

    def __init__(self, lines):
        self.terms: list[str] = []
        self.expansions: dict[str, list[str]] = {}
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            term, _, extra = line.partition("=")
            term = normalise(term.strip()).lower()
            if not term:
                continue
            self.terms.append(term)
            keys = [normalise(k.strip()).lower() for k in extra.split(",") if k.strip()]
            if keys:
                self.expansions.setdefault(term, []).extend(keys)
        alternation = "|".join(re.escape(t) for t in sorted(self.expansions, key=len, reverse=True))
        self._regex = re.compile(alternation) if alternation else None

    @classmethod
    def load(cls, path: Path = DOMAIN_TERMS_PATH) -> "Thesaurus":
        """Read a thesaurus file (UTF-8)."""
        with open(path, encoding="utf-8") as handle:
            return cls(handle.readlines())

    def expand(self, folded_text: str) -> list[str]:
        """The key terms emitted by the thesaurus terms found in a case-folded text."""
        if self._regex is None:
            return []
        out: list[str] = []
        for match in self._regex.findall(folded_text):
            out.extend(self.expansions[match])
        return out

    def expand_han(self, text: str, keys: np.ndarray, positions: np.ndarray) -> list[tuple[int, str]]:
        """(position, key term) for the Han thesaurus terms in a text, found through its
        bigram keys (only positions whose bigram starts a term are checked)."""
        firsts = self._han_firsts()
        if not firsts or len(keys) == 0:
            return []
        lead = np.array(sorted({k >> 21 for k in firsts}), dtype=np.uint64)
        hit = np.isin(keys >> _SHIFT, lead, kind="table") if len(lead) else np.zeros(len(keys), bool)
        idx = np.flatnonzero(hit)
        hit = idx[np.isin(keys[idx], np.fromiter(firsts, dtype=np.uint64))]
        out: list[tuple[int, str]] = []
        for key, pos in zip(keys[hit].tolist(), positions[hit].tolist()):
            for term in firsts[key]:
                if text.startswith(term, pos):
                    out.extend((pos, k) for k in self.expansions[term])
        return out

    def has_latin(self) -> bool:
        """Whether any thesaurus term is a Latin token (s7-1200 = plc)."""
        return any(not HAN_RE.search(t) for t in self.expansions)

    def expand_latin(self, key: str) -> list[str]:
        """Key terms emitted by a Latin thesaurus term (s7-1200 = plc)."""
        return self.expansions.get(key, [])

    def _han_firsts(self) -> dict[int, list[str]]:
        cached = getattr(self, "_firsts", None)
        if cached is None:
            cached = {}
            for term in sorted(self.expansions, key=len, reverse=True):
                if len(term) >= 2 and HAN_RE.fullmatch(term):
                    cached.setdefault(han_key(term[:2]), []).append(term)
            self._firsts = cached
        return cached


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The shipped domain dictionary, read once."""
    return Thesaurus.load()


_JIEBA_LOCK = threading.Lock()
_JIEBA = None


def jieba_tokenizer():
    """A private jieba.Tokenizer with the domain dictionary, built on first use, quietly.

    jieba 0.42 has invalid escape sequences and imports pkg_resources; when its bytecode
    is not cached and warnings are errors (the test configuration) the import would
    fail, so the import and the dictionary load run with warnings silenced.
    """
    global _JIEBA
    with _JIEBA_LOCK:
        if _JIEBA is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for term in default_thesaurus().terms:
                    if HAN_RE.fullmatch(term):
                        tokenizer.add_word(term)
            _JIEBA = tokenizer
    return _JIEBA


def segment(text: str) -> list[str]:
    """Words of a text by jieba with the domain dictionary (Latin tokens kept whole)."""
    tokenizer = jieba_tokenizer()
    words = []
    for piece in tokenizer.cut(normalise(text), HMM=False):
        piece = piece.strip()
        if piece and (HAN_RE.search(piece) or HAS_LETTER_RE.search(piece)):
            words.append(piece)
    return words

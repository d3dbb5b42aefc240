"""BM25 over unit text with German-aware tokens: lowercase, stopwords, Snowball stems, compound parts."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_GERMAN

from ..sources.text import german_stemmer

WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
STOPWORDS = frozenset(STOPWORDS_GERMAN) | {"bzw", "sowie", "gilt", "absatz", "satz", "nummer", "abs", "nr"}
# Words nearly every question here contains; in a query they say nothing about the topic.
QUERY_NOISE = frozenset({"bürgergeld", "bürgergeldes", "jobcenter", "jobcenters", "grundsicherung", "bekommen",
                         "darf", "dürfen", "muss", "müssen", "kann", "können", "gibt", "wird", "werden"})
MIN_PART = 4
MIN_COMPOUND = 9
LINKING = ("s", "es", "n", "en")


def words(text: str) -> list[str]:
    out = []
    for w in WORD_RE.findall(text.lower()):
        out.extend(p for p in w.split("-") if p)
    return [w for w in out if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


class Decompounder:
    """Splits German compounds into known parts: `mietschulden` → `miet`, `schulden`.

    The vocabulary is the corpus's own words; a split needs both parts (≥ 4 letters) to be words
    that occur on their own, optionally with a linking `s`/`n`/`en` after the first part.
    """

    def __init__(self, vocabulary: Counter[str]) -> None:
        self._vocab = {w for w, n in vocabulary.items() if n >= 2 and len(w) >= MIN_PART and w.isalpha()}

    @lru_cache(maxsize=200_000)
    def parts(self, word: str) -> tuple[str, ...]:
        if len(word) < MIN_COMPOUND or not word.isalpha():
            return ()
        best: tuple[str, ...] = ()
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            left, right = word[:i], word[i:]
            if right not in self._vocab and right[:-1] not in self._vocab:
                continue
            left_ok = left in self._vocab or any(left.endswith(l) and left[: -len(l)] in self._vocab for l in LINKING)
            if left_ok and len(right) > sum(len(p) for p in best[1:]):
                best = (left.rstrip("s") if left not in self._vocab else left, right)
        return best


    def head(self, word: str) -> str:
        """The compound's last known part (its grammatical head): `höchstfrist` → `frist`."""
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            if word[i:] in self._vocab:
                return word[i:]
        return word


class LexicalIndex:
    def __init__(self, texts: list[str]) -> None:
        vocabulary = Counter(w for t in texts for w in words(t))
        self._decompounder = Decompounder(vocabulary)
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        corpus_tokens = [self.tokens(t) for t in texts]
        self._bm25.index(corpus_tokens, show_progress=False)
        self.token_sets = [frozenset(toks) for toks in corpus_tokens]  # per text, for term-support checks
        self.document_frequency: Counter[str] = Counter(t for toks in self.token_sets for t in toks)
        self.size = len(texts)

    def tokens(self, text: str) -> list[str]:
        stem = german_stemmer().stemWord
        out: list[str] = []
        for w in words(text):
            out.append(stem(w))
            out.extend(stem(p) for p in self._decompounder.parts(w))
        return out or [""]

    def head_stem(self, word: str) -> str:
        return german_stemmer().stemWord(self._decompounder.head(word))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every unit (same order as the texts given)."""
        topical = " ".join(w for w in words(query) if w not in QUERY_NOISE)
        tokens = [t for t in dict.fromkeys(self.tokens(topical or query)) if t]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)


class SubsetIndex:
    """A LexicalIndex over some of the texts with statistics of their own (vocabulary, idf, lengths),
    addressed by the positions of all texts: scores outside the subset are 0.

    Citizens search the public units with the statistics of the public units only, so that adding or
    changing an internal document never shifts a citizen's ranking.
    """

    def __init__(self, texts: list[str], mask: np.ndarray) -> None:
        self._positions = np.flatnonzero(mask)
        self._inner = LexicalIndex([texts[i] for i in self._positions])
        self.size = self._inner.size
        self.document_frequency = self._inner.document_frequency
        empty: frozenset[str] = frozenset()
        self.token_sets = [empty] * len(texts)
        for i, tokens in zip(self._positions, self._inner.token_sets):
            self.token_sets[i] = tokens
        self._total = len(texts)

    def tokens(self, text: str) -> list[str]:
        return self._inner.tokens(text)

    def head_stem(self, word: str) -> str:
        return self._inner.head_stem(word)

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(self._total, dtype=np.float32)
        out[self._positions] = self._inner.scores(query)
        return out


def audience_index(texts: list[str], mask: np.ndarray, full: LexicalIndex) -> LexicalIndex | SubsetIndex:
    """The index of the texts under `mask`: `full` itself when the mask holds all texts (or none)."""
    return full if mask.all() or not mask.any() else SubsetIndex(texts, mask)


GERMAN_MARKERS = frozenset({"der", "die", "das", "ist", "ich", "wie", "was", "wer", "wird", "bei", "und", "mein",
                            "meine", "für", "ein", "eine", "kann", "darf", "muss", "wann", "welche", "gibt", "nicht",
                            "mit", "auch", "oder", "wenn", "habe", "bin", "sind", "werden", "mir", "mich"})


def is_german(text: str) -> bool:
    return any(w in GERMAN_MARKERS for w in WORD_RE.findall(text.lower()))


def german_nouns(text: str) -> list[str]:
    """Capitalised words that do not start a sentence: in German, (mostly) nouns."""
    nouns = []
    for m in re.finditer(r"[^\W\d_][\w-]*", text):
        before = text[: m.start()].rstrip()
        if m.group()[0].isupper() and before and before[-1] not in ".!?:\"„“«»":
            nouns.append(m.group())
    return nouns

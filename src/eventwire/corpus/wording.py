"""Wording: how close two articles' words are, weighted by how rare each word is in the corpus.

    wording = Wording()
    wording.add(key, content_words(text))     # an original article, in the order articles come
    wording.similarity(key, other_key)         # TF-IDF cosine of their content-word sets, 0..1
    wording.related(key)                       # earlier articles that share its rare words

Two reports of one happening share the victims' and suspects' names, the
street, the bar, the school: words few other articles have. Words every
crime story has ("police", "shooting", "hospital") and an outlet's page
furniture, which its articles about other happenings repeat, are common in
the corpus and weigh little. Document frequencies are counted as articles are
added, so the weights are those of the corpus seen so far and adding the same
articles in the same order gives the same figures. Words are kept as 32-bit
hashes folded into a fixed table, so memory does not grow with the vocabulary;
a rare collision only joins the counts of two words.
"""

from __future__ import annotations

import zlib
from collections import defaultdict

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.corpus.neardup import words

BUCKETS = 1 << 22  # the document-frequency table's size
RARE_DF = 12  # a word in at most this many articles points to them (`related`)
MAX_RELATED = 40  # of the articles a rare word points to, the latest ones


def content_words(text: str) -> np.ndarray:
    """The article's distinct content words (no stop words, numbers or short words), as sorted bucket ids."""
    ids = {zlib.crc32(w.encode("utf-8")) % BUCKETS for w in words(text)
           if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()}
    return np.array(sorted(ids), dtype=np.uint32)


def to_bytes(ids: np.ndarray) -> bytes:
    return ids.astype(np.uint32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Stored content words; ValueError for what an older version stored there (a MinHash signature)."""
    ids = np.frombuffer(data, dtype=np.uint32)
    if len(ids) and int(ids.max()) >= BUCKETS:
        raise ValueError("not content words")
    return ids


class Wording:
    """The content words of the corpus's original articles, their document frequencies, and a rare-word index."""

    def __init__(self):
        self.df = np.zeros(BUCKETS, dtype=np.int32)
        self.articles = 0
        self._words: dict[str, np.ndarray] = {}
        self._postings: dict[int, list[str]] = defaultdict(list)  # word -> articles, while the word is rare

    def __contains__(self, key: str) -> bool:
        return key in self._words

    def add(self, key: str, ids: np.ndarray) -> None:
        """Count an original article's words (once per article)."""
        if key in self._words:
            return
        self._words[key] = ids
        self.articles += 1
        np.add.at(self.df, ids, 1)
        for word in ids[self.df[ids] <= RARE_DF].tolist():
            self._postings[word].append(key)

    def _weights(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed inverse document frequency, squared: a shared rare word counts for much more than a common one."""
        idf = np.log((self.articles + 1) / (self.df[ids] + 1)) + 1.0
        return idf * idf

    def similarity(self, a: str, b: str) -> float:
        """TF-IDF cosine of two added articles' content-word sets (0 when either is unknown)."""
        x, y = self._words.get(a), self._words.get(b)
        if x is None or y is None or not len(x) or not len(y):
            return 0.0
        common = np.intersect1d(x, y, assume_unique=True)
        if not len(common):
            return 0.0
        wx, wy = self._weights(x), self._weights(y)
        shared = self._weights(common)
        return float(np.dot(shared, shared) / np.sqrt(np.dot(wx, wx) * np.dot(wy, wy)))

    def related(self, key: str, least: int = 2) -> list[str]:
        """Other articles sharing at least `least` of this article's rare words, the most shared first."""
        ids = self._words.get(key)
        if ids is None:
            return []
        shared: dict[str, int] = defaultdict(int)
        for word in ids[self.df[ids] <= RARE_DF].tolist():
            for other in self._postings.get(word, ())[-MAX_RELATED:]:
                if other != key:
                    shared[other] += 1
        return sorted((k for k, n in shared.items() if n >= least), key=lambda k: (-shared[k], k))

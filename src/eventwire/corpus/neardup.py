"""Near-duplicate articles: wire copies and lightly edited versions, found by MinHash/LSH.

    index = NearDuplicates()
    original = index.add(key, text)     # the key of the article this one copies, or None

A MinHash signature (datasketch) of each article's word 3-shingles, which an
LSH index searches for copies (Jaccard >= COPY_THRESHOLD). It is computed in
one pass over the words, so the cost is linear in the article's length, and
stored so a later run need not recompute it. Whether two different write-ups
tell of the same happening is for `eventwire.corpus.wording` to say.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
COPY_THRESHOLD = 0.8  # shingle Jaccard above which one article is a copy of another
_SEED = 1
_SCHEME = "affine32"  # datasketch's 32-bit hash values: half the bytes of the 64-bit scheme
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def words(text: str) -> list[str]:
    """The article's words, lower case, in order."""
    return [w.lower() for w in _WORD.findall(text)]


def _minhash(tokens: set[str]) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    m.update_batch([t.encode("utf-8") for t in sorted(tokens)])
    return LeanMinHash(m)


def signature(text: str) -> LeanMinHash:
    """The shingle signature of a text (copies)."""
    tokens = words(text)
    return _minhash({" ".join(tokens[i : i + 3]) for i in range(max(1, len(tokens) - 2))})


def to_bytes(signature: LeanMinHash) -> bytes:
    return signature.hashvalues.astype(np.uint32).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(data, dtype=np.uint32), scheme=_SCHEME)


def similarity(a: LeanMinHash, b: LeanMinHash) -> float:
    """Estimated Jaccard similarity of the two sets behind the signatures."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


class NearDuplicates:
    """An LSH index of shingle signatures: which stored article is this one a copy of?"""

    def __init__(self, threshold: float = COPY_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        self._original: dict[str, str] = {}  # copy -> original

    def insert(self, key: str, shingles: LeanMinHash, original: str | None = None) -> None:
        """Index an article already decided on (when state is loaded from the store)."""
        self._lsh.insert(key, shingles, check_duplication=False)
        self._signatures[key] = shingles
        if original:
            self._original[key] = original

    def original_of(self, key: str, shingles: LeanMinHash) -> tuple[str | None, float]:
        """The indexed article this one copies (itself an original), and the similarity; (None, 0) if none."""
        best, best_sim = None, 0.0
        for other in sorted(self._lsh.query(shingles)):
            if other == key:
                continue
            sim = similarity(shingles, self._signatures[other])
            if sim >= self.threshold and sim > best_sim:
                best, best_sim = self._original.get(other, other), sim
        return best, best_sim

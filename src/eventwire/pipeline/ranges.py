"""Which of many character ranges holds a position, answered by bisect.

Coreference asks "is this word inside quoted speech?" for every candidate of every
pronoun; a scan of every range each time made an article of thousands of sentences
quadratic. Sorted starts with a running furthest end answer in O(log n).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Ranges:
    """Half-open ranges [start, end), looked up by position."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))  # the furthest end so far

    def holds(self, position: int) -> bool:
        """Whether some range holds the position."""
        i = bisect.bisect_right(self.starts, position) - 1
        return i >= 0 and self.reach[i] > position

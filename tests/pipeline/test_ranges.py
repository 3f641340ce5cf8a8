"""Ranges: which of many character ranges holds a position."""

from hypothesis import given
from hypothesis import strategies as st

from eventwire.pipeline.ranges import Ranges


def test_ranges_holds_half_open_and_overlapping():
    ranges = Ranges([(10, 20), (0, 5), (12, 15)])
    assert [ranges.holds(p) for p in (0, 4, 5, 9, 10, 19, 20)] == [True, True, False, False, True, True, False]
    assert not Ranges().holds(3)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda r: (r[0], r[0] + r[1])), max_size=12),
       st.integers(-2, 95))
def test_ranges_agree_with_a_scan(pairs, position):
    ranges = Ranges(pairs)
    holding = [number for number, (start, end) in enumerate(pairs) if start <= position < end]
    assert ranges.holds(position) == bool(holding)

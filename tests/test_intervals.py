"""The span indexes answer exactly as a scan over every span would."""

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictwatch.intervals import PointIndex, SpanIndex

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(-5, 100))
def test_span_index_is_any(items, pos):
    assert SpanIndex(items).covers(pos) == any(s <= pos < e for s, e in items)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=30), st.integers(-5, 70), st.integers(-5, 70))
def test_point_index_counts(points, a, b):
    assert PointIndex(points).count(a, b) == sum(1 for p in points if a <= p < b)

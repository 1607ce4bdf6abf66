"""Which stretches of a text hold a position: answered in logarithmic time.

The stages ask the same questions of every mention ("is this place inside an
actor's name?", "does an armed actor stand in this sentence?"). Asked by scanning
every stretch, each question costs the length of the document, and a document
with many mentions costs its length squared. These two small indexes answer them
with a sort once per document and a binary search per question.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Stretches ``(start, end)`` (end exclusive); :meth:`covers` tells whether any
    of them holds a position.

    ``SpanIndex(spans).covers(pos)`` equals ``any(s <= pos < e for s, e in spans)``.
    """

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # _reach[k]: the furthest end among the first k + 1 stretches (by start).
        reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            reach.append(furthest)
        self._reach = reach

    def __len__(self) -> int:
        return len(self._starts)

    def covers(self, pos: int) -> bool:
        """True when some stretch has ``start <= pos < end``."""
        k = bisect_right(self._starts, pos)
        return k > 0 and self._reach[k - 1] > pos


class PointIndex:
    """Positions (with repeats); :meth:`count` tells how many fall in a range."""

    __slots__ = ("_points",)

    def __init__(self, points: Iterable[int]) -> None:
        self._points = sorted(points)

    def __len__(self) -> int:
        return len(self._points)

    def count(self, start: int, end: int) -> int:
        """How many positions ``p`` have ``start <= p < end``."""
        if end <= start:
            return 0
        return bisect_left(self._points, end) - bisect_left(self._points, start)

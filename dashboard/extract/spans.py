"""Overlap resolution shared by every extractor."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from dashboard.model import Mention


def filter_spans(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: longest first, then earliest; result in text order."""
    starts: list[int] = []  # chosen spans, sorted by start; they never overlap each other
    ends: list[int] = []
    chosen: list[Mention] = []  # in the order of `starts`: text order, with no sort at the end
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        i = _join(starts, ends, m.start, m.end)
        if i >= 0:
            chosen.insert(i, m)
    return chosen


def in_order(mentions: list[Mention]) -> list[Mention]:
    """`filter_spans(mentions)` for mentions that most often come apart and in text order
    already (it would keep them all): that is checked first, in one typed loop."""
    for k in range(1, len(mentions)):
        if mentions[k - 1].end > mentions[k].start:
            return filter_spans(mentions)
    return mentions  # each ends before the next starts


def filter_pairs(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`filter_spans` for distinct (start, end) pairs: no Mention built per span to sort."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[int, int]] = []
    # Longest first, then earliest: distinct pairs make (start - end, start) unique, no key.
    for d, start in sorted((s - e, s) for s, e in spans):
        i = _join(starts, ends, start, start - d)
        if i >= 0:
            chosen.insert(i, (start, start - d))
    return chosen


def _join(starts: list[int], ends: list[int], start: int, end: int) -> int:
    """Add start:end to the chosen spans and return its index there; -1 (and not added) when
    it overlaps one of them."""
    i = bisect.bisect_left(starts, end)  # chosen spans starting before this one ends
    if i > 0 and ends[i - 1] > start:
        return -1
    starts.insert(i, start)
    ends.insert(i, end)
    return i

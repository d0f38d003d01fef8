"""Overlap resolution: longest first, then earliest."""

from __future__ import annotations

import random

from dashboard.extract.spans import filter_spans, in_order
from dashboard.model import Mention


def m(start: int, end: int) -> Mention:
    return Mention("figures", start, end, "x" * (end - start))


def test_longest_wins_then_earliest_and_order_is_textual() -> None:
    got = filter_spans([m(0, 3), m(2, 8), m(8, 10), m(9, 12), m(20, 22), m(21, 23)])
    assert [(x.start, x.end) for x in got] == [(2, 8), (9, 12), (20, 22)]


def test_touching_spans_both_kept() -> None:
    got = filter_spans([m(0, 5), m(5, 9)])
    assert [(x.start, x.end) for x in got] == [(0, 5), (5, 9)]


def test_contained_span_dropped() -> None:
    got = filter_spans([m(3, 4), m(0, 10)])
    assert [(x.start, x.end) for x in got] == [(0, 10)]


def test_in_order_is_filter_spans() -> None:
    rng = random.Random(7)
    for _ in range(500):
        found = []
        at = 0
        for _ in range(rng.randrange(8)):
            at += rng.randrange(-3, 6)  # some overlap the one before, some come earlier
            start = max(at, 0)
            found.append(m(start, start + rng.randrange(1, 6)))
        expected = [(x.start, x.end) for x in filter_spans(found)]
        assert [(x.start, x.end) for x in in_order(found)] == expected


def test_in_order_keeps_the_list_when_apart_and_in_order() -> None:
    found = [m(0, 3), m(3, 5), m(9, 12)]
    assert in_order(found) is found

"""Overlap resolution: longest first, then earliest."""

from __future__ import annotations

from dashboard.extract.spans import filter_spans
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

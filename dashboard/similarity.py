"""Token-set Jaccard similarity over normalised text, and grouping of near-identical texts.

Deterministic and language-independent: texts are folded with dashboard.text.fold (Arabic
letter variants, diacritics, digits, case), split into word tokens, and compared as sets.
Grouping links every pair at or above a threshold and returns the connected components
(single linkage); prefix filtering keeps it from comparing every pair of a large corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from dashboard.text import fold

_WORD = re.compile(r"\w+")


def tokens(text: str) -> frozenset[str]:
    """The set of folded word tokens of a text."""
    return frozenset(_WORD.findall(fold(text or "")))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 for two empty sets (nothing to compare is not a match)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def similar_groups(sets: Sequence[frozenset[str]], threshold: float) -> list[int]:
    """A group number per set: sets linked by Jaccard >= threshold share one (single linkage).

    Groups are numbered by their first member's position, so the result depends only on the
    input order. Empty sets stay alone.
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    n = len(sets)
    parent = list(range(n))
    # Prefix filtering: with tokens in a global order (rarest first), two sets whose Jaccard
    # reaches t share a token among the first |s| - ceil(t |s|) + 1 tokens of each.
    freq = Counter(t for s in sets for t in s)
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        if not s:
            continue
        ordered = sorted(s, key=lambda t: (freq[t], t))
        prefix = ordered[: len(s) - math.ceil(threshold * len(s)) + 1]
        candidates = {j for t in prefix for j in index[t]}
        for j in sorted(candidates):
            if jaccard(s, sets[j]) >= threshold:
                a, b = _find(parent, i), _find(parent, j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        for t in prefix:
            index[t].append(i)
    roots = [_find(parent, i) for i in range(n)]
    number: dict[int, int] = {}
    return [number.setdefault(r, len(number)) for r in roots]

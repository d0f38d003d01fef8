"""Syndicated copies: the same sentence carried by several documents counts once.

Agencies' wires are printed by many outlets word for word; a figure or claim repeated that way
is one report, not several independent ones. Two sentences of different documents are copies
when their folded words (punctuation dropped) are identical, the cosine of their TF-IDF
character n-grams (3 to 5, within words) is at least COPY_SIMILARITY, or the shorter one's
words lie almost all in the longer one (a clause cut off). Copies are linked
(single linkage); the earliest
published member of each cluster is its original, the others are copies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dashboard.text import fold
from dashboard.tfidf import char_ngram_tfidf

# Measured on the Arabic corpus: copies of one wire sentence edited by each outlet ("%" for
# "per cent", a dateline or a source added) score 0.85 to 0.96; different updates of one story
# and different sentences on one topic score 0.84 and below.
COPY_SIMILARITY = 0.85
# An outlet that cuts a clause off a wire sentence keeps its words: the shorter sentence (of at
# least CONTAINED_MIN_WORDS words) with this share of its words in the longer one is a copy.
CONTAINED_SHARE = 0.9
CONTAINED_MIN_WORDS = 8
_WORD = re.compile(r"\w+")


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _contained(folded: Sequence[str], groups: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs of one group whose shorter sentence has CONTAINED_SHARE of its words in the other."""
    out = []
    for ids in groups:
        # Each distinct sentence is compared once: copies of one wire sentence are many.
        by_text: dict[str, list[int]] = {}
        for i in ids:
            by_text.setdefault(folded[i], []).append(i)
        texts = list(by_text)
        sets = [frozenset(t.split()) for t in texts]
        for x, a in enumerate(sets):
            for y in range(x, len(sets)):
                b = sets[y]
                small = min(len(a), len(b))
                if small >= CONTAINED_MIN_WORDS and len(a & b) >= CONTAINED_SHARE * small:
                    first, second = by_text[texts[x]], by_text[texts[y]]
                    if x == y:
                        out += [(i, j) for k, i in enumerate(first) for j in first[k + 1 :]]
                    else:
                        out += [(i, j) for i in first for j in second]
    return out


def _similar(texts: list[str], groups: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs of one group whose TF-IDF character n-gram cosine reaches COPY_SIMILARITY.

    `texts` are the groups' sentences in the order of `groups` (positions flattened).
    """
    if not any(texts):
        return []
    matrix = char_ngram_tfidf(texts)
    if matrix is None:
        return []
    out, row = [], 0
    for ids in groups:
        part = matrix[row : row + len(ids)]
        row += len(ids)
        sim = (part @ part.T).tocoo()
        out += [
            (ids[int(a)], ids[int(b)])
            for a, b, v in zip(sim.row, sim.col, sim.data, strict=True)
            if a < b and v >= COPY_SIMILARITY
        ]
    return out


def copy_of(
    sentences: Sequence[str],
    docs: Sequence[str],
    published: Sequence[str],
    groups: Sequence[object] | None = None,
) -> list[int]:
    """Per sentence, the position of its cluster's original (itself when it is no copy).

    The original is the earliest published member (an unknown date sorts last), then the first
    by position; sentences of one document are never copies of each other. With `groups`,
    only sentences of one group are compared (one call for many groups of figures or claims).
    """
    n = len(sentences)
    group = list(groups) if groups is not None else [0] * n
    parent = list(range(n))
    folded = [" ".join(_WORD.findall(fold(s or ""))) for s in sentences]
    same: dict[str, list[int]] = {}
    for i, f in enumerate(folded):
        same.setdefault(f, []).append(i)
    pairs = [(ids[0], j) for ids in same.values() for j in ids[1:]]
    by_group: dict[object, list[int]] = {}
    for i, g in enumerate(group):
        by_group.setdefault(g, []).append(i)
    # Only groups with sentences of two documents can hold copies: most claims stand alone.
    shared = [ids for ids in by_group.values() if len({docs[i] for i in ids}) >= 2]
    pairs += _similar([folded[i] for ids in shared for i in ids], shared)
    pairs += _contained(folded, shared)
    for i, j in pairs:
        if docs[i] != docs[j] and group[i] == group[j] and folded[i]:
            a, b = _find(parent, i), _find(parent, j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(_find(parent, i), []).append(i)
    out = list(range(n))
    for members in clusters.values():
        first = min(members, key=lambda i: (published[i] or "9999", i))
        for i in members:
            out[i] = first
    return out

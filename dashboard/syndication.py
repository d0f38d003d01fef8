"""Syndicated copies: the same sentence carried by several documents counts once.

Agencies' wires are printed by many outlets word for word; a figure or claim repeated that way
is one report, not several independent ones. Two sentences of different documents are copies
when their folded words (punctuation dropped) are identical, the cosine of their TF-IDF
character n-grams (3 to 5, within words) is at least COPY_SIMILARITY, or the shorter one's
words lie almost all in the longer one (a clause cut off). Copies are linked (single
linkage); the earliest published member of each cluster is its original, the others are copies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dashboard.text import fold
from dashboard.tfidf import char_ngram_tfidf
from dashboard.union_find import UnionFind

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Measured on the Arabic corpus: copies of one wire sentence edited by each outlet ("%" for
# "per cent", a dateline or a source added) score 0.85 to 0.96; different updates of one story
# and different sentences on one topic score 0.84 and below.
COPY_SIMILARITY = 0.85
# An outlet that cuts a clause off a wire sentence keeps its words: the shorter sentence (of at
# least CONTAINED_MIN_WORDS words) with this share of its words in the longer one is a copy.
CONTAINED_SHARE = 0.9
CONTAINED_MIN_WORDS = 8
_WORD = re.compile(r"\w+")


def _contained(texts: list[str]) -> set[tuple[int, int]]:
    """Pairs x < y of distinct texts whose shorter one has CONTAINED_SHARE of its words in the
    other."""
    out = set()
    sets = [frozenset(t.split()) for t in texts]
    for x, a in enumerate(sets):
        for y in range(x + 1, len(sets)):
            b = sets[y]
            small = min(len(a), len(b))
            if small >= CONTAINED_MIN_WORDS and len(a & b) >= CONTAINED_SHARE * small:
                out.add((x, y))
    return out


def _similar(rows: csr_matrix, first: list[int]) -> set[tuple[int, int]]:
    """Pairs x < y of distinct texts whose cosine reaches COPY_SIMILARITY; `first` is each
    text's first row in `rows` (one group's TF-IDF rows)."""
    part = rows[first]
    sim = (part @ part.T).tocoo()
    keep = (sim.row < sim.col) & (sim.data >= COPY_SIMILARITY)
    return set(zip(sim.row[keep].tolist(), sim.col[keep].tolist(), strict=True))


def _unite(union: UnionFind, ids: list[int]) -> None:
    for j in ids[1:]:
        union.join(ids[0], j)


def _join_group(
    union: UnionFind, folded: list[str], docs: Sequence[str], ids: list[int], rows: csr_matrix
) -> None:
    """Join the copies among one group's sentences (`rows`: their TF-IDF rows).

    Two sentences of different documents are linked when their texts are alike (a text is
    alike to itself), and links chain. So each text is compared once, however many copies carry
    it: the sentences of one text form one cluster when they are of two documents or more, and
    those of two alike texts form one when the two texts hold two documents or more between
    them.
    """
    by_text: dict[str, list[int]] = {}
    for i in ids:
        if folded[i]:
            by_text.setdefault(folded[i], []).append(i)
    texts = list(by_text)
    held = [{docs[i] for i in by_text[t]} for t in texts]
    for t, doc_set in zip(texts, held, strict=True):
        if len(doc_set) >= 2:
            _unite(union, by_text[t])
    row_of = {i: k for k, i in enumerate(ids)}
    alike = _similar(rows, [row_of[by_text[t][0]] for t in texts]) | _contained(texts)
    for x, y in alike:
        if len(held[x] | held[y]) >= 2:
            _unite(union, by_text[texts[x]] + by_text[texts[y]])


def outlet_key(outlet: str, doc_id: str) -> str:
    """Who published a report, for counting outlets: the outlet's name without case or accents
    ("El País", "El país" and "El Pais" are one outlet), else the document itself (an unknown
    outlet counts as its own)."""
    name = unicodedata.normalize("NFKD", fold(outlet or "").casefold())
    name = " ".join("".join(c for c in name if not unicodedata.combining(c)).split())
    return name or doc_id


def copy_of(
    sentences: Sequence[str],
    docs: Sequence[str],
    published: Sequence[str],
    groups: Sequence[object] | None = None,
) -> list[int]:
    """Per sentence, the position of its cluster's original (itself when it is no copy; see
    `originals`). Sentences of one document are never copies of each other. With `groups`,
    only sentences of one group are compared (one call for many groups of figures or claims).
    """
    n = len(sentences)
    group = list(groups) if groups is not None else [0] * n
    union = UnionFind(n)
    # Copies repeat one sentence: each distinct sentence is folded once.
    folding = {s: " ".join(_WORD.findall(fold(s or ""))) for s in dict.fromkeys(sentences)}
    folded = [folding[s] for s in sentences]
    by_group: dict[object, list[int]] = {}
    for i, g in enumerate(group):
        by_group.setdefault(g, []).append(i)
    # Only groups with sentences of two documents can hold copies: most claims stand alone.
    shared = [ids for ids in by_group.values() if len({docs[i] for i in ids}) >= 2]
    # The weights are those of all these groups' sentences, every copy counted.
    matrix = char_ngram_tfidf([folded[i] for ids in shared for i in ids]) if shared else None
    row = 0
    for ids in shared:
        # No n-gram at all: no text to compare. A group not equal to itself (NaN) links nothing.
        if matrix is not None and group[ids[0]] == group[ids[0]]:
            _join_group(union, folded, docs, ids, matrix[row : row + len(ids)])
        row += len(ids)
    return originals([union.find(i) for i in range(n)], published)


def originals(roots: Sequence[int], published: Sequence[str]) -> list[int]:
    """Per position, the original of its cluster (positions of one root): the earliest published
    member (an unknown date sorts last), then the first by position."""
    clusters: dict[int, list[int]] = {}
    for i, root in enumerate(roots):
        clusters.setdefault(root, []).append(i)
    out = list(range(len(roots)))
    for members in clusters.values():
        first = min(members, key=lambda i: (published[i] or "9999", i))
        for i in members:
            out[i] = first
    return out

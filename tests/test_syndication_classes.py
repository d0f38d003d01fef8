"""dashboard.syndication.copy_of compares each distinct text once: the same clusters as
comparing every two sentences (the reference below, the pairwise algorithm it replaced)."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

import pandas as pd
import pytest

from dashboard import figure_groups, figure_values, syndication
from dashboard.syndication import copy_of
from dashboard.text import fold
from dashboard.tfidf import char_ngram_tfidf

_WORD = re.compile(r"\w+")


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _contained(folded: Sequence[str], groups: list[list[int]]) -> list[tuple[int, int]]:
    out = []
    for ids in groups:
        for k, i in enumerate(ids):
            for j in ids[k + 1 :]:
                a, b = frozenset(folded[i].split()), frozenset(folded[j].split())
                small = min(len(a), len(b))
                if (
                    small >= syndication.CONTAINED_MIN_WORDS
                    and len(a & b) >= syndication.CONTAINED_SHARE * small
                ):
                    out.append((i, j))
    return out


def _similar(texts: list[str], groups: list[list[int]]) -> list[tuple[int, int]]:
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
            if a < b and v >= syndication.COPY_SIMILARITY
        ]
    return out


def reference_copy_of(
    sentences: Sequence[str], docs: Sequence[str], published: Sequence[str], groups=None
) -> list[int]:
    """Every two sentences of a group compared, every linked pair joined."""
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
    shared = [ids for ids in by_group.values() if len({docs[i] for i in ids}) >= 2]
    pairs += _similar([folded[i] for ids in shared for i in ids], shared)
    pairs += _contained(folded, shared)
    for i, j in pairs:
        if docs[i] != docs[j] and group[i] == group[j] and folded[i]:
            a, b = _find(parent, i), _find(parent, j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return syndication.originals([_find(parent, i) for i in range(n)], published)


WORDS = [
    "oil", "exports", "rose", "to", "million", "barrels", "a", "day", "in", "march", "the",
    "ministry", "said", "on", "sunday", "prices", "fell", "after", "output", "cuts", "by",
    "producers", "brent", "crude", "traded", "near", "dollars",
]  # fmt: skip


def _variant(rng: random.Random, base: str) -> str:
    """A copy of a sentence as an outlet may print it: exact, edited, cut or re-punctuated."""
    words = base.split()
    kind = rng.randrange(7)
    if kind == 0 or len(words) < 2:
        return base
    if kind == 1:
        return base.upper() + " ."  # folds to the same words
    if kind == 2:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    elif kind == 3:
        del words[rng.randrange(len(words))]
    elif kind == 4:
        words = words[: max(1, len(words) - rng.randrange(1, 3))]
    elif kind == 5:
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    else:
        words = [w[:-1] if len(w) > 3 and rng.random() < 0.3 else w for w in words]
    return " ".join(words)


def _case(rng: random.Random) -> tuple[list[str], list[str], list[str], list[object] | None]:
    bases = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 14)))
        for _ in range(rng.randrange(1, 5))
    ] + ["", "!!", "a b"]
    n = rng.randrange(1, 40)
    sentences = [_variant(rng, rng.choice(bases)) for _ in range(n)]
    docs = [rng.choice("abcde"[: rng.randrange(1, 6)]) for _ in range(n)]
    published = [rng.choice(["", "2025-01-01", "2025-01-02", "2025-01-03"]) for _ in range(n)]
    groups: list[object] | None = None
    if rng.random() < 0.7:
        keys = [0, 1, (2, 5.0), "g"][: rng.randrange(1, 5)]
        groups = [rng.choice(keys) for _ in range(n)]
    return sentences, docs, published, groups


@pytest.mark.parametrize("seed", range(60))
def test_same_clusters_as_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        sentences, docs, published, groups = _case(rng)
        expected = reference_copy_of(sentences, docs, published, groups)
        assert copy_of(sentences, docs, published, groups) == expected


def test_random_cases_hold_copies() -> None:
    # The cases above must hold what is to be compared: copies linked, and not all of them.
    rng = random.Random(0)
    linked = unlinked = 0
    for _ in range(300):
        sentences, docs, published, groups = _case(rng)
        out = reference_copy_of(sentences, docs, published, groups)
        linked += sum(o != k for k, o in enumerate(out))
        unlinked += sum(o == k for k, o in enumerate(out))
    assert linked > 500 and unlinked > 500


@pytest.mark.parametrize(
    ("docs", "expected"),
    [
        (["a", "a", "a"], [0, 1, 2]),  # one document: never its own copy
        (["a", "b", "a"], [0, 0, 0]),  # a links b, b links the second a
        (["a", "b", "b", "a"], [0, 0, 0, 0]),
    ],
)
def test_identical_sentences(docs: list[str], expected: list[int]) -> None:
    sentences = ["Oil exports rose to 3 million barrels a day."] * len(docs)
    got = copy_of(sentences, docs, [""] * len(docs))
    assert got == reference_copy_of(sentences, docs, [""] * len(docs)) == expected


def test_two_texts_of_the_same_two_documents() -> None:
    # Short texts alike but not their own copies by words: each document's sentence goes
    # with the other document's, so the texts link across documents only.
    sentences = ["ab cd", "ab cde", "ab cd", "ab cde"]
    docs = ["a", "a", "b", "b"]
    for threshold in (0.0, 0.5, 0.99):
        original = syndication.COPY_SIMILARITY
        syndication.COPY_SIMILARITY = threshold
        try:
            got = copy_of(sentences, docs, [""] * 4)
            assert got == reference_copy_of(sentences, docs, [""] * 4)
        finally:
            syndication.COPY_SIMILARITY = original


# --- figure groups: a contradiction is found by distinct values, as by every two figures ---


def _reference_conflict(rows: list[dict]) -> bool:
    spans = [(r["doc_id"], figure_groups._interval(r)) for r in rows]
    return any(
        d1 != d2 and not figure_values.agree(i1, i2)
        for k, (d1, i1) in enumerate(spans)
        for d2, i2 in spans[k + 1 :]
    )


@pytest.mark.parametrize("seed", range(20))
def test_conflict_as_every_two_figures(seed: int) -> None:
    rng = random.Random(seed)
    nan = float("nan")
    found = set()
    for _ in range(200):
        rows = [
            {
                "doc_id": rng.choice("abc"[: rng.randrange(1, 4)]),
                "value": rng.choice([100.0, 104.0, 107000.0, 110.0, 0.0]),
                "low": rng.choice([nan, nan, nan, 90.0]),
                "high": rng.choice([nan, 95.0, 120.0]),
                "approx": rng.random() < 0.3,
                "per": rng.choice(["", "barrel"]),
            }
            for _ in range(rng.randrange(1, 8))
        ]
        expected = _reference_conflict(rows)
        found.add(expected)
        assert figure_groups._conflict(rows) == expected
    assert found == {True, False}


# --- figure groups: copies' pairs are joined until joining them changes nothing -------------


def _reference_join_bucket(
    union: figure_groups._Union, by_doc: dict, counted: bool, windows: list[int]
) -> None:
    """Every pair of documents joined, as before copies were skipped."""
    docs = sorted(by_doc)
    kinds: dict[tuple, int] = {}
    kind = {d: kinds.setdefault(tuple(by_doc[d]), len(kinds)) for d in docs}
    linked: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for x, da in enumerate(docs):
        for db in docs[x + 1 :]:
            key = (kind[da], kind[db])
            if key not in linked:
                linked[key] = figure_groups._best_pairs(by_doc[da], by_doc[db], counted, windows)
            for i, j in linked[key]:
                union.join(by_doc[da][i].row, by_doc[db][j].row)


def _figure_rows(rng: random.Random) -> pd.DataFrame:
    """Figures of documents that mostly copy a few reports (values and days apart enough for
    joins to be refused: MAX_RATIO, MAX_DAYS_APART)."""
    templates = [
        [(rng.choice([100.0, 104.0, 250.0, 400.0, 1000.0]), rng.choice([None, 1, 2, 5, 9]),
          rng.choice(["oil", "gas"])) for _ in range(rng.randrange(1, 4))]
        for _ in range(rng.randrange(1, 4))
    ]  # fmt: skip
    rows = []
    for d in range(rng.randrange(2, 25)):
        figures = rng.choice(templates) if rng.random() < 0.8 else rng.choice(templates)[:1]
        for value, day, obj in figures:
            rows.append(
                {"doc_id": f"d{d:02}", "value": value, "unit": "count", "per": "",
                 "object": obj, "measure": "exports", "rate": "", "benchmark": "",
                 "qualifier": "", "names": frozenset({"x"}), "from_story": False,
                 "dated": "", "granularity": "day", "day": day, "published": "2025-01-01",
                 "around": frozenset(), "numbers": frozenset(), "lang": "en"}
            )  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", range(30))
def test_link_as_every_pair_of_documents(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    for _ in range(20):
        figs = _figure_rows(rng)
        got = figure_groups._link(figs)
        with monkeypatch.context() as patch:
            patch.setattr(figure_groups, "_join_bucket", _reference_join_bucket)
            assert got == figure_groups._link(figs)

"""Across documents: the same quantity or claim in many reports, its spread and its sources.

Figures that measure the same thing (same unit and rate, shared places, entities or counted
object, values within a factor of three) are grouped across documents; a group whose values
differ beyond rounding and "about" is a contradiction. Claims are grouped by the similarity of
their content (TF-IDF over character n-grams) or by carrying figures that agree; a group counts
its independent outlets and source kinds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from dashboard.figure_conflicts import agree as intervals_agree
from dashboard.figure_conflicts import value_interval
from dashboard.lexicon import load
from dashboard.tables import Tables
from dashboard.text import fold

MAX_RATIO = 3.0  # values further apart than this measure different things
MAX_DAYS_APART = 3  # reports of one quantity appear within days of each other
CLAIM_SIMILARITY = 0.5  # cosine of TF-IDF character n-grams for "the same claim"


@dataclass
class Assessment:
    """Groups across documents and the profile of every source."""

    figure_groups: pd.DataFrame
    figure_members: pd.DataFrame
    claim_groups: pd.DataFrame
    claim_members: pd.DataFrame
    sources: pd.DataFrame


class _Union:
    """Union-find; with `values`, a join that would spread a group beyond MAX_RATIO is refused."""

    def __init__(
        self, n: int, values: list[float] | None = None, days: list[int | None] | None = None
    ) -> None:
        self.parent = list(range(n))
        self.bounds = [(abs(v), abs(v)) for v in values] if values else None
        self.days = [(d, d) for d in days] if days else None

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.bounds is not None:
            lo = min(self.bounds[ra][0], self.bounds[rb][0])
            hi = max(self.bounds[ra][1], self.bounds[rb][1])
            if lo == 0 or hi / lo > MAX_RATIO:
                return False  # chained pairs must not join 0.7M and 6.9M into one quantity
            self.bounds[rb] = (lo, hi)
        if self.days is not None and self.days[ra][0] is not None and self.days[rb][0] is not None:
            first = min(self.days[ra][0], self.days[rb][0])
            last = max(self.days[ra][1], self.days[rb][1])
            if last - first > MAX_DAYS_APART:
                return False  # nor chain reports over weeks
            self.days[rb] = (first, last)
        self.parent[ra] = rb
        return True


def agree(a: float, b: float, approx: bool) -> bool:
    """Whether two reported values can be the same quantity, given rounding and "about".

    The rule of dashboard.figure_conflicts: the values each may stand for overlap.
    """
    nan = float("nan")
    return intervals_agree(value_interval(a, nan, nan, approx), value_interval(b, nan, nan, approx))


def _context(tables: Tables) -> dict[tuple[str, str], frozenset[str]]:
    """(doc_id, sentence) -> places and entities named in that sentence."""
    keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    # Places by English name and entities by name: both read the same in every language.
    for df, kind in ((tables.places, "place"), (tables.entities, "entity")):
        for doc, sentence, key in zip(df["doc_id"], df["sentence"], df["name"], strict=True):
            if key:
                keys[(doc, sentence)].add(f"{kind}:{key}")
    return {k: frozenset(v) for k, v in keys.items()}


def _main_places(tables: Tables) -> dict[str, frozenset[str]]:
    """Each document's most-mentioned places: the context of a sentence that names none."""
    out = {}
    for doc, group in tables.places.groupby("doc_id"):
        counts = group["name"][group["name"] != ""].value_counts()
        if len(counts):
            top = counts[counts == counts.iloc[0]].index
            out[str(doc)] = frozenset(f"place:{p}" for p in top)
    return out


@cache
def _words(lang: str) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]:
    """(measures, benchmarks) of a language: name -> folded words."""
    data = load(lang, "assessment")
    return tuple(
        tuple((name, tuple(fold(w) for w in words)) for name, words in data[key].items())
        for key in ("measures", "benchmarks")
    )


def _found(words: tuple[tuple[str, tuple[str, ...]], ...], folded: str) -> frozenset[str]:
    return frozenset(name for name, ws in words if any(w in folded for w in ws))


def _figure_frame(tables: Tables) -> pd.DataFrame:
    docs = tables.documents.set_index("doc_id")
    figs = tables.figures.reset_index(drop=True).copy()
    figs["outlet"] = figs["doc_id"].map(docs["source"]).fillna("")
    figs["published"] = figs["doc_id"].map(docs["published"]).fillna("")
    langs = figs["doc_id"].map(docs["lang"]).fillna("")
    sentence_keys = _context(tables)
    measures, contexts = [], []
    for d, sentence, lang in zip(figs["doc_id"], figs["sentence"], langs, strict=True):
        measure_words, benchmark_words = _words(lang)
        folded = fold(sentence)
        measures.append(_found(measure_words, folded))
        marks = frozenset(f"benchmark:{b}" for b in _found(benchmark_words, folded))
        contexts.append(sentence_keys.get((d, sentence), frozenset()) | marks)
    figs["measures"] = measures
    figs["context"] = contexts
    main = _main_places(tables)
    figs["main_places"] = [main.get(d, frozenset()) for d in figs["doc_id"]]
    return figs


@dataclass(frozen=True)
class _Fig:
    row: int
    doc: str
    value: float
    context: frozenset[str]  # places, entities and benchmarks of the figure's sentence
    measures: frozenset[str]  # what the sentence says is measured: exports, cost, deaths ...
    main_places: frozenset[str]  # the document's most-mentioned places
    day: int | None  # published date as an ordinal, when known


def _pair_score(a: _Fig, b: _Fig, counted: bool, price: bool) -> float | None:
    """How likely two figures of different documents measure the same thing (None: not)."""
    if (a.day is None) != (b.day is None):
        return None  # an undated report cannot be placed beside a dated one
    window = 0 if price else MAX_DAYS_APART  # a price changes every day: same day only
    if a.day is not None and b.day is not None and abs(a.day - b.day) > window:
        return None
    if a.measures and b.measures and not a.measures & b.measures:
        return None  # exports and imports of the same country are different quantities
    low, high = sorted((abs(a.value), abs(b.value)))
    if low == 0 or high / low > MAX_RATIO:
        return None
    shared = a.context & b.context
    if not shared and a.measures & b.measures:
        # A sentence that names no place ("repairs will cost...") speaks of its story's places.
        shared = a.main_places & b.main_places
    if not shared and not counted:
        return None
    union = a.context | b.context
    closeness = 1 - math.log(high / low) / math.log(MAX_RATIO)
    return (len(shared) / len(union) if union else 0.5) + closeness


def _day(published: str) -> int | None:
    try:
        return date.fromisoformat(published).toordinal()
    except ValueError:
        return None


def group_figures(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, members): figures of different documents that report the same quantity."""
    figs = _figure_frame(tables)
    union = _Union(
        len(figs), [float(v) for v in figs["value"]], [_day(p) for p in figs["published"]]
    )
    # Only figures of one unit, rate (and counted object) can be the same quantity.
    buckets: dict[tuple[str, str, str], dict[str, list[_Fig]]] = defaultdict(
        lambda: defaultdict(list)
    )
    columns = ["doc_id", "unit", "per", "object", "value", "context", "measures", "main_places"]
    for i, (doc, unit, per, obj, value, ctx, measures, main, pub) in enumerate(
        zip(*(figs[c] for c in [*columns, "published"]), strict=True)
    ):
        key = (unit, per, fold(obj) if unit == "count" else "")
        buckets[key][doc].append(_Fig(i, doc, float(value), ctx, measures, main, _day(pub)))
    for (unit, per, obj), by_doc in buckets.items():
        counted = unit == "count" and bool(obj)
        price = per not in ("", "day", "week", "month", "year")  # "16 dlrs a barrel"
        docs = sorted(by_doc)
        for x, da in enumerate(docs):
            for db in docs[x + 1 :]:
                # One-to-one between two documents, best pairs first: "10 mln bpd produced, 7
                # mln exported" in one report must not both join the other's "7 mln exported".
                pairs = []
                for a in by_doc[da]:
                    for b in by_doc[db]:
                        score = _pair_score(a, b, counted, price)
                        if score is not None:
                            pairs.append((score, a.row, b.row))
                used: set[int] = set()
                for _, i, j in sorted(pairs, reverse=True):
                    if i not in used and j not in used:
                        used |= {i, j}
                        union.join(i, j)
    figs["group"] = [union.find(i) for i in range(len(figs))]
    sizes = figs.groupby("group")["doc_id"].nunique()
    members = figs[figs["group"].map(sizes) >= 2].copy()
    ids = {g: f"F{n + 1}" for n, g in enumerate(sorted(members["group"].unique()))}
    members["group_id"] = members["group"].map(ids)
    summaries = [_figure_summary(gid, part) for gid, part in members.groupby("group_id")]
    cols = [
        "group_id",
        "doc_id",
        "outlet",
        "published",
        "start",
        "end",
        "text",
        "value",
        "unit",
        "per",
        "approx",
        "object",
        "sentence",
    ]
    groups = pd.DataFrame(summaries, columns=FIGURE_GROUP_COLUMNS)
    if len(groups):
        groups = groups.sort_values(["contradiction", "documents"], ascending=[False, False])
    return groups.reset_index(drop=True), members[cols].reset_index(drop=True)


FIGURE_GROUP_COLUMNS = [
    "group_id",
    "unit",
    "per",
    "object",
    "documents",
    "outlets",
    "values",
    "low",
    "high",
    "contradiction",
    "earliest_doc",
    "earliest_published",
    "context",
]


def _figure_summary(gid: str, part: pd.DataFrame) -> dict[str, object]:
    values = list(part["value"])
    approx = list(part["approx"])
    conflict = any(
        not agree(values[i], values[j], approx[i] or approx[j])
        for i in range(len(values))
        for j in range(i + 1, len(values))
    )
    dated = part[part["published"] != ""].sort_values("published")
    first = dated.iloc[0] if len(dated) else part.iloc[0]
    context = sorted(set().union(*part["context"]) or set().union(*part["main_places"]))
    outlets = {o or d for o, d in zip(part["outlet"], part["doc_id"], strict=True)}
    return {
        "group_id": gid,
        "unit": part["unit"].iloc[0],
        "per": part["per"].iloc[0],
        "object": part["object"].iloc[0],
        "documents": part["doc_id"].nunique(),
        "outlets": len(outlets),  # an unknown outlet counts as its own
        "values": ", ".join(f"{v:,.10g}" for v in sorted(set(values))),
        "low": min(values),
        "high": max(values),
        "contradiction": conflict,
        "earliest_doc": first["doc_id"],
        "earliest_published": first["published"],
        "context": ", ".join(k.split(":", 1)[1] for k in context),
    }


CLAIM_GROUP_COLUMNS = [
    "group_id",
    "claims",
    "documents",
    "outlets",
    "source_kinds",
    "sources",
    "corroborated",
    "single_anonymous",
    "contradicted",
    "earliest_doc",
    "earliest_published",
    "text",
]


def _claim_figures(tables: Tables, members: pd.DataFrame) -> dict[int, list[tuple[str, float]]]:
    """claim row -> (figure group, value) of the grouped figures inside its content span."""
    located = {
        (d, s, e): (g, v)
        for d, s, e, g, v in zip(
            members["doc_id"],
            members["start"],
            members["end"],
            members["group_id"],
            members["value"],
            strict=True,
        )
    }
    by_doc: dict[str, list[tuple[int, int, str, float]]] = defaultdict(list)
    for (d, s, e), (g, v) in located.items():
        by_doc[d].append((s, e, g, v))
    out: dict[int, list[tuple[str, float]]] = {}
    claims = tables.claims.reset_index(drop=True)
    for i, (d, s, e) in enumerate(
        zip(claims["doc_id"], claims["start"], claims["end"], strict=True)
    ):
        out[i] = [(g, v) for fs, fe, g, v in by_doc.get(d, []) if s <= fs and fe <= e]
    return out


def _conflicting(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> bool:
    """Whether two claims carry disagreeing values of the same quantity ("fell to 150,000")."""
    return any(ga == gb and not agree(va, vb, approx=True) for ga, va in a for gb, vb in b)


def _similar_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of claim contents whose TF-IDF character n-gram cosine passes the threshold."""
    if len(texts) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    folded = [fold(t) for t in texts]
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(folded)
    sim = (matrix @ matrix.T).tocoo()
    return [
        (i, j)
        for i, j, v in zip(sim.row, sim.col, sim.data, strict=True)
        if i < j and v >= CLAIM_SIMILARITY
    ]


def group_claims(
    tables: Tables, figure_members: pd.DataFrame, figure_groups: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, members): claims of different documents that say the same thing."""
    claims = tables.claims.reset_index(drop=True).copy()
    docs = tables.documents.set_index("doc_id")
    claims["outlet"] = claims["doc_id"].map(docs["source"]).fillna("")
    claims["published"] = claims["doc_id"].map(docs["published"]).fillna("")
    inside = _claim_figures(tables, figure_members)
    union = _Union(len(claims))
    doc = list(claims["doc_id"])
    for i, j in _similar_pairs(list(claims["text"])):
        if doc[i] != doc[j] and not _conflicting(inside[i], inside[j]):
            union.join(i, j)
    # Claims carrying figures of one group whose values agree report the same thing, in any
    # language; a claim with a conflicting value stays apart (it is the other side).
    by_group: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, found in inside.items():
        for g, v in found:
            by_group[g].append((i, v))
    for entries in by_group.values():
        for a in range(len(entries)):
            for b in range(a + 1, len(entries)):
                (i, vi), (j, vj) = entries[a], entries[b]
                if doc[i] != doc[j] and agree(vi, vj, approx=True):
                    union.join(i, j)
    conflicted = set(figure_groups.loc[figure_groups["contradiction"], "group_id"])
    claims["group"] = [union.find(i) for i in range(len(claims))]
    claims["contradicted"] = [
        any(g in conflicted for g, _ in inside[i]) for i in range(len(claims))
    ]
    ids = {g: f"C{n + 1}" for n, g in enumerate(sorted(claims["group"].unique()))}
    claims["group_id"] = claims["group"].map(ids)
    summaries = [_claim_summary(gid, part) for gid, part in claims.groupby("group_id")]
    groups = pd.DataFrame(summaries, columns=CLAIM_GROUP_COLUMNS)
    cols = [
        "group_id",
        "claim_id",
        "doc_id",
        "outlet",
        "published",
        "source",
        "source_kind",
        "cue",
        "text",
        "hedged",
        "negated",
        "contradicted",
        "sentence",
    ]
    return groups, claims[cols]


def _claim_summary(gid: str, part: pd.DataFrame) -> dict[str, object]:
    outlets = {o or d for o, d in zip(part["outlet"], part["doc_id"], strict=True)}
    kinds = sorted(set(part["source_kind"]))
    dated = part[part["published"] != ""].sort_values("published")
    first = dated.iloc[0] if len(dated) else part.iloc[0]
    return {
        "group_id": gid,
        "claims": len(part),
        "documents": part["doc_id"].nunique(),
        "outlets": len(outlets),
        "source_kinds": ", ".join(kinds),
        "sources": "; ".join(sorted(set(part["source"]))),
        "corroborated": len(outlets) >= 2,
        "single_anonymous": len(outlets) == 1 and kinds == ["anonymous"],
        "contradicted": bool(part["contradicted"].any()),
        "earliest_doc": first["doc_id"],
        "earliest_published": first["published"],
        "text": first["text"],
    }


SOURCE_COLUMNS = [
    "level",
    "source",
    "claims",
    "source_kinds",
    "hedged_share",
    "corroborated",
    "contradicted",
]


def source_profile(claim_groups: pd.DataFrame, claim_members: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and per named source: claims, kinds, share hedged, corroborated, contradicted."""
    if claim_members.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    groups = claim_groups.set_index("group_id")
    m = claim_members.copy()
    m["corroborated"] = m["group_id"].map(groups["corroborated"]).astype(bool)
    m["source_key"] = m["source"].map(fold)
    rows = []
    for level, key, label in (("outlet", "outlet", "outlet"), ("source", "source_key", "source")):
        for _, part in m.groupby(key):
            name = part[label].iloc[0]
            rows.append(
                {
                    "level": level,
                    "source": name or part["doc_id"].iloc[0],
                    "claims": len(part),
                    "source_kinds": ", ".join(sorted(set(part["source_kind"]))),
                    "hedged_share": round(float(part["hedged"].mean()), 3),
                    "corroborated": int(part["corroborated"].sum()),
                    "contradicted": int(part["contradicted"].sum()),
                }
            )
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def assess(tables: Tables) -> Assessment:
    """Figure groups, claim groups and source profiles of a corpus."""
    figure_groups, figure_members = group_figures(tables)
    claim_groups, claim_members = group_claims(tables, figure_members, figure_groups)
    return Assessment(
        figure_groups=figure_groups,
        figure_members=figure_members,
        claim_groups=claim_groups,
        claim_members=claim_members,
        sources=source_profile(claim_groups, claim_members),
    )

"""Across documents: the same quantity or claim in many reports, its spread and its sources.

Figures are grouped by dashboard/figure_groups (the one grouping of "the same quantity", also
behind the Figures page's conflicts). Claims are grouped by the similarity of their content
(TF-IDF over character n-grams) or by carrying figures that agree; a group counts its
independent outlets, where a syndicated copy (dashboard/syndication: the same sentence in
another document) counts once, and its source kinds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from dashboard.figure_groups import group_figures
from dashboard.figure_values import values_agree
from dashboard.syndication import copy_of, outlet_key
from dashboard.tables import Tables, records
from dashboard.text import fold
from dashboard.tfidf import char_ngram_tfidf
from dashboard.union_find import UnionFind

CLAIM_SIMILARITY = 0.5  # cosine of TF-IDF character n-grams for "the same claim"


@dataclass
class Assessment:
    """Groups across documents and the profile of every source."""

    figure_groups: pd.DataFrame
    figure_members: pd.DataFrame
    claim_groups: pd.DataFrame
    claim_members: pd.DataFrame
    sources: pd.DataFrame


def agree(a: float, b: float, approx: bool) -> bool:
    """Whether two reported values can be the same quantity, given rounding and "about"."""
    return values_agree(a, b, approx)


CLAIM_GROUP_COLUMNS = [
    "group_id",
    "claims",
    "documents",
    "outlets",
    "independent",
    "syndicated",
    "source_kinds",
    "sources",
    "corroborated",
    "single_anonymous",
    "contradicted",
    "contradicted_by",
    "earliest_doc",
    "earliest_published",
    "text",
]


def _figures_inside(
    claims: pd.DataFrame, figures: pd.DataFrame, key: pd.Series
) -> dict[int, list[tuple[str, float]]]:
    """claim row -> (key, value) of the figures inside its content span (figures' rows with
    a value; `key` says which quantity each is: its figure group, or its unit and rate)."""
    by_doc: dict[str, set[tuple[int, int, str, float]]] = defaultdict(set)
    for d, s, e, k, v in zip(
        figures["doc_id"], figures["start"], figures["end"], key, figures["value"], strict=True
    ):
        if pd.notna(v):
            by_doc[d].add((s, e, k, float(v)))
    out: dict[int, list[tuple[str, float]]] = {}
    for i, (d, s, e) in enumerate(
        zip(claims["doc_id"], claims["start"], claims["end"], strict=True)
    ):
        out[i] = [(k, v) for fs, fe, k, v in by_doc.get(d, ()) if s <= fs and fe <= e]
    return out


def _conflicting(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> bool:
    """Whether two claims carry disagreeing values of one kind ("a shortage of 350 mln stg" /
    "of 800 mln stg"): they have values of a unit and rate, and none of one agrees with one of
    the other. Alike words with other values are another report, if only of another day."""
    by_key: dict[str, list[float]] = defaultdict(list)
    for key, v in b:
        by_key[key].append(v)
    shared = {key for key, _ in a if key in by_key}
    return any(
        not any(agree(va, vb, approx=True) for ka, va in a if ka == key for vb in by_key[key])
        for key in shared
    )


def _unrelated(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> bool:
    """Whether two claims both carry values, none in one unit (whatever the rate): "a shortage
    of 800 mln stg" and "of 1.2 bln guilders" report two markets, however alike their words."""
    units_a = {key.split(" per ")[0] for key, _ in a}
    return bool(a) and bool(b) and not units_a & {key.split(" per ")[0] for key, _ in b}


class _ClaimUnion(UnionFind):
    """Claims joined into groups, never into one holding values that conflict: two alike
    claims with other values stay apart though a third, alike to both, has none of them."""

    def __init__(self, values: dict[int, list[tuple[str, float]]]) -> None:
        super().__init__(len(values))
        self.values = [list(values[i]) for i in range(len(values))]

    def allowed(self, ra: int, rb: int) -> bool:
        a, b = self.values[ra], self.values[rb]
        if _conflicting(a, b) or _unrelated(a, b):
            return False
        self.values[rb] += self.values[ra]
        return True


def _similar_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of claim contents whose TF-IDF character n-gram cosine passes the threshold."""
    if len(texts) < 2:
        return []
    matrix = char_ngram_tfidf([fold(t) for t in texts])
    if matrix is None:  # nothing but marks: nothing alike
        return []
    sim = (matrix @ matrix.T).tocoo()
    # Copies of one claim make most pairs alike: they are picked out at once.
    keep = (sim.row < sim.col) & (sim.data >= CLAIM_SIMILARITY)
    return list(zip(sim.row[keep].tolist(), sim.col[keep].tolist(), strict=True))


def group_claims(
    tables: Tables, figure_members: pd.DataFrame, figure_groups: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, members): claims of different documents that say the same thing."""
    claims = tables.claims.reset_index(drop=True).copy()
    docs = tables.documents.set_index("doc_id")
    claims["outlet"] = claims["doc_id"].map(docs["source"]).fillna("")
    claims["published"] = claims["doc_id"].map(docs["published"]).fillna("")
    inside = _figures_inside(claims, figure_members, figure_members["group_id"])
    figures = tables.figures[tables.figures["unit"] != ""]  # a bare number is of no kind
    values = _figures_inside(claims, figures, figures["unit"] + " per " + figures["per"])
    union = _ClaimUnion(values)
    doc = list(claims["doc_id"])
    for i, j in _similar_pairs(list(claims["text"])):
        # Claims joined already (copies, mostly) need no second look.
        if doc[i] != doc[j] and union.find(i) != union.find(j):
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
                new = doc[i] != doc[j] and union.find(i) != union.find(j)
                if new and agree(vi, vj, approx=True):
                    union.join(i, j)
    conflicted = set(figure_groups.loc[figure_groups["contradiction"], "group_id"])
    claims["group"] = [union.find(i) for i in range(len(claims))]
    # The figure groups whose values disagree that the claim's figures belong to.
    claims["contradicted_by"] = [
        ", ".join(sorted({g for g, _ in inside[i] if g in conflicted})) for i in range(len(claims))
    ]
    claims["contradicted"] = claims["contradicted_by"] != ""
    ids = {g: f"C{n + 1}" for n, g in enumerate(sorted(claims["group"].unique()))}
    claims["group_id"] = claims["group"].map(ids)
    # A claim whose sentence another outlet printed first is a copy: it is not corroboration.
    docs = list(claims["doc_id"])
    original = copy_of(
        list(claims["sentence"]), docs, list(claims["published"]), list(claims["group"])
    )
    claims["copy_of"] = ["" if o == k else docs[o] for k, o in enumerate(original)]
    members: dict[str, list[dict]] = defaultdict(list)
    for r in records(claims):
        members[r["group_id"]].append(r)
    summaries = [_claim_summary(gid, members[gid]) for gid in sorted(members)]
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
        "contradicted_by",
        "copy_of",
        "sentence",
    ]
    return groups, claims[cols]


def _claim_summary(gid: str, rows: list[dict]) -> dict[str, object]:
    outlets = {outlet_key(r["outlet"], r["doc_id"]) for r in rows}
    independent = {outlet_key(r["outlet"], r["doc_id"]) for r in rows if not r["copy_of"]}
    kinds = sorted({r["source_kind"] for r in rows})
    # The earliest published report (an unknown date sorts last), else the first.
    first = min(rows, key=lambda r: r["published"] or "9999")
    return {
        "group_id": gid,
        "claims": len(rows),
        "documents": len({r["doc_id"] for r in rows}),
        "outlets": len(outlets),
        "independent": len(independent),
        "syndicated": len({r["doc_id"] for r in rows if r["copy_of"]}),
        "source_kinds": ", ".join(kinds),
        "sources": "; ".join(sorted({r["source"] for r in rows})),
        "corroborated": len(independent) >= 2,
        "single_anonymous": len(independent) == 1 and kinds == ["anonymous"],
        "contradicted": any(r["contradicted"] for r in rows),
        "contradicted_by": ", ".join(
            sorted({g for r in rows for g in r["contradicted_by"].split(", ") if g})
        ),
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
    "copies",
]


def source_profile(claim_groups: pd.DataFrame, claim_members: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and per named source: claims, kinds, share hedged, corroborated, contradicted.

    `corroborated` counts original claims (not copies) whose group has two independent outlets;
    `copies` counts claims that repeat another document's sentence.
    """
    if claim_members.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    corroborated_groups = set(claim_groups.loc[claim_groups["corroborated"], "group_id"])
    members = records(claim_members)
    rows = []
    levels = (
        ("outlet", lambda r: outlet_key(r["outlet"], r["doc_id"])),
        ("source", lambda r: fold(r["source"])),
    )
    for level, key in levels:
        parts: dict[str, list[dict]] = defaultdict(list)
        for r in members:
            parts[key(r)].append(r)
        for k in sorted(parts):
            part = parts[k]
            first = part[0]
            rows.append(
                {
                    "level": level,
                    "source": first[level] or _unnamed(level, first["doc_id"]),
                    "claims": len(part),
                    "source_kinds": ", ".join(sorted({r["source_kind"] for r in part})),
                    "hedged_share": round(sum(bool(r["hedged"]) for r in part) / len(part), 3),
                    # A copy's claim is corroborated by nobody's work but the original's.
                    "corroborated": sum(
                        r["group_id"] in corroborated_groups and not r["copy_of"] for r in part
                    ),
                    "contradicted": sum(bool(r["contradicted"]) for r in part),
                    "copies": sum(r["copy_of"] != "" for r in part),
                }
            )
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def _unnamed(level: str, doc_id: str) -> str:
    # A document of no known outlet is its own outlet; claims with no source are impersonal.
    return f"unknown outlet ({doc_id})" if level == "outlet" else "no source named"


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

"""Claims narrowed by the Claims page's filters, and the same claim reported by several documents.

Place and entity filters keep the claims whose content span holds a mention of that place or
entity (by its English name, else its own words). The same claim is found by token-set Jaccard
over the folded content (dashboard/similarity.py): claims at or above SAME_CLAIM_THRESHOLD are
linked, and linked claims form one group (single linkage).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.similarity import jaccard, similar_groups, tokens
from dashboard.tables import Tables

SAME_CLAIM_THRESHOLD = 0.6
GROUP_COLUMNS = ["group", "documents", "claims", "sources", "kinds", "text", "similarity"]


@dataclass(frozen=True)
class ClaimFilter:
    """What the analyst narrowed the claims to; empty or None means "any"."""

    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    hedged: bool | None = None
    negated: bool | None = None
    places: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


def mention_name(df: pd.DataFrame) -> pd.Series:
    """A place's or entity's name for filtering: its English name, else its own words."""
    return df["name"].where(df["name"] != "", df["text"])


def inside_claims(claims: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """(claim_id, name) for every mention lying within a claim's content span."""
    if claims.empty or mentions.empty:
        return pd.DataFrame(columns=["claim_id", "name"])
    left = claims[["claim_id", "doc_id", "start", "end"]]
    right = mentions.assign(name=mention_name(mentions))[["doc_id", "start", "end", "name"]]
    pairs = left.merge(right, on="doc_id", suffixes=("", "_m"))
    inside = (pairs["start"] <= pairs["start_m"]) & (pairs["end_m"] <= pairs["end"])
    return pairs[inside][["claim_id", "name"]].drop_duplicates().reset_index(drop=True)


def claim_options(tables: Tables) -> dict[str, list[str]]:
    """The values each claim filter can take, sorted: sources, kinds, places, entities."""
    claims = tables.claims

    def values(s: pd.Series) -> list[str]:
        return sorted({str(v) for v in s if v})

    return {
        "sources": values(claims["source"]),
        "kinds": values(claims["source_kind"]),
        "places": values(inside_claims(claims, tables.places)["name"]),
        "entities": values(inside_claims(claims, tables.entities)["name"]),
    }


def filter_claims(tables: Tables, f: ClaimFilter) -> pd.DataFrame:
    """The claims (contract rows) that pass every chosen filter."""
    claims = tables.claims
    keep = pd.Series(True, index=claims.index)
    if f.sources:
        keep &= claims["source"].isin(f.sources)
    if f.kinds:
        keep &= claims["source_kind"].isin(f.kinds)
    for col, wanted in (("hedged", f.hedged), ("negated", f.negated)):
        if wanted is not None:
            keep &= claims[col] == wanted
    for chosen, mentions in ((f.places, tables.places), (f.entities, tables.entities)):
        if chosen:
            found = inside_claims(claims, mentions)
            ids = set(found[found["name"].isin(chosen)]["claim_id"])
            keep &= claims["claim_id"].isin(ids)
    return claims[keep].reset_index(drop=True)


def same_claim_groups(claims: pd.DataFrame, threshold: float = SAME_CLAIM_THRESHOLD) -> pd.Series:
    """A group number per claim (same index): claims whose folded content is alike share one."""
    sets = [tokens(t) for t in claims["text"]]
    return pd.Series(similar_groups(sets, threshold), index=claims.index, dtype="int64")


def reported_by_several(
    claims: pd.DataFrame, threshold: float = SAME_CLAIM_THRESHOLD
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, members): the claims reported by at least two documents.

    groups: GROUP_COLUMNS, one row per group, most documents first; `text` is the first
    member's content and `similarity` the lowest Jaccard of a member to that first one.
    members: the claims of those groups (contract columns plus `group`), by group.
    """
    if claims.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS), claims.assign(group=pd.Series(dtype="int64"))
    numbered = claims.assign(group=same_claim_groups(claims, threshold))
    docs = numbered.groupby("group")["doc_id"].transform("nunique")
    several = numbered[docs >= 2]
    rows = []
    for group, part in several.groupby("group", sort=True):
        first = tokens(part["text"].iloc[0])
        rows.append(
            {
                "group": group,
                "documents": part["doc_id"].nunique(),
                "claims": len(part),
                "sources": " / ".join(dict.fromkeys(part["source"])),
                "kinds": " / ".join(dict.fromkeys(part["source_kind"])),
                "text": part["text"].iloc[0],
                "similarity": round(min(jaccard(first, tokens(t)) for t in part["text"]), 2),
            }
        )
    groups = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    groups = groups.sort_values(["documents", "claims", "group"], ascending=[False, False, True])
    members = several.sort_values(["group", "doc_id"], kind="stable")
    return groups.reset_index(drop=True), members.reset_index(drop=True)

"""Pure pandas filters and aggregations the dashboard pages call.

Every function takes contract tables (see dashboard/model.py SCHEMAS) and returns a new
DataFrame or `Tables`; nothing here renders or imports streamlit. Map-specific aggregations
(points, arcs) live in dashboard/geo_queries.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.dated import restrict_to_range
from dashboard.lexicon import language_name
from dashboard.model import MENTION_TABLES
from dashboard.tables import Tables

# ISO 4217 codes are three capital letters; every other contract unit is lower case or mixed.
_MONEY = re.compile(r"[A-Z]{3}")
HIGHLIGHT_KINDS = ("money", "bbl", "percent")


@dataclass(frozen=True)
class Filters:
    """What the analyst narrowed the corpus to; an empty selection means "everything".

    `date_range` is an inclusive pair of ISO dates (the Timeline's brush): it keeps the rows
    that happen inside it: mentions whose sentence holds a date in the range, undated mentions
    of documents published in it, and those documents (see dashboard/dated.py).
    """

    documents: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    place_kinds: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    date_range: tuple[str, str] | None = None

    def describe(self) -> str:
        """One line saying what is filtered, for the page header."""
        parts = [
            f"{label}: {_listed(values)}"
            for label, values in (
                ("documents", self.documents),
                ("languages", tuple(map(language_name, self.languages))),
                ("place kinds", self.place_kinds),
                ("units", self.units),
            )
            if values
        ]
        if self.date_range:
            parts.append(f"dates: {self.date_range[0]} to {self.date_range[1]}")
        return "; ".join(parts) or "no filter"

    def bearing_on(self, *tables: str) -> Filters:
        """The filters that decide which rows of `tables` are kept (see apply_filters).

        The unit filter narrows figures only and the place-kind filter places only: rows of
        other tables, documents included, are the same with or without them, so a cache keyed
        by these filters serves them again when only a unit or a place kind changes.
        """
        return replace(
            self,
            units=self.units if "figures" in tables else (),
            place_kinds=self.place_kinds if "places" in tables else (),
        )


def _listed(values: tuple[str, ...], shown: int = 3) -> str:
    """Values for a one-line description: a thousand chosen documents are not read one by one."""
    if len(values) <= shown + 1:
        return ", ".join(values)
    return f"{', '.join(values[:shown])} and {len(values) - shown:,} more"


def _keep(df: pd.DataFrame, col: str, values: tuple[str, ...]) -> pd.DataFrame:
    return df[df[col].isin(values)] if values else df


def date_start(values: pd.Series) -> pd.Series:
    """The first day of each ISO value (YYYY, YYYY-MM or YYYY-MM-DD) as a Timestamp, or NaT."""
    text = values.fillna("").astype(str).str.strip()
    padded = text.where(text.str.len() != 4, text + "-01-01")
    padded = padded.where(padded.str.len() != 7, padded + "-01")
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")


def apply_filters(tables: Tables, filters: Filters) -> Tables:
    """The tables restricted to the chosen documents, languages, place kinds, units and dates.

    Documents are chosen first (by id and language); every mention table keeps only rows of
    those documents; then places are narrowed by kind and figures by unit; last, the date
    range keeps the rows that happen inside it (dashboard/dated.py).
    """
    docs = _keep(tables.documents, "doc_id", filters.documents)
    docs = _keep(docs, "lang", filters.languages)
    ids = set(docs["doc_id"])
    out = {"documents": docs.reset_index(drop=True)}
    for name in MENTION_TABLES:
        df = getattr(tables, name)
        out[name] = df[df["doc_id"].isin(ids)]
    out["places"] = _keep(out["places"], "kind", filters.place_kinds)
    out["figures"] = _keep(out["figures"], "unit", filters.units)
    narrowed = Tables(**{name: df.reset_index(drop=True) for name, df in out.items()})
    if filters.date_range:
        return restrict_to_range(narrowed, filters.date_range)
    return narrowed


def options(tables: Tables) -> dict[str, list[str]]:
    """The values each sidebar filter can take, sorted, without empties."""

    def values(df: pd.DataFrame, col: str) -> list[str]:
        return sorted(v for v in df[col].dropna().astype(str).unique() if v)

    return {
        "documents": list(tables.documents["doc_id"]),
        "languages": values(tables.documents, "lang"),
        "place_kinds": values(tables.places, "kind"),
        "units": values(tables.figures, "unit"),
    }


def counts(tables: Tables) -> dict[str, int]:
    """Rows per table, in contract order."""
    return {name: len(df) for name, df in tables.items()}


def top_places(places: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The most mentioned places: one row per place_id (or name when unresolved)."""
    cols = ["name", "name_local", "kind", "country", "mentions", "documents"]
    if places.empty:
        return pd.DataFrame(columns=cols).astype({"mentions": "int64", "documents": "int64"})
    # A place without an id (unresolved) is one row per spelling, shown by its own words.
    named = places.assign(
        name=places["name"].where(places["name"] != "", places["text"]),
        # groupby's "first" skips missing values: the first gazetteer spelling wins.
        _local=places["name_local"].replace("", None),
    )
    key = named["place_id"].where(named["place_id"] != "", "name:" + named["name"])
    grouped = named.assign(_key=key).groupby("_key", sort=False)
    out = grouped.agg(
        name=("name", "first"),
        name_local=("_local", "first"),
        kind=("kind", "first"),
        country=("country", "first"),
        mentions=("doc_id", "size"),
        documents=("doc_id", "nunique"),
    )
    # Without a gazetteer spelling, show the form the documents use most.
    spellings = named.assign(_key=key).groupby(["_key", "text"], sort=False).size()
    spellings = spellings.sort_values(ascending=False, kind="stable").reset_index()
    spelled = spellings.drop_duplicates("_key").set_index("_key")["text"]
    out["name_local"] = out["name_local"].fillna(spelled)
    out = out.sort_values(["mentions", "name"], ascending=[False, True], kind="stable")
    return out.head(n).reset_index(drop=True)[cols]


def top_sources(claims: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Who is quoted most: claims per source text, with its kind and the cues used."""
    cols = ["source", "source_kind", "claims", "documents", "cues"]
    if claims.empty:
        return pd.DataFrame(columns=cols).astype({"claims": "int64", "documents": "int64"})
    grouped = claims.groupby("source", sort=False)
    out = grouped.agg(
        source_kind=("source_kind", "first"),
        claims=("doc_id", "size"),
        documents=("doc_id", "nunique"),
        cues=("cue", lambda s: " / ".join(dict.fromkeys(v for v in s if v))),
    ).reset_index()
    out = out.sort_values(["claims", "source"], ascending=[False, True], kind="stable")
    return out.head(n).reset_index(drop=True)[cols]


def figure_kind(unit: str) -> str:
    """money (an ISO 4217 code), or the unit itself."""
    return "money" if _MONEY.fullmatch(unit or "") else unit


def figure_highlights(figures: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The biggest money, barrel and percent figures (n of each kind) with their sentence."""
    cols = ["kind", "text", "value", "unit", "per", "approx", "object", "sentence", "doc_id"]
    df = figures.assign(kind=figures["unit"].map(figure_kind))
    df = df[df["kind"].isin(HIGHLIGHT_KINDS) & df["value"].notna()]
    parts = [
        df[df["kind"] == kind].sort_values("value", ascending=False, kind="stable").head(n)
        for kind in HIGHLIGHT_KINDS
    ]
    out = pd.concat(parts, ignore_index=True) if parts else df
    return out.reindex(columns=cols).reset_index(drop=True)


def figure_groups(figures: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """Comparable figures: one (unit, per, rows) group per unit and rate, biggest group first.

    Rows without a value cannot be charted and are left out; rows within a group are sorted by
    value, largest first.
    """
    df = figures[figures["value"].notna() & (figures["unit"] != "")]
    groups = [
        (str(unit), str(per), rows.sort_values("value", ascending=False, kind="stable"))
        for (unit, per), rows in df.groupby(["unit", "per"], sort=True)
    ]
    groups.sort(key=lambda g: -len(g[2]))
    return [(u, p, rows.reset_index(drop=True)) for u, p, rows in groups]


def claim_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per (source, cue), with how many of them are negated or hedged."""
    cols = ["source", "source_kind", "cue", "claims", "negated", "hedged"]
    if claims.empty:
        return pd.DataFrame(columns=cols).astype(
            {"claims": "int64", "negated": "int64", "hedged": "int64"}
        )
    out = (
        claims.groupby(["source", "cue"], sort=False)
        .agg(
            source_kind=("source_kind", "first"),
            claims=("doc_id", "size"),
            negated=("negated", "sum"),
            hedged=("hedged", "sum"),
        )
        .reset_index()
    )
    out = out.sort_values(["claims", "source", "cue"], ascending=[False, True, True])
    return out.reset_index(drop=True)[cols]


def source_kind_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per source_kind (official, media, analyst, ...), most frequent first."""
    kinds = claims["source_kind"].where(claims["source_kind"] != "", "other")
    out = kinds.value_counts().rename_axis("source_kind").reset_index(name="claims")
    return out.sort_values(["claims", "source_kind"], ascending=[False, True]).reset_index(
        drop=True
    )


def unresolved_places(places: pd.DataFrame) -> pd.DataFrame:
    """Place mentions the gazetteer did not know (kind "unresolved"), contract rows."""
    return places[places["kind"] == "unresolved"].reset_index(drop=True)

"""Map aggregations: one point per place, and arcs from a claim's source country to its places.

Pure pandas over the contract tables; dashboard/maps.py turns the results into a pydeck Deck.
"""

from __future__ import annotations

import pandas as pd

from dashboard.tables import Tables

POINT_COLUMNS = [
    "place_id",
    "name",
    "name_local",
    "kind",
    "country",
    "lat",
    "lon",
    "mentions",
    "documents",
    "sentence",
]
ARC_COLUMNS = [
    "link",  # "claim", or the PLOVER event of a relation
    "claim_id",
    "doc_id",
    "source",
    "source_country",
    "source_lat",
    "source_lon",
    "target",
    "target_local",
    "target_lat",
    "target_lon",
    "sentence",
]


def _located(places: pd.DataFrame) -> pd.DataFrame:
    return places[places["lat"].notna() & places["lon"].notna()]


def _place_key(places: pd.DataFrame) -> pd.Series:
    # A place without an id is still one point per distinct name, never merged with others.
    name = places["name"].where(places["name"] != "", places["text"])
    return places["place_id"].where(places["place_id"] != "", "name:" + name)


def place_points(places: pd.DataFrame) -> pd.DataFrame:
    """One row per located place (by place_id): coordinates, mention count, first evidence.

    Places without coordinates (unresolved ones) are left out: they have their own table.
    Sorted by mentions, most first.
    """
    located = _located(places)
    if located.empty:
        return pd.DataFrame(columns=POINT_COLUMNS).astype(
            {"lat": "float64", "lon": "float64", "mentions": "int64", "documents": "int64"}
        )
    local = located["name_local"].where(located["name_local"] != "", located["text"])
    grouped = located.assign(_key=_place_key(located), _local=local).groupby("_key", sort=False)
    out = grouped.agg(
        place_id=("place_id", "first"),
        name=("name", "first"),
        name_local=("_local", "first"),
        kind=("kind", "first"),
        country=("country", "first"),
        lat=("lat", "first"),
        lon=("lon", "first"),
        mentions=("doc_id", "size"),
        documents=("doc_id", "nunique"),
        sentence=("sentence", "first"),
    )
    out = out.sort_values(["mentions", "name"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[POINT_COLUMNS]


def country_anchors(places: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Where to draw each country: its own country row, else its most mentioned place.

    The places table is the only geography the dashboard holds (no gazetteer lookup here), so
    a country never mentioned by name is anchored at the place of it the documents name most.
    """
    located = _located(places)
    located = located[located["country"] != ""]
    if located.empty:
        return {}
    ranked = located.assign(
        _key=_place_key(located), _own=(located["kind"] == "country").astype(int)
    )
    counts = ranked.groupby(["country", "_key"], sort=False).agg(
        own=("_own", "max"), mentions=("_own", "size"), lat=("lat", "first"), lon=("lon", "first")
    )
    best = counts.sort_values(["own", "mentions"], ascending=False, kind="stable")
    best = best.reset_index().drop_duplicates("country")
    return {str(r.country): (float(r.lat), float(r.lon)) for r in best.itertuples(index=False)}


def country_anchor(places: pd.DataFrame, country: str) -> tuple[float, float] | None:
    """The anchor of one country (see `country_anchors`), or None when it has no located place."""
    return country_anchors(places).get(country)


def _first_country_in_span(claims: pd.DataFrame, spans: pd.DataFrame) -> pd.Series:
    """claim_id -> country of the first row of `spans` overlapping the claim's source span."""
    spans = spans[spans["country"] != ""][["doc_id", "start", "end", "country"]]
    pairs = claims.merge(spans, on="doc_id")
    hit = pairs[(pairs["start"] < pairs["source_end"]) & (pairs["end"] > pairs["source_start"])]
    hit = hit.sort_values("start", kind="stable").drop_duplicates("claim_id")
    return hit.set_index("claim_id")["country"]


def source_countries(tables: Tables) -> pd.Series:
    """claim_id -> ISO country of the claim's source ("" when unknown).

    A claim's own `country` column wins when the extractor gave one; else an entity with a
    country overlapping the source span; else a place inside it.
    """
    claims = tables.claims
    out = pd.Series("", index=claims["claim_id"], dtype=object)
    spans = claims[claims["source_start"].notna() & claims["source_end"].notna()]
    spans = spans[["claim_id", "doc_id", "source_start", "source_end"]]
    for df in (tables.places, tables.entities):  # later wins: entities over places
        found = _first_country_in_span(spans, df)
        out.loc[found.index] = found
    if "country" in claims.columns:
        own = claims.set_index("claim_id")["country"].fillna("").astype(str)
        out = own.where(own != "", out)
    return out


def claim_source_country(tables: Tables, claim: pd.Series) -> str:
    """The ISO country of one claim's source (see `source_countries`); empty when unknown."""
    row = (
        claim
        if "claim_id" in claim.index
        else pd.concat([claim, pd.Series({"claim_id": claim.name})])
    )
    one = Tables(**{**dict(tables.items()), "claims": row.to_frame().T})
    return str(source_countries(one).iloc[0])


def claim_arcs(tables: Tables, corpus: Tables | None = None) -> pd.DataFrame:
    """Arcs from each claim's source country to the located places inside the claim's content.

    Claims and target places come from `tables` (what the page shows); the source country and
    its anchor are looked up in `corpus` (default: `tables`), so that a filter on place kind
    does not hide where a source is. A target in the source country itself, or a claim whose
    source country is unknown or cannot be located, gives no arc.
    """
    corpus = tables if corpus is None else corpus
    if tables.claims.empty:
        return pd.DataFrame(columns=ARC_COLUMNS)
    countries = source_countries(Tables(**{**dict(corpus.items()), "claims": tables.claims}))
    anchors = country_anchors(corpus.places)
    claims = tables.claims.assign(source_country=tables.claims["claim_id"].map(countries))
    claims = claims[claims["source_country"].isin(list(anchors))]
    claims = claims.assign(
        source_lat=claims["source_country"].map(lambda c: anchors[c][0]),
        source_lon=claims["source_country"].map(lambda c: anchors[c][1]),
    )
    places = _located(tables.places)[
        ["doc_id", "start", "end", "text", "name", "name_local", "country", "lat", "lon"]
    ]
    pairs = claims[
        [
            "claim_id",
            "doc_id",
            "start",
            "end",
            "source",
            "source_country",
            "source_lat",
            "source_lon",
            "sentence",
        ]
    ].merge(places, on="doc_id", suffixes=("", "_place"))
    inside = (pairs["start_place"] >= pairs["start"]) & (pairs["end_place"] <= pairs["end"])
    pairs = pairs[inside & (pairs["country"] != pairs["source_country"])]
    out = pairs.assign(
        link="claim",
        target=pairs["name"].where(pairs["name"] != "", pairs["text"]),
        target_local=pairs["name_local"].where(pairs["name_local"] != "", pairs["text"]),
        target_lat=pairs["lat"].astype(float),
        target_lon=pairs["lon"].astype(float),
    )
    return out[ARC_COLUMNS].reset_index(drop=True)


def relation_arcs(tables: Tables, corpus: Tables | None = None) -> pd.DataFrame:
    """Arcs from a relation's source country to its target country ("Venezuela REQUEST Russia").

    Countries are placed by `country_anchors` of the corpus; a relation whose two countries are
    not both known and located, or are the same, gives no arc.
    """
    corpus = tables if corpus is None else corpus
    rel = tables.relations
    if rel.empty:
        return pd.DataFrame(columns=ARC_COLUMNS)
    anchors = country_anchors(corpus.places)
    rel = rel[
        rel["source_country"].isin(list(anchors))
        & rel["target_country"].isin(list(anchors))
        & (rel["source_country"] != rel["target_country"])
    ]
    countries = corpus.places[corpus.places["kind"] == "country"]
    names = dict(zip(countries["country"], countries["name_local"], strict=True))
    out = rel.assign(
        link=rel["event"],
        claim_id="",
        source=rel["source_actor"],
        source_lat=rel["source_country"].map(lambda c: anchors[c][0]),
        source_lon=rel["source_country"].map(lambda c: anchors[c][1]),
        target=rel["target_actor"].where(rel["target_actor"] != "", rel["target_country"]),
        target_local=rel["target_country"].map(lambda c: names.get(c, c)),
        target_lat=rel["target_country"].map(lambda c: anchors[c][0]),
        target_lon=rel["target_country"].map(lambda c: anchors[c][1]),
    )
    return out[ARC_COLUMNS].reset_index(drop=True)

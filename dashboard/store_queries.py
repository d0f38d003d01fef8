"""The pages' questions as SQL over the store: filters, counts, top-k, map points, time bins.

Every function takes a `Store`, the sidebar's `Filters` and an optional overlay (a session's own
uploads, see `Store.query`), and reads the `c_<table>` views, so a big corpus is filtered and
aggregated inside DuckDB and only the answer reaches pandas. Each mirrors a pandas function of
dashboard/queries.py or dashboard/geo_queries.py (same columns, same rows) and is tested
against it; the date filter follows the rules of dashboard/dated.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard.geo_queries import POINT_COLUMNS
from dashboard.model import SCHEMAS
from dashboard.queries import HIGHLIGHT_KINDS, Filters
from dashboard.store import SENTENCE_DATES, Store, bound_columns, row_order
from dashboard.tables import Tables, typed

_MONEY = "regexp_full_match(unit, '[A-Z]{3}')"
NEWEST = "nullif(published, '') DESC NULLS LAST, doc_id"  # undated documents last


# The tables each question of the pages reads its kept rows from (see Filters.bearing_on).
READS = {
    "counts": tuple(SCHEMAS),
    "top_places": ("places",),
    "top_sources": ("claims",),
    "place_points": ("places",),
    "figure_highlights": ("figures",),
    "time_bins": ("documents", "figures", "claims"),
}


@dataclass(frozen=True)
class Query:
    """A SELECT and its named parameters."""

    sql: str
    params: dict[str, object]


def _cols(table: str, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in SCHEMAS[table])


def _kept(filters: Filters, params: dict[str, object], tables: tuple[str, ...]) -> str:
    """A WITH clause defining kept_<table> for each of `tables`: the rows the filters keep.

    The rules are those of dashboard/queries.apply_filters and, for a date range,
    dashboard/dated.py: a date mention is kept when its value overlaps the range; another
    mention when a resolved date in its sentence overlaps it or, if its sentence has none, when
    its document was published in the range; a document when it was published in the range or
    holds a kept mention.
    """
    dated = bool(filters.date_range)
    # A document not published in the range holds a kept mention exactly when one of its dates
    # is in the range (any other mention is kept by a date of its sentence): its kept dates
    # tell which documents are kept.
    mention_tables = (*tables, "dates") if dated and "documents" in tables else tables
    ctes = []
    source = {table: f"c_{table}" for table in ("documents", *mention_tables)}
    if filters.documents:
        # The listed documents' rows are read first, on their own: DuckDB reads them through
        # the doc_id index only when no other filter (a language, unit, kind or day) is pushed
        # into the same table scan, which would then read the whole table.
        params["documents"] = list(filters.documents)
        for table in source:
            ctes.append(
                f"listed_{table} AS MATERIALIZED (SELECT * FROM c_{table}"
                " WHERE list_contains($documents, doc_id))"
            )
            source[table] = f"listed_{table}"
    where = "true"
    if filters.languages:
        params["languages"] = list(filters.languages)
        where = "list_contains($languages, lang)"
    lo, hi = bound_columns("documents") if dated else ("NULL", "NULL")
    ctes.append(
        f"chosen AS (SELECT doc_id, {lo} AS pub_lo, {hi} AS pub_hi FROM {source['documents']}"
        f" WHERE {where})"
    )
    # A semi-join (or, with no language filter, none) keeps DuckDB's top-n and filter pushdown
    # on the table.
    join = "SEMI JOIN chosen USING (doc_id)" if filters.languages else ""
    if filters.date_range:  # `dated`, tested so that the type checker sees the pair
        params["first"], params["last"] = filters.date_range
        # The chosen documents published in the range: few, so the mentions that fall back on
        # their document's date are matched against a small set, not joined to every document.
        ctes.append(
            f"published_in AS (SELECT doc_id FROM chosen WHERE {_overlaps('pub_lo', 'pub_hi')})"
        )
    for table in dict.fromkeys(mention_tables):
        if table == "documents":
            continue
        conds = []
        if table == "places" and filters.place_kinds:
            params["place_kinds"] = list(filters.place_kinds)
            conds.append("list_contains($place_kinds, m.kind)")
        if table == "figures" and filters.units:
            params["units"] = list(filters.units)
            conds.append("list_contains($units, m.unit)")
        if dated and table == "dates":
            lo_value, hi_value = bound_columns("dates")
            conds.append(_overlaps(f"m.{lo_value}", f"m.{hi_value}"))
        elif dated:
            # Kept when a date in its sentence is in the range or, if its sentence holds no
            # resolved date (an empty list), when its document was published in it.
            hit = "lambda d: d.lo <= $last AND d.hi >= $first"
            by_sentence = f"list_bool_or(list_transform(m.{SENTENCE_DATES}, {hit}))"
            by_document = "m.doc_id IN (SELECT doc_id FROM published_in)"
            conds.append(
                f"CASE WHEN len(m.{SENTENCE_DATES}) > 0 THEN {by_sentence} ELSE {by_document} END"
            )
        ctes.append(
            f"kept_{table} AS (SELECT {_cols(table, 'm')} FROM {source[table]} m"
            f" {join} WHERE {' AND '.join(conds) or 'true'})"
        )
    if "documents" in tables:
        cond = "true"
        if dated:
            cond = (
                "d.doc_id IN (SELECT doc_id FROM published_in)"
                " OR d.doc_id IN (SELECT doc_id FROM kept_dates)"
            )
        ctes.append(
            f"kept_documents AS (SELECT {_cols('documents', 'd')} FROM {source['documents']} d"
            f" {join} WHERE {cond})"
        )
    return "WITH " + ",\n".join(ctes)


def _overlaps(lo: str, hi: str) -> str:
    """SQL: the days `lo` to `hi` (column expressions) overlap the range $first to $last."""
    return f"{lo} <= $last AND {hi} >= $first"


def filtered(table: str, filters: Filters) -> Query:
    """Every row of `table` the filters keep."""
    params: dict[str, object] = {}
    return Query(f"{_kept(filters, params, (table,))} SELECT * FROM kept_{table}", params)


def counts(store: Store, filters: Filters, overlay: Tables | None = None) -> dict[str, int]:
    """Rows per table the filters keep, in contract order."""
    params: dict[str, object] = {}
    with_ = _kept(filters, params, tuple(SCHEMAS))
    parts = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM kept_{t}" for t in SCHEMAS)
    df = store.query(f"{with_} {parts}", params, overlay)
    got = dict(zip(df["t"], df["n"], strict=True))
    return {table: int(got.get(table, 0)) for table in SCHEMAS}


def newest_documents(
    store: Store, filters: Filters, limit: int, overlay: Tables | None = None
) -> pd.DataFrame:
    """The `limit` most recently published documents the filters keep (undated ones last)."""
    q = filtered("documents", filters)
    sql = f"{q.sql} ORDER BY {NEWEST} LIMIT {int(limit)}"
    return typed(store.query(sql, q.params, overlay), "documents")


def rows_of_documents(
    store: Store,
    table: str,
    filters: Filters,
    doc_ids: list[str],
    limit: int,
    overlay: Tables | None = None,
) -> pd.DataFrame:
    """The rows of a mention table the filters keep, of the given documents, at most `limit`."""
    # The ids narrow the documents first, so only their rows are joined and sorted.
    chosen = set(filters.documents)
    ids = tuple(d for d in doc_ids if not chosen or d in chosen)
    if not ids:
        return typed(pd.DataFrame(), table)
    params: dict[str, object] = {}
    with_ = _kept(replace(filters, documents=ids), params, (table,))
    order = ", ".join(f'"{c}"' for c in row_order(table))
    sql = f"{with_} SELECT * FROM kept_{table} ORDER BY {order} LIMIT {int(limit)}"
    return typed(store.query(sql, params, overlay), table)


def options(store: Store, overlay: Tables | None = None, documents: int = 1000) -> dict:
    """The values each sidebar filter can take, sorted, without empties; the documents are the
    `documents` most recently published (a multiselect of every id of a big store is useless)."""
    sql = """
        SELECT 'languages' AS k, lang AS v FROM c_documents
        UNION SELECT 'place_kinds', kind FROM c_places
        UNION SELECT 'units', unit FROM c_figures
    """
    df = store.query(sql, {}, overlay)
    df = df[df["v"].notna() & (df["v"] != "")]
    out: dict[str, list[str] | dict[str, str]] = {
        k: sorted(df.loc[df["k"] == k, "v"].astype(str))
        for k in ("languages", "place_kinds", "units")
    }
    docs = store.query(
        f"SELECT doc_id, title FROM c_documents ORDER BY {NEWEST} LIMIT {int(documents)}",
        {},
        overlay,
    )
    out["documents"] = list(docs["doc_id"])
    out["titles"] = dict(zip(docs["doc_id"], docs["title"], strict=True))
    return out


def find_documents(
    store: Store, words: str, limit: int, overlay: Tables | None = None
) -> pd.DataFrame:
    """Documents whose title or id holds every one of `words` (any case), newest first, at most
    `limit`: the sidebar's search over a store too big to list. Columns doc_id, title."""
    terms = [w.lower() for w in words.split()]
    params = {f"w{i}": t for i, t in enumerate(terms)}
    held = " AND ".join(
        f"(contains(lower(title), $w{i}) OR contains(lower(doc_id), $w{i}))"
        for i in range(len(terms))
    )
    sql = (
        f"SELECT doc_id, title FROM c_documents WHERE {held or 'true'}"
        f" ORDER BY {NEWEST} LIMIT {int(limit)}"
    )
    return store.query(sql, params, overlay)


def titles_of(store: Store, doc_ids: tuple[str, ...], overlay: Tables | None = None) -> dict:
    """doc_id -> title of those of `doc_ids` that are in the store or the overlay."""
    if not doc_ids:
        return {}
    df = store.query(
        "SELECT doc_id, title FROM c_documents WHERE list_contains($ids, doc_id)",
        {"ids": list(doc_ids)},
        overlay,
    )
    return dict(zip(df["doc_id"], df["title"], strict=True))


_PLACE_KEY = (
    "CASE WHEN place_id <> '' THEN place_id"
    " ELSE 'name:' || CASE WHEN name <> '' THEN name ELSE text END END"
)


def top_places(
    store: Store, filters: Filters, n: int = 10, overlay: Tables | None = None
) -> pd.DataFrame:
    """The most mentioned places (see dashboard/queries.top_places), over every kept row."""
    q = filtered("places", filters)
    # Counts alone first: only places mentioned at least as often as the n-th can be in the top
    # n (ties included), so names and document counts are worked out for those only; then the
    # spelling fallback for the n.
    sql = f"""
        WITH k AS NOT MATERIALIZED (
            SELECT *, CASE WHEN name <> '' THEN name ELSE text END AS shown_name,
                {_PLACE_KEY} AS key
            FROM ({q.sql})
        ), counted AS (
            SELECT key, count(*) AS mentions FROM k GROUP BY key
        ), candidates AS (
            SELECT key FROM counted WHERE mentions >= (
                SELECT min(mentions) FROM (
                    SELECT mentions FROM counted ORDER BY mentions DESC LIMIT {int(n)}
                )
            )
        ), top AS (
            SELECT key,
                   first(shown_name ORDER BY doc_id, start) AS name,
                   first(name_local ORDER BY doc_id, start) FILTER (WHERE name_local <> '')
                       AS local,
                   first(kind ORDER BY doc_id, start) AS kind,
                   first(country ORDER BY doc_id, start) AS country,
                   count(*) AS mentions,
                   count(DISTINCT doc_id) AS documents,
                   min((doc_id, start)) AS first_at
            FROM k WHERE key IN (SELECT key FROM candidates)
            GROUP BY key ORDER BY mentions DESC, name, first_at LIMIT {int(n)}
        ), spelled AS (
            SELECT key, arg_max(text, n) AS text FROM (
                SELECT key, text, count(*) AS n FROM k
                WHERE key IN (SELECT key FROM top) GROUP BY key, text
            ) GROUP BY key
        )
        SELECT name, coalesce(local, spelled.text) AS name_local, kind, country, mentions,
               documents
        FROM top LEFT JOIN spelled USING (key)
        ORDER BY mentions DESC, name, first_at
    """
    df = store.query(sql, q.params, overlay)
    return df.astype({"mentions": "int64", "documents": "int64"})


def top_sources(
    store: Store, filters: Filters, n: int = 10, overlay: Tables | None = None
) -> pd.DataFrame:
    """Who is quoted most (see dashboard/queries.top_sources), over every kept claim."""
    q = filtered("claims", filters)
    # The top n from counts alone; cues (in the order they first appear, as the pandas
    # version lists them) only for those n.
    sql = f"""
        WITH c AS NOT MATERIALIZED ({q.sql}),
        top AS (
            SELECT source,
                   first(source_kind ORDER BY doc_id, start) AS source_kind,
                   count(*) AS claims,
                   count(DISTINCT doc_id) AS documents
            FROM c GROUP BY source ORDER BY claims DESC, source LIMIT {int(n)}
        ), cues AS (
            SELECT source, string_agg(cue, ' / ' ORDER BY first_at) AS cues FROM (
                SELECT source, cue, min((doc_id, start)) AS first_at FROM c
                WHERE cue <> '' AND source IN (SELECT source FROM top) GROUP BY source, cue
            ) GROUP BY source
        )
        SELECT top.*, cues.cues FROM top LEFT JOIN cues USING (source)
        ORDER BY claims DESC, source
    """
    df = store.query(sql, q.params, overlay)
    df["cues"] = df["cues"].fillna("")
    return df.astype({"claims": "int64", "documents": "int64"})


def place_points(store: Store, filters: Filters, overlay: Tables | None = None) -> pd.DataFrame:
    """One point per located place with its mention count (see geo_queries.place_points)."""
    q = filtered("places", filters)
    sql = f"""
        WITH k AS (
            SELECT *, {_PLACE_KEY} AS key
            FROM ({q.sql}) WHERE lat IS NOT NULL AND lon IS NOT NULL
        )
        SELECT first(place_id ORDER BY doc_id, start) AS place_id,
               first(CASE WHEN name <> '' THEN name ELSE text END ORDER BY doc_id, start) AS name,
               first(CASE WHEN name_local <> '' THEN name_local ELSE text END
                     ORDER BY doc_id, start) AS name_local,
               first(kind ORDER BY doc_id, start) AS kind,
               first(country ORDER BY doc_id, start) AS country,
               first(lat ORDER BY doc_id, start) AS lat,
               first(lon ORDER BY doc_id, start) AS lon,
               count(*) AS mentions,
               count(DISTINCT doc_id) AS documents,
               first(sentence ORDER BY doc_id, start) AS sentence
        FROM k GROUP BY key
        ORDER BY mentions DESC, name, min((doc_id, start))
    """
    df = store.query(sql, q.params, overlay)
    return df.astype(
        {"lat": "float64", "lon": "float64", "mentions": "int64", "documents": "int64"}
    )[POINT_COLUMNS]


def figure_highlights(
    store: Store, filters: Filters, n: int = 3, overlay: Tables | None = None
) -> pd.DataFrame:
    """The biggest money, barrel and percent figures (see dashboard/queries.figure_highlights)."""
    q = filtered("figures", filters)
    # One top-n per kind over narrow rows (position and value); each kind's own test on the
    # unit, so only money figures pay for the pattern.
    tests = {kind: _MONEY if kind == "money" else f"unit = '{kind}'" for kind in HIGHLIGHT_KINDS}
    parts = " UNION ALL ".join(
        f"(SELECT doc_id, start, \"end\", value, '{kind}' AS kind, {i} AS k FROM f"
        f" WHERE {tests[kind]}"
        f" ORDER BY value DESC, doc_id, start LIMIT {int(n)})"
        for i, kind in enumerate(HIGHLIGHT_KINDS)
    )
    top = store.query(
        f"""WITH f AS NOT MATERIALIZED (
            SELECT doc_id, start, "end", value, unit FROM ({q.sql}) WHERE value IS NOT NULL
        ) SELECT * FROM ({parts}) ORDER BY k, value DESC, doc_id, start""",
        q.params,
        overlay,
    )
    # Then the few winners' text, looked up by document (the doc_id index), not by a join
    # over every figure: DuckDB ranks numbers, not sentences.
    text = store.query(
        'SELECT doc_id, start, "end", text, unit, per, approx, object, sentence FROM c_figures'
        " WHERE list_contains($ids, doc_id)",
        {"ids": sorted(set(top["doc_id"]))},
        overlay,
    )
    out = top.drop(columns="k").merge(text, on=["doc_id", "start", "end"], how="inner")
    return out[["kind", "text", "value", "unit", "per", "approx", "object", "sentence", "doc_id"]]


def time_bins(
    store: Store, filters: Filters, bin: str = "week", overlay: Tables | None = None
) -> pd.DataFrame:
    """How many documents, figures and claims were published per day, week or month.

    Columns: period (the bin's first day), series (documents, figures, claims), count. Rows of
    documents without a published date are left out.
    """
    if bin not in ("day", "week", "month"):
        raise ValueError(f"bin must be day, week or month, not {bin!r}")
    params: dict[str, object] = {}
    with_ = _kept(filters, params, ("documents", "figures", "claims"))
    day = bound_columns("documents")[0]
    # Rows are counted per document first, so each document is joined to its day once.
    per_doc = " UNION ALL ".join(
        f"SELECT '{t}' AS series, doc_id, count(*) AS n FROM kept_{t} GROUP BY doc_id"
        if t != "documents"
        else "SELECT 'documents' AS series, doc_id, 1 AS n FROM kept_documents"
        for t in ("documents", "figures", "claims")
    )
    sql = f"""{with_}, days AS (SELECT doc_id, {day} AS day FROM c_documents)
        SELECT date_trunc('{bin}', day) AS period, series, sum(n) AS count
        FROM ({per_doc}) JOIN days USING (doc_id) WHERE day IS NOT NULL
        GROUP BY period, series ORDER BY period, series
    """
    df = store.query(sql, params, overlay)
    df["period"] = pd.to_datetime(df["period"])
    return df.astype({"count": "int64"})


def coarser_bins(days: pd.DataFrame, bin: str) -> pd.DataFrame:
    """`time_bins` by day summed into weeks (from Monday, as DuckDB's date_trunc) or months:
    the same rows `time_bins(..., bin)` gives, without asking the store a second time."""
    if bin == "day" or days.empty:
        return days
    period = days["period"]
    if bin == "week":
        start = period - pd.to_timedelta(period.dt.day_of_week, unit="D")
    elif bin == "month":
        start = period - pd.to_timedelta(period.dt.day - 1, unit="D")
    else:
        raise ValueError(f"bin must be day, week or month, not {bin!r}")
    summed = days.assign(period=start).groupby(["period", "series"], as_index=False)["count"]
    return summed.sum().astype({"count": "int64"})

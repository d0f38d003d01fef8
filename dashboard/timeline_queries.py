"""The Timeline's events and brush: documents at their published date, dated mentions at theirs.

A dated event is a claim, figure or place mention with a resolved date in its sentence
(dashboard/dated.py), drawn at that date's first day (of its period where it has one: "next
week" at the week's first day, not the month's). Its colour is the claim's source kind; a figure or
place inside a claim's content takes that claim's kind, otherwise its own ("figure", "place").
A date mention whose sentence holds none of those is an event of its own ("date").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.dated import date_bounds, sentence_dates, value_bounds
from dashboard.tables import Tables

EVENT_COLUMNS = [
    "date",
    "lane",
    "colour",
    "doc_id",
    "doc_title",
    "items",
    "resolved",
    "granularity",
    "date_text",
    "relative",
    "anchor",
    "period",
    "published",
    "sentence",
]
# (lane, table) of the mentions that can be dated events, in drawing order.
MENTION_LANES = (("claim", "claims"), ("figure", "figures"), ("place", "places"))


def holding_kind(rows: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The source_kind of the innermost claim whose content span holds each row, else ""."""
    out = pd.Series("", index=range(len(rows)), dtype=object)
    if rows.empty or claims.empty:
        return out
    left = pd.DataFrame(
        {
            "row": range(len(rows)),
            "doc_id": rows["doc_id"].values,
            "r0": rows["start"].values,
            "r1": rows["end"].values,
        }
    )
    right = claims[["doc_id", "start", "end", "source_kind"]]
    pairs = left.merge(right, on="doc_id")
    pairs = pairs[(pairs["start"] <= pairs["r0"]) & (pairs["r1"] <= pairs["end"])]
    pairs = pairs.assign(width=pairs["end"] - pairs["start"]).sort_values(["row", "width"])
    best = pairs.drop_duplicates("row")
    kinds = best["source_kind"].where(best["source_kind"] != "", "other")
    out[best["row"].to_numpy()] = kinds.to_numpy()
    return out


def _items(lane: str, rows: pd.DataFrame) -> pd.Series:
    """What each marker lists for its rows: the claim with its source, the place, the figure."""
    if lane == "claim":
        return rows["source"] + " (" + rows["cue"] + "): " + rows["text"]
    if lane == "place":
        return rows["name"].where(rows["name"] != "", rows["text"])
    return rows["text"]


def _dated(tables: Tables, lane: str, name: str) -> pd.DataFrame:
    df = getattr(tables, name)
    found = sentence_dates(df, tables.dates)
    if found.empty:
        return pd.DataFrame()
    rows = df.iloc[found["row"].to_numpy()].reset_index(drop=True)
    if lane == "claim":
        colour = rows["source_kind"].where(rows["source_kind"] != "", "other")
    else:
        held = holding_kind(df, tables.claims)[found["row"].to_numpy()].reset_index(drop=True)
        colour = held.where(held != "", lane)
    return found.reset_index(drop=True).assign(
        lane=lane,
        colour=colour.to_numpy(),
        doc_id=rows["doc_id"],
        item=_items(lane, rows).to_numpy(),
        sentence=rows["sentence"],
        period=_period(found["period_start"], found["period_end"]).to_numpy(),
    )


def _date_only(tables: Tables, taken: set[tuple[str, int]]) -> pd.DataFrame:
    dates = tables.dates
    lo, _ = date_bounds(dates)
    free = [(d, int(a)) not in taken for d, a in zip(dates["doc_id"], dates["start"], strict=True)]
    keep = lo.notna() & pd.Series(free, index=dates.index, dtype=bool)
    rows = dates[keep]
    return pd.DataFrame(
        {
            "date_at": rows["start"],
            "date_text": rows["text"],
            "date_value": rows["value"],
            "granularity": rows["granularity"],
            "relative": rows["relative"],
            "anchor": rows["anchor"],
            "period": _period(rows["period_start"], rows["period_end"]),
            "date_lo": lo[keep],
            "lane": "date",
            "colour": "date",
            "doc_id": rows["doc_id"],
            "item": rows["text"],
            "sentence": rows["sentence"],
        }
    )


def _period(start: pd.Series, end: pd.Series) -> pd.Series:
    """ "first to last" of each date's period, "" where it has none."""
    start, end = start.fillna("").astype(str), end.fillna("").astype(str)
    return (start + " to " + end).where((start != "") & (end != ""), "")


def timeline_events(tables: Tables) -> pd.DataFrame:
    """Published documents and dated events, one row per marker (EVENT_COLUMNS), by date.

    Mentions of one lane and colour dated by the same date mention share one marker: `items`
    lists them (" · "). `resolved`, `granularity`, `date_text`, `relative` and `anchor` describe
    the date (for a relative expression, `anchor` is the published date it was resolved
    against); `period` is its days where it has a period ("2015-07-26 to 2015-08-01" for "next
    week"); `published` is the document's published date. Rows without a date are dropped.
    """
    docs = tables.documents
    titles = dict(zip(docs["doc_id"], docs["title"], strict=True))
    published = dict(zip(docs["doc_id"], docs["published"], strict=True))
    lo, _ = value_bounds(docs["published"])
    shown = pd.DataFrame(
        {
            "date": lo,
            "lane": "published",
            "colour": "published",
            "doc_id": docs["doc_id"],
            "items": docs["title"].where(docs["title"] != "", docs["doc_id"]),
            "resolved": docs["published"],
            "granularity": "day",
            "date_text": "",
            "relative": False,
            "anchor": "",
            "sentence": "",
        }
    )
    parts = [p for lane, name in MENTION_LANES if not (p := _dated(tables, lane, name)).empty]
    taken = {
        (d, int(a))
        for p in parts
        for d, a in zip(p["doc_id"].tolist(), p["date_at"].tolist(), strict=True)
    }
    parts.append(_date_only(tables, taken))
    dated = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not dated.empty:
        keys = ["doc_id", "lane", "colour", "date_at"]
        # One marker's items, each once, in order (a loop: a lambda per group is far slower).
        listed: dict[tuple, list[str]] = {}
        for *key, item in dated.drop_duplicates([*keys, "item"])[[*keys, "item"]].itertuples(
            index=False
        ):
            listed.setdefault(tuple(key), []).append(item)
        dated = (
            dated.groupby(keys, sort=False)
            .agg(
                date=("date_lo", "first"),
                resolved=("date_value", "first"),
                granularity=("granularity", "first"),
                date_text=("date_text", "first"),
                relative=("relative", "first"),
                anchor=("anchor", "first"),
                period=("period", "first"),
                sentence=("sentence", "first"),
            )
            .reset_index()
        )
        dated.insert(
            4, "items", [" · ".join(listed[k]) for k in dated[keys].itertuples(index=False)]
        )
    out = pd.concat([shown, dated], ignore_index=True).reindex(columns=EVENT_COLUMNS)
    out = out[out["date"].notna()]
    out["doc_title"] = out["doc_id"].map(titles).fillna("")
    out["published"] = out["doc_id"].map(published).fillna("")
    out["relative"] = out["relative"].fillna(False).astype(bool)
    out = out.fillna({c: "" for c in ("anchor", "period", "sentence", "date_text", "granularity")})
    lane_order = {"published": 0, "claim": 1, "figure": 2, "place": 3, "date": 4}
    out = out.assign(_lane=out["lane"].map(lane_order))
    out = out.sort_values(["date", "doc_id", "_lane"], kind="stable").drop(columns="_lane")
    return out.reset_index(drop=True)


def _stamp(x: Any) -> pd.Timestamp | None:
    try:
        stamp = pd.to_datetime(x, unit="ms") if isinstance(x, int | float) else pd.Timestamp(x)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(stamp) else stamp


def brush_range(selection: Mapping[str, Any] | None) -> tuple[str, str] | None:
    """The inclusive ISO day range a plotly box or lasso selection covers on a date x axis.

    Uses the boxes' and lassos' x coordinates; with neither, the selected points' x values.
    None for an empty selection (the analyst cleared it).
    """
    if not selection:
        return None
    xs: list[Any] = []
    for shape in [*(selection.get("box") or []), *(selection.get("lasso") or [])]:
        xs += list(shape.get("x") or [])
    if not xs:
        xs = [p.get("x") for p in selection.get("points") or []]
    stamps = [s for s in map(_stamp, xs) if s is not None]
    if not stamps:
        return None
    return (min(stamps).date().isoformat(), max(stamps).date().isoformat())

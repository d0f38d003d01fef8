"""When each mention happens: the dates in its sentence, else its document's published date.

A mention (figure, place, claim, entity) is *dated* when a date mention of the same document
lies in its sentence; it then happens at those dates. An undated mention happens when its
document was published (news reports what is current). A date mention happens at its own value.

The date-range filter (the Timeline's brush) keeps exactly the rows that happen inside the
range, so a page shows what the Timeline shows in the brushed window:
- a date mention whose days overlap the range: those of its value (a day, a month or a year),
  or of its period where it has one ("next week": the week's days, see `date_bounds`);
- a dated mention one of whose sentence's dates overlaps the range;
- an undated mention whose document was published inside the range;
- a document published inside the range, or holding a kept mention.
Rows with no time at all (undated sentence, unknown published date) are left out.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from dashboard.model import MENTION_TABLES
from dashboard.tables import Tables

SENTENCE_DATE_COLUMNS = [
    "row",
    "date_at",
    "date_text",
    "date_value",
    "granularity",
    "relative",
    "anchor",
    "date_lo",
    "date_hi",
    "period_start",
    "period_end",
]


def value_bounds(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day of each ISO value (YYYY, YYYY-MM or YYYY-MM-DD), NaT when unparseable."""
    text = values.fillna("").astype(str).str.strip()
    n = text.str.len()
    padded = text.where(n != 4, text + "-01-01").where(n != 7, text + "-01")
    lo = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
    hi = lo.copy()
    year, month = (n == 4) & lo.notna(), (n == 7) & lo.notna()
    hi[year] = lo[year] + pd.offsets.YearEnd(0)
    hi[month] = lo[month] + pd.offsets.MonthEnd(0)
    return lo, hi


def date_bounds(dates: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day of each date mention: of its period where it has one, else of its value.

    A period is narrower than its value ("next week" is a month's value with a week's days,
    "late 2016" a year's with its last months) or runs past it (a week across two months): it
    places the mention where the text puts it. Only a resolved value counts, as before.
    """
    lo, hi = value_bounds(dates["value"])
    first, _ = value_bounds(dates["period_start"])
    _, last = value_bounds(dates["period_end"])
    period = lo.notna() & first.notna() & last.notna()
    return lo.where(~period, first), hi.where(~period, last)


def _overlaps(lo: pd.Series, hi: pd.Series, date_range: tuple[str, str]) -> pd.Series:
    a, b = (pd.Timestamp(d) for d in date_range)
    return lo.notna() & (lo <= b) & (hi >= a)


def sentence_dates(rows: pd.DataFrame, dates: pd.DataFrame) -> pd.DataFrame:
    """One row per (mention, resolved date in the mention's sentence).

    `row` is the mention's position in `rows` (0..len-1), `date_at` the date's start offset.
    A date is in the sentence when it is of the same document and its own sentence is the
    mention's sentence or a part of it (a claim's sentence may run over several). Dates
    without a resolved value are skipped; `date_lo` and `date_hi` are the date's days
    (`date_bounds`).
    """
    lo, hi = date_bounds(dates)
    known = dates.assign(date_lo=lo, date_hi=hi)[lo.notna()]
    if rows.empty or known.empty:
        return pd.DataFrame(columns=SENTENCE_DATE_COLUMNS)
    # Each mention is compared with its own document's dates only, over plain lists: a merge
    # of every mention with every date of its document copied the sentences into a frame.
    of_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for k, (doc, sentence) in enumerate(
        zip(known["doc_id"].tolist(), known["sentence"].tolist(), strict=True)
    ):
        of_doc[doc].append((k, sentence))
    mention_at: list[int] = []
    date_row: list[int] = []
    for row, (doc, sentence) in enumerate(
        zip(rows["doc_id"].tolist(), rows["sentence"].tolist(), strict=True)
    ):
        for k, date_sentence in of_doc.get(doc, ()):
            if date_sentence == sentence or (date_sentence != "" and date_sentence in sentence):
                mention_at.append(row)
                date_row.append(k)
    found = known.iloc[date_row].rename(
        columns={"start": "date_at", "text": "date_text", "value": "date_value"}
    )
    found = found.reindex(columns=SENTENCE_DATE_COLUMNS[1:], fill_value="")
    found.insert(0, "row", pd.array(mention_at, dtype="int64"))
    return found.reset_index(drop=True)


def rows_in_range(
    rows: pd.DataFrame, dates: pd.DataFrame, published: pd.Series, date_range: tuple[str, str]
) -> pd.Series:
    """A boolean mask over `rows`: the mention happens inside the range (see module doc).

    `published` maps doc_id to the document's published date (ISO or empty).
    """
    found = sentence_dates(rows, dates)
    dated = pd.Series(False, index=range(len(rows)))
    hit = pd.Series(False, index=range(len(rows)))
    if not found.empty:
        dated[found["row"].unique()] = True
        inside = found[_overlaps(found["date_lo"], found["date_hi"], date_range)]
        hit[inside["row"].unique()] = True
    lo, hi = value_bounds(rows["doc_id"].map(published).fillna(""))
    by_publication = _overlaps(lo, hi, date_range).reset_index(drop=True) & ~dated
    return pd.Series((hit | by_publication).values, index=rows.index)


def restrict_to_range(tables: Tables, date_range: tuple[str, str]) -> Tables:
    """The rows that happen inside the inclusive ISO date range (see module doc)."""
    docs = tables.documents
    published = docs.set_index("doc_id")["published"]
    out: dict[str, pd.DataFrame] = {}
    for name in MENTION_TABLES:
        df = getattr(tables, name)
        if name == "dates":
            keep = _overlaps(*date_bounds(df), date_range)
        else:
            keep = rows_in_range(df, tables.dates, published, date_range)
        out[name] = df[keep].reset_index(drop=True)
    kept_ids = set().union(*(set(df["doc_id"]) for df in out.values()))
    in_range = _overlaps(*value_bounds(docs["published"]), date_range)
    out["documents"] = docs[in_range | docs["doc_id"].isin(kept_ids)].reset_index(drop=True)
    return Tables(**out)

"""The same quantity reported with different values by different documents.

Figures are reports of one quantity when they share
- unit and rate (`per`);
- subject: the folded `object` (what is counted or measured) and the sorted names of the
  places and entities of the sentence (English names, else their folded words); a figure with
  neither has no subject and is never compared;
- time: the date of their sentence, or (undated) publications at most WINDOW_DAYS apart;
- words around them: Jaccard of the CONTEXT_WORDS words each side at least CONTEXT_THRESHOLD
  (a market report gives many "percent" figures of one city and day, each of another index).
Figures linked this way form a group (single linkage).

Two figures agree when the values they may stand for overlap: a range covers low..high; a
single value covers what rounds to it (half a unit of its last significant digit, at most
ROUNDING_SHARE of it: "107,000" is 106,500 to 107,500, "5 billion" 4.75 to 5.25 billion); an
approximate value ("about", "more than") covers APPROX_SHARE around it as well. A group is a
conflict when it holds figures of at least two documents and two of them, from different
documents, do not agree.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from dashboard.dated import sentence_dates, value_bounds
from dashboard.similarity import similar_groups, tokens
from dashboard.tables import Tables
from dashboard.text import fold

APPROX_SHARE = 0.1  # "about 100" stands for 90 to 110
# Trailing zeros may be rounding or exact ("700,000" is not "650,000"): rounding covers at most
# this share of a value.
ROUNDING_SHARE = 0.05
# Figures of one subject are the same quantity only when they hold at about the same time
# (days apart at most): an output figure of January and one of June may both be right, and
# so may two daily market reports.
WINDOW_DAYS = 3
# Within a subject, two figures report the same quantity only when the words around them are
# alike: a market report names many "percent" figures of Dubai in one day, each of a different
# share or index. CONTEXT_WORDS words each side, Jaccard at least CONTEXT_THRESHOLD.
CONTEXT_WORDS = 4
CONTEXT_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
MAX_DIGITS = 15
CONFLICT_COLUMNS = [
    "group",
    "unit",
    "per",
    "subject",
    "doc_id",
    "text",
    "value",
    "low",
    "high",
    "approx",
    "when",
    "sentence",
]
SUMMARY_COLUMNS = [
    "group",
    "unit",
    "per",
    "subject",
    "from",
    "to",
    "documents",
    "figures",
    "values",
]


def significant_digits(value: float) -> int:
    """How many significant digits a value is written with: 107000 -> 3, 66.5 -> 3, 5e9 -> 1."""
    if value == 0 or not math.isfinite(value):
        return 1
    exp = math.floor(math.log10(abs(value)))
    for k in range(1, MAX_DIGITS + 1):
        rounded = round(value, k - 1 - exp)
        if math.isclose(rounded, value, rel_tol=1e-9):
            return k
    return MAX_DIGITS


def value_interval(value: float, low: float, high: float, approx: bool) -> tuple[float, float]:
    """The values a figure may stand for (see module doc)."""
    if not (pd.isna(low) or pd.isna(high)):
        return (min(low, high), max(low, high))
    if value == 0:
        return (0.0, 0.0)
    exp = math.floor(math.log10(abs(value)))
    half = min(0.5 * 10 ** (exp - significant_digits(value) + 1), ROUNDING_SHARE * abs(value))
    if approx:
        half = max(half, APPROX_SHARE * abs(value))
    return (value - half, value + half)


def agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two value intervals overlap."""
    return a[0] <= b[1] and b[0] <= a[1]


def _name(df: pd.DataFrame) -> pd.Series:
    return df["name"].where(df["name"] != "", df["text"].map(fold))


def subjects(tables: Tables) -> pd.Series:
    """Per figure (same index as tables.figures): its subject key, or "" when it has none.

    The key is the folded object, then "about:" and the sorted names of the places and
    entities in the figure's sentence: "people about: Aleppo" is not "people about: Homs".
    """
    figures = tables.figures
    own = figures["object"].fillna("").map(lambda s: fold(s).strip())
    named = pd.concat(
        [
            pd.DataFrame({"doc_id": df["doc_id"], "sentence": df["sentence"], "name": _name(df)})
            for df in (tables.places, tables.entities)
        ],
        ignore_index=True,
    )
    named = named[named["name"] != ""]
    about = pd.Series("", index=figures.index)
    if not named.empty and not figures.empty:
        around = named.groupby(["doc_id", "sentence"])["name"].agg(
            lambda s: " + ".join(sorted(set(s)))
        )
        keys = pd.MultiIndex.from_arrays([figures["doc_id"], figures["sentence"]])
        about = pd.Series(around.reindex(keys).to_numpy(), index=figures.index).fillna("")
    about = about.where(about == "", "about: " + about)
    return (own + " " + about).str.strip()


def figure_times(tables: Tables) -> pd.DataFrame:
    """Per figure (index of tables.figures): `when` it holds and the date value it is dated by.

    `dated` is the first resolved date of the figure's sentence ("" when none) and `when` its
    first day; an undated figure holds when its document was published.
    """
    figures = tables.figures
    found = sentence_dates(figures, tables.dates).sort_values(["date_lo", "date_at"])
    first = found.drop_duplicates("row").set_index("row")
    positions = range(len(figures))
    dated = pd.Series(first["date_value"].reindex(positions).to_numpy(), index=figures.index)
    dated_lo = pd.Series(first["date_lo"].reindex(positions).to_numpy(), index=figures.index)
    published = figures["doc_id"].map(tables.documents.set_index("doc_id")["published"])
    when, _ = value_bounds(published.fillna(""))
    has = dated_lo.notna()
    when[has] = pd.to_datetime(dated_lo[has])
    return pd.DataFrame({"when": when, "dated": dated.fillna("").astype(str)})


def time_clusters(
    figures: pd.DataFrame, by: list[str], window_days: int = WINDOW_DAYS
) -> pd.Series:
    """A cluster key per figure: figures of one `by` group and one cluster hold at one time.

    A figure dated in its sentence (`dated`) is of its date's cluster ("d:2025-07": "today" in
    two daily reports is two days). Undated ones are clustered by `when` (their published
    date) within their group: sorted, a new cluster after a gap of more than the window.
    Without any time a figure is in cluster "none".
    """
    out = pd.Series("none", index=figures.index, dtype=object)
    dated = figures["dated"] != ""
    out[dated] = "d:" + figures.loc[dated, "dated"]
    undated = figures[~dated & figures["when"].notna()].sort_values([*by, "when"], kind="stable")
    if not undated.empty:
        keys = undated[by].astype(str).agg("\x1f".join, axis=1)
        new = (keys != keys.shift()) | (undated["when"].diff() > pd.Timedelta(days=window_days))
        out[undated.index] = "p:" + new.cumsum().astype(str)
    return out


def context(text: str, sentence: str, words: int = CONTEXT_WORDS) -> frozenset[str]:
    """The folded words just before and after a figure in its sentence, tagged with their side
    ("<" before, ">" after), so two figures of one sentence ("index fell 0.4% as the bank fell
    0.9%") have different contexts. The figure's own words are left out."""
    at = sentence.find(text)
    if at < 0:
        return tokens(sentence)
    before = _WORD.findall(fold(sentence[:at]))[-words:]
    after = _WORD.findall(fold(sentence[at + len(text) :]))[:words]
    return frozenset([f"<{w}" for w in before] + [f">{w}" for w in after])


def _values(rows: pd.DataFrame) -> str:
    shown = []
    for r in rows.itertuples(index=False):
        if pd.notna(r.low) and pd.notna(r.high):
            shown.append(f"{r.low:,.6g}–{r.high:,.6g}")
        else:
            shown.append(f"{'~' if r.approx else ''}{r.value:,.6g}")
    return " / ".join(dict.fromkeys(shown))


def _conflicting(rows: pd.DataFrame) -> bool:
    spans = [
        (r.doc_id, value_interval(r.value, r.low, r.high, r.approx))
        for r in rows.itertuples(index=False)
    ]
    return any(
        d1 != d2 and not agree(i1, i2)
        for k, (d1, i1) in enumerate(spans)
        for d2, i2 in spans[k + 1 :]
    )


def figure_conflicts(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(summary, rows) of the conflicting quantities.

    summary: one row per conflict (SUMMARY_COLUMNS; `values` lists the distinct values
    reported), most documents first. rows: every figure of those groups (CONFLICT_COLUMNS),
    by group then value, with its document and sentence.
    """
    times = figure_times(tables)
    figures = tables.figures.assign(subject=subjects(tables), **times)
    figures = figures[figures["value"].notna() & (figures["unit"] != "")]
    figures = figures[figures["subject"] != ""]
    by = ["unit", "per", "subject"]
    figures = figures.assign(cluster=time_clusters(figures, by))
    n_docs = figures.groupby([*by, "cluster"])["doc_id"].transform("nunique")
    summary, rows = [], []
    for _, near in figures[n_docs >= 2].groupby([*by, "cluster"], sort=True):
        contexts = [context(r.text, r.sentence) for r in near.itertuples(index=False)]
        linked = similar_groups(contexts, CONTEXT_THRESHOLD)
        for _, part in near.groupby(linked, sort=True):
            if part["doc_id"].nunique() >= 2 and _conflicting(part):
                rows.append(part.sort_values(["value", "doc_id"], kind="stable"))
    for part in rows:
        first = part.iloc[0]
        known = part["when"].dropna()
        summary.append(
            {
                "unit": first["unit"],
                "per": first["per"],
                "subject": first["subject"],
                "from": known.min().date().isoformat() if len(known) else "",
                "to": known.max().date().isoformat() if len(known) else "",
                "documents": part["doc_id"].nunique(),
                "figures": len(part),
                "values": _values(part),
            }
        )
    if not summary:
        return (
            pd.DataFrame(columns=SUMMARY_COLUMNS).astype(
                {"documents": "int64", "figures": "int64"}
            ),
            pd.DataFrame(columns=CONFLICT_COLUMNS),
        )
    out = pd.DataFrame(summary)
    order = out.sort_values(["documents", "figures"], ascending=False, kind="stable").index
    out = out.loc[order].reset_index(drop=True)
    out.insert(0, "group", range(1, len(out) + 1))
    detail = pd.concat([rows[i].assign(group=g) for g, i in enumerate(order, start=1)])
    return out[SUMMARY_COLUMNS], detail.reindex(columns=CONFLICT_COLUMNS).reset_index(drop=True)

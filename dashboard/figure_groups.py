"""The same quantity in many reports: the one grouping of figures across documents.

Two figures of different documents report the same quantity when (keys: dashboard/figure_keys)
- they have one unit and rate (`per`), and a count counts the same object;
- they hold at one time: both at a day (a day-level date of their sentence, else the published
  date) at most MAX_DAYS_APART days apart (a market figure, or a quantity of one day: "today",
  an hour, a stock market's session: the same day; a price per unit: PRICE_DAYS_APART, for the
  next morning's paper), or both at the same month or year named in their sentence ("output
  in 2014" is not "output now");
- their nearest measure words agree (exports is not imports; a percent figure needs a percent
  measure, and two of them the same: a share is not a growth rate), and so do their benchmarks
  and qualifiers (a session low or a forecast is not the price);
- their subject agrees: the same benchmark, or sentences naming places or entities in common
  (Jaccard at least MIN_NAMES_SHARED). A sentence naming none speaks of its story's places,
  and then needs the same measure and, in one language, alike words around the figure
  (MIN_WORDS_SHARED), as does any percent figure; counts of one object may go without names;
- a duration ("15 years") also needs alike words around it (in one language) or the same
  measure: names in common do not say what lasted;
- a market's moves of one day ("fell 35 cents") share the numbers next to them (the level
  reached, the hour): other moves are other updates;
- their sentences do not name different organisations ("شركة «موبايلي»" against "بنك الرياض"),
  unless they have a measure in common: a company's loss is not a bank's bond issue;
- the demonyms next to them do not name different countries: China's imports of Iranian crude
  are not its imports of Russian oil;
- their values are within MAX_RATIO of each other.
Between two documents the best-matching pairs link first, one to one; linked figures form a
group (single linkage), which may never spread beyond MAX_RATIO nor over more days than allowed.

A group is a contradiction when figures of two documents disagree (dashboard/figure_values:
rounding and "about"; a price per unit also moves PRICE_MOVE_SHARE within its day). Syndicated
copies (dashboard/syndication) are one report: they never raise the count of independent ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from dashboard.figure_keys import figure_keys
from dashboard.figure_values import agree, readable, value_interval
from dashboard.syndication import copy_of, outlet_key
from dashboard.tables import Tables, records
from dashboard.text import fold
from dashboard.union_find import UnionFind

MAX_RATIO = 3.0  # values further apart than this measure different things
MAX_DAYS_APART = 3  # reports of one quantity appear within days of each other
MIN_NAMES_SHARED = 0.3  # Jaccard of the names of two figures' sentences
# Jaccard of the words next to two figures of one language, required when their subject is
# weak (a percent figure; a sentence naming nothing, read by its story's places, unless it
# counts the same object).
MIN_WORDS_SHARED = 0.3
# A market moves within the day: a price per unit ("dollars a barrel") is the same quantity in
# reports of its day and the next morning's paper, and quotes within PRICE_MOVE_SHARE of each
# other (different hours) do not contradict. Other market figures (a benchmark's or a price's
# change) hold for one day only.
PRICE_DAYS_APART = 1
PRICE_MOVE_SHARE = 0.03
TIME_UNITS = ("", "day", "week", "month", "year")  # a `per` that is a rate, not a price
DURATION_UNITS = ("hour", "day", "week", "month", "year")  # a figure's unit: how long
MARKET_MEASURE = "price"  # the measure (data/<lang>/assessment.json) of market prices

GROUP_COLUMNS = [
    "group_id",
    "unit",
    "per",
    "object",
    "measure",
    "benchmark",
    "subject",
    "at",
    "documents",
    "outlets",
    "independent",
    "syndicated",
    "values",
    "low",
    "high",
    "contradiction",
    "corroborated",
    "earliest_doc",
    "earliest_published",
]
MEMBER_COLUMNS = [
    "group_id",
    "doc_id",
    "outlet",
    "published",
    "at",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "per",
    "approx",
    "object",
    "measure",
    "copy_of",
    "sentence",
]


@dataclass(frozen=True)
class _Fig:
    row: int = field(compare=False)  # figures of copies compare equal: see _link
    value: float
    measure: str
    rate: str  # the percent measure of a percent figure
    benchmark: str
    qualifier: str
    names: frozenset[str]
    named: bool  # the names are the sentence's own, not the story's
    day: int | None
    dated: str  # month or year the sentence names, when not at a day
    published: int | None  # the published day
    around: frozenset[str]  # the words next to the figure
    numbers: frozenset[str]  # the numbers next to it
    change: bool  # a market's move ("Brent fell 35 cents"), not a price per unit
    lang: str
    duration: bool  # how long something lasts: "15 years" of what, the names do not say
    organisations: frozenset[str]  # the companies and banks its sentence names
    origins: frozenset[str]  # the countries of the demonyms next to it


class _Union(UnionFind):
    """Union-find whose joins may not spread a group beyond MAX_RATIO nor a day window."""

    def __init__(self, values: list[float], days: list[int | None], windows: list[int]) -> None:
        super().__init__(len(values))
        self.bounds = [(abs(v), abs(v)) for v in values]
        self.days = [(d, d) for d in days]
        self.windows = windows

    def allowed(self, ra: int, rb: int) -> bool:
        lo = min(self.bounds[ra][0], self.bounds[rb][0])
        hi = max(self.bounds[ra][1], self.bounds[rb][1])
        if lo == 0 or hi / lo > MAX_RATIO:
            return False  # chained pairs must not join 0.7M and 6.9M into one quantity
        (first, last), (b_first, b_last) = self.days[ra], self.days[rb]
        if first is not None and last is not None and b_first is not None and b_last is not None:
            first, last = min(first, b_first), max(last, b_last)
            if last - first > self.windows[ra]:
                return False  # nor chain daily reports over weeks
        self.bounds[rb] = (lo, hi)
        self.days[rb] = (first, last)
        return True


def _same_time(a: _Fig, b: _Fig, window: int) -> bool:
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) <= window
    if a.day is None and b.day is None and a.dated == b.dated:
        if window >= MAX_DAYS_APART or a.published is None or b.published is None:
            return True  # the same month or year, or both at no known time
        # A market figure of a month ("Brent for September delivery") moves every day.
        return abs(a.published - b.published) <= window
    return False


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _pair_score(a: _Fig, b: _Fig, counted: bool, window: int) -> float | None:
    """How well two figures of different documents match as one quantity (None: not)."""
    if not _same_time(a, b, window):
        return None
    if a.rate != b.rate or a.benchmark != b.benchmark or a.qualifier != b.qualifier:
        return None  # a share is not a growth rate; Brent is not WTI; a low is not the price
    if a.measure and b.measure and a.measure != b.measure:
        return None  # exports are not imports
    low, high = sorted((abs(a.value), abs(b.value)))
    if low == 0 or high / low > MAX_RATIO:
        return None
    words = _jaccard(a.around, b.around)
    union, shared = a.names | b.names, a.names & b.names
    closeness = 1 - math.log(high / low) / math.log(MAX_RATIO)
    if a.rate and a.lang == b.lang and words < MIN_WORDS_SHARED:
        return None  # a percent figure: the words around it must be alike
    if a.duration and (
        words < MIN_WORDS_SHARED if a.lang == b.lang else not (a.measure and a.measure == b.measure)
    ):
        # A story names its places around any span of time ("came to Mexico 15 years ago",
        # "ruled Mexico for 35 years"): only alike words, or one measure, make it one span.
        return None
    if a.change and b.change and a.numbers != b.numbers and not a.numbers & b.numbers:
        # Moves of a market in one day are many: "fell 35 cents to 54.92 by 0947 GMT" and
        # "fell 28 cents to 54.99 by 13.45 GMT" are two updates, not a contradiction.
        return None
    if a.benchmark:  # a benchmark's price is of the benchmark, wherever it is quoted
        return 1 + closeness + words
    if (
        a.organisations
        and b.organisations
        and a.organisations.isdisjoint(b.organisations)
        and not (a.measure and a.measure == b.measure)
    ):
        return None  # one company's figure is not another's, though both are Saudi
    if a.origins and b.origins and a.origins.isdisjoint(b.origins):
        return None  # Iranian crude is not Russian oil
    if not (a.named and b.named):
        if not (a.measure and a.measure == b.measure):
            return None  # the story's places alone do not say what a figure is of
        if not counted and a.lang == b.lang and words < MIN_WORDS_SHARED:
            return None  # nor, in one language, do unlike words around the figures
    if union:
        if len(shared) / len(union) < MIN_NAMES_SHARED:
            return None
    elif not counted:
        return None  # nothing tells what the figures are of
    return (len(shared) / len(union) if union else 0.5) + closeness + words


def _fig(row: int, r: dict) -> _Fig | None:
    """A figure's keys, or None when it can never be compared (no value, or a percent figure
    without a percent measure: "40%" alone does not say of what)."""
    if pd.isna(r["value"]) or not r["unit"] or (r["unit"] == "percent" and not r["rate"]):
        return None
    day = None if pd.isna(r["day"]) else int(r["day"])
    dated = r["dated"] if r["granularity"] != "day" else ""
    published = _ordinal(r["published"])
    return _Fig(
        row, float(r["value"]), r["measure"], r["rate"], r["benchmark"], r["qualifier"],
        r["names"], not r["from_story"], day, dated, published, r["around"], r["numbers"],
        r["per"] in TIME_UNITS and (bool(r["benchmark"]) or r["measure"] == MARKET_MEASURE),
        r["lang"], r["unit"] in DURATION_UNITS, r.get("organisations", frozenset()),
        r.get("origins", frozenset()),
    )  # fmt: skip


def _ordinal(published: str) -> int | None:
    try:
        return date.fromisoformat(published).toordinal()
    except ValueError:
        return None


def _window(per: str, measure: str, benchmark: str, daily: bool) -> int:
    """How many days apart two reports of a figure may be (module doc); `daily`: a quantity
    of one day at a known day (a month's figure said "today" is still of its month)."""
    if per not in TIME_UNITS:
        return PRICE_DAYS_APART
    if benchmark or measure == MARKET_MEASURE or daily:
        return 0
    return MAX_DAYS_APART


def _best_pairs(
    a_figs: list[_Fig], b_figs: list[_Fig], counted: bool, windows: list[int]
) -> list[tuple[int, int]]:
    """The figures of two documents that report one quantity, as positions in each list.

    One to one, best pairs first: "10 mln bpd produced, 7 mln exported" in one report must not
    both join the other's "7 mln exported".
    """
    pairs = []
    for i, a in enumerate(a_figs):
        for j, b in enumerate(b_figs):
            score = _pair_score(a, b, counted, min(windows[a.row], windows[b.row]))
            if score is not None:
                pairs.append((score, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    best = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            best.append((i, j))
    return best


def _all_joined(union: _Union, rows: list[list[int]], pairs: list[tuple[int, int]]) -> bool:
    """Whether every pair of documents in order (figure rows `rows`, one kind, linked by
    `pairs`) has its pairs of figures in one group already: joining them changes nothing."""
    for i, j in pairs:
        root = union.find(rows[0][i])
        if any(union.find(r[i]) != root for r in rows[:-1]):
            return False
        if any(union.find(r[j]) != root for r in rows[1:]):
            return False
    return True


NEAR_CHUNK = 256  # figures compared with all others at once: arrays of 256 x n, not n x n


def _near_in_time(figs: list[list[_Fig]], windows: list[int]) -> np.ndarray:
    """Documents x documents (figure lists `figs`, none empty): whether any figure of one is at
    the same time as one of the other (_same_time). Most pairs of documents in a bucket are
    days apart and have nothing to score: array operations tell them all at once."""
    flat = [f for fs in figs for f in fs]
    doc = np.repeat(np.arange(len(figs)), [len(fs) for fs in figs])
    first_of_doc = np.concatenate(([0], np.cumsum([len(fs) for fs in figs])[:-1]))
    day = np.array([np.nan if f.day is None else f.day for f in flat])
    pub = np.array([np.nan if f.published is None else f.published for f in flat])
    codes: dict[str, int] = {}
    dated = np.array([codes.setdefault(f.dated, len(codes)) for f in flat])
    win = np.array([windows[f.row] for f in flat])
    undated = np.isnan(day)
    near = np.zeros((len(figs), len(figs)), dtype=bool)
    for lo in range(0, len(flat), NEAR_CHUNK):
        part = slice(lo, lo + NEAR_CHUNK)
        window = np.minimum(win[part, None], win[None, :])
        with np.errstate(invalid="ignore"):  # NaN days compare as False, as None does
            same = np.abs(day[part, None] - day[None, :]) <= window
            published_near = (
                (window >= MAX_DAYS_APART)
                | np.isnan(pub[part, None])
                | np.isnan(pub)[None, :]
                | (np.abs(pub[part, None] - pub[None, :]) <= window)
            )
        same |= (
            undated[part, None]
            & undated[None, :]
            & (dated[part, None] == dated[None, :])
            & published_near
        )
        # Any figure of each document (columns), then any figure of each row's document.
        by_doc = np.logical_or.reduceat(same, first_of_doc, axis=1)
        np.logical_or.at(near, doc[part], by_doc)
    return near


def _join_bucket(
    union: _Union, by_doc: dict[str, list[_Fig]], counted: bool, windows: list[int]
) -> None:
    """Join the figures of one unit, rate and object, document pair by document pair."""
    docs = sorted(by_doc)
    # Documents with equal figures (syndicated copies) link alike: each pair of figure
    # lists is scored once, however many copies carry them.
    kinds: dict[tuple[_Fig, ...], int] = {}
    kind = {d: kinds.setdefault(tuple(by_doc[d]), len(kinds)) for d in docs}
    rows = {d: [f.row for f in by_doc[d]] for d in docs}
    linked: dict[tuple[int, int], list[tuple[int, int]]] = {}
    near = _near_in_time([by_doc[d] for d in docs], windows)

    def pairs(x: int, y: int) -> list[tuple[int, int]]:
        key = (kind[docs[x]], kind[docs[y]])
        if key not in linked:
            # Documents with no figures at one time have no pair to score.
            found = near[x, y] and _best_pairs(by_doc[docs[x]], by_doc[docs[y]], counted, windows)
            linked[key] = found or []
        return linked[key]

    # From `tail` on, the documents are copies of one kind: once their pairs are joined, the
    # remaining pairs of copies change nothing. Checked a few times only (joins refused by
    # the group's bounds stay apart).
    tail = len(docs) - 1
    while tail > 0 and kind[docs[tail - 1]] == kind[docs[-1]]:
        tail -= 1
    checks = 2
    for x, da in enumerate(docs):
        if x >= tail and checks and x + 1 < len(docs):
            if _all_joined(union, [rows[d] for d in docs[x:]], pairs(x, x + 1)):
                return
            checks -= 1
        rows_a = rows[da]
        for y in range(x + 1, len(docs)):
            rows_b = rows[docs[y]]
            for i, j in pairs(x, y):
                union.join(rows_a[i], rows_b[j])


def _link(figs: pd.DataFrame) -> list[int]:
    """A group root per figure (positions of `figs`)."""
    days = [None if pd.isna(d) else int(d) for d in figs["day"]]
    # Keys of figure_keys; a table without the daily key has no quantity of one day.
    daily = figs["daily"] if "daily" in figs else [False] * len(figs)
    windows = [
        _window(per, measure, bench, one_day and day is not None)
        for per, measure, bench, one_day, day in zip(
            figs["per"], figs["measure"], figs["benchmark"], daily, days, strict=True
        )
    ]
    union = _Union([float(v) if pd.notna(v) else 0.0 for v in figs["value"]], days, windows)
    buckets: dict[tuple[str, str, str], dict[str, list[_Fig]]] = {}
    for i, r in enumerate(records(figs)):
        f = _fig(i, r)
        if f is None:
            continue
        key = (r["unit"], r["per"], fold(r["object"]).strip() if r["unit"] == "count" else "")
        buckets.setdefault(key, {}).setdefault(r["doc_id"], []).append(f)
    for (unit, _, obj), by_doc in buckets.items():
        _join_bucket(union, by_doc, unit == "count" and bool(obj), windows)
    return [union.find(i) for i in range(len(figs))]


def _interval(r: dict) -> tuple[float, float]:
    """The values a member may stand for; a price per unit also its move within the day."""
    lo, hi = value_interval(r["value"], r["low"], r["high"], r["approx"])
    if r["per"] not in TIME_UNITS:
        lo, hi = (
            min(lo, r["value"] * (1 - PRICE_MOVE_SHARE)),
            max(hi, r["value"] * (1 + PRICE_MOVE_SHARE)),
        )
    return lo, hi


def _conflict(rows: list[dict]) -> bool:
    """Whether figures of two documents disagree."""
    # Copies repeat one value: each distinct interval is compared once, with its documents.
    docs: dict[tuple[float, float], set[str]] = {}
    for r in rows:
        docs.setdefault(_interval(r), set()).add(r["doc_id"])
    spans = list(docs.items())
    return any(
        len(d1 | d2) >= 2 and not agree(i1, i2)
        for k, (i1, d1) in enumerate(spans)
        for i2, d2 in spans[k:]
    )


def _summary(gid: str, rows: list[dict]) -> dict[str, object]:
    conflict = _conflict(rows)
    independent = {outlet_key(r["outlet"], r["doc_id"]) for r in rows if not r["copy_of"]}
    outlets = {outlet_key(r["outlet"], r["doc_id"]) for r in rows}
    first = min(rows, key=lambda r: r["published"] or "9999")
    names = sorted(set().union(*(r["names"] for r in rows)))
    bench = sorted({r["benchmark"] for r in rows} - {""})
    measures = sorted({r["rate"] for r in rows} - {""}) + sorted(
        {r["measure"] for r in rows} - {""}
    )
    at = sorted({r["at"] for r in rows})
    values = [r["value"] for r in rows]
    return {
        "group_id": gid,
        "unit": rows[0]["unit"],
        "per": rows[0]["per"],
        "object": rows[0]["object"],
        "measure": " / ".join(measures),
        "benchmark": ", ".join(bench),
        "subject": ", ".join(bench + names),
        "at": at[0] if len(at) == 1 else f"{at[0]} to {at[-1]}",
        "documents": len({r["doc_id"] for r in rows}),
        "outlets": len(outlets),
        "independent": len(independent),
        "syndicated": len({r["doc_id"] for r in rows if r["copy_of"]}),
        # " / " between values: a comma would read as their digit grouping ("73,000,000, 130").
        "values": " / ".join(map(readable, sorted(set(values)))),
        "low": min(values),
        "high": max(values),
        "contradiction": conflict,
        "corroborated": not conflict and len(independent) >= 2,
        "earliest_doc": first["doc_id"],
        "earliest_published": first["published"],
    }


def group_figures(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(groups, members): figures of at least two documents that report the same quantity.

    groups (GROUP_COLUMNS): contradictions first, then by independent reports. `independent`
    counts outlets of original reports, `syndicated` the documents that copy another's
    sentence; `corroborated` is two independent outlets agreeing. members (MEMBER_COLUMNS):
    the figures of each group, `copy_of` the document a copy repeats ("" for an original),
    `at` the date the figure holds at (its sentence's date, else the published date).
    """
    figs = figure_keys(tables)
    figs["group"] = _link(figs) if len(figs) else []
    figs["at"] = figs["dated"].where(figs["dated"] != "", figs["published"])
    sizes = figs.groupby("group")["doc_id"].nunique()
    members = figs[figs["group"].map(sizes) >= 2].copy()
    docs = list(members["doc_id"])
    # A copy repeats its original's figure: the same sentence with another value is an update.
    keys = list(zip(members["group"], members["value"], strict=True))
    original = copy_of(list(members["sentence"]), docs, list(members["published"]), keys)
    members["copy_of"] = ["" if o == k else docs[o] for k, o in enumerate(original)]
    order = members.groupby("group")["published"].min().sort_values(kind="stable").index
    ids = {g: f"F{n + 1}" for n, g in enumerate(order)}
    members["group_id"] = members["group"].map(ids)
    # Records of all members at once: a DataFrame per group costs more than the summaries.
    by_group: dict[str, list[dict]] = {}
    for r in records(members):
        by_group.setdefault(r["group_id"], []).append(r)
    summaries = [_summary(gid, rows) for gid, rows in by_group.items()]
    groups = pd.DataFrame(summaries, columns=GROUP_COLUMNS)
    if len(groups):
        groups = groups.sort_values(
            ["contradiction", "independent", "documents"], ascending=False, kind="stable"
        )
    members = members.sort_values(["group_id", "value", "doc_id"], kind="stable")
    return groups.reset_index(drop=True), members.reindex(columns=MEMBER_COLUMNS).reset_index(
        drop=True
    )

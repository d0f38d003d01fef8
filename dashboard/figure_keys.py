"""What each figure measures, of what, and when: the keys that tell one quantity from another.

Per figure (one row per row of tables.figures, same order):
- `measure`: the measure word nearest the figure in its sentence (data/<lang>/assessment.json
  "measures": exports, production, price ...). Nearest, not any: "production rose to 3.6
  million bpd and exports by 60%" measures production by the first figure, exports by the
  second. `rate`: for a percent figure, the nearest "percent_measures" word (a share, growth,
  inflation, a rise, a fall ...).
- `benchmark`: the crude benchmark named nearest the figure ("brent", "wti" ...), or "".
- `qualifier`: the qualifiers (average, forecast, low, high, target) written just before or
  after the figure: a session low or a monthly average is not the price.
- `names`: the places and entities of the figure's sentence (English name, else folded words),
  or, when the sentence names none, the document's most-mentioned places (`from_story`).
- `around`: the folded words next to the figure (AROUND_WORDS each side; numbers and words
  shorter than MIN_WORD left out); `numbers`: the numbers among them.
- `origins`: the countries of the demonyms among the `around` words ("الخام الإيراني",
  "Russian oil"; data/<lang>/entities.json "demonyms"): Iranian crude is not Russian oil.
- `organisations`: the folded names of the companies and banks its sentence names, each the
  word next to a word for one ("شركة «موبايلي»", "Exxon Corp"; assessment.json "organisations").
- `daily`: the figure is a quantity of one day: its sentence says "today", an hour of the day
  or a stock market's session ("daily" words), or its document gives the same value in such a
  sentence (a headline repeats its story's figure).
- time: the resolved date of the sentence the figure is "at" (`dated`, `granularity`), else
  its document's published date. The date written right after the figure ("X in April")
  binds first, else the nearest date before it in the sentence; a date after it, further
  away, is most often a comparison ("its lowest since April") and is not used. A daily
  figure without a date of its own is at its story's day (STORY_DAYS), not the published one:
  the morning paper's "the index fell yesterday" is of the day before.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import pandas as pd

from dashboard.dated import sentence_dates
from dashboard.lexicon import demonym_forms, load
from dashboard.tables import Tables
from dashboard.text import fold

# At most this many words between a figure and the date that follows it ("X bpd in April").
AFTER_WORDS = 2
AROUND_WORDS = 6  # the words around a figure that tell what it is of, each side
MIN_WORD = 3  # shorter words (particles, prepositions) say nothing of what a figure is of
FOLLOWING_WEIGHT = 2
# A qualifier (average, forecast, low ...) is read this many words before and after a figure:
# "hit a session low of 54.80", "49.89, its lowest in six months".
QUALIFIER_BEFORE = 10
QUALIFIER_AFTER = 2
# A story's day is the first day its text names at most this many days before its publication
# ("yesterday", "today, Friday"): later dates in it are of other events.
STORY_DAYS = 7
STORY_MIN_WORDS = 5  # a shorter line is a dateline or a title, not the story's telling
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+")  # a number with its decimals is one token
KEY_COLUMNS = [
    "outlet",
    "published",
    "lang",
    "measure",
    "rate",
    "benchmark",
    "qualifier",
    "names",
    "from_story",
    "dated",
    "granularity",
    "day",
    "around",
    "numbers",
    "organisations",
    "origins",
    "daily",
]


@dataclass(frozen=True)
class _Words:
    """One lexicon list as a single pattern: a word at a word start, after a prefix."""

    pattern: re.Pattern[str]
    names: dict[str, str]  # folded word -> its name

    def nearest(self, folded: str, at: int, end: int) -> str:
        """The name whose word occurs nearest the span at..end of the folded text, or ""."""
        best, best_rank = "", None
        for m in self.pattern.finditer(folded):
            if m.start() < end and m.end() > at:
                continue  # inside the figure's own words
            # A measure is most often written before its figure ("exports fell to X"): a word
            # after the figure counts as twice as far.
            gap = at - m.end() if m.end() <= at else FOLLOWING_WEIGHT * (m.start() - end)
            rank = (gap, -len(m.group("w")))
            if best_rank is None or rank < best_rank:
                best, best_rank = self.names[m.group("w")], rank
        return best

    def within(self, folded: str, at: int, end: int) -> str:
        """The names whose words stand close before or after the span (sorted, " + ")."""
        lo, hi = _span_words(folded, at, end)
        found = {
            self.names[m.group("w")]
            for m in self.pattern.finditer(folded, lo, hi)
            if m.end() <= at or m.start() >= end
        }
        return " + ".join(sorted(found))


def _span_words(folded: str, at: int, end: int) -> tuple[int, int]:
    """The stretch of QUALIFIER_BEFORE words before a figure and QUALIFIER_AFTER after it."""
    before = [m.start() for m in _WORD.finditer(folded, 0, at)]
    after = [m.end() for m in _WORD.finditer(folded, end)]
    lo = before[-QUALIFIER_BEFORE] if len(before) >= QUALIFIER_BEFORE else 0
    hi = after[QUALIFIER_AFTER - 1] if len(after) >= QUALIFIER_AFTER else len(folded)
    return lo, hi


def _alternation(words: Iterable[str]) -> str:
    """Folded words as one regex alternation, longest first (none cut short by another)."""
    return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))


def _words(entries: dict[str, list[str]], prefixes: list[str]) -> _Words:
    names = {fold(w): name for name, ws in entries.items() for w in ws}
    alternatives, before = _alternation(names), _alternation(prefixes)
    pattern = (
        rf"(?<!\w)(?:{before})?(?P<w>{alternatives})"
        if before
        else rf"(?<!\w)(?P<w>{alternatives})"
    )
    return _Words(re.compile(pattern), names)


@cache
def _lexicon(lang: str) -> tuple[_Words, _Words, _Words, _Words]:
    """(measures, percent measures, benchmarks, qualifiers) of a language."""
    data = load(lang, "assessment")
    keys = ("measures", "percent_measures", "benchmarks", "qualifiers")
    return tuple(_words(data[key], data["prefixes"]) for key in keys)  # type: ignore[return-value]


@cache
def _sentence_lexicon(lang: str) -> tuple[re.Pattern[str] | None, ...]:
    """(daily words, an organisation's name after a word, its name before a word) of a
    language; None for a list it leaves empty."""
    data = load(lang, "assessment")
    daily = _words(data["daily"], data["prefixes"]).pattern if data.get("daily") else None
    orgs = data.get("organisations", {})
    after_word = before_word = None
    if orgs.get("before_name"):
        cues, before = _alternation(orgs["before_name"]), _alternation(data["prefixes"])
        # The cue whole, then the name: the next word, past quotes and brackets.
        after_word = re.compile(rf"(?<!\w)(?:{before})?(?:{cues})(?!\w)\W{{0,3}}(\w+)")
    if orgs.get("after_name"):
        cues = _alternation(orgs["after_name"])
        before_word = re.compile(rf"(?<!\w)(\w+)\W{{1,3}}(?:{cues})(?!\w)")
    return daily, after_word, before_word


@lru_cache(maxsize=8192)  # the same figures come back with each filter change
def organisations(sentence: str, lang: str) -> frozenset[str]:
    """The folded names of the organisations a sentence names by a word for one (module doc).

    A word for one after a number counts them ("shares of 48 companies rose"), names none.
    """
    _, after_word, before_word = _sentence_lexicon(lang)
    if after_word is None and before_word is None:
        return frozenset()
    not_names, capitalised = _name_rules(lang)
    folded = _fold(sentence)
    names = set()
    for pattern in (after_word, before_word):
        if pattern is None:
            continue
        for m in pattern.finditer(folded):
            if folded[: m.start()].rstrip()[-1:].isdigit():
                continue
            names.add(m.group(1))
    names = {n for n in names if len(n) >= MIN_WORD and not n[0].isdigit()} - not_names
    if capitalised and names:
        names &= {fold(w) for w in _WORD.findall(sentence) if w[0].isupper()}
    return frozenset(names)


@lru_cache(maxsize=65536)
def _has_daily_word(sentence: str, lang: str) -> bool:
    daily = _sentence_lexicon(lang)[0]
    return daily is not None and daily.search(_fold(sentence)) is not None


@cache
def _name_rules(lang: str) -> tuple[frozenset[str], bool]:
    """(words that are never an organisation's name, whether names are capitalised)."""
    orgs = load(lang, "assessment").get("organisations", {})
    not_names = frozenset(fold(w) for w in orgs.get("not_names", []))
    return not_names, bool(orgs.get("names_capitalised"))


@lru_cache(maxsize=8192)  # the same figures come back with each filter change
def is_daily(text: str, sentence: str, lang: str) -> bool:
    """Whether a daily word stands within QUALIFIER_BEFORE words before the figure or
    AROUND_WORDS after it, as the market's name does ("the main index of the Abu Dhabi market
    fell 0.2%"): "Egypt opens today a new waterway ... a channel 35 km long" does not make the
    channel's length a quantity of one day."""
    daily = _sentence_lexicon(lang)[0]
    if daily is None or not _has_daily_word(sentence, lang):
        return False  # most sentences: no need to find the figure's neighbours
    folded, at, end = _figure_span(text, sentence)
    if at < 0:
        return False
    # Split in C, and only as far as needed: a long sentence costs no scan word by word.
    before = folded[:at].rsplit(None, QUALIFIER_BEFORE)[-QUALIFIER_BEFORE:]
    after = folded[end:].split(None, AROUND_WORDS)[:AROUND_WORDS]
    near = before + ["|"] + after
    return daily.search(" ".join(near)) is not None


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return fold(text)  # a sentence holding several figures is folded once


def _figure_span(text: str, sentence: str) -> tuple[str, int, int]:
    """The folded sentence and where the figure's folded text lies in it (-1 when not found)."""
    folded, mine = _fold(sentence), _fold(text)
    at = folded.find(mine)
    return folded, at, at + len(mine) if at >= 0 else -1


def measures_and_benchmarks(figures: pd.DataFrame, langs: pd.Series) -> pd.DataFrame:
    """`measure`, `rate` and `benchmark` per figure (same index), by the nearest words.

    `rate` is the percent measure of a percent figure ("" for other units).
    """
    # Syndicated copies repeat a figure in the same sentence: each is read once (cached).
    keys = zip(
        figures["text"].tolist(),
        figures["sentence"].tolist(),
        figures["unit"].tolist(),
        langs.tolist(),
        strict=True,
    )
    rows = [_keys_of(*key) for key in keys]
    return pd.DataFrame(
        rows or None, columns=["measure", "rate", "benchmark", "qualifier"], index=figures.index
    )


@lru_cache(maxsize=8192)  # the same figures come back with each filter change
def _keys_of(text: str, sentence: str, unit: str, lang: str) -> tuple[str, str, str, str]:
    """(measure, rate, benchmark, qualifier) of one figure in its sentence."""
    measures, percent, benchmarks, qualifiers = _lexicon(lang)
    folded, at, end = _figure_span(text, sentence)
    if at < 0:
        return "", "", "", ""
    return (
        measures.nearest(folded, at, end),
        percent.nearest(folded, at, end) if unit == "percent" else "",
        benchmarks.nearest(folded, at, end),
        qualifiers.within(folded, at, end),
    )


def _names_by_sentence(tables: Tables) -> dict[tuple[str, str], frozenset[str]]:
    """(doc_id, sentence) -> names of the places and entities in that sentence."""
    keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    for df in (tables.places, tables.entities):
        names = df["name"].where(df["name"] != "", df["text"].map(fold))
        for doc, sentence, name in zip(df["doc_id"], df["sentence"], names, strict=True):
            if name:
                keys[(doc, sentence)].add(name)
    return {k: frozenset(v) for k, v in keys.items()}


def _main_places(tables: Tables) -> dict[str, frozenset[str]]:
    """Each document's most-mentioned places: the context of a sentence that names none."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, name in zip(tables.places["doc_id"], tables.places["name"], strict=True):
        if name:
            counts[doc][name] += 1
    out = {}
    for doc, c in counts.items():
        top = max(c.values())
        out[str(doc)] = frozenset(n for n, k in c.items() if k == top)
    return out


def reference_dates(tables: Tables) -> pd.DataFrame:
    """`dated` (ISO value, "" when none) and `granularity` per figure (positions 0..n-1).

    The date written right after the figure (at most AFTER_WORDS words between) binds first,
    else the nearest date before it in the sentence (module doc).
    """
    figures = tables.figures.reset_index(drop=True)
    dated = [""] * len(figures)
    granularity = [""] * len(figures)
    found = sentence_dates(figures, tables.dates)
    by_row: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for row, at, text, value, gran in zip(
        found["row"], found["date_at"], found["date_text"], found["date_value"],
        found["granularity"], strict=True,
    ):  # fmt: skip
        by_row[int(row)].append((int(at), str(text), str(value), str(gran)))
    starts, ends = figures["start"].tolist(), figures["end"].tolist()
    sentences, texts = figures["sentence"].tolist(), figures["text"].tolist()
    for r, found_dates in by_row.items():
        start, end = int(starts[r]), int(ends[r])
        sentence, text = sentences[r], texts[r]
        # Offsets are of the document; the sentence starts where the figure's text lies in it.
        origin = start - sentence.find(text) if text in sentence else None
        found_dates.sort()
        after = [d for d in found_dates if d[0] >= end]
        before = [d for d in found_dates if d[0] + len(d[1]) <= start]
        pick = None
        if after and origin is not None:
            gap = sentence[end - origin : after[0][0] - origin]
            if len(_WORD.findall(gap)) <= AFTER_WORDS:
                pick = after[0]
        if pick is None and before:
            pick = before[-1]
        if pick is not None:
            dated[r], granularity[r] = pick[2], pick[3]
    return pd.DataFrame({"dated": dated, "granularity": granularity})


@lru_cache(maxsize=8192)  # the same figures come back with each filter change
def around(text: str, sentence: str, words: int = AROUND_WORDS) -> tuple[frozenset[str], ...]:
    """(words, numbers) within `words` words before and after a figure, folded: the words
    (not numbers, none shorter than MIN_WORD) and the numbers ("54.92") apart."""
    folded, at, end = _figure_span(text, sentence)
    if at < 0:
        return frozenset(), frozenset()
    near = _TOKEN.findall(folded[:at])[-words:] + _TOKEN.findall(folded[end:])[:words]
    numbers = frozenset(w for w in near if w[0].isdigit())
    return frozenset(w for w in near if len(w) >= MIN_WORD and not w[0].isdigit()), numbers


def story_days(tables: Tables) -> dict[str, int]:
    """doc_id -> the ordinal of its story's day (module doc), for documents that name one.

    A date in a line of fewer than STORY_MIN_WORDS words is not the story's telling: the
    dateline "عين اليوم – دبي" (the outlet "Ain Alyoum") reads as "today".
    """
    dates = tables.dates[tables.dates["granularity"] == "day"]
    # Words counted once per distinct sentence: a story repeats its dates' sentences.
    words = {s: len(_WORD.findall(str(s))) for s in dict.fromkeys(dates["sentence"])}
    dates = dates[dates["sentence"].map(words) >= STORY_MIN_WORDS]
    dates = dates.sort_values(["doc_id", "start"], kind="stable")
    published = dict(zip(tables.documents["doc_id"], tables.documents["published"], strict=True))
    out: dict[str, int] = {}
    for doc, value in zip(dates["doc_id"], dates["value"], strict=True):
        if doc in out:
            continue
        day, pub = _day(str(value)), _day(str(published.get(doc, "")))
        if day is not None and pub is not None and 0 <= pub - day <= STORY_DAYS:
            out[str(doc)] = day
    return out


def _day(value: str) -> int | None:
    try:
        return date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def figure_keys(tables: Tables) -> pd.DataFrame:
    """tables.figures (index reset) with KEY_COLUMNS added (module doc).

    `day` is the ordinal of the day the figure is at (a day-level sentence date, else the
    published date) or None when it is at a month or a year (`dated`) or at no known time.
    """
    docs = tables.documents.set_index("doc_id")
    figs = tables.figures.reset_index(drop=True).copy()
    figs["outlet"] = figs["doc_id"].map(docs["source"]).fillna("")
    figs["published"] = figs["doc_id"].map(docs["published"]).fillna("")
    figs["lang"] = figs["doc_id"].map(docs["lang"]).fillna("")
    figs = figs.join(measures_and_benchmarks(figs, figs["lang"]))
    by_sentence, main = _names_by_sentence(tables), _main_places(tables)
    names, from_story = [], []
    for d, sentence in zip(figs["doc_id"], figs["sentence"], strict=True):
        own = by_sentence.get((d, sentence), frozenset())
        names.append(own or main.get(d, frozenset()))
        from_story.append(not own)
    figs["names"] = names
    figs["from_story"] = from_story
    figs = figs.join(reference_dates(tables))
    texts, sentences, langs = (
        figs["text"].tolist(),
        figs["sentence"].tolist(),
        figs["lang"].tolist(),
    )
    figs["organisations"] = list(map(organisations, sentences, langs))
    daily = pd.Series(list(map(is_daily, texts, sentences, langs)), dtype=bool)
    # A headline repeats its story's figure: a value the document gives in a daily sentence
    # is daily wherever the document gives it.
    figs["daily"] = daily.groupby(
        [figs["doc_id"], figs["unit"], figs["value"]], dropna=False
    ).transform("any")
    story = story_days(tables)
    days = []
    for doc, dated, granularity, published, one_day in zip(
        figs["doc_id"],
        figs["dated"],
        figs["granularity"],
        figs["published"],
        figs["daily"],
        strict=True,
    ):
        if dated:
            days.append(_day(dated) if granularity == "day" else None)
        elif one_day and doc in story:
            days.append(story[doc])
        else:
            days.append(_day(published))
    figs["day"] = days
    near = list(map(around, texts, sentences))
    figs["around"] = [w for w, _ in near]
    figs["numbers"] = [n for _, n in near]
    figs["origins"] = [
        origins(words, lang) for words, lang in zip(figs["around"], langs, strict=True)
    ]
    return figs


def origins(words: frozenset[str], lang: str) -> frozenset[str]:
    """The countries (ISO codes) of the demonyms among folded words."""
    countries = _demonyms(lang)
    return frozenset(countries[w] for w in words if w in countries)


@cache
def _demonyms(lang: str) -> dict[str, str]:
    """Folded demonym -> ISO code."""
    return {_fold(form): code for form, code in demonym_forms(lang)}

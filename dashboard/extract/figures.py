"""Figures: quantities with their unit, rate, approximation and range, fully expanded.

A figure is [approximation] [range word] [currency] NUMBER [scale...] [range] UNIT-or-NOUN [rate].
Years, dates, clock times, model designations ("سو-30", "F-16"), identifiers and ordinals are
told apart from quantities by their neighbours.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter

from dashboard.extract.figure_grammar import Grammar, grammar
from dashboard.extract.figures_rates import material_rate, rate_at
from dashboard.extract.numbers import (
    Number,
    duration_before,
    has_article,
    number_at,
    plain_year,
    range_after,
)
from dashboard.extract.phrases import (
    Edge,
    OutOfWindow,
    Token,
    adjacent,
    joined,
    tokenize,
    word_tokens,
)
from dashboard.extract.positions import positions
from dashboard.extract.spans import in_order
from dashboard.model import Document, Mention
from dashboard.text import Normalised, Split, normalise, split_words

MAX_PLAIN_DIGITS = 12  # longer digit runs are phone numbers or identifiers
DURATIONS = frozenset({"year", "month", "week", "day", "hour"})
# A count, a percent or money "of" something names a share or a purpose ("5 pct of output a
# year"), not what a quantity is of: no rate after it.
NOT_MATERIAL = frozenset({"count", "percent", "points", *DURATIONS})


def extract(doc: Document) -> list[Mention]:
    """Figures of a document, in text order."""
    g = grammar(doc.lang)
    norm = normalise(doc.text)
    found: list[tuple[Mention, int]] = []  # each figure and the token after it
    try:
        _read(g, norm, *_windows(g, norm.text), found)
    except (OutOfWindow, AttributeError):  # compiled, an edge's unset field raises the latter
        found = []  # a figure ran past its window (rare): read the whole token stream
        toks = tokenize(norm.text)
        _read(g, norm, toks, _starts(g, toks), found)
    mentions = [m for m, _ in found]
    _bare_billions_as_money(mentions)
    return in_order(mentions)  # (most documents' figures come apart and in text order)


# A bare scaled amount this large ("pérdidas de 8.700 millones", "بنحو 159 مليارا") that no
# currency shortly before names (`_recent_currency`) is money when every money figure of the
# document is in one currency: things are counted with their noun, not in bare billions.
BARE_MONEY_MIN = 1e9


def _bare_billions_as_money(mentions: list[Mention]) -> None:
    """Give the document's only currency to its bare counts of a billion or more (in place)."""
    codes = {str(m.attrs["unit"]) for m in mentions if _money(str(m.attrs["unit"]))}
    if len(codes) != 1:
        return
    code = codes.pop()
    for m in mentions:
        a = m.attrs
        if a["unit"] == "count" and not a["object"] and float(a["value"]) >= BARE_MONEY_MIN:
            a["unit"] = code


def _read(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    starts: list[int],
    found: list[tuple[Mention, int]],
) -> None:
    """Add the figures that start at `starts` (indices into toks) to `found`."""
    i = 0  # the token after the last figure: figures do not overlap
    duals = g.dual_counts.peeled_firsts  # most starts are digits: no dual noun starts there
    for k in starts:
        if k < i:
            continue
        dual = _dual_count_at(g, norm, toks, k) if toks[k].text in duals else None
        got = dual or _figure_at(g, norm, toks, k, found)
        if got is not None:
            found.append(got)
            i = got[1]


# Most tokens are far from any number: the grammar reads windows of tokens around the words
# a figure can start in (seeds), a few words either side. A window reaches this many words
# before its first seed, so that a figure of an earlier window is never one `_inherited`
# compares with (a figure's tokens and the seed are then more than 3 tokens apart) ...
BEFORE_WORDS = 4
# ... and this many after its last seed: enough for the longest figures ("5 ملايين برميل من
# النفط الخام يوميا", a rate after what it is of), which would otherwise read past the window
# and have the whole document read again.
AFTER_WORDS = 7
# The tokens beyond a window are stood for by this many edges: more than any look-ahead of
# the grammar by index alone (phrases of up to 5 tokens, "the third token on"), so that every
# test that would reach past the window reads an edge first.
EDGE_TOKENS = 8


# Reading an edge raises: the document then needs its whole token stream.
_EDGES: list[Token] = [Edge()] * EDGE_TOKENS


def _windows(g: Grammar, text: str) -> tuple[list[Token], list[int]]:
    """(tokens, figure starts) of the windows around the seeds, in text order; edges stand
    between windows and at a window's end short of the text's, so that the grammar cannot
    run past a window unnoticed.

    The windows hold the same tokens as the whole text's stream: they are cut at the start
    or end of a word of letters only (`text.split_words`), where no token runs across. They
    hold every figure start (a token with digits or a starter word lies in a seed; a word
    that needs a second word is a seed only where one may follow), and do not overlap: seeds
    closer than the two margins share a window.
    """
    if g.longest_phrase >= EDGE_TOKENS:
        raise OutOfWindow  # a phrase test could skip the edges unread (a lexicon change)
    split = split_words(text)
    alpha = list(map(str.isalpha, split.words))  # (a C call per word, no method look-up)
    seeds = _seeds(g, split, alpha)
    groups = _groups(seeds, BEFORE_WORDS + AFTER_WORDS)
    last_word = len(split.words) - 1
    out = [] if not groups or groups[0][0] <= BEFORE_WORDS else list(_EDGES)
    starts: list[int] = []  # indices into out
    n = 0  # the group's first seed
    for first, last in groups:
        k = len(out)  # the window's first token
        end = min(last + AFTER_WORDS, last_word)
        out += word_tokens(text, split, alpha, max(first - BEFORE_WORDS, 0), end)
        # Only a seed's own tokens (most often the seed alone) may start a figure.
        while n < len(seeds) and seeds[n] <= last:
            w = seeds[n]
            while k < len(out) and out[k].start < split.starts[w]:
                k += 1
            _starts_in(g, out, k, split.ends[w], starts)
            n += 1
        if end < last_word:
            out += _EDGES
    return out, starts


def _starts_in(g: Grammar, toks: list[Token], k: int, end: int, out: list[int]) -> None:
    """Add the figure starts (as `_starts`) among the tokens from k that start before `end`
    to `out`."""
    while k < len(toks) and toks[k].start < end:
        tok = toks[k]
        if tok.kind == "num" or (
            tok.text in g.starter_forms
            and (
                tok.text in g.lone_starters
                or (k + 1 < len(toks) and toks[k + 1].text in g.second_words)
            )
        ):
            out.append(k)
        k += 1


def _seeds(g: Grammar, split: Split, alpha: list[bool]) -> list[int]:
    """The words a figure can start in: starter words, and words with a non-letter (digits):
    those not `alpha`."""
    words = split.words
    forms = g.starter_forms
    # A comprehension: cheaper than a map of the probes, compiled or not.
    seeds = [w for w, word in enumerate(words) if not alpha[w] or word in forms]
    # "la" (of "la mitad", frequent) and "a" (of "a half") start a figure only before a
    # second word: alone, they would spread windows over most of a Spanish text.
    needy = g.needs_second
    drop = {w for w in seeds if words[w] in needy and not _second_may_follow(g, split, w)}
    return [w for w in seeds if w not in drop] if drop else seeds


def _second_may_follow(g: Grammar, split: Split, w: int) -> bool:
    """Whether the token after word w may be one of the grammar's second words: the first
    non-space character between it and the next word (a one-character token), else the next
    word's first token (the word itself when it is all letters)."""
    if w + 1 >= len(split.words) or not split.words[w].isalpha():
        return True  # the text after the last word, or the word's tokens: not at hand here
    first = split.gaps[w].lstrip()[:1]
    if first:
        return first in g.second_words
    nxt = split.words[w + 1]
    return nxt in g.second_words or not nxt.isalpha()


def _groups(seeds: list[int], gap: int) -> list[tuple[int, int]]:
    """(first, last) of each run of seeds at most `gap` words apart."""
    out: list[tuple[int, int]] = []
    if not seeds:
        return out
    first = prev = seeds[0]
    for s in seeds:
        if s - prev > gap:
            out.append((first, prev))
            first = s
        prev = s
    out.append((first, prev))
    return out


_TEXT = attrgetter("text")
_KIND = attrgetter("kind")


def _starts(g: Grammar, toks: list[Token]) -> list[int]:
    """Digits, a number word, a dual or a scale: the only tokens a figure can start at."""
    # No Python step per token: a set probe finds the starter words, list.index the numbers.
    words = list(compress(count(), map(g.starter_forms.__contains__, map(_TEXT, toks))))
    # A word that only begins longer phrases ("la" of "la mitad", frequent) starts a figure
    # only before one of their second words.
    last = len(toks) - 1
    words = [
        k
        for k in words
        if toks[k].text in g.lone_starters or (k < last and toks[k + 1].text in g.second_words)
    ]
    nums = positions(list(map(_KIND, toks)), "num")
    return sorted(words + nums) if words and nums else words or nums


def _mention(norm: Normalised, start: int, end: int, attrs: dict[str, object]) -> Mention:
    a, b = norm.span(start, end)
    return Mention("figures", a, b, norm.original[a:b], attrs)


def _dual_count_at(
    g: Grammar, norm: Normalised, toks: list[Token], i: int
) -> tuple[Mention, int] | None:
    """An Arabic dual noun counts two: "أطلق صاروخين" is 2 missiles, "شهرين" 2 months."""
    got = g.dual_counts.match(norm, toks, i)
    if got is None or has_article(norm, toks[i], got[2]):
        return None
    (unit, obj), j, start = got
    attrs: dict[str, object] = {
        "value": 2.0,
        "low": None,
        "high": None,
        "unit": unit,
        "per": "",
        "approx": False,
        "object": obj,
    }
    return _mention(norm, start, toks[j - 1].end, attrs), j


def _figure_at(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    i: int,
    before: list[tuple[Mention, int]],
) -> tuple[Mention, int] | None:
    num = number_at(g, norm, toks, i)
    if num is None or _rejected_context(g, norm, toks, num):
        return None
    low, high, j, scaled = num.value, None, num.end, num.has_scale
    # Below, most helpers are asked only past their first test, a set probe of a neighbouring
    # token: most figures have no range, fraction or rate (a call costs more than the probe).
    n = len(toks)
    rng = range_after(g, norm, toks, num) if j + 1 < n and toks[j].text in g.range_middle else None
    if rng is not None:
        low, second = rng
        high, j, scaled = second.value, second.end, scaled or second.has_scale
    last = before[-1] if before else None
    noun = _duration_noun(g, norm, toks, num) if rng is None and num.from_words else None
    near_last = last is not None and num.start - last[1] <= 3
    measured = (
        (noun, "", "", 1.0, j)
        if noun is not None
        else (_inherited(g, norm, toks, num, j, last) if near_last else None)
        or _measured(g, norm, toks, num, j, scaled, before)
    )
    if measured is None and rng is None and _from_to(g, toks, num):
        measured = _falling_to(g, norm, toks, num, before)
    if measured is None:
        return None
    unit, obj, per, mult, j = measured
    if (
        num.from_words
        and num.value == 1
        and not scaled
        and rng is None  # "one to three days" is a range
        and (unit == "count" or unit in DURATIONS)
    ):
        return None  # "un año", "one day": an article, not a quantity
    # A fraction after the unit starts with a joiner: "ونصف", "y medio".
    with_joiner = high is None and j < n and toks[j].text[0] in g.joiners
    half = _fraction_after(g, norm, toks, j) if with_joiner else None
    if half is not None:
        low, j = low + half[0], half[1]
    if rng is None and not scaled and unit != "count" and _is_calendar_year(num, toks, unit):
        return None
    rate = rate_at(g, norm, toks, j) if j < n and toks[j].text in g.per.peeled_firsts else None
    if rate is None and unit not in NOT_MATERIAL and not _money(unit):
        rate = material_rate(g, norm, toks, j)  # "barrels of crude daily"
        rate = rate if rate is not None and rate[0] in DURATIONS else None  # not "per barrel"
    if rate is not None:
        per, j = rate
    start, approx = _start(g, norm, toks, num, rng is not None, unit)
    if noun is not None:
        start = toks[num.start - 1].start  # the noun is the figure's unit
    value = low * mult
    attrs: dict[str, object] = {  # (a literal: no keyword arguments to collect)
        "value": value,
        "low": value if high is not None else None,
        "high": high * mult if high is not None else None,
        "unit": unit,
        "per": per,
        "approx": approx,
        "object": obj,
    }
    return _mention(norm, start, toks[j - 1].end, attrs), j


def _money(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()  # currency codes: "USD", "EUR"


def _falling_to(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    num: Number,
    before: list[tuple[Mention, int]],
) -> tuple[str, str, str, float, int] | None:
    """(unit, object, per, multiplier, next token) of a bare number that falls to a figure:
    "from 18 to 11 hours", "من 18 إلى 11 ساعة" change 18 hours to 11. A rise is a range instead
    (`range_after`), so only a fall is read here; the figure after keeps its own reading."""
    i, j = num.start, num.end
    if i == 0 or j + 1 >= len(toks) or plain_year(toks[i]):
        return None  # "from 2021 to 5 percent": a year, no figure
    if (toks[i - 1].text, toks[j].text) not in g.changes_from_to:
        return None
    if not (joined(norm.text, toks[i - 1], toks[i]) and joined(norm.text, toks[j - 1], toks[j])):
        return None
    second = number_at(g, norm, toks, j + 1)
    if second is None or not second.value or not joined(norm.text, toks[j], toks[j + 1]):
        return None
    got = _figure_at(g, norm, toks, j + 1, before)
    if got is None or got[0].attrs["high"] is not None:
        return None
    attrs = got[0].attrs
    unit = str(attrs["unit"])
    if unit in g.changes_not_for_units:
        return None
    # "from 18 to 11 million": the scale applies to both, as in a range.
    scale = second.value / second.unscaled if second.has_scale and not num.has_scale else 1.0
    if not second.unscaled or num.value * scale <= second.value:
        return None  # not a fall
    mult = float(str(attrs["value"])) / second.value * scale  # "from 50 to 40 cts": cents
    return unit, str(attrs["object"]), str(attrs["per"]), mult, j


def _from_to(g: Grammar, toks: list[Token], num: Number) -> bool:
    """Whether the words of "from N to" stand around the number (`_falling_to`'s probe)."""
    i, j = num.start, num.end
    return i > 0 and j + 1 < len(toks) and (toks[i - 1].text, toks[j].text) in g.changes_from_to


def _measured(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    num: Number,
    j: int,
    scaled: bool,
    before: list[tuple[Mention, int]],
) -> tuple[str, str, str, float, int] | None:
    """(unit, object, per, multiplier, next token) of what the number measures, if anything."""
    if (
        scaled
        and j + 1 < len(toks)
        and toks[j].text in g.connectors
        and joined(norm.text, toks[j - 1], toks[j])
    ):
        j += 1  # "millones de dólares", "millones de personas"
    after = g.after.match(norm, toks, j, peel=False) if j < len(toks) else None
    if after is not None and joined(norm.text, toks[j - 1], toks[j]):
        kind, what, per, mult = after[0]
        if kind == "count":
            if num.fraction and not scaled:
                return None
            if what == g.multiplier_object and _multiplier(g, norm, toks, num, after[1]):
                return None
            return "count", what, per, mult, after[1]
        word = norm.text[toks[j].start : toks[after[1] - 1].end]
        return _currency_in_context(g, norm, word) or what, "", per, mult, after[1]
    if toks[j - 1].text in g.connectors:
        j -= 1
    cur_before = _currency_before(g, norm, toks, num)
    if cur_before is not None:
        symbol = norm.text[cur_before[2] : toks[num.start - 1].end]
        return _currency_in_context(g, norm, symbol) or cur_before[0], "", "", 1.0, j
    if num.fraction or num.bare_scale:
        return None
    # Below, as in `_figure_at`, a helper is asked only past a set probe of its first test.
    n = len(toks)
    hyphened = _hyphen_compound(g, norm, toks, num, j) if g.plural_suffixes else None
    if hyphened is not None:
        return hyphened
    if _counted_noun(g, norm, toks, j, num):
        noun = norm.original[slice(*norm.span(toks[j].start, toks[j].end))]
        return "count", noun, "", 1.0, j + 1
    if (
        g.plural_suffixes
        and _counted_noun(g, norm, toks, j + 1, num)
        and _adjective(g, norm, toks, j)
    ):
        noun = norm.original[slice(*norm.span(toks[j].start, toks[j + 1].end))]
        return "count", noun, "", 1.0, j + 2  # "12 new berths", "12 other firms"
    if (
        scaled
        and toks[j].text in g.connectors
        and joined(norm.text, toks[j - 1], toks[j])
        and _counted_noun(g, norm, toks, j + 1, num)
    ):
        noun = norm.original[slice(*norm.span(toks[j + 1].start, toks[j + 1].end))]
        return "count", noun, "", 1.0, j + 2  # "dos millones de turistas"
    others = _others(g, norm, toks, j, num, before) if j < n and toks[j].text in g.others else None
    if others is not None:
        return ("count", others, "", 1.0, j + 1) if others else None
    of = not scaled and j < n and toks[j].text in g.part_of.firsts
    part = _part_of(g, norm, toks, num, j, before) if of else None
    if part is not None:
        return "count", part, "", 1.0, j  # before "otras 16": "de las 24 provincias" says what
    i = num.start
    of = i > 0 and toks[i - 1].text in g.others_before.lasts
    others = _others_before(g, norm, toks, num, before) if of else None
    if others is not None:
        return ("count", others, "", 1.0, j) if others else None
    if scaled:
        counted = _count_cue_before(g, toks, num)
        if counted:
            return "count", counted, "", 1.0, j  # "a population of 168 million"
        # "pérdidas de 8.700 millones" in a story about euros; "نحو 40 ألفا" counts people.
        return _recent_currency(norm, toks[num.start].start, before) or "count", "", "", 1.0, j
    return None


COUNT_CUE_TOKENS = 4  # how far before a bare scaled number a count cue ("population") stands


def _count_cue_before(g: Grammar, toks: list[Token], num: Number) -> str:
    """The object a count cue a few tokens before the number names ("population of"), or ""."""
    for k in range(num.start - 1, max(num.start - 1 - COUNT_CUE_TOKENS, -1), -1):
        text = toks[k].text
        if text in SENTENCE_MARKS:
            break
        if text in g.count_cues_before:
            return g.count_cues_before[text]
    return ""


RECENT_MONEY_CHARS = 600  # how far back a bare "8.700 millones" looks for its currency
RECENT_COUNT_CHARS = 250  # how far back "22 أخرى" looks for what it counts
SENTENCE_MARKS = frozenset(".!?؟;؛\n")


def _others(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    j: int,
    num: Number,
    before: list[tuple[Mention, int]],
) -> str | None:
    """What "5 آخرون", "22 أخرى" (others) or "23 منها" (of them) count: the object of the count
    just before in the sentence ("45 كراكة، 23 منها"), else the word's own ("آخرون" are people);
    "" when neither is known. None when no such word follows the number."""
    if j >= len(toks) or num.fraction or num.value < 2 or toks[j].text not in g.others:
        return None
    if not joined(norm.text, toks[j - 1], toks[j]):
        return None
    if num.has_scale:
        # "50 ألفا آخرين" are people; "4 مليارات أخرى" is money or a bare count: the scale
        # decides, as a count before it may be of something else.
        return g.others[toks[j].text] or None
    return _recent_count(norm, toks, num, before) or g.others[toks[j].text]


def _others_before(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    num: Number,
    before: list[tuple[Mention, int]],
) -> str | None:
    """What "a otras 96" or "de las que 85.000" (of which) counts: the object of the count just
    before in the sentence ("" when there is none). None when no such words stand before."""
    if num.start == 0 or num.fraction or num.has_scale or num.value < 2:
        return None
    if g.others_before.match_ending(norm, toks, num.start) is None:
        return None
    if not joined(norm.text, toks[num.start - 1], toks[num.start]):
        return None
    if _is_calendar_year(num, toks, "count"):
        return None
    return _recent_count(norm, toks, num, before)


def _part_of(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    num: Number,
    j: int,
    before: list[tuple[Mention, int]],
) -> str | None:
    """What "16 de las 24 provincias", "12 of the 15 banks" count: a bare number that is part of
    a larger count right after it counts that count's object."""
    if num.fraction or num.value < 2 or j >= len(toks) or _is_calendar_year(num, toks, "count"):
        return None
    got = g.part_of.match(norm, toks, j, peel=False)
    if got is None or got[1] >= len(toks) or not joined(norm.text, toks[j - 1], toks[j]):
        return None
    k = got[1]
    if toks[k].kind != "num" or not joined(norm.text, toks[k - 1], toks[k]):
        return None
    whole = _figure_at(g, norm, toks, k, before)
    if whole is None or whole[0].attrs["unit"] != "count" or whole[0].attrs["high"] is not None:
        return None
    obj = str(whole[0].attrs["object"])
    value = float(str(whole[0].attrs["value"]))
    return obj if obj and num.value < value else None


def _recent_count(
    norm: Normalised, toks: list[Token], num: Number, before: list[tuple[Mention, int]]
) -> str:
    """The object of the nearest count shortly before the number in its sentence, or ""."""
    here = norm.index[toks[num.start].start]
    for m, _ in reversed(before):
        gap = norm.original[m.end : here]
        if len(gap) > RECENT_COUNT_CHARS or not SENTENCE_MARKS.isdisjoint(gap):
            break
        if m.attrs["unit"] == "count" and m.attrs["object"]:
            return str(m.attrs["object"])
    return ""


def _multiplier(g: Grammar, norm: Normalised, toks: list[Token], num: Number, j: int) -> bool:
    """Whether "N times" ending before token j multiplies ("أرخص بأربع مرات", "10 times their
    size", "300 veces más", "أسرع 1.9 مرة") rather than counts occasions ("tried three times")."""
    if num.value < 2 or num.value % 1:
        return True  # no count of occasions: "1.9 مرة" multiplies
    first = toks[num.start]
    peeled = norm.text[first.start : max(num.char_start, first.start)]  # "بأربع"
    if peeled in g.multiplier_before:
        return True
    prev = toks[num.start - 1] if num.start > 0 else None
    if prev is not None and prev.text in g.multiplier_before and joined(norm.text, prev, first):
        return True  # "بـ4 مرات", "أسرع 3 مرات"
    if j < len(toks) and toks[j].text in g.multiplier_after:
        return joined(norm.text, toks[j - 1], toks[j])
    return False


def _recent_currency(norm: Normalised, start: int, before: list[tuple[Mention, int]]) -> str:
    """The currency of the nearest money figure shortly before a normalised offset."""
    here = norm.index[start]
    for m, _ in reversed(before):
        unit = str(m.attrs["unit"])
        if here - m.end > RECENT_MONEY_CHARS:
            break
        if _money(unit):
            return unit
    return ""


def _fraction_after(
    g: Grammar, norm: Normalised, toks: list[Token], j: int
) -> tuple[float, int] | None:
    """A fraction joined after the unit adds to the number: "خمسة أعوام ونصف" is 5.5 years."""
    if j >= len(toks):
        return None
    got = g.numbers.match(norm, toks, j)  # before joined: it rules out most words
    if got is None or got[2] == toks[j].start or norm.text[toks[j].start] not in g.joiners:
        return None
    if not joined(norm.text, toks[j - 1], toks[j]):
        return None
    phrase = norm.text[got[2] : toks[got[1] - 1].end]
    return (got[0], got[1]) if phrase in g.fractions else None


def _duration_noun(g: Grammar, norm: Normalised, toks: list[Token], num: Number) -> str | None:
    """The unit of "السنوات السبع" (a duration noun, then a number word, both with the article):
    the number follows what it counts as an adjective, and counts it."""
    if not num.from_words or num.has_scale:
        return None
    unit = duration_before(g, norm, toks, num.start)
    if unit is None or not has_article(norm, toks[num.start], num.char_start):
        return None
    return unit


def _inherited(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    num: Number,
    j: int,
    last: tuple[Mention, int] | None,
) -> tuple[str, str, str, float, int] | None:
    """A bare number compared with the figure just before it takes that figure's unit.

    "cut to 5.5 pct from 6.2", "3.1 billion stg from 2.9 billion": 6.2 is percent, 2.9e9 GBP.
    """
    if last is None or num.start - last[1] > 3 or num.start == 0:
        return None
    nxt = toks[j] if j < len(toks) and joined(norm.text, toks[j - 1], toks[j]) else None
    if nxt is not None and (
        (nxt.kind == "word" and nxt.text not in g.not_counted)
        or g.after.match(norm, toks, j, peel=False)
    ):
        return None  # the number has a unit ("3.5%") or a counted noun of its own
    if g.comparison_before.match_ending(norm, toks, num.start) is None:
        return None
    if _is_calendar_year(num, toks, "count"):
        return None  # "1.5% for the years from 2015", "el 15% del beneficio de 2019": a year
    if any(t.kind == "sym" and t.text in ".;:!?؟" for t in toks[last[1] : num.start]):
        return None
    m = last[0].attrs
    if m["unit"] in DURATIONS:
        return None  # "in the first 20 days ... to 10.91 billion" compares no days
    if m["unit"] == "percent" and (num.has_scale or _a_change(g, norm, toks, last)):
        return None  # "fell 3.2 pct to 7.33 billion", "by 24.3% from 703": levels, not percents
    return str(m["unit"]), str(m["object"]), str(m["per"]), 1.0, j


def _a_change(g: Grammar, norm: Normalised, toks: list[Token], last: tuple[Mention, int]) -> bool:
    """Whether a change word stands right before the figure `last` ("by 24.3 percent")."""
    k = last[1] - 1
    while k > 0 and norm.index[toks[k].start] > last[0].start:
        k -= 1  # back to the figure's first token (a few tokens at most)
    return k > 0 and toks[k - 1].text in g.change_before


def _start(
    g: Grammar,
    norm: Normalised,
    toks: list[Token],
    num: Number,
    is_range: bool,
    unit: str,
) -> tuple[int, bool]:
    """Where the figure's span starts (currency, range word, approximation) and whether approx."""
    first = num.start
    cur_before = _currency_before(g, norm, toks, num)
    if cur_before is not None:
        first = cur_before[1]
    start = cur_before[2] if cur_before is not None else max(num.char_start, toks[first].start)
    if is_range:
        k = first - 1
        if k > 0 and toks[k].text in g.range_fillers:
            k -= 1
        if k >= 0 and toks[k].text in g.range_before and joined(norm.text, toks[k], toks[k + 1]):
            first = k
            start = toks[first].start
    approx = (
        g.approx.match_ending(norm, toks, first)
        if first > 0 and toks[first - 1].text in g.approx.lasts
        else None
    )
    if approx is None or not joined(norm.text, toks[first - 1], toks[first]):
        return start, False
    word = norm.text[approx[2] : toks[first - 1].end]
    if unit in DURATIONS and word in g.approx_not_for_durations:
        return start, False
    return approx[2], True


def _currency_before(
    g: Grammar, norm: Normalised, toks: list[Token], num: Number
) -> tuple[str, int, int] | None:
    """The currency phrase that ends right before the number ("$", "US$"), if any: (code,
    first token, normalised start). Probed before the table's call (most numbers have none)."""
    i = num.start
    if i == 0 or toks[i - 1].text not in g.currency_before.lasts:
        return None
    return g.currency_before.match_ending(norm, toks, i)


def _currency_in_context(g: Grammar, norm: Normalised, word: str) -> str:
    """The currency a shared word names in this document (ريال in a Qatari story is QAR)."""
    codes = g.currency_context.get(word)
    if not codes:
        return ""
    # Memoised per text: a text full of "$5" would otherwise recount its cues once per figure.
    memo = _contexts_of(norm.text)
    key = (g.lang, word)
    if key not in memo:
        counts = {code: sum(map(norm.text.count, cues)) for code, cues in codes.items()}
        best = max(counts, key=lambda c: counts[c])
        memo[key] = best if counts[best] else ""
    return memo[key]


@lru_cache(maxsize=2)  # two texts at most: the cache must not keep a corpus alive
def _contexts_of(text: str) -> dict[tuple[str, str], str]:
    return {}


def _rejected_context(g: Grammar, norm: Normalised, toks: list[Token], num: Number) -> bool:
    """Dates, times, model designations, identifiers and ordinals, told by their neighbours."""
    first = toks[num.start]
    prev = toks[num.start - 1] if num.start > 0 else None
    if (
        prev is not None
        and (
            prev.text in g.designation_before  # Boeing 737, إس 400
            or (num.from_words and prev.text in g.definite_before)  # "the two leaders" refers
        )
        and joined(norm.text, prev, first)
    ):
        return True
    if (
        prev is not None
        and first.text in g.teen_tails
        and prev.text in g.teen_heads
        and joined(norm.text, prev, first)
    ):
        return True  # "بالمرتبة الخامسة عشرة", "الخمسة عشر": a teen's second half, not 10
    if (
        prev is not None
        and prev.text in g.identifier_before.lasts
        and g.identifier_before.match_ending(norm, toks, num.start) is not None
    ):
        return True  # المادة 12, Article 5
    if (
        g.proper_name_case
        and _between_capitals(norm, toks, num)
        and not _measures(g, norm, toks, num)
    ):
        return True  # "Movimiento 5 Estrellas", "Apollo 11 Mission"
    if first.kind != "num":
        return False
    text = first.text
    # (A string of at most that many characters has no more digits: no copy to count them.)
    if (
        len(text) > MAX_PLAIN_DIGITS
        and len(text.replace(",", "").replace(".", "")) > MAX_PLAIN_DIGITS
    ):
        return True  # a phone number or an identifier
    if text[0] == "0" and text[:2] not in "0.0," and not num.mark_decimal:
        return True  # a leading zero
    if norm.odd and _dash_after(norm, toks, num):
        return True  # "2 ـ تعيين فلان": an item of a list
    if prev is not None and prev.end == first.start:  # (adjacent, inline: most candidates)
        if prev.kind == "sym" and prev.text in "-/:.#" and num.start > 1:
            before = toks[num.start - 2]
            if adjacent(before, prev) and before.kind in ("num", "word"):
                return True  # 2025-11-01, 10:30, F-16, سو-30
        if prev.kind == "word" and prev.text.isascii():
            return True  # MK2, G20, Q3 (an Arabic word run on to digits is a typo: "بنسبة2")
    nxt = toks[num.start + 1] if num.start + 1 < len(toks) else None
    if nxt is None or first.end != nxt.start or num.end != num.start + 1:
        return False  # (not adjacent)
    after = toks[num.start + 2] if num.start + 2 < len(toks) else None
    if nxt.text in "/:" and after is not None and after.kind == "num" and adjacent(nxt, after):
        return True  # 1/11/2025, 10:30
    if nxt.text == "-" and after is not None and after.kind == "num" and adjacent(nxt, after):
        third = toks[num.start + 3] if num.start + 3 < len(toks) else None
        if third is not None and third.text == "-" and adjacent(after, third):
            return True  # 2025-11-01
    return nxt.kind == "word" and g.after.match(norm, toks, num.start + 1, peel=False) is None


TATWEEL = "\u0640"


def _dash_after(norm: Normalised, toks: list[Token], num: Number) -> bool:
    """Whether a tatweel stands between the number and the next word ("2 ـ تعيين"): a dash
    that normalisation drops, so that the two would read as joined."""
    if not norm.odd or num.end >= len(toks):
        return False  # (no dropped character in the text: most texts)
    a = norm.index[toks[num.end - 1].end - 1] + 1
    b = norm.index[toks[num.end].start]
    return TATWEEL in norm.original[a:b]


def _measures(g: Grammar, norm: Normalised, toks: list[Token], num: Number) -> bool:
    """Whether a unit, currency or scale word follows the number."""
    j = num.end
    return j < len(toks) and g.after.match(norm, toks, j, peel=False) is not None


def _between_capitals(norm: Normalised, toks: list[Token], num: Number) -> bool:
    if num.start == 0 or num.end >= len(toks):
        return False
    prev, nxt = toks[num.start - 1], toks[num.end]
    if prev.kind != "word" or nxt.kind != "word":
        return False
    before = norm.original[slice(*norm.span(prev.start, prev.end))]
    after = norm.original[norm.index[nxt.start]]
    if before.isupper() and len(before) > 1:
        return False  # an all-capitals headline: "OUTPUT AT 3.5 MLN BPD"
    sentence_start = num.start < 2 or toks[num.start - 2].text in ".!?"
    return before[:1].isupper() and after.isupper() and not sentence_start


def _hyphen_compound(
    g: Grammar, norm: Normalised, toks: list[Token], num: Number, j: int
) -> tuple[str, str, str, float, int] | None:
    """ "a three-month high", "the 13-nation group": number-noun compounds (English)."""
    if not g.plural_suffixes or j + 1 >= len(toks) or toks[j].text != "-":
        return None
    word = toks[j + 1]
    if not (adjacent(toks[j - 1], toks[j]) and adjacent(toks[j], word)) or word.kind != "word":
        return None
    if num.value < 2 or word.text in g.not_counted or len(word.text) < 2:
        return None  # (a letter names a day or an event: "el 11-M", "the 9-D vote")
    after = g.after.match(norm, toks, j + 1, peel=False)
    if after is not None and after[0][0] == "unit":
        _, unit, per, mult = after[0]
        return unit, "", per, mult, after[1]
    noun = norm.original[slice(*norm.span(word.start, word.end))]
    return "count", noun, "", 1.0, j + 2


def _adjective(g: Grammar, norm: Normalised, toks: list[Token], j: int) -> bool:
    """A lower-case word between a number and a plural noun (English and Spanish)."""
    if not g.plural_suffixes or j + 1 >= len(toks) or toks[j].kind != "word":
        return False
    if toks[j].text in g.not_counted or g.after.match(norm, toks, j, peel=False) is not None:
        return False
    first = norm.original[norm.index[toks[j].start]]
    return first.islower() and joined(norm.text, toks[j - 1], toks[j])


def _counted_noun(g: Grammar, norm: Normalised, toks: list[Token], j: int, num: Number) -> bool:
    """A number followed by a plain noun counts it: "14 مجموعة", "672 mil cuentas"."""
    if j >= len(toks):
        return False
    tok = toks[j]
    if tok.kind != "word" or tok.text in g.not_counted or len(tok.text) < 2:
        return False
    if tok.text in g.others or tok.text in g.adjectives_before:
        return False  # "5 آخرون" (`_others`), "16 grandes manifestaciones" (`_adjective`)
    if tok.text[0] in g.joiners and tok.text[1:] in g.not_counted:
        return False  # "وكان", "وعلى": a conjunction starts the next clause
    if not joined(norm.text, toks[j - 1], tok):
        return False
    if num.value < 2 or _is_calendar_year(num, toks, "count"):
        return False
    if g.per.match(norm, toks, j) is not None:
        return False  # "13 ملياراً سنوياً": a rate follows, not what is counted
    if g.plural_suffixes and not tok.text.endswith(g.plural_suffixes):
        return False  # "2014 llegó", "1987 current": a verb or adjective follows, not a noun
    if tok.text.startswith(g.definite_prefixes):
        return False  # "1 الملكيات", "208.7 للخدمات": a definite word is not what is counted
    return not _list_number(norm, toks, num)


def _list_number(norm: Normalised, toks: list[Token], num: Number) -> bool:
    """Whether a number starts a line of a numbered list ("\n2 تعيين فلان ... \n3 تعيين"):
    a small integer at the start of a line, with the number before or after it starting
    another line. (A line "20 شخصا قتلوا" has no such neighbours.)"""
    first = toks[num.start]
    if num.end != num.start + 1 or not first.text.isdigit() or len(first.text) > 2:
        return False
    text = norm.text
    if text[text.rfind("\n", 0, first.start) + 1 : first.start].strip():
        return False
    lines = _line_numbers(text)
    value = int(first.text)
    return value - 1 in lines or value + 1 in lines


# A small integer at the start of a line, not the first digits of a longer number ("10.5").
_LINE_NUMBER = re.compile(r"^[^\S\n]*+(\d{1,2})(?![\d.,])", re.MULTILINE)


@lru_cache(maxsize=2)  # two texts at most: the cache must not keep a corpus alive
def _line_numbers(text: str) -> frozenset[int]:
    """The small integers that start a line of the text."""
    return frozenset(map(int, _LINE_NUMBER.findall(text)))


def _is_calendar_year(num: Number, toks: list[Token], unit: str) -> bool:
    """A bare four-digit 1800-2100 with no unit of measure is a year, not a quantity."""
    tok = toks[num.start]
    plain = tok.kind == "num" and tok.text.isdigit() and len(tok.text) == 4
    return plain and 1800 <= num.value <= 2100 and unit in ("", "count", "year", "month", "day")

"""Figures: quantities with their unit, rate, approximation and range, fully expanded.

A figure is [approximation] [currency] NUMBER [scale...] [range] UNIT-or-COUNTED-NOUN [rate].
Years, dates, clock times, model designations ("سو-30", "F-16"), identifiers and ordinals are
rejected from the shape of their context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from dashboard.extract.numbers import parse_digits
from dashboard.extract.phrases import PhraseTable, Token, adjacent, joined, tokenize
from dashboard.extract.spans import filter_spans
from dashboard.lexicon import load, proclitics
from dashboard.model import Document, Mention
from dashboard.text import Normalised, fold, normalise

MAX_PLAIN_DIGITS = 12  # longer digit runs are phone numbers or identifiers


@dataclass(frozen=True)
class Grammar:
    """One language's figure lexicon compiled into phrase tables."""

    lang: str
    numbers: PhraseTable[float]
    fractions: frozenset[str]
    joiners: frozenset[str]
    scales: PhraseTable[float]
    duals: PhraseTable[float]
    approx: PhraseTable[bool]
    range_before: frozenset[str]
    range_middle: frozenset[str]
    currency_before: PhraseTable[str]
    after: PhraseTable[tuple[str, Any, Any, float]]  # (kind, unit|object, per, multiplier)
    per: PhraseTable[str]
    not_counted: frozenset[str]
    connectors: frozenset[str]  # between a scale and its unit: "millones de dólares"
    plural_suffixes: tuple[str, ...]  # a counted noun of a language that marks plurals
    dual_counts: PhraseTable[str]  # Arabic duals that count two things: صاروخين
    currency_context: dict[str, dict[str, tuple[str, ...]]]  # shared currency word -> code -> cues
    identifier_before: PhraseTable[bool]


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of a language (loaded once per process)."""
    data = load(lang, "figures")
    clitics = proclitics(lang)
    after: dict[str, tuple[str, Any, Any, float]] = {}
    for word, obj in data["count_nouns"].items():
        after[word] = ("count", obj, "", 1.0)
    for word, code in data["currency_after"].items():
        after[word] = ("money", code, "", 1.0)
    for word, unit in data["units"].items():
        unit, per, mult = (
            (unit + ["", 1.0][len(unit) - 1 :]) if isinstance(unit, list) else (unit, "", 1.0)
        )
        after[word] = ("unit", unit, per, float(mult))
    return Grammar(
        lang=lang,
        numbers=PhraseTable(data["number_words"], clitics),
        fractions=frozenset(fold(w) for w in data["fractions"]),
        joiners=frozenset(fold(w) for w in data["number_joiners"]),
        scales=PhraseTable(data["scales"]),
        duals=PhraseTable(data["dual_scales"], clitics),
        approx=PhraseTable(dict.fromkeys(data["approx"], True), clitics),
        range_before=frozenset(fold(b) for b, _ in data["ranges"] if b),
        range_middle=frozenset(fold(m) for _, m in data["ranges"]),
        currency_before=PhraseTable(data["currency_before"]),
        after=PhraseTable(after),
        per=PhraseTable(data["per"], clitics),
        not_counted=frozenset(fold(w) for w in data["not_counted"]),
        connectors=frozenset(fold(w) for w in data["unit_connectors"]),
        plural_suffixes=tuple(data["plural_suffixes"]),
        dual_counts=PhraseTable(data["dual_counts"], clitics),
        currency_context={
            fold(word): {code: tuple(fold(c) for c in cues) for code, cues in codes.items()}
            for word, codes in data["currency_context"].items()
        },
        identifier_before=PhraseTable(dict.fromkeys(data["identifier_before"], True), clitics),
    )


@dataclass
class _Number:
    value: float
    start: int  # token index of the first token
    end: int  # token index after the number (and its scales)
    from_words: bool
    has_scale: bool = False


def extract(doc: Document) -> list[Mention]:
    """Figures of a document."""
    g = grammar(doc.lang)
    norm = normalise(doc.text)
    toks = tokenize(norm.text)
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        got = _dual_count_at(g, norm, toks, i) or _figure_at(g, norm, toks, i)
        if got is None:
            i += 1
            continue
        mention, i = got
        found.append(mention)
    return filter_spans(found)


def _figure_at(
    g: Grammar, norm: Normalised, toks: list[Token], i: int
) -> tuple[Mention, int] | None:
    num = _number_at(g, norm, toks, i)
    if num is None or _rejected_context(g, norm, toks, num):
        return None
    low, high, j = num.value, None, num.end
    rng = _range_after(g, norm, toks, num)
    if rng is not None:
        second, j = rng
        high = second.value
        if second.has_scale and not num.has_scale:
            low *= second.value / _unscaled(g, norm, toks, second)
    # What is measured: a unit, a currency or a counted noun.
    cur_before = g.currency_before.match_ending(norm, toks, num.start)
    unit, per, obj, mult = "", "", "", 1.0
    if (
        num.has_scale
        and j + 1 < len(toks)
        and toks[j].text in g.connectors
        and joined(norm.text, toks[j - 1], toks[j])
        and g.after.match(norm, toks, j + 1, peel=False)
    ):
        j += 1
    after = g.after.match(norm, toks, j, peel=False) if j < len(toks) else None
    if after is not None and joined(norm.text, toks[j - 1], toks[j]):
        kind, what, per, mult = after[0]
        if kind == "count":
            unit, obj = "count", what
        else:
            word = norm.text[toks[j].start : toks[after[1] - 1].end]
            unit = _currency_in_context(g, norm, word) or what
        j = after[1]
    elif cur_before is not None:
        unit = cur_before[0]
    elif _counted_noun(g, norm, toks, j, num):
        unit, obj = "count", norm.original[slice(*norm.span(toks[j].start, toks[j].end))]
        j += 1
    else:
        return None
    if rng is None and unit != "count" and not num.has_scale and _is_calendar_year(num, toks, unit):
        return None
    if j < len(toks) and joined(norm.text, toks[j - 1], toks[j]):
        rate = _rate_at(g, norm, toks, j)
        if rate is not None:
            per, j = rate
    start = toks[num.start].start
    if cur_before is not None:
        start = cur_before[2]
    first = cur_before[1] if cur_before else num.start
    before_range = rng is not None and first > 0 and toks[first - 1].text in g.range_before
    if before_range and joined(norm.text, toks[first - 1], toks[first]):
        first -= 1
        start = toks[first].start
    approx = g.approx.match_ending(norm, toks, first)
    if approx is not None and not joined(norm.text, toks[first - 1], toks[first]):
        approx = None
    if approx is not None:
        start = approx[2]
    a, b = norm.span(start, toks[j - 1].end)
    value = low * mult
    attrs = {
        "value": value,
        "low": value if high is not None else None,
        "high": high * mult if high is not None else None,
        "unit": unit,
        "per": per,
        "approx": approx is not None,
        "object": obj,
    }
    return Mention("figures", a, b, norm.original[a:b], attrs), j


def _dual_count_at(
    g: Grammar, norm: Normalised, toks: list[Token], i: int
) -> tuple[Mention, int] | None:
    """An Arabic dual noun counts two: "أطلق صاروخين" is 2 missiles."""
    got = g.dual_counts.match(norm, toks, i)
    if got is None or _has_article(norm, toks[i], got[2]):
        return None
    obj, j, start = got
    a, b = norm.span(start, toks[j - 1].end)
    attrs = {
        "value": 2.0,
        "low": None,
        "high": None,
        "unit": "count",
        "per": "",
        "approx": False,
        "object": obj,
    }
    return Mention("figures", a, b, norm.original[a:b], attrs), j


def _currency_in_context(g: Grammar, norm: Normalised, word: str) -> str:
    """The currency a shared word names in this document (ريال in a Qatari story is QAR)."""
    codes = g.currency_context.get(word)
    if not codes:
        return ""
    counts = {code: sum(norm.text.count(c) for c in cues) for code, cues in codes.items()}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ""


def _number_at(g: Grammar, norm: Normalised, toks: list[Token], i: int) -> _Number | None:
    tok = toks[i]
    if tok.kind == "num":
        value = parse_digits(tok.text, g.lang)
        if value is None:
            return None
        num = _Number(value, i, i + 1, from_words=False)
    else:
        num = _word_number_at(g, norm, toks, i)
        if num is None:
            return None
    _apply_scales(g, norm, toks, num)
    return num


def _word_number_at(g: Grammar, norm: Normalised, toks: list[Token], i: int) -> _Number | None:
    dual = g.duals.match(norm, toks, i)
    if dual is not None and not _has_article(norm, toks[i], dual[2]):
        return _Number(dual[0], i, dual[1], from_words=True, has_scale=True)
    got = g.numbers.match(norm, toks, i)
    if got is None or _has_article(norm, toks[i], got[2]):
        return None
    value, j, _ = got
    # Compounds: "خمسة وعشرون", "twenty-five", "treinta y cinco", "three hundred".
    while j < len(toks):
        nxt = g.numbers.match(norm, toks, j)
        if nxt is not None and nxt[2] > toks[j].start and norm.text[toks[j].start] in g.joiners:
            value, j = value + nxt[0], nxt[1]
            continue
        if toks[j].text in g.joiners and j + 1 < len(toks):
            nxt = g.numbers.match(norm, toks, j + 1, peel=False)
            if nxt is not None and nxt[0] < value and joined(norm.text, toks[j], toks[j + 1]):
                value, j = value + nxt[0], nxt[1]
                continue
        nxt = g.numbers.match(norm, toks, j, peel=False)
        if nxt is not None and nxt[0] == 100 and value < 10:
            value, j = value * 100, nxt[1]
            continue
        break
    first = norm.text[got[2] : toks[got[1] - 1].end]
    return _Number(value, i, j, from_words=True, has_scale=first in g.fractions)


def _has_article(norm: Normalised, tok: Token, start: int) -> bool:
    """An Arabic number word with the article (الثلاث، الثاني) is an adjective or ordinal."""
    return norm.text[start : start + 2] == "ال" or "ال" in norm.text[tok.start : start]


def _apply_scales(g: Grammar, norm: Normalised, toks: list[Token], num: _Number) -> None:
    fraction = num.from_words and num.has_scale and num.value < 1
    num.has_scale = num.has_scale and not fraction
    while num.end < len(toks):
        prev, tok = toks[num.end - 1], toks[num.end]
        if not joined(norm.text, prev, tok):
            break
        got = g.scales.match(norm, toks, num.end, peel=False)
        # One-letter scales ("$5m", "20k") only count when written against the digits.
        if got is None or (len(tok.text) == 1 and not adjacent(prev, tok)):
            break
        num.value *= got[0]
        num.end = got[1]
        num.has_scale = True
    if fraction and not num.has_scale:
        num.value = float("nan")


def _unscaled(g: Grammar, norm: Normalised, toks: list[Token], num: _Number) -> float:
    tok = toks[num.start]
    if tok.kind == "num":
        return parse_digits(tok.text, g.lang) or 1.0
    got = g.numbers.match(norm, toks, num.start)
    return got[0] if got else 1.0


def _range_after(
    g: Grammar, norm: Normalised, toks: list[Token], num: _Number
) -> tuple[_Number, int] | None:
    j = num.end
    if j + 1 >= len(toks) or toks[j].text not in g.range_middle:
        return None
    if not joined(norm.text, toks[j - 1], toks[j]):
        return None
    # Arabic writes the joining "و" against the second number ("بين 10 و15").
    second = _number_at(g, norm, toks, j + 1)
    if second is None or second.from_words != num.from_words:
        return None
    if not joined(norm.text, toks[j], toks[j + 1]) or second.value <= num.value:
        return None
    return second, second.end


def _rejected_context(g: Grammar, norm: Normalised, toks: list[Token], num: _Number) -> bool:
    """Dates, times, model designations, identifiers and ordinals, told by their neighbours."""
    if num.value != num.value:  # a fraction with no scale
        return True
    first = toks[num.start]
    if first.kind == "num":
        digits = first.text.replace(",", "").replace(".", "")
        if len(digits) > MAX_PLAIN_DIGITS or (first.text[0] == "0" and first.text[:2] != "0."):
            return True
        prev = toks[num.start - 1] if num.start > 0 else None
        if prev is not None and adjacent(prev, first):
            if prev.kind == "sym" and prev.text in "-/:.#" and num.start > 1:
                before = toks[num.start - 2]
                if adjacent(before, prev) and before.kind in ("num", "word"):
                    return True  # 2025-11-01, 10:30, F-16, سو-30
            if prev.kind == "word" and prev.text not in g.currency_before and len(prev.text) > 1:
                return True  # MK2, A320
        nxt = toks[num.start + 1] if num.start + 1 < len(toks) else None
        if nxt is not None and adjacent(first, nxt) and num.end == num.start + 1:
            after = toks[num.start + 2] if num.start + 2 < len(toks) else None
            if (
                nxt.text in "/:"
                and after is not None
                and after.kind == "num"
                and adjacent(nxt, after)
            ):
                return True  # 1/11/2025, 10:30
            if nxt.kind == "word" and g.after.match(norm, toks, num.start + 1, peel=False) is None:
                return True  # 5th, 2nd, 30s
        if (
            nxt is not None
            and nxt.text == "-"
            and adjacent(first, nxt)
            and num.start + 3 < len(toks)
        ):
            a, b = toks[num.start + 2], toks[num.start + 3]
            if a.kind == "num" and b.text == "-" and adjacent(nxt, a) and adjacent(a, b):
                return True  # 2025-11-01
    ident = g.identifier_before.match_ending(norm, toks, num.start)
    return ident is not None


def _counted_noun(g: Grammar, norm: Normalised, toks: list[Token], j: int, num: _Number) -> bool:
    """A number followed by a plain noun counts it: "14 مجموعة", "672 mil cuentas"."""
    if j >= len(toks) or not joined(norm.text, toks[j - 1], toks[j]):
        return False
    tok = toks[j]
    if tok.kind != "word" or tok.text in g.not_counted or len(tok.text) < 2:
        return False
    if num.value < 2 or _is_calendar_year(num, toks, "count"):
        return False
    if g.plural_suffixes and not tok.text.endswith(g.plural_suffixes):
        return False  # "2014 llegó", "1987 current": a verb or adjective follows, not a noun
    return not (g.lang == "ar" and tok.text.startswith("ال"))


def _is_calendar_year(num: _Number, toks: list[Token], unit: str) -> bool:
    """A bare four-digit 1800-2100 with no unit of measure is a year, not a quantity."""
    tok = toks[num.start]
    plain = tok.kind == "num" and tok.text.isdigit() and len(tok.text) == 4
    return plain and 1800 <= num.value <= 2100 and unit in ("", "count", "year", "month", "day")


def _rate_at(g: Grammar, norm: Normalised, toks: list[Token], j: int) -> tuple[str, int] | None:
    got = g.per.match(norm, toks, j)
    return (got[0], got[1]) if got is not None else None

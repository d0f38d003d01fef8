"""Numbers as written: digit strings with each language's separators, number words, scale words,
compounds and ranges, read from a token stream."""

from __future__ import annotations

import re
from functools import lru_cache

from dashboard.extract.figure_grammar import Grammar
from dashboard.extract.phrases import Token, adjacent, joined
from dashboard.text import Normalised

_CONVENTIONS = {
    # (thousands separator, decimal mark) conventions a language's digits may follow.
    "en": ((",", "."),),
    "ar": ((",", "."), ("", ",")),  # "1,75 مليار" is 1.75: a comma before two digits
    "es": ((".", ","), (",", ".")),
}


# Memoised per digit string (bounded): the same amounts and years recur across documents, and a
# string with separators costs a set and a regex match to read.
@lru_cache(maxsize=1 << 14)
def parse_digits(s: str, lang: str) -> float | None:
    """The value of a digit string: "3,500" = 3500 and "3,5" = 3.5 (Spanish), "1.5" = 1.5.

    A separator followed by groups of exactly three digits is a thousands separator; otherwise a
    single separator is the decimal mark. With both marks, the last one is the decimal mark.
    """
    if s.isdecimal():
        return _float(s)
    seps = {sep for sep in ".," if sep in s}
    if len(seps) == 2:
        dec = s[max(s.rfind("."), s.rfind(","))]
        group = "," if dec == "." else "."
        return _float(s.replace(group, "").replace(dec, "."))
    sep = seps.pop()
    conventions = _CONVENTIONS.get(lang, _CONVENTIONS["en"])
    for group, _ in conventions:
        if group and sep == group and re.fullmatch(rf"\d{{1,3}}(?:\{group}\d{{3}})+", s):
            return _float(s.replace(group, ""))
    for _, dec in conventions:
        if sep == dec and s.count(dec) == 1:
            return _float(s.replace(dec, "."))
    return None


def _float(s: str) -> float | None:
    try:
        return float(s)
    except ValueError:
        return None


class Number:
    """A number read from tokens [start, end): its value after scale words and compounds.

    A plain class, not a dataclass: compiled, a dataclass's generated __init__ runs as
    Python (about 40 times the cost of this one's)."""

    __slots__ = (
        "value",
        "start",
        "end",
        "from_words",
        "unscaled",
        "has_scale",
        "fraction",
        "bare_scale",
        "char_start",
        "scale",
        "mark_decimal",
    )

    def __init__(
        self,
        value: float,
        start: int,
        end: int,
        from_words: bool,
        unscaled: float = 0.0,
        has_scale: bool = False,
        fraction: bool = False,
        bare_scale: bool = False,
        char_start: int = -1,
        scale: float = 1.0,
        mark_decimal: bool = False,
    ) -> None:
        self.value = value
        self.start = start
        self.end = end
        self.from_words = from_words
        self.unscaled = unscaled
        self.has_scale = has_scale
        self.fraction = fraction  # "نصف", "half a": needs a scale or a unit to be a figure
        self.bare_scale = bare_scale  # "mil millones", "مليون": a scale with no number before it
        # normalised offset where the number starts, after peeled proclitics
        self.char_start = char_start
        # what its scale words multiply by: a fraction after them is of that
        self.scale = scale
        # "01ر108": its first digits are a fraction ("01" is no id)
        self.mark_decimal = mark_decimal


def number_at(g: Grammar, norm: Normalised, toks: list[Token], i: int) -> Number | None:
    """The number that starts at token i, with its scales and compound parts, if any."""
    num = _first_part(g, norm, toks, i)
    if num is None:
        return None
    num.unscaled = num.value
    if num.end < len(toks) and toks[num.end].text in g.scales.firsts:  # (most numbers: none)
        _apply_scales(g, norm, toks, num)
    if num.bare_scale and not num.has_scale:
        return None
    if num.has_scale:  # (the first test of `_add_compound`: most numbers have no scale)
        _add_compound(g, norm, toks, num)
    return num


def _first_part(g: Grammar, norm: Normalised, toks: list[Token], i: int) -> Number | None:
    tok = toks[i]
    if tok.kind == "num":
        # The mark after or before the digits is probed here first: most digits have none.
        marks = g.reversed_decimal_marks
        if i + 2 < len(toks) and toks[i + 1].text in marks:
            reversed_decimal = _reversed_decimal(g, norm, toks, i)
            if reversed_decimal is not None:
                return Number(reversed_decimal, i, i + 3, from_words=False, mark_decimal=True)
        if (
            i >= 2
            and toks[i - 1].text in marks
            and _reversed_decimal(g, norm, toks, i - 2) is not None
        ):
            return None  # the whole part of "5ر2": no number of its own
        # Plain digits (most numbers) are read at once: the memo's call and key cost more.
        text = tok.text
        value = _float(text) if text.isdecimal() else parse_digits(text, g.lang)
        return None if value is None else Number(value, i, i + 1, from_words=False)
    if tok.kind != "word":
        return None
    dual = g.duals.match(norm, toks, i)
    if dual is not None and not has_article(norm, tok, dual[2]):
        scale = dual[0] / 2  # "مليونان": two millions
        return Number(dual[0], i, dual[1], True, has_scale=True, char_start=dual[2], scale=scale)
    got = g.numbers.match(norm, toks, i)
    if got is not None and (
        not has_article(norm, tok, got[2])
        or _counts_after(g, norm, toks, got[1])
        or duration_before(g, norm, toks, i) is not None
    ):
        value, j, start = got
        phrase = norm.text[start : toks[j - 1].end]
        num = Number(value, i, j, True, fraction=phrase in g.fractions, char_start=start)
        _word_compounds(g, norm, toks, num)
        return num
    if tok.text in g.standalone_scales:
        return Number(1.0, i, i, from_words=True, bare_scale=True)
    return None


def _reversed_decimal(g: Grammar, norm: Normalised, toks: list[Token], i: int) -> float | None:
    """The value of "29ر53" (tokens 29, ر, 53, written together or one space apart each): 53.29.
    Gulf agency copy puts the fraction first, as the totals and changes of its market reports
    add up."""
    if i + 2 >= len(toks) or toks[i + 1].text not in g.reversed_decimal_marks:
        return None
    fraction, mark, whole = toks[i], toks[i + 1], toks[i + 2]
    gaps = (norm.text[fraction.end : mark.start], norm.text[mark.end : whole.start])
    if gaps not in (("", ""), (" ", " ")):
        return None
    if not (fraction.text.isdecimal() and whole.text.isdecimal()):
        return None
    return float(f"{whole.text}.{fraction.text}")


def _counts_after(g: Grammar, norm: Normalised, toks: list[Token], j: int) -> bool:
    """Whether a scale, a unit or a counted noun follows token j - 1 at once: a number word with
    the article still counts it ("الثلاثة ملايين برميل", "الاثني عشر شهرا")."""
    if j >= len(toks) or not joined(norm.text, toks[j - 1], toks[j]):
        return False
    return (
        g.scales.match(norm, toks, j, peel=False) is not None
        or g.after.match(norm, toks, j, peel=False) is not None
    )


def duration_before(g: Grammar, norm: Normalised, toks: list[Token], i: int) -> str | None:
    """The unit of a duration noun with the article just before token i ("السنوات السبع")."""
    if i == 0:
        return None
    unit = g.durations_before.get(toks[i - 1].text)
    return unit if unit is not None and joined(norm.text, toks[i - 1], toks[i]) else None


def has_article(norm: Normalised, tok: Token, start: int) -> bool:
    """An Arabic number word with the article (الثلاث، الثاني) is an adjective or an ordinal,
    unless what it counts stands next to it (`_counts_after`, `duration_before`).

    Read on the original text: folding turns "ألفين" into "الفين", which is no article.
    """
    a = norm.index[tok.start]
    b = norm.index[start]
    word = norm.original[b : b + 2]
    return word == "ال" or "ال" in norm.original[a:b]


def _joined_number_word(
    g: Grammar, norm: Normalised, toks: list[Token], j: int
) -> tuple[float, int] | None:
    """A number word joined by a conjunction: "وعشرون" (attached), "y cinco", "-five"."""
    if j >= len(toks):
        return None
    got = g.numbers.match(norm, toks, j)
    if got is not None and got[2] > toks[j].start and norm.text[toks[j].start] in g.joiners:
        return got[0], got[1]
    if toks[j].text in g.joiners and j + 1 < len(toks) and joined(norm.text, toks[j], toks[j + 1]):
        got = g.numbers.match(norm, toks, j + 1, peel=False)
        if got is not None:
            return got[0], got[1]
    return None


def _word_compounds(g: Grammar, norm: Normalised, toks: list[Token], num: Number) -> None:
    # "خمسة وعشرون", "twenty-five", "treinta y cinco", "three hundred".
    while num.end < len(toks) and joined(norm.text, toks[num.end - 1], toks[num.end]):
        nxt = _joined_number_word(g, norm, toks, num.end)
        if nxt is not None and _compounds(num.value, nxt[0]):
            num.value, num.end = num.value + nxt[0], nxt[1]
            continue
        got = g.numbers.match(norm, toks, num.end, peel=False)
        if got is not None and got[0] == 100 and num.value < 10:
            num.value, num.end = num.value * 100, got[1]
            continue
        break


def _compounds(value: float, part: float) -> bool:
    """Whether "value and part" is one number: tens + units (either order), hundreds + rest.

    "twenty-five" and "خمسة وعشرون" are; "five and seven" (a range or a list) is not.
    """
    if value % 10 == 0 and value >= 20:
        return part < (100 if value < 100 else 1000 if value < 1000 else value) and part < value
    return value < 10 and part >= 20 and part % 10 == 0 and part < 100


# "ألف مليون" and "mil millones" stack at most a few scales; without a cap, a run of scale words
# would be read once from every token in it (quadratic time) and overflow to infinity.
MAX_SCALES = 3


def _apply_scales(g: Grammar, norm: Normalised, toks: list[Token], num: Number) -> None:
    scales = 0
    while num.end < len(toks) and scales < MAX_SCALES:
        tok = toks[num.end]
        if tok.text not in g.scales.firsts:
            break  # (the probe of `scales.match`, without its call: most tokens here)
        got = g.scales.match(norm, toks, num.end, peel=False)
        if got is None or (num.end > num.start and not joined(norm.text, toks[num.end - 1], tok)):
            break
        # One-letter scales ("$5m", "20k") only count when written against the digits.
        if len(tok.text) == 1 and (num.end == num.start or not adjacent(toks[num.end - 1], tok)):
            break
        num.value *= got[0]
        num.scale *= got[0]
        num.end = got[1]
        num.has_scale = True
        scales += 1


def _add_compound(g: Grammar, norm: Normalised, toks: list[Token], num: Number) -> None:
    """A smaller part joined after a scaled number: "11 مليارا و500 مليون", "ألفين وخمسمئة"."""
    if (
        not num.has_scale
        or num.end >= len(toks)
        or not joined(norm.text, toks[num.end - 1], toks[num.end])
    ):
        return
    j = num.end
    last_scale = toks[j - 1].text
    if last_scale in g.scale_compounds and toks[j].kind == "num":
        # Mexican "19 mil 500 dosis", "13 mil 200 millones": the thousands run on unjoined.
        part = parse_digits(toks[j].text, g.lang)
        if part is not None and part < 1000:
            num.value += part
            num.end = j + 1
            _apply_scales(g, norm, toks, num)
        return
    if toks[j].text in g.joiners and j + 1 < len(toks) and toks[j + 1].kind == "num":
        if not joined(norm.text, toks[j], toks[j + 1]):
            return
        more = _first_part(g, norm, toks, j + 1)
        if more is None:
            return
        _apply_scales(g, norm, toks, more)
        # "11 مليارا و500 مليون", "671 ألفا و800 برميل": a smaller part completes the number.
        if more.value < num.value and (more.has_scale or more.value < 1000):
            num.value += more.value
            num.end = more.end
        return
    nxt = _joined_number_word(g, norm, toks, j)
    if nxt is not None and nxt[0] < num.value:
        # "مليار ونصف" is a billion and a half, "ألفين وخمسمئة" two thousand and 500.
        part = nxt[0] * num.scale if nxt[0] < 1 else nxt[0]
        num.value, num.end = num.value + part, nxt[1]


def plain_year(tok: Token) -> bool:
    return tok.text.isdecimal() and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100


def range_after(
    g: Grammar, norm: Normalised, toks: list[Token], num: Number
) -> tuple[float, Number] | None:
    """(low, high end) of a range: "بين 10 و15", "10-15", "between 10 and 15", "de 3 a 4"."""
    j = num.end
    if j + 1 >= len(toks) or toks[j].text not in g.range_middle:
        return None
    k = j + 2 if toks[j + 1].text in g.range_fillers else j + 1
    if k >= len(toks) or not all(joined(norm.text, toks[n - 1], toks[n]) for n in range(j, k + 1)):
        return None
    second = number_at(g, norm, toks, k)
    # Digits and words may mix: "2.5 or three pct", "بين واحد و1.5 في المائة".
    if second is None or second.bare_scale:
        return None
    if plain_year(toks[num.start]) and plain_year(toks[second.start]):
        return None  # "de 2019 y 2020" names years
    low = num.value
    if second.has_scale and not num.has_scale and second.unscaled:
        low *= second.value / second.unscaled  # "10 to 15 million": the scale applies to both
    return (low, second) if second.value > low else None

"""Tokens of a normalised text turned into grammar items: one code letter per item.

Each `Item` covers one token or a multi-word lexicon phrase of the normalised text; its `code`
is a letter of the alphabet documented in dates_lexicon.py plus these, from the tokeniser:

    N number (1-3 digits, or grouped)   Y four-digit number 1000-2199   Q numeric date
    S span of years ("2012-13")   _ other word   c comma   p "("   q ")"   h hyphen
    . sentence end   / line break   % percent sign   $ currency sign   : other punctuation
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.extract.dates_lexicon import DateLexicon
from dashboard.lexicon import proclitics
from dashboard.text import Normalised, peel

_TOKENS = re.compile(
    r"(?P<q>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|\d{1,2} ?(?P<sep>[-/.]) ?\d{1,2} ?(?P=sep) ?\d{2,4}(?!\d))"
    r"|(?P<s>\d{4}[-/–]\d{2}(?!\d))"
    r"|(?P<n>\d+(?:[.,]\d+)*)(?:(?:st|nd|rd|th)(?![^\W\d_]))?"
    r"|(?P<w>[^\W\d_]+)"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\w\s])"
)
_PUNCT = {
    ",": "c",
    "،": "c",
    "(": "p",
    ")": "q",
    "-": "h",
    "–": "h",
    ".": ".",
    "!": ".",
    "?": ".",
    "؟": ".",
    "؛": ".",
    ";": ".",
    "%": "%",
    "٪": "%",
    "$": "$",
    "€": "$",
    "£": "$",
}


@dataclass(slots=True)
class Item:
    """One grammar item: its code, normalised span, token key and lexicon value."""

    code: str
    start: int
    end: int
    key: tuple[str, ...]
    value: object = None
    kind: str = ""
    form: str = ""
    glued: bool = False  # a letter follows with no space ("1990s", "2015م")
    designation: bool = False  # a letter or letter-hyphen precedes ("سو-30", "A320")


# A token: (kind, start, end, text); kind is q | s | n | w | nl | p. Plain tuples, because
# this runs once per token of every document.
_Tok = tuple[str, int, int, str]


def _tokens(text: str) -> list[_Tok]:
    # A number's text leaves out an ordinal suffix ("1st" reads 1); its span keeps it.
    return [
        (kind, m.start(), m.end(), m.group("n") if kind == "n" else m.group())
        for m in _TOKENS.finditer(text)
        for kind in (m.lastgroup or "p",)
    ]


def _int(digits: str) -> int | None:
    # No date needs more than a few digits; a 5,000-digit run is not a number to convert.
    return int(digits) if digits.isdecimal() and len(digits) <= 12 else None


def items(norm: Normalised, lex: DateLexicon, lang: str) -> list[Item]:
    """The grammar items of a normalised document text, in text order."""
    toks = _tokens(norm.text)
    clitics = proclitics(lang)
    readings = lex.readings  # per word: readings that start a phrase (kept across documents)
    out: list[Item] = []
    append = out.append
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        kind, start, end, text = tok
        if kind == "w":
            found = readings.get(text)
            if found is None:
                cands = peel(text, clitics) if clitics else [(0, text)]
                # The shortest proclitic first: "بالعام" is ب + "العام" (span keeps the article).
                found = readings[text] = sorted((o, c) for o, c in cands if c in lex.first)
            if not found:  # most words: no date phrase starts here
                append(Item("_", start, end, (text,)))
                i += 1
                continue
            item, used = _lookup(toks, i, lex, found)
            if item is not None and item.code in "MJW" and not _case_ok(norm, item, lex):
                item = None
            if item is None:
                item, used = Item("_", start, end, (text,)), 1
            if item.code == "M" and item.key[-1] in lex.abbreviations:
                used += _absorb_dot(toks, i + used, item)
            append(item)
            i += used
            continue
        if kind != "nl" or not _wrapped(norm.text, start):
            append(_simple(tok, norm.text))
        i += 1
    _mark_glue(out, clitics)
    _block(out, lex)
    return out


def _wrapped(text: str, at: int) -> bool:
    """A single line break between two printing characters wraps a line ("September\n1988"
    in a newswire column); a blank line or an indented line starts a new paragraph."""
    return 0 < at < len(text) - 1 and not text[at - 1].isspace() and not text[at + 1].isspace()


def _absorb_dot(toks: list[_Tok], j: int, item: Item) -> int:
    """A month abbreviation takes its dot ("Nov.") so that the dot does not end a sentence."""
    if j < len(toks) and toks[j][3] == "." and toks[j][1] == item.end:
        item.end = toks[j][2]
        return 1
    return 0


def _lookup(
    toks: list[_Tok], i: int, lex: DateLexicon, readings: list[tuple[int, str]]
) -> tuple[Item | None, int]:
    """The longest lexicon phrase starting at token i; `readings` of its first token peel
    proclitics (only readings that begin some phrase are given)."""
    for offset, core in readings:
        longest = min(lex.first[core], len(toks) - i)
        for n in range(longest, 0, -1):
            span = toks[i : i + n]
            if any(t[0] != "w" for t in span):
                continue
            key = (core, *(t[3] for t in span[1:]))
            entry = lex.entries.get(key)
            # "ولامس" (and touched) is not "و+ل+أمس", nor "لليوم" (per day) "ل+اليوم": day
            # words take few proclitics.
            clitic = _clitic(span[0][3], offset, core) if entry and entry.code == "D" else ""
            if clitic and clitic not in lex.day_clitics:
                continue
            # "باب" (door) is not "ب" + "آب" (August): a peeled name keeps three letters.
            if entry is not None and entry.code in "MJ" and offset and len(core) < 3:
                continue
            if entry is not None:
                item = Item(
                    entry.code,
                    span[0][1] + offset,
                    span[-1][2],
                    key,
                    entry.value,
                    entry.kind,
                    entry.form,
                )
                return item, n
    return None, 1


def _clitic(token: str, offset: int, core: str) -> str:
    """The proclitic letters peeled off a token to read `core` ("ل" for "لليوم" = ل + اليوم)."""
    if offset:
        return token[:offset]
    return token[: len(token) - len(core) + 1] if core != token else ""


def _simple(tok: _Tok, text: str) -> Item:
    kind, start, end, word = tok
    if kind == "n":
        value = _int(word)
        four = len(word) == 4 and isinstance(value, int) and 1000 <= value <= 2199
        return Item("Y" if four else "N", start, end, (word,), value)
    if kind == "q":
        return Item("Q", start, end, (word,))
    if kind == "s":
        return Item("S", start, end, (word,))
    if kind == "nl":
        return Item("/", start, end, ("\n",))
    if kind == "w":
        return Item("_", start, end, (word,))
    return Item(_PUNCT.get(word, ":"), start, end, (word,))


def _mark_glue(out: list[Item], clitics: tuple[str, ...]) -> None:
    """Flag numbers glued to letters: "1990s" is a decade, "سو-30" a model name; a proclitic
    before a number ("و15 يوليو") is a conjunction, not part of a name."""
    for k, it in enumerate(out):
        if it.code not in "NYQS":
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        it.glued = bool(nxt and nxt.start == it.end and nxt.code not in "NYcpqh.:/%$")
        prev = out[k - 1] if k else None
        if prev and prev.end == it.start:
            if prev.code not in "NYQScpqh.:/%$" and prev.key[-1] not in clitics:
                it.designation = True
            elif prev.code == "h" and k >= 2 and out[k - 2].end == prev.start:
                it.designation = out[k - 2].code not in "NYQS.:/c"


def _block(out: list[Item], lex: DateLexicon) -> None:
    """Demote readings the context rules out ("في اليوم" = per day, "الرأي العام")."""
    pre = lex.definite_prefix
    for k in [k for k, it in enumerate(out) if it.code in "DA"]:
        it = out[k]
        prev = out[k - 1] if k else None
        nxt = out[k + 1] if k + 1 < len(out) else None
        if it.code == "D" and _day_word_blocked(out, k, lex):
            it.code = "_"
        elif it.code == "A" and it.key[0] in lex.adjective_units and prev is not None:
            # "المدير العام" (director general): after a definite noun the word is an adjective,
            # unless "last"/"next" follows ("الإيرادات العام المقبل"); "current" fits both.
            temporal = (
                nxt is not None and nxt.code == "L" and nxt.key[0] not in lex.office_modifiers
            )
            if prev.code == "_" and definite(prev.key[-1], pre) and not temporal:
                it.code = "_"


def _day_word_blocked(out: list[Item], k: int, lex: DateLexicon) -> bool:
    """ "في اليوم" (per day), "اليوم الوطني" (national day), "hoy en día" are not day words."""
    prev = out[k - 1] if k else None
    nxt = out[k + 1] if k + 1 < len(out) else None
    after = tuple(t for o in out[k + 1 : k + 4] for t in o.key)
    if prev is not None and prev.key in lex.day_block_before:
        return True
    if any(after[: len(b)] == b for b in lex.day_block_after):
        return True
    return nxt is not None and nxt.code == "_" and definite(nxt.key[0], lex.definite_prefix)


def _case_ok(norm: Normalised, item: Item, lex: DateLexicon) -> bool:
    """In languages that capitalise month and day names, "may" (modal) is not "May"; in
    languages that do not, a capitalised weekday inside a sentence is a name ("Santo Domingo")."""
    at = norm.index[item.start]
    upper = norm.original[at].isupper()
    if lex.capitalised:
        return upper
    if not upper or item.code != "W":
        return True
    before = norm.original[max(0, at - 12) : at].rstrip(" \t\"'«“(")
    return not before or before[-1] in ".!?:\n"


def definite(word: str, prefix: str) -> bool:
    """True for a content word carrying the definite article ("الوطني"); "إلى" is not one."""
    return bool(prefix) and word.startswith(prefix) and len(word) >= len(prefix) + 3

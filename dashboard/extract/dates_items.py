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


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # q | s | n | w | nl | p
    start: int
    end: int
    text: str
    value: object = None


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup or "p"
        if kind == "n":
            digits = m.group("n")
            out.append(_Tok("n", m.start(), m.end(), digits, _int(digits)))
        else:
            out.append(_Tok(kind, m.start(), m.end(), m.group()))
    return out


def _int(digits: str) -> int | None:
    return int(digits) if digits.isdigit() else None


def items(norm: Normalised, lex: DateLexicon, lang: str) -> list[Item]:
    """The grammar items of a normalised document text, in text order."""
    toks = _tokens(norm.text)
    clitics = proclitics(lang)
    readings: dict[str, list[tuple[int, str]]] = {}  # per word: readings that start a phrase
    out: list[Item] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "w":
            if tok.text not in readings:
                cands = peel(tok.text, clitics) if clitics else [(0, tok.text)]
                readings[tok.text] = [(o, c) for o, c in cands if c in lex.first]
            item, used = _lookup(toks, i, lex, readings[tok.text])
            if item is not None and item.code in "MW" and not _case_ok(norm, item, lex):
                item = None
            if item is None:
                item, used = Item("_", tok.start, tok.end, (tok.text,)), 1
            if item.code == "M" and item.key[-1] in lex.abbreviations:
                used += _absorb_dot(toks, i + used, item)
            out.append(item)
            i += used
            continue
        out.append(_simple(tok, norm.text))
        i += 1
    _mark_glue(out, norm.text)
    _block(out, lex)
    return out


def _absorb_dot(toks: list[_Tok], j: int, item: Item) -> int:
    """A month abbreviation takes its dot ("Nov.") so that the dot does not end a sentence."""
    if j < len(toks) and toks[j].text == "." and toks[j].start == item.end:
        item.end = toks[j].end
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
            if any(t.kind != "w" for t in span):
                continue
            key = (core, *(t.text for t in span[1:]))
            entry = lex.entries.get(key)
            # "ولامس" (and touched) is not "و+ل+أمس": day words take few proclitics.
            if (
                entry
                and entry.code == "D"
                and offset
                and span[0].text[:offset] not in lex.day_clitics
            ):
                continue
            if entry is not None:
                item = Item(
                    entry.code,
                    span[0].start + offset,
                    span[-1].end,
                    key,
                    entry.value,
                    entry.kind,
                    entry.form,
                )
                return item, n
    return None, 1


def _simple(tok: _Tok, text: str) -> Item:
    if tok.kind == "n":
        value = tok.value
        four = len(tok.text) == 4 and isinstance(value, int) and 1000 <= value <= 2199
        return Item("Y" if four else "N", tok.start, tok.end, (tok.text,), value)
    if tok.kind == "q":
        return Item("Q", tok.start, tok.end, (tok.text,))
    if tok.kind == "s":
        return Item("S", tok.start, tok.end, (tok.text,))
    if tok.kind == "nl":
        return Item("/", tok.start, tok.end, ("\n",))
    if tok.kind == "w":
        return Item("_", tok.start, tok.end, (tok.text,))
    return Item(_PUNCT.get(tok.text, ":"), tok.start, tok.end, (tok.text,))


def _mark_glue(out: list[Item], text: str) -> None:
    """Flag numbers glued to letters: "1990s" is a decade, "سو-30" a model name."""
    for k, it in enumerate(out):
        if it.code not in "NYQS":
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        it.glued = bool(nxt and nxt.start == it.end and nxt.code not in "NYcpqh.:/%$")
        prev = out[k - 1] if k else None
        if prev and prev.end == it.start:
            if prev.code not in "NYQScpqh.:/%$":
                it.designation = True
            elif prev.code == "h" and k >= 2 and out[k - 2].end == prev.start:
                it.designation = out[k - 2].code not in "NYQS.:/c"


def _block(out: list[Item], lex: DateLexicon) -> None:
    """Demote readings the context rules out ("في اليوم" = per day, "الرأي العام")."""
    pre = lex.definite_prefix
    for k, it in enumerate(out):
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
    """In languages that capitalise month and day names, "may" (modal) is not "May"."""
    return not lex.capitalised or norm.original[norm.index[item.start]].isupper()


def definite(word: str, prefix: str) -> bool:
    """True for a content word carrying the definite article ("الوطني"); "إلى" is not one."""
    return bool(prefix) and word.startswith(prefix) and len(word) >= len(prefix) + 3

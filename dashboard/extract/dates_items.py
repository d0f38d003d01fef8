"""Tokens of a normalised text turned into grammar items: one code letter per item.

Each `Item` covers one token or a multi-word lexicon phrase of the normalised text; its `code`
is a letter of the alphabet documented in dates_lexicon.py plus these, from the tokeniser:

    N number (1-3 digits, or grouped)   Y four-digit number 1000-2199   Q numeric date
    S span of years ("2012-13")   _ other word   c comma   p "("   q ")"   h hyphen
    . sentence end   / line break   % percent sign   $ currency sign   : other punctuation

Most tokens are plain words no rule reads, and a Python step per token is most of the cost,
so the tokens come from the word split the extractors share (dashboard.text.split_words), and
an item that its token alone defines (a plain word, a mark, "في") is only built when read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import NamedTuple, overload

from dashboard.extract.dates_lexicon import DateLexicon, Phrase
from dashboard.lexicon import proclitics
from dashboard.text import Normalised, peel, split_words

# Words first and the numbers behind one digit test: the kinds start with different characters,
# so the order does not change a match, and most positions are then decided by one test.
_TOKENS = re.compile(
    r"(?P<w>[^\W\d_]+)"
    r"|(?=\d)(?:(?P<q>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|\d{1,2} ?(?P<sep>[-/.]) ?\d{1,2} ?(?P=sep) ?\d{2,4}(?!\d))"
    r"|(?P<s>\d{4}[-/–]\d{2}(?!\d))"
    r"|(?P<n>\d+(?:[.,]\d+)*)(?:(?:st|nd|rd|th)(?![^\W\d_]))?)"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\w\s])"
)
_LETTERS = re.compile(r"[^\W\d_]+")  # a word token

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


_MARKS = {**_PUNCT, "\n": "/"}  # the code of a mark token; any other is ":"

# The token memo is emptied above this many entries, so that a long batch run, which meets ever
# new words (names, typos, numbers), does not grow it without bound.
_MEMO_MAX = 1 << 15
# Codes of the items that are built at once: their reading depends on more than their token.
_BUILT = "MJWDA"


# Per token: the proclitic readings of a word that begin a lexicon phrase (most words: none, an
# empty tuple), or True for a number or a mark.
_Found = list[tuple[tuple[int, str], ...] | bool]


class _Tokens(NamedTuple):
    """The tokens of a text: texts, end offsets (a token starts at its end less its length)
    and lexicon readings."""

    texts: list[str]
    ends: list[int]
    found: _Found


def _tokens(text: str, lex: DateLexicon, clitics: tuple[str, ...]) -> _Tokens:
    """The tokens _TOKENS finds in a text, built from the shared word split.

    A word of letters only (most words) is one token, and the gap after it, when more than a
    space, holds one token per mark or line break. A run of other words (digits, "_", inner
    hyphens) is tokenised by _TOKENS with the gaps around it: a number token may span a gap
    ("1 / 11 / 2025", "1.5"), but it never reaches into a word of letters. So only those runs
    and the gaps with marks take a Python step; the words of letters are copied in slices.
    """
    words, starts, ends, gaps = split_words(text)
    toks = _Tokens([], [], [])
    if not words:
        _gap(text, 0, toks)
        return toks
    found = _lookups(words, lex, clitics)
    odd = [k for k in compress(range(len(words)), found) if found[k] is True]
    loud = [k for k, gap in enumerate(gaps) if gap != " "]
    if found[0] is not True:
        _gap(text[: starts[0]], 0, toks)
    texts, tends, tfound = toks
    done = 0  # words before this one are in toks
    for k in sorted([*odd, *loud, len(words) - 1]):
        if k < done:
            continue  # inside a run of other words, or seen
        if found[k] is not True:  # a word of letters, then a gap with marks (or the end)
            texts += words[done : k + 1]
            tends += ends[done : k + 1]
            tfound += found[done : k + 1]
            done = k + 1
            if done == len(words):
                _gap(text[ends[k] :], ends[k], toks)
            elif found[done] is not True:  # else the run after it has the gap
                _gap(gaps[k], ends[k], toks)
            continue
        texts += words[done:k]
        tends += ends[done:k]
        tfound += found[done:k]
        done = k + 1
        while done < len(words) and found[done] is True:
            done += 1
        end = starts[done] if done < len(words) else len(text)
        _run(text, ends[k - 1] if k else 0, end, toks, lex, clitics)
    return toks


def _gap(gap: str, at: int, toks: _Tokens) -> None:
    """The tokens of the gap at `at` between two words of letters: no letter or digit is
    there, so each mark or line break is one token."""
    for ch in gap:
        at += 1
        if ch == "\n" or not ch.isspace():
            toks.texts.append(ch)
            toks.ends.append(at)
            toks.found.append(True)


def _run(
    text: str, start: int, end: int, toks: _Tokens, lex: DateLexicon, clitics: tuple[str, ...]
) -> None:
    for m in _TOKENS.finditer(text, start, end):
        toks.texts.append(m.group())
        toks.ends.append(m.end())
        toks.found.append(_lookups([m.group()], lex, clitics)[0] if m.lastgroup == "w" else True)


def _lookups(texts: list[str], lex: DateLexicon, clitics: tuple[str, ...]) -> _Found:
    """Per word (of the split) or token: its readings, or True when it is not a word of letters
    only. Memoised across documents (an article's vocabulary repeats), so a document mostly
    costs a few set and dict passes."""
    memo = lex.readings
    if len(memo) > _MEMO_MAX:
        memo.clear()
        lex.single.clear()
    for token in set(texts).difference(memo):
        if not _LETTERS.fullmatch(token):
            memo[token] = True
            continue
        cands = peel(token, clitics) if clitics else ((0, token),)
        # The shortest proclitic first: "بالعام" is ب + "العام" (span keeps the article).
        memo[token] = tuple(sorted((o, c) for o, c in cands if c in lex.first))
    return list(itemgetter(*texts)(memo)) if len(texts) > 1 else [memo[t] for t in texts]


def _int(digits: str) -> int | None:
    # No date needs more than a few digits; a 5,000-digit run is not a number to convert.
    return int(digits) if digits.isdecimal() and len(digits) <= 12 else None


class Items(Sequence[Item]):
    """The grammar items of a text, in order, with their codes. An item its token alone defines
    (a plain word, a mark, most lexicon words) is only built when read: the readers look at the
    few items around a match, so most are never built."""

    __slots__ = ("_slots", "_toks", "_index", "_lex", "codes", "keep", "numbers", "units")

    def __init__(self, toks: _Tokens, lex: DateLexicon) -> None:
        self._slots: list[Item | int] = []  # an item, or the index of the token that defines it
        self._toks = toks
        self._index = list(range(len(toks.texts)))  # sliced: cheaper than a range per run
        self._lex = lex
        # The item codes, a run of plain words as one "_", and the item each code stands for.
        self.codes: list[str] = []
        self.keep: list[int] = []
        self.numbers: list[int] = []  # places in codes of numbers (N, Y, Q, S)
        self.units: list[int] = []  # places in codes of day words and year units (D, A)

    def add(self, item: Item | int, code: str) -> None:
        self.codes.append(code)
        self.keep.append(len(self._slots))
        self._slots.append(item)

    def __len__(self) -> int:
        return len(self._slots)

    @overload
    def __getitem__(self, k: int) -> Item: ...

    @overload
    def __getitem__(self, k: slice) -> list[Item]: ...

    def __getitem__(self, k: int | slice) -> Item | list[Item]:
        it = self._slots[k]
        if it.__class__ is Item:
            return it
        if isinstance(k, slice):
            if int in map(type, it):
                return [self[j] for j in range(*k.indices(len(self._slots)))]
            return it
        it = self._slots[k] = _token_item(self._toks, it, self._lex)
        return it

    def __iter__(self) -> Iterator[Item]:
        return (self[k] for k in range(len(self._slots)))

    def peek(self, k: int) -> tuple[str, tuple[str, ...]]:
        """The code and key of item k, without building the item of a plain word or a mark."""
        it = self._slots[k]
        if it.__class__ is not Item:
            word, got = self._toks.texts[it], self._toks.found[it]
            if got is True:  # a mark: a number's item is built at once
                return _MARKS.get(word, ":"), (word,)
            if not got:
                return "_", (word,)
            it = self[k]
        return it.code, it.key

    def collapsed(self) -> tuple[str, list[int]]:
        """The code string (a demoted item may stand next to a "_" run) and `keep`."""
        return "".join(self.codes), self.keep


def items(norm: Normalised, lex: DateLexicon, lang: str) -> Items:
    """The grammar items of a normalised document text, in text order."""
    clitics = proclitics(lang)
    its = Items(_tokens(norm.text, lex, clitics), lex)
    _fill(its, norm, lex)
    _mark_glue(its, clitics)
    _block(its, lex)
    return its


def _fill(its: Items, norm: Normalised, lex: DateLexicon) -> None:
    """Add the items of the tokens in order. One step per token that is not a plain word, the
    common ones (a mark, "في") with no call: this loop is most of the cost of a document."""
    toks = its._toks
    texts, found = toks.texts, toks.found
    slots, codes, keep, index = its._slots, its.codes, its.keep, its._index
    single = lex.single
    done = 0  # the first token not in an item yet
    for i in compress(range(len(found)), found):  # the tokens that are not plain words
        if i < done:
            continue  # a later word of a phrase, or the dot of "Nov."
        if i > done:  # a run of plain words
            keep.append(len(slots))
            codes.append("_")
            slots += index[done:i]
        done = i + 1
        got = found[i]
        if got is True:
            code = _MARKS.get(texts[i])
            if code is None and texts[i][0].isdecimal():
                its.numbers.append(len(codes))
                item = _number(toks, i, norm.text)
                its.add(item, item.code)
                continue
            if code == "/" and _wrapped(norm.text, toks.ends[i] - 1):
                continue
            keep.append(len(slots))
            codes.append(code or ":")
            slots.append(i)
            continue
        phrase = single.get(texts[i], False)
        if phrase is False:
            phrase = _lookup(toks, i, lex, got)
        if phrase is not None and phrase[1] == 1 and phrase[3].code not in _BUILT:
            keep.append(len(slots))  # its token alone defines it
            codes.append(phrase[3].code)
            slots.append(i)
            continue
        done = _add_word(norm, toks, i, lex, phrase, its)
    if done < len(found):
        keep.append(len(slots))
        codes.append("_")
        slots += index[done:]


def _add_word(
    norm: Normalised, toks: _Tokens, i: int, lex: DateLexicon, phrase: Phrase | None, its: Items
) -> int:
    """Add the item of word i, which begins `phrase` (a plain "_" when None or ruled out);
    the first token after it."""
    item, used = None, 1
    if phrase is not None:
        item, used = _phrase_item(toks, i, phrase), phrase[1]
        if item.code in "MJW" and not _case_ok(norm, item, lex):
            item, used = None, 1
    if item is None:
        word, end = toks.texts[i], toks.ends[i]
        item = Item("_", end - len(word), end, (word,))
    if item.code == "M" and item.key[-1] in lex.abbreviations:
        used += _absorb_dot(toks, i + used, item)
    if item.code in "DA":
        its.units.append(len(its.codes))
    its.add(item, item.code)
    return i + used


def _token_item(toks: _Tokens, i: int, lex: DateLexicon) -> Item:
    """The item token i alone defines: a plain word, a mark or a one-word lexicon phrase."""
    word, end = toks.texts[i], toks.ends[i]
    got = toks.found[i]
    if got is True:
        return Item(_MARKS.get(word, ":"), end - len(word), end, (word,))
    phrase = _lookup(toks, i, lex, got) if got else None
    if phrase is None:
        return Item("_", end - len(word), end, (word,))
    return _phrase_item(toks, i, phrase)


def _phrase_item(toks: _Tokens, i: int, phrase: Phrase) -> Item:
    offset, n, key, entry = phrase
    start = toks.ends[i] - len(toks.texts[i]) + offset
    return Item(entry.code, start, toks.ends[i + n - 1], key, entry.value, entry.kind, entry.form)


def _wrapped(text: str, at: int) -> bool:
    """A single line break between two printing characters wraps a line ("September\n1988"
    in a newswire column); a blank line or an indented line starts a new paragraph."""
    return 0 < at < len(text) - 1 and not text[at - 1].isspace() and not text[at + 1].isspace()


def _absorb_dot(toks: _Tokens, j: int, item: Item) -> int:
    """A month abbreviation takes its dot ("Nov.") so that the dot does not end a sentence."""
    if j < len(toks.texts) and toks.texts[j] == "." and toks.ends[j] - 1 == item.end:
        item.end = toks.ends[j]
        return 1
    return 0


def _lookup(
    toks: _Tokens, i: int, lex: DateLexicon, readings: tuple[tuple[int, str], ...]
) -> Phrase | None:
    """The longest lexicon phrase starting at token i; `readings` of its first token peel
    proclitics (only readings that begin some phrase are given). Most such words ("في",
    "من") begin no phrase of several words: the word alone decides, so its answer is
    memoised."""
    word = toks.texts[i]
    got = lex.single.get(word, False)  # False: not memoised
    if got is False:
        got = _phrase(toks, i, lex, readings)
        if all(lex.first[core] == 1 for _, core in readings):
            lex.single[word] = got
    return got


def _phrase(
    toks: _Tokens, i: int, lex: DateLexicon, readings: tuple[tuple[int, str], ...]
) -> Phrase | None:
    texts, found = toks.texts, toks.found
    for offset, core in readings:
        longest = min(lex.first[core], len(texts) - i)
        if longest > 1 and (core, texts[i + 1]) not in lex.pairs:
            longest = 1  # no longer phrase goes on with the next token
        for n in range(longest, 0, -1):
            if True in found[i + 1 : i + n]:
                continue  # a phrase is made of words
            key = (core, *texts[i + 1 : i + n])
            entry = lex.entries.get(key)
            # "ولامس" (and touched) is not "و+ل+أمس", nor "لليوم" (per day) "ل+اليوم": day
            # words take few proclitics.
            clitic = _clitic(texts[i], offset, core) if entry and entry.code == "D" else ""
            if clitic and clitic not in lex.day_clitics:
                continue
            # "باب" (door) is not "ب" + "آب" (August): a peeled name keeps three letters.
            if entry is not None and entry.code in "MJ" and offset and len(core) < 3:
                continue
            if entry is not None:
                return offset, n, key, entry
    return None


def _clitic(token: str, offset: int, core: str) -> str:
    """The proclitic letters peeled off a token to read `core` ("ل" for "لليوم" = ل + اليوم)."""
    if offset:
        return token[:offset]
    return token[: len(token) - len(core) + 1] if core != token else ""


def _number(toks: _Tokens, i: int, text: str) -> Item:
    """The item of number token i: a numeric date, a span of years or a number, whose key
    leaves out an ordinal suffix ("1st" reads 1; its span keeps it)."""
    end = toks.ends[i]
    start = end - len(toks.texts[i])
    m = _TOKENS.match(text, start)  # as the scan matched it (a digit always starts one)
    if m.lastgroup == "q":
        return Item("Q", start, end, (m.group(),))
    if m.lastgroup == "s":
        return Item("S", start, end, (m.group(),))
    digits = m.group("n")
    value = _int(digits)
    four = len(digits) == 4 and isinstance(value, int) and 1000 <= value <= 2199
    return Item("Y" if four else "N", start, end, (digits,), value)


def _mark_glue(out: Items, clitics: tuple[str, ...]) -> None:
    """Flag numbers glued to letters: "1990s" is a decade, "سو-30" a model name; a proclitic
    before a number ("و15 يوليو") is a conjunction, not part of a name."""
    for k in [out.keep[j] for j in out.numbers]:
        it = out[k]
        nxt = out[k + 1] if k + 1 < len(out) else None
        it.glued = bool(nxt and nxt.start == it.end and nxt.code not in "NYcpqh.:/%$")
        prev = out[k - 1] if k else None
        if prev and prev.end == it.start:
            if prev.code not in "NYQScpqh.:/%$" and prev.key[-1] not in clitics:
                it.designation = True
            elif prev.code == "h" and k >= 2 and out[k - 2].end == prev.start:
                it.designation = out[k - 2].code not in "NYQS.:/c"


def _block(out: Items, lex: DateLexicon) -> None:
    """Demote readings the context rules out ("في اليوم" = per day, "الرأي العام")."""
    pre = lex.definite_prefix
    for j in out.units:
        k = out.keep[j]
        it = out[k]
        prev = out[k - 1] if k else None
        nxt = out[k + 1] if k + 1 < len(out) else None
        if it.code == "D" and _day_word_blocked(out, k, lex):
            it.code = out.codes[j] = "_"
        elif it.code == "A" and it.key[0] in lex.adjective_units and prev is not None:
            # "المدير العام" (director general): after a definite noun the word is an adjective,
            # unless "last"/"next" follows ("الإيرادات العام المقبل"); "current" fits both.
            temporal = (
                nxt is not None and nxt.code == "L" and nxt.key[0] not in lex.office_modifiers
            )
            if prev.code == "_" and definite(prev.key[-1], pre) and not temporal:
                it.code = out.codes[j] = "_"


def _day_word_blocked(out: Items, k: int, lex: DateLexicon) -> bool:
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

"""Text normalisation for matching, with an offset map back to the original, and sentence splits.

The original document text is never changed: matching runs on a normalised copy and every
match is mapped back through `Normalised.span`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any, Final, NamedTuple

# Harakat, superscript alef, Quranic marks and tatweel are dropped for matching.
_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x200C, 0x200D, 0x200E, 0x200F}
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ک": "ك",
    "ی": "ي",
    "٫": ".",
    "٬": ",",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Extended Arabic-Indic digits
# The folded letters found in nearly every Arabic text, many times each (taa marbuta alone is
# one letter in forty): `fold_text` replaces them without finding them first.
_COMMON_FOLDS = "ةأىإئؤآ"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ord(ch) in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isascii():
        return ch.lower()
    out = unicodedata.normalize("NFKC", ch)
    # Latin accents are kept (Spanish "más" vs "mas" differ) but case is folded.
    return "".join(_FOLD.get(c, c) for c in out if ord(c) not in _DROP).lower()


_FIRST_MARK = "\u0300"  # the first character of category Mn (combining grave accent)


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of `original`; `index[i]` is the original position of character i.

    `odd` are the original positions of the characters folded to none or to several (dropped
    marks, ligatures): only around them do the two texts' offsets shift. `capitals` are the
    upper-case characters (`str.isupper`) of the original: none in most Arabic texts.
    """

    original: str
    text: str
    index: tuple[int, ...]
    odd: tuple[int, ...] = ()
    capitals: str = ""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to a span of the original text."""
        if start >= end:
            raise ValueError("empty span")
        a, b = self.index[start], self.index[end - 1] + 1
        # Marks dropped for matching still belong to the word they sit on ("يومياً"). (No
        # character before U+0300 is a mark: the usual space or stop after a word is let
        # through without a look-up.)
        original = self.original
        while b < len(original) and original[b] >= _FIRST_MARK:
            if unicodedata.category(original[b]) != "Mn":
                break
            b += 1
        return a, b


class _FoldTable(dict):
    """Code point -> folded string, filled on first sight (a table for `str.translate`).

    It also keeps the characters whose folded form is not exactly one character (dropped
    marks, ligatures) as a character class: only their offsets need a Python step; and the
    characters that stay as they are, so that `fold_text` finds the others in one scan.
    """

    def __init__(self) -> None:
        super().__init__()
        self.odd: set[str] = set()
        self.same: set[str] = set()  # characters that fold to themselves (but capitals)
        self.unsafe: set[str] = set()  # characters whose folded form would fold again
        # Replaced in every text (their folded forms stay as they are: no order matters).
        self.common = [(ch, _FOLD[ch]) for ch in _COMMON_FOLDS]
        # The characters of the scripts the project reads are learned at once: learned from
        # the texts, each would cost a pattern compiled anew on the first documents of a run.
        for first, last in _KNOWN_BLOCKS:
            for code in range(first, last + 1):
                self._learn(code)
        self.odd_pattern = re.compile(_char_class(self.odd))
        # At least every character not in `same` nor `common`
        self.others = re.compile(_char_class(self.same.union(_COMMON_FOLDS), negate=True))
        self._scanned = 0  # characters scanned with `others` since it was compiled

    def __missing__(self, code: int) -> str:
        folded = self._learn(code)
        if len(folded) != 1:
            self.odd_pattern = re.compile(_char_class(self.odd))
        return folded

    def _learn(self, code: int) -> str:
        ch = chr(code)
        folded = _fold_char(ch)
        self[code] = folded
        if folded == ch:
            if not ch.isupper():  # so that `fold_text` finds every capital
                self.same.add(ch)
        elif any(_fold_char(c) != c for c in folded):
            self.unsafe.add(ch)
        if len(folded) != 1:
            self.odd.add(ch)
        return folded

    def fold_text(self, text: str) -> tuple[str, str, set[str]]:
        """(`text.translate(self)`, the capitals the text holds, the odd characters it holds),
        learning the text's new characters, mostly without a step per character in `translate`
        (a dict look-up each): the characters that change are few and rare (alef variants,
        taa marbuta, capitals), so they are found with one scan in C and each is replaced in
        turn (the `common` ones found or not: a scan of the text in C each). As no
        folded form holds a character that folds again (else `unsafe`), the order of the
        replacements does not matter.
        """
        found = set(self.others.findall(text))
        folds = list(zip(found, map(self.__getitem__, map(ord, found)), strict=True))
        capitals = "".join(filter(str.isupper, found))
        odd = found & self.odd  # no odd character folds to itself: all are found
        if not found.isdisjoint(self.unsafe):
            return text.translate(self), capitals, odd
        for ch, folded in chain(self.common, folds):
            if folded != ch:
                text = text.replace(ch, folded)
        self._scanned += len(text)
        # Characters learned since `others` was compiled are found (and kept) needlessly:
        # compile it anew once the scans have paid for its cost.
        if self._scanned >= 64 * len(self.same) and not found.isdisjoint(self.same):
            self.others = re.compile(_char_class(self.same.union(_COMMON_FOLDS), negate=True))
            self._scanned = 0
        return text, capitals, odd


def _char_class(chars: Iterable[str], negate: bool = False) -> str:
    """A regular-expression character class of `chars`, as ranges of consecutive ones."""
    codes = sorted(map(ord, chars))
    ranges: list[list[int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges
    )
    if not body:
        return "(?s:.)" if negate else "(?!)"
    return ("[^" if negate else "[") + body + "]"


# Controls, Latin (Spanish, English), Arabic and its supplement, general punctuation, the
# Arabic presentation forms (ligatures in copied text) and the full-width forms.
_KNOWN_BLOCKS: Final = (
    (0x0000, 0x024F),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0xFF00, 0xFFEF),
)

_TABLE = _FoldTable()

# Offsets 0, 1, 2 ... as int objects shared by the offset maps of all texts (up to a cap), so
# that a text allocates none.
_OFFSETS: tuple[int, ...] = ()
_OFFSETS_MAX = 1 << 16


def offsets(n: int) -> tuple[int, ...]:
    """Offsets from 0 to at least n - 1: the shared ones, or new ones past the cap."""
    global _OFFSETS
    if n > len(_OFFSETS) and len(_OFFSETS) < _OFFSETS_MAX:
        _OFFSETS = tuple(range(min(max(n, 2 * len(_OFFSETS)), _OFFSETS_MAX)))
    return _OFFSETS if n <= len(_OFFSETS) else tuple(range(n))


_TATWEEL = "\u0640"
# A tatweel between digits joins two numbers ("2015ـ2025"), as a dash would: dropped like every
# other tatweel, it would make one number of them (20152025). The first of the run becomes a dash.
# The pattern starts with the tatweel itself (the look-behind comes after it), so that the engine
# skips in C from tatweel to tatweel instead of trying the look-behind at every character.
_DIGITS_TATWEEL = re.compile(r"\u0640(?<=\d\u0640)(?=\u0640*\d)")


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """Fold Arabic letter variants, digits, diacritics and case, keeping an offset map.

    Cached: every extractor normalises the same document, and the work is done once.
    """
    source = _DIGITS_TATWEEL.sub("-", text) if _TATWEEL in text else text  # same length
    folded, capitals, odd_chars = _TABLE.fold_text(source)  # first: it learns the odd characters
    shared = offsets(len(text))
    if not odd_chars:  # (most texts but Arabic ones with marks)
        return Normalised(text, folded, tuple(shared[: len(text)]), (), capitals)
    odd = _positions(source, odd_chars)
    # Runs of offsets are copied slice by slice (in C, not item by item through an iterator).
    index: list[int] = []
    prev = 0
    for p in odd:
        index += shared[prev:p]
        index += (shared[p],) * len(_TABLE[ord(source[p])])  # each maps to p
        prev = p + 1
    index += shared[prev : len(text)]
    return Normalised(text, folded, tuple(index), tuple(odd), capitals)


_RARE = 64  # odd characters are found one by one up to one in this many characters


def find_all(text: str, chars: Iterable[str]) -> list[int]:
    """The positions in `text` of the characters `chars`, in order: each found with str.find,
    a scan in C that costs far less than a character class tested at every character while
    the characters are rare."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def _positions(text: str, chars: set[str]) -> list[int]:
    """The positions of the characters in the text, in order."""
    # Each character is found with str.find (a fast scan in C) while they are rare, as dropped
    # marks mostly are; the character class scans a text thick with them (vocalised) at once.
    out: list[int] = []
    most = len(text) // _RARE
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            if len(out) > most:
                return [m.start() for m in _TABLE.odd_pattern.finditer(text)]
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def fold(text: str) -> str:
    """The normalised form of a lexicon string (no offsets needed)."""
    return text.translate(_TABLE)


# A sentence ends at . ! ? ؟ or … followed by space, at a blank line, or at a single line break
# after a short line (a title or a dateline). A dot between digits ("1.5") or after a single
# capital ("U.S.") does not end one, and hard-wrapped lines (newswire) continue the sentence:
# a long line that breaks mid-clause, or a short one before a line in lower case.
# A run of marks is matched from its first mark only, and whole: a line of 10,000 dots is
# one linear scan, not a retry from every dot. The pattern starts with one character class
# (the look-behinds are checked after it, one character further back), so that the engine
# skips in C to the next candidate instead of trying the look-behinds at every character.
# (`sentences` tries it only at those marks, found with str.find: a scan in C cheaper still
# than the engine's test of a character class per character.)
_SENT_MARKS = ".!?؟…\n"
_SENT_END = re.compile(
    r"[.!?؟…\n](?:(?<=\n)(?:[ \t]*\n\s*)?"
    r"|(?<![A-Z]\.[A-Z].)(?<!\b[A-Z].)(?<![.!?؟…].)[.!?؟…]*+[\"'»”)]*+(?=\s))"
)
_WRAP_MIN = 50  # a line at least this long that breaks mid-clause is a wrapped line
_LINE_BLANKS = " \t\n"  # (and "": a text's end) what may start a blank line after a break
_STOPS = ".!?؟…"  # the marks (but a line break) that may end a sentence
# What may follow such a mark in a sentence end: more marks, closing quotes, then white space.
_AFTER_STOP = _STOPS + "\"'»”)"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the text, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    end = 0  # the end of the last break: the marks before it are part of it
    for brk in find_all(text, _SENT_MARKS):
        if brk < end:
            continue
        if text[brk] != "\n":
            stop_end = _stop_end(text, brk)
            if stop_end < 0:
                continue
            end = stop_end
            alone = False  # (not a line break alone)
        elif text[brk + 1 : brk + 2] not in _LINE_BLANKS:
            # A line break before a character other than a space, a tab or another break
            # is a break by itself (the pattern's blank-line group cannot match): no match.
            end = brk + 1
            alone = True
        else:
            m = _SENT_END.match(text, brk)
            if m is None:
                continue
            end = m.end()
            alone = end == brk + 1
        if alone:
            line_start = text.rfind("\n", 0, brk) + 1
            # The last character before the break is on its line unless the line is blank
            # (copying only the line, not the text up to it).
            if _mid_clause(text[line_start:brk].rstrip() or text[:brk].rstrip()) and (
                brk - line_start >= _WRAP_MIN or _lower_next(text, end)
            ):
                continue
        _add_stripped(text, pos, end, spans)
        pos = end
    _add_stripped(text, pos, len(text), spans)
    return spans


def _stop_end(text: str, brk: int) -> int:
    """Where `_SENT_END` matches at the mark text[brk] (not a line break) ends; -1 if it does
    not match. Most marks are read without the pattern: a mark then white space, after a
    character that is no capital (A-Z) nor mark, ends there (no look-behind can match); a
    mark before what cannot follow one in a sentence end ("2.5", "a.m", the text's end)
    matches not."""
    nxt = text[brk + 1 : brk + 2]
    if nxt.isspace():
        prev = text[brk - 1 : brk]
        if prev and not ("A" <= prev <= "Z") and prev not in _STOPS:
            return brk + 1
    elif not nxt or nxt not in _AFTER_STOP:
        return -1
    m = _SENT_END.match(text, brk)
    return -1 if m is None else m.end()


def _mid_clause(before: str) -> bool:
    prev = before[-1:]
    return prev.isalnum() or prev in ",،;"


def _lower_next(text: str, pos: int) -> bool:
    """Whether the next line starts with a lower-case letter: a short line that breaks
    mid-clause before one is wrapped too ("The Bank is unlikely to change\nits policies")."""
    nxt = text[pos : pos + _WRAP_MIN].lstrip()[:1]
    return nxt.islower()


def _add_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


class SentenceIndex:
    """Finds the sentence that holds a span, by bisection over the sentence starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentences(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence holding [start, end), widened to cover the span itself."""
        import bisect

        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return (start, end)
        s, e = self.spans[i]
        while e < end and i + 1 < len(self.spans):
            i += 1
            e = self.spans[i][1]
        return (min(s, start), max(e, end))

    def sentence(self, start: int, end: int) -> str:
        s, e = self.around(start, end)
        return self.text[s:e]


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# The runs of word characters, as the one group of re.split (possessive: nothing follows that
# could need a shorter run). The inner hyphens and apostrophes of `_WORD` are joined after the
# split (see `split_words`): an optional group after every run cost a third of the split.
_WORD_SPLIT = re.compile(r"(\w++)")


def words(text: str) -> list[tuple[int, int]]:
    """Word spans of a (normalised) text: letters and digits joined by inner hyphens/apostrophes."""
    return [m.span() for m in _WORD.finditer(text)]  # not cached: it serves short phrases too


class Split(NamedTuple):
    """The words of a text (as `words`), their offsets, and the gaps between word k and k+1."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    gaps: list[str]


@lru_cache(maxsize=8)
def split_words(text: str) -> Split:
    """The words of `words(text)` with their offsets, cached: several extractors read the same
    normalised text.

    Most words stand between single spaces: the text is cut at its spaces in C, and a piece
    of word characters alone (`str.isalnum`, as the engine reads \\w but "_") is a word as it
    is. Only the other pieces (punctuation, a line break, "_") are split by the regular
    expression, a step that costs several times a piece's test. Then the runs joined by a
    hyphen or an apostrophe (a gap of that one character) take a step each: such a gap lies
    inside one of those other pieces, where the split finds it (no scan of the text for
    them). The lists are shared: callers must not change them.
    """
    # Offsets as the shared int objects: compiled (dashboard/native.py), the sums are native
    # ints and no int object is allocated.
    shared: tuple[Any, ...] = offsets(len(text) + 1)
    words: list[str] = []
    starts: list[Any] = []
    ends: list[Any] = []
    gaps: list[str] = []
    joins: list[int] = []  # the words k joined to word k + 1 (by a hyphen or an apostrophe)
    pos = 0  # the start of the piece
    end = -1  # the end of the last word (none yet)
    # (A line break is cut at as a space is: the same length, and the gaps are the original's.)
    spaced = text.replace("\n", " ") if "\n" in text else text
    nl = text.find("\n")  # the first line break at or after the last word's end (-1: none)
    for piece in spaced.split(" "):
        n = len(piece)
        word = piece
        if not word.isalnum():
            word = piece[:-1]  # most other pieces are a word and the stop or comma after it
            if not word.isalnum() or piece[-1] == "_":
                if n:
                    end = _split_piece(
                        text, piece, pos, end, shared, words, starts, ends, gaps, joins
                    )
                pos += n + 1
                continue
        if end >= 0:
            if end == pos - 1:
                # After a word that filled its piece, the gap is the one character cut at:
                # a space or a line break (no slice of the text).
                if 0 <= nl < end:
                    nl = text.find("\n", end)
                gaps.append("\n" if nl == end else " ")
            else:
                gaps.append(text[end:pos])
        words.append(word)
        starts.append(shared[pos])
        end = pos + len(word)
        ends.append(shared[end])
        pos += n + 1
    split = Split(words, starts, ends, gaps)
    return _join(text, split, joins) if joins else split


def _split_piece(
    text: str,
    piece: str,
    pos: int,
    end: int,
    shared: tuple[Any, ...],
    words: list[str],
    starts: list[Any],
    ends: list[Any],
    gaps: list[str],
    joins: list[int],
) -> int:
    """Add the words of a piece of `text` (from `pos`) split as by the regular expression
    (`_parts`), and the gaps before them (after the last word, ending at `end`, -1 if none),
    and the words joined to the next one by a hyphen or an apostrophe (the whole gap between
    them) to `joins`: the new end."""
    parts = _parts(piece)
    at = pos + len(parts[0])
    last = len(parts) - 2  # the piece's last word
    for k in range(1, len(parts), 2):
        if end >= 0:
            gaps.append(text[end:at])
        word = parts[k]
        gap = parts[k + 1]
        # (Three compares: `gap in "-'’"` would also hold for a gap of two of them.)
        if k < last and (gap == "-" or gap == "'" or gap == "’"):
            joins.append(len(words))
        words.append(word)
        starts.append(shared[at])
        end = at + len(word)
        ends.append(shared[end])
        at = end + len(gap)
    return end


# Punctuation (no word character) that most often stands before or after a word in a piece.
_MARKS = "«»\"'()[].,،؛:;!?؟%/*-–—…“”‘’"


def _parts(piece: str) -> list[str]:
    """`_WORD_SPLIT.split(piece)`. Most pieces are marks alone ("،"), a word between marks
    ("«كلمة»", "(5)."), or two words around a "." or "," ("2.5"): cut in C (strip,
    partition), as the pattern would, at a fraction of its cost."""
    rest = piece.lstrip(_MARKS)
    core = rest.rstrip(_MARKS)
    if not core:
        return [piece]
    lead = piece[: len(piece) - len(rest)]
    trail = rest[len(core) :]
    if core.isalnum():  # (letters and digits: word characters, but "_")
        return [lead, core, trail]
    for sep in ".,":
        head, found, tail = core.partition(sep)
        if found and head.isalnum() and tail.isalnum():
            return [lead, head, sep, tail, trail]
    return _WORD_SPLIT.split(piece)


def _join(text: str, split: Split, joins: list[int]) -> Split:
    """The split with word k, its gap and word k + 1 joined into one word, for every k of
    `joins` (in order). In one pass of slices: a text may hold many joined words."""
    words, starts, ends, gaps = split
    w: list[str] = []
    s: list[int] = []
    e: list[int] = []
    g: list[str] = []
    prev = gap = 0  # the first word and the first gap not copied yet
    i = 0
    while i < len(joins):
        first = last = joins[i]  # words first .. last + 1 make one
        while i + 1 < len(joins) and joins[i + 1] == last + 1:
            i += 1
            last += 1
        w += words[prev:first]
        w.append(text[starts[first] : ends[last + 1]])
        s += starts[prev : first + 1]
        e += ends[prev:first]
        e.append(ends[last + 1])
        g += gaps[gap:first]
        prev, gap = last + 2, last + 1
        i += 1
    return Split(w + words[prev:], s + starts[prev:], e + ends[prev:], g + gaps[gap:])


# Places, dates and claims each peel the words of every document; one bounded memo per
# proclitics serves them all (an article's vocabulary repeats across articles, and the tuples
# are small). The memo in use is kept with its proclitics, found by identity: they are one
# cached tuple in practice, and hashing a tuple of twenty words per call (as a cache keyed by
# both arguments does) cost as much as the look-up saves.
_PEEL_MAX: Final = 1 << 16
_PEEL_MEMOS: dict[tuple[str, ...], dict[str, tuple[tuple[int, str], ...]]] = {}
_peel_last: tuple[tuple[str, ...], dict[str, tuple[tuple[int, str], ...]]] = ((), {})


def peel(token: str, proclitics: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Readings of an Arabic token with its proclitics peeled: (offset into token, core).

    `proclitics` are the letter strings that can stand before a word (و ف ب ل ك and their
    combinations). "لل" before a noun is ل + the article, so "للصين" also reads as "الصين"
    (offset 0: the span keeps the whole token, as no substring of it spells the name).
    """
    global _peel_last
    last, memo = _peel_last
    if last is not proclitics:
        memo = _PEEL_MEMOS.setdefault(proclitics, {})
        _peel_last = (proclitics, memo)
    got = memo.get(token)
    if got is None:
        if len(memo) >= _PEEL_MAX:  # bounded: a full memo starts anew
            memo.clear()
        got = memo[token] = _peel(token, proclitics)
    return got


def _peel(token: str, proclitics: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    readings = [(0, token)]
    for n, lam in _leading(token, proclitics):
        if len(token) - n >= 2:
            rest = token[n:]
            readings.append((n, rest))
            if lam and rest[0] == "ل" and len(rest) >= 3:
                readings.append((0, "ا" + rest))
    return tuple(readings)


class _Leads:
    """The proclitics by their letters, and word starts as long as the longest proclitic ->
    (length, whether it ends in ل) of the proclitics each starts with, in their order.

    A plain class, not a NamedTuple: compiled (dashboard/native.py), its fields are read as
    struct members."""

    def __init__(
        self,
        proclitics: tuple[str, ...],
        positions: dict[str, list[int]],
        lengths: list[int],
        letters: str,
    ) -> None:
        self.proclitics = proclitics
        self.positions = positions  # proclitic -> its positions in `proclitics`
        self.lengths = lengths  # the proclitics' lengths, shortest first
        self.letters = letters  # every letter of a proclitic
        self.memo: dict[str, tuple[tuple[int, bool], ...]] = {}


_LEADS = _Leads((), {}, [], "")
_LEADS_MAX: Final = 1 << 16


def _leading(token: str, proclitics: tuple[str, ...]) -> tuple[tuple[int, bool], ...]:
    """(length, whether it ends in ل) of each proclitic the token starts with, in their order."""
    # Each peeled word is new (`peel` is cached): a str.startswith per proclitic cost most of
    # its time. A proclitic is made of the `letters` alone, so the ones a word starts with are
    # those its leading run of these letters starts with: a few hundred such runs cover a
    # language's words, and each is looked up by its prefixes once. The proclitics are one
    # cached tuple in practice, kept by identity (a tuple's hash is not cached: hashing it per
    # word would cost as much as the look-up saves).
    global _LEADS
    leads = _LEADS
    if leads.proclitics is not proclitics or len(leads.memo) >= _LEADS_MAX:
        leads = _LEADS = _leads(proclitics)
    head = token[: leads.lengths[-1]] if leads.lengths else ""
    head = head[: len(head) - len(head.lstrip(leads.letters))]
    found = leads.memo.get(head)
    if found is None:
        at: list[int] = []
        for n in leads.lengths:
            if n > len(head):
                break
            at += leads.positions.get(head[:n], ())
        at.sort()
        found = leads.memo[head] = tuple(
            [(len(proclitics[i]), proclitics[i].endswith("ل")) for i in at]
        )
    return found


def _leads(proclitics: tuple[str, ...]) -> _Leads:
    positions: dict[str, list[int]] = {}
    for i, p in enumerate(proclitics):
        positions.setdefault(p, []).append(i)
    lengths = sorted({len(p) for p in proclitics})
    return _Leads(proclitics, positions, lengths, "".join(sorted(set("".join(proclitics)))))

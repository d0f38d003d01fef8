"""Token streams over normalised text and look-up of multiword lexicon phrases in them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import accumulate
from typing import Generic, NoReturn, TypeVar, cast

from dashboard.extract.positions import positions
from dashboard.text import Normalised, Split, fold

V = TypeVar("V")

# Words are runs of letters; numbers are digit runs with inner separators; anything else that
# is not white space is a one-character symbol token.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
# Per-word memos (bounded by the vocabulary) are dropped past this size.
MEMO_MAX = 200_000


class Token:
    """A token of the normalised text: kind is 'num', 'word' or 'sym'.

    A plain class, not a NamedTuple: compiled, its fields are struct reads (the figure
    grammar reads them most of all)."""

    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, kind: str, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.text!r}, {self.start}, {self.end})"


class OutOfWindow(Exception):
    """A reader of a window of a token stream read past it (see `Edge`)."""


class Edge(Token):
    """Stands for a token beyond a window of a token stream (figures reads windows around
    their seeds): it has no fields, so that any read of one raises AttributeError (compiled,
    the struct read of an unset field; OutOfWindow from `__getattr__` otherwise), and a
    reader cannot run past the window unnoticed."""

    __slots__ = ()

    def __init__(self) -> None:
        pass  # no field is set

    def __getattr__(self, name: str) -> NoReturn:
        raise OutOfWindow(name)


def starts(tok: Token, firsts: frozenset[str], proclitics: frozenset[str]) -> bool:
    """Whether a token is one of `firsts`, bare or behind proclitics (a cheap pre-test)."""
    text = tok.text
    if text in firsts:
        return True
    return any(
        text[:k] in proclitics and text[k:] in firsts for k in range(1, min(4, len(text) - 2) + 1)
    )


def tokenize(norm: str) -> list[Token]:
    """Tokens of a normalised text, in order (a fresh list of the shared, cached tokens)."""
    return list(_tokens(norm))


@lru_cache(maxsize=4)
def _tokens(norm: str) -> tuple[Token, ...]:
    return tuple(_build(_TOKEN_SPLIT.split(norm)))


def word_tokens(text: str, split: Split, alpha: list[bool], first: int, last: int) -> list[Token]:
    """The tokens of `tokenize(text)` from the start of word `first` of `split` (a split of
    `text`) to the end of word `last` (from the text's start for word 0, to its end for the
    last word), when no token runs across either end. `alpha` tells the words of letters only
    (`str.isalpha`).

    No pattern reads most of the words: a word of letters only is a word token, a run of
    words of digits joined by a "." or "," alone ("1.5") a number, and the characters between
    words (no word characters) one-character symbols. Only the runs of other words ("F-16",
    "5kg") are split by the pattern, with the gaps around them."""
    words = split.words
    starts = split.starts
    ends = split.ends
    gaps = split.gaps
    out: list[Token] = []
    pos = starts[first] if first else 0  # the text before is tokenised
    w = first
    while w <= last:
        v = w if alpha[w] else _number_end(words, gaps, w, last)
        if v >= 0:
            start = starts[w]
            if pos < start and (not w or gaps[w - 1] != " "):  # (most gaps: one space)
                _symbols(gaps[w - 1] if w else text[:start], pos, out)
            if v == w:
                out.append(Token("word" if alpha[w] else "num", words[w], start, ends[w]))
            else:
                out.append(Token("num", text[start : ends[v]], start, ends[v]))
            pos = ends[v]
            w = v + 1
            continue
        k = w  # the run's first word
        w += 1
        while w <= last and not alpha[w] and _number_end(words, gaps, w, last) < 0:
            w += 1
        end = starts[w] if w <= last else ends[last] if last < len(gaps) else len(text)
        piece = text[pos:end]
        # Most runs are one word of letters and digits ("2015م", "و400"): cut at once, the
        # characters around are symbols as between other words ("_" is none: the pattern's).
        cut = _letters_digits(words[k]) if w == k + 1 and "_" not in piece else 0
        if not cut:
            out += _build(_TOKEN_SPLIT.split(piece), pos)
            pos = end
            continue
        start = starts[k]
        if pos < start:
            _symbols(gaps[k - 1] if k else text[:start], pos, out)
        word = words[k]
        head, tail = word[:cut], word[cut:]
        first_kind, second_kind = ("num", "word") if head.isdecimal() else ("word", "num")
        out.append(Token(first_kind, head, start, start + cut))
        out.append(Token(second_kind, tail, start + cut, ends[k]))
        pos = ends[k]
    if last == len(gaps) and pos < len(text):
        _symbols(text[pos:], pos, out)
    return out


def _letters_digits(word: str) -> int:
    """Where a word of letters then digits ("و400"), or digits then letters ("2015م"), changes
    from one to the other; 0 for any other word. (ASCII digits: others take the pattern.)"""
    rest = word.lstrip(_DIGITS)
    if rest == word:
        rest = word.rstrip(_DIGITS)
        return len(rest) if rest != word and rest.isalpha() else 0
    return len(word) - len(rest) if rest and rest.isalpha() else 0


_DIGITS = "0123456789"


def _separator(gap: str) -> bool:
    """Whether a gap between words is a number's inner separator alone ("1.5", "2,000")."""
    return gap == "." or gap == ","  # (compiled, two compares: no global set to look up)


def _number_end(words: list[str], gaps: list[str], w: int, last: int) -> int:
    """The last word (up to `last`) of the number token that word w starts when it is a run
    of words of digits joined by separators; -1 when word w is no such start (other
    characters, or a number's tail), or the number runs on into a word not of digits."""
    if not words[w].isdecimal() or (w and _separator(gaps[w - 1])):
        return -1
    v = w
    while v < len(gaps) and _separator(gaps[v]) and words[v + 1][0].isdecimal():
        if v == last or not words[v + 1].isdecimal():
            return -1  # ("1.5kg": the pattern tells)
        v += 1
    return v


def _symbols(gap: str, start: int, out: list[Token]) -> None:
    """Add the symbol tokens of text between words (`gap`, at offset `start`) to `out`."""
    if gap == " ":
        return  # (most gaps)
    for k in range(len(gap)):
        c = gap[k]
        if not c.isspace():
            out.append(Token("sym", c, start + k, start + k + 1))


def _build(parts: list[str], base: int = 0) -> list[Token]:
    # re.split gives the gaps and tokens in turn, their running lengths (from `base`) are the
    # offsets, and a token's kind is memoised per token text (a probe of the text, no
    # one-character string to make per token as its first character would): a Python step
    # per token makes the Token.
    texts = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=base))
    kinds = list(map(_KIND_OF.get, texts))
    if None in kinds:
        _learn_kinds(texts, kinds)
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    known = cast("list[str]", kinds)  # (no None is left)
    # Indexed in a comprehension: cheaper than map(Token, ...), compiled or not.
    return [Token(known[k], texts[k], starts[k], ends[k]) for k in range(len(texts))]


def _learn_kinds(texts: list[str], kinds: list[str | None]) -> None:
    """Fill the kinds (None) of the texts not in the memo, and memoise them."""
    if len(_KIND_OF) > MEMO_MAX:
        _KIND_OF.clear()
    for k in positions(kinds, None):
        text = texts[k]
        c = text[0]  # the first character's kind, as `_TOKEN` reads it
        # isdecimal, as \d: "⓽" is a digit to isdigit() but no number float() can read.
        kinds[k] = _KIND_OF[text] = "num" if c.isdecimal() else "word" if c.isalpha() else "sym"


# `_TOKEN` as the one group of re.split. It starts with one character class (any character
# of a token: the three kinds' first characters are all but white space and "_"), so that
# the engine skips in C from token to token; a look-behind at that character then picks the
# kind as `_TOKEN` would (letters first, the most frequent; else a one-character symbol).
# The runs are possessive (nothing follows that could need a shorter one): no backtracking
# state is kept.
_TOKEN_SPLIT = re.compile(r"([^\s_](?:(?<=[^\W\d_])[^\W\d_]*+|(?<=\d)\d*+(?:[.,]\d++)*+|))")
_KIND_OF: dict[str, str] = {}  # token text -> its kind (bounded by MEMO_MAX)


def joined(norm: str, a: Token, b: Token) -> bool:
    """True when b follows a after at most a few spaces and one line break (wrapped newswire)."""
    gap = norm[a.end : b.start]
    # Most gaps are none or one space: no method calls for them.
    return not gap or gap == " " or (len(gap) <= 4 and gap.count("\n") <= 1 and not gap.strip())


def adjacent(a: Token, b: Token) -> bool:
    """True when b starts exactly where a ends."""
    return a.end == b.start


_NO_READINGS: list[tuple[int, str]] = []  # shared: never changed


class PhraseTable(Generic[V]):
    """Lexicon phrases (tokenised and normalised) keyed by their first token; longest match wins.

    With `proclitics`, the first token may carry Arabic proclitics (و، ب، ل ...), so that
    "بنحو" matches the phrase "نحو"; the match then starts after the peeled letters.
    """

    def __init__(self, items: Mapping[str, V], proclitics: tuple[str, ...] = ()) -> None:
        self._memo: dict[str, list[tuple[int, str]]] = {}  # word -> its readings (below)
        self.proclitics = frozenset(proclitics)
        self._longest_clitic = max((len(p) for p in proclitics), default=0)
        self._by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in items.items():
            toks = tuple(t.text for t in tokenize(fold(phrase)))
            if toks:
                self._by_first.setdefault(toks[0], []).append((toks, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        # The readings of a first token taken as it is, built once (read-only lists): a match
        # then builds none per call.
        self._bare: dict[str, list[tuple[int, str]]] = {w: [(0, w)] for w in self._by_first}
        # The last words of the phrases of two words or more: a cheap test for match_ending.
        self._lasts = frozenset(
            toks[-1] for entries in self._by_first.values() for toks, _ in entries if len(toks) > 1
        )

    @property
    def firsts(self) -> frozenset[str]:
        """The first tokens of all phrases."""
        return frozenset(self._by_first)

    def __contains__(self, word: str) -> bool:
        return any(len(toks) == 1 for toks, _ in self._by_first.get(word, []))

    def _first_readings(self, tok: Token) -> list[tuple[int, str]]:
        """The token, and the token without each proclitic it may carry, that start a phrase.

        Memoised per word: the same words recur in every document (read-only lists).
        """
        text = tok.text
        if tok.kind != "word" or not self._longest_clitic:
            return self._bare.get(text, _NO_READINGS)
        readings = self._memo.get(text)
        if readings is None:
            readings = [(0, text)] if text in self._by_first else []
            for k in range(1, min(self._longest_clitic, len(text) - 2) + 1):
                if text[:k] in self.proclitics and text[k:] in self._by_first:
                    readings.append((k, text[k:]))
            if len(self._memo) > MEMO_MAX:
                self._memo.clear()
            self._memo[text] = readings
        return readings

    def match(
        self, norm: Normalised, toks: list[Token], i: int, peel: bool = True
    ) -> tuple[V, int, int] | None:
        """(value, index after the phrase, normalised start) of the longest phrase at token i."""
        if i >= len(toks):
            return None
        best: tuple[V, int, int] | None = None
        tok = toks[i]
        readings = self._first_readings(tok) if peel else self._bare.get(tok.text, _NO_READINGS)
        for offset, first in readings:
            for phrase, value in self._by_first[first]:  # (a reading starts a phrase)
                n = len(phrase)
                if best is not None and n <= best[1] - i:
                    break
                if i + n > len(toks):
                    continue
                if n == 1 or all(  # most phrases are one word: no generator to build
                    toks[i + k].text == phrase[k]
                    and joined(norm.text, toks[i + k - 1], toks[i + k])
                    for k in range(1, n)
                ):
                    best = (value, i + n, toks[i].start + offset)
                    break
        return best

    def match_ending(
        self, norm: Normalised, toks: list[Token], end: int
    ) -> tuple[V, int, int] | None:
        """(value, first token index, normalised start) of the longest phrase ending at `end`."""
        if end < 1:
            return None
        last = toks[end - 1]
        if last.text not in self._lasts and not self._first_readings(last):
            return None  # no phrase ends with this token (most tokens)
        best: tuple[V, int, int] | None = None
        for n in range(1, 5):
            i = end - n
            if i < 0:
                break
            if n > 1 and not joined(norm.text, toks[end - 2], toks[end - 1]):
                break
            found = self.match(norm, toks, i)
            if found and found[1] == end:
                best = (found[0], i, found[2])
        return best

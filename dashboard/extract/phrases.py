"""Token streams over normalised text and look-up of multiword lexicon phrases in them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from dashboard.text import Normalised, fold

V = TypeVar("V")

# Words are runs of letters; numbers are digit runs with inner separators; anything else that
# is not white space is a one-character symbol token.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")


@dataclass(frozen=True)
class Token:
    """A token of the normalised text: kind is 'num', 'word' or 'sym'."""

    kind: str
    text: str
    start: int
    end: int


def starts(tok: Token, firsts: frozenset[str], proclitics: frozenset[str]) -> bool:
    """Whether a token is one of `firsts`, bare or behind proclitics (a cheap pre-test)."""
    text = tok.text
    if text in firsts:
        return True
    return any(
        text[:k] in proclitics and text[k:] in firsts for k in range(1, min(4, len(text) - 2) + 1)
    )


def tokenize(norm: str) -> list[Token]:
    """Tokens of a normalised text, in order."""
    out = []
    for m in _TOKEN.finditer(norm):
        t = m.group()
        # isdecimal, as \d: "⓽" is a digit to isdigit() but no number float() can read.
        kind = "num" if t[0].isdecimal() else "word" if t[0].isalpha() else "sym"
        out.append(Token(kind, t, m.start(), m.end()))
    return out


def joined(norm: str, a: Token, b: Token) -> bool:
    """True when b follows a after at most a few spaces and one line break (wrapped newswire)."""
    gap = norm[a.end : b.start]
    return len(gap) <= 4 and gap.count("\n") <= 1 and not gap.strip()


def adjacent(a: Token, b: Token) -> bool:
    """True when b starts exactly where a ends."""
    return a.end == b.start


class PhraseTable(Generic[V]):
    """Lexicon phrases (tokenised and normalised) keyed by their first token; longest match wins.

    With `proclitics`, the first token may carry Arabic proclitics (و، ب، ل ...), so that
    "بنحو" matches the phrase "نحو"; the match then starts after the peeled letters.
    """

    def __init__(self, items: Mapping[str, V], proclitics: tuple[str, ...] = ()) -> None:
        self.proclitics = frozenset(proclitics)
        self._longest_clitic = max((len(p) for p in proclitics), default=0)
        self._by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in items.items():
            toks = tuple(t.text for t in tokenize(fold(phrase)))
            if toks:
                self._by_first.setdefault(toks[0], []).append((toks, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    @property
    def firsts(self) -> frozenset[str]:
        """The first tokens of all phrases."""
        return frozenset(self._by_first)

    def __contains__(self, word: str) -> bool:
        return any(len(toks) == 1 for toks, _ in self._by_first.get(word, []))

    def _first_readings(self, tok: Token) -> list[tuple[int, str]]:
        """The token, and the token without each proclitic it may carry, that start a phrase."""
        text = tok.text
        readings = [(0, text)] if text in self._by_first else []
        if tok.kind == "word" and self._longest_clitic:
            for k in range(1, min(self._longest_clitic, len(text) - 2) + 1):
                if text[:k] in self.proclitics and text[k:] in self._by_first:
                    readings.append((k, text[k:]))
        return readings

    def match(
        self, norm: Normalised, toks: list[Token], i: int, peel: bool = True
    ) -> tuple[V, int, int] | None:
        """(value, index after the phrase, normalised start) of the longest phrase at token i."""
        if i >= len(toks):
            return None
        best: tuple[V, int, int] | None = None
        readings = self._first_readings(toks[i]) if peel else [(0, toks[i].text)]
        for offset, first in readings:
            for phrase, value in self._by_first.get(first, []):
                n = len(phrase)
                if best is not None and n <= best[1] - i:
                    break
                if i + n > len(toks):
                    continue
                if all(
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

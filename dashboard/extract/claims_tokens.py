"""Tokens, clause-level sentences and phrase look-up shared by the claims and entities extractors.

Tokens carry original offsets (the document text is never changed) plus folded readings with
Arabic proclitics peeled, so a lexicon phrase matches "وتشير" as well as "تشير".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from dashboard.text import fold, normalise, peel, words


class Token(NamedTuple):
    """One word: original span, folded form, and (original start, folded core) readings."""

    i: int
    start: int
    end: int
    norm: str
    readings: tuple[tuple[int, str], ...]
    upper: bool  # original first letter is a capital (names in Latin script)


@lru_cache(maxsize=8)
def tokens_for(text: str, proclitics: tuple[str, ...]) -> tuple[Token, ...]:
    """Tokens of a text, cached: the claims and entities extractors share one pass."""
    return tuple(tokenize(text, proclitics))


def tokenize(text: str, proclitics: tuple[str, ...]) -> list[Token]:
    """Word tokens of `text` with proclitic readings mapped back to original offsets."""
    nt = normalise(text)
    index, ntext = nt.index, nt.text
    initials = {p[0] for p in proclitics}
    toks: list[Token] = []
    for m in _WORD.finditer(ntext):
        a, b = m.span()
        s, e = index[a], index[b - 1] + 1
        form = m.group()
        if form[0] in initials:
            readings = tuple((index[a + off], core) for off, core in peel(form, proclitics))
        else:
            readings = ((s, form),)
        toks.append(Token(len(toks), s, e, form, readings, text[s].isupper()))
    return toks


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")  # the same word pattern as dashboard.text.words


# A clause-level sentence ends at . ! ? ؟ … followed by space, at a blank line, or at a single
# line break after a short line (a title or dateline). Hard-wrapped lines (news-wire style)
# continue the sentence, so a reported statement is not cut at the wrap.
_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])[.!?؟…]+[\"'»”)]*(?=\s)|\n[ \t]*\n\s*|\n")
_WRAP_MIN = 50


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _END.finditer(text):
        if m.group() == "\n":
            line_start = text.rfind("\n", 0, m.start()) + 1
            prev = text[: m.start()].rstrip()[-1:]
            wrapped = m.start() - line_start >= _WRAP_MIN and (prev.isalnum() or prev in ",،;")
            if wrapped:
                continue
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def sentence_of(tokens: list[Token], spans: list[tuple[int, int]]) -> list[int]:
    """The sentence number of every token."""
    starts = [s for s, _ in spans]
    return [max(0, bisect.bisect_right(starts, t.start) - 1) for t in tokens]


def gap(text: str, tokens: list[Token], i: int) -> str:
    """The characters between token i-1 and token i (punctuation, spaces, quotes)."""
    if i <= 0 or i >= len(tokens):
        return ""
    return text[tokens[i - 1].end : tokens[i].start]


def folded_set(items: Iterable[str]) -> frozenset[str]:
    """Lexicon words in the folded form tokens are compared with."""
    return frozenset(fold(w) for w in items)


class PhraseTable:
    """Multi-word lexicon phrases looked up at a token position, longest first.

    Only the first word of a phrase may carry a proclitic (and only those in `first_clitics`,
    when given); the other words must match whole tokens.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        self.table: dict[tuple[str, ...], Any] = {}
        for phrase, payload in entries:
            key = tuple(phrase_words(phrase))
            if key:
                self.table.setdefault(key, payload)
        self.max_len = max((len(k) for k in self.table), default=0)
        self.firsts = frozenset(k[0] for k in self.table)  # fast rejection of most tokens

    def match(
        self,
        tokens: list[Token],
        i: int,
        text: str = "",
        first_clitics: frozenset[str] | None = None,
        capitalised: bool = False,
    ) -> tuple[int, int, Any] | None:
        """(number of tokens, original start of the match, payload) at token i, or None.

        With `text`, the words of a phrase must not be split by punctuation. With
        `capitalised`, the first word must start with a capital letter in the original.
        """
        tok = tokens[i]
        cands = [(s, c) for s, c in tok.readings if c in self.firsts]
        if not cands:
            return None
        for n in range(min(self.max_len, len(tokens) - i), 0, -1):
            rest = tuple(t.norm for t in tokens[i + 1 : i + n])
            for start, core in cands:
                payload = self.table.get((core, *rest))
                if payload is None:
                    continue
                clitic = tok.norm[: len(tok.norm) - len(core)]
                if first_clitics is not None and clitic and clitic not in first_clitics:
                    continue
                if capitalised and not text[start : start + 1].isupper():
                    continue
                if text and any(_breaks(gap(text, tokens, j)) for j in range(i + 1, i + n)):
                    continue
                return n, start, payload
        return None


def phrase_words(phrase: str) -> list[str]:
    """The folded words of a lexicon phrase."""
    f = fold(phrase)
    return [f[a:b] for a, b in words(f)]


def _breaks(between: str) -> bool:
    return breaks(between)


def breaks(between: str) -> bool:
    """Whether the characters between two words separate phrases (punctuation, a blank line)."""
    return any(not (c.isspace() or c in "-'’") for c in between) or between.count("\n") >= 2

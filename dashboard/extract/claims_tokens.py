"""Tokens, clause-level sentences and phrase look-up shared by the claims and entities extractors.

Tokens carry original offsets (the document text is never changed) plus folded readings with
Arabic proclitics peeled, so a lexicon phrase matches "وتشير" as well as "تشير".
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import contains, itemgetter
from typing import Any, NamedTuple

from dashboard.text import fold, normalise, peel, sentences, split_words, words


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


@lru_cache(maxsize=8)
def readings_for(text: str, proclitics: tuple[str, ...]) -> dict[str, list[int]]:
    """`reading_index` of the text's tokens, cached like `tokens_for` (read-only)."""
    return reading_index(tokens_for(text, proclitics))


def reading_index(toks: Iterable[Token]) -> dict[str, list[int]]:
    """Every folded reading (word, or word with its proclitics peeled) -> its token numbers.

    Finders intersect this with their phrase tables' first words, so that they visit only the
    few tokens where a phrase can start instead of testing every token. (The numbers of a
    reading are in no particular order: `candidates` sorts them.)
    """
    index: dict[str, list[int]] = {}
    setdefault = index.setdefault
    for t in toks:
        readings = t[4]
        if len(readings) == 1:
            setdefault(t[3], []).append(t[0])
        else:
            for _, core in readings:
                setdefault(core, []).append(t[0])
    return index


def candidates(index: dict[str, list[int]], firsts: frozenset[str]) -> list[int]:
    """Sorted token numbers where a reading is one of `firsts`."""
    hits: set[int] = set()
    for core in index.keys() & firsts:
        hits.update(index[core])
    return sorted(hits)


# Words repeat: each distinct form is peeled once per process (bounded by the vocabulary).
_PEELED: dict[tuple[str, ...], dict[str, tuple[tuple[int, str], ...]]] = {}
_PEELED_MAX = 200_000
_MAKE = partial(tuple.__new__, Token)  # a Token from a tuple, without a Python-level call


def tokenize(text: str, proclitics: tuple[str, ...]) -> list[Token]:
    """Word tokens of `text` with proclitic readings mapped back to original offsets."""
    # The tokens are acyclic tuples: the cyclic collector's passes over them while they are
    # built cost a third of the time, so it pauses for the loop.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _tokenize(text, proclitics)
    finally:
        if was_enabled:
            gc.enable()


def _tokenize(text: str, proclitics: tuple[str, ...]) -> list[Token]:
    # The words of the shared normalised text (dashboard.text), mapped back to original
    # offsets; every per-token step that can runs in C (map, zip, compress), and Python
    # steps only for the words that may carry a proclitic or a hyphen.
    norm = normalise(text)
    forms, nstarts, nends, _ = split_words(norm.text)
    index = norm.index
    starts = list(map(index.__getitem__, nstarts))
    ends = list(map((1).__add__, map(index.__getitem__, map((-1).__add__, nends))))
    readings: list[tuple[tuple[int, str], ...]] = list(zip(zip(starts, forms, strict=True)))
    upper = list(map(str.isupper, map(text.__getitem__, starts)))
    initials = {p[0] for p in proclitics}
    if initials:
        cache = _PEELED.setdefault(proclitics, {})
        if len(cache) > _PEELED_MAX:
            cache.clear()
        for k in compress(range(len(forms)), map(initials.__contains__, map(itemgetter(0), forms))):
            form = forms[k]
            peeled = cache.get(form)
            if peeled is None:
                peeled = cache[form] = tuple(peel(form, proclitics))
            if len(peeled) > 1:
                a = nstarts[k]
                readings[k] = tuple([(index[a + off], core) for off, core in peeled])
    # "al-Thani", "bin-Salman": a lower-case name particle before a capitalised name
    for k in compress(range(len(forms)), map(contains, forms, repeat("-"))):
        form = forms[k]
        if not upper[k] and "-" in form[:4]:
            upper[k] = text[starts[k] + form.find("-") + 1].isupper()
    return list(
        map(_MAKE, zip(range(len(forms)), starts, ends, forms, readings, upper, strict=True))
    )


# Sentences as everywhere else in the project (wrapped newswire lines continue a sentence).
sentence_spans = sentences


def sentence_of(tokens: Iterable[Token], spans: list[tuple[int, int]]) -> list[int]:
    """The sentence number of every token (one merge pass: both are in text order)."""
    out: list[int] = []
    k, n = 0, len(spans)
    for t in tokens:
        while k + 1 < n and spans[k + 1][0] <= t.start:
            k += 1
        out.append(k)
    return out


@lru_cache(maxsize=8)
def sentences_for(
    text: str, proclitics: tuple[str, ...]
) -> tuple[list[tuple[int, int]], list[int]]:
    """(sentence spans, sentence number of every token), cached like `tokens_for` (read-only)."""
    spans = sentence_spans(text)
    return spans, sentence_of(tokens_for(text, proclitics), spans)


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
        readings = tokens[i].readings
        if len(readings) == 1:  # most tokens: one reading, rejected by one set look-up
            if readings[0][1] not in self.firsts:
                return None
            cands = readings
        else:
            cands = [r for r in readings if r[1] in self.firsts]
            if not cands:
                return None
        tok = tokens[i]
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
    return list(_phrase_words(phrase))


@lru_cache(maxsize=65_536)  # tables of names seen in the text are built per document
def _phrase_words(phrase: str) -> tuple[str, ...]:
    f = fold(phrase)
    return tuple(f[a:b] for a, b in words(f))


def _breaks(between: str) -> bool:
    return breaks(between)


def breaks(between: str) -> bool:
    """Whether the characters between two words separate phrases (punctuation, a blank line)."""
    return any(not (c.isspace() or c in "-'’") for c in between) or between.count("\n") >= 2

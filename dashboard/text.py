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
from itertools import accumulate, chain
from typing import NamedTuple

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


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of `original`; `index[i]` is the original position of character i."""

    original: str
    text: str
    index: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to a span of the original text."""
        if start >= end:
            raise ValueError("empty span")
        a, b = self.index[start], self.index[end - 1] + 1
        # Marks dropped for matching still belong to the word they sit on ("يومياً").
        while b < len(self.original) and unicodedata.category(self.original[b]) == "Mn":
            b += 1
        return a, b


class _FoldTable(dict):
    """Code point -> folded string, filled on first sight, so that `str.translate` folds in C.

    It also keeps the characters whose folded form is not exactly one character (dropped
    marks, ligatures) as a character class: only their offsets need a Python step.
    """

    def __init__(self) -> None:
        super().__init__()
        self.odd: set[str] = set()
        self.odd_pattern = re.compile("(?!)")  # matches nothing until an odd character is seen

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        if len(folded) != 1:
            self.odd.add(chr(code))
            self.odd_pattern = re.compile("[" + re.escape("".join(sorted(self.odd))) + "]")
        return folded


_TABLE = _FoldTable()


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """Fold Arabic letter variants, digits, diacritics and case, keeping an offset map.

    Cached: every extractor normalises the same document, and the work is done once.
    """
    folded = text.translate(_TABLE)  # first, as it learns the text's odd characters
    pieces: list[Iterable[int]] = []
    prev = 0
    for m in _TABLE.odd_pattern.finditer(text):
        p = m.start()
        pieces.append(range(prev, p))
        pieces.append((p,) * len(_TABLE[ord(text[p])]))  # each folded character maps to p
        prev = p + 1
    if not pieces:
        return Normalised(text, folded, tuple(range(len(text))))
    pieces.append(range(prev, len(text)))
    return Normalised(text, folded, tuple(chain.from_iterable(pieces)))


def fold(text: str) -> str:
    """The normalised form of a lexicon string (no offsets needed)."""
    return "".join(_fold_char(c) for c in text)


# A sentence ends at . ! ? ؟ or … followed by space, at a blank line, or at a single line break
# after a short line (a title or a dateline). A dot between digits ("1.5") or after a single
# capital ("U.S.") does not end one, and hard-wrapped lines (newswire) continue the sentence.
# A run of marks is matched from its first mark only, and whole: a line of 10,000 dots is
# one linear scan, not a retry from every dot.
_SENT_END = re.compile(
    r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<![.!?؟…])[.!?؟…]++[\"'»”)]*+(?=\s)|\n[ \t]*\n\s*|\n"
)
_WRAP_MIN = 50  # a line at least this long that breaks mid-clause is a wrapped line


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the text, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group() == "\n":
            line_start = text.rfind("\n", 0, m.start()) + 1
            prev = text[: m.start()].rstrip()[-1:]
            if m.start() - line_start >= _WRAP_MIN and (prev.isalnum() or prev in ",،;"):
                continue
        _add_stripped(text, pos, m.end(), spans)
        pos = m.end()
    _add_stripped(text, pos, len(text), spans)
    return spans


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
_WORD_SPLIT = re.compile(r"(\w+(?:[-'’]\w+)*)")  # the same, as the one group of re.split


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

    Built without a Python step per word: re.split returns the gaps and words in turn, and
    their running lengths are the offsets. The lists are shared: callers must not change them.
    """
    parts = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    return Split(parts[1::2], offsets[1:-1:2], offsets[2::2], parts[2:-1:2])


# Places, dates and claims each peel the words of every document; one bounded memo serves them
# all (an article's vocabulary repeats across articles, and the tuples are small).
@lru_cache(maxsize=1 << 16)
def peel(token: str, proclitics: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Readings of an Arabic token with its proclitics peeled: (offset into token, core).

    `proclitics` are the letter strings that can stand before a word (و ف ب ل ك and their
    combinations). "لل" before a noun is ل + the article, so "للصين" also reads as "الصين"
    (offset 0: the span keeps the whole token, as no substring of it spells the name).
    """
    readings = [(0, token)]
    for p in proclitics:
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p) :]
            readings.append((len(p), rest))
            if p.endswith("ل") and rest.startswith("ل") and len(rest) >= 3:
                readings.append((0, "ا" + rest))
    return tuple(readings)

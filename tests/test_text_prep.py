"""The shortcuts of `normalise` (common letters replaced unseen, odd characters found one by
one while rare) give the plain per-character folding, on long texts thin and thick with marks."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from dashboard.text import (
    _SENT_END,
    _STOPS,
    _fold_char,
    _stop_end,
    normalise,
    split_words,
)
from tests.test_shared_preprocessing import _reference_normalise as reference_normalise

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_COMMON = "ةأىإئؤآ"
_MARKS = "ًٌٍَُِّْـ"  # harakat and tatweel: dropped


def _arabic(seed: int, n: int, marks: float) -> str:
    rng = random.Random(seed)
    chars = []
    for _ in range(n):
        r = rng.random()
        if r < marks:
            chars.append(rng.choice(_MARKS))
        elif r < marks + 0.1:
            chars.append(rng.choice(" ،.\n"))
        elif r < marks + 0.15:
            chars.append(rng.choice(_COMMON + "ﻻﷲ٣Ab"))
        else:
            chars.append(rng.choice(_LETTERS))
    return "".join(chars)


@pytest.mark.parametrize("marks", [0.0, 0.001, 0.01, 0.05, 0.3])
@pytest.mark.parametrize("seed", range(5))
def test_normalise_long_texts_match_per_character_folding(marks: float, seed: int) -> None:
    text = _arabic(seed, 5000, marks)
    norm = normalise(text)
    folded, index = reference_normalise(text)
    assert norm.text == folded
    assert list(norm.index) == index
    assert list(norm.odd) == [i for i, ch in enumerate(text) if len(_fold_char(ch)) != 1]
    assert set(norm.capitals) == {ch for ch in text if ch.isupper()}


def test_span_takes_the_marks_after_a_word_only() -> None:
    text = "زار موسكوً، ثم عاد"
    norm = normalise(text)
    start = norm.text.index("موسكو")
    a, b = norm.span(start, start + len("موسكو"))
    assert text[a:b] == "موسكوً"  # the tanwin, not the Arabic comma after it
    assert unicodedata.category(text[b]) != "Mn"


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@pytest.mark.parametrize("plane", [(0, 0x10000), (0x10000, 0x20000)])
def test_split_words_reads_every_character_as_the_word_pattern(plane: tuple[int, int]) -> None:
    # Each character alone between spaces: a word exactly when \w says so.
    text = " ".join(chr(c) for c in range(*plane) if not 0xD800 <= c < 0xE000)
    text += " a-b c’d 𝐀b"
    split = split_words(text)
    spans = [m.span() for m in _WORD.finditer(text)]
    assert split.words == [text[a:b] for a, b in spans]
    assert list(zip(split.starts, split.ends, strict=True)) == spans


@pytest.mark.parametrize("seed", range(3))
def test_split_words_cuts_pieces_with_marks_as_the_word_pattern(seed: int) -> None:
    # Pieces of marks around words and digits ("«كلمة»", "(5).", "2.5", "F-16", "a_b"): most
    # are cut without the pattern, into the same words and gaps as it finds.
    rng = random.Random(seed)
    chars = "ab1٣_-'’.,«»()%،\"²"
    pieces = ("".join(rng.choice(chars) for _ in range(rng.randint(1, 8))) for _ in range(3000))
    text = " ".join(pieces)
    split = split_words(text)
    spans = [m.span() for m in _WORD.finditer(text)]
    assert split.words == [text[a:b] for a, b in spans]
    assert list(zip(split.starts, split.ends, strict=True)) == spans
    assert split.gaps == [text[b:a] for (_, b), (a, _) in zip(spans, spans[1:], strict=False)]


def test_sentence_ends_read_without_the_pattern_are_where_it_matches() -> None:
    rng = random.Random(0)
    chars = "aAZب2. !?؟…\t\u2003\"'»”),\n"
    for _ in range(20_000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 10)))
        for brk, ch in enumerate(text):
            if ch in _STOPS:
                m = _SENT_END.match(text, brk)
                assert _stop_end(text, brk) == (m.end() if m else -1), (text, brk)

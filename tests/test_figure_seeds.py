"""Figures' windows leave out the words that need a second word ("la" of "la mitad") where none
follows: the figure starts must stay those of the whole token stream."""

from __future__ import annotations

from typing import NoReturn

import pytest

from dashboard.extract import figures
from dashboard.extract.phrases import tokenize
from dashboard.model import Document
from dashboard.text import normalise

FILLER = " ".join(["palabra"] * 12)
TEXTS = {
    "es": [
        f"la mitad de los 40 votos. {FILLER} la casa, la, mitad y la (mitad) {FILLER} la",
        f"{FILLER} la mitad-x de la mitad. la\nmitad {FILLER} la. mitad de 3 millones la",
        "la",
    ],
    "en": [
        f"a half of 40 votes. {FILLER} a house, a, half and a (half) {FILLER} a",
        f"{FILLER} a half-way point and a\nhalf of 5 {FILLER} a. half a",
    ],
    "ar": [f"أحد عشر لاعبا و{FILLER} احد الاطراف، احد عشر، و3 ملايين {FILLER} احد"],
}
CASES = [(lang, text) for lang, texts in TEXTS.items() for text in texts]


def _whole_stream(*args: object) -> NoReturn:
    raise figures.OutOfWindow


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_window_starts_are_the_whole_streams(lang: str, text: str) -> None:
    g = figures.grammar(lang)
    norm = normalise(text).text
    toks, starts = figures._windows(g, norm)
    whole = tokenize(norm)
    assert [toks[k].start for k in starts] == [whole[k].start for k in figures._starts(g, whole)]


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_windows_read_the_figures_of_the_whole_stream(
    lang: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document("t", text, lang)
    windowed = figures.extract(doc)
    monkeypatch.setattr(figures, "_windows", _whole_stream)
    assert figures.extract(doc) == windowed


def test_a_word_needing_a_second_word_is_no_seed_alone() -> None:
    g = figures.grammar("es")
    text = normalise(f"la casa {FILLER} la mitad").text
    toks, starts = figures._windows(g, text)
    assert [toks[k].text for k in starts] == ["la"]  # only the one before "mitad"
    assert len(toks) < len(tokenize(text))

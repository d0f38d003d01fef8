"""Adversarial and random texts for the extractor robustness tests and the fuzz benchmark.

Language words come from the lexicons in data/<lang>/ (cue verbs, month names, scale words,
units...), so every cue an extractor reacts to can be repeated back to it.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
LANGS = ("ar", "en", "es")
TATWEEL, SHADDA, FATHATAN = "\u0640", "\u0651", "\u064b"


@cache
def vocabulary(lang: str, lexicon: str = "") -> tuple[str, ...]:
    """Every word and phrase (keys and string values) of the lexicons of a language, sorted."""
    files = [DATA / lang / f"{lexicon}.json"] if lexicon else sorted((DATA / lang).glob("*.json"))
    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k != "_about":
                    words.add(k)  # schema keys ("head_position") are dropped below
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and 0 < len(node) < 40:
            words.add(node)

    for f in files:
        walk(json.loads(f.read_text("utf-8")))
    return tuple(sorted(w for w in words if w.strip() and "_" not in w))


def first_cue(lang: str) -> str:
    """The first reporting verb of a language's claims lexicon ("said" in English)."""
    verbs = json.loads((DATA / lang / "claims.json").read_text("utf-8"))["verbs"]
    return str(verbs[0]["forms"][0])


@cache
def category_samples() -> str:
    """A few characters of every Unicode general category (surrogates left out: not encodable)."""
    seen: dict[str, list[str]] = {}
    for cp in range(0, sys.maxunicode + 1, 7):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat != "Cs" and len(seen.setdefault(cat, [])) < 40:
            seen[cat].append(c)
    return "".join(c for cat in sorted(seen) for c in seen[cat])


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // max(1, len(unit)) + 1))[:n]


def _words(lang: str, lexicon: str, k: int, seed: int) -> str:
    vocab = vocabulary(lang, lexicon)
    return " ".join(random.Random(seed).choices(vocab, k=k)) if vocab else "x"


# name -> (n, lang) -> a text of n characters
CASES: dict[str, Callable[[int, str], str]] = {
    "digits": lambda n, lang: _repeat("7", min(n, 4000)) + _repeat(" ", n - min(n, 4000)),
    "digit_groups": lambda n, lang: _repeat("1,000.", n),
    "digits_spaced": lambda n, lang: _repeat("12 ", n),
    "huge_numbers": lambda n, lang: _repeat("9" * 300 + ".5e308 ", n),
    "spaces": lambda n, lang: " " * n,
    "newlines": lambda n, lang: "\n" * n,
    "dots": lambda n, lang: "." * n,
    "punctuation": lambda n, lang: _repeat("!?.,;:«»\"'()[]-–—/%$€", n),
    "tatweel": lambda n, lang: _repeat("ب" + TATWEEL * 40, n),
    "diacritics": lambda n, lang: _repeat("ن" + (SHADDA + FATHATAN) * 30, n),
    "claim_cues": lambda n, lang: _repeat(_words(lang, "claims", 30, 1) + " ", n),
    "one_cue": lambda n, lang: _repeat(first_cue(lang) + " ", n),
    "scale_words": lambda n, lang: _repeat(_words(lang, "figures", 30, 2) + " ", n),
    "date_words": lambda n, lang: _repeat(_words(lang, "dates", 30, 3) + " 2024 ", n),
    "place_words": lambda n, lang: _repeat(_words(lang, "places", 30, 4) + " ", n),
    "entity_words": lambda n, lang: _repeat(_words(lang, "entities", 30, 5) + " ", n),
    "all_lexicons": lambda n, lang: _repeat(_words(lang, "", 200, 6) + " 5 ", n),
    "capitals": lambda n, lang: _repeat("The Minister Of Oil And Gas ", n),
    "unicode_categories": lambda n, lang: _repeat(category_samples(), n),
    "mixed_direction": lambda n, lang: _repeat("قال Reuters إن 107 km \u202b\u200fمن\u202c ", n),
    "controls": lambda n, lang: _repeat("oil\x07\x1b\x0b\x0c\u200b\u2028\ufeff 5 ", n),
    "quotes": lambda n, lang: _repeat('"«', n),
}


def random_text(rng: random.Random, lang: str, max_len: int = 400) -> str:
    """Random fragments: lexicon words, digits, separators, white space and any Unicode."""
    vocab = vocabulary(lang)
    cats = category_samples()
    parts: list[str] = []
    size = 0
    while size < rng.randint(0, max_len):
        pick = rng.random()
        if pick < 0.45:
            part = rng.choice(vocab)
        elif pick < 0.6:
            part = "".join(rng.choice("0123456789٠١٢٣٤٥٦٧٨٩.,") for _ in range(rng.randint(1, 30)))
        elif pick < 0.7:
            part = rng.choice([" ", "\n", "  ", "\t", "\n\n", ". ", "، ", "-", "%", "$"])
        elif pick < 0.8:
            part = "".join(rng.choice(cats) for _ in range(rng.randint(1, 8)))
        elif pick < 0.9:
            part = rng.choice([TATWEEL, SHADDA, FATHATAN, "\u200f", "\u202b"]) * rng.randint(1, 50)
        else:
            part = rng.choice(vocab) * rng.randint(2, 20)
        parts.append(part)
        parts.append(" " if rng.random() < 0.8 else "")
        size += len(part) + 1
    return "".join(parts)

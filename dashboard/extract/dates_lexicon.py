"""The temporal vocabulary of data/<lang>/dates.json compiled into a token-sequence lookup.

Every lexicon phrase is folded like the document text (dashboard/text.py) and split into word
tokens; `DateLexicon.entries` maps those token tuples to one `Entry` (a grammar code plus its
value). The grammar codes are the alphabet of dates_grammar.py:

    M month   J Hijri month   W weekday   D day word ("yesterday")   U unit (day/week/month)
    A year unit   n number word   L modifier (last/next/this)   R part (early/mid/late/within)
    B ago word before the amount   G ago word after it   F frame (in, في)   o connector (of, de)
    e article   w weekday intro   a approximator   k quantity noun   K quantity word before
    H hijri marker   z year suffix (AD)   O ordinal day word ("الرابع عشر")   t range word
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dashboard import lexicon
from dashboard.text import fold

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")


@dataclass(frozen=True)
class Entry:
    """One lexicon phrase: its grammar code, value (month number, offset, count) and kind."""

    code: str
    value: int = 0
    kind: str = ""  # unit name, modifier or part kind
    form: str = ""  # unit number form: sg | pl | du


# A phrase found at a word: (offset of its core in the first token, tokens taken, key, entry).
Phrase = tuple[int, int, tuple[str, ...], Entry]


@dataclass
class DateLexicon:
    """Compiled lookups for one language."""

    entries: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    max_len: int = 1
    first: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase length
    seconds: dict[str, set[str]] = field(default_factory=dict)  # first -> second tokens
    need_support: frozenset[str] = frozenset()
    day_block_before: frozenset[tuple[str, ...]] = frozenset()
    day_block_after: frozenset[tuple[str, ...]] = frozenset()
    day_clitics: frozenset[str] = frozenset()  # the only proclitics a day word ("أمس") takes
    adjective_units: frozenset[str] = frozenset()
    quantity_endings: tuple[str, ...] = ()
    office_modifiers: frozenset[str] = frozenset()
    mods_before: frozenset[tuple[str, ...]] = frozenset()  # may stand before the noun
    mods_after: frozenset[tuple[str, ...]] = frozenset()  # may stand after it
    abbreviations: frozenset[str] = frozenset()
    definite_prefix: str = ""
    past_cues: frozenset[str] = frozenset()
    future_cues: frozenset[str] = frozenset()
    past_suffixes: tuple[str, ...] = ()
    future_suffixes: tuple[str, ...] = ()
    numeric_order: str = "dmy"
    capitalised: bool = False
    months_need_support: frozenset[tuple[str, ...]] = frozenset()
    month_before_day: bool = False
    past_frames: frozenset[str] = frozenset()
    passive_auxiliaries: frozenset[str] = frozenset()
    participles: frozenset[str] = frozenset()
    clause_subjects: frozenset[str] = frozenset()
    week_start: int = 0  # the weekday a week begins on (Monday is 0)
    infinitive_marks: frozenset[str] = frozenset()
    future_heads: frozenset[str] = frozenset()
    ago_parts: frozenset[tuple[str, ...]] = frozenset()
    framed_year_min: int = 1000
    range_words: frozenset[str] = frozenset()
    # Modifier phrase -> "previous" | "following": counts from the date named before it.
    anaphoric: dict[tuple[str, ...], str] = field(default_factory=dict)
    # Memos of dates_items, per token: its proclitic readings that begin a phrase (True: not a
    # word), the one-word phrase it is (None: none), the tokens that may go on with it in a
    # longer phrase, and the code letter of the item it gives alone ("?": its context counts).
    readings: dict[str, tuple[tuple[int, str], ...] | bool] = field(default_factory=dict)
    single: dict[str, Phrase | None] = field(default_factory=dict)
    nexts: dict[str, frozenset[str]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    tenses: dict[str, str] = field(default_factory=dict)  # word -> tense cue, by dates.py
    heads: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)  # by dates_items

    def add(self, phrase: str, entry: Entry) -> None:
        """Register a phrase; the first category to claim a phrase keeps it."""
        key = phrase_key(phrase)
        if key and key not in self.entries:
            self.entries[key] = entry
            self.max_len = max(self.max_len, len(key))
            self.first[key[0]] = max(self.first.get(key[0], 0), len(key))
            if len(key) > 1:
                self.seconds.setdefault(key[0], set()).add(key[1])


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The folded token tuple of a lexicon phrase."""
    return tuple(_TOKEN.findall(fold(phrase)))


def _keys(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(k for k in (phrase_key(w) for w in words) if k)


def _words(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@cache
def date_lexicon(lang: str) -> DateLexicon:
    """The compiled date vocabulary of `lang` (unknown languages fall back to English)."""
    data: dict[str, Any] = lexicon.load(lang, "dates")
    lex = DateLexicon()
    # Order matters: a phrase listed in two categories keeps the first one's code.
    for offset, words in data["day_words"].items():
        for w in words:
            lex.add(w, Entry("D", int(offset)))
    for month, words in data["months"].items():
        for w in words:
            lex.add(w, Entry("M", int(month)))
    for month, words in data["hijri_months"].items():
        for w in words:
            lex.add(w, Entry("J", int(month)))
    for day, words in data["weekdays"].items():
        for w in words:
            lex.add(w, Entry("W", int(day)))
    for unit, forms in data["units"].items():
        for form, words in forms.items():
            for w in words:
                lex.add(w, Entry("A" if unit == "year" else "U", 0, unit, form))
    for kind, words in data["modifiers"].items():
        for w in words:
            lex.add(w, Entry("L", 0, kind))
    for kind, words in data["parts"].items():
        for w in words:
            lex.add(w, Entry("R", 0, kind))
    simple = [
        ("ago_before", "B"),
        ("ago_after", "G"),
        ("weekday_intro", "w"),
        ("frames", "F"),
        ("connectors", "o"),
        ("articles", "e"),
        ("approximators", "a"),
        ("quantity_nouns", "k"),
        ("quantity_before", "K"),
        ("hijri_markers", "H"),
        ("year_suffixes", "z"),
    ]
    for key, code in simple:
        for w in data[key]:
            lex.add(w, Entry(code))
    for number, words in data["numbers"].items():
        for w in words:
            lex.add(w, Entry("n", int(number)))
    for day, words in data["ordinal_days"].items():
        for w in words:
            lex.add(w, Entry("O", int(day)))
    for w in data["range_words"]:
        lex.add(w, Entry("t"))
    lex.need_support = _words(data["weekdays_need_support"])
    lex.day_block_before = _keys(data["day_word_blockers_before"])
    lex.day_block_after = _keys(data["day_word_blockers_after"])
    lex.day_clitics = _words(data["day_word_proclitics"])
    lex.adjective_units = _words(data["unit_adjective_forms"])
    lex.quantity_endings = tuple(fold(s) for s in data["quantity_noun_endings"])
    lex.office_modifiers = _words(data["office_modifiers"])
    lex.mods_before = _keys(data["modifiers_before_noun"])
    lex.mods_after = _keys(data["modifiers_after_noun"])
    lex.abbreviations = _abbreviations(data["months"])
    lex.definite_prefix = fold(data["definite_prefix"])
    lex.past_cues = _words(data["past_cues"])
    lex.future_cues = _words(data["future_cues"])
    lex.past_suffixes = tuple(fold(s) for s in data["past_suffixes"])
    lex.future_suffixes = tuple(fold(s) for s in data["future_suffixes"])
    lex.numeric_order = data["numeric_order"]
    lex.capitalised = bool(data["capitalised_names"])
    lex.months_need_support = _keys(data["months_need_support"])
    lex.month_before_day = bool(data["month_before_day"])
    lex.past_frames = _words(data["past_frames"])
    lex.passive_auxiliaries = _words(data["passive_auxiliaries"])
    lex.participles = _words(data["participles"])
    lex.clause_subjects = _words(data["clause_subjects"])
    lex.week_start = int(data["week_start"])
    lex.infinitive_marks = _words(data["infinitive_marks"])
    lex.future_heads = _words(data["future_heads"])
    lex.ago_parts = _keys(data["ago_after_parts"])
    lex.framed_year_min = int(data["framed_year_min"])
    lex.range_words = _words(data["range_words"])
    lex.anaphoric = {k: kind for kind, ws in data["anaphoric_modifiers"].items() for k in _keys(ws)}
    return lex


def _abbreviations(months: dict[str, list[str]]) -> frozenset[str]:
    """Month names that shorten a longer name of the same month ("Nov" of "November")."""
    out = set()
    for words in months.values():
        folded = [fold(w) for w in words]
        out |= {a for a in folded if any(b != a and b.startswith(a) for b in folded)}
    return frozenset(out)

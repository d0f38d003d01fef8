"""One language's figure lexicon (data/<lang>/figures.json) compiled into phrase tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any, Generic, TypeVar

from dashboard.extract.phrases import PhraseTable, Token, tokenize
from dashboard.lexicon import load, proclitics
from dashboard.text import Normalised, fold

# What may follow a number: (kind, unit or counted object, per, multiplier).
After = tuple[str, str, str, float]

V = TypeVar("V")


class Phrases(Generic[V]):
    """A PhraseTable behind set probes: most tokens a figure asks about start or end no phrase.

    The probes may let through more than can match (the table then says no), never less.
    """

    def __init__(self, items: Mapping[str, V], clitics: tuple[str, ...] = ()) -> None:
        self.table = PhraseTable(items, clitics)
        self.firsts = self.table.firsts
        phrases = [t for t in (tuple(t.text for t in tokenize(fold(p))) for p in items) if t]
        # A phrase starts at its first word, bare or behind one proclitic; a phrase of one word
        # matches by itself (`alone`), a longer one only before its second word (`seconds`).
        self._one = frozenset(t[0] for t in phrases if len(t) == 1)
        # The words a phrase may start in, bare or behind a proclitic (`match` asks only those).
        self.peeled_firsts = self.firsts | {c + w for c in clitics for w in self.firsts}
        self.alone = self._one | {c + w for c in clitics for w in self._one}
        self.seconds = frozenset(t[1] for t in phrases if len(t) > 1)
        self.longest = max(map(len, phrases), default=0)  # tokens of the longest phrase
        # A phrase ends at a word that is a phrase alone, or at its last word after the one
        # before it (the first word may carry a proclitic).
        self._lasts = frozenset(t[-1] for t in phrases if len(t) > 1)
        before_last = {t[-2] for t in phrases if len(t) > 1}
        self._before_last = before_last | {c + w for c in clitics for w in before_last}
        # The words a phrase may end at: callers probe these before `match_ending` (a call).
        self.lasts = self.alone | self._lasts

    def match(
        self, norm: Normalised, toks: list[Token], i: int, peel: bool = True
    ) -> tuple[V, int, int] | None:
        """PhraseTable.match, asked only when the probes let the token through."""
        if i < len(toks):
            text = toks[i].text
            if text not in (self.peeled_firsts if peel else self.firsts):
                return None
            if text not in (self.alone if peel else self._one) and (
                i + 1 >= len(toks) or toks[i + 1].text not in self.seconds
            ):
                return None
        return self.table.match(norm, toks, i, peel)

    def match_ending(
        self, norm: Normalised, toks: list[Token], end: int
    ) -> tuple[V, int, int] | None:
        """PhraseTable.match_ending, asked only when the probes let the token through."""
        if end >= 1:
            text = toks[end - 1].text
            if text not in self.alone and (
                end < 2 or text not in self._lasts or toks[end - 2].text not in self._before_last
            ):
                return None
        return self.table.match_ending(norm, toks, end)


@dataclass(frozen=True)
class Grammar:
    """The compiled figure lexicon of one language."""

    lang: str
    numbers: Phrases[float]
    fractions: frozenset[str]
    joiners: frozenset[str]
    scales: Phrases[float]
    standalone_scales: frozenset[str]  # "mil millones", "مليون برميل": a scale with no number
    duals: Phrases[float]  # Arabic dual scales: مليونان = 2e6
    dual_counts: Phrases[tuple[str, str]]  # Arabic dual nouns: صاروخين = 2 missiles
    approx: Phrases[bool]
    approx_not_for_durations: frozenset[str]  # "over 10 years" is a span, not a bound
    range_before: frozenset[str]
    range_middle: frozenset[str]
    range_fillers: frozenset[str]  # articles inside a range: "entre el 11 y el 12%"
    # "from 18 to 11 hours": a bare number falling to a figure is that figure's unit (a change,
    # not a range); (from, to) word pairs, and units where a fall is no change ("de 22 a 6
    # horas" is a clock time).
    changes_from_to: frozenset[tuple[str, str]]
    changes_not_for_units: frozenset[str]
    currency_before: Phrases[str]
    after: Phrases[After]
    connectors: frozenset[str]  # between a scale and its unit: "millones de dólares"
    per: Phrases[str]
    material_of: frozenset[str]  # "barrels of crude daily": what a quantity is of, then a rate
    not_rate_after: frozenset[str]  # "a year earlier", "في العام الماضي" are times, not rates
    not_counted: frozenset[str]
    # "5 آخرون", "22 أخرى", "23 منها": others (of them) count what the count before them
    # counts; each word -> what it counts without one ("" for nothing: no figure).
    others: dict[str, str]
    # "a otras 96", "de las que 85.000": words for others or for "of which" before a bare
    # number, which counts what the count before it in the sentence counts.
    others_before: Phrases[bool]
    part_of: Phrases[bool]  # "16 de las 24 provincias": a part of a count counts its object
    adjectives_before: frozenset[str]  # "3.851 grandes compañías": not the counted noun
    definite_prefixes: tuple[str, ...]  # "للخدمات", "بالسويد": a definite word is not counted
    # "دولة أكبر بعشر مرات", "300 veces más": a count of times (occasions) is a multiplier
    # after these proclitics or before these words, and no figure.
    multiplier_object: str
    multiplier_after: frozenset[str]
    multiplier_before: frozenset[str]
    plural_suffixes: tuple[str, ...]  # a counted noun of a language that marks plurals
    identifier_before: Phrases[bool]
    designation_before: frozenset[str]  # "Boeing 737", "إس 400": model names, not counts
    definite_before: frozenset[str]  # "the two leaders" refers, it does not count
    currency_context: dict[str, dict[str, tuple[str, ...]]]  # shared word -> code -> cues
    starters: frozenset[str]  # words a figure can start with: number words, duals, scales
    clitics: frozenset[str]
    starter_forms: frozenset[str]  # the starters bare and behind each proclitic (phrases.starts)
    lone_starters: frozenset[str]  # starter forms that read as a number by themselves
    second_words: frozenset[str]  # the other starters ("la" of "la mitad") need one of these next
    needs_second: frozenset[str]  # those other starter forms
    comparison_before: Phrases[bool]  # "to 5.5 pct from 6.2": the bare 6.2 takes pct
    # A percent after these is a change ("rose by 24.3 percent, from 703 to 874"): the bare
    # numbers compared after it are levels, not percents.
    change_before: frozenset[str]
    scale_compounds: frozenset[str]  # "19 mil 500": scales after which a number runs on
    proper_name_case: bool  # capitals mark names ("Movimiento 5 Estrellas")
    # The second half of an Arabic teen ("عشرة" of "الخامسة عشرة", "الخمسة عشر") is not 10,
    # after a first half with the article or a proclitic too (each form spelled out).
    teen_tails: frozenset[str]
    teen_heads: frozenset[str]
    # A plural duration noun with the article, before a number word with it: "السنوات السبع"
    # (the seven years) is 7 years. Noun (each form spelled out) -> unit.
    durations_before: dict[str, str]
    # Gulf agency copy writes a decimal as fraction, mark, whole part: "29ر53" is 53.29.
    reversed_decimal_marks: frozenset[str]
    # "a population of 1.4 billion": a bare scaled number a few words after these counts their
    # object (word -> object), whatever money the story is about.
    count_cues_before: dict[str, str]

    # Tokens of the longest phrase of any table (figures' windows look further on): set by
    # `grammar` (a field: a cached_property of a compiled class is recomputed at each read).
    longest_phrase: int = 0


def _longest_phrase(g: Grammar) -> int:
    """Tokens of the longest phrase of any of the grammar's tables."""
    tables = [v for f in fields(g) if isinstance(v := getattr(g, f.name), Phrases)]
    return max(t.longest for t in tables)


def _after_table(data: dict[str, Any]) -> dict[str, After]:
    after: dict[str, After] = {}
    for word, obj in data["count_nouns"].items():
        after[word] = ("count", obj, "", 1.0)
    for word, code in data["currency_after"].items():
        after[word] = ("money", code, "", 1.0)
    for word, unit in data["units"].items():
        # A unit is a code, or [code, per] / [code, per, multiplier] ("bpd", "bcm", "mdd").
        if isinstance(unit, list):
            code, per, mult = unit + ["", 1.0][len(unit) - 1 :]
            after[word] = ("unit", code, per, float(mult))
        else:
            after[word] = ("unit", unit, "", 1.0)
    return after


def _starter_forms(starters: frozenset[str], clitics: tuple[str, ...]) -> frozenset[str]:
    """Every word phrases.starts accepts, spelled out, so that a set probe decides a token.

    starts peels one proclitic of 1-4 letters and leaves at least two; a word token's text
    starts with a letter (tokens of other kinds are told by their kind).
    """
    forms = set(starters)
    for clitic in clitics:
        if 1 <= len(clitic) <= 4:
            forms.update(clitic + word for word in starters if len(word) >= 2)
    return frozenset(form for form in forms if form[:1].isalpha())


def _with_article(words: frozenset[str], clitics: tuple[str, ...], article: str) -> frozenset[str]:
    """The words bare, with the article, and behind each proclitic ("وال", "لل" among them)."""
    if not words:
        return words
    forms = {f for w in words for f in (w, article + w, *(c + w for c in clitics))}
    return frozenset(forms)


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of a language (built once per process)."""
    data = load(lang, "figures")
    clitics = proclitics(lang)
    # "ك" (as, like) almost never stands before a number, and peeling it misreads words:
    # "كمية" (quantity) would read as ك + "مية" (a spelling of 100).
    number_clitics = tuple(c for c in clitics if "ك" not in c)
    # A number word with the article is read too: it counts only before what it counts
    # (numbers.has_article), as "الثلاثة ملايين برميل".
    article = fold(data["article"])
    numbers = Phrases(data["number_words"], number_clitics + ((article,) if article else ()))
    duals = Phrases(data["dual_scales"], number_clitics)
    dual_counts = Phrases({k: tuple(v) for k, v in data["dual_counts"].items()}, clitics)
    standalone = _folded(data["standalone_scales"])
    starters = numbers.firsts | duals.firsts | dual_counts.firsts | standalone
    starter_forms = _starter_forms(starters, clitics)
    if article:
        starter_forms |= {article + w for w in numbers.firsts}
    lone = numbers.alone | duals.alone | dual_counts.alone | standalone
    g = Grammar(
        lang=lang,
        numbers=numbers,
        fractions=_folded(data["fractions"]),
        joiners=_folded(data["number_joiners"]),
        scales=Phrases(data["scales"]),
        standalone_scales=standalone,
        duals=duals,
        dual_counts=dual_counts,
        approx=Phrases(dict.fromkeys(data["approx"], True), clitics),
        approx_not_for_durations=_folded(data["approx_not_before_durations"]),
        range_before=_folded([b for b, _ in data["ranges"] if b]),
        range_middle=_folded([m for _, m in data["ranges"]]),
        range_fillers=_folded(data["range_fillers"]),
        changes_from_to=frozenset((fold(a), fold(b)) for a, b in data["changes_from_to"]),
        changes_not_for_units=frozenset(data["changes_not_for_units"]),
        currency_before=Phrases(data["currency_before"]),
        after=Phrases(_after_table(data)),
        connectors=_folded(data["unit_connectors"]),
        per=Phrases(data["per"], clitics),
        material_of=_folded(data["material_of"]),
        not_rate_after=_folded(data["not_rate_after"]),
        not_counted=_folded(data["not_counted"]),
        others={fold(word): obj for word, obj in data["others"].items()},
        others_before=Phrases(dict.fromkeys(data.get("others_before", []), True)),
        part_of=Phrases(dict.fromkeys(data["part_of"], True)),
        adjectives_before=_folded(data["adjectives_before_nouns"]),
        definite_prefixes=tuple(fold(p) for p in data["definite_prefixes"]),
        multiplier_object=data["multiplier_object"],
        multiplier_after=_folded(data["multiplier_after"]),
        multiplier_before=_folded(data["multiplier_before"]),
        plural_suffixes=tuple(data["plural_suffixes"]),
        identifier_before=Phrases(dict.fromkeys(data["identifier_before"], True), clitics),
        designation_before=_folded(data["designation_before"]),
        definite_before=_folded(data["definite_before"]),
        comparison_before=Phrases(dict.fromkeys(data["comparison_before"], True), clitics),
        change_before=_folded(data["change_before"]),
        scale_compounds=_folded(data["scale_compounds"]),
        proper_name_case=bool(data["proper_name_case"]),
        teen_tails=_folded(data["teen_tails"]),
        teen_heads=_with_article(_folded(data["teen_heads"]), clitics, article),
        durations_before={
            form: unit
            for word, unit in data["durations_before"].items()
            for form in _with_article(frozenset([fold(word)]), clitics, article)
            if form != fold(word)  # only after the article: "سنوات السبع" is no Arabic
        },
        reversed_decimal_marks=_folded(data["reversed_decimal_marks"]),
        count_cues_before={fold(w): obj for w, obj in data["count_cues_before"].items()},
        starters=starters,
        clitics=frozenset(clitics),
        starter_forms=starter_forms,
        lone_starters=lone,
        needs_second=starter_forms - lone,
        second_words=numbers.seconds | duals.seconds | dual_counts.seconds,
        currency_context={
            fold(word): {code: tuple(fold(c) for c in cues) for code, cues in codes.items()}
            for word, codes in data["currency_context"].items()
        },
    )
    return replace(g, longest_phrase=_longest_phrase(g))

"""One language's figure lexicon (data/<lang>/figures.json) compiled into phrase tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from dashboard.extract.phrases import PhraseTable
from dashboard.lexicon import load, proclitics
from dashboard.text import fold

# What may follow a number: (kind, unit or counted object, per, multiplier).
After = tuple[str, str, str, float]


@dataclass(frozen=True)
class Grammar:
    """The compiled figure lexicon of one language."""

    lang: str
    numbers: PhraseTable[float]
    fractions: frozenset[str]
    joiners: frozenset[str]
    scales: PhraseTable[float]
    standalone_scales: frozenset[str]  # "mil millones", "مليون برميل": a scale with no number
    duals: PhraseTable[float]  # Arabic dual scales: مليونان = 2e6
    dual_counts: PhraseTable[tuple[str, str]]  # Arabic dual nouns: صاروخين = 2 missiles
    approx: PhraseTable[bool]
    approx_not_for_durations: frozenset[str]  # "over 10 years" is a span, not a bound
    range_before: frozenset[str]
    range_middle: frozenset[str]
    range_fillers: frozenset[str]  # articles inside a range: "entre el 11 y el 12%"
    currency_before: PhraseTable[str]
    after: PhraseTable[After]
    connectors: frozenset[str]  # between a scale and its unit: "millones de dólares"
    per: PhraseTable[str]
    not_rate_after: frozenset[str]  # "a year earlier", "في العام الماضي" are times, not rates
    not_counted: frozenset[str]
    plural_suffixes: tuple[str, ...]  # a counted noun of a language that marks plurals
    identifier_before: PhraseTable[bool]
    designation_before: frozenset[str]  # "Boeing 737", "إس 400": model names, not counts
    definite_before: frozenset[str]  # "the two leaders" refers, it does not count
    currency_context: dict[str, dict[str, tuple[str, ...]]]  # shared word -> code -> cues
    starters: frozenset[str]  # words a figure can start with: number words, duals, scales
    clitics: frozenset[str]
    comparison_before: PhraseTable[bool]  # "to 5.5 pct from 6.2": the bare 6.2 takes pct
    scale_compounds: frozenset[str]  # "19 mil 500": scales after which a number runs on
    proper_name_case: bool  # capitals mark names ("Movimiento 5 Estrellas")


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
    numbers = PhraseTable(data["number_words"], number_clitics)
    duals = PhraseTable(data["dual_scales"], number_clitics)
    dual_counts = PhraseTable({k: tuple(v) for k, v in data["dual_counts"].items()}, clitics)
    standalone = _folded(data["standalone_scales"])
    return Grammar(
        lang=lang,
        numbers=numbers,
        fractions=_folded(data["fractions"]),
        joiners=_folded(data["number_joiners"]),
        scales=PhraseTable(data["scales"]),
        standalone_scales=standalone,
        duals=duals,
        dual_counts=dual_counts,
        approx=PhraseTable(dict.fromkeys(data["approx"], True), clitics),
        approx_not_for_durations=_folded(data["approx_not_before_durations"]),
        range_before=_folded([b for b, _ in data["ranges"] if b]),
        range_middle=_folded([m for _, m in data["ranges"]]),
        range_fillers=_folded(data["range_fillers"]),
        currency_before=PhraseTable(data["currency_before"]),
        after=PhraseTable(_after_table(data)),
        connectors=_folded(data["unit_connectors"]),
        per=PhraseTable(data["per"], clitics),
        not_rate_after=_folded(data["not_rate_after"]),
        not_counted=_folded(data["not_counted"]),
        plural_suffixes=tuple(data["plural_suffixes"]),
        identifier_before=PhraseTable(dict.fromkeys(data["identifier_before"], True), clitics),
        designation_before=_folded(data["designation_before"]),
        definite_before=_folded(data["definite_before"]),
        comparison_before=PhraseTable(dict.fromkeys(data["comparison_before"], True), clitics),
        scale_compounds=_folded(data["scale_compounds"]),
        proper_name_case=bool(data["proper_name_case"]),
        starters=numbers.firsts | duals.firsts | dual_counts.firsts | standalone,
        clitics=frozenset(clitics),
        currency_context={
            fold(word): {code: tuple(fold(c) for c in cues) for code, cues in codes.items()}
            for word, codes in data["currency_context"].items()
        },
    )

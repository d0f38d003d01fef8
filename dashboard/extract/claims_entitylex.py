"""The entity lexicon of one language (data/<lang>/entities.json) compiled into phrase tables.

Shared by the entities extractor and the claims extractor (which needs demonyms and names to
delimit and classify sources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from dashboard import gazetteer, lexicon
from dashboard.extract.claims_tokens import PhraseTable, Token, folded_set, phrase_follows
from dashboard.text import fold


@dataclass(frozen=True)
class EntityLexicon:
    """Look-up tables for persons, organisations, equipment, titles and demonyms."""

    capitalised: bool
    demonyms: PhraseTable  # -> ISO alpha-2
    titles: PhraseTable  # -> {"role", "portfolio"}
    portfolios: PhraseTable  # -> English portfolio
    portfolio_links: frozenset[str]
    ministry_heads: PhraseTable
    ministry_suffix_heads: PhraseTable
    generic_orgs: PhraseTable  # -> English name; needs a demonym
    org_prefix_heads: PhraseTable
    org_suffix_heads: frozenset[str]
    persons: PhraseTable  # -> entry dict
    orgs: PhraseTable
    aliases: PhraseTable  # -> entry dict; only after a full form was seen in the document
    name_parts: dict[str, str]
    connectors: frozenset[str]
    not_name: frozenset[str]
    definite: str
    families: PhraseTable  # -> {"code", "makers"}
    makers: frozenset[str]
    letters: dict[str, str]
    latin: re.Pattern[str] | None
    # What every designation holds before its hyphen and digit: a code's last letter (tested
    # before the full pattern is searched).
    latin_lasts: frozenset[str]
    named_equipment: PhraseTable
    blocked_endings: tuple[str, ...] = ()  # unknown words ending so are no first names
    not_first: frozenset[str] = frozenset()  # institution nouns that never open a name
    firsts: frozenset[str] = frozenset()  # every word that can open an entity
    # A word -> the tables (by field name) with a phrase it opens, bare or under proclitics.
    openers: dict[str, frozenset[str]] = field(default_factory=dict)
    # A word of `firsts` -> the words that may follow it in an entity (None: any), for
    # claims_tokens.open_candidates.
    follows: dict[str, frozenset[str] | None] = field(default_factory=dict)
    person_names: frozenset[str] = frozenset()  # English names of the lexicon's persons
    # `aliases` as the entities finder looks them up
    alias_table: PhraseTable = field(default_factory=lambda: PhraseTable(()))
    lang: str = ""
    # Common first names that open a person's name with no title (entities_given.py), less
    # those that name a country or a region ("Jordan", "Georgia").
    given_names: frozenset[str] = frozenset()
    surname_connectors: frozenset[str] = frozenset()  # "de", "del", "y" inside a full name
    not_surnames: frozenset[str] = frozenset()  # "Foundation": ends the name of a thing

    def opens(self, tok: Token) -> frozenset[str]:
        """The tables with a phrase that may start at the token (by their first word)."""
        if not tok.peeled:
            return self.openers.get(tok.norm, _NONE)
        found = [self.openers[core] for _, core in tok.peeled if core in self.openers]
        return frozenset().union(*found) if len(found) != 1 else found[0]

    def may_start(self, tok: Token) -> bool:
        """Cheap test before the finders run: most tokens open no entity."""
        if "-" in tok.norm or (self.capitalised and tok.upper):
            return True
        if not tok.peeled:
            return tok.norm in self.firsts
        return any(core in self.firsts for _, core in tok.peeled)


def _forms(entries: list[dict[str, Any]], key: str = "forms") -> list[tuple[str, Any]]:
    return [(f, e) for e in entries for f in e.get(key, [])]


@cache
def entity_lexicon(lang: str) -> EntityLexicon:
    """The compiled entity lexicon of `lang` (cached per process)."""
    d = lexicon.load(lang, "entities")
    claims = lexicon.load(lang, "claims")
    cue_words = [
        f for group in ("verbs", "participles", "frames") for f in _cue_forms(claims, group)
    ]
    persons = d["persons"]
    orgs = [dict(o, kind="organization") for o in d["organizations"]]
    families = d["equipment_families"]
    codes = sorted(d["latin_families"], key=len, reverse=True)
    latin = None
    if codes:
        alt = "|".join(re.escape(c) for c in codes)
        # A designation: family code, hyphen, number, optional letter/digit suffix ("Su-30MK2").
        latin = re.compile(rf"\b(?:{alt})-\d{{1,4}}(?:[A-Z]{{1,3}}\d?)?\b")
    lex = EntityLexicon(
        capitalised=bool(d["names_capitalized"]),
        demonyms=PhraseTable(lexicon.demonym_forms(lang)),
        titles=PhraseTable(_forms(d["titles"])),
        portfolios=PhraseTable(d["portfolios"].items()),
        portfolio_links=folded_set(d["portfolio_links"]),
        ministry_heads=PhraseTable((h, True) for h in d["ministry_heads"]),
        ministry_suffix_heads=PhraseTable((h, True) for h in d["ministry_suffix_heads"]),
        generic_orgs=PhraseTable(_forms(d["generic_orgs"])),
        org_prefix_heads=PhraseTable((h, True) for h in d["org_prefix_heads"]),
        org_suffix_heads=folded_set(d["org_suffix_heads"]),
        persons=PhraseTable(_forms([dict(p, kind="person") for p in persons])),
        orgs=PhraseTable(_forms(orgs)),
        aliases=PhraseTable(
            _forms([dict(p, kind="person") for p in persons], "aliases") + _forms(orgs, "aliases")
        ),
        name_parts={fold(k): v for k, v in d["name_parts"].items()},
        connectors=folded_set(d["name_connectors"]),
        not_name=folded_set(d["not_name"] + cue_words),
        definite=fold(claims.get("definite_prefix", "")),
        families=PhraseTable(_forms(families)),
        makers=folded_set(m for f in families for m in f["makers"]),
        letters={fold(k): v for k, v in d["letter_names"].items()},
        latin=latin,
        latin_lasts=frozenset(c[-1] for c in codes),
        named_equipment=PhraseTable(_forms(d["named_equipment"])),
        blocked_endings=tuple(fold(x) for x in d["unknown_name_blocked_endings"]),
        not_first=folded_set(d["not_first_names"]),
        lang=lang,
        given_names=_given_names(lang, d["given_names"]),
        surname_connectors=folded_set(d["surname_connectors"]),
        not_surnames=folded_set(d["not_surnames"]),
    )
    tables = (
        lex.titles,
        lex.portfolios,
        lex.ministry_heads,
        lex.generic_orgs,
        lex.persons,
        lex.orgs,
        lex.families,
        lex.named_equipment,
    )
    firsts = frozenset().union(*(t.firsts for t in tables)) | lex.makers
    openers: dict[str, set[str]] = {}
    for name in _OPENING:
        for word in getattr(lex, name).firsts:
            openers.setdefault(word, set()).add(name)
    frozen = {word: frozenset(names) for word, names in openers.items()}
    # An entity opens with a phrase of one of these tables at its first token, or with an
    # equipment maker or family, which the finders look up alone.
    follows = phrase_follows(t for t in tables if t not in (lex.families, lex.portfolios))
    follows.update(dict.fromkeys(lex.families.firsts | lex.makers))
    # A portfolio opens an entity only before a title ("Oil Minister") or a ministry's suffix
    # ("Foreign Ministry"): after it by itself, else with its next word.
    after = lex.titles.firsts | lex.ministry_suffix_heads.firsts
    for word, (payload, more) in lex.portfolios.trie.items():
        nxt = after.union(more or ()) if payload is not None else frozenset(more or ())
        if word not in follows:
            follows[word] = nxt
        elif (prev := follows[word]) is not None:
            follows[word] = nxt | prev
    names = frozenset(e["name"] for e in lex.persons.table.values())
    return replace(
        lex,
        firsts=firsts,
        openers=frozen,
        follows=follows,
        person_names=names,
        alias_table=PhraseTable(alias_entries(lex.aliases)),
    )


def _given_names(lang: str, names: list[str]) -> frozenset[str]:
    """The given names of the lexicon, less those that name a country or a region."""
    if not names:
        return frozenset()  # no need to load the gazetteer
    index = gazetteer.index(lang)
    out = set()
    for w in folded_set(names):
        if not any(gazetteer.place(r).kind in _LAND for r in index.get(w, ())):
            out.add(w)
    return frozenset(out)


_LAND = frozenset({"country", "region", "continent"})


def alias_entries(aliases: PhraseTable) -> list[tuple[str, Any]]:
    """The alias phrases (their words joined again) with their entries."""
    return [(" ".join(k), e) for k, e in aliases.table.items()]


# The tables whose phrases the entity finders look for at the token where an entity starts.
_OPENING = (
    "titles",
    "portfolios",
    "ministry_heads",
    "generic_orgs",
    "persons",
    "orgs",
    "org_prefix_heads",
    "named_equipment",
)
_NONE: frozenset[str] = frozenset()


def _cue_forms(claims: dict[str, Any], group: str) -> list[str]:
    return [f for entry in claims.get(group, []) for f in entry["forms"] if " " not in f]

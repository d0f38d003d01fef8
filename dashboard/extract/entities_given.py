"""Persons named without a title: a common given name and one to three capitalised surnames
("Ana Botín", "José Luis Rodríguez Zapatero"), in scripts with capitals only.

The given names are data/<lang>/entities.json "given_names". A given name alone, a place that
opens with one ("Santiago de Chile", "Victoria Falls") or a name inside a longer capitalised
name ("Estadio Santiago Bernabéu") names no person.
"""

from __future__ import annotations

from dashboard import gazetteer
from dashboard.extract.claims_entitylex import EntityLexicon
from dashboard.extract.claims_tokens import Token, Tokens, gap
from dashboard.extract.entities_names import demonym, match, punct

_MAX_GIVEN = 3  # "Juan Pablo", "María José"
_MAX_SURNAMES = 3  # more capitalised words: a headline or the name of something else
_MAX_LINKS = 2  # "de la", "van der"


def given_name_length(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> int:
    """How many tokens from i name a person by a given name and surnames (0: none)."""
    t = toks[i]
    if not lex.capitalised or not t.upper or t.norm not in lex.given_names:
        return 0
    prev = toks[i - 1] if i else None
    if prev and prev.upper and prev.norm not in lex.not_name and not _cut(text, toks, i):
        return 0  # part of a longer capitalised name ("Estadio Santiago Bernabéu")
    if _place_at(toks, i, lex):
        return 0
    g = 1
    while g < _MAX_GIVEN and i + g < len(toks) and not _cut(text, toks, i + g):
        nxt = toks[i + g]
        if not (nxt.upper and nxt.norm in lex.given_names):
            break
        g += 1
    k, links, surnames = g, 0, 0
    end = 0  # tokens up to the last surname that is not an initial
    linked_at = after_link = 0  # where a connector joined two surnames; surnames since
    while i + k + links < len(toks):
        j = i + k + links
        if _cut(text, toks, j):
            break
        tok = toks[j]
        if tok.norm in lex.not_surnames:
            return 0  # "Juan March Foundation", "Victoria Falls": the name of a thing
        if tok.norm in lex.surname_connectors:
            if links == _MAX_LINKS:
                break
            links += 1
            continue
        if tok.upper and tok.norm in lex.not_name and not links:
            return 0  # "Alejandro Santo Domingo": the run goes on with a common word
        if not _surname_word(text, toks, j, lex, links > 0):
            break
        if links and surnames:
            linked_at, after_link = k, 0
        after_link += 1
        if linked_at and after_link > 1:
            # "Miguel de Unamuno y Pío Baroja": two words after the connector name another
            end = linked_at
            break
        k += links + 1
        links = 0
        if not _initial(text, tok):
            surnames += 1
            end = k
        if surnames > _MAX_SURNAMES:
            return 0
    return end


def _initial(text: str, tok: Token) -> bool:
    return tok.end - tok.start == 1 and text[tok.end : tok.end + 1] == "."


def _cut(text: str, toks: Tokens, j: int) -> bool:
    """Whether punctuation stands before token j, other than the dot of an initial ("John F.
    Kennedy")."""
    between = gap(text, toks, j)
    if not punct(between):
        return False
    prev = toks[j - 1]
    return not (
        between.startswith(".")
        and not punct(between[1:])
        and len(prev.norm) == 1
        and prev.upper
        and j >= 2
    )


def _surname_word(text: str, toks: Tokens, j: int, lex: EntityLexicon, linked: bool) -> bool:
    tok = toks[j]
    if not tok.upper or tok.norm in lex.not_name or tok.norm in lex.org_suffix_heads:
        return False
    if tok.end - tok.start > 1 and text[tok.start : tok.end].isupper():
        return False  # an acronym ("Mike Ryan de la OMS")
    if linked and tok.norm in lex.given_names:
        return False  # "Pedro Sánchez y Pablo Iglesias": two persons
    if match(lex.org_prefix_heads, text, toks, j) or match(lex.titles, text, toks, j):
        return False
    if demonym(text, toks, j, lex):
        return False
    # A country after a name is no surname ("... Juan Chile")
    rows = gazetteer.index(lex.lang).get(tok.norm, ())
    return not any(gazetteer.place(r).kind in ("country", "continent") for r in rows)


def _place_at(toks: Tokens, i: int, lex: EntityLexicon) -> bool:
    """Whether a gazetteer place of two words or more opens at token i ("Victoria Falls"), or
    the given name is a place with a connector after it ("Santiago de Chile")."""
    index = gazetteer.index(lex.lang)
    if i + 1 < len(toks) and toks.forms[i + 1] in lex.surname_connectors and toks.forms[i] in index:
        return True
    prefixes = gazetteer.prefixes(lex.lang)
    key = toks.forms[i]
    for j in range(i + 1, min(len(toks), i + gazetteer.max_words(lex.lang))):
        key = f"{key} {toks.forms[j]}"
        if key not in prefixes:
            return False
        if key in index:
            return True
    return False

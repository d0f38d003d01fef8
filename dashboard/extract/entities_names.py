"""Reading personal names after a title: known name parts, lexicon names, and (in scripts
without capitals) unknown two-word names that look like one ("وزير التعليم عزام الدخيل").

Shared helpers of the entities extractor: phrase matching, demonyms, punctuation gaps.
"""

from __future__ import annotations

from typing import Any

from dashboard.extract.claims_entitylex import EntityLexicon
from dashboard.extract.claims_tokens import PhraseTable, Token, Tokens, gap

_MAX_NAME = 4


def match(
    table: PhraseTable, text: str, toks: Tokens, i: int, cap: bool = False
) -> tuple[int, int, Any] | None:
    if i >= len(toks):
        return None
    peeled = toks.peeled[i]  # (the columns: most calls build no token)
    trie = table.trie
    if peeled:
        # No reading of the word (under its proclitics) opens a phrase: `PhraseTable.match`
        # would find none, and most words with a proclitic letter open none.
        for _, core in peeled:
            if core in trie:
                break
        else:
            return None
    elif toks.forms[i] not in trie:
        return None  # most calls: the word opens no phrase of the table
    return table.match(toks, i, text, capitalised=cap)


def demonym(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, str] | None:
    m = match(lex.demonyms, text, toks, i)  # Spanish demonyms are lower case
    if m and (i == 0 or not punct(gap(text, toks, i))):
        return m[0], m[2]
    return None


def name_length(text: str, toks: Tokens, j: int, lex: EntityLexicon) -> int:
    """How many tokens from j form a personal name (0 when token j does not start one)."""
    k = 0
    while j + k < len(toks) and k < _MAX_NAME:
        t = toks[j + k]
        if k and punct(gap(text, toks, j + k)):
            break
        if t.norm in lex.not_name or demonym(text, toks, j + k, lex):
            break
        unknown = False
        if lex.capitalised:
            # A name opens with a capital ("presidente de Estados Unidos" names no person).
            ok = t.upper or (k > 0 and t.norm in lex.connectors and j + k + 1 < len(toks))
        elif t.norm in lex.name_parts or t.norm in lex.connectors:
            ok = True
        else:
            # No capitals in the script: after a known first name, one unknown word is a
            # surname only when it looks like one (a nisba with the article) or ends the phrase.
            ok = k > 0 and (definite(t, lex) or phrase_end(text, toks, j + k + 1, lex))
            unknown = True
        if not ok or match(lex.titles, text, toks, j + k):
            break
        k += 1
        if unknown:
            break
    while k and toks.forms[j + k - 1] in lex.connectors:
        k -= 1
    return k


def unknown_name(text: str, toks: Tokens, j: int, lex: EntityLexicon) -> int:
    """Two words after a title that look like a name no lexicon knows: "وزير التعليم عزام
    الدخيل", "وزير الخارجية الفرنسي لوران فابيوس" (scripts without capitals only).

    The first word must not carry the article or a common-noun ending, and the second must be a
    nisba with the article, a known name part, or an unknown word that ends the phrase.
    """
    if lex.capitalised or j + 1 >= len(toks) or punct(gap(text, toks, j + 1)):
        return 0
    first, second = toks[j], toks[j + 1]
    if not _name_like(text, toks, j, lex) or definite(first, lex) or len(first.norm) < 3:
        return 0
    cores = [c for _, c in first.readings]
    if any(c in lex.not_first or (c != first.norm and _definite_form(c, lex)) for c in cores):
        return 0  # "رئيس مجلس الوزراء", "للاتحاد العالمي": an institution, not a name
    if second.norm in lex.connectors:
        return 0
    # Each test of the second word runs once (`_name_like` looks it up in several tables).
    second_definite = definite(second, lex)
    nisba = second_definite and _name_like(text, toks, j + 1, lex)
    if len(first.readings) > 1 and not nisba:
        return 0  # "لهجوم عنيف", "بإخطار الكونغرس": a preposition on a common noun
    if second.norm in lex.name_parts or nisba:
        return 2
    if not second_definite and _name_like(text, toks, j + 1, lex):
        return 2 if phrase_end(text, toks, j + 2, lex) else 0
    return 0


def _name_like(text: str, toks: Tokens, k: int, lex: EntityLexicon) -> bool:
    t = toks[k]
    return not (
        t.norm in lex.not_name
        or t.norm.endswith(lex.blocked_endings or ("\0",))
        or t.norm.isdigit()
        or demonym(text, toks, k, lex)
        or match(lex.titles, text, toks, k)
        or match(lex.portfolios, text, toks, k)
    )


def _definite_form(word: str, lex: EntityLexicon) -> bool:
    return bool(lex.definite) and word.startswith(lex.definite) and len(word) > 4


def definite(t: Token, lex: EntityLexicon) -> bool:
    return bool(lex.definite) and t.norm.startswith(lex.definite) and len(t.norm) > 4


def phrase_end(text: str, toks: Tokens, j: int, lex: EntityLexicon) -> bool:
    return j >= len(toks) or punct(gap(text, toks, j)) or toks.forms[j] in lex.not_name


def transliterate(text: str, toks: list[Token], lex: EntityLexicon) -> str:
    if lex.capitalised:
        return " ".join(text[toks[0].start : toks[-1].end].split())
    parts = [lex.name_parts.get(t.norm) for t in toks]
    if all(parts):
        return " ".join(p for p in parts if p)
    return text[toks[0].start : toks[-1].end]


def punct(between: str) -> bool:
    # A character other than white space (str.isspace, in C), or a blank line.
    return (between != "" and not between.isspace()) or between.count("\n") >= 2

"""Rates after a figure's unit: "يوميا", "a barrel", "barrels of crude daily"."""

from __future__ import annotations

from dashboard.extract.figure_grammar import Grammar
from dashboard.extract.phrases import Token, joined
from dashboard.text import Normalised


def rate_at(g: Grammar, norm: Normalised, toks: list[Token], j: int) -> tuple[str, int] | None:
    """A rate phrase after the unit ("يوميا", "a barrel"), unless it names a time ("a year ago")."""
    if j >= len(toks):
        return None
    got = g.per.match(norm, toks, j)  # before joined: it rules out most words
    if got is None or not joined(norm.text, toks[j - 1], toks[j]):
        return None
    per, end, _ = got
    if (
        end < len(toks)
        and toks[end].text in g.not_rate_after
        and joined(norm.text, toks[end - 1], toks[end])
    ):
        return None
    return per, end


# What a quantity is of ("barrels of crude oil daily", "طن من البخار يوميا"): up to this many
# words between "of" and a rate.
MATERIAL_WORDS = 2


def material_rate(
    g: Grammar, norm: Normalised, toks: list[Token], j: int
) -> tuple[str, int] | None:
    """A rate after what a quantity is of, from token j: "948,000 barrels of crude daily"."""
    if j + 1 >= len(toks) or toks[j].text not in g.material_of:
        return None
    if not joined(norm.text, toks[j - 1], toks[j]):
        return None
    for k in range(j + 1, min(j + 1 + MATERIAL_WORDS, len(toks))):
        if toks[k].kind != "word" or not joined(norm.text, toks[k - 1], toks[k]):
            return None
        rate = rate_at(g, norm, toks, k + 1)
        if rate is not None:
            return rate
    return None

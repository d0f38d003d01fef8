"""Finding the source of a claim: the noun phrase after or before a cue, or an antecedent.

A source is a token range [a, b). After a cue it runs to a complementizer ("أن", "that",
"que") when one follows; otherwise (a direct object follows the source) only a source head
("الخارجية", "analysts") or an entity with its modifiers (demonyms, definite adjectives) counts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from dashboard.extract.claims_entitylex import EntityLexicon
from dashboard.extract.claims_lexicon import ClaimsLexicon
from dashboard.extract.claims_tokens import Token, gap
from dashboard.extract.entities import Entity

_MAX_NP = 8
_MAX_BACK = 6
QUOTES_OPEN = "\"'«“‘"


@dataclass
class Ctx:
    """Everything the claim finders share for one document."""

    text: str
    toks: list[Token]
    sid: list[int]
    sents: list[tuple[int, int]]
    lex: ClaimsLexicon
    elex: EntityLexicon
    ents: list[Entity]
    cue_at: dict[int, tuple[int, dict]] = field(default_factory=dict)  # token -> (n, payload)
    ent_first: dict[int, Entity] = field(default_factory=dict)
    ent_last: dict[int, Entity] = field(default_factory=dict)
    ent_first_tok: dict[int, int] = field(default_factory=dict)  # entity id -> first token

    def within(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap [start, end)."""
        if not hasattr(self, "_ends"):
            self._ends = [t.end for t in self.toks]
            self._starts = [t.start for t in self.toks]
        return range(bisect.bisect_right(self._ends, start), bisect.bisect_left(self._starts, end))

    def index_entities(self) -> None:
        """Which token starts (with its title) and which ends each person or organisation."""
        starts = {t.start: t.i for t in self.toks}
        for e in self.ents:
            if e.kind not in ("person", "organization"):
                continue
            inside = list(self.within(e.outer_start, e.end))
            if not inside:
                continue
            first = starts.get(e.outer_start, inside[0])
            self.ent_first[first] = e
            self.ent_last[inside[-1]] = e
            self.ent_first_tok[id(e)] = first

    def punct_before(self, i: int) -> bool:
        return any(not c.isspace() for c in gap(self.text, self.toks, i))

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.toks) and self.sid[i] == self.sid[j]


def np_after(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """The source phrase starting at token j (right after a cue), as a token range."""
    toks, lex = ctx.toks, ctx.lex
    if not ctx.same_sentence(j - 1, j) or ctx.punct_before(j):
        return None
    if lex.is_(lex.pronouns, toks[j]):
        return (j, j + 1)
    k = j
    while k < len(toks) and k - j < _MAX_NP and ctx.same_sentence(j, k):
        if k > j and ctx.punct_before(k):
            break
        t = toks[k]
        if k in ctx.cue_at or lex.has(lex.complementizers, t) or _stop(ctx, t):
            break
        k += 1
    if k == j:
        return None
    capitalised_run = ctx.elex.capitalised and all(
        toks[m].upper or toks[m].norm in ctx.elex.connectors for m in range(j, k)
    )
    ended = k >= len(toks) or not ctx.same_sentence(j, k) or ctx.punct_before(k)
    if capitalised_run and ended and toks[j].upper:
        return (j, k)  # '"...", said Daniel Yergin, director of ...'
    follows = _complement_follows(ctx, k)
    if follows == "complementizer":
        return _trim(ctx, j, k)
    headed = _headed_np(ctx, j)
    colon = ":" in gap(ctx.text, toks, k) if k < len(toks) else False
    named = toks[j].upper or not ctx.elex.capitalised
    if follows == "quote" and named and (headed is None or colon):
        return _trim(ctx, j, k)  # a speaker introduced before a quote: "قال المحلل أحمد الخطيب: «"
    return headed


def _complement_follows(ctx: Ctx, k: int) -> str:
    """ "complementizer" or "quote" when one follows the phrase within a few tokens, else ""."""
    for m in range(k, min(k + _MAX_NP, len(ctx.toks))):
        if not ctx.same_sentence(k - 1, m):
            return ""
        if ctx.lex.has(ctx.lex.complementizers, ctx.toks[m]):
            return "complementizer"
        between = gap(ctx.text, ctx.toks, m)
        if any(c in QUOTES_OPEN or c == ":" for c in between):
            return "quote"
        if m > k and any(c in ".;!?" for c in between):
            return ""
    return ""


def _headed_np(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """A source head or an entity at j, extended over its modifiers."""
    lex = ctx.lex
    k = j
    if k < len(ctx.toks) and lex.is_(lex.determiners, ctx.toks[k]):
        k += 1
    if k in ctx.ent_first:
        end = ctx.ent_first_tok[id(ctx.ent_first[k])]
        while end < len(ctx.toks) and ctx.toks[end].start < ctx.ent_first[k].end:
            end += 1
        return (j, end)
    if k >= len(ctx.toks) or not ctx.lex.kinds.match(ctx.toks, k, ctx.text):
        return None
    end = k + ctx.lex.kinds.match(ctx.toks, k, ctx.text)[0]
    while end < len(ctx.toks) and end - j < _MAX_NP and not ctx.punct_before(end):
        if not ctx.same_sentence(j, end) or not _modifier(ctx, end):
            break
        more = ctx.lex.kinds.match(ctx.toks, end, ctx.text)
        end += more[0] if more else 1
    return _trim(ctx, j, end)


def _modifier(ctx: Ctx, k: int) -> bool:
    t, lex = ctx.toks[k], ctx.lex
    if k in ctx.cue_at or lex.has(lex.complementizers, t) or _stop(ctx, t):
        return False
    if ctx.elex.demonyms.match(ctx.toks, k, ctx.text) or lex.kinds.match(ctx.toks, k, ctx.text):
        return True
    if lex.definite and t.norm.startswith(lex.definite):
        return True
    return t.norm in lex.np_modifiers or t.norm in lex.linkers


def np_before(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """The source phrase ending right before the cue at token i (subject-verb order)."""
    toks, lex = ctx.toks, ctx.lex
    j = i - 1
    if j < 0 or not ctx.same_sentence(i, j) or ctx.punct_before(i):
        return None
    if lex.is_(lex.pronouns, toks[j]):
        return (j, i)
    if j in ctx.ent_last:
        return (ctx.ent_first_tok[id(ctx.ent_last[j])], i)
    a, headed = i, False
    while a - 1 >= 0 and i - a < _MAX_BACK and ctx.same_sentence(i, a - 1):
        t = toks[a - 1]
        if a < i and ctx.punct_before(a) or lex.is_(lex.source_stop, t):
            break
        if (a - 1) in ctx.ent_last:
            a = ctx.ent_first_tok[id(ctx.ent_last[a - 1])]
            headed = True
            continue
        if lex.kinds.match(toks, a - 1, ctx.text):
            headed = True
        elif not (
            _modifier(ctx, a - 1)
            or (ctx.elex.capitalised and t.upper)
            or lex.is_(lex.determiners, t)
        ):
            break
        if ctx.elex.capitalised and t.upper and not lex.is_(lex.determiners, t):
            headed = True
        a -= 1
    if not headed:
        return None
    return _trim(ctx, a, i)


def _trim(ctx: Ctx, a: int, b: int) -> tuple[int, int] | None:
    """Drop leading determiners and linkers and trailing linkers."""
    lex = ctx.lex
    while a < b and (lex.is_(lex.determiners, ctx.toks[a]) or ctx.toks[a].norm in lex.linkers):
        a += 1
    while b > a and ctx.toks[b - 1].norm in lex.linkers:
        b -= 1
    return (a, b) if a < b else None


def _stop(ctx: Ctx, t: Token) -> bool:
    lex = ctx.lex
    return (
        lex.is_(lex.source_stop, t)
        or t.norm in lex.cue_particles
        or lex.venue(t)
        or lex.is_(lex.interrogatives, t)
        or (lex.is_(lex.negators, t))
    )


def source_kind(ctx: Ctx, a: int, b: int, ent: Entity | None) -> str:
    """The kind of source from its words (head first or last), else from its entity."""
    order = range(a, b) if ctx.lex.head_first else range(b - 1, a - 1, -1)
    for k in order:
        m = ctx.lex.kinds.match(ctx.toks, k, ctx.text)
        if m and k + m[0] <= b:
            return m[2]
    ent = ent or entity_in(ctx, a, b)
    if ent is not None:
        if ent.source_kind:
            return ent.source_kind
        if ent.kind == "person" and ent.role:
            return "official"
    return "other"


def entity_in(ctx: Ctx, a: int, b: int) -> Entity | None:
    """The person or organisation inside tokens [a, b), if any."""
    lo, hi = ctx.toks[a].start, ctx.toks[b - 1].end
    for e in ctx.ents:
        if e.kind in ("person", "organization") and e.start < hi and e.end > lo:
            return e
    return None


def country(ctx: Ctx, a: int, b: int, ent: Entity | None) -> str:
    """The country of the source: a demonym among its words, else its entity's country."""
    for k in range(a, b):
        m = ctx.elex.demonyms.match(ctx.toks, k, ctx.text)
        if m:
            return m[2]
    ent = ent or entity_in(ctx, a, b)
    return ent.country if ent is not None else ""

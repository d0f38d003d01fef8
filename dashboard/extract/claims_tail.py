"""What follows an attribution clause, which decides where its content lies, and hedging.

"..., the ministry said." / "..., it said in an annual review" / '«...»، قال الوزير' end their
sentence (or trail off into an adjunct), so the content is what precedes them; "the minister
said that ..." / "قال الوزير إن ..." introduce what follows.
"""

from __future__ import annotations

from bisect import bisect_right

from dashboard.extract.claims_source import QUOTES_OPEN, Ctx, quote_closes_before
from dashboard.extract.claims_tokens import candidates, gap

_SCAN = 40  # tokens of the rest of a sentence scanned for a complementizer
_NEAR = 6  # tokens after an inverted cue within which a complementizer is its own
# Characters a gap is tested for, as sets: `set.isdisjoint(str)` reads the gap in C
_OPENING = frozenset(QUOTES_OPEN)
_SENTENCE_ENDS = frozenset(".!?؟")


def tail(ctx: Ctx, i: int, k: int) -> str:
    """What follows the attribution clause of the cue at i, which ends before token k.

    "end" (the sentence ends, or only time words follow), "comma" (punctuation sets it off),
    "adjunct" (a prepositional or coordinated phrase with no complementizer or quote), or
    "content" (a complement: a clause, a quote, a colon).
    """
    toks, lex = ctx.toks, ctx.lex
    if k >= len(toks) or not ctx.same_sentence(i, k):
        return "end"
    between = gap(ctx.text, toks, k)
    blank = not between or between.isspace()  # most gaps: no colon, quote or punctuation
    if not blank and (":" in between or not _OPENING.isdisjoint(between)):
        return "content"
    if toks.forms[k] in lex.relatives:
        return "adjunct"  # "..., said the manager(,) who spoke on condition that ...": no content
    rest = range(k, min(k + _SCAN, ctx.sentence_end(i)))  # k is in i's sentence
    if not blank and not _SENTENCE_ENDS.isdisjoint(between):
        return "end"  # "... 26 años.Mientras tanto": a sentence end with its space missing
    if not blank:
        rest = rest[1:] if lex.has(lex.complementizers, toks[k]) else rest  # ", que trabaja en"
        # "أكد الدكتور خالد، الخبير الاقتصادي، أمس، أن ...": an aside, then the complement
        return "content" if _complement_in(ctx, rest) else "comma"
    if all(toks.forms[m] in lex.source_stop or toks.forms[m].isdigit() for m in rest):
        return "end"
    if toks.forms[k] not in lex.adjunct_openers:
        return "content"
    return "content" if _complement_in(ctx, rest) else "adjunct"


def _complement_in(ctx: Ctx, rest: range) -> bool:
    """Whether a complementizer, a cue, a colon or an opening quote occurs among tokens `rest`."""
    toks, text, starts, ends, lex = ctx.toks, ctx.text, ctx.starts, ctx.ends, ctx.lex
    comps = lex.complementizers
    for n, m in enumerate(rest):
        # (the columns first: a token is built only for a word with a proclitic reading)
        if (
            m in ctx.cue_at
            or toks.forms[m] in comps
            or (toks.peeled[m] and lex.has(comps, toks[m]))
        ):
            return True
        if n:
            g = text[ends[m - 1] : starts[m]]  # `gap`: 0 < m < len(toks) after the first
            if g != " " and (":" in g or not _OPENING.isdisjoint(g)):
                return True
    return False


def trailing(ctx: Ctx, start: int, rest: str, source_after: bool) -> bool:
    """Whether the attribution clause starting at token `start` attributes what precedes it.

    It must follow punctuation inside its sentence and end the sentence (or trail off); a
    comma after it counts only in verb-subject order ('"...", said John Smith, director').
    """
    sid = ctx.sid  # `same_sentence(start, start - 1)` for a token start > 0 compares these
    while True:  # each test once per position
        if start <= 0 or sid[start] != sid[start - 1]:
            return False
        if ctx.punct_before(start):
            break
        if ctx.toks.forms[start - 1] not in ctx.lex.determiners:
            return False
        start -= 1  # "..., the Organisation ... said": the clause starts at the article
    return rest in ("end", "adjunct") or (rest == "comma" and source_after)


def after_quote(ctx: Ctx, start: int, k: int) -> bool:
    """Whether the clause from token `start` to token k follows a closing quotation and
    introduces nothing ('"...", declaró brevemente la política a la televisora ...'): its
    content is the quotation, even when its subject after the verb is no known source."""
    if start <= 0 or not ctx.same_sentence(start, start - 1) or not ctx.punct_before(start):
        return False
    if ctx.toks[start].peeled or ctx.toks.forms[start - 1] in ctx.lex.coordinators:
        return False  # '"...". وأشارت إلى': a conjunction opens a new clause
    if not quote_closes_before(ctx, start):
        return False
    if k < len(ctx.toks) and ctx.same_sentence(start, k):
        after = gap(ctx.text, ctx.toks, k)
        if ":" in after or not _OPENING.isdisjoint(after):
            return False  # '”, dice X, “...”': a second quotation follows
    # '", dijo a los periodistas que ...': a complement soon after the cue is its content
    return not _complement_in(ctx, range(k, min(k + _NEAR, ctx.sentence_end(start))))


def hedged_span(ctx: Ctx, span: tuple[int, int]) -> bool:
    """Whether the content holds a hedge ("may", "قد"); a modal particle hedges only before
    the verb forms the lexicon gives (قد before a perfect verb asserts: "قد استفادت")."""
    lex, toks = ctx.lex, ctx.toks
    hedges, ends = _hedge_tokens(ctx)
    # The hedges among the tokens that overlap the span (`ctx.within`): from the first that
    # ends after its start, while they start before its end (a bisection of the few hedges,
    # not of every token).
    for k in hedges[bisect_right(ends, span[0]) :]:
        t = toks[k]
        if t.start >= span[1]:
            break
        if ctx.elex.capitalised and t.upper and ctx.same_sentence(k, k - 1):
            continue  # "in May": a capitalised word inside a sentence is a name
        rule = next(
            (lex.modal_particles[c] for _, c in t.readings if c in lex.modal_particles), None
        )
        if rule is not None:
            nxt = toks.forms[k + 1] if k + 1 < len(toks) else ""
            if nxt in rule["except"] or not nxt.startswith(rule["prefixes"]):
                continue
        return True
    return False


def _hedge_tokens(ctx: Ctx) -> tuple[list[int], list[int]]:
    """The tokens that are hedge words (bare or after a conjunction), in order, and their
    ends: found once per document from the reading index, as a content can span a long
    sentence."""
    found = ctx.memo.get("hedges")
    if found is None:
        lex = ctx.lex
        hedges = [
            k
            for k in candidates(ctx.readings, lex.content_hedges)
            if lex.has(lex.content_hedges, ctx.toks[k])
        ]
        found = ctx.memo["hedges"] = (hedges, [ctx.ends[k] for k in hedges])
    return found

"""Finding the content of a claim: the clause after the cue, the quote, or what precedes a frame."""

from __future__ import annotations

from dashboard.extract.claims_source import QUOTES_OPEN, Ctx
from dashboard.extract.claims_tokens import gap

_WINDOW = 8  # tokens between a cue (or its source) and its complementizer
_CLOSE = {"«": "»", "“": "”", "‘": "’", '"': '"', "'": "'"}
_MAX_QUOTE = 1500
_TRAIL = " \t\r\n.,،;:؛—–-…"


def content_after(ctx: Ctx, i: int, j: int, needs_complement: bool) -> tuple[int, int] | None:
    """The content after the cue at token i, whose source (if after it) ends before token j."""
    toks, lex, text = ctx.toks, ctx.lex, ctx.text
    if not ctx.same_sentence(i, j):
        return None
    if j < len(toks) and toks[j].norm in lex.cue_particles and not ctx.punct_before(j):
        j += 1
    start, quoted = None, ""
    for m in range(j, min(j + _WINDOW, len(toks))):
        if not ctx.same_sentence(i, m) or (m in ctx.cue_at and m > j):
            break
        if lex.has(lex.complementizers, toks[m]) and ctx.same_sentence(i, m + 1):
            start = toks[m + 1].start
            quoted = _opening_quote(gap(text, toks, m + 1))
            break
        if m > j and _opening_quote(gap(text, toks, m)) and _particle(ctx, j):
            # "قال الأمير للرئيس «...»": the quote after an addressee is the content.
            start, quoted = toks[m].start, _opening_quote(gap(text, toks, m))
            break
        if m > j and ctx.punct_before(m):
            break
    if start is None:
        if not ctx.same_sentence(i, j):
            return None
        between = gap(text, toks, j)
        quoted = _opening_quote(between)
        if not quoted and ":" not in between and needs_complement:
            return None
        start = toks[j].start
    end = ctx.sents[ctx.sid[i]][1]
    if quoted:
        close = text.find(_CLOSE[quoted], start, start + _MAX_QUOTE)
        if close > start:
            end = close
    if _only_stop_words(ctx, start, end):
        return None
    return trim(text, start, end)


def content_before(ctx: Ctx, k: int, need_punct: bool = True) -> tuple[int, int] | None:
    """The content before a trailing attribution ("...، بحسب X." / "..., the company said.").

    Token k is where the attribution clause begins (its source, or its cue).
    """
    while (
        k > 0 and ctx.same_sentence(k, k - 1) and ctx.lex.is_(ctx.lex.determiners, ctx.toks[k - 1])
    ):
        k -= 1  # "..., a company spokeswoman said": the clause starts at the article
    s0 = ctx.sents[ctx.sid[k]][0]
    if ctx.toks[k].start <= s0 or (need_punct and not ctx.punct_before(k)):
        return None
    return trim(ctx.text, s0, ctx.toks[k].start)


def _particle(ctx: Ctx, j: int) -> bool:
    """Whether token j opens a prepositional phrase (an addressee: "للرئيس", "to reporters")."""
    t = ctx.toks[j]
    if t.norm in ctx.lex.cue_particles:
        return True
    return any(
        st > t.start and t.norm[: st - t.start][:1] in ctx.lex.cue_particles for st, _ in t.readings
    )


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading punctuation and trailing punctuation or unbalanced quotes."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start:
        ch = text[end - 1]
        unbalanced = ch in "\"'»”’" and not _has_opener(text[start : end - 1], ch)
        if not (ch in _TRAIL or unbalanced):
            break
        end -= 1
    return (start, end) if start < end else None


def _has_opener(s: str, closer: str) -> bool:
    if closer in "\"'":
        return s.count(closer) % 2 == 1
    opener = {"»": "«", "”": "“", "’": "‘"}[closer]
    return opener in s


def _opening_quote(between: str) -> str:
    """The quote mark that opens right before a word ("" when none)."""
    stripped = between.rstrip()
    return stripped[-1] if stripped and stripped[-1] in QUOTES_OPEN else ""


def _only_stop_words(ctx: Ctx, start: int, end: int) -> bool:
    """Nothing but time words or venues after the cue ("he said on Tuesday.")."""
    inside = [ctx.toks[k] for k in ctx.within(start, end)]
    lex = ctx.lex
    return all(lex.is_(lex.source_stop, t) or t.norm.isdigit() or lex.venue(t) for t in inside)

"""Finding the content of a claim: the clause after the cue, the quote, or what precedes a frame."""

from __future__ import annotations

from bisect import bisect_left

from dashboard.extract.claims_source import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    Ctx,
    aside_at,
    quoted_name_end,
    word_marks,
)
from dashboard.extract.claims_tokens import gap

_WINDOW = 8  # tokens between a cue (or its source) and its complementizer
_BACK = 5  # words of a source phrase before its cue
_CLOSE = {"«": "»", "“": "”", "‘": "’", '"': '"', "'": "'"}
_MAX_QUOTE = 1500
_TRAIL = " \t\r\n.,،;:؛—–-…"


def content_after(ctx: Ctx, i: int, j: int, needs_complement: bool) -> tuple[int, int] | None:
    """The content after the cue at token i, whose source (if after it) ends before token j."""
    toks, lex, text, sid = ctx.toks, ctx.lex, ctx.text, ctx.sid
    sentence = sid[i]  # `same_sentence(i, k)` for a token k >= 0 compares with this
    if j >= len(toks) or sid[j] != sentence:
        return None
    particle = False
    if toks.forms[j] in lex.cue_particles:
        between = gap(text, toks, j).strip()
        if between in ("", ",", "،") and j + 1 < len(toks) and sid[j + 1] == sentence:
            j += 1
            # "كشف مسؤول رفيع، عن إصدار تعليمات": after the source's comma, the particle
            # introduces the content.
            particle = between != "" and j - 1 > i + 1
    start, quoted = None, ""
    first = j  # the token at `start`
    m = j
    # Sentence numbers never fall: the tokens from j that share i's sentence end at `stop`,
    # found once instead of a test per token. The gap before each token is read once.
    stop = ctx.sentence_end(i)
    comps, cue_at, starts, ends = lex.complementizers, ctx.cue_at, ctx.starts, ctx.ends
    forms, peeled = toks.forms, toks.peeled
    # "قال سامي العلي، وهو أستاذ ...، في حديث أمس إن": past an aside about the speaker
    aside = j > i + 1 and aside_at(ctx, j)
    limit = min(j + (2 * _WINDOW if aside else _WINDOW), stop)
    while m < limit:
        if m > j and m in cue_at:
            break
        between = text[ends[m - 1] : starts[m]] if m > j else ""  # `gap` (m > j >= 0)
        # (the columns first: most words are no complementizer, and build no token)
        complementizer = forms[m] in comps or (peeled[m] and lex.has(comps, toks[m]))
        if complementizer and m + 1 < stop:
            if m == j or between.strip().strip(QUOTES_CLOSE) in ("", ",", "،"):
                first, start = m + 1, starts[m + 1]
                quoted = _opening_quote(gap(text, toks, m + 1))
            elif ":" in between and forms[j] in lex.stop_words:
                # 'قال الوزير في الحكومة: "إننا ...': the venue is no part of what he said
                first, start, quoted = m + 1, starts[m + 1], _opening_quote(between)
            break
        if not between or between.isspace() or between == "." or word_marks(between, forms[m - 1]):
            m += 1  # no quote and no punctuation before the word (or a dot, a vowel mark)
            continue
        if _opening_quote(between) and _particle(ctx, j):
            # "قال الأمير للرئيس «...»": the quote after an addressee is the content.
            first, start, quoted = m, starts[m], _opening_quote(between)
            break
        if ":" in between and m > j and forms[j] in lex.stop_words:
            # "قال الوزير في مؤتمر صحفي أمس: «...»": the venue is no part of what he said
            first, start, quoted = m, starts[m], _opening_quote(between)
            break
        if aside and between.strip() in (",", "،"):
            m += 1
            continue
        closed = quoted_name_end(ctx, m)  # `punct_before(m)` holds here
        if closed is not None:
            m = closed  # 'من شركة "بيتك كابيتال"، أن'
            continue
        if not complementizer:
            if _content_particle(ctx, m, between, stop):
                # "كشف مسؤول رفيع المستوى، عن"
                first, start, particle = m + 1, starts[m + 1], True
            break
        if m + 1 >= stop:
            break  # "said yesterday, that" ending the sentence: nothing follows to claim
    if start is None:  # j is in i's sentence (checked above)
        between = gap(text, toks, j)
        quoted = _opening_quote(between)
        if not quoted and ":" not in between and needs_complement and not particle:
            return None
        start = starts[j]
    s0, end = ctx.sents[ctx.sid[i]]
    if not quoted:
        quoted = _enclosing_quote(text, s0, starts[i])  # '"I think prices will fall," he'
    if quoted:
        close = text.find(_CLOSE[quoted], start, start + _MAX_QUOTE)
        if close > start:
            end = min(end, close) if close < end else close
    # `ctx.within(start, end)`, whose first token is known: the one at `start`
    inside = range(first, bisect_left(ctx.starts, end))
    if _only_stop_words(ctx, inside) or len(inside) < 2:
        return None  # "he said on Tuesday." / a lone word is no statement
    return trim(text, start, end)


def _content_particle(ctx: Ctx, m: int, between: str, stop: int) -> bool:
    """Whether token m is a particle after the source's comma that opens the content ("كشف
    مسؤول في الوزارة، عن خطة"); one followed by a complementizer is an adjunct ("، على هامش
    المؤتمر، أن")."""
    lex = ctx.lex
    if between.strip() not in (",", "،") or ctx.toks.forms[m] not in lex.content_particles:
        return False
    if m + 2 >= stop:
        return False
    rest = range(m + 1, min(m + 1 + _WINDOW, stop))
    return not any(k in ctx.cue_at or lex.has(lex.complementizers, ctx.toks[k]) for k in rest)


def content_before(ctx: Ctx, k: int, need_punct: bool = True) -> tuple[int, int] | None:
    """The content before a trailing attribution ("...، بحسب X." / "..., the company said.").

    Token k is where the attribution clause begins (its source, or its cue).
    """
    while k > 0 and ctx.same_sentence(k, k - 1) and ctx.toks.forms[k - 1] in ctx.lex.determiners:
        k -= 1  # "..., a company spokeswoman said": the clause starts at the article
    if need_punct and not ctx.punct_before(k):
        k = _phrase_start(ctx, k)  # "..., Pemex Japan representative Tito Ayal said."
    s0 = ctx.sents[ctx.sid[k]][0]
    if ctx.starts[k] <= s0 or (need_punct and not ctx.punct_before(k)):
        return None
    if _opens_quote(ctx, k, s0):
        return None  # the cue is the first word of a quotation: nothing before it is claimed
    span = trim(ctx.text, s0, ctx.starts[k])
    if span is None or len(ctx.text[span[0] : span[1]].split()) > 1:
        return span
    # "U.K. DEFICIT FORECAST", "Además, reportó": a lone word is no statement, unless quoted
    # ('"Unbelievable," the coach said').
    before = ctx.text[s0 : span[0]].rstrip()
    return span if before and before[-1] in QUOTES_OPEN else None


def _opens_quote(ctx: Ctx, k: int, s0: int) -> bool:
    """Whether a quotation opens right before token k (a straight quote opens when the
    quotes before it in the sentence are balanced)."""
    q = _opening_quote(gap(ctx.text, ctx.toks, k))
    if not q:
        return False
    if q not in "\"'":
        return True
    return ctx.text[s0 : ctx.ends[k - 1] if k else s0].count(q) % 2 == 0 and (
        gap(ctx.text, ctx.toks, k).strip() == q
    )


def _phrase_start(ctx: Ctx, k: int) -> int:
    """Where the phrase ending before token k begins after punctuation (a few words back)."""
    lex = ctx.lex
    for m in range(k - 1, max(k - _BACK, 0) - 1, -1):
        t = ctx.toks[m]
        if not ctx.same_sentence(k, m) or m in ctx.cue_at or lex.has(lex.complementizers, t):
            break
        if lex.is_(lex.source_stop, t):
            break
        if ctx.punct_before(m):
            return m
    return k


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


def _enclosing_quote(text: str, start: int, end: int) -> str:
    """The quote mark still open at the end of text[start:end] ("" when none)."""
    # (Counted in place: no copy of the sentence so far.)
    if text.count('"', start, end) % 2 == 1:
        return '"'
    for opener, closer in (("«", "»"), ("“", "”")):
        if text.count(opener, start, end) > text.count(closer, start, end):
            return opener
    return ""


def _opening_quote(between: str) -> str:
    """The quote mark that opens right before a word ("" when none)."""
    stripped = between.rstrip()
    return stripped[-1] if stripped and stripped[-1] in QUOTES_OPEN else ""


def _only_stop_words(ctx: Ctx, inside: range) -> bool:
    """Nothing but time words or venues among the tokens `inside` ("he said on Tuesday.")."""
    lex = ctx.lex
    words = map(ctx.toks.__getitem__, inside)  # lazily: all() stops early
    return all(lex.is_(lex.source_stop, t) or t.norm.isdigit() or lex.venue(t) for t in words)

"""Prepositional frames: "بحسب X، ..." / "according to X, ..." / "..., según X." and the
trailing verb clauses that attribute what precedes them ("..., حسبما يقول المحللون").
"""

from __future__ import annotations

from dashboard.extract.claims_content import content_after, content_before, trim
from dashboard.extract.claims_refer import Claim, antecedent, inherited_span
from dashboard.extract.claims_source import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    Ctx,
    names_source,
    np_after,
    quoted_name_end,
    word_marks,
)
from dashboard.extract.claims_tail import hedged_span
from dashboard.extract.claims_tokens import gap
from dashboard.extract.entities_names import match as phrase_at

_MAX_FRAME_SOURCE = 12
_SHORT_TAIL = 6  # tokens: "..., según el mandatario, tras su ingreso." is a trailing phrase


def frame_claim(
    ctx: Ctx, i: int, n: int, negated: bool, cue: dict, earlier: list[Claim]
) -> Claim | None:
    """The claim of the frame at token i (n tokens long); its source follows the frame."""
    lex, toks = ctx.lex, ctx.toks
    opening = i == 0 or not ctx.same_sentence(i, i - 1)
    if cue.get("needs_punct") and not (opening or ctx.punct_before(i)):
        return None  # "actúa de acuerdo con los departamentos": 'in line with', no attribution
    j = i + n
    while j < len(toks) and ctx.same_sentence(i, j) and toks.forms[j] in lex.cue_particles:
        j += 1
    if not ctx.same_sentence(i, j):
        return None
    if lex.has(lex.frame_relatives, toks[j]) or _relative_after_particle(ctx, j):
        if j + 1 in ctx.cue_at:
            return None  # "بحسب ما ذكرت الصحيفة", "وفقا لما ذكرته": the verb carries the claim
        agent = _agent_after(ctx, i, j)
        if agent is None:
            return None  # "وفقا لما تم الاتفاق عليه": a clause, no one's word
        j = agent  # "طبقا لما جرى تقديره من قبل منظمات النفط": the organisations
    # The source runs to the comma or the end of the sentence ("según fuentes diplomáticas,");
    # when it does not, the noun-phrase rules delimit it.
    k = j
    # Sentence numbers never fall: i's sentence ends at one bound, found once.
    stop = min(len(toks), ctx.sentence_end(i), j + _MAX_FRAME_SOURCE)
    while k < stop:
        if (
            k > j
            and ctx.punct_before(k)
            and not word_marks(gap(ctx.text, toks, k), toks.forms[k - 1])
        ):
            closed = quoted_name_end(ctx, k, last=True)
            if closed is None and _only_determiners(ctx, j, k):
                closed = _quoted_title_end(ctx, k, stop)  # 'según el «Informe sobre ...»,'
            if closed is None:
                break
            k = closed  # 'بحسب صحيفة «واشنطن بوست»': a quoted name inside the phrase
            continue
        if k in ctx.cue_at or lex.has(lex.complementizers, toks[k]):
            break
        k += 1
    ends = k >= len(toks) or not ctx.same_sentence(i, k) or ctx.punct_before(k)
    cue_next = ctx.same_sentence(i, k) and k in ctx.cue_at  # "según X dijo": X is the verb's
    src = (j, k) if k > j and ends and not cue_next else np_after(ctx, j, verb=False)
    if src is not None:
        src = _strip_determiners(ctx, src)
    if src is None or (cue["named_source"] and not names_source(ctx, *src)):
        return None
    if _no_speaker(ctx, src[0]):
        return None  # "حسب الجدول الزمني": 'in line with', no attribution
    span = None
    if not opening and ctx.punct_before(i) and _attributes_before(ctx, i, src[1]):
        span = content_before(ctx, i)  # "..., según el mandatario, tras su ingreso."
    if span is None:
        span = content_after(ctx, i, src[1], False)
    if span is None:
        span = content_before(ctx, i, need_punct=False)
    if span is None and opening and (src[1] >= len(toks) or not ctx.same_sentence(i, src[1])):
        span = _previous_sentence(ctx, i)  # "... مع العلماء. بحسب رويترز."
    if span is None:
        return None
    implicit = False
    if src[1] - src[0] == 1 and lex.is_(lex.pronouns, toks[src[0]]):
        # "وبحسب هؤلاء": a pronoun names no one; its antecedent does.
        plural = toks[src[0]].norm in lex.plural_pronouns
        found = antecedent(ctx, i, earlier, False, plural)
        if found is None:
            return None
        return Claim(
            span[0],
            span[1],
            (i, i + n),
            found,
            True,
            False,
            negated,
            hedged_span(ctx, span),
            inherited_span(ctx, earlier, found),
            plural=plural,
        )
    s = ctx.toks[src[0]]
    # "وفقا لبيان", "ما ورد بوكالة الأنباء": the preposition attached to the source is part of
    # the frame, not the source.
    core = [
        st
        for st, c in s.readings
        if st > s.start
        and (
            s.norm[: st - s.start] in lex.cue_particles
            or (s.norm[: st - s.start] in lex.venue_proclitics and c in lex.venue_words)
        )
    ]
    src_span = (core[0] if core else s.start, ctx.toks[src[1] - 1].end)
    return Claim(
        span[0],
        span[1],
        (i, i + n),
        src,
        implicit,
        False,
        negated,
        hedged_span(ctx, span),
        src_span,
    )


def _no_speaker(ctx: Ctx, j: int) -> bool:
    """Whether the source phrase at token j is headed by a word no one speaks through
    ("للمعايير", "الجدول"), read with or without its particle and article."""
    words, lex = ctx.lex.frame_non_sources, ctx.lex
    if not words:
        return False
    article = lex.definite
    return any(  # every reading: "للمبادئ" is ل + المبادئ
        c in words or (article and c.startswith(article) and c[len(article) :] in words)
        for _, c in ctx.toks[j].readings
    )


def _agent_after(ctx: Ctx, i: int, j: int) -> int | None:
    """The token after an agent marker ("من قبل") in the clause the frame at i opens at j."""
    markers = ctx.lex.agent_markers
    stop = min(len(ctx.toks), ctx.sentence_end(i), j + _MAX_FRAME_SOURCE)
    for m in range(j + 1, stop):
        if ctx.punct_before(m) or m in ctx.cue_at:
            return None
        found = phrase_at(markers, ctx.text, ctx.toks, m)
        if found:
            return m + found[0] if m + found[0] < stop else None
    return None


def _relative_after_particle(ctx: Ctx, j: int) -> bool:
    """Whether token j is a relative under a frame's particle ("لما": ل + ما)."""
    t, lex = ctx.toks[j], ctx.lex
    return any(
        st > t.start and core in lex.frame_relatives and t.norm[: st - t.start] in lex.cue_particles
        for st, core in t.readings
    )


def _previous_sentence(ctx: Ctx, i: int) -> tuple[int, int] | None:
    sid = ctx.sid[i]
    if sid == 0:
        return None
    a, b = ctx.sents[sid - 1]
    return trim(ctx.text, a, b)


def _attributes_before(ctx: Ctx, i: int, k: int) -> bool:
    """Whether a frame set off in mid-sentence attributes what precedes it.

    It does when nothing but a short trailing phrase follows its source, or when a new
    coordinated clause starts there ("..., وفقا لمجلس الشحن، ويهدف ...").
    """
    if k >= len(ctx.toks) or not ctx.same_sentence(i, k):
        return True
    if not ctx.punct_before(k):
        return False
    t, lex = ctx.toks[k], ctx.lex
    coordinated = t.norm in lex.coordinators or any(
        st > t.start and t.norm[: st - t.start] in (lex.cue_clitics or ()) for st, _ in t.readings
    )
    stop = min(k + _SHORT_TAIL + 1, len(ctx.toks))
    rest = sum(1 for m in range(k, stop) if ctx.same_sentence(i, m))
    return coordinated or (rest <= _SHORT_TAIL and t.norm in lex.adjunct_openers)


def frame_opener(ctx: Ctx, i: int) -> int | None:
    """The first token of a frame opener right before the verb at i ("حسبما"), else None."""
    openers = ctx.lex.frame_openers
    # Where an opener may start in the document (`PhraseTable.open_at`, found once by set
    # operations): `match` finds none elsewhere, and most cues have none before them.
    may_open = ctx.memo.get("frame_openers")
    if may_open is None:
        may_open = ctx.memo["frame_openers"] = frozenset(openers.open_at(ctx.readings))
    if not may_open or may_open.isdisjoint((i - 3, i - 2, i - 1)):
        return None  # most cues: no opener may start right before them (most texts: none)
    sentence = ctx.sid[i]
    for n in (3, 2, 1):
        a = i - n
        if a not in may_open or a < 0 or ctx.sid[a] != sentence:  # `same_sentence`
            continue
        m = phrase_at(openers, ctx.text, ctx.toks, a)
        if m and m[0] == n:
            return a
    return None


def _only_determiners(ctx: Ctx, j: int, k: int) -> bool:
    return all(ctx.toks.forms[m] in ctx.lex.determiners for m in range(j, k))


def _quoted_title_end(ctx: Ctx, k: int, stop: int) -> int | None:
    """The token after a quoted title opening at token k and closing before `stop` at the end
    of its clause or sentence (a document's title: "De acuerdo con la “Relación de ...”,")."""
    if gap(ctx.text, ctx.toks, k).strip() not in QUOTES_OPEN:
        return None
    for m in range(k + 1, stop + 1):
        if m >= len(ctx.toks) or not ctx.same_sentence(k, m):
            return None
        g = gap(ctx.text, ctx.toks, m).strip()
        if g:
            ok = g[0] in QUOTES_CLOSE and g[1:2] in (".", ",", "،", "")
            return m if ok and len(g) <= 2 and m > k + 1 else None
    return None


def _strip_determiners(ctx: Ctx, src: tuple[int, int]) -> tuple[int, int] | None:
    a, b = src
    while a < b - 1 and ctx.toks.forms[a] in ctx.lex.determiners:
        a += 1
    return (a, b)

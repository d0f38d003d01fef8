"""Claims: attributed statements (who says what, on whose authority, and how).

Contract: `extract(doc)` returns Mentions of table "claims"; the span is the CONTENT (what is
claimed) and attrs hold source, source_start, source_end (the antecedent's span when the source
is only implied by the verb, a pronoun or a participle; `implicit` is then true), source_kind,
country (from a demonym or the source entity), cue, cue_start, cue_end, negated, hedged.
A negated cue whose content is an indirect question ("did not say how ...", "ولم توضح
الوثائق كيف ...") is not a claim: it reports that nothing was said. Narration without a cue,
a source or an antecedent is not a claim.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dashboard import lexicon
from dashboard.extract import entities
from dashboard.extract.claims_content import content_after, content_before, trim
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.claims_source import (
    Ctx,
    country,
    entity_in,
    np_after,
    np_before,
    source_kind,
)
from dashboard.extract.claims_tokens import sentence_of, sentence_spans, tokens_for
from dashboard.model import Document, Mention

_ANTECEDENT_SENTENCES = 3


@dataclass(frozen=True)
class Claim:
    """A claim found in the text, before it becomes a Mention."""

    start: int
    end: int
    cue: tuple[int, int]  # token range
    source: tuple[int, int] | None  # token range of the source phrase or antecedent
    implicit: bool
    explicit_before: bool  # the source stands before the cue (its clause starts there)
    negated: bool
    hedged: bool
    source_span: tuple[int, int] | None = None  # original offsets when not a token range


def extract(doc: Document) -> list[Mention]:
    """Claims of the document as Mentions, in text order."""
    ctx = _context(doc)
    claims: list[Claim] = []
    for i in sorted(ctx.cue_at):
        c = _claim(ctx, i, claims)
        if c is not None:
            claims.append(c)
    claims = _cut_at_next_clause(ctx, claims)
    return [m for c in claims if (m := _mention(ctx, c)) is not None]


def _context(doc: Document) -> Ctx:
    toks = list(tokens_for(doc.text, lexicon.proclitics(doc.lang)))
    sents = sentence_spans(doc.text)
    lex = claims_lexicon(doc.lang)
    ctx = Ctx(
        doc.text,
        toks,
        sentence_of(toks, sents),
        sents,
        lex,
        entity_lexicon(doc.lang),
        list(entities.find_cached(doc.text, doc.lang)),
    )
    ctx.index_entities()
    i = 0
    while i < len(toks):
        m = lex.cues.match(toks, i, doc.text, first_clitics=lex.cue_clitics)
        if m and not (i and lex.is_(lex.determiners, toks[i - 1]) and m[2]["kind"] == "verbs"):
            ctx.cue_at[i] = (m[0], m[2])  # "the said company" is not a cue
            i += m[0]
        else:
            i += 1
    return ctx


def _claim(ctx: Ctx, i: int, earlier: list[Claim]) -> Claim | None:
    n, cue = ctx.cue_at[i]
    lex, toks = ctx.lex, ctx.toks
    negated = cue["negated"] or (
        i > 0 and ctx.same_sentence(i, i - 1) and lex.has(lex.negators, toks[i - 1])
    )
    kind = cue["kind"]
    src: tuple[int, int] | None = None
    before = implicit = False
    if kind == "frames":
        return _frame_claim(ctx, i, n, negated)
    if kind == "verbs":
        finders = [("after", np_after), ("before", np_before)]
        if not lex.after_first:
            finders.reverse()
        for side, finder in finders:
            src = finder(ctx, i + n if side == "after" else i)
            if src:
                before = side == "before"
                break
    pronoun = src is not None and src[1] - src[0] == 1 and lex.is_(lex.pronouns, toks[src[0]])
    after_end = src[1] if (src and not before) else i + n
    span = None
    if src and not before and not lex.after_first and ctx.punct_before(i):
        span = content_before(ctx, i)  # inverted order: '"...", said John Smith, director'
    if span is None:
        # A word that is also a noun ("reports", "ذكر") needs a complementizer, unless a
        # source stands before it as its subject ("Analysts believe the ...").
        needs = cue["needs_complement"] and not (src and before)
        span = content_after(ctx, i, after_end, needs)
    if span is None:
        span = content_before(ctx, src[0] if (src and before) else i)
    if span is None:
        return None
    if negated and _interrogative(ctx, span[0]):
        return None
    if kind == "passive":
        src = None
    elif src is None or pronoun:
        src = _antecedent(ctx, i, earlier, participle=kind == "participles")
        implicit = True
        if src is None:
            return None
    hedged = cue["hedged"] or _hedged(ctx, span)
    return Claim(
        span[0], span[1], (i, i + n), src, implicit, before and not implicit, negated, hedged
    )


def _frame_claim(ctx: Ctx, i: int, n: int, negated: bool) -> Claim | None:
    """ "بحسب X، ..." / "according to X, ..." / "..., según X.": source follows the frame."""
    lex, toks = ctx.lex, ctx.toks
    j = i + n
    while j < len(toks) and ctx.same_sentence(i, j) and toks[j].norm in lex.cue_particles:
        j += 1
    if not ctx.same_sentence(i, j) or lex.has(lex.frame_relatives, toks[j]):
        return None  # "بحسب ما ذكرت الصحيفة": the verb inside carries the claim
    # The source runs to the comma or the end of the sentence ("según fuentes diplomáticas,");
    # when it does not, the noun-phrase rules delimit it.
    k = j
    while k < len(toks) and ctx.same_sentence(i, k) and k - j < 8:
        if (
            k > j
            and ctx.punct_before(k)
            or k in ctx.cue_at
            or lex.has(lex.complementizers, toks[k])
        ):
            break
        k += 1
    ends = k >= len(toks) or not ctx.same_sentence(i, k) or ctx.punct_before(k)
    src = (j, k) if k > j and ends and k not in ctx.cue_at else np_after(ctx, j)
    if src is not None:
        src = _strip_determiners(ctx, src)
    if src is None:
        return None
    span = content_after(ctx, i, src[1], False)
    if span is None:
        span = content_before(ctx, i, need_punct=False)
    if span is None:
        return None
    s = ctx.toks[src[0]]
    # "وفقا لبيان": the preposition attached to the source is part of the frame, not the source.
    core = [
        st for st, c in s.readings if st > s.start and s.norm[: st - s.start] in lex.cue_particles
    ]
    src_span = (core[0] if core else s.start, ctx.toks[src[1] - 1].end)
    return Claim(
        span[0], span[1], (i, i + n), src, False, False, negated, _hedged(ctx, span), src_span
    )


def _open_quote(s: str) -> bool:
    """Whether a quotation opened in `s` is still open at its end."""
    return s.count('"') % 2 == 1 or s.count("«") > s.count("»") or s.count("“") > s.count("”")


def _strip_determiners(ctx: Ctx, src: tuple[int, int]) -> tuple[int, int] | None:
    a, b = src
    while a < b - 1 and ctx.lex.is_(ctx.lex.determiners, ctx.toks[a]):
        a += 1
    return (a, b)


def _antecedent(ctx: Ctx, i: int, earlier: list[Claim], participle: bool) -> tuple[int, int] | None:
    """The named antecedent of an implied source.

    A participle ("مشيرا", "adding") takes the subject of the previous clause: a person that
    opens the previous claim's content, else that claim's source. A bare verb or a pronoun
    takes the previous claim's source, else the nearest person or organisation named before.
    """
    sid = ctx.sid[i]
    cue_pos = ctx.toks[i].start
    prev: list[Claim] = []
    for c in reversed(earlier):  # only the last few sentences: linear in the text length
        if sid - ctx.sid[c.cue[0]] > _ANTECEDENT_SENTENCES:
            break
        if c.source and c.start <= cue_pos < c.end and _open_quote(ctx.text[c.start : cue_pos]):
            return c.source  # a first-person cue inside a quote: the quoted speaker
        if c.source:
            prev.insert(0, c)
    if prev:
        last = prev[-1]
        if participle and ctx.sid[last.cue[0]] == sid:
            first = _token_at(ctx, last.start)
            e = ctx.ent_first.get(first) if first is not None else None
            if e is not None and e.kind == "person":
                return _entity_range(ctx, e)
        if not participle or ctx.sid[last.cue[0]] == sid:
            return last.source
    for kind in ("person", "organization"):
        for k in range(i - 1, -1, -1):
            if sid - ctx.sid[k] > 1:
                break
            e = ctx.ent_last.get(k)
            if e is not None and e.kind == kind:
                return _entity_range(ctx, e)
    return None


def _entity_range(ctx: Ctx, e: entities.Entity) -> tuple[int, int]:
    """Token range of an entity's name (without its title)."""
    inside = ctx.within(e.start, e.end)
    return (inside[0], inside[-1] + 1)


def _token_at(ctx: Ctx, pos: int) -> int | None:
    r = ctx.within(pos, len(ctx.text))
    return r[0] if len(r) else None


def _interrogative(ctx: Ctx, start: int) -> bool:
    k = _token_at(ctx, start)
    return k is not None and ctx.lex.has(ctx.lex.interrogatives, ctx.toks[k])


def _hedged(ctx: Ctx, span: tuple[int, int]) -> bool:
    return any(ctx.lex.has(ctx.lex.content_hedges, ctx.toks[k]) for k in ctx.within(*span))


def _cut_at_next_clause(ctx: Ctx, claims: list[Claim]) -> list[Claim]:
    """End a content where a later claim's clause begins after punctuation in the sentence.

    "أكدت الخارجية ... دعمها، مشيرة إلى ..." holds two claims: the first ends before "،".
    """
    out = []
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(ctx.sid[c.cue[0]], []).append(c)
    for c in claims:
        end = c.end
        for d in by_sentence[ctx.sid[c.cue[0]]]:
            k = d.source[0] if d.explicit_before and d.source else d.cue[0]
            pos = ctx.toks[k].start
            if c.start < pos < end and ctx.punct_before(k) and d.cue[0] > c.cue[0]:
                end = pos
        if end != c.end:
            span = trim(ctx.text, c.start, end)
            if span is None:
                continue
            c = replace(c, start=span[0], end=span[1])
        out.append(c)
    return out


def _mention(ctx: Ctx, c: Claim) -> Mention | None:
    text = ctx.text
    cue_s, cue_e = ctx.toks[c.cue[0]].start, ctx.toks[c.cue[1] - 1].end
    attrs: dict[str, object] = {
        "source": "",
        "source_start": None,
        "source_end": None,
        "source_kind": "anonymous",
        "country": "",
        "implicit": c.implicit,
        "cue": text[cue_s:cue_e],
        "cue_start": cue_s,
        "cue_end": cue_e,
        "negated": c.negated,
        "hedged": c.hedged,
    }
    if c.source is not None:
        a, b = c.source
        s, e = c.source_span or (ctx.toks[a].start, ctx.toks[b - 1].end)
        ent = entity_in(ctx, a, b)
        attrs.update(
            source=text[s:e],
            source_start=s,
            source_end=e,
            source_kind=source_kind(ctx, a, b, ent),
            country=country(ctx, a, b, ent),
        )
    return Mention("claims", c.start, c.end, text[c.start : c.end], attrs)

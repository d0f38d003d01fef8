"""Claims: attributed statements (who says what, on whose authority, and how).

Contract: `extract(doc)` returns Mentions of table "claims"; the span is the CONTENT (what is
claimed) and attrs hold source, source_start, source_end (the antecedent's span when the source
is only implied by the verb, a pronoun or a participle; `implicit` is then true; `source` is
the person's full name when the phrase is a later short reference to one named earlier in the
document, "Sheikh Ali" after "Sheikh Ali al-Khalifa al-Sabah"), source_kind,
country (from a demonym or the source entity), cue, cue_start, cue_end, negated, hedged.
A negated cue whose content is an indirect question ("did not say how ...", "ولم توضح
الوثائق كيف ...") is not a claim: it reports that nothing was said. Narration without a cue,
a source or an antecedent is not a claim.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from dashboard import lexicon
from dashboard.extract import entities
from dashboard.extract.claims_before import np_before, restrictive_relative
from dashboard.extract.claims_content import content_after, content_before, trim
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_frames import frame_claim, frame_opener
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.claims_openers import openers_for
from dashboard.extract.claims_refer import (
    Claim,
    antecedent,
    full_name,
    inherited_span,
    number,
    quoted_speakers,
    token_at,
)
from dashboard.extract.claims_source import (
    Ctx,
    closing_quote,
    country,
    entity_in,
    np_after,
    object_after,
    quote_closes_before,
    source_kind,
)
from dashboard.extract.claims_tail import after_quote, hedged_span, tail, trailing
from dashboard.extract.claims_tokens import prepared_for, sentences_for
from dashboard.extract.entities_names import match as phrase_at
from dashboard.model import Document, Mention


def extract(doc: Document) -> list[Mention]:
    """Claims of the document as Mentions, in text order."""
    ctx = _context(doc)
    if not ctx.cue_at:
        return []  # most steps below would find nothing to do
    claims: list[Claim] = []
    for i in sorted(ctx.cue_at):
        c = _claim(ctx, i, claims)
        if c is not None:
            claims.append(c)
    claims = quoted_speakers(ctx, _cut_at_next_clause(ctx, _merge_inner(ctx, claims)))
    claims = _drop_echoes(ctx, [c for c in claims if c.source is not None or not c.implicit])
    return [m for c in claims if (m := _mention(ctx, c)) is not None]


def _drop_echoes(ctx: Ctx, claims: list[Claim]) -> list[Claim]:
    """Drop an implied claim whose content is that of a claim with a named source: a second
    cue over the same words ("explicó X, subrayando que ...", "نقلت الصحيفة عن ... قوله إن").
    Of two cues over the same words otherwise ("وتابع مؤكدا أن", "وطبقا للتقرير توقعت الهيئة
    أن"), keep a verb over a frame ("وقال سكان، وفقا لتقارير، إن": the residents said it, as
    reported), else the one nearest the words: it governs them, the other frames it."""
    named = {(c.start, c.end) for c in claims if not c.implicit}
    kept = [c for c in claims if not (c.implicit and (c.start, c.end) in named)]
    best: dict[tuple[int, int], Claim] = {}
    for c in kept:
        d = best.get((c.start, c.end))
        if d is None or _cue_distance(ctx, c) < _cue_distance(ctx, d):
            best[(c.start, c.end)] = c
    return [c for c in kept if best[(c.start, c.end)] is c]


def _cue_distance(ctx: Ctx, c: Claim) -> tuple[bool, int]:
    """Whether a claim's cue is a frame, and the characters between its cue and its content
    on whichever side the cue stands."""
    frame = ctx.cue_at[c.cue[0]][1]["kind"] == "frames"
    return frame, max(c.start - ctx.toks[c.cue[1] - 1].end, ctx.toks[c.cue[0]].start - c.end)


def _context(doc: Document) -> Ctx:
    # (The document's fields read once: compiled, each read of one is a Python attribute
    # look-up, as the model is not compiled.)
    text, lang = doc.text, doc.lang
    clitics = lexicon.proclitics(lang)
    prep = prepared_for(text, clitics)
    toks = prep.tokens
    sents, sid = sentences_for(text, clitics)
    lex = claims_lexicon(lang)
    ctx = Ctx(
        text,
        toks,
        sid,
        sents,
        lex,
        entity_lexicon(lang),
        list(entities.find_cached(text, lang)),
        openers_for(text, lang),
        prep.starts,
        prep.ends,
    )
    nxt = 0
    for i in lex.cues.open_at(ctx.readings):
        if i < nxt:
            continue
        m = lex.cues.match(toks, i, text, first_clitics=lex.cue_clitics)
        if m is None or _not_a_cue(ctx, i, m[2]["kind"]):
            continue
        if m[2].get("after_opener") and frame_opener(ctx, i) is None:
            continue  # "ذكرته" (mentioned it) attributes only in "بحسب ما ذكرته X"
        payload = _impersonal(ctx, i, m[0], m[2])
        if payload is None:
            continue
        ctx.cue_at[i] = (m[0], payload)
        nxt = i + m[0]
    if ctx.cue_at:  # (the cues are found without them; a text without one has no claim)
        ctx.index_entities()
    return ctx


def _not_a_cue(ctx: Ctx, i: int, kind: str) -> bool:
    """ "the said company"; "United States" (a capitalised word inside a name, not a headline)."""
    toks, lex = ctx.toks, ctx.lex
    before = toks.forms[i - 1] if i and ctx.sid[i] == ctx.sid[i - 1] else ""
    if kind == "verbs" and (before in lex.determiners or before in lex.passive_auxiliaries):
        return True
    if not (ctx.elex.capitalised and toks.upper[i]):
        return False  # most cues (every one in a script without capitals)
    t = toks[i]
    word = ctx.text[t.start : t.end]
    return (
        not word.isupper()
        and ctx.same_sentence(i, i - 1)
        and toks.upper[i - 1]
        and not ctx.punct_before(i)
    )


def _impersonal(ctx: Ctx, i: int, n: int, cue: dict) -> dict | None:
    """The payload of the cue at i (n tokens), passive after an impersonal clitic.

    "se dijo que ...", "se prevé que ..." report a claim without its source; "se negó a
    aceptar" (refused) and "se explica por" (is explained by) report none.
    """
    lex, toks = ctx.lex, ctx.toks
    if cue["kind"] != "verbs" or not ctx.same_sentence(i, i - 1):
        return cue
    if toks.forms[i - 1] not in lex.impersonal_clitics:
        return cue
    j = i + n
    if j < len(toks) and ctx.same_sentence(i, j) and lex.has(lex.complementizers, toks[j]):
        return {**cue, "kind": "passive"}
    return None


def _claim(ctx: Ctx, i: int, earlier: list[Claim]) -> Claim | None:
    n, cue = ctx.cue_at[i]
    lex, toks = ctx.lex, ctx.toks
    kind = cue["kind"]
    # "حسبما يقول المحللون": content precedes the opener
    opener = None if kind == "frames" else frame_opener(ctx, i)
    negated = cue["negated"] or (
        i > 0
        and ctx.sid[i] == ctx.sid[i - 1]
        and lex.has(lex.negators, toks[i - 1])
        and opener is None  # the "ما" of "بحسب ما ذكرت" is the opener's, not a negation
    )
    if kind == "frames":
        return frame_claim(ctx, i, n, negated, cue, earlier)
    src: tuple[int, int] | None = None
    before = implicit = False
    after = _past_addressee(ctx, i + n)  # "فقال لي مسؤول": the source follows "لي"
    if cue["object_source"]:
        src, before = _object_source(ctx, i), True
    elif kind == "verbs":
        finders: list[tuple[str, Callable[[Ctx, int], tuple[int, int] | None]]] = [
            ("after", _np_past_adverbs),
            ("before", np_before),
        ]
        if not lex.after_first:
            finders.reverse()
        if opener is not None:
            finders = [("after", _np_past_adverbs)]
        elif lex.after_needs_inversion and not _inverted(ctx, i):
            # "X expects OPEC to meet": OPEC is no subject; "and said it would" keeps "it",
            # whose antecedent is the speaker.
            finders = [("before", np_before), ("after", _pronoun_after)]
        for side, finder in finders:
            src = finder(ctx, after if side == "after" else i)
            if src:
                before = side == "before"
                break
    if src is None and kind == "verbs" and after < len(toks) and object_after(ctx, after):
        return None  # "..., denuncian la campaña": a plural verb's singular object, no speaker
    if src is None and ctx.same_sentence(i, i - 1) and restrictive_relative(ctx, i - 1):
        return None  # "a book which said ...": the relative's antecedent names no speaker
    if src is None and cue.get("after_opener"):
        return None  # "بحسب ما تراه X": X, after it, is its source, or there is no claim
    pronoun = src is not None and src[1] - src[0] == 1 and lex.is_(lex.pronouns, toks[src[0]])
    after_end = src[1] if (src and not before) else after
    start = opener if opener is not None else (src[0] if (src and before) else i)
    rest = tail(ctx, i, after_end)
    span = None
    if opener is not None:
        span = content_before(ctx, opener, need_punct=False)
    elif trailing(ctx, start, rest, source_after=bool(src and not before)):
        span = content_before(ctx, start)  # '"...", said John Smith' / '..., it said in a report'
        if span is None and rest == "adjunct":
            return None  # "U.K. DEFICIT FORECAST AT 800 MLN": nothing before it, no content after
    elif kind == "verbs" and after_quote(ctx, start, after_end):
        span = content_before(ctx, start)
    if span is None and opener is None:
        # A word that is also a noun ("reports", "ذكر") needs a complementizer, unless a
        # source stands before it as its subject ("Analysts believe the ...").
        # ... but only an opinion verb takes a bare object as its content ("Analysts expect a
        # rebound"); "reiterated the kingdom's commitment" reports no statement.
        waived = src and before and not lex.after_first and cue["hedged"]
        needs = cue["needs_complement"] and not waived
        span = content_after(ctx, i, after_end, needs)
        if span is None and needs and cue["document_object"] and _document(ctx, src):
            span = _finding(ctx, i, after_end)
    if span is None and opener is None and rest != "content":
        span = content_before(ctx, start)
    if span is None:
        return None
    if opener is not None and any(k in ctx.cue_at for k in ctx.within(span[0], span[1])):
        return None  # "أعلنت السلطات ...، حسبما أفاد مصدر": the inner attribution is kept
    if negated and _interrogative(ctx, span[0]):
        return None
    plural = number(ctx, i, src[0] if pronoun and src else None)
    if kind == "passive":
        src = None
    elif src is None or pronoun:
        # Without an antecedent the claim waits for a quotation around it to name its speaker
        # (quoted_speakers); it is dropped if none does.
        src = antecedent(ctx, i, earlier, kind == "participles", plural)
        implicit = True
    hedged = cue["hedged"] or hedged_span(ctx, span)
    return Claim(
        span[0],
        span[1],
        (i, i + n),
        src,
        implicit,
        before and not implicit,
        negated,
        hedged,
        inherited_span(ctx, earlier, src) if implicit else None,
        plural=plural,
    )


def _finding(ctx: Ctx, i: int, j: int) -> tuple[int, int] | None:
    """A document's finding as the bare object of the cue at i ("Las cifras muestran una caída
    del 11%"); none when another cue stands in it ("صورا تظهر بعض الأرقام التي تشير إلى أن"):
    the statement is that cue's."""
    span = content_after(ctx, i, j, False)
    if span is None or any(k in ctx.cue_at for k in ctx.within(span[0], span[1])):
        return None
    return span


def _document(ctx: Ctx, src: tuple[int, int] | None) -> bool:
    """Whether the source phrase is a document ("las cifras", "بيانات الحفارات")."""
    return src is not None and source_kind(ctx, *src, entity_in(ctx, *src)) == "document"


def _past_addressee(ctx: Ctx, j: int) -> int:
    """The token after whom the source spoke to, when that stands at j ("قال لي", "أكد للرئيس
    الأميركي"), else j."""
    lex = ctx.lex
    if j >= len(ctx.toks) or not ctx.same_sentence(j - 1, j) or ctx.punct_before(j):
        return j
    if not lex.addressee(ctx.toks[j]):
        return j
    k = j + 1
    if ctx.toks.forms[j] in lex.addressees:
        return k  # "قال لي النبي": a pronoun takes no adjective
    # "أكد للرئيس الأميركي": the addressee's adjectives are no source either
    while k < len(ctx.toks) and lex.definite and ctx.toks.forms[k].startswith(lex.definite):
        if not ctx.same_sentence(j, k) or ctx.punct_before(k) or k in ctx.cue_at:
            break
        k += 1
    return k


def _np_past_adverbs(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """The source phrase after the cue, past the adverbs right after it ('"...", declaró
    brevemente la política'): the subject of an inverted cue follows them."""
    k = _past_adverbs(ctx, j) if j >= 2 and quote_closes_before(ctx, j - 1) else j
    if k > j and k < len(ctx.toks) and ctx.toks.forms[k] in ctx.lex.determiners:
        return np_after(ctx, k, lead=j)
    return np_after(ctx, j)


def _past_adverbs(ctx: Ctx, j: int) -> int:
    """The token after the adverbs standing at j."""
    adverbs = ctx.lex.adverbs
    k = j
    while k < len(ctx.toks) and k - j < 2 and ctx.same_sentence(j - 1, k):
        if ctx.punct_before(k) or ctx.toks.forms[k] not in adverbs.trie:
            break
        m = phrase_at(adverbs, ctx.text, ctx.toks, k)
        if not m or m[0] != 1:
            break
        k += 1
    return k


def _inverted(ctx: Ctx, i: int) -> bool:
    """Whether the cue at i opens its sentence or follows punctuation ('"...", said X')."""
    return i == 0 or not ctx.same_sentence(i, i - 1) or ctx.punct_before(i)


def _pronoun_after(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """A pronoun right after a cue (np_after takes a lone pronoun as the whole phrase)."""
    src = np_after(ctx, j)
    return src if src == (j, j + 1) and ctx.toks.forms[j] in ctx.lex.pronouns else None


def _object_source(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """ "نقلت الوكالة عن مسؤول في السفارة قوله": the phrase between the preposition and the cue."""
    for k in range(i - 1, max(i - 10, 0) - 1, -1):
        if not ctx.same_sentence(i, k) or ctx.punct_before(k + 1) and k + 1 < i:
            return None
        if ctx.toks.forms[k] in ctx.lex.cue_particles:
            return (k + 1, i) if k + 1 < i else None
    return None


def _interrogative(ctx: Ctx, start: int) -> bool:
    k = token_at(ctx, start)
    return k is not None and ctx.lex.has(ctx.lex.interrogatives, ctx.toks[k])


def _merge_inner(ctx: Ctx, claims: list[Claim]) -> list[Claim]:
    """Fold an implied claim whose cue opens another claim's content into that claim.

    "وقال مسؤولون إنه يعتقد أن ...": one claim by the officials, hedged by "يعتقد".
    """
    out: list[Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        if prev is not None and c.implicit and token_at(ctx, prev.start) == c.cue[0]:
            out[-1] = prev.replace(
                hedged=prev.hedged or c.hedged, negated=prev.negated or c.negated
            )
            continue
        out.append(c)
    return out


def _cut_at_next_clause(ctx: Ctx, claims: list[Claim]) -> list[Claim]:
    """End a content where a later claim's clause begins after punctuation in the sentence.

    "أكدت الخارجية ... دعمها، مشيرة إلى ..." holds two claims: the first ends before "،".
    """
    out = []
    # Per sentence, the later claims whose clause is joined by punctuation or a coordinator,
    # in cue order: (cue token, clause start token, its offset), and the least offset from
    # each one on, so that the scan for a claim stops once no later clause can cut it (a
    # sentence with thousands of cues stays linear).
    clauses: dict[int, list[tuple[int, int, int]]] = {}
    for d in claims:  # in cue order
        k = d.source[0] if d.explicit_before and d.source else d.cue[0]
        if ctx.punct_before(k) or (k and ctx.toks.forms[k - 1] in ctx.lex.coordinators):
            clauses.setdefault(ctx.sid[d.cue[0]], []).append((d.cue[0], k, ctx.starts[k]))
    if not clauses:
        return list(claims)  # no later clause can cut any content
    least = {
        s: list(accumulate(reversed([pos for _, _, pos in cs]), min))[::-1]
        for s, cs in clauses.items()
    }
    for c in claims:
        end = c.end
        sentence = ctx.sid[c.cue[0]]
        cs = clauses.get(sentence, [])
        first = bisect_right(cs, (c.cue[0], len(ctx.toks), len(ctx.text)))
        for n in range(first, len(cs)):
            if least[sentence][n] >= end:
                break
            _, k, pos = cs[n]
            if c.start < pos < end:
                end = (
                    ctx.starts[k - 1]
                    if ctx.starts[k - 1] > c.start and not (ctx.punct_before(k))
                    else pos
                )  # "reiterated the accord and said ...": cut before "and"
        if end != c.end:
            span = trim(ctx.text, c.start, end)
            if span is None:
                continue
            c = c.replace(start=span[0], end=span[1])
        out.append(c)
    return out


def _mention(ctx: Ctx, c: Claim) -> Mention | None:
    text = ctx.text
    cue_s, cue_e = ctx.starts[c.cue[0]], ctx.ends[c.cue[1] - 1]
    source, kind, land = "", "anonymous", ""
    s: int | None = None
    e: int | None = None
    if c.source is not None:
        a, b = c.source
        s, e = c.source_span or (ctx.starts[a], ctx.ends[b - 1])
        e = closing_quote(text, s, e)
        ent = entity_in(ctx, a, b)
        # A later short reference ("Sheikh Ali") carries the full name; its span stays on
        # the words of the text, the evidence the analyst reads.
        source = full_name(ctx, a, b, ent) or text[s:e]
        kind, land = source_kind(ctx, a, b, ent), country(ctx, a, b, ent)
    attrs: dict[str, object] = {
        "source": source,
        "source_start": s,
        "source_end": e,
        "source_kind": kind,
        "country": land,
        "implicit": c.implicit,
        "cue": text[cue_s:cue_e],
        "cue_start": cue_s,
        "cue_end": cue_e,
        "negated": c.negated,
        "hedged": c.hedged,
    }
    return Mention("claims", c.start, c.end, text[c.start : c.end], attrs)

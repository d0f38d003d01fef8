"""Implied sources: the named antecedent of a pronoun, a bare verb or a participle.

The antecedent must agree in grammatical number with what implies it ("ويقولون", "they" take
a plural source; "he", "agregó" a singular one) when the language marks it; a claim whose cue
stands inside another claim's quotation belongs to that quotation's speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

from dashboard.extract import entities
from dashboard.extract.claims_source import QUOTES_CLOSE, QUOTES_OPEN, Ctx, open_quote, stop_word
from dashboard.extract.claims_tokens import gap
from dashboard.extract.entities_names import match as phrase_at
from dashboard.text import fold

_QUOTES = frozenset(QUOTES_OPEN + QUOTES_CLOSE)
_NEAR = 3  # sentences within which the previous claim's source is the default antecedent
_FAR = 12  # sentences within which any earlier claim's source may still be the antecedent


class Claim:
    """A claim found in the text, before it becomes a Mention.

    A plain class, not a dataclass: compiled (dashboard/native.py), a dataclass's generated
    __init__ runs as Python, at many times the cost of this one. Claims are not changed once
    made (`replace` makes a changed copy), and are compared by identity only."""

    __slots__ = (
        "start",
        "end",
        "cue",
        "source",
        "implicit",
        "explicit_before",
        "negated",
        "hedged",
        "source_span",
        "plural",
    )

    def __init__(
        self,
        start: int,
        end: int,
        cue: tuple[int, int],  # token range
        source: tuple[int, int] | None,  # token range of the source phrase or antecedent
        implicit: bool,
        explicit_before: bool,  # the source stands before the cue (its clause starts there)
        negated: bool,
        hedged: bool,
        source_span: tuple[int, int] | None = None,  # original offsets when not a token range
        plural: bool | None = None,  # number implied by the cue or pronoun (None: unknown)
    ) -> None:
        self.start = start
        self.end = end
        self.cue = cue
        self.source = source
        self.implicit = implicit
        self.explicit_before = explicit_before
        self.negated = negated
        self.hedged = hedged
        self.source_span = source_span
        self.plural = plural

    def replace(self, **changes: Any) -> Claim:
        """A copy with the `changes` (field name -> value), as `dataclasses.replace`."""
        fields: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "source": self.source,
            "implicit": self.implicit,
            "explicit_before": self.explicit_before,
            "negated": self.negated,
            "hedged": self.hedged,
            "source_span": self.source_span,
            "plural": self.plural,
        }
        fields.update(changes)
        return Claim(**fields)

    def __repr__(self) -> str:
        return f"Claim({self.start}, {self.end}, cue={self.cue}, source={self.source})"


def number(ctx: Ctx, i: int, pronoun: int | None) -> bool | None:
    """Grammatical number implied by a pronoun source (token `pronoun`) or by the cue at i."""
    lex = ctx.lex
    if pronoun is not None:
        return ctx.toks.forms[pronoun] in lex.plural_pronouns
    if ctx.cue_at[i][1]["kind"] not in ("verbs", "participles") or not lex.plural_suffixes:
        return None
    # The shortest reading (the first of them, as `min` picks): the word itself comes first.
    core = ctx.toks.forms[i]
    for _, c in ctx.toks.peeled[i]:
        if len(c) < len(core):
            core = c
    if _plural_ending(core, lex.plural_suffixes):
        return True
    return False if lex.unmarked_singular else None


@lru_cache(maxsize=4096)  # cue verbs are few: each is tested once
def _plural_ending(core: str, suffixes: tuple[str, ...]) -> bool:
    return any(core.endswith(s) and len(core) > len(s) + 1 for s in suffixes)


def is_plural(ctx: Ctx, src: tuple[int, int]) -> bool:
    """Whether a source phrase names several speakers ("analysts", "مصادر")."""
    a, b = src
    return not ctx.lex.plural_heads.isdisjoint(ctx.toks.forms[a:b])  # in C


def antecedent(
    ctx: Ctx, i: int, earlier: list[Claim], participle: bool, plural: bool | None
) -> tuple[int, int] | None:
    """The named antecedent of the source implied at cue token i.

    A first-person cue ("creo") takes the latest claim's source within _FAR sentences.
    A participle ("مشيرا", "adding") takes the subject of the previous clause: a person that
    opens the previous claim's content, else that claim's source. A bare verb or a pronoun takes
    the named subject of its own sentence when the previous claim is in another one, else the
    previous claim's source when it agrees in number, else a person named earlier in the
    sentence, else the nearest agreeing source or entity before it.
    """
    sid = ctx.sid[i]
    sourced = _Sourced.of(ctx, earlier)
    if _line_opens(ctx, i, ctx.lex.question_markers):
        return None  # "P. El libro recuerda ...": the interviewer, never named, asks
    if ctx.toks.forms[i] in ctx.lex.first_person:
        # "Creo que lo que está haciendo Trump ...": the one speaking is the one quoted, never a
        # person merely named nearby; in an interview ("R. ..."), the one interviewed.
        reach = len(ctx.sents) if _interview(ctx) else _FAR
        quoted = sourced.latest(ctx, sid, reach)
        return quoted.source if quoted is not None else None
    last = sourced.latest(ctx, sid, _NEAR)
    fallback = last.source if last is not None else None
    if last is not None and ctx.sid[last.cue[0]] != sid and plural is not True and not participle:
        subject = _named_subject(ctx, i)
        if subject is not None:
            return subject  # "Zelda la Grange ... también decía que": a new sentence's own subject
    if last is not None:
        same = ctx.sid[last.cue[0]] == sid
        if participle and same:
            first = _token_at(ctx, last.start)
            ent = ctx.ent_first.get(first) if first is not None else None
            if ent is not None and ent.kind == "person":
                return _entity_range(ctx, ent)
        if (not participle or same) and last.source and agrees(ctx, last.source, plural):
            return last.source
    same_claim = last is not None and ctx.sid[last.cue[0]] == sid
    if not same_claim and _thing_subject(ctx, i):
        return None  # "El reportaje expuso ... y reveló ...": no one named earlier speaks
    if not same_claim and plural is not True:
        e = _entity_before(ctx, i, 0, ("person",)) or _sentence_subject(ctx, i)
        if e is not None:
            return e  # "Hisham Nazer reiterated the accord and said ..."
    c = sourced.latest(ctx, sid, _NEAR, plural)
    if c is not None:
        return c.source
    for kind in ("person", "organization"):
        e = _entity_before(ctx, i, 1, (kind,))
        if e is not None and kind == "person" and ctx.sid[e[0]] != sid:
            # "Lasso ... durante el gobierno de Rafael Correa. Ha dicho que": the previous
            # sentence's subject, not a person named inside its complements, is the speaker
            e = _opening_person(ctx, ctx.sid[e[0]]) or e
        if e is not None and (plural is not True or fallback is None):
            return e
    c = sourced.latest(ctx, sid, _FAR, plural)
    if c is not None:
        return c.source
    return fallback


def inherited_span(
    ctx: Ctx, earlier: list[Claim], src: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The offsets an earlier claim gave the antecedent `src`, when not its tokens' own:
    "وفقا لمصادر" names "مصادر", and so does every claim that takes it as antecedent."""
    return None if src is None else _Sourced.of(ctx, earlier).spans.get(src)


def agrees(ctx: Ctx, src: tuple[int, int], plural: bool | None) -> bool:
    """Whether a source agrees in number with a cue of that number (None: unknown)."""
    return plural is None or is_plural(ctx, src) == plural


class _Sourced:
    """The claims of a list that have a source, indexed as the list grows (claims are only
    ever appended to it): the latest of them, and the latest that is plural or singular."""

    def __init__(self, earlier: list[Claim]) -> None:
        self.earlier = earlier
        self.seen = 0  # how many claims of the list are indexed
        self.claims: list[Claim] = []
        self.by_number: dict[bool, Claim] = {}
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}  # source -> its own offsets

    @classmethod
    def of(cls, ctx: Ctx, earlier: list[Claim]) -> _Sourced:
        memo = ctx.memo.get("sourced")
        if memo is None or memo.earlier is not earlier or memo.seen > len(earlier):
            memo = ctx.memo["sourced"] = cls(earlier)
        for c in earlier[memo.seen :]:
            if c.source:
                memo.claims.append(c)
                memo.by_number[is_plural(ctx, c.source)] = c
                if c.source_span is not None:
                    memo.spans[c.source] = c.source_span
        memo.seen = len(earlier)
        return memo

    def latest(self, ctx: Ctx, sid: int, reach: int, plural: bool | None = None) -> Claim | None:
        """The latest claim with a source whose cue is at most `reach` sentences before
        sentence `sid`; with `plural` given, the latest whose source agrees in number."""
        if plural is None:
            c = self.claims[-1] if self.claims else None
        else:
            c = self.by_number.get(plural)
        return c if c is not None and sid - ctx.sid[c.cue[0]] <= reach else None


def quoted_speakers(ctx: Ctx, claims: list[Claim]) -> list[Claim]:
    """Give an implied claim whose cue stands inside another claim's quotation that speaker.

    '"I think prices will fall," the minister said': "think" belongs to the minister.
    """
    quoted = [c for c in claims if c.source is not None and not c.implicit]
    out = []
    for c in claims:
        pos = ctx.toks[c.cue[0]].start
        if c.implicit or c.source is None:
            for d in quoted:
                inside = d is not c and d.start <= pos < d.end
                if inside and open_quote(ctx.text[max(0, d.start - 2) : pos]):
                    c = c.replace(source=d.source, source_span=d.source_span, implicit=True)
                    break
        out.append(c)
    return out


def _interview(ctx: Ctx) -> bool:
    """Whether the document is an interview: a line opens with an answer marker ("R.", "R:")."""
    found = ctx.memo.get("interview")
    if found is None:
        found = ctx.memo["interview"] = any(
            re.search(rf"(?m)^\s*{re.escape(m)}[.:]\s", ctx.text) for m in ctx.lex.answer_markers
        )
    return found


def _line_opens(ctx: Ctx, i: int, markers: tuple[str, ...]) -> bool:
    """Whether the line of token i opens with one of `markers` ("P.", "P:")."""
    if not markers:
        return False
    start = ctx.text.rfind("\n", 0, ctx.starts[i]) + 1
    line = ctx.text[start : ctx.starts[i]].lstrip()
    return any(re.match(rf"{re.escape(m)}[.:]\s", line) for m in markers)


def _named_subject(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """A person, or a name of two words or more, opening the sentence of the cue at i and
    standing before it; not when a quotation opens the sentence or closes before the cue
    ('"...", sostuvo'): the sentence then opens with the content."""
    if i == 0 or not ctx.same_sentence(i, i - 1):
        return None
    first = ctx.within(*ctx.sents[ctx.sid[i]])
    if not len(first) or _quote_in(gap(ctx.text, ctx.toks, i)):
        return None
    for k in first[:4]:  # "Saudi Arabian oil minister Hisham Nazer ... said"
        if k > first[0] and ctx.punct_before(k) or k in ctx.cue_at:
            break
        e = ctx.ent_first.get(k)
        if e is not None and e.kind == "person" and e.end <= ctx.starts[i]:
            return _entity_range(ctx, e)
    subject = _sentence_subject(ctx, i)
    return subject if subject is not None and subject[1] - subject[0] >= 2 else None


def _thing_subject(ctx: Ctx, i: int) -> bool:
    """Whether the verb cue at i is coordinated ("... y reveló") in a sentence opening with an
    article and a noun that is no speaker ("El reportaje expuso"): that noun is its subject."""
    lex, toks = ctx.lex, ctx.toks
    if i < 2 or not ctx.same_sentence(i, i - 1) or ctx.punct_before(i):
        return False
    if toks.forms[i - 1] not in lex.coordinators:
        return False
    first = ctx.within(*ctx.sents[ctx.sid[i]])
    if len(first) < 2 or first[1] >= i - 1 or not lex.is_(lex.determiners, toks[first[0]]):
        return False
    head = first[1]
    if toks.upper[head] or head in ctx.ent_first or ctx.punct_before(head):
        return False
    kind = phrase_at(lex.kinds, ctx.text, toks, head)
    return kind is None or kind[2] in ("document", "media")


def _opening_person(ctx: Ctx, s: int) -> tuple[int, int] | None:
    """The person opening sentence s, before any punctuation or cue: its subject."""
    first = ctx.within(*ctx.sents[s])
    for k in first[:4]:
        if k > first[0] and ctx.punct_before(k) or k in ctx.cue_at:
            break
        e = ctx.ent_first.get(k)
        if e is not None and e.kind == "person":
            return _entity_range(ctx, e)
    return None


def _quote_in(s: str) -> bool:
    return not _QUOTES.isdisjoint(s)  # the characters of s, in C


def _sentence_subject(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """A capitalised name opening the sentence of token i ("Open Arms valora ..., pero dice")."""
    if not ctx.elex.capitalised:
        return None
    a = ctx.within(*ctx.sents[ctx.sid[i]])
    if not len(a):
        return None
    first = a[0]
    opening = ctx.text[ctx.sents[ctx.sid[i]][0] : ctx.starts[first]]
    if _quote_in(opening) and _quote_in(ctx.text[ctx.ends[first] : ctx.starts[i]]):
        return None  # '"Estamos listos", afirma': the quotation before the cue is the content
    lex = ctx.lex
    lower = ctx.toks.forms[first]
    # "Nunca me niego ...", dice: a sentence opening with an adverb or particle names no one.
    words = (lex.connectors, lex.determiners, lex.linkers, lex.adjunct_openers, lex.stop_words)
    if any(lower in w for w in words) or ctx.toks.forms[first] in lex.pronouns:
        return None
    if lower in lex.adverbs.trie:
        return None
    e = first
    while e < i and e - first < 4 and ctx.toks.upper[e] and not (e > first and ctx.punct_before(e)):
        if ctx.toks.forms[e] in ctx.lex.connectors or e in ctx.cue_at:
            break
        e += 1
    if e == first or e >= i or e - first >= 4 and ctx.toks.upper[e]:
        return None
    if e - first == 1 and not _one_word_name(ctx, first):
        return None  # "R. Creo que ...", "Falta de médicos explica": no one is named
    return (first, e)


def _one_word_name(ctx: Ctx, k: int) -> bool:
    """Whether token k, alone, opening its sentence, is a name: not a letter ("R.", "P." of an
    interview); an entity, an acronym ("OMS"), a word the document writes capitalised where no
    sentence starts or within a name ("Pérez" after "Yaku Pérez"), or a word not followed by
    a determiner or a linking preposition ("Lasso prometió", not "Falta de ...")."""
    word = ctx.text[ctx.starts[k] : ctx.ends[k]]
    if len(word) < 2:
        return False
    if k in ctx.ent_first or word.isupper() or ctx.toks.forms[k] in _names_inside(ctx):
        return True
    nxt = ctx.toks[k + 1] if k + 1 < len(ctx.toks) else None
    lex = ctx.lex
    if nxt is None or ctx.punct_before(k + 1):
        return False
    return not (lex.is_(lex.determiners, nxt) or nxt.norm in lex.linkers or stop_word(ctx, nxt))


def _names_inside(ctx: Ctx) -> frozenset[str]:
    """Folded words written capitalised after the first word of their sentence, not after
    punctuation, and the words of every person or organisation (built once per document)."""
    names = ctx.memo.get("names_inside")
    if names is None:
        words = {
            t.norm
            for k, t in enumerate(ctx.toks)
            if t.upper and k and ctx.sid[k - 1] == ctx.sid[k] and not ctx.punct_before(k)
        }
        for e in ctx.ents:
            if e.kind in ("person", "organization"):
                words.update(ctx.toks.forms[k] for k in ctx.within(e.start, e.end))
        names = ctx.memo["names_inside"] = frozenset(words)
    return names


def _entity_before(
    ctx: Ctx, i: int, sentences: int, kinds: tuple[str, ...]
) -> tuple[int, int] | None:
    """The nearest entity of one of `kinds` ending before token i, within `sentences`
    sentences before i's (found by bisection: a scan back would be quadratic in a long
    sentence full of cues)."""
    ends = ctx.memo.get(("ends", kinds))
    if ends is None:
        ends = ctx.memo["ends", kinds] = sorted(
            k for k, e in ctx.ent_last.items() if e.kind in kinds
        )
    n = bisect_left(ends, i)
    if not n:
        return None
    k = ends[n - 1]
    if ctx.sid[i] - ctx.sid[k] > sentences:
        return None
    return _entity_range(ctx, ctx.ent_last[k])


def _entity_range(ctx: Ctx, e: entities.Entity) -> tuple[int, int]:
    """Token range of an entity's name (without its title)."""
    inside = ctx.within(e.start, e.end)
    return (inside[0], inside[-1] + 1)


def _token_at(ctx: Ctx, pos: int) -> int | None:
    # `ctx.within(pos, len(ctx.text))`, whose end is every token (each starts before the end
    # of the text): one bisection
    k = bisect_right(ctx.ends, pos)
    return k if k < len(ctx.ends) else None


def token_at(ctx: Ctx, pos: int) -> int | None:
    """The first token at or after original offset `pos`."""
    return _token_at(ctx, pos)


def full_name(ctx: Ctx, a: int, b: int, ent: entities.Entity | None) -> str | None:
    """The full name of the person a short source phrase refers to, if unambiguous.

    "Sheikh Ali" or "Crosbie" after "Sheikh Ali al-Khalifa al-Sabah" or "John Crosbie" in the
    same document is that person: the analyst groups claims by source, and one speaker under
    three names reads as three speakers. The phrase must be the name itself (with its title,
    if any), and exactly one longer name seen before it must contain its words in order. A
    definite title alone ("the minister", "el mandatario") is the one person named before it
    with that role (and the nationality it gives, "الرئيس الأميركي").
    """
    if ent is None:
        return _role_holder(ctx, a, b)
    if ent.kind != "person":
        return None
    lo = ent.outer_start if ent.outer_start >= 0 else ent.start
    if ctx.starts[a] < lo or ctx.ends[b - 1] > ent.end:
        return None  # "a spokesman for Kim": the phrase names someone else
    short = ctx.text[ent.start : ent.end]
    if ctx.elex.capitalised and short.isupper():
        return None  # a headline or a text in capitals: its words show no name
    words = _name_words(short)
    links = ctx.elex.connectors
    found = {
        name
        for first, name, full in _full_names(ctx).get(words[0], ())
        if first < ent.start and len(full) > len(words) and _contains(full, words, links)
    }
    return found.pop() if len(found) == 1 else None


def _full_names(ctx: Ctx) -> dict[str, list[tuple[int, str, tuple[str, ...]]]]:
    """Each word of a person's name of two words or more -> (where that name first occurs,
    the name, its folded words), one entry per distinct name: built once per document."""
    index = ctx.memo.get("full_names")
    if index is None:
        index = ctx.memo["full_names"] = {}
        seen: set[tuple[str, ...]] = set()
        for e in ctx.ents:
            if e.kind != "person":
                continue
            name = " ".join(ctx.text[e.start : e.end].split())
            words = _name_words(name)
            if len(words) < 2 or words in seen or words[0] in ctx.elex.connectors:
                continue  # "بن سعود" is a patronymic, no full name
            if ctx.elex.capitalised and name.isupper():
                continue
            seen.add(words)
            for w in set(words):
                index.setdefault(w, []).append((e.start, name, words))
    return index


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split()) or ("",)


def _contains(full: tuple[str, ...], words: tuple[str, ...], links: frozenset[str]) -> bool:
    """Whether `words` stand in `full` in order, not after a connector: "Salman" is not
    "Mohammed bin Salman", whose "Salman" names his father."""
    n = len(words)
    return any(
        full[k : k + n] == words and not (k and full[k - 1] in links)
        for k in range(len(full) - n + 1)
    )


def _role_holder(ctx: Ctx, a: int, b: int) -> str | None:
    """The one person of the role a definite title phrase [a, b) names, if named before."""
    if ctx.elex.capitalised and ctx.text[ctx.starts[a] : ctx.ends[b - 1]].isupper():
        return None  # as in `full_name`
    ref = _role_reference(ctx, a, b)
    if ref is None:
        return None
    roles, code = ref
    pos = ctx.starts[a]
    named = [(key, role, where) for first, key, role, where in _roles(ctx) if first < pos]
    found = {k for k, role, where in named if role.startswith(roles) and code in ("", where)}
    if not found and len({k for k, _, _ in named}) == 1:
        # "Sheikh Ali ... the minister said": the only person named so far, titled by no
        # other office, is the one the title refers to.
        honorific = all(r in ctx.lex.honorific_roles for _, r, _ in named)
        found = {k for k, _, where in named if honorific and code in ("", where)}
    if len(found) != 1:
        return None
    names = _longest_names(ctx).get(found.pop(), ())
    name = next((n for start, n in reversed(names) if start < pos), "")
    words = _name_words(name)
    return name if len(words) > 1 and words[0] not in ctx.elex.connectors else None


def _role_reference(ctx: Ctx, a: int, b: int) -> tuple[tuple[str, ...], str] | None:
    """(roles, country code) of a definite title phrase [a, b) with an optional demonym:
    "the minister", "the Kuwaiti minister", "الوزير الكويتي"; None for anything else."""
    lex, toks, text = ctx.lex, ctx.toks, ctx.text
    k = a
    if lex.definite_articles:
        if toks.forms[a] in lex.definite_articles:
            k = a + 1
        elif not (ctx.same_sentence(a, a - 1) and toks.forms[a - 1] in lex.definite_articles):
            return None  # "a minister said": someone else
    code = ""
    d = phrase_at(ctx.elex.demonyms, text, toks, k) if k < b else None
    if d and k + d[0] < b:
        code, k = d[2], k + d[0]
    # "للرئيس" (to the president) addresses, it does not name, a speaker: the bare word must
    # open a role (tested first: most words open none)
    if k >= b or toks.forms[k] not in lex.role_references.firsts:
        return None
    m = phrase_at(lex.role_references, text, toks, k)
    if m is None or k + m[0] > b:
        return None
    k += m[0]
    if k < b:
        d = phrase_at(ctx.elex.demonyms, text, toks, k)
        if d is None or k + d[0] != b or code:
            return None
        code = d[2]
    return m[2], code


def _roles(ctx: Ctx) -> list[tuple[int, str, str, str]]:
    """(first start, person, role, country) of each distinct person, role and country of
    the document ("" when unknown)."""
    found = ctx.memo.get("roles")
    if found is None:
        first: dict[tuple[str, str, str], int] = {}
        for e in ctx.ents:
            if e.kind == "person":
                first.setdefault((e.name, e.role, e.country), e.start)
        found = ctx.memo["roles"] = [(s, *k) for k, s in first.items()]
    return found


def _longest_names(ctx: Ctx) -> dict[str, list[tuple[int, str]]]:
    """Person -> (start, name) each time the name is written longer than before it."""
    found = ctx.memo.get("longest_names")
    if found is None:
        found = ctx.memo["longest_names"] = {}
        for e in ctx.ents:
            if e.kind != "person":
                continue
            name = " ".join(ctx.text[e.start : e.end].split())
            seen = found.setdefault(e.name, [])
            if not seen or len(name.split()) > len(seen[-1][1].split()):
                seen.append((e.start, name))
    return found

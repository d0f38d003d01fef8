"""Finding the source of a claim: the noun phrase after or before a cue, or an antecedent.

A source is a token range [a, b). After a cue it runs to a complementizer ("أن", "that",
"que") when one follows; otherwise (a direct object follows the source) only a source head
("الخارجية", "analysts") or an entity with its modifiers (demonyms, definite adjectives) counts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from dashboard.extract.claims_entitylex import EntityLexicon
from dashboard.extract.claims_lexicon import ClaimsLexicon
from dashboard.extract.claims_tokens import Token, Tokens, gap
from dashboard.extract.entities import Entity
from dashboard.extract.entities_names import match as phrase_at  # rejects most words first

_MAX_NP = 8
_MAX_BACK = 6
_SENTENCE_DOT = re.compile(r"\.\s")  # a dot before white space ends a clause; "اس.بي" does not
QUOTES_OPEN = "\"'«“‘"
QUOTES_CLOSE = "\"'»”’″"
# The same as sets, so that the characters of a gap are tested in C (`set.isdisjoint(str)`)
_CLOSING = frozenset(QUOTES_CLOSE)
_OPENING_OR_COLON = frozenset(QUOTES_OPEN + ":")
_CLAUSE_ENDS = frozenset(";!?")


@dataclass
class Ctx:
    """Everything the claim finders share for one document."""

    text: str
    toks: Tokens
    sid: list[int]
    sents: list[tuple[int, int]]
    lex: ClaimsLexicon
    elex: EntityLexicon
    ents: list[Entity]
    # folded reading -> token numbers, for the words of the opener tables (cues, frame openers,
    # hedges: claims_openers.openers_for)
    readings: dict[str, list[int]]
    starts: list[int]  # original start of every token (read-only, shared)
    ends: list[int]  # original end of every token (read-only, shared)
    cue_at: dict[int, tuple[int, dict]] = field(default_factory=dict)  # token -> (n, payload)
    ent_first: dict[int, Entity] = field(default_factory=dict)
    ent_last: dict[int, Entity] = field(default_factory=dict)
    ent_first_tok: dict[int, int] = field(default_factory=dict)  # entity id -> first token
    memo: dict = field(default_factory=dict)  # indexes the finders build once per document
    # sentence number -> the token after its last one (`sentence_end`, asked of a few
    # sentences several times each: once per finder of each cue)
    ends_of: dict[int, int] = field(default_factory=dict)

    def within(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap [start, end)."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def index_entities(self) -> None:
        """Which token starts (with its title) and which ends each person or organisation."""
        for e in self.ents:
            if e.kind not in ("person", "organization"):
                continue
            # `self.within(e.outer_start, e.end)`, by its bounds (no range read by index)
            first = bisect_right(self.ends, e.outer_start)  # the token that starts there, if one
            after = bisect_left(self.starts, e.end)
            if first >= after:
                continue
            self.ent_first[first] = e
            self.ent_last[after - 1] = e
            self.ent_first_tok[id(e)] = first

    def punct_before(self, i: int) -> bool:
        if i <= 0 or i >= len(self.starts):
            return False
        between = self.text[self.ends[i - 1] : self.starts[i]]  # `gap`, from the columns
        return between != "" and not between.isspace()  # a character other than white space

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.toks) and self.sid[i] == self.sid[j]

    def sentence_end(self, i: int) -> int:
        """The token after the last one of token i's sentence (sentence numbers never fall)."""
        s = self.sid[i]
        end = self.ends_of.get(s)
        if end is None:
            end = self.ends_of[s] = bisect_right(self.sid, s)
        return end


def np_after(
    ctx: Ctx, j: int, verb: bool = True, lead: int | None = None
) -> tuple[int, int] | None:
    """The source phrase starting at token j (right after a cue, or past the adverbs that
    start at `lead` right after it), as a token range.

    After a verb (`verb`), a phrase before "que"/"that" must name a speaker: "creía más
    mitigado que", "dijo refiriéndose a una medida que" hold an object or an adverbial.
    """
    toks, lex = ctx.toks, ctx.lex
    if not ctx.same_sentence(j - 1, j) or ctx.punct_before(j):
        return None
    if toks.forms[j] in lex.pronouns:
        return (j, j + 1)
    # Sentence numbers never fall: the phrase's tokens end at one bound found once, and the
    # gaps and word tests are read inline (this loop runs for every cue).
    stop = min(len(toks), j + _MAX_NP, ctx.sentence_end(j))
    text, starts, ends, cue_at = ctx.text, ctx.starts, ctx.ends, ctx.cue_at
    comps, stops = lex.complementizers, lex.stop_words
    k = j
    closed = -1
    while k < stop:
        between = text[ends[k - 1] : starts[k]] if k > j else ""
        if k == closed and between.strip() in QUOTES_CLOSE:
            between = ""  # the quote that closes the name just passed
        # Most gaps are white space; "عددٌ من", "92% من": a vowel mark or a percent sign ends
        # no phrase either (`punct_before` otherwise).
        if between and not between.isspace() and not word_marks(between, toks.forms[k - 1]):
            closed = quoted_name_end(ctx, k) or -1
            if closed < 0:
                break
            k = closed  # 'شركة "العربية" الإماراتية': a quoted name inside the phrase
            continue
        # (the columns first: a token is built only for a word with a proclitic reading)
        norm, peeled = toks.forms[k], toks.peeled[k]
        if k in cue_at or norm in comps or (peeled and lex.has(comps, toks[k])):
            break
        # "dijo la presidenta": an article opening the phrase is not a stop word
        if k > j and norm in lex.partitive_heads and _linker_at(ctx, k + 1, stop):
            break  # "أقر مجلس الوزراء عددا من الإجراءات": the object's head ends the source
        stopped = norm in stops or (peeled and lex.venue(toks[k]))
        if stopped and not _leading(ctx, j, k) and not _partitive(ctx, j, k):
            break
        k += 1
    if k == j:
        return None
    found = _np_after_range(ctx, j, k, verb, j if lead is None else lead)
    if found is not None:
        name = apposed_name(ctx, found[1])
        if name is not None:
            return name  # "dijo la presidenta del CNE, Diana Attamaint."
    return found


def names_source(ctx: Ctx, a: int, b: int) -> bool:
    """Whether tokens [a, b) can name a speaker: a pronoun, a person or organisation, a source
    head ("officials", "report") or (Latin script) a capitalised word.

    "citing weak oil markets", "dijo refiriéndose a ...": a bare common noun, verb or adverb
    is no source.
    """
    toks, lex = ctx.toks, ctx.lex
    if b - a == 1 and toks.forms[a] in lex.pronouns:
        return True
    for k in range(a, b):
        if k in ctx.ent_first or k in ctx.ent_last or phrase_at(lex.kinds, ctx.text, toks, k):
            return True
        if ctx.elex.capitalised and toks.upper[k] and toks.forms[k] not in lex.connectors:
            return True
    return not ctx.elex.capitalised


def object_after(ctx: Ctx, j: int) -> bool:
    """Whether the phrase at token j, right after an inverted cue verb, is its object: a
    singular article ("la campaña") after a plural verb ("denuncian") that no quotation
    precedes, and no entity or source head follows ("la presidenta", "el Gobierno")."""
    lex, cue = ctx.lex, ctx.toks[j - 1]
    if not lex.definite_articles or ctx.toks.forms[j] not in lex.definite_articles:
        return False
    plural = any(cue.norm.endswith(s) and len(cue.norm) > len(s) + 1 for s in lex.plural_suffixes)
    if not plural or quote_closes_before(ctx, j - 1):
        return False
    a = j + 1
    if a >= len(ctx.toks) or a in ctx.ent_first or a in ctx.ent_last:
        return False
    return not phrase_at(lex.kinds, ctx.text, ctx.toks, a) and not ctx.toks.upper[a]


def word_marks(between: str, before: str) -> bool:
    """Whether the characters between two tokens are only white space and vowel marks left
    out of the word before ("عددٌ"), a percent sign after a number, or a dot inside a name."""
    if between == ".":
        return not before[-1:].isdigit()  # "إي.واي", "S.A": a dot inside a name, not "24.3"
    rest = "".join(between.split())  # without white space (str.split's is str.isspace's)
    if before[-1:].isdigit() and rest == "%":
        return True
    return bool(rest) and all(unicodedata.category(c) == "Mn" for c in rest)


def _partitive(ctx: Ctx, j: int, k: int) -> bool:
    """Whether token k links a part to the speakers right after a one-word head of a part or a
    number ("قال عدد من السكان", "أكدت 92% من العينة"): the phrase goes on."""
    lex = ctx.lex
    if k != j + 1 or ctx.toks.forms[k] not in lex.partitive_linkers:
        return False
    head = ctx.toks[j]
    return head.norm in lex.partitive_heads or head.norm[:1].isdigit()


def _linker_at(ctx: Ctx, k: int, stop: int) -> bool:
    return k < stop and ctx.toks.forms[k] in ctx.lex.partitive_linkers


def _leading(ctx: Ctx, j: int, k: int) -> bool:
    """Whether tokens j..k are all determiners (an article opening the phrase)."""
    dets = ctx.lex.determiners
    return all(ctx.toks.forms[m] in dets for m in range(j, k + 1))


def _np_after_range(ctx: Ctx, j: int, k: int, verb: bool, lead: int) -> tuple[int, int] | None:
    toks, lex = ctx.toks, ctx.lex
    capitalised_run = ctx.elex.capitalised and all(
        toks.upper[m] or toks.forms[m] in ctx.elex.connectors for m in range(j, k)
    )
    ended = k >= len(toks) or not ctx.same_sentence(j, k) or ctx.punct_before(k)
    if capitalised_run and ended and toks.upper[j]:
        return (j, k)  # '"...", said Daniel Yergin, director of ...'
    inverted = lead >= 2 and ctx.same_sentence(lead - 2, lead - 1) and ctx.punct_before(lead - 1)
    name = _trailing_name(ctx, j) if inverted and ctx.elex.capitalised else None
    if name is not None:
        return name  # '"...", dijo Lasso después del anuncio.' / ', informó este lunes Caracol'
    if inverted and toks.forms[j] in lex.determiners:
        if ended:
            found = trim_np(ctx, j, k)  # '"...", explica el joven de 26 años.'
            if found is not None and object_after(ctx, j):
                return None  # "Las asociaciones, que ..., denuncian la campaña, lanzada por ..."
            return found
        relative = _relative_from(ctx, k)
        if relative is not None:
            return trim_np(ctx, j, relative)  # '"...", said the manager of ... who spoke
    follows = _complement_follows(ctx, k)
    if follows == "relative" and inverted:
        found = trim_np(ctx, j, k)  # ', said resident Shaya Tenenbaum, who added that ...'
        return found if found is not None and names_source(ctx, *found) else None
    if follows == "complementizer":
        found = trim_np(ctx, j, k)
        return found if found is not None and (not verb or names_source(ctx, *found)) else None
    headed = headed_np(ctx, j)
    quoted = lead >= 1 and quote_closes_before(ctx, lead - 1)
    if headed is None and inverted and quoted and k - j >= 2 and toks.forms[j] in lex.determiners:
        # '"...", declaró brevemente la política conservadora a la televisora': the subject
        # right after a quotation's cue, even when it is no known source head
        return trim_np(ctx, j, k)
    colon = ":" in gap(ctx.text, toks, k) if k < len(toks) else False
    named = toks.upper[j] or not ctx.elex.capitalised
    if follows == "quote" and named and (headed is None or colon):
        return trim_np(
            ctx, j, k
        )  # a speaker introduced before a quote: "قال المحلل أحمد الخطيب: «"
    if follows == "quote" and headed is not None:
        name = _name_before_quote(ctx, k)
        if name is not None:
            return name  # "قال رئيس البحوث في شركة آسيا، فرانسيسكو كينتانا: «"
    return headed


def _name_before_quote(ctx: Ctx, k: int) -> tuple[int, int] | None:
    """The short run set off by a comma right before the colon or quote that follows token k:
    the speaker's name after his title ("..., فرانسيسكو كينتانا: «"), else None."""
    toks, lex = ctx.toks, ctx.lex
    comma = None
    for m in range(k, min(k + _MAX_NP, len(toks))):
        if not ctx.same_sentence(k, m) or m in ctx.cue_at or lex.has(lex.complementizers, toks[m]):
            return None
        between = gap(ctx.text, toks, m).strip() if m > k else ""
        if not _OPENING_OR_COLON.isdisjoint(between):
            if comma is None or not 1 <= m - comma <= 4:
                return None
            run = range(comma, m)
            if any(stop_word(ctx, toks[r]) or r in ctx.cue_at for r in run):
                return None  # "قال الوزير، في مؤتمر صحفي: «": an adjunct, no name
            return (comma, m)
        if between in (",", "،"):
            comma = m
        elif between:
            return None
    return None


def _relative_from(ctx: Ctx, k: int) -> int | None:
    """The relative pronoun that ends a source phrase at or a few words after token k, else
    None ('", said the manager for one of the major oil companies who spoke ...')."""
    relatives, comps = ctx.lex.relatives, ctx.lex.complementizers
    if not relatives:
        return None
    for m in range(k, min(k + 2 * _MAX_NP, ctx.sentence_end(k - 1))):
        t = ctx.toks[m]
        if t.norm in relatives:
            return m
        if m in ctx.cue_at or t.norm in comps or (m > k and ctx.punct_before(m)):
            return None
    return None


def _trailing_name(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """A capitalised name after an inverted cue, past a few time words, ending its clause."""
    toks, lex = ctx.toks, ctx.lex
    a = j
    timed = toks.forms[j] in lex.source_stop  # "informó este lunes festivo Caracol Radio"
    while a < len(toks) and a - j < 4 and ctx.same_sentence(j, a) and not toks.upper[a]:
        if not timed:
            return None
        a += 1
    if a >= len(toks) or not toks.upper[a] or toks.forms[a] in lex.connectors:
        return None
    if a > j and ctx.punct_before(a):
        return None
    e = a
    while e < len(toks) and e - a < 5 and ctx.same_sentence(a, e) and toks.upper[e]:
        if e > a and ctx.punct_before(e):
            break
        e += 1
    ends = (
        e >= len(toks)
        or not ctx.same_sentence(a, e)
        or ctx.punct_before(e)
        or toks.forms[e] in lex.adjunct_openers
        or toks.forms[e] in lex.source_stop
    )
    if not ends or (a > j and e - a < 1):
        return None
    if a == j and toks.forms[a] in lex.determiners:
        return None
    return (a, e)


def quoted_name_end(ctx: Ctx, k: int, last: bool = False) -> int | None:
    """The token after a short quoted name opening at token k (only a quote before k), else None.

    With `last`, the name may also close its clause or sentence ('بحسب صحيفة «واشنطن بوست».').
    """
    between = gap(ctx.text, ctx.toks, k)
    if between.strip() not in QUOTES_OPEN or not between.strip():
        return None
    for m in range(k + 1, min(k + 4, len(ctx.toks))):
        g = gap(ctx.text, ctx.toks, m).strip()
        if g:
            if g in QUOTES_CLOSE:
                return m if ctx.same_sentence(k, m) else None
            closes = last and g[0] in QUOTES_CLOSE and g[1:] in (".", "،", ",")
            return m if closes and (ctx.same_sentence(k, m) or g[1:] == ".") else None
    return None


def closing_quote(text: str, start: int, end: int) -> int:
    """`end`, or past the quote that closes one left open in text[start:end] ('شركة «موبايلي')."""
    if end < len(text) and text[end] in QUOTES_CLOSE and open_quote(text[start:end]):
        return end + 1
    return end


def quote_closes_before(ctx: Ctx, k: int) -> bool:
    """Whether a quotation closes in the gap right before token k ('"...", dijo')."""
    if k <= 0 or k >= len(ctx.starts):
        return False
    between = ctx.text[ctx.ends[k - 1] : ctx.starts[k]]  # `gap`, from the columns
    if between.isspace():
        return False  # most gaps
    return not _CLOSING.isdisjoint(between)


def open_quote(s: str) -> bool:
    """Whether a quotation opened in `s` is still open at its end."""
    return s.count('"') % 2 == 1 or s.count("«") > s.count("»") or s.count("“") > s.count("”")


def apposed_name(ctx: Ctx, b: int) -> tuple[int, int] | None:
    """A name set off by a comma after a source phrase that ends at token b, ending its clause.

    "la presidenta del CNE, Diana Attamaint." -> the name, which is the source analysts look for.
    """
    if b >= len(ctx.toks) or not ctx.same_sentence(b - 1, b):
        return None
    if gap(ctx.text, ctx.toks, b).strip() not in (",", "،"):
        return None
    e = ctx.ent_first.get(b)
    if e is not None and e.kind == "person":
        end = b
        while end < len(ctx.toks) and ctx.starts[end] < e.end:
            end += 1
    elif ctx.elex.capitalised and ctx.toks.upper[b]:
        end = b
        while end < len(ctx.toks) and end - b < 4 and ctx.same_sentence(b, end):
            if end > b and ctx.punct_before(end) or not ctx.toks.upper[end]:
                break
            end += 1
    else:
        return None
    ends = end >= len(ctx.toks) or not ctx.same_sentence(b, end) or ctx.punct_before(end)
    return (b, end) if ends else None


def aside_at(ctx: Ctx, k: int) -> bool:
    """Whether an aside about the speaker opens at token k, after the phrase that names him:
    an apposition ("فاليري بيرال، وهو أستاذ", "..., رئيس معهد") or a venue ("في بيان", "في
    أول مقابلة"). The complementizer may then stand further off."""
    if k >= len(ctx.toks) or not ctx.same_sentence(k - 1, k):
        return False
    lex, toks = ctx.lex, ctx.toks
    if gap(ctx.text, toks, k).strip() in (",", "،"):
        return lex.has(lex.pronouns, toks[k]) or bool(phrase_at(lex.kinds, ctx.text, toks, k))
    if toks.forms[k] not in lex.stop_words:
        return False
    for m in range(k + 1, min(k + 3, len(toks))):  # "في أول مقابلة"
        if toks.forms[m] in lex.venue_words or lex.venue(toks[m]):
            return True
    return False


def _complement_follows(ctx: Ctx, k: int) -> str:
    """ "complementizer" or "quote" when one follows the phrase within a few tokens, "relative"
    when a relative pronoun comes first, else ""."""
    toks, text, sid, lex = ctx.toks, ctx.text, ctx.sid, ctx.lex
    comps = lex.complementizers
    reach = 2 * _MAX_NP if aside_at(ctx, k) else _MAX_NP
    for m in range(k, min(k + reach, len(toks))):
        if sid[m] != sid[k - 1]:  # `same_sentence`: m is a token
            return ""
        norm = toks.forms[m]  # (the columns first, as in `np_after`)
        if norm in comps or (toks.peeled[m] and lex.has(comps, toks[m])):
            return "complementizer"
        if norm in lex.relatives:
            return "relative"  # "said the manager who spoke on condition that ...": not the cue's
        between = text[ctx.ends[m - 1] : ctx.starts[m]] if m > 0 else ""  # `gap`
        if not between or between.isspace():
            continue  # most gaps: no quote, colon or sentence end in white space
        if m == k and between.strip() in QUOTES_CLOSE and _closes_name(ctx, k):
            continue  # 'شركة "النخلة" الثلاثاء أنها': the quote closes the name, opens nothing
        if not _OPENING_OR_COLON.isdisjoint(between) and quoted_name_end(ctx, m) is None:
            return "quote"
        if m > k and (not _CLAUSE_ENDS.isdisjoint(between) or _SENTENCE_DOT.search(between)):
            return ""  # a dot inside an abbreviation ("اس.بي") does not end the clause
    return ""


def _closes_name(ctx: Ctx, k: int) -> bool:
    """Whether the gap before token k closes a short quoted name of the phrase before it."""
    return any(quoted_name_end(ctx, q) == k for q in range(max(k - 3, 1), k))


def headed_np(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """A source head or an entity at j, extended over its modifiers."""
    lex = ctx.lex
    k = j
    if k < len(ctx.toks) and ctx.toks.forms[k] in lex.determiners:
        k += 1
    if k in ctx.ent_first:
        end = ctx.ent_first_tok[id(ctx.ent_first[k])]
        while end < len(ctx.toks) and ctx.starts[end] < ctx.ent_first[k].end:
            end += 1
        return (j, end)
    head = phrase_at(ctx.lex.kinds, ctx.text, ctx.toks, k)  # None past the last token
    if not head:
        return None
    end = k + head[0]
    while end < len(ctx.toks) and end - j < _MAX_NP and not ctx.punct_before(end):
        if not ctx.same_sentence(j, end) or not modifier(ctx, end):
            break
        more = phrase_at(ctx.lex.kinds, ctx.text, ctx.toks, end)
        end += more[0] if more else 1
    return trim_np(ctx, j, end)


def modifier(ctx: Ctx, k: int) -> bool:
    t, lex = ctx.toks[k], ctx.lex
    after_linker = k > 0 and ctx.toks.forms[k - 1] in lex.linkers
    if after_linker and lex.is_(lex.determiners, t):
        return True  # "portavoz de la organización", "head of the agency"
    if k in ctx.cue_at or lex.has(lex.complementizers, t) or stop_word(ctx, t):
        return False
    if ctx.elex.capitalised and t.upper and t.norm not in lex.connectors:
        return True  # "presidenta del CNE", "Organisation for Economic Cooperation"
    if phrase_at(ctx.elex.demonyms, ctx.text, ctx.toks, k) or phrase_at(
        lex.kinds, ctx.text, ctx.toks, k
    ):
        return True
    if ctx.elex.capitalised and t.upper and t.norm in lex.connectors:
        return False
    if lex.definite and t.norm.startswith(lex.definite):
        return True
    return t.norm in lex.np_modifiers or t.norm in lex.linkers


def trim_np(ctx: Ctx, a: int, b: int) -> tuple[int, int] | None:
    """Drop leading connectors, determiners and linkers and trailing linkers."""
    lex = ctx.lex
    while a < b and (
        ctx.toks.forms[a] in lex.determiners
        or ctx.toks.forms[a] in lex.linkers
        or ctx.toks.forms[a] in lex.connectors  # "However the sources said"
        or ctx.toks.forms[a] in lex.coordinators  # "Arauz (UNES) y Guillermo Lasso negaron"
    ):
        a += 1
    while b > a and ctx.toks.forms[b - 1] in lex.linkers:
        b -= 1
    return (a, b) if a < b else None


def stop_word(ctx: Ctx, t: Token) -> bool:
    """A time word, particle, venue, interrogative or negator: it ends a source phrase."""
    lex = ctx.lex
    return t.norm in lex.stop_words or (bool(t.peeled) and lex.venue(t))


def source_kind(ctx: Ctx, a: int, b: int, ent: Entity | None) -> str:
    """The kind of source from its words (head first or last), else from its entity.

    `ent` is `entity_in(ctx, a, b)`, looked up once by the caller for this and `country`.
    """
    order = list(range(a, b) if ctx.lex.head_first else range(b - 1, a - 1, -1))
    kinds = ctx.lex.kinds
    if not ctx.lex.head_first:
        # "Economists at the bank": the head stands before the prepositional phrase
        pp = next((k for k in range(a + 1, b - 1) if _phrase_preposition(ctx, k)), b)
        order = [k for k in order if k < pp] + [k for k in order if k >= pp]
    forms, peeled = ctx.toks.forms, ctx.toks.peeled
    for k in order:
        if not peeled[k] and forms[k] not in kinds.trie:
            continue  # `match`'s first test, without its call: most words open no phrase
        m = phrase_at(kinds, ctx.text, ctx.toks, k)
        if m and k + m[0] <= b:
            if not ctx.lex.head_first:
                m = _longer_ending(ctx, a, k, m)  # "central bank", not "bank"
            return m[2]
    if ent is not None:
        if ent.source_kind:
            return ent.source_kind
        if ent.kind == "person" and ent.role:
            return "official"
    return "other"


def _phrase_preposition(ctx: Ctx, k: int) -> bool:
    """A preposition at k that opens a source's phrase, not one inside a name ("Bank of
    Korea figures")."""
    if ctx.toks.forms[k] not in ctx.lex.np_prepositions:
        return False
    s, e = ctx.starts[k - 1], ctx.ends[k + 1]
    return not any(x.start <= s and e <= x.end for x in ctx.ents)


def _longer_ending(ctx: Ctx, a: int, k: int, m: tuple) -> tuple:
    """The longest source head in [a, ...) that ends where the head m at token k ends."""
    for s in range(max(a, k - 3), k):
        longer = phrase_at(ctx.lex.kinds, ctx.text, ctx.toks, s)
        if longer and s + longer[0] == k + m[0]:
            return longer
    return m


def entity_in(ctx: Ctx, a: int, b: int) -> Entity | None:
    """The person or organisation inside tokens [a, b), if any."""
    lo, hi = ctx.starts[a], ctx.ends[b - 1]
    # The entities do not overlap and are in text order, so their ends are too: the first
    # one ending after `lo` is found by bisection.
    ends = ctx.memo.get("entity_ends")
    if ends is None:
        ends = ctx.memo["entity_ends"] = [e.end for e in ctx.ents]
    for k in range(bisect_right(ends, lo), len(ends)):
        e = ctx.ents[k]
        if e.start >= hi:
            break
        if e.kind in ("person", "organization"):
            return e
    return None


def country(ctx: Ctx, a: int, b: int, ent: Entity | None) -> str:
    """The country of the source: a demonym among its words, else its entity's country
    (`ent`, as in `source_kind`)."""
    demonyms = ctx.elex.demonyms
    forms, peeled = ctx.toks.forms, ctx.toks.peeled
    for k in range(a, b):
        if not peeled[k] and forms[k] not in demonyms.trie:
            continue  # as in `source_kind`
        m = phrase_at(demonyms, ctx.text, ctx.toks, k)
        if m:
            return m[2]
    return ent.country if ent is not None else ""

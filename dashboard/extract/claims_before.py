"""The source phrase that stands before its cue (subject-verb order), with its detours.

Besides "the minister said", the subject may be set off from its verb by adverbs ("El
mandatario también explicó"), by an auxiliary before it ("وكان معهد البترول قال"), or by a
comma-delimited apposition or aside ("El canciller, Jorge Arreaza, aseguró", "Kuwait's Oil
Minister, in remarks published today, said").
"""

from __future__ import annotations

from dashboard.extract.claims_source import Ctx, modifier, stop_word, trim_np
from dashboard.extract.claims_tokens import gap
from dashboard.extract.entities_names import match as phrase_at

_MAX_BACK = 8
_MAX_ASIDE = 8
_MAX_PP = 5  # words of a source's prepositional phrase before its cue


def np_before(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """The source phrase ending before the cue at token i, as a token range."""
    if i <= 0 or not ctx.same_sentence(i, i - 1):
        return None
    end = _skip_adverbs(ctx, i)
    if ctx.punct_before(end):
        opened = _parenthesis_before(ctx, end)
        if opened is not None:
            return _np_ending_at(ctx, opened)  # "La Organización ... (OMS) advirtió"
        # Verb-subject languages put no subject before a comma and its verb.
        return _apposition(ctx, end) if end == i and not ctx.lex.after_first else None
    if restrictive_relative(ctx, end - 1, nouns=False):
        # "reports which said": the relative's antecedent is the source (not after "que":
        # "una extrabajadora de la empresa que aseguró" would give the company)
        found = _np_ending_at(ctx, end - 1)
        return found if found is not None and _source_head(ctx, *found) else None
    found = _np_ending_at(ctx, end)
    if found is None or _after_preposition(ctx, found[0]):
        return _np_with_pp(ctx, end) or found  # "Analysts in London said": not London
    return found


def restrictive_relative(ctx: Ctx, k: int, nouns: bool = True) -> bool:
    """Whether token k is a relative pronoun joined to the noun before it without a comma
    ("reports which said"); ", who added" refers back to a speaker named before."""
    if k <= 0 or not ctx.same_sentence(k, k - 1) or ctx.punct_before(k):
        return False
    if ctx.toks.forms[k] in ctx.lex.relatives:
        return True
    if not nouns:
        return False
    # "una narrativa que recuerda a ...": "que" after an article and its noun is a relative
    # (after a verb, "dijo que", it introduces the content)
    return (
        ctx.toks.forms[k] in ctx.lex.noun_relatives
        and k >= 2
        and ctx.same_sentence(k, k - 2)
        and not ctx.punct_before(k - 1)
        and ctx.toks.forms[k - 2] in ctx.lex.determiners
        and k - 1 not in ctx.cue_at
    )


def _after_preposition(ctx: Ctx, a: int) -> bool:
    """Whether a preposition (past determiners) stands right before token a."""
    while a > 0 and ctx.toks.forms[a - 1] in ctx.lex.determiners:
        a -= 1
    return a > 0 and ctx.toks.forms[a - 1] in ctx.lex.np_prepositions


def _np_with_pp(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """A source head with its prepositional phrase before the cue at i: "Traders in
    international oil markets estimate", "Officials at the company said".

    The phrase's words are plain (no stop word, cue or complementizer) and the head before
    the preposition is a source head or a name.
    """
    toks, lex = ctx.toks, ctx.lex
    for p in range(i - 2, max(i - 2 - _MAX_PP, 0), -1):
        if not ctx.same_sentence(i, p - 1) or ctx.punct_before(p + 1):
            return None
        if toks.forms[p] not in lex.np_prepositions:
            if _pp_word_bad(ctx, p):
                return None
            continue
        if any(_pp_word_bad(ctx, k) for k in range(p + 1, i)) or ctx.punct_before(p):
            return None
        head = _np_ending_at(ctx, p)
        if head is None or not _source_head(ctx, *head):
            return None  # "Trade in the region said to": a capital alone is no source here
        return (head[0], i)
    return None


def _source_head(ctx: Ctx, a: int, b: int) -> bool:
    """Whether tokens [a, b) hold a source head ("analysts") or a recognised name."""
    return any(
        k in ctx.ent_first or k in ctx.ent_last or phrase_at(ctx.lex.kinds, ctx.text, ctx.toks, k)
        for k in range(a, b)
    )


def _pp_word_bad(ctx: Ctx, k: int) -> bool:
    """A word that cannot stand in a source's prepositional phrase: a stop word (a time word,
    a clause connector), a cue or a complementizer."""
    lex, t = ctx.lex, ctx.toks[k]
    if lex.is_(lex.determiners, t) or t.norm in lex.linkers:
        return False
    return k in ctx.cue_at or stop_word(ctx, t) or lex.has(lex.complementizers, t)


def _skip_adverbs(ctx: Ctx, i: int) -> int:
    """The position before the adverbs that stand right before token i ("también", "أيضا")."""
    end = i
    adverbs = ctx.lex.adverbs
    for _ in range(3):
        if ctx.punct_before(end):
            break
        found = False
        for n in (3, 2, 1):
            a = end - n
            if a < 0 or not ctx.same_sentence(i, a):
                continue
            t = ctx.toks[a]
            if not t.peeled and t.norm not in adverbs.trie:
                continue  # `match`'s first test, without its call: most words are no adverb
            m = phrase_at(adverbs, ctx.text, ctx.toks, a)
            if m and m[0] == n:
                end, found = a, True
                break
        if not found:
            break
    return end


def _titled(ctx: Ctx, first: int) -> int:
    """Where a person's name at `first` starts with the title or apposition right before it
    ("economist Henry Azzam", "la economista Ana Pérez"): the title gives the source's kind."""
    for n in (3, 2, 1):
        a = first - n
        if a < 0 or not ctx.same_sentence(first, a) or ctx.punct_before(first):
            continue
        m = phrase_at(ctx.lex.kinds, ctx.text, ctx.toks, a)
        if m and m[0] == n and not any(ctx.punct_before(k) for k in range(a + 1, first)):
            return a
    return first


def _np_ending_at(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """The subject phrase whose last token is i - 1 (no punctuation before i is checked)."""
    toks, lex = ctx.toks, ctx.lex
    j = i - 1
    if j < 0:
        return None
    if toks.forms[j] in lex.pronouns:
        return (j, i)
    if j in ctx.ent_last:
        ent = ctx.ent_last[j]
        first = ctx.ent_first_tok[id(ent)]
        return (_titled(ctx, first) if ent.kind == "person" else first, i)
    aux = _after_auxiliary(ctx, i)
    if aux is not None:
        return aux
    a, headed = i, False
    heads: dict[int, bool] = {}  # first token of each head word or name -> a strong head
    loose: list[int] = []  # plain complement words ("banco" of "del banco"), right to left
    skip = -1  # the token after "(": its punctuation is the parenthesis, already passed
    while a - 1 >= 0 and i - a < _MAX_BACK and ctx.same_sentence(i, a - 1):
        t = toks[a - 1]
        inner = (  # "Organisation for Economic Cooperation and Development"
            ctx.elex.capitalised
            and t.norm in ctx.elex.connectors
            and a - 2 >= 0
            and toks.upper[a - 2]
            and toks.upper[a]
        )
        if a < i and a != skip and ctx.punct_before(a):
            opened = _parenthesis_before(ctx, a)
            if opened is None or ctx.toks.forms[a] not in lex.linkers:
                break
            a = skip = opened  # "el Consejo Nacional Electoral (CNE) de Ecuador anunció"
            continue
        if _complement_word(ctx, a - 1):
            a -= 1
            loose.append(a)
            continue
        # "de la escuela": an article after "de" is no object pronoun ("la dijo")
        article = a >= 2 and toks.forms[a - 2] in lex.linkers and lex.is_(lex.determiners, t)
        if lex.is_(lex.source_stop, t) and not inner and not article:
            break
        if (a - 1) in ctx.ent_last:
            a = ctx.ent_first_tok[id(ctx.ent_last[a - 1])]
            headed, heads[a] = True, True
            continue
        capital = ctx.elex.capitalised and t.upper and t.norm not in lex.connectors
        if phrase_at(lex.kinds, ctx.text, toks, a - 1):
            headed, heads[a - 1] = True, True
        elif lex.has(lex.complementizers, t) and a < i:
            headed = True  # "فإن المجلس قال": the subject of a subordinate clause
            break
        elif not (modifier(ctx, a - 1) or capital or inner or lex.is_(lex.determiners, t)):
            break
        if capital and not lex.is_(lex.determiners, t):
            headed = True
            heads.setdefault(a - 1, False)
        a -= 1
    if not headed:
        return None
    return trim_np(ctx, _owned_start(a, heads, loose), i)


def _owned_start(a: int, heads: dict[int, bool], loose: list[int]) -> int:
    """Where a source phrase walked back to `a` starts, given its heads and complement words.

    A complement word belongs to the nearest head before it, and only a source head or a name
    may take one: "La presidenta del banco", but not "Carece de información" (a capitalised
    verb) nor "rueda de prensa" before "del ministerio", which names the ministry.
    """
    if not loose:
        return a
    start = None
    owned = True  # no complement word waits for a head between here and the cue
    for k in range(max(max(heads, default=a), max(loose)), a - 1, -1):
        if k in heads:
            if not owned and not heads[k]:
                break
            start, owned = k, True
        elif k in loose:
            owned = False
    if start is None:
        return a if owned else max(loose) + 1
    return a if owned and start == min(heads) else start


def _complement_word(ctx: Ctx, k: int) -> bool:
    """Whether token k is a plain word of a complement after a linker: "banco" or "banco
    central" in "del banco central", "economía" in "de economía", "empresa" in "de la empresa".

    Only languages that mark names by capitals: there an uncapitalised word is a common noun or
    adjective; Arabic's complements are definite words, which `modifier` already takes.
    """
    toks, lex = ctx.toks, ctx.lex
    if not ctx.elex.capitalised or toks.upper[k] or not toks.forms[k].isalpha():
        return False
    word = toks.forms[k]
    if word in lex.stop_words or word in lex.connectors or word in lex.coordinators:
        return False  # "la primera semana de gobierno y ha dicho": "y" ends the phrase
    if toks.forms[k] in lex.determiners or word in lex.linkers:
        return False  # `modifier` takes these
    if k in ctx.ent_last or phrase_at(lex.kinds, ctx.text, toks, k):
        return False  # a head or a name of its own ("del ministerio")
    # The linker stands at most two words back: a noun and its adjective, or an article.
    for m in range(k - 1, k - 4, -1):
        if m < 0 or not ctx.same_sentence(k, m) or ctx.punct_before(m + 1):
            return False
        before = toks.forms[m]
        if before in lex.linkers:
            return True
        if toks.forms[m] in lex.determiners:
            continue  # "de la escuela"
        if before in lex.stop_words or m in ctx.cue_at or lex.has(lex.complementizers, toks[m]):
            return False
        if toks.upper[m]:
            return False
        # "banco", before "central" of "del banco central"
    return False


def _parenthesis_before(ctx: Ctx, a: int) -> int | None:
    """The first token of a short parenthesis ("(CNE)") that closes right before token a,
    when a name stands before it, else None."""
    if gap(ctx.text, ctx.toks, a).strip() != ")":
        return None
    for m in range(a - 1, max(a - 4, 0), -1):
        g = gap(ctx.text, ctx.toks, m).strip()
        if g == "(":
            return m if ctx.same_sentence(a, m - 1) and ctx.toks.upper[m - 1] else None
        if g:
            return None
    return None


def _after_auxiliary(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """ "وكان معهد البترول الأمريكي قال": any short phrase between an auxiliary and the cue."""
    lex = ctx.lex
    if not lex.auxiliaries:
        return None
    a = i - 1
    while a >= 0 and i - a <= _MAX_BACK and ctx.same_sentence(i, a):
        t = ctx.toks[a]
        if lex.has(lex.auxiliaries, t):
            return (a + 1, i) if a + 1 < i else None
        if a < i - 1 and ctx.punct_before(a + 1) or a in ctx.cue_at:
            return None
        if stop_word(ctx, t) or lex.has(lex.complementizers, t):
            return None
        a -= 1
    return None


def _apposition(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """ "A, B, cue": the name among A and B when B is an apposition or an aside in commas."""
    if gap(ctx.text, ctx.toks, i).strip() not in (",", "،"):
        return None
    b = i - 1
    while b > 0 and i - b < _MAX_ASIDE and ctx.same_sentence(i, b - 1) and not ctx.punct_before(b):
        b -= 1
    if b <= 0 or not ctx.punct_before(b) or not ctx.same_sentence(i, b - 1):
        return None
    if gap(ctx.text, ctx.toks, b).strip() not in (",", "،"):
        return None
    if any(_verb_in_aside(ctx, k) for k in range(b, i)):
        return None
    if (i - 1) in ctx.ent_last and ctx.ent_last[i - 1].start >= ctx.starts[b]:
        return (b, i)  # "El canciller, Jorge Arreaza, aseguró": the name set off by commas
    aside = _np_ending_at(ctx, i)
    if aside is not None and aside[0] == b and _named(ctx, *aside):
        return aside  # "El canciller, Jorge Arreaza, aseguró"; not "X, editor of Mideast reports,"
    head = _np_ending_at(ctx, _past_relative(ctx, b))
    if head is not None:
        return head  # "Kuwait's Oil Minister, in remarks published today, said"
    return aside if aside is not None and aside[0] >= b else None


def _past_relative(ctx: Ctx, b: int) -> int:
    """Where the noun phrase before token b ends: before the relative clause in commas that
    ends at b, if one does ("La queja, que firma la asociación X, una ONG, sostiene": the
    complaint, not X)."""
    c = b - 1
    while c > 0 and b - c < _MAX_ASIDE and ctx.same_sentence(b, c - 1) and not ctx.punct_before(c):
        c -= 1
    if c <= 0 or c == b - 1 or gap(ctx.text, ctx.toks, c).strip() not in (",", "،"):
        return b
    t = ctx.toks[c]
    relative = t.norm in ctx.lex.relatives or ctx.lex.has(ctx.lex.complementizers, t)
    return c if relative else b


def _verb_in_aside(ctx: Ctx, k: int) -> bool:
    """A cue or complementizer: the aside is a clause. A cue that is also a noun counts only
    with its complementizer ("editor of Mideast reports" is a title)."""
    if ctx.lex.has(ctx.lex.complementizers, ctx.toks[k]):
        return True
    return k in ctx.cue_at and not ctx.cue_at[k][1]["needs_complement"]


def _named(ctx: Ctx, a: int, b: int) -> bool:
    """Whether tokens [a, b) hold a person or organisation, or (Latin script) a capitalised name."""
    if any(k in ctx.ent_first or k in ctx.ent_last for k in range(a, b)):
        return True
    return ctx.elex.capitalised and any(ctx.toks.upper[k] for k in range(a, b))

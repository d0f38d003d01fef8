"""Named entities: persons (with role and country), organisations and military equipment.

Contract: `extract(doc)` returns Mentions of table "entities" with attrs kind, name (English
where the lexicon or the transliteration table gives one, else the text), role, country.
A person's span is the name; the title before it only gives role and country. Bare surnames
and lexicon aliases count only after the full name appeared in the same document, so that a
name that is also a common word ("الأسد", "rice") is not taken on its own.
"""

from __future__ import annotations

from functools import lru_cache

from dashboard import lexicon
from dashboard.extract.claims_entitylex import EntityLexicon, alias_entries, entity_lexicon
from dashboard.extract.claims_openers import openers_for
from dashboard.extract.claims_tokens import (
    PhraseTable,
    Tokens,
    candidates,
    gap,
    open_candidates,
    prepared_for,
    reading_index,
)
from dashboard.extract.entities_given import given_name_length
from dashboard.extract.entities_names import (
    demonym,
    match,
    name_length,
    punct,
    transliterate,
    unknown_name,
)
from dashboard.extract.spans import filter_pairs
from dashboard.model import Document, Mention
from dashboard.text import fold


class Entity:
    """An entity found in a text: `outer_start` is where its title or demonym begins.

    A plain class, not a dataclass: compiled (dashboard/native.py), a dataclass's generated
    __init__ runs as Python, at many times the cost of this one. Entities are not changed once
    made, and are compared by identity only."""

    __slots__ = (
        "start",
        "end",
        "kind",
        "name",
        "role",
        "country",
        "outer_start",
        "source_kind",
        "guessed",
    )

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        name: str,
        role: str = "",
        country: str = "",
        outer_start: int = -1,
        source_kind: str = "",
        guessed: bool = False,  # a name no lexicon knows, read from its shape after a title
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.name = name
        self.role = role
        self.country = country
        self.outer_start = outer_start
        self.source_kind = source_kind
        self.guessed = guessed

    def __repr__(self) -> str:
        return f"Entity({self.start}, {self.end}, {self.kind!r}, {self.name!r})"


def extract(doc: Document) -> list[Mention]:
    """Entities of the document as Mentions (non-overlapping, in text order)."""
    found = find_cached(doc.text, doc.lang)
    return [
        Mention(
            "entities",
            e.start,
            e.end,
            doc.text[e.start : e.end],
            {"kind": e.kind, "name": e.name, "role": e.role, "country": e.country},
        )
        for e in found
    ]


@lru_cache(maxsize=8)
def find_cached(text: str, lang: str) -> tuple[Entity, ...]:
    """Entities of a text, cached: the claims extractor needs them too."""
    proclitics = lexicon.proclitics(lang)
    prep = prepared_for(text, proclitics)
    opens = openers_for(text, lang)
    return tuple(find(text, lang, prep.tokens, prep.readings, prep.shaped, opens))


def find(
    text: str,
    lang: str,
    toks: Tokens,
    readings: dict[str, list[int]] | None = None,
    shaped: list[int] | None = None,
    opens: dict[str, list[int]] | None = None,
) -> list[Entity]:
    """Entities over pre-computed tokens, non-overlapping, in text order.

    `readings` is `reading_index(toks)` and `shaped` the tokens that start with a capital or
    hold a hyphen, when the caller already has them (claims_tokens.prepared_for); `opens` the
    entries of `readings` for the words of the entity tables (claims_openers.openers_for).
    """
    lex = entity_lexicon(lang)
    if readings is None:
        readings = reading_index(toks)
    if shaped is None:
        shaped = [t.i for t in toks if t.upper or "-" in t.norm]
    found: list[Entity] = []
    seen_names: dict[str, int] = {}  # English name -> where it was first named in full
    surnames: list[tuple[str, Entity]] = []
    # Only tokens that may open an entity are visited (see EntityLexicon.may_start): a
    # first word of a table followed by a word that may come next (or by any, when it may
    # stand alone), and the name-like shapes that may open a designation or a run.
    starts = set(open_candidates(readings if opens is None else opens, lex.follows, lex.firsts))
    starts.update(_may_open_run(toks, readings, shaped, lex))
    nxt = 0
    for i in sorted(starts):
        if i < nxt:
            continue
        hit = _at(text, toks, i, lex)
        if hit is None:
            continue
        n, ent = hit
        nxt = i + n
        if ent is None:
            continue
        found.append(ent)
        seen_names.setdefault(ent.name, ent.start)
        if ent.kind == "person" and n >= 1:
            surname = _surname(text, ent, lex)
            if surname:
                surnames.append((surname, ent))
            if ent.role == "" and surname:
                # "José Luis Rodríguez Zapatero" ... "Rodríguez Zapatero"
                family = _family_name(text, ent, lex)
                if family != surname:
                    surnames.append((family, ent))
    found += _later_mentions(text, toks, readings, lex, found, seen_names, surnames)
    if lex.latin is not None and _may_hold_designation(text, lex):
        for m in lex.latin.finditer(text):
            found.append(Entity(m.start(), m.end(), "equipment", m.group()))
    return _non_overlapping(found)


_MAX_RUN = 6  # words of a capitalised organisation name (`_org_run`)


def _may_open_run(
    toks: Tokens, readings: dict[str, list[int]], shaped: list[int], lex: EntityLexicon
) -> list[int]:
    """The name-shaped tokens where `_at` may find what no table opens: a hyphenated
    designation, or a capitalised run (`_org_run`) that opens with a prefix head or holds a
    suffix head among its next words ("Diamond Shamrock Corp"); most capitalised words do
    neither (names, sentence openers)."""
    if not lex.capitalised:
        return [k for k in shaped if lex.may_start(toks[k])]
    # The tokens that open with a prefix head or stand a few words before a suffix head, by
    # set operations in C rather than a test per capitalised word.
    keep = set(candidates(readings, lex.org_prefix_heads.firsts))
    keep.update(candidates(readings, lex.given_names))  # "Ana Botín" (`_given_person`)
    heads = candidates(readings, lex.org_suffix_heads)
    keep.update(h - d for h in heads for d in range(1, _MAX_RUN))
    return [k for k in shaped if k in keep or "-" in toks.forms[k]]


def _may_hold_designation(text: str, lex: EntityLexicon) -> bool:
    """Whether a code's last letter, a hyphen and a digit stand in the text: most texts hold
    none, and the designation pattern tries every code at every word. (The hyphens are found
    by `str.find`, which skips to each in C faster than a regular expression scans the text;
    `str.isdecimal` is the pattern's `\\d`, a character of category Nd.)"""
    at = text.find("-")
    while at >= 0:
        if at and text[at - 1] in lex.latin_lasts and text[at + 1 : at + 2].isdecimal():
            return True
        at = text.find("-", at + 1)
    return False


def _at(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, Entity | None] | None:
    """The entity starting at token i: (tokens consumed, entity)."""
    if not lex.may_start(toks[i]):
        return None
    # A finder whose tables have no phrase starting with this word finds nothing here.
    opens = lex.opens(toks[i])
    hit = _equipment(text, toks, i, lex, "named_equipment" in opens)
    if hit is not None:
        return hit
    role = _role(text, toks, i, lex) if not opens.isdisjoint(_ROLE_TABLES) else None
    if role is not None:
        hit = _titled_person(text, toks, i, lex, role)
        # A title with no name after it ("وزير الدفاع السعودي،") is consumed whole so that
        # its portfolio is not read again as an organisation.
        return hit if hit is not None else (role[0], None)
    for finder, tables in _FINDERS:
        if tables is None or not opens.isdisjoint(tables):  # no set built
            hit = finder(text, toks, i, lex)
            if hit is not None:
                return hit
    return None


def _lexicon_entry(
    text: str, toks: Tokens, i: int, lex: EntityLexicon
) -> tuple[int, Entity] | None:
    for table in (lex.persons, lex.orgs):
        m = match(table, text, toks, i, lex.capitalised)
        if m:
            n, start, e = m
            ent = Entity(
                start,
                toks.ends[i + n - 1],
                e["kind"],
                e["name"],
                e.get("role", "") if e["kind"] == "person" else "",
                e.get("country", ""),
                source_kind=e.get("source_kind", ""),
            )
            return n, ent
    return None


def _demonym_before(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, str]:
    """(start token, country) of a demonym right before token i ("Russian Foreign Minister")."""
    if punct(gap(text, toks, i)):
        return i, ""
    for back in (2, 1):
        j = i - back
        if j >= 0:
            m = demonym(text, toks, j, lex)
            if m and m[0] == back:
                return j, m[1]
    return i, ""


def _role(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, str] | None:
    """A title at token i, with its portfolio before or after: (tokens, English role)."""
    pre = match(lex.portfolios, text, toks, i)
    if pre:
        t = match(lex.titles, text, toks, i + pre[0], cap=False)
        if t and t[2].get("portfolio"):
            return pre[0] + t[0], f"{t[2]['role']} of {pre[2]}"
    t = match(lex.titles, text, toks, i)
    if not t:
        return None
    n, role = t[0], t[2]["role"]
    if t[2].get("portfolio"):
        j = i + n
        if j < len(toks) and toks.forms[j] in lex.portfolio_links:
            j += 1
        post = match(lex.portfolios, text, toks, j)
        if post:
            return j + post[0] - i, f"{role} of {post[2]}"
    return n, role


def _titled_person(
    text: str, toks: Tokens, i: int, lex: EntityLexicon, r: tuple[int, str]
) -> tuple[int, Entity] | None:
    """Title (+ portfolio) (+ demonym) + name: a person with role and country.

    `r` is the title at token i (`_role`).
    """
    n, role = r
    outer, country = _demonym_before(text, toks, i, lex)
    j = i + n
    d = demonym(text, toks, j, lex)
    if d:
        country = d[1]
        j += d[0]
    between = gap(text, toks, j)  # "" past the last token
    if j < len(toks) and between.strip() == "," and lex.capitalised:
        pass  # "el presidente ruso, Vladimir Putin": one comma may stand before the name
    elif j < len(toks) and punct(between):
        return None
    known = match(lex.persons, text, toks, j, lex.capitalised)
    if known:
        k, start, e = known
        end = toks.ends[j + k - 1]
        country = country or e.get("country", "")
        return j + k - i, Entity(start, end, "person", e["name"], role, country, toks.starts[outer])
    k = name_length(text, toks, j, lex)
    guessed = k == 0
    k = k or unknown_name(text, toks, j, lex)
    if k == 0:
        return None
    start, end = toks.starts[j], toks.ends[j + k - 1]
    name = transliterate(text, toks.span(j, j + k), lex)
    ent = Entity(start, end, "person", name, role, country, toks.starts[outer], guessed=guessed)
    return j + k - i, ent


def _surname(text: str, ent: Entity, lex: EntityLexicon) -> str:
    """The last word of a multi-word name found by title, for later bare mentions."""
    words = text[ent.start : ent.end].split()
    if len(words) < 2 or ent.name in lex.person_names:
        return ""
    if ent.guessed:
        return ""  # a guessed name may be a misread phrase: no bare echoes of it
    return words[-1]


def _family_name(text: str, ent: Entity, lex: EntityLexicon) -> str:
    """The words of a name after its leading given names ("" when it opens with none)."""
    words = text[ent.start : ent.end].split()
    g = 0
    while g < len(words) - 1 and fold(words[g]) in lex.given_names:
        g += 1
    return " ".join(words[g:]) if g else ""


def _given_person(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, Entity] | None:
    """A person named by a common given name and surnames, with no title ("Ana Botín")."""
    k = given_name_length(text, toks, i, lex)
    if k == 0:
        return None
    start, end = toks.starts[i], toks.ends[i + k - 1]
    return k, Entity(start, end, "person", transliterate(text, toks.span(i, i + k), lex))


def _ministry(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, Entity] | None:
    """ "Ministry of X" / "وزارة X" / "X Ministry", with an optional demonym."""
    head = match(lex.ministry_heads, text, toks, i)
    if head:
        j = i + head[0]
        if j < len(toks) and toks.forms[j] in lex.portfolio_links:
            j += 1
        p = match(lex.portfolios, text, toks, j)
        if p:
            end_tok = j + p[0]
            d = demonym(text, toks, end_tok, lex)
            country = d[1] if d else ""
            end_tok += d[0] if d else 0
            name = f"Ministry of {p[2]}"
            ent = Entity(
                head[1], toks.ends[end_tok - 1], "organization", name, "", country, head[1]
            )
            return end_tok - i, ent
    p = match(lex.portfolios, text, toks, i)
    if p:
        tail = match(lex.ministry_suffix_heads, text, toks, i + p[0])
        if tail:
            outer, country = _demonym_before(text, toks, i, lex)
            end = toks[i + p[0] + tail[0] - 1].end
            name = f"Ministry of {p[2]}"
            ent = Entity(p[1], end, "organization", name, "", country, toks.starts[outer])
            return p[0] + tail[0], ent
    return None


def _generic_org(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, Entity] | None:
    """An organisation named by a common noun plus a demonym ("الخارجية الروسية")."""
    g = match(lex.generic_orgs, text, toks, i)
    if not g:
        return None
    n, start, e = g
    d = demonym(text, toks, i + n, lex)
    if d:
        end = toks[i + n + d[0] - 1].end
        return n + d[0], Entity(start, end, "organization", e["name"], "", d[1], start)
    outer, country = _demonym_before(text, toks, i, lex)
    if country:
        end = toks.ends[i + n - 1]
        return n, Entity(start, end, "organization", e["name"], "", country, toks.starts[outer])
    return None


def _org_run(text: str, toks: Tokens, i: int, lex: EntityLexicon) -> tuple[int, Entity] | None:
    """Capitalised words with an organisation head: "Diamond Shamrock Corp", "Partido Popular"."""
    if not lex.capitalised or not toks.upper[i] or toks.forms[i] in lex.not_name:
        return None
    prefix = match(lex.org_prefix_heads, text, toks, i, cap=True)
    k = prefix[0] if prefix else 0
    last_head = k if prefix else 0
    while i + k < len(toks) and k < _MAX_RUN:
        t = toks[i + k]
        if k and punct(gap(text, toks, i + k)):
            break
        if not t.upper and not (t.norm in lex.connectors and i + k + 1 < len(toks)):
            break
        k += 1
        if t.norm in lex.org_suffix_heads:
            last_head = k
    if prefix and k > prefix[0]:
        last_head = max(last_head, k)
    while last_head and toks.forms[i + last_head - 1] in lex.connectors:
        last_head -= 1
    if last_head < 2:
        return None
    start, end = toks.starts[i], toks.ends[i + last_head - 1]
    name = " ".join(text[start:end].split())  # a name wrapped over two lines
    return last_head, Entity(start, end, "organization", name, outer_start=start)


def _equipment(
    text: str, toks: Tokens, i: int, lex: EntityLexicon, named_here: bool = True
) -> tuple[int, Entity] | None:
    """A designation written in the script ("سوخوي سو-30 إم كا 2") or a named system.

    `named_here`: whether a named system may start at token i (`EntityLexicon.opens`).
    """
    named = match(lex.named_equipment, text, toks, i) if named_here else None
    forms = toks.forms
    if named:
        n, start, e = named
        return n, Entity(start, toks.ends[i + n - 1], "equipment", e["name"], outer_start=start)
    j = i + 1 if forms[i] in lex.makers else i
    if j >= len(toks):
        return None
    head, sep, num = forms[j].partition("-")
    fam = lex.families.table.get((head,))
    k = j + 1
    if fam is None or not (sep and num.isdigit()):
        fam = lex.families.table.get((forms[j],))
        if fam is None or k >= len(toks) or not forms[k].isdigit():
            return None
        num, k = forms[k], k + 1
    suffix = ""
    while k < len(toks) and len(suffix) < 4 and not punct(gap(text, toks, k)):
        t = forms[k]
        if t in lex.letters:
            suffix += lex.letters[t]
        elif t.isdigit() and len(t) <= 2 and suffix:
            suffix += t
        else:
            break
        k += 1
    name = f"{fam['code']}-{num}{suffix}"
    return k - i, Entity(
        toks.starts[i], toks.ends[k - 1], "equipment", name, outer_start=toks.starts[i]
    )


# The tables each finder looks up at the entity's first token (None: it needs none there).
_ROLE_TABLES = frozenset({"portfolios", "titles"})
_FINDERS = (
    (_ministry, frozenset({"ministry_heads", "portfolios"})),
    (_generic_org, frozenset({"generic_orgs"})),
    (_lexicon_entry, frozenset({"persons", "orgs"})),
    (_org_run, None),
    (_given_person, None),  # after `_org_run`: "Juan March Foundation" is an organisation
)


def _later_mentions(
    text: str,
    toks: Tokens,
    readings: dict[str, list[int]],
    lex: EntityLexicon,
    found: list[Entity],
    seen_names: dict[str, int],
    surnames: list[tuple[str, Entity]],
) -> list[Entity]:
    """Aliases of lexicon entries already named, and bare surnames of titled persons."""
    taken = [(e.start, e.end) for e in found]
    table = lex.alias_table  # most texts name no titled person with a surname
    if surnames:
        table = PhraseTable(
            alias_entries(lex.aliases)
            + [
                (s, {"kind": e.kind, "name": e.name, "role": e.role, "country": e.country})
                for s, e in surnames
            ]
        )
    out: list[Entity] = []
    for i in candidates(readings, table.firsts):
        m = table.match(toks, i, text, capitalised=lex.capitalised)
        if not m:
            continue
        n, start, e = m
        end = toks.ends[i + n - 1]
        if seen_names.get(e["name"], len(text)) >= start or any(
            start < b and end > a for a, b in taken
        ):
            continue
        out.append(
            Entity(start, end, e["kind"], e["name"], e.get("role", ""), e.get("country", ""))
        )
    return out


def with_outer_start(e: Entity, outer_start: int) -> Entity:
    """A copy of `e` that begins with its title or demonym at `outer_start`."""
    return Entity(
        e.start, e.end, e.kind, e.name, e.role, e.country, outer_start, e.source_kind, e.guessed
    )


def _non_overlapping(found: list[Entity]) -> list[Entity]:
    by_span = {(e.start, e.end): e for e in reversed(found)}
    out = []
    for span in filter_pairs(by_span):
        e = by_span[span]
        if e.outer_start < 0:
            e = with_outer_start(e, span[0])
        out.append(e)
    return out

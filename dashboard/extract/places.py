"""Place mentions: gazetteer names found in the text, plus unknown names in a locative frame.

Contract: `extract(doc)` returns Mentions of table "places" whose attrs are name (English),
name_local, country (ISO alpha-2 or ""), kind, lat, lon (floats, None when unresolved) and
place_id. Matching runs on the normalised text, longest name first on word boundaries; Arabic
proclitics are peeled and left out of the span; English/Spanish names need a capital letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from dashboard import gazetteer, lexicon
from dashboard.extract.places_resolve import Context, choose
from dashboard.extract.places_text import MEMO_MAX, Text
from dashboard.extract.spans import filter_spans
from dashboard.gazetteer import Place
from dashboard.model import Document, Mention

# A capitalised first word of a sentence is a town only if the town is at least this big.
SENTENCE_START_MIN_POP = 200_000
# A short all-capital word ("HO", a ticker) is a place only if the gazetteer spells it so.
SHORT_ACRONYM = 3
_POSSESSIVE = ("'s", "’s")
# A name seen as a surname in the text ("Michael Jordan") is a person elsewhere in it too,
# unless the place is big enough to be named far more often than any person.
SURNAME_MAX_POP = 1_000_000
# Variant spellings ("letter_variants") are tried only on bare words this long: short words
# and words with the article are the language's own words, spelled one way.
_VARIANT_MIN_LEN = 5


@dataclass
class _Match:
    start: int  # normalised offsets
    end: int
    first: int  # word indices, inclusive
    last: int
    key: str
    rows: list[int]


# lang -> word -> the readings of the word that start a gazetteer name (memoised: they depend
# on the word alone, and most words start none)
_HEADS: dict[str, dict[str, list[tuple[int, str]]]] = {}


def _starts(t: Text) -> list[int]:
    """The word numbers at which a gazetteer name may start, in order."""
    memo = _HEADS.setdefault(t.lang, {})
    if len(memo) > MEMO_MAX:
        memo.clear()
    new = t.distinct.difference(memo)
    if new:
        at = dict(zip(t.words, range(len(t.words)), strict=True))
        for w in new:
            memo[w] = _heads(t, at[w])
    return list(compress(range(len(t.words)), map(memo.__getitem__, t.words)))


def _heads(t: Text, i: int) -> list[tuple[int, str]]:
    """(offset, reading) of word i's readings that start a gazetteer name."""
    pre = gazetteer.prefixes(t.lang)
    heads = [(k, c) for k, c in t.cores[i] if c in pre or _unpossessed(c) in pre]
    if not heads and not t.rules.capitalised and not t.bare(i) & t.rules.stop:
        heads = [(0, v) for v in _variants(t, t.words[i]) if v in pre]
    if heads and t.words[i] in t.rules.stop:
        # "بليون" (billion) is not "ب" + "ليون" (Lyon): a stop word is read as itself only.
        heads = [(k, c) for k, c in heads if k == 0]
    return heads


def _find(t: Text, i: int) -> _Match | None:
    """The longest acceptable gazetteer name starting at word i."""
    idx = gazetteer.index(t.lang)
    pre = gazetteer.prefixes(t.lang)
    heads = _HEADS[t.lang][t.words[i]]
    if not heads:
        return None
    # How far the words can run on as the start of some name, then longest first.
    top, limit = 1, min(gazetteer.max_words(t.lang), t.run[i])
    while top < limit and any(
        " ".join([c, *t.words[i + 1 : i + top + 1]]) in pre for _, c in heads
    ):
        top += 1
    for n in range(top, 0, -1):
        last = i + n - 1
        found = []
        for skip, core in heads:
            for k, cut in _keys(t, i, last, core):
                rows = idx.get(k)
                if rows and _acceptable(t, i, last, skip, k):
                    end = _with_final_dot(t, i, last, t.toks[last][1] - cut)
                    found.append(_Match(t.toks[i][0] + skip, end, i, last, k, rows))
        if found:
            # "وجدة" reads as Oujda or as "و" + Jeddah: the more prominent place wins.
            return max(found, key=lambda m: max(gazetteer.place(r).prior for r in m.rows))
    return None


def _variants(t: Text, w: str) -> list[str]:
    """The word with one letter of a variant pair written as the other throughout (Arabic
    writes the Latin "g" of foreign names in two ways)."""
    if len(w) < _VARIANT_MIN_LEN or (t.rules.articles and w.startswith(t.rules.articles)):
        return []
    out = []
    for a, b in t.rules.letter_variants:
        if a in w:
            out.append(w.replace(a, b))
        if b in w:
            out.append(w.replace(b, a))
    return out


def _unpossessed(w: str) -> str:
    return w[:-2] if w.endswith(_POSSESSIVE) else w


def _keys(t: Text, first: int, last: int, core: str) -> list[tuple[str, int]]:
    """Look-up keys for words first..last (the first read as `core`): (key, chars cut at end)."""
    ws = [core, *t.words[first + 1 : last + 1]]
    out = [(" ".join(ws), 0)]
    w = ws[-1]
    if t.rules.capitalised and w.endswith(_POSSESSIVE) and len(w) > 3:
        out.append((" ".join([*ws[:-1], w[:-2]]), 2))
    return out


def _with_final_dot(t: Text, first: int, last: int, end: int) -> int:
    """An abbreviation ("U.S.", "EE.UU.") keeps its final dot."""
    e = t.toks[last][1]
    dotted = t.norm.text[t.toks[last - 1][1] : t.toks[last][0]] == "." if last > first else False
    if dotted and end == e and t.norm.text[e : e + 1] == ".":
        return e + 1
    return end


def _acceptable(t: Text, first: int, last: int, skip: int, k: str) -> bool:
    """Whether a name found at words first..last passes the language's rules."""
    r = t.rules
    if k in r.stop:
        return False
    if k in r.needs_frame and not (
        t.is_frame_before(first) or t.after_locative(first) or t.coordinated(first)
    ):
        return False
    if t.after_person_particle(first):
        return False
    # "الحكومة السعودية" is an adjective after a definite noun; "في السعودية" a place.
    after_definite = (
        first > 0
        and t.adjacent[first - 1]
        and bool(r.articles)
        and t.words[first - 1].startswith(r.articles)
    )
    if k in r.adjectival and skip == 0 and after_definite:
        return False
    if r.capitalised:
        return _capital_ok(t, first, last, k)
    return True


def _capital_ok(t: Text, first: int, last: int, k: str) -> bool:
    """English/Spanish: capitalised as a name, and not part of a longer proper name."""
    if not t.orig(last)[:1].isupper():
        return False
    surface = t.doc.text[slice(*t.norm.span(t.toks[first][0], t.toks[last][1]))]
    letters = [c for c in surface if c.isalpha()]
    if len(letters) <= SHORT_ACRONYM and surface.isupper() and k not in gazetteer.acronyms(t.lang):
        return False
    lower_head = t.words[first] in t.rules.lowercase_heads  # "golfo de México"
    if not t.orig(first)[:1].isupper() and k in gazetteer.capitalised(t.lang) and not lower_head:
        return False
    # "Michael Jordan", "Paris Hilton": a capitalised word glued to the name makes it a
    # person or an organisation, unless it is a modifier ("Northern Iraq"), a sentence
    # opener ("In", "The") or a frame.
    if first > 0 and t.adjacent[first - 1] and t.titlecase(first - 1):
        prev = t.words[first - 1]
        if prev not in t.rules.free_before and not t.is_frame_before(first):
            if first == last:
                t.surnames.add(k)
            return False
    return True


def _sentence_start(t: Text, i: int) -> bool:
    """Whether word i opens a sentence (and so may be capitalised without being a name)."""
    if i == 0:
        return True
    gap = t.norm.text[t.toks[i - 1][1] : t.toks[i][0]]
    return any(c in gap for c in '.!?\n:;"“”«»')


def _blocked(t: Text, m: _Match, place: Place) -> bool:
    """English/Spanish: whether the chosen place is unlikely from the capitals around it."""
    if not t.rules.capitalised or place.kind in ("country", "continent"):
        return False
    # A sentence's first word is capitalised anyway: alone, it is a place only when it
    # names a big one ("Madrid anunció"), not a small town spelled like a word ("Como").
    small = place.kind == "city" and place.population < SENTENCE_START_MIN_POP
    if small and m.first == m.last and _sentence_start(t, m.first):
        return True
    # A town or region followed by a capitalised word is part of a name ("Cairo University").
    # A month or weekday after it is not ("in Lagos April 4").
    nxt = m.last + 1
    if nxt >= len(t.toks) or not t.adjacent[m.last] or not t.titlecase(nxt):
        return False
    return t.words[nxt] not in t.rules.time_words


def _comma_between(t: Text, a: _Match, b: _Match) -> bool:
    return b.first == a.last + 1 and t.norm.text[a.end : b.start].strip() == ","


def _organisation(t: Text, m: _Match, p: Place) -> bool:
    """Whether the name is part of an organisation's name ("ريال مدريد", "أرامكو السعودية");
    a country's own name still counts there ("Petróleos de Venezuela" names Venezuela)."""
    if p.kind == "country" and m.key not in t.rules.adjectival:
        return False
    return t.in_organisation(m.first, m.last)


def _mention(t: Text, start: int, end: int, attrs: dict) -> Mention:
    s, e = t.norm.span(start, end)
    return Mention("places", s, e, t.doc.text[s:e], attrs)


def _unresolved(t: Text, covered: set[int]) -> list[Mention]:
    """Unknown names right after a locative frame, kept with kind "unresolved"."""
    out = []
    r = t.rules
    for i in range(len(t.toks)):
        if i in covered or not t.is_frame_before(i):
            continue
        last = i
        if r.capitalised:
            if not t.titlecase(i):
                continue
            # A run of capitalised words is one name ("Ras Tanura", "Puerto Cabello").
            while last + 1 < len(t.toks) and last + 1 not in covered and t.adjacent[last]:
                if not t.titlecase(last + 1) or last - i >= 2:
                    break
                last += 1
        w = t.words[i]
        if w in r.frame_skip or w in r.stop or w in r.free_before or not _name_like(t, w):
            continue
        if r.cannot_start and w.startswith(r.cannot_start):
            continue
        if any(t.words[j] in r.frame_skip for j in range(i, last + 1)):
            continue
        name = t.doc.text[slice(*t.norm.span(t.toks[i][0], t.toks[last][1]))]
        attrs = {"name": name, "name_local": name, "country": "", "kind": "unresolved"}
        attrs.update({"lat": None, "lon": None, "place_id": ""})
        out.append(_mention(t, t.toks[i][0], t.toks[last][1], attrs))
    return out


def _name_like(t: Text, w: str) -> bool:
    """Whether a word could be a name: letters only, long enough, not an Arabic adjective."""
    if len(w) < 3 or not w.replace("-", "").isalpha():
        return False
    # Arabic relative adjectives end in ي / ية ("نفطي", "البحرية"): they describe, not name.
    return t.rules.capitalised or not w.endswith(("ي", "يه"))


def extract(doc: Document) -> list[Mention]:
    """Place mentions of a document: gazetteer places first, then unresolved framed names."""
    lang = doc.lang if doc.lang in lexicon.LANGS else "en"
    t = Text(doc, lang)
    matches: list[_Match] = []
    i = 0  # the word after the last name: names do not overlap
    for k in _starts(t):
        if k < i:
            continue
        m = _find(t, k)
        if m is not None:
            matches.append(m)
            t.place_ends.add(m.last)
            i = m.last + 1
    context = Context.of([(m.key, m.rows) for m in matches])
    out: list[Mention] = []
    covered: set[int] = set()
    chosen = [choose(m.rows, m.key, m.last > m.first, context) for m in matches]
    apposed: set[int] = set()  # towns placed by the region named after them
    for j in range(len(matches) - 1):
        # "Paris, Texas", "Springfield, Illinois": a region or country right after a town
        # and a comma contains it.
        m, nxt, q = matches[j], matches[j + 1], chosen[j + 1]
        if q is not None and q.kind in ("region", "country") and _comma_between(t, m, nxt):
            inside = choose(m.rows, m.key, m.last > m.first, context, q)
            if inside is not None:
                chosen[j] = inside
                apposed.add(j)
    for j, (m, p) in enumerate(zip(matches, chosen, strict=True)):
        if p is None or (j not in apposed and _blocked(t, m, p)) or _organisation(t, m, p):
            continue
        # "Michael Jordan ... Jordan said": a name the text uses as a surname stays one.
        if m.key in t.surnames and p.population < SURNAME_MAX_POP:
            continue
        covered.update(range(m.first, m.last + 1))
        out.append(_mention(t, m.start, m.end, _attrs(p, lang, m.key)))
    out += _unresolved(t, covered)
    return filter_spans(out)


def _attrs(p: Place, lang: str, k: str) -> dict:
    return {
        "name": p.name,
        "name_local": gazetteer.local_name(p, lang, k),
        "country": p.country,
        "kind": p.kind,
        "lat": p.lat,
        "lon": p.lon,
        "place_id": p.place_id,
    }

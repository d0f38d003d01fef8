"""Place mentions: gazetteer names found in the text, plus unknown names in a locative frame.

Contract: `extract(doc)` returns Mentions of table "places" whose attrs are name (English),
name_local, country (ISO alpha-2 or ""), kind, lat, lon (floats, None when unresolved) and
place_id. Matching runs on the normalised text, longest name first on word boundaries; Arabic
proclitics are peeled and left out of the span; English/Spanish names need a capital letter.
"""

from __future__ import annotations

from functools import cache, lru_cache

from dashboard import gazetteer, lexicon
from dashboard.extract import places_text
from dashboard.extract.claims_openers import openers_for
from dashboard.extract.places_resolve import Context, choose, prominent
from dashboard.extract.places_text import Text, unpossessed, variants
from dashboard.extract.spans import in_order
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


class _Match:
    """A gazetteer name found at words first..last (a plain class: compiled, a dataclass's
    generated __init__ runs as Python)."""

    __slots__ = ("start", "end", "first", "last", "key", "rows")

    def __init__(self, start: int, end: int, first: int, last: int, key: str, rows: list[int]):
        self.start = start  # normalised offsets
        self.end = end
        self.first = first  # word indices, inclusive
        self.last = last
        self.key = key
        self.rows = rows


class _Opening:
    """How a word opens gazetteer names (it depends on the word alone).

    A plain class, not a NamedTuple: compiled, its fields are struct reads."""

    __slots__ = ("heads", "alone", "follow")

    def __init__(
        self,
        heads: tuple[tuple[int, str], ...],
        alone: tuple[tuple[int, str, int, list[int]], ...],
        follow: frozenset[str],
    ) -> None:
        # (offset, reading) of its readings that open a name
        self.heads = heads
        # (offset, key, chars cut at the end, rows) of the names it spells on its own, stop
        # names left out
        self.alone = alone
        self.follow = follow  # the words that come next in the names it opens


# lang -> word -> its _Opening (`_NOTHING` when it opens no name): the same words recur in
# every document, so each is read once per process (only the words that may open a name,
# `Text.opens`, are looked up; bounded by MEMO_MAX).
_OPENINGS: dict[str, dict[str, _Opening]] = {}
MEMO_MAX = 200_000
_NOTHING = _Opening((), (), frozenset())


def _starts(t: Text) -> list[tuple[int, _Opening]]:
    """The word numbers at which a gazetteer name may start, in order, with their openings."""
    openings = _OPENINGS.setdefault(t.lang, {})
    if len(openings) > MEMO_MAX:
        openings.clear()
    words = t.words
    last = len(words) - 1
    out: list[tuple[int, _Opening]] = []
    for i in t.opens:  # (a few per cent of the words)
        w = words[i]
        o = openings.get(w)
        if o is None:
            o = openings[w] = _opening(t, i) or _NOTHING
        # Most of these words spell no name alone, and the next word continues none of
        # theirs: nothing to find there (the word after the last one being "").
        if o.alone or (words[i + 1] if i < last else "") in o.follow:
            out.append((i, o))
    return out


def _opening(t: Text, i: int) -> _Opening | None:
    heads = _heads(t, i)
    if not heads:
        return None
    idx = gazetteer.index(t.lang)
    alone = [
        (skip, k, cut, rows)
        for skip, core in heads
        for k, cut in _keys(t, i, i, core)
        if (rows := idx.get(k)) and k not in t.rules.stop
    ]
    follow = _followers(t.lang)
    return _Opening(heads, tuple(alone), frozenset().union(*(follow.get(c, ()) for _, c in heads)))


@cache
def _followers(lang: str) -> dict[str, frozenset[str]]:
    """First word of a name -> the words that come second in the names it opens."""
    out: dict[str, set[str]] = {}
    for p in gazetteer.prefixes(lang):
        words = p.split(" ", 2)
        if len(words) > 1:
            out.setdefault(words[0], set()).add(words[1])
    return {w: frozenset(f) for w, f in out.items()}


def load(lang: str) -> None:
    """Build the place tables of a language (see dashboard.extract.load)."""
    places_text.load(lang)
    _followers(lang)


def _heads(t: Text, i: int) -> tuple[tuple[int, str], ...]:
    """(offset, reading) of word i's readings that start a gazetteer name."""
    pre = gazetteer.prefixes(t.lang)
    # "كالسيول" is "like the floods": a name is not read behind a peeled article ("بال"),
    # as the gazetteer spells names that take one with it ("بالرياض" reads "الرياض").
    arts = t.rules.articles
    heads = [
        (k, c)
        for k, c in t.cores(i)
        if (c in pre or unpossessed(c) in pre) and not (arts and t.words[i][:k].endswith(arts))
    ]
    if not heads and not t.rules.capitalised and t.bare(i).isdisjoint(t.rules.stop):
        heads = [(0, v) for v in variants(t.words[i], t.rules) if v in pre]
    if heads and t.words[i] in t.rules.stop:
        # "بليون" (billion) is not "ب" + "ليون" (Lyon): a stop word is read as itself only.
        heads = [(k, c) for k, c in heads if k == 0]
    return tuple(heads)


def _find(t: Text, i: int, o: _Opening) -> _Match | None:
    """The longest acceptable gazetteer name starting at word i."""
    # A name after "بن", "أبو", "bin" is part of a person's name: no name at i is one, so
    # none is looked up.
    if t.after_person_particle(i):
        return None
    # Most words open no name of two words or more, and the next word says so.
    if i + 1 < t.n and t.words[i + 1] in o.follow:
        found = _longer(t, i, o)
        if found:
            return _best(found)
    if not o.alone or (t.rules.capitalised and not t.upper(i)):
        return None
    found = [
        _match(t, i, i, skip, k, cut, rows)
        for skip, k, cut, rows in o.alone
        if _acceptable(t, i, i, skip, k)
    ]
    return _best(found) if found else None


def _longer(t: Text, i: int, o: _Opening) -> list[_Match]:
    """The acceptable names of two words or more starting at word i, of the longest length."""
    idx = gazetteer.index(t.lang)
    for n in range(_run_on(t, i, o), 1, -1):
        last = i + n - 1
        if t.rules.capitalised and not t.upper(last):
            continue  # a name ends on a capital (`_capital_ok`): no look-up needed
        found = []
        for skip, core in o.heads:
            for k, cut in _keys(t, i, last, core):
                rows = idx.get(k)
                if rows and _acceptable(t, i, last, skip, k):
                    found.append(_match(t, i, last, skip, k, cut, rows))
        if found:
            return found
    return []


def _run_on(t: Text, i: int, o: _Opening) -> int:
    """How many words from i on (at least one) run on as the start of some name."""
    pre = gazetteer.prefixes(t.lang)
    top, most = 1, min(gazetteer.max_words(t.lang), t.n - i)
    phrases = [c for _, c in o.heads]
    while top < most:
        after = " " + t.words[i + top]
        phrases = [p + after for p in phrases]
        if pre.isdisjoint(phrases) or not t.joined(i + top - 1):
            break
        top += 1
    return top


def _match(t: Text, i: int, last: int, skip: int, k: str, cut: int, rows: list[int]) -> _Match:
    end = t.ends[last] - cut
    if last > i:  # (a one-word name has no inner dot)
        end = _with_final_dot(t, i, last, end)
    return _Match(t.starts[i] + skip, end, i, last, k, rows)


def _best(found: list[_Match]) -> _Match:
    # "وجدة" reads as Oujda or as "و" + Jeddah: the more prominent place wins.
    if len(found) == 1:
        return found[0]
    return max(found, key=lambda m: prominent(tuple(m.rows)).prior)


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
    e = t.ends[last]
    dotted = t.norm.text[t.ends[last - 1] : t.starts[last]] == "." if last > first else False
    if dotted and end == e and t.norm.text[e : e + 1] == ".":
        return e + 1
    return end


def _acceptable(t: Text, first: int, last: int, skip: int, k: str) -> bool:
    """Whether a name found at words first..last passes the language's rules (`_find` has
    already ruled out a person particle before it)."""
    r = t.rules
    if k in r.stop:
        return False
    if k in r.needs_frame and not (
        t.is_frame_before(first) or t.after_locative(first) or t.coordinated(first)
    ):
        return False
    # "الحكومة السعودية" is an adjective after a definite noun; "في السعودية" a place.
    if k in r.adjectival and skip == 0 and _after_definite(t, first):
        return False
    if r.capitalised:
        return _capital_ok(t, first, last, k)
    return True


def _after_definite(t: Text, first: int) -> bool:
    """Whether word first follows a word with the article, on its line."""
    r = t.rules
    return (
        first > 0
        and t.adjacent(first - 1)
        and bool(r.articles)
        and t.words[first - 1].startswith(r.articles)
    )


def _capital_ok(t: Text, first: int, last: int, k: str) -> bool:
    """English/Spanish: capitalised as a name, and not part of a longer proper name."""
    if not t.orig(last)[:1].isupper():
        return False
    surface = t.doc.text[slice(*t.norm.span(t.starts[first], t.ends[last]))]
    letters = [c for c in surface if c.isalpha()]
    if len(letters) <= SHORT_ACRONYM and surface.isupper() and k not in gazetteer.acronyms(t.lang):
        return False
    lower_head = t.words[first] in t.rules.lowercase_heads  # "golfo de México"
    if not t.orig(first)[:1].isupper() and k in gazetteer.capitalised(t.lang) and not lower_head:
        return False
    # "Michael Jordan", "Paris Hilton": a capitalised word glued to the name makes it a
    # person or an organisation, unless it is a modifier ("Northern Iraq"), a sentence
    # opener ("In", "The") or a frame.
    if first > 0 and t.adjacent(first - 1) and t.titlecase(first - 1):
        prev = t.words[first - 1]
        if prev not in t.rules.free_before and not t.is_frame_before(first):
            if first == last:
                t.surnames.add(k)
            return False
    if t.in_compound_surname(first):
        if first == last:
            t.surnames.add(k)
        return False
    return True


def _sentence_start(t: Text, i: int) -> bool:
    """Whether word i opens a sentence (and so may be capitalised without being a name)."""
    if i == 0:
        return True
    gap = t.norm.text[t.ends[i - 1] : t.starts[i]]
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
    # A town or region followed by a capitalised word is part of a name ("Cairo University"),
    # also across the wrapping of a line ("Burlington\nNorthern", a railroad). A month or
    # weekday after it is not ("in Lagos April 4").
    nxt = m.last + 1
    if nxt >= t.n or not t.titlecase(nxt):
        return False
    if not t.adjacent(m.last) and not t.wrapped(m.last):
        return False
    return t.words[nxt] not in t.rules.time_words


def _apposed(t: Text, a: _Match, b: _Match) -> bool:
    """Whether b follows a as its container: "Paris, Texas", "Tripoli in Lebanon"."""
    if b.first == a.last + 1:
        return t.norm.text[a.end : b.start].strip() == ","
    mid = a.last + 1
    return (
        b.first == mid + 1
        and t.words[mid] in t.rules.inside
        and t.adjacent(a.last)
        and t.adjacent(mid)
    )


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
    for i in sorted(t.framed):
        if i in covered:
            continue
        last = i
        if r.capitalised:
            if not t.titlecase(i):
                continue
            # A run of capitalised words is one name ("Ras Tanura", "Puerto Cabello").
            while last + 1 < t.n and last + 1 not in covered and t.adjacent(last):
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
        name = t.doc.text[slice(*t.norm.span(t.starts[i], t.ends[last]))]
        attrs: dict[str, object] = {
            "name": name,
            "name_local": name,
            "country": "",
            "kind": "unresolved",
        }
        attrs.update({"lat": None, "lon": None, "place_id": ""})
        out.append(_mention(t, t.starts[i], t.ends[last], attrs))
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
    t = Text(doc, lang, openers_for(doc.text, lang))
    matches: list[_Match] = []
    i = 0  # the word after the last name: names do not overlap
    for k, o in _starts(t):
        if k < i:
            continue
        m = _find(t, k, o)
        if m is not None:
            matches.append(m)
            t.place_ends.add(m.last)
            i = m.last + 1
    context = Context.of([(m.key, m.rows) for m in matches], t.demonym_countries)
    out: list[Mention] = []
    covered: set[int] = set()
    chosen = _choose_all(matches, context)
    apposed: set[int] = set()  # towns placed by the region named after them
    for j, (m, nxt, q) in enumerate(zip(matches, matches[1:], chosen[1:], strict=False)):
        # "Paris, Texas", "Tripoli in Lebanon": a region or country right after a town and a
        # comma (or "in") contains it.
        if q is not None and q.kind in ("region", "country") and _apposed(t, m, nxt):
            inside = choose(m.rows, m.key, m.last > m.first, context, q)
            if inside is not None:
                chosen[j] = inside
                apposed.add(j)
    capitalised = t.rules.capitalised  # (`_blocked` applies to capitalised names only)
    for j, (m, p) in enumerate(zip(matches, chosen, strict=True)):
        if p is None or (capitalised and j not in apposed and _blocked(t, m, p)):
            continue
        if _organisation(t, m, p):
            continue
        # "Michael Jordan ... Jordan said": a name the text uses as a surname stays one.
        if m.key in t.surnames and p.population < SURNAME_MAX_POP:
            continue
        if t.framed:  # (only `_unresolved` reads them)
            covered.update(range(m.first, m.last + 1))
        out.append(_mention(t, m.start, m.end, _attrs(p, lang, m.key)))
    out += _unresolved(t, covered)
    # The names found do not overlap and come in order: most texts name no unresolved place
    # after them.
    return in_order(out)


def _choose_all(matches: list[_Match], context: Context) -> list[Place | None]:
    """The place each name means: a name (and its length) means one place in a document."""
    # (The key says the length: only a name of two words or more has a space in it.)
    seen: dict[str, Place | None] = {}
    out = []
    for m in matches:
        if m.key not in seen:
            seen[m.key] = choose(m.rows, m.key, m.last > m.first, context)
        out.append(seen[m.key])
    return out


def _attrs(p: Place, lang: str, k: str) -> dict:
    # A fresh copy for each mention: its attrs are its own.
    return dict(_attrs_of(p.row, lang, k))


@lru_cache(maxsize=4096)
def _attrs_of(row: int, lang: str, k: str) -> dict:
    # Cached (read-only): the same places are named in document after document.
    p = gazetteer.place(row)
    return {
        "name": p.name,
        "name_local": gazetteer.local_name(p, lang, k),
        "country": p.country,
        "kind": p.kind,
        "lat": p.lat,
        "lon": p.lon,
        "place_id": p.place_id,
    }

"""Place mentions: gazetteer names found in the text, plus unknown names in a locative frame.

Contract: `extract(doc)` returns Mentions of table "places" whose attrs are name (English),
name_local, country (ISO alpha-2 or ""), kind, lat, lon (floats, None when unresolved) and
place_id. Matching runs on the normalised text, longest name first on word boundaries; Arabic
proclitics are peeled and left out of the span; English/Spanish names need a capital letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from dashboard import gazetteer, lexicon
from dashboard.extract.spans import filter_spans
from dashboard.gazetteer import Place
from dashboard.model import Document, Mention
from dashboard.text import fold, normalise, peel, words

# Towns below this population are kept only when the document names their country: small
# towns share their names with common words and with people far more often than big ones.
SMALL_TOWN = 50_000
# A capitalised first word of a sentence is a town only if the town is at least this big.
SENTENCE_START_MIN_POP = 200_000
# A short all-capital word ("HO", a ticker) is a place only if the gazetteer spells it so.
SHORT_ACRONYM = 3
# A town in a country the document names gets this much prior (about a factor of 8 in
# population): Tripoli, Lebanon over Tripoli, Libya next to "Lebanon", but not Geneva, Illinois
# over Geneva next to "U.S.".
CONTEXT_BONUS = 0.9
# Only these gaps may separate the words of one name ("New York", "U.S.", a line break).
_GAP = re.compile(r"\.?\s*")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True)
class _Rules:
    """The language data of data/<lang>/places.json, folded for matching."""

    capitalised: bool
    stop: frozenset[str]
    needs_frame: frozenset[str]
    frames: tuple[tuple[str, ...], ...]
    frame_skip: frozenset[str]
    adjectival: frozenset[str]
    articles: tuple[str, ...]
    free_before: frozenset[str]
    cannot_start: tuple[str, ...]


@cache
def _rules(lang: str) -> _Rules:
    d = lexicon.load(lang, "places")
    return _Rules(
        capitalised=bool(d["capitalised"]),
        stop=frozenset(gazetteer.key(w) for w in d["stop_names"]),
        needs_frame=frozenset(gazetteer.key(w) for w in d["needs_frame"]),
        frames=tuple(tuple(gazetteer.key(w).split()) for w in d["frames"]),
        frame_skip=frozenset(gazetteer.key(w) for w in d["frame_skip"]),
        adjectival=frozenset(gazetteer.key(w) for w in d["adjectival_names"]),
        articles=tuple(fold(w) for w in d["article_prefixes"]),
        free_before=frozenset(gazetteer.key(w) for w in d["name_modifiers"]),
        cannot_start=tuple(fold(w) for w in d["name_cannot_start"]),
    )


class _Text:
    """The document's normalised text cut into words, with per-word facts computed once."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.rules = _rules(lang)
        self.norm = normalise(doc.text)
        text = self.norm.text
        self.toks = words(text)
        self.words = [text[s:e] for s, e in self.toks]
        gaps = [text[self.toks[i][1] : self.toks[i + 1][0]] for i in range(len(self.toks) - 1)]
        # joined[i]: words i and i+1 may belong to one name (a space or a dot between them);
        # adjacent[i]: only white space between them, on one line (a title is not glued to
        # the first word of the text below it).
        self.joined = [_GAP.fullmatch(g) is not None for g in gaps] + [False]
        self.adjacent = [g.isspace() and "\n" not in g for g in gaps] + [False]
        self.run = [1] * len(self.toks)  # how many words from i on are joined into one run
        for i in range(len(self.toks) - 2, -1, -1):
            if self.joined[i]:
                self.run[i] = self.run[i + 1] + 1
        self.cores = [_readings(w, lang) for w in self.words]
        self.framed = self._mark_frames()

    def orig(self, i: int) -> str:
        s, e = self.norm.span(*self.toks[i])
        return self.doc.text[s:e]

    def titlecase(self, i: int) -> bool:
        w = self.orig(i)
        return w[:1].isupper() and any(c.islower() for c in w)

    def is_frame_before(self, i: int) -> bool:
        """Whether the words just before word i are a locative frame ("حقل", "port of")."""
        return self.framed[i]

    def _mark_frames(self) -> list[bool]:
        framed = [False] * (len(self.toks) + 1)
        firsts = {f[0] for f in self.rules.frames}
        articles = self.rules.articles
        for j, cores in enumerate(self.cores):
            # A frame is a bare noun in construct ("مدينة X", "port of X"): "بالمدينة" or
            # "للمدينة" (with the article) refers back, and "20 مدينة" counts towns.
            w = self.words[j]
            heads = {
                c
                for k, c in cores
                if c in firsts and c == w[k:] and not (articles and w[:k].endswith(articles))
            }
            if not heads or (j > 0 and self.words[j - 1].isdigit()):
                continue
            for frame in self.rules.frames:
                n = len(frame)
                tail = tuple(self.words[j + 1 : j + n])
                if frame[0] in heads and self.run[j] > n and frame[1:] == tail:
                    framed[j + n] = True
        return framed


@lru_cache(maxsize=100_000)
def _readings(word: str, lang: str) -> tuple[tuple[int, str], ...]:
    """Readings of a word with its proclitics peeled, unpeeled first (cached: words repeat)."""
    return tuple(sorted(peel(word, lexicon.proclitics(lang)), key=lambda r: r[0]))


@dataclass
class _Match:
    start: int  # normalised offsets
    end: int
    first: int  # word indices, inclusive
    last: int
    key: str
    rows: list[int]


def _find(t: _Text, i: int) -> _Match | None:
    """The longest acceptable gazetteer name starting at word i."""
    idx = gazetteer.index(t.lang)
    pre = gazetteer.prefixes(t.lang)
    heads = [(k, c) for k, c in t.cores[i] if c in pre or _unpossessed(c) in pre]
    if not heads:
        return None
    if t.words[i] in t.rules.stop:
        # "بليون" (billion) is not "ب" + "ليون" (Lyon): a stop word is read as itself only.
        heads = [(k, c) for k, c in heads if k == 0]
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


def _unpossessed(w: str) -> str:
    return w[:-2] if w.endswith(_POSSESSIVE) else w


def _keys(t: _Text, first: int, last: int, core: str) -> list[tuple[str, int]]:
    """Look-up keys for words first..last (the first read as `core`): (key, chars cut at end)."""
    ws = [core, *t.words[first + 1 : last + 1]]
    out = [(" ".join(ws), 0)]
    w = ws[-1]
    if t.rules.capitalised and w.endswith(_POSSESSIVE) and len(w) > 3:
        out.append((" ".join([*ws[:-1], w[:-2]]), 2))
    return out


def _with_final_dot(t: _Text, first: int, last: int, end: int) -> int:
    """An abbreviation ("U.S.", "EE.UU.") keeps its final dot."""
    e = t.toks[last][1]
    dotted = t.norm.text[t.toks[last - 1][1] : t.toks[last][0]] == "." if last > first else False
    if dotted and end == e and t.norm.text[e : e + 1] == ".":
        return e + 1
    return end


def _acceptable(t: _Text, first: int, last: int, skip: int, k: str) -> bool:
    """Whether a name found at words first..last passes the language's rules."""
    r = t.rules
    if k in r.stop:
        return False
    if k in r.needs_frame and not t.is_frame_before(first):
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


def _capital_ok(t: _Text, first: int, last: int, k: str) -> bool:
    """English/Spanish: capitalised as a name, and not part of a longer proper name."""
    if not t.orig(last)[:1].isupper():
        return False
    surface = t.doc.text[slice(*t.norm.span(t.toks[first][0], t.toks[last][1]))]
    letters = [c for c in surface if c.isalpha()]
    if len(letters) <= SHORT_ACRONYM and surface.isupper() and k not in gazetteer.acronyms(t.lang):
        return False
    if not t.orig(first)[:1].isupper() and k in gazetteer.capitalised(t.lang):
        return False
    # "Michael Jordan", "Paris Hilton": a capitalised word glued to the name makes it a
    # person or an organisation, unless it is a modifier ("Northern Iraq"), a sentence
    # opener ("In", "The") or a frame.
    if first > 0 and t.adjacent[first - 1] and t.titlecase(first - 1):
        prev = t.words[first - 1]
        if prev not in t.rules.free_before and not t.is_frame_before(first):
            return False
    return True


def _sentence_start(t: _Text, i: int) -> bool:
    """Whether word i opens a sentence (and so may be capitalised without being a name)."""
    if i == 0:
        return True
    gap = t.norm.text[t.toks[i - 1][1] : t.toks[i][0]]
    return any(c in gap for c in '.!?\n:;"“”«»')


def _blocked(t: _Text, m: _Match, place: Place) -> bool:
    """English/Spanish: whether the chosen place is unlikely from the capitals around it."""
    if not t.rules.capitalised or place.kind in ("country", "continent"):
        return False
    # A sentence's first word is capitalised anyway: alone, it is a place only when it
    # names a big one ("Madrid anunció"), not a small town spelled like a word ("Como").
    small = place.kind == "city" and place.population < SENTENCE_START_MIN_POP
    if small and m.first == m.last and _sentence_start(t, m.first):
        return True
    # A town or region followed by a capitalised word is part of a name ("Cairo University").
    nxt = m.last + 1
    return nxt < len(t.toks) and t.adjacent[m.last] and t.titlecase(nxt)


def _choose(m: _Match, context: dict[str, set[str]]) -> Place | None:
    """The most likely place for a name: prominence, plus the countries the document names
    with other names (a name does not vouch for its own reading)."""
    best, best_score = None, float("-inf")
    multiword = m.last > m.first
    for row in m.rows:
        p = gazetteer.place(row)
        known = bool(context.get(p.country, set()) - {m.key})
        if p.kind == "city" and p.population < SMALL_TOWN and not known and not multiword:
            continue
        score = p.prior + (CONTEXT_BONUS if known else 0.0)
        if score > best_score:
            best, best_score = p, score
    return best


def _context(matches: list[_Match]) -> dict[str, set[str]]:
    """Countries the document names (those of each mention's most prominent reading), each
    with the name keys that name it."""
    out: dict[str, set[str]] = {}
    for m in matches:
        p = max((gazetteer.place(r) for r in m.rows), key=lambda p: p.prior)
        if p.country and (p.kind != "city" or p.population >= SMALL_TOWN):
            out.setdefault(p.country, set()).add(m.key)
    return out


def _mention(t: _Text, start: int, end: int, attrs: dict) -> Mention:
    s, e = t.norm.span(start, end)
    return Mention("places", s, e, t.doc.text[s:e], attrs)


def _unresolved(t: _Text, covered: set[int]) -> list[Mention]:
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


def _name_like(t: _Text, w: str) -> bool:
    """Whether a word could be a name: letters only, long enough, not an Arabic adjective."""
    if len(w) < 3 or not w.replace("-", "").isalpha():
        return False
    # Arabic relative adjectives end in ي / ية ("نفطي", "البحرية"): they describe, not name.
    return t.rules.capitalised or not w.endswith(("ي", "يه"))


def extract(doc: Document) -> list[Mention]:
    """Place mentions of a document: gazetteer places first, then unresolved framed names."""
    lang = doc.lang if doc.lang in lexicon.LANGS else "en"
    t = _Text(doc, lang)
    matches: list[_Match] = []
    i = 0
    while i < len(t.toks):
        m = _find(t, i)
        if m is None:
            i += 1
            continue
        matches.append(m)
        i = m.last + 1
    context = _context(matches)
    out: list[Mention] = []
    covered: set[int] = set()
    for m in matches:
        p = _choose(m, context)
        if p is None or _blocked(t, m, p):
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

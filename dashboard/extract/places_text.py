"""The place matcher's view of a document: its words, their clitic readings, frames and the
organisation names around them, with the language rules of data/<lang>/places.json.

Contract: `Text(doc, lang)` cuts the normalised text into words once and picks out, from the
readings the shared preprocessing peeled (dashboard.extract.claims_tokens), the few words that
may open a gazetteer name, a frame or an organisation name; `rules(lang)` is the folded language
data (cached). Everything here is per-word bookkeeping; the only gazetteer data read are the
first words of its names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, compress, product
from operator import add, methodcaller
from typing import Final

from dashboard import gazetteer, lexicon
from dashboard.extract.claims_tokens import readings_for
from dashboard.model import Document
from dashboard.text import fold, normalise, peel, split_words

# Only these gaps may separate the words of one name ("New York", "U.S.", a line break).
_GAP = re.compile(r"\.?\s*")
_POSSESSIVE = ("'s", "’s")
# Variant spellings ("letter_variants") are tried only on bare words this long: short words
# and words with the article are the language's own words, spelled one way.
_VARIANT_MIN_LEN = 5


# A text whose lines are all at most this long is wrapped at a fixed width: a break after a
# line of more than WRAPPED_LINE characters may fall inside a name ("Burlington\nNorthern").
# Elsewhere a line ends a paragraph or a heading.
WRAP_WIDTH = 100
WRAPPED_LINE = 40


@dataclass(frozen=True)
class Rules:
    """The language data of data/<lang>/places.json, folded for matching."""

    capitalised: bool
    stop: frozenset[str]
    needs_frame: frozenset[str]
    frame_skip: frozenset[str]
    adjectival: frozenset[str]
    articles: tuple[str, ...]
    free_before: frozenset[str]
    cannot_start: tuple[str, ...]
    locatives: frozenset[str]
    org_heads: frozenset[str]
    org_tails: frozenset[str]
    person_heads: frozenset[str]
    letter_variants: tuple[tuple[str, str], ...]
    time_words: frozenset[str]
    conjunctions: frozenset[str]
    lowercase_heads: frozenset[str]
    inside: frozenset[str]  # "in": "Tripoli in Lebanon" is read inside Lebanon
    surname_links: frozenset[str]  # "de": "López de Legazpi" is a compound surname
    surname_endings: tuple[str, ...]  # "ez": the patronymic surnames before such a link
    # One-word demonyms of data/<lang>/entities.json, folded -> ISO alpha-2 ("canadian": CA).
    demonyms: dict[str, str]
    # Organisation names of data/<lang>/entities.json, as word tuples keyed by first word.
    orgs: dict[str, tuple[tuple[str, ...], ...]]
    frame_firsts: frozenset[str]  # the first words of `frames`
    frames_at: dict[str, tuple[tuple[str, ...], ...]]  # `frames` keyed by first word
    org_firsts: frozenset[str]  # the first words of `orgs`
    heads: frozenset[str]  # `frame_firsts` and `org_firsts`


def _keys(d: dict, name: str) -> frozenset[str]:
    return frozenset(gazetteer.key(w) for w in d.get(name, []))


def _demonyms(d: dict) -> dict[str, str]:
    out = {}
    for cc, stems in d.get("demonyms", {}).items():
        for stem, pre, suf in product(stems, d["demonym_prefixes"], d["demonym_suffixes"]):
            k = gazetteer.key(pre + stem + suf)
            if k and " " not in k:
                out[k] = cc
    return out


@cache
def rules(lang: str) -> Rules:
    """The folded place rules of a language (read once per process)."""
    d = lexicon.load(lang, "places")
    frames = tuple(tuple(gazetteer.key(w).split()) for w in d["frames"])
    orgs: dict[str, list[tuple[str, ...]]] = {}
    for org in lexicon.load(lang, "entities").get("organizations", []):
        for form in org["forms"]:
            ws = tuple(gazetteer.key(form).split())
            if len(ws) > 1:
                orgs.setdefault(ws[0], []).append(ws)
    return Rules(
        capitalised=bool(d["capitalised"]),
        stop=_keys(d, "stop_names"),
        needs_frame=_keys(d, "needs_frame"),
        frame_skip=_keys(d, "frame_skip"),
        adjectival=_keys(d, "adjectival_names"),
        articles=tuple(fold(w) for w in d["article_prefixes"]),
        free_before=_keys(d, "name_modifiers"),
        cannot_start=tuple(fold(w) for w in d["name_cannot_start"]),
        locatives=_keys(d, "locatives"),
        org_heads=_keys(d, "org_heads"),
        org_tails=_keys(d, "org_tails"),
        person_heads=_keys(d, "person_heads"),
        time_words=_keys(d, "time_words"),
        conjunctions=_keys(d, "conjunctions"),
        lowercase_heads=_keys(d, "lowercase_heads"),
        inside=_keys(d, "inside_words"),
        surname_links=_keys(d, "surname_links"),
        surname_endings=tuple(fold(w) for w in d.get("surname_endings", [])),
        demonyms=_demonyms(lexicon.load(lang, "entities")),
        letter_variants=tuple((fold(a), fold(b)) for a, b in d.get("letter_variants", [])),
        orgs={k: tuple(sorted(v, key=len, reverse=True)) for k, v in orgs.items()},
        frame_firsts=frozenset(f[0] for f in frames),
        frames_at={w: tuple(f for f in frames if f[0] == w) for w in {f[0] for f in frames}},
        org_firsts=frozenset(orgs),
        heads=frozenset(f[0] for f in frames).union(orgs),
    )


@lru_cache(maxsize=100_000)
def readings(word: str, lang: str) -> tuple[tuple[int, str], ...]:
    """Readings of a word with its proclitics peeled, unpeeled first (cached: words repeat).

    "للسعودية" is ل + the article with its alef dropped: that reading starts after the
    preposition, so the span keeps the article's lam ("لسعودية") and not the preposition."""
    peeled = peel(word, lexicon.proclitics(lang))
    if len(peeled) == 1:
        return peeled  # the word alone, (0, word): nothing to shift or sort (most words)
    out = []
    for k, core in peeled:
        if k == 0 and core != word:
            k = len(word) - len(core) + 1
        out.append((k, core))
    return tuple(sorted(set(out)))  # by offset, then reading


def unpossessed(w: str) -> str:
    """The word without an English possessive ending ("Iran's")."""
    return w[:-2] if w.endswith(_POSSESSIVE) else w


def variants(w: str, r: Rules) -> list[str]:
    """The word with one letter of a variant pair written as the other throughout (Arabic
    writes the Latin "g" of foreign names in two ways)."""
    if len(w) < _VARIANT_MIN_LEN or (r.articles and w.startswith(r.articles)):
        return []
    out = []
    for a, b in r.letter_variants:
        if a in w:
            out.append(w.replace(a, b))
        if b in w:
            out.append(w.replace(b, a))
    return out


@cache
def _openers(lang: str) -> frozenset[str]:
    """The readings at which a gazetteer name may start: the first words of its names, also
    spelled with their variant letters the other way (see `variants`)."""
    firsts = {k.split(" ", 1)[0] for k in gazetteer.index(lang)}
    out = set(firsts)
    for a, b in rules(lang).letter_variants:
        for w in firsts:
            out.update(_respelled(w, a, b))
    return frozenset(out)


def load(lang: str) -> None:
    """Build the place rules and name openers of a language (see dashboard.extract.load)."""
    wanted(lang)  # reads them all


# What a reading `Text` looks for may be (bits: a reading may be several of them; Final,
# compiled, they are constants, not globals looked up).
_OPENER: Final = 1
_FRAME: Final = 2
_ORG: Final = 4
_DEMONYM: Final = 8
_PARTICLE: Final = 16
_ORG_HEAD: Final = 32


@cache
def _kinds(lang: str) -> dict[str, int]:
    """Every reading `Text` looks for -> what it may be: a name opener, a frame or
    organisation head, a demonym, a particle of persons' names, a word that opens an
    organisation's name."""
    r = rules(lang)
    out: dict[str, int] = {}
    for kind, words in (
        (_OPENER, _openers(lang)),
        (_FRAME, r.frame_firsts),
        (_ORG, r.org_firsts),
        (_DEMONYM, r.demonyms),
        (_PARTICLE, r.person_heads),
        (_ORG_HEAD, r.org_heads),
    ):
        for w in words:
            out[w] = out.get(w, 0) | kind
    return out


@cache
def wanted(lang: str) -> frozenset[str]:
    """The readings `Text` looks for (`_kinds`) as a set: claims_openers.openers_for finds
    them in a text's reading index with the opener tables' words, in one pass."""
    return frozenset(_kinds(lang))


def _respelled(w: str, a: str, b: str) -> set[str]:
    """The words of which a `variants` spelling (a for b, or b for a) may be w."""
    out = set()
    for x, y in ((a, b), (b, a)):
        # word.replace(x, y) == w: w has no x, and each y of w was an x or a y in the word.
        if x not in w:
            parts = w.split(y)
            for letters in product((x, y), repeat=len(parts) - 1):
                out.add(parts[0] + "".join(map(add, letters, parts[1:])))
    return out


@lru_cache(maxsize=16_384)
def _bare(word: str, lang: str) -> frozenset[str]:
    # Cached: the words around names (prepositions, particles) recur in every document.
    return frozenset((word, *(c for _, c in readings(word, lang))))


@lru_cache(maxsize=4096)
def _frame_heads(w: str, lang: str) -> frozenset[str]:
    # A frame is a bare noun in construct ("مدينة X", "port of X"): "بالمدينة" or
    # "للمدينة" (with the article) refers back.
    r = rules(lang)
    return frozenset(
        c
        for k, c in readings(w, lang)
        if c in r.frame_firsts and c == w[k:] and not (r.articles and w[:k].endswith(r.articles))
    )


@lru_cache(maxsize=1024)
def _gap(g: str) -> tuple[bool, bool]:
    """(joined, adjacent) for the gap between two words: they may belong to one name (a
    space or a dot between them); only white space between them, on one line (a title is
    not glued to the first word of the text below it)."""
    return _GAP.fullmatch(g) is not None, g.isspace() and "\n" not in g


class Text:
    """The document's normalised text cut into words; per-word facts are read only for the
    few words that may open a name (`opens`), a frame or an organisation name, and the words
    around them."""

    def __init__(self, doc: Document, lang: str, found: dict[str, list[int]] | None = None) -> None:
        self.doc = doc
        self.lang = lang
        self.rules = rules(lang)
        self.norm = normalise(doc.text)
        # The word split is shared with the claims tokens (dashboard.text.split_words): its
        # lists must not be changed.
        split = split_words(self.norm.text)
        self.words = split.words
        self.starts = split.starts
        self.ends = split.ends
        self.gaps = split.gaps
        self.n = len(self.words)
        # The words whose readings (proclitics peeled) may open something, found in C in the
        # readings the shared preprocessing peeled once for every extractor: `found`, the
        # entries of that index for (at least) the `wanted` words, when the caller has them
        # (claims_openers.openers_for), else the whole index.
        if found is None:
            found = readings_for(doc.text, lexicon.proclitics(lang))
        # One pass over them finds all the text names: the name openers, the frame and
        # organisation heads, the demonyms and the particles (few); each is then sorted by
        # what it may be, its word numbers read once.
        kinds = _kinds(lang)
        opens: set[int] = set()
        frames: set[int] = set()
        orgs: set[int] = set()
        demonyms = self.rules.demonyms
        # The countries the text names by a demonym.
        self.demonym_countries: set[str] = set()
        # The words that are, or read as, "بن", "أبو", "bin" (`after_person_particle`), and
        # "ريال", "صحيفة" (`in_organisation`): the index holds a word and its readings, as
        # `bare` does.
        self.particles: set[int] = set()
        self.org_heads: set[int] = set()
        # (One probe of the large `kinds` per entry, not three: a set intersection with
        # `wanted`, then `kinds` and `found` looked up again.)
        for w, at in found.items():
            kind = kinds.get(w)
            if kind is None:
                continue
            if kind & _OPENER:
                opens.update(at)
            if kind & _FRAME:
                frames.update(at)
            if kind & _ORG:
                orgs.update(at)
            if kind & _DEMONYM:
                self.demonym_countries.add(demonyms[w])
            if kind & _PARTICLE:
                self.particles.update(at)
            if kind & _ORG_HEAD:
                self.org_heads.update(at)
        self.opens = self._possessives(sorted(opens))
        self.framed = self._mark_frames(frames)
        self.in_org = self._mark_orgs(orgs)
        self.surnames: set[str] = set()  # name keys seen right after a given name
        self._wrapped_text: bool | None = None  # see `wrapped`
        self.place_ends: set[int] = set()  # last word of each place found so far

    def _possessives(self, opens: list[int]) -> list[int]:
        # "Iran's" opens a name too (see `unpossessed`): a rare ending, looked for in C (first
        # its letter alone: one fast scan rules out most Arabic texts).
        text = self.norm.text
        if "s" not in text or not any(p in text for p in _POSSESSIVE):
            return opens
        ends = methodcaller("endswith", _POSSESSIVE)
        more = set(compress(range(self.n), map(ends, self.words))).difference(opens)
        return sorted(more.union(opens)) if more else opens

    def cores(self, i: int) -> tuple[tuple[int, str], ...]:
        """Readings of word i (see `readings`)."""
        return readings(self.words[i], self.lang)

    def adjacent(self, i: int) -> bool:
        """Whether words i and i+1 are separated by white space only, on one line."""
        return i < self.n - 1 and _gap(self.gaps[i])[1]

    def wrapped(self, i: int) -> bool:
        """Whether words i and i+1 are split only by the wrapping of a line: one line break,
        no indent, in a text wrapped at a fixed width (as Reuters sends it)."""
        g = self.gaps[i]
        if not g.endswith("\n") or g.count("\n") != 1 or not g.isspace():
            return False
        end = self.ends[i]
        if end - self.norm.text.rfind("\n", 0, end) <= WRAPPED_LINE:
            return False  # a short line: a heading, or a paragraph's last line
        if self._wrapped_text is None:  # read once, for the few towns before a line break
            lines = self.norm.text.split("\n")
            self._wrapped_text = max(map(len, lines)) <= WRAP_WIDTH
        return self._wrapped_text

    def joined(self, i: int) -> bool:
        """Whether words i and i+1 may belong to one name (i below the last word)."""
        return _gap(self.gaps[i])[0]

    def run(self, i: int, limit: int) -> int:
        """How many words from i on are joined into one run (counted up to `limit`)."""
        n, gaps = 1, self.gaps
        while n < limit and i + n < self.n and _gap(gaps[i + n - 1])[0]:
            n += 1
        return n

    def upper(self, i: int) -> bool:
        """Whether word i starts with a capital letter in the original text."""
        return self.doc.text[self.norm.index[self.starts[i]]].isupper()

    def orig(self, i: int) -> str:
        s, e = self.norm.span(self.starts[i], self.ends[i])
        return self.doc.text[s:e]

    def titlecase(self, i: int) -> bool:
        w = self.orig(i)
        return w[:1].isupper() and any(c.islower() for c in w)

    def is_frame_before(self, i: int) -> bool:
        """Whether the words just before word i are a locative frame ("حقل", "port of")."""
        return i in self.framed

    def bare(self, i: int) -> frozenset[str]:
        """Word i and its readings without proclitics (for list look-ups)."""
        return _bare(self.words[i], self.lang)

    def after_locative(self, i: int) -> bool:
        """Whether word i follows a preposition of place ("في", "إلى") or carries one."""
        if any(k > 0 for k, c in self.cores(i) if self.words[i][:k] in self.rules.locatives):
            return True
        locatives = self.rules.locatives
        return i > 0 and self.adjacent(i - 1) and not self.bare(i - 1).isdisjoint(locatives)

    def coordinated(self, i: int) -> bool:
        """Whether word i is joined by a conjunction to a place just before it."""
        conj = self.rules.conjunctions
        if any(k > 0 and self.words[i][:k] in conj for k, _ in self.cores(i)):
            return i - 1 in self.place_ends and self.adjacent(i - 1)
        return (
            i > 1
            and self.words[i - 1] in conj
            and i - 2 in self.place_ends
            and self.adjacent(i - 2)
            and self.adjacent(i - 1)
        )

    def in_organisation(self, first: int, last: int) -> bool:
        """Whether words first..last sit inside an organisation's name: a known organisation
        ("أرامكو السعودية"), or right after a club or outlet word ("ريال", "صحيفة") or right
        before a club suffix ("يونايتد", "United")."""
        if self.in_org and not self.in_org.isdisjoint(range(first, last + 1)):
            return True
        before = first - 1 in self.org_heads and self.adjacent(first - 1)
        after = last + 1 < self.n and self.adjacent(last)
        return before or (after and self.words[last + 1] in self.rules.org_tails)

    def in_compound_surname(self, first: int) -> bool:
        """Whether a name ends a compound surname: "López de Legazpi", a capitalised
        patronymic and a link word right before it."""
        r = self.rules
        return (
            first > 1
            and bool(r.surname_endings)
            and self.words[first - 1] in r.surname_links
            and self.adjacent(first - 2)
            and self.adjacent(first - 1)
            and self.titlecase(first - 2)
            and self.words[first - 2].endswith(r.surname_endings)
        )

    def after_person_particle(self, first: int) -> bool:
        """Whether a name follows "بن", "أبو", "bin": it is then part of a person's name."""
        # The word first (it rarely is one), then the gap.
        return first - 1 in self.particles and self.adjacent(first - 1)

    def _mark_orgs(self, heads: set[int]) -> set[int]:
        marked: set[int] = set()
        orgs = self.rules.orgs
        for j in heads:  # the words whose readings open an organisation name
            for _, core in self.cores(j):
                for form in orgs.get(core, ()):
                    n = len(form)
                    # The words first (they rarely match), then the gaps between them.
                    if tuple(self.words[j + 1 : j + n]) == form[1:] and self.run(j, n) >= n:
                        marked.update(range(j, j + n))
                        break
        return marked

    def _mark_frames(self, heads_at: set[int]) -> set[int]:
        framed: set[int] = set()
        for j in heads_at:  # the words whose readings open a frame
            heads = _frame_heads(self.words[j], self.lang)
            if not heads or (j > 0 and self.words[j - 1].isdigit()):
                continue  # "20 مدينة" counts towns
            for frame in chain.from_iterable(map(self.rules.frames_at.__getitem__, heads)):
                n = len(frame)
                tail = tuple(self.words[j + 1 : j + n])
                if frame[1:] == tail and self.run(j, n + 1) > n:
                    framed.add(j + n)
        return framed

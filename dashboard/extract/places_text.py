"""The place matcher's view of a document: its words, their clitic readings, frames and the
organisation names around them, with the language rules of data/<lang>/places.json.

Contract: `Text(doc, lang)` cuts the normalised text into words once; `rules(lang)` is the
folded language data (cached). Everything here is per-word bookkeeping, no gazetteer look-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress

from dashboard import gazetteer, lexicon
from dashboard.model import Document
from dashboard.text import fold, normalise, peel, split_words

# Only these gaps may separate the words of one name ("New York", "U.S.", a line break).
_GAP = re.compile(r"\.?\s*")


@dataclass(frozen=True)
class Rules:
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
    locatives: frozenset[str]
    org_heads: frozenset[str]
    org_tails: frozenset[str]
    person_heads: frozenset[str]
    letter_variants: tuple[tuple[str, str], ...]
    time_words: frozenset[str]
    conjunctions: frozenset[str]
    lowercase_heads: frozenset[str]
    # Organisation names of data/<lang>/entities.json, as word tuples keyed by first word.
    orgs: dict[str, tuple[tuple[str, ...], ...]]


def _keys(d: dict, name: str) -> frozenset[str]:
    return frozenset(gazetteer.key(w) for w in d.get(name, []))


@cache
def rules(lang: str) -> Rules:
    """The folded place rules of a language (read once per process)."""
    d = lexicon.load(lang, "places")
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
        frames=tuple(tuple(gazetteer.key(w).split()) for w in d["frames"]),
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
        letter_variants=tuple((fold(a), fold(b)) for a, b in d.get("letter_variants", [])),
        orgs={k: tuple(sorted(v, key=len, reverse=True)) for k, v in orgs.items()},
    )


@lru_cache(maxsize=100_000)
def readings(word: str, lang: str) -> tuple[tuple[int, str], ...]:
    """Readings of a word with its proclitics peeled, unpeeled first (cached: words repeat).

    "للسعودية" is ل + the article with its alef dropped: that reading starts after the
    preposition, so the span keeps the article's lam ("لسعودية") and not the preposition."""
    out = []
    for k, core in peel(word, lexicon.proclitics(lang)):
        if k == 0 and core != word:
            k = len(word) - len(core) + 1
        out.append((k, core))
    return tuple(sorted(set(out), key=lambda r: (r[0], r[1])))


# Per-word memos of the facts below (lang -> word -> fact): the same words recur in every
# document, so each distinct word is read once per process (bounded by MEMO_MAX).
MEMO_MAX = 200_000
_CORES: dict[str, dict[str, tuple[tuple[int, str], ...]]] = {}
_FRAME_HEADS: dict[str, dict[str, frozenset[str]]] = {}
_ORG_HEADS: dict[str, dict[str, bool]] = {}


def _memo(memos: dict[str, dict], lang: str) -> dict:
    memo = memos.setdefault(lang, {})
    if len(memo) > MEMO_MAX:
        memo.clear()
    return memo


class Text:
    """The document's normalised text cut into words, with per-word facts computed once."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.rules = rules(lang)
        self.norm = normalise(doc.text)
        text = self.norm.text
        # The word split is shared with the claims tokens (dashboard.text.split_words).
        split = split_words(text)
        self.words = split.words
        self.toks = list(zip(split.starts, split.ends, strict=True))
        gaps = split.gaps
        # joined[i]: words i and i+1 may belong to one name (a space or a dot between them);
        # adjacent[i]: only white space between them, on one line (a title is not glued to
        # the first word of the text below it). Gaps repeat (" ", ", "): each is read once.
        kinds = {
            g: (_GAP.fullmatch(g) is not None, g.isspace() and "\n" not in g) for g in set(gaps)
        }
        facts = list(map(kinds.__getitem__, gaps))
        self.joined = [j for j, _ in facts] + [False]
        self.adjacent = [a for _, a in facts] + [False]
        self.run = [1] * len(self.toks)  # how many words from i on are joined into one run
        for i in range(len(self.toks) - 2, -1, -1):
            if self.joined[i]:
                self.run[i] = self.run[i + 1] + 1
        self.distinct = set(self.words)
        memo = _memo(_CORES, lang)
        for w in self.distinct.difference(memo):
            memo[w] = readings(w, lang)
        self.cores = list(map(memo.__getitem__, self.words))
        self.framed = self._mark_frames()
        self.in_org = self._mark_orgs()
        self.surnames: set[str] = set()  # name keys seen right after a given name
        self.place_ends: set[int] = set()  # last word of each place found so far

    def orig(self, i: int) -> str:
        s, e = self.norm.span(*self.toks[i])
        return self.doc.text[s:e]

    def titlecase(self, i: int) -> bool:
        w = self.orig(i)
        return w[:1].isupper() and any(c.islower() for c in w)

    def is_frame_before(self, i: int) -> bool:
        """Whether the words just before word i are a locative frame ("حقل", "port of")."""
        return self.framed[i]

    def bare(self, i: int) -> set[str]:
        """Word i and its readings without proclitics (for list look-ups)."""
        return {self.words[i], *(c for _, c in self.cores[i])}

    def after_locative(self, i: int) -> bool:
        """Whether word i follows a preposition of place ("في", "إلى") or carries one."""
        if any(k > 0 for k, c in self.cores[i] if self.words[i][:k] in self.rules.locatives):
            return True
        return i > 0 and self.adjacent[i - 1] and bool(self.bare(i - 1) & self.rules.locatives)

    def coordinated(self, i: int) -> bool:
        """Whether word i is joined by a conjunction to a place just before it."""
        conj = self.rules.conjunctions
        if any(k > 0 and self.words[i][:k] in conj for k, _ in self.cores[i]):
            return i - 1 in self.place_ends and self.adjacent[i - 1]
        return (
            i > 1
            and self.words[i - 1] in conj
            and i - 2 in self.place_ends
            and self.adjacent[i - 2]
            and self.adjacent[i - 1]
        )

    def in_organisation(self, first: int, last: int) -> bool:
        """Whether words first..last sit inside an organisation's name: a known organisation
        ("أرامكو السعودية"), or right after a club or outlet word ("ريال", "صحيفة") or right
        before a club suffix ("يونايتد", "United")."""
        if any(self.in_org[first : last + 1]):
            return True
        r = self.rules
        before = first > 0 and self.adjacent[first - 1] and bool(self.bare(first - 1) & r.org_heads)
        after = last + 1 < len(self.toks) and self.adjacent[last]
        return before or (after and self.words[last + 1] in r.org_tails)

    def after_person_particle(self, first: int) -> bool:
        """Whether a name follows "بن", "أبو", "bin": it is then part of a person's name."""
        if first == 0 or not self.adjacent[first - 1]:
            return False
        return bool(self.bare(first - 1) & self.rules.person_heads)

    def _where(self, memos: dict[str, dict], fact: Callable[[str, int], object]) -> list[int]:
        """The word numbers whose word has a true `fact(word, word number)` (memoised by word:
        the fact must depend on the word alone), in order."""
        memo = _memo(memos, self.lang)
        new = self.distinct.difference(memo)
        if new:
            at = dict(zip(self.words, range(len(self.words)), strict=True))
            for w in new:
                memo[w] = fact(w, at[w])
        return list(compress(range(len(self.words)), map(memo.__getitem__, self.words)))

    def _mark_orgs(self) -> list[bool]:
        marked = [False] * len(self.toks)
        orgs = self.rules.orgs
        if not orgs:
            return marked
        heads = self._where(_ORG_HEADS, lambda w, j: any(c in orgs for _, c in self.cores[j]))
        for j in heads:
            for _, core in self.cores[j]:
                for form in orgs.get(core, ()):
                    n = len(form)
                    if self.run[j] >= n and tuple(self.words[j + 1 : j + n]) == form[1:]:
                        for k in range(j, j + n):
                            marked[k] = True
                        break
        return marked

    def _frame_heads(self, w: str, j: int) -> frozenset[str]:
        # A frame is a bare noun in construct ("مدينة X", "port of X"): "بالمدينة" or
        # "للمدينة" (with the article) refers back.
        firsts = {f[0] for f in self.rules.frames}
        articles = self.rules.articles
        return frozenset(
            c
            for k, c in self.cores[j]
            if c in firsts and c == w[k:] and not (articles and w[:k].endswith(articles))
        )

    def _mark_frames(self) -> list[bool]:
        framed = [False] * (len(self.toks) + 1)
        memo = _memo(_FRAME_HEADS, self.lang)
        for j in self._where(_FRAME_HEADS, self._frame_heads):
            heads = memo[self.words[j]]
            if j > 0 and self.words[j - 1].isdigit():
                continue  # "20 مدينة" counts towns
            for frame in self.rules.frames:
                n = len(frame)
                tail = tuple(self.words[j + 1 : j + n])
                if frame[0] in heads and self.run[j] > n and frame[1:] == tail:
                    framed[j + n] = True
        return framed

"""Tokens, clause-level sentences and phrase look-up shared by the claims and entities extractors.

Tokens carry original offsets (the document text is never changed) plus folded readings with
Arabic proclitics peeled, so a lexicon phrase matches "وتشير" as well as "تشير".
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Set
from functools import lru_cache
from itertools import compress, repeat
from operator import getitem
from typing import Any, Final, NamedTuple, cast, final

from dashboard.text import (
    Normalised,
    find_all,
    fold,
    normalise,
    offsets,
    peel,
    sentences,
    split_words,
    words,
)


class Token:
    """One word: original span, folded form, and (original start, folded core) readings.

    A plain class, not a NamedTuple: compiled (dashboard/native.py), one is built by a direct
    call and its fields are read as struct members; a NamedTuple was built through
    `tuple.__new__` (an argument tuple and a copy per word), several times the cost. Tokens
    are not changed once made, and are compared by identity only."""

    __slots__ = ("i", "start", "end", "norm", "peeled", "upper")

    def __init__(
        self,
        i: int,
        start: int,
        end: int,
        norm: str,
        # When a proclitic may be peeled off the word: (offset from `start`, folded core) of
        # each reading, the word itself first; else () (the word is its only reading). Words
        # of one form share one tuple.
        peeled: tuple[tuple[int, str], ...],
        upper: bool,  # original first letter is a capital (names in Latin script)
    ) -> None:
        self.i = i
        self.start = start
        self.end = end
        self.norm = norm
        self.peeled = peeled
        self.upper = upper

    @property
    def readings(self) -> tuple[tuple[int, str], ...]:
        """(original start, folded core) of the word and of each core under its proclitics."""
        if not self.peeled:
            return ((self.start, self.norm),)
        return tuple([(self.start + off, core) for off, core in self.peeled])


@final
class Tokens:
    """The tokens of a text, read by number (`toks[i]`, `len(toks)`) like a list, and their
    columns (read-only): every token's original start and end, folded form (`Token.norm`),
    `Token.peeled` and `Token.upper`.

    A token is built on its first read: the finders start from the reading index and read
    the few tokens around their candidates (about one in five of an Arabic text's), so most
    are never built; the hottest readers read the columns instead. Built tokens are kept, so
    that a token read twice is built once (two threads reading it at once may each build
    one: the finders read a token's fields, never its identity).
    """

    __slots__ = ("starts", "ends", "forms", "peeled", "upper", "_made")

    def __init__(
        self,
        starts: list[int],
        ends: list[int],
        forms: list[str],
        peeled: list[tuple[tuple[int, str], ...]],
        upper: list[bool],
    ) -> None:
        self.starts = starts
        self.ends = ends
        self.forms = forms
        self.peeled = peeled
        self.upper = upper
        self._made: list[Token | None] = [None] * len(forms)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i: int) -> Token:
        made = self._made
        t = made[i]  # (a negative number counts from the end, as in a list)
        if t is None:
            k = i if i >= 0 else i + len(made)
            t = Token(k, self.starts[k], self.ends[k], self.forms[k], self.peeled[k], self.upper[k])
            made[k] = t
        return t

    def __iter__(self) -> Iterator[Token]:
        return iter(self.span(0, len(self._made)))

    def span(self, a: int, b: int) -> list[Token]:
        """The tokens of the slice [a:b] (with a list's bounds)."""
        return [self[k] for k in range(len(self._made))[a:b]]


class Prepared(NamedTuple):
    """The tokens of a text with their columns (shared, read-only: callers must not change them)."""

    tokens: Tokens
    starts: list[int]  # original start of every token
    ends: list[int]  # original end of every token
    readings: dict[str, list[int]]  # `reading_index` of the tokens
    shaped: list[int]  # tokens that start with a capital or hold a hyphen (name-like shapes)


@lru_cache(maxsize=8)
def prepared_for(text: str, proclitics: tuple[str, ...]) -> Prepared:
    """Tokens and their columns, cached: claims, entities and relations share one pass."""
    was_enabled = gc.isenabled()
    gc.disable()  # see `tokenize`
    try:
        return _prepare(text, proclitics)
    finally:
        if was_enabled:
            gc.enable()


def tokens_for(text: str, proclitics: tuple[str, ...]) -> Tokens:
    """Tokens of a text, cached: the claims and entities extractors share one pass."""
    return prepared_for(text, proclitics).tokens


def readings_for(text: str, proclitics: tuple[str, ...]) -> dict[str, list[int]]:
    """`reading_index` of the text's tokens, cached like `tokens_for` (read-only)."""
    return prepared_for(text, proclitics).readings


def reading_index(toks: Iterable[Token]) -> dict[str, list[int]]:
    """Every folded reading (word, or word with its proclitics peeled) -> its token numbers.

    Finders intersect this with their phrase tables' first words, so that they visit only the
    few tokens where a phrase can start instead of testing every token. (The numbers of a
    reading are in no particular order: `candidates` sorts them.)
    """
    index: dict[str, list[int]] = {}
    setdefault = index.setdefault
    for t in toks:
        if t.peeled:
            for _, core in t.peeled:
                setdefault(core, []).append(t.i)
        else:
            setdefault(t.norm, []).append(t.i)
    return index


def candidates(index: dict[str, list[int]], firsts: Set[str]) -> list[int]:
    """Sorted token numbers where a reading is one of `firsts`."""
    # The intersection probes the larger side with each word of the smaller (a gazetteer's
    # first words outnumber a short article's words).
    present: Set[str]
    if isinstance(firsts, (set, frozenset)) and len(index) < len(firsts):
        present = firsts.intersection(index)
    else:
        present = index.keys() & firsts
    hits: set[int] = set()
    for core in present:
        hits.update(index[core])
    return sorted(hits)


def token_starting_at(starts: list[int], pos: int) -> int | None:
    """The (last) token whose original start is `pos`, given every token's start in order."""
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and starts[k] == pos else None


def token_ending_at(ends: list[int], pos: int) -> int | None:
    """The (last) token whose original end is `pos`, given every token's end in order."""
    return token_starting_at(ends, pos)


# Words repeat: each distinct form is peeled once per process (bounded by the vocabulary).
# Per proclitics: every form seen that starts with a proclitic's letter -> its readings as
# `Token.peeled` holds them (() when it has only one). A full memo is
# replaced, not cleared, so that a text being tokenised meanwhile keeps a whole one.
_PEELED: dict[tuple[str, ...], dict[str, tuple[tuple[int, str], ...]]] = {}
_PEELED_MAX: Final = 200_000


def tokenize(text: str, proclitics: tuple[str, ...]) -> Tokens:
    """Word tokens of `text` with proclitic readings mapped back to original offsets."""
    # The columns are acyclic: the cyclic collector's passes over them while they are built
    # cost a third of the time, so it pauses for the loop.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _prepare(text, proclitics).tokens
    finally:
        if was_enabled:
            gc.enable()


def _prepare(text: str, proclitics: tuple[str, ...]) -> Prepared:
    # The words of the shared normalised text (dashboard.text), mapped back to original
    # offsets. Most per-token steps run in C (map, zip); loops that compile to less
    # (dashboard/native.py) build the index, the offsets and the readings; Python steps
    # otherwise only for forms first seen, each form's further readings and hyphenated
    # words. Words of one form share their readings (see `Token.peeled`). The tokens are
    # built from these columns when read (`Tokens`).
    norm = normalise(text)
    forms, nstarts, nends, _ = split_words(norm.text)
    n = len(forms)
    # Typed Any, the shared int objects are handed on as they are: compiled, an int read as
    # such is unboxed, and boxed anew (allocated) when stored.
    nums: list[Any] = _numbers(n)
    starts: list[Any]
    ends: list[Any]
    if norm.odd:
        at: tuple[Any, ...] = norm.index
        starts = [at[start] for start in nstarts]
        # A word ends after the original character of its last normalised one, at[end - 1]
        # (a loop: shifting the map by one in C would copy all of it).
        shared: tuple[Any, ...] = offsets(len(text) + 1)
        ends = [shared[norm.index[end - 1] + 1] for end in nends]
    else:  # no character was dropped or expanded: the offsets are the same in both texts
        starts, ends = list(nstarts), list(nends)
    # The capitals the text holds are known from the normalisation: none or few in most
    # Arabic texts, where the words that start with one are found from their places.
    capitals = norm.capitals
    places = find_all(text, capitals) if capitals else []
    if len(places) > n // _MANY_CAPITALS:
        chars = map(getitem, repeat(text), cast(list[int], starts))
        upper = list(map(str.isupper, chars))
    else:
        upper = [False] * n
        for p in places:
            k = token_starting_at(starts, p)
            if k is not None:
                upper[k] = True
    index: dict[str, list[int]] = {}
    # Only a form that starts with a proclitic's letter may be peeled: tested once per form
    # as it is first seen, those forms and their entries in `index` are kept for `_peel_all`
    # (about one form in four; no second pass over `index`).
    initials, top = _initials(proclitics)
    peelable: list[str] = []
    entries: list[list[int]] = []
    # Fewer steps than map over a defaultdict. (No strict=True: the lists are of one length,
    # and only a plain zip is compiled to a loop over the lists, not through its iterator.)
    for k, form in zip(nums, forms):  # noqa: B905
        # (get, not setdefault: no empty list made per word, nor a method bound)
        ks = index.get(form)
        if ks is None:
            ks = index[form] = [k]
            c = ord(form[0])  # (read in C by code point, with no string made per form)
            if c < top and initials[c]:
                peelable.append(form)
                entries.append(ks)
        else:
            ks.append(k)
    peeled = _peel_all(proclitics, norm, peelable, entries, nstarts, starts, ends, index)
    # "al-Thani", "bin-Salman": a lower-case name particle before a capitalised name
    hyphenated = _holding(norm.text, "-", nstarts, nends)
    for k in hyphenated:
        form = forms[k]
        if not upper[k] and "-" in form[:4]:
            # The letter after the hyphen, found in the folded text and mapped back: before it
            # a ligature may have grown or a mark gone ("ﻷb-b").
            upper[k] = text[norm.index[nstarts[k] + form.find("-") + 1]].isupper()
    shaped = [*compress(nums, upper), *hyphenated] if capitals else hyphenated
    return Prepared(Tokens(starts, ends, forms, peeled, upper), starts, ends, index, shaped)


_MANY_CAPITALS: Final = 8  # more than one capital in this many words: every word is tested

# Token numbers as int objects shared by every text (and by its tokens and index), so that a
# text allocates none below the cap.
_NUMBERS: list[int] = []
_NUMBERS_MAX: Final = 1 << 16


def _numbers(n: int) -> list[int]:
    if n > len(_NUMBERS) and len(_NUMBERS) < _NUMBERS_MAX:
        _NUMBERS.extend(range(len(_NUMBERS), min(max(n, 2 * len(_NUMBERS)), _NUMBERS_MAX)))
    return _NUMBERS[:n] if n <= len(_NUMBERS) else list(range(n))


def _holding(text: str, ch: str, starts: list[int], ends: list[int]) -> list[int]:
    """The words (by their `starts` and `ends` in `text`) that hold the character, in order."""
    # Found from the character's few places, not by a test of every word.
    out: list[int] = []
    for i in find_all(text, ch):
        k = bisect_right(starts, i) - 1
        if k >= 0 and i < ends[k] and (not out or out[-1] != k):
            out.append(k)
    return out


def _initials(proclitics: tuple[str, ...]) -> tuple[bytes, int]:
    """A flag per code point up to the last proclitic's first letter: whether a proclitic
    starts with it; and their number."""
    # Kept per proclitics (a few tuples): the flags of Arabic letters run to some 1,600 code
    # points, a cost per text otherwise. (Threads may build one twice: the same value.)
    got = _INITIALS.get(proclitics)
    if got is None:
        codes = [ord(p[0]) for p in proclitics]
        flags = bytearray(max(codes) + 1 if codes else 0)
        for c in codes:
            flags[c] = 1
        got = _INITIALS[proclitics] = (bytes(flags), len(flags))
    return got


_INITIALS: dict[tuple[str, ...], tuple[bytes, int]] = {}


def _peel_all(
    proclitics: tuple[str, ...],
    norm: Normalised,
    peelable: list[str],
    entries: list[list[int]],
    nstarts: list[int],
    starts: list[int],
    ends: list[int],
    index: dict[str, list[int]],
) -> list[tuple[tuple[int, str], ...]]:
    """`Token.peeled` of every word, whose further readings are added to `index`.

    `peelable` are the forms that start with a proclitic's letter, in the order first seen,
    and `entries` their entries in `index`; `nstarts` are the words' normalised starts,
    `starts` and `ends` their original spans.
    """
    n = len(starts)
    if not peelable:
        return [()] * n
    memo = _PEELED.get(proclitics)
    if memo is None or len(memo) > _PEELED_MAX:
        memo = _PEELED[proclitics] = {}
    # Each form is looked up once (not once per word): the forms with further readings, as
    # the numbers of their words and their readings. (The large memo holds only forms that
    # start with a proclitic's letter.)
    words: list[list[int]] = []
    multi: list[tuple[tuple[int, str], ...]] = []
    for form, ks in zip(peelable, entries):  # noqa: B905 (see `_prepare`)
        got = memo.get(form)
        if got is None:  # a form first seen
            readings = peel(form, proclitics)
            got = memo[form] = readings if len(readings) > 1 else ()
        if got:
            words.append(ks)
            multi.append(got)
    # The words of those forms (from `index`, before it gets the further readings) get them.
    peeled: list[tuple[tuple[int, str], ...]] = [()] * n
    for ks, readings in zip(words, multi):  # noqa: B905 (see `_prepare`)
        for k in ks:
            peeled[k] = readings
    _index_further(index, words, multi)
    if multi and norm.odd:
        _shift(norm, nstarts, starts, ends, peeled)
    return peeled


def _index_further(
    index: dict[str, list[int]],
    words: list[list[int]],
    multi: list[tuple[tuple[int, str], ...]],
) -> None:
    """Add the further readings (`multi`) of forms to `index`, given the numbers of each
    form's `words` (read before any list was replaced: a form may be another form's core).

    Once per form, not per word: every word of a form has its readings.
    """
    # A list in `index` is replaced, never changed, so that `words` stay true (and a core
    # first seen shares its form's list).
    for ks, readings in zip(words, multi):  # noqa: B905 (see `_prepare`)
        for j in range(1, len(readings)):
            core = readings[j][1]
            got = index.get(core)  # (get, not setdefault: no empty list made per reading)
            index[core] = ks if got is None else got + ks


def _shift(
    norm: Normalised,
    nstarts: list[int],
    starts: list[int],
    ends: list[int],
    peeled: list[tuple[tuple[int, str], ...]],
) -> None:
    """Map the readings' offsets of the words that hold a dropped or expanded character (a
    mark or a ligature) back to the original: only there do they differ."""
    at = norm.index
    last = -1  # (a word may hold several: the positions are in order, and it is mapped once)
    for p in norm.odd:
        k = bisect_right(starts, p) - 1
        if k > last and p < ends[k] and peeled[k]:
            last = k
            a, s = nstarts[k], starts[k]
            peeled[k] = tuple([(at[a + off] - s, core) for off, core in peeled[k]])


# Sentences as everywhere else in the project (wrapped newswire lines continue a sentence).
sentence_spans = sentences


def sentence_of(tokens: Iterable[Token], spans: list[tuple[int, int]]) -> list[int]:
    """The sentence number of every token."""
    return _sentence_numbers([t.start for t in tokens], spans)


def _sentence_numbers(starts: list[int], spans: list[tuple[int, int]]) -> list[int]:
    # The last sentence starting at or before each token (the first one for tokens before
    # it): the first token of each later sentence is found by bisection, and the numbers are
    # repeated from one boundary to the next (both are in text order).
    if not spans:
        return [0] * len(starts)
    out: list[int] = []
    first = 0  # the first token of sentence k - 1
    for k in range(1, len(spans)):
        nxt = bisect_left(starts, spans[k][0])
        out += [k - 1] * (nxt - first)
        first = nxt
    out += [len(spans) - 1] * (len(starts) - first)
    return out


@lru_cache(maxsize=8)
def sentences_for(
    text: str, proclitics: tuple[str, ...]
) -> tuple[list[tuple[int, int]], list[int]]:
    """(sentence spans, sentence number of every token), cached like `tokens_for` (read-only)."""
    spans = sentence_spans(text)
    return spans, _sentence_numbers(prepared_for(text, proclitics).starts, spans)


def gap(text: str, tokens: Tokens, i: int) -> str:
    """The characters between token i-1 and token i (punctuation, spaces, quotes)."""
    if i <= 0 or i >= len(tokens):
        return ""
    return text[tokens.ends[i - 1] : tokens.starts[i]]


def folded_set(items: Iterable[str]) -> frozenset[str]:
    """Lexicon words in the folded form tokens are compared with."""
    return frozenset(fold(w) for w in items)


class PhraseTable:
    """Multi-word lexicon phrases looked up at a token position, longest first.

    Only the first word of a phrase may carry a proclitic (and only those in `first_clitics`,
    when given); the other words must match whole tokens.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        self.table: dict[tuple[str, ...], Any] = {}
        for phrase, payload in entries:
            key = tuple(phrase_words(phrase))
            if key:
                self.table.setdefault(key, payload)
        # The phrases as a tree of words, so that a match follows the words of the text as
        # far as some phrase goes: word -> [payload of the phrase ending there, next words].
        self.trie: dict[str, list] = {}
        for key, payload in self.table.items():
            node = self.trie.setdefault(key[0], [None, None])
            for word in key[1:]:
                if node[1] is None:
                    node[1] = {}
                node = node[1].setdefault(word, [None, None])
            node[0] = payload
        self.firsts = frozenset(self.trie)  # fast rejection of most tokens
        self._follows: dict[str, frozenset[str] | None] | None = None

    def open_at(self, index: dict[str, list[int]]) -> list[int]:
        """`candidates(index, self.firsts)` where a phrase may start (see `open_candidates`):
        `match` finds nothing at the others."""
        if self._follows is None:
            self._follows = phrase_follows([self])
        return open_candidates(index, self._follows, self.firsts)

    def match(
        self,
        tokens: Tokens,
        i: int,
        text: str = "",
        first_clitics: frozenset[str] | None = None,
        capitalised: bool = False,
    ) -> tuple[int, int, Any] | None:
        """(number of tokens, original start of the match, payload) at token i, or None.

        With `text`, the words of a phrase must not be split by punctuation. With
        `capitalised`, the first word must start with a capital letter in the original.
        """
        # (The token's columns: most calls build no token.)
        forms = tokens.forms
        norm, at, peeled = forms[i], tokens.starts[i], tokens.peeled[i]
        trie = self.trie
        if peeled:
            cands = [(at + off, core) for off, core in peeled if core in trie]
            if len(cands) == 1 and trie[cands[0][1]][1] is None:
                # One reading opens a phrase, and only the phrase of that word alone.
                start, core = cands[0]
                return _word_alone(
                    norm, start, core, trie[core][0], text, first_clitics, capitalised
                )
        else:
            node = trie.get(norm)
            if node is None:
                return None  # most tokens: one reading, rejected by one look-up
            if node[1] is None:
                # The word alone is a phrase and opens no longer one (most hits): no proclitic
                # to check and no words to walk.
                payload = node[0]
                if payload is None or (capitalised and not text[at : at + 1].isupper()):
                    return None
                return 1, at, payload
            cands = [(at, norm)]
        hits = []  # (tokens, reading, payload) of every phrase that starts here
        for c, (_, core) in enumerate(cands):
            node = trie[core]
            n = 1
            while True:
                payload, more = node
                if payload is not None:
                    hits.append((n, c, payload))
                if more is None or i + n >= len(forms):
                    break
                nxt: list[Any] | None = more.get(forms[i + n])
                if nxt is None:  # no phrase goes on with the next word
                    break
                node = nxt
                n += 1
        if len(hits) > 1:
            hits.sort(key=_longest_first)
        for n, c, payload in hits:
            start, core = cands[c]
            clitic = norm[: len(norm) - len(core)]
            if first_clitics is not None and clitic and clitic not in first_clitics:
                continue
            if capitalised and not text[start : start + 1].isupper():
                continue
            if text and n > 1 and _split(text, tokens, i, n):
                continue
            return n, start, payload
        return None


def _word_alone(
    norm: str,
    start: int,
    core: str,
    payload: Any,
    text: str,
    first_clitics: frozenset[str] | None,
    capitalised: bool,
) -> tuple[int, int, Any] | None:
    """`PhraseTable.match` when the only phrase at a token is one word, read as `core` (from
    original `start`) of the token's folded form `norm`: no words to walk, no hits to sort."""
    clitic = norm[: len(norm) - len(core)]
    if payload is None or (first_clitics is not None and clitic and clitic not in first_clitics):
        return None
    if capitalised and not text[start : start + 1].isupper():
        return None
    return 1, start, payload


def phrase_follows(tables: Iterable[PhraseTable]) -> dict[str, frozenset[str] | None]:
    """First word of the tables' phrases -> the words that may follow it (None: a phrase may be
    that word alone), for `open_candidates`."""
    seconds: dict[str, set[str]] = {}
    alone: set[str] = set()
    for table in tables:
        for word, (payload, more) in table.trie.items():
            if payload is not None or more is None:
                alone.add(word)
            else:
                seconds.setdefault(word, set()).update(more)
    out: dict[str, frozenset[str] | None] = {w: frozenset(ws) for w, ws in seconds.items()}
    out.update(dict.fromkeys(alone))
    return out


def open_candidates(
    index: dict[str, list[int]],
    follows: dict[str, frozenset[str] | None],
    firsts: frozenset[str],
) -> list[int]:
    """Sorted token numbers where a reading is one of `firsts` (the keys of `follows`) that
    may stand alone, or is followed by a token with one of its next words as a reading.

    Most candidates of a phrase table are common words that open only longer phrases ("على"
    opens the names "علي ..."): the positions of their next words, from the reading index,
    reject them by set operations in C instead of a test per candidate. (The next word is
    read under its proclitics too, as a phrase may need another table's phrase after it.)
    """
    hits: set[int] = set()
    for word in _present(index, firsts):
        after = follows[word]
        if after is None:
            hits.update(index[word])
            continue
        starts = set(index[word])
        # Most first words have one or two next words, each probed (no set made of them).
        for nxt in after if len(after) <= _FEW else _present(index, after):
            later = index.get(nxt)
            if later is not None:
                hits.update(starts.intersection(map(_BEFORE, later)))
    return sorted(hits)


_FEW = 4  # next words probed one by one rather than intersected (`open_candidates`)


_BEFORE = (-1).__add__  # the token before


def _present(index: dict[str, list[int]], words: frozenset[str]) -> Iterable[str]:
    """The words that are readings in `index`, probing the larger side with the smaller."""
    if len(index) < len(words):
        return words.intersection(index)
    return index.keys() & words


def _longest_first(hit: tuple[int, int, Any]) -> tuple[int, int]:
    return -hit[0], hit[1]


def phrase_words(phrase: str) -> list[str]:
    """The folded words of a lexicon phrase."""
    return list(_phrase_words(phrase))


@lru_cache(maxsize=65_536)  # tables of names seen in the text are built per document
def _phrase_words(phrase: str) -> tuple[str, ...]:
    f = fold(phrase)
    return tuple(f[a:b] for a, b in words(f))


def _split(text: str, tokens: Tokens, i: int, n: int) -> bool:
    """Whether punctuation stands between two of the n tokens from token i."""
    starts, ends = tokens.starts, tokens.ends
    return any(breaks(text[ends[j - 1] : starts[j]]) for j in range(i + 1, i + n))


def breaks(between: str) -> bool:
    """Whether the characters between two words separate phrases (punctuation, a blank line)."""
    # Per character: anything but white space, a hyphen or an apostrophe (str methods, in C).
    rest = between.replace("-", "").replace("'", "").replace("’", "")
    return (rest != "" and not rest.isspace()) or between.count("\n") >= 2

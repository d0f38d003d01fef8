"""Tokens of a normalised text turned into grammar items: one code letter per item.

Each `Item` covers one token or a multi-word lexicon phrase of the normalised text; its `code`
is a letter of the alphabet documented in dates_lexicon.py plus these, from the tokeniser:

    N number (1-3 digits, or grouped)   Y four-digit number 1000-2199   Q numeric date
    S span of years ("2012-13")   _ other word   c comma   p "("   q ")"   h hyphen
    . sentence end   / line break   % percent sign   $ currency sign   : other punctuation

Most tokens are plain words no rule reads, and a Python step per token is most of the cost,
so the tokens come from the word split the extractors share (dashboard.text.split_words), and
an item that its token alone defines (a plain word, a mark, "في") is only built when read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any, Final, Literal, cast, final, overload

from dashboard.extract.dates_lexicon import DateLexicon, Phrase, date_lexicon
from dashboard.lexicon import proclitics
from dashboard.text import Normalised, find_all, peel, split_words

# Words first and the numbers behind one digit test: the kinds start with different characters,
# so the order does not change a match, and most positions are then decided by one test.
_TOKENS: Final = re.compile(
    r"(?P<w>[^\W\d_]+)"
    r"|(?=\d)(?:(?P<q>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|\d{1,2} ?(?P<sep>[-/.]) ?\d{1,2} ?(?P=sep) ?\d{2,4}(?!\d))"
    r"|(?P<s>\d{4}[-/–]\d{2}(?!\d))"
    r"|(?P<n>\d+(?:[.,]\d+)*)(?:(?:st|nd|rd|th)(?![^\W\d_]))?)"
    r"|(?P<nl>\n)"
    r"|(?P<p>[^\w\s])"
)
_LETTERS: Final = re.compile(r"[^\W\d_]+")  # a word token
_IN_NUMBERS: Final = frozenset("-/.,–")  # the marks _TOKENS reads within a number token
_DECIMAL_MARKS: Final = frozenset(".,")  # the gaps that join two numbers into one ("2.5")
_DIGITS: Final = "0123456789"
_ORDINALS: Final = frozenset({"st", "nd", "rd", "th"})  # the suffixes _TOKENS reads in a number
# str.isalpha and str.isdecimal are no mypyc primitives: compiled, `s.isalpha()` looks the method
# up by name on each call, a call of the method descriptor does not (new words, numbers).
_IS_ALPHA: Final = str.isalpha
_IS_DECIMAL: Final = str.isdecimal

_PUNCT = {
    ",": "c",
    "،": "c",
    "(": "p",
    ")": "q",
    "-": "h",
    "–": "h",
    ".": ".",
    "!": ".",
    "?": ".",
    "؟": ".",
    "؛": ".",
    ";": ".",
    "%": "%",
    "٪": "%",
    "$": "$",
    "€": "$",
    "£": "$",
}


# A plain class with an explicit __init__, not a dataclass: compiled, a dataclass's generated
# __init__ runs as Python (an item is built for each number and lexicon word read).
@final  # no subclass: `type(it) is Item` tells an item from a token number (for mypy too)
class Item:
    """One grammar item: its code, normalised span, token key and lexicon value."""

    __slots__ = ("code", "start", "end", "key", "value", "kind", "form", "glued", "designation")

    def __init__(
        self,
        code: str,
        start: int,
        end: int,
        key: tuple[str, ...],
        value: Any = None,
        kind: str = "",
        form: str = "",
    ) -> None:
        self.code = code
        self.start = start
        self.end = end
        self.key = key
        self.value = value
        self.kind = kind
        self.form = form
        self.glued = False  # a letter follows with no space ("1990s", "2015م")
        self.designation = False  # a letter or letter-hyphen precedes ("سو-30", "A320")

    def __repr__(self) -> str:
        return f"Item({self.code!r}, {self.start}, {self.end}, {self.key!r}, {self.value!r})"


_MARKS: Final = {**_PUNCT, "\n": "/"}  # the code of a mark token; any other is ":"
_MARK_CODES: Final = frozenset({*_MARKS.values(), ":"})
_NUMBER_CODES: Final = frozenset("NYQS")  # the codes of number tokens
# The codes of items that are no word (marks, numbers): no lexicon code is one of them.
SIGN_CODES: Final = _MARK_CODES | _NUMBER_CODES
_APOSTROPHES: Final = frozenset("'’")
_NUMBERS: Final[dict[str, str]] = {}  # a memo: the code of a number token (emptied above _MEMO_MAX)

# The token memos are emptied above this many entries, so that a long batch run, which meets ever
# new words (names, typos, numbers), does not grow them without bound.
_MEMO_MAX: Final = 1 << 15
# Codes of the items that are built at once: their reading depends on more than their token.
_BUILT: Final = "MJWDA"


# A word's proclitic readings that begin a lexicon phrase (most words: none, an empty tuple).
_Readings = tuple[tuple[int, str], ...]


# The codes of tokens are one letter each, in a string, so that the few tokens that take a
# closer look (_LOOK) or that are not words of letters only (_ODD, in the word split) are found
# by a C-level scan (str.find), not by comparing each list entry in turn.
_LOOK: Final = "?"  # the item takes a closer look: a number, a line break, a name, a phrase start
_ODD: Final = "!"  # a word of the split that is not a word of letters only


# Plain classes, not NamedTuples: compiled, their fields are struct reads.
@final
@dataclass(slots=True)
class _Tokens:
    """The tokens of a text: texts, end offsets (a token starts at its end less its length),
    and the code of the item each gives alone (_LOOK: its item takes a closer look), one
    letter per token."""

    texts: list[str]
    ends: list[int]
    codes: str


@final
@dataclass(slots=True)
class _Collect:
    """Tokens being collected: texts, end offsets and pieces of the code string."""

    texts: list[str]
    ends: list[int]
    codes: list[str]


# The tokens of a gap: texts, end offsets from the gap's start, codes.
_GapTokens = tuple[tuple[str, ...], tuple[int, ...], str]
_GAPS: Final[dict[str, _GapTokens]] = {}  # a memo of short gaps, emptied above _GAPS_MAX entries
_GAP_LEN: Final = 16
_GAPS_MAX: Final = 1 << 12


def _tokens(text: str, lex: DateLexicon, clitics: tuple[str, ...]) -> _Tokens:
    """The tokens _TOKENS finds in a text, built from the shared word split.

    The split's words are the runs of word characters (joined by inner hyphens and apostrophes)
    and its gaps hold none. So a word of letters only (most words) is one token, and a gap
    between two of them, when more than a space, holds one token per mark or line break. A run
    of other words (digits, "_", inner hyphens) is tokenised by _TOKENS with the gaps around it:
    a number token may span a gap ("1 / 11 / 2025", "1.5"), but it never reaches into a word of
    letters. Only those runs and the gaps with marks take a Python step; the words of letters
    are copied in slices.
    """
    words, starts, ends, gaps = split_words(text)
    toks = _Collect([], [], [])
    if not words:
        _gap(text, 0, toks)
        return _Tokens(toks.texts, toks.ends, "".join(toks.codes))
    codes = _lookups(words, lex, clitics)
    odd = find_all(codes, _ODD)
    loud = [k for k, gap in enumerate(gaps) if gap != " "]
    if codes[0] != _ODD:
        _gap(text[: starts[0]], 0, toks)
    # Only the codes of words of letters only are copied.
    texts, tends, tcodes = toks.texts, toks.ends, toks.codes
    done = 0  # words before this one are in toks
    for k in sorted([*odd, *loud, len(words) - 1]):
        if k < done:
            continue  # inside a run of other words, or seen
        if codes[k] != _ODD:  # a word of letters, then a gap with marks (or the end)
            texts += words[done : k + 1]
            tends += ends[done : k + 1]
            tcodes.append(codes[done : k + 1])
            done = k + 1
            if done == len(words):
                _gap(text[ends[k] :], ends[k], toks)
            elif codes[done] != _ODD:  # else the run after it has the gap
                _gap(gaps[k], ends[k], toks)
            continue
        texts += words[done:k]
        tends += ends[done:k]
        tcodes.append(codes[done:k])
        done = k + 1
        while done < len(words) and codes[done] == _ODD:
            done += 1
        start = ends[k - 1] if k else 0
        if _numbers_apart(words, gaps, k, done):
            # Most runs: a number or numbers apart ("2025"), each its own token, with the
            # marks of the gaps around them (no _TOKENS scan over the run).
            _gap(text[start : starts[k]], start, toks)
            for j in range(k, done):
                texts.append(words[j])
                tends.append(ends[j])
                tcodes.append(_LOOK)
                _gap(gaps[j] if j + 1 < len(words) else text[ends[j] :], ends[j], toks)
        elif not _common_run(text, start, words, ends, gaps, k, done, toks, lex.codes):
            # lex.codes: the word code memo _lookups read (no check per run that it is current)
            _run(text, start, starts[done] if done < len(words) else len(text), toks, lex.codes)
    return _Tokens(texts, tends, "".join(tcodes))


def _common_run(
    text: str,
    start: int,
    words: list[str],
    ends: list[int],
    gaps: list[str],
    k: int,
    done: int,
    toks: _Collect,
    codes: dict[str, str],
) -> bool:
    """Add the tokens of the run of words k to done-1 of the split (with its gaps, from `start`)
    as _TOKENS finds them, when it is one of the two runs most others are: a decimal ("2.5",
    "1,000": two numbers of digits joined by one mark, one number token) or a number glued to
    letters ("2014م": a number token, then a word token; an ordinal "1st" is one token). Else
    add none and return False: the run is scanned (a scan costs several times these tests).

    No number token reaches past the run: the words around it are of letters only."""
    word = words[k]
    at = ends[k] - len(word)  # where the run's first word starts
    if done - k == 2:
        if gaps[k] not in _DECIMAL_MARKS or not _IS_DECIMAL(word) or not _IS_DECIMAL(words[k + 1]):
            return False
        _gap(text[start:at], start, toks)
        toks.texts.append(text[at : ends[k + 1]])
        toks.ends.append(ends[k + 1])
        toks.codes.append(_LOOK)
    elif done - k == 1:
        letters = word.lstrip(_DIGITS)
        cut = len(word) - len(letters)
        if not cut or not _IS_ALPHA(letters) or letters in _ORDINALS:
            return False
        _gap(text[start:at], start, toks)
        toks.texts += (word[:cut], letters)
        toks.ends += (at + cut, ends[k])
        toks.codes += (_LOOK, codes[letters])
    else:
        return False
    last = done - 1
    _gap(gaps[last] if done < len(words) else text[ends[last] :], ends[last], toks)
    return True


def _numbers_apart(words: list[str], gaps: list[str], k: int, done: int) -> bool:
    """Words k to done-1 are numbers of digits only, and no gap between two of them holds a
    mark that _TOKENS reads within a number ("1.5", "1,000", "1/11/2025", "2012-13"): each
    is then one number token, as _TOKENS finds it (no letter is next to one: a number never
    reaches into a word, nor a word into a gap)."""
    for j in range(k, done):
        if not _IS_DECIMAL(words[j]):
            return False
        if j + 1 < done and any(ch in _IN_NUMBERS for ch in gaps[j]):
            return False
    return True


def _gap(gap: str, at: int, toks: _Collect) -> None:
    """The tokens of a gap (or the text's head or tail) at `at`, next to words of letters only:
    no letter or digit is there, so each mark or line break is one token. Short gaps repeat
    (", ", ". ", "\n\n"), so theirs are memoised, as offsets from the gap's start."""
    got = _GAPS.get(gap)
    if got is None:
        got = _gap_tokens(gap)
        if len(gap) <= _GAP_LEN:
            if len(_GAPS) > _GAPS_MAX:
                _GAPS.clear()
            _GAPS[gap] = got
    texts, offsets, codes = got
    if len(texts) == 1:  # most gaps: one mark (", ", ". ")
        toks.texts.append(texts[0])
        toks.ends.append(at + offsets[0])
        toks.codes.append(codes)
    elif texts:
        toks.texts.extend(texts)
        ends = toks.ends
        for offset in offsets:  # a gap holds a token or two: a loop beats a map (compiled)
            ends.append(at + offset)
        toks.codes.append(codes)


def _gap_tokens(gap: str) -> _GapTokens:
    texts, offsets, codes = [], [], []
    for at, ch in enumerate(gap, 1):
        if ch == "\n" or not ch.isspace():
            texts.append(ch)
            offsets.append(at)
            codes.append(_LOOK if ch == "\n" else _MARKS.get(ch, ":"))
    return tuple(texts), tuple(offsets), "".join(codes)


def _run(text: str, start: int, end: int, toks: _Collect, codes: dict[str, str]) -> None:
    """The tokens of text[start:end], a run of words not of letters only with its gaps;
    `codes`, the word code memo."""
    # A "w" token is a word of letters only, whose code is never _ODD (see `_readings`).
    for m in _TOKENS.finditer(text, start, end):
        kind, token = m.lastgroup, m.group()
        toks.texts.append(token)
        toks.ends.append(m.end())
        if kind == "w":
            toks.codes.append(codes[token])
        else:  # a number or a line break takes a closer look
            toks.codes.append(_MARKS.get(token, ":") if kind == "p" else _LOOK)


def _lookups(texts: list[str], lex: DateLexicon, clitics: tuple[str, ...]) -> str:
    """Per word (of the split): the code of the item it gives alone (_LOOK: a closer look),
    or _ODD when it is not a word of letters only. Memoised across documents (an article's
    vocabulary repeats), so a document mostly costs one dict pass."""
    codes = _memo(lex, clitics)
    if len(codes) > _MEMO_MAX:
        codes.clear()
        lex.readings.clear()
        lex.single.clear()
        lex.nexts.clear()
    # One getter of all the words: its C loop indexes the memo directly (a map of the bound
    # __getitem__ makes a call per word). A new word is coded on its first look.
    if len(texts) < 2:
        return codes[texts[0]] if texts else ""  # the getter of one word gives its code alone
    return "".join(itemgetter(*texts)(codes))


class _Codes(dict[str, str]):
    """The memo of word codes (lex.codes). A word missing from it is coded and stored on its
    first look: a quarter of a text's words are new to the memo, and a step for each beats
    sets of all the words (built, hashed and compared) on every text with one new word."""

    __slots__ = ("lex", "clitics")

    def __init__(self, lex: DateLexicon, clitics: tuple[str, ...]) -> None:
        super().__init__()
        self.lex = lex
        self.clitics = clitics
        _ANY_HEADS.update(_heads(lex, clitics))

    def __missing__(self, token: str) -> str:
        # Most new words are plain words of letters: one set probe tells that no reading of
        # theirs begins a phrase (in any language: a module constant, not an attribute read).
        if token not in _ANY_HEADS and _IS_ALPHA(token):
            code = "_"
        else:
            got = _code(token, _readings(token, self.lex, self.clitics), self.lex)
            code = _ODD if got is True else _LOOK if got is None else cast(str, got)
        self[token] = code
        return code


# The words of every memo's `_heads`: a word of another language's heads only takes the
# closer look, which codes it as a plain word.
_ANY_HEADS: Final[set[str]] = set()


def load(lang: str) -> None:
    """Build the word code memo of a language's date lexicon (with the phrase heads it reads),
    which the first document would otherwise build (dashboard.extract.load calls this)."""
    _memo(date_lexicon(lang), proclitics(lang))


def _memo(lex: DateLexicon, clitics: tuple[str, ...]) -> _Codes:
    """The word code memo of a lexicon (one proclitic set per lexicon: its language's)."""
    codes = lex.codes
    if not isinstance(codes, _Codes) or codes.clitics != clitics:
        codes = lex.codes = _Codes(lex, clitics)
    return codes


def _readings(token: str, lex: DateLexicon, clitics: tuple[str, ...]) -> _Readings | bool:
    """The readings of a word token (True: not a word of letters only), memoised."""
    got = lex.readings.get(token)
    if got is None:
        if _IS_ALPHA(token) or _LETTERS.fullmatch(token):
            # Only a word that starts as a proclitic does can carry one.
            if clitics and token.startswith(_initials(clitics)):
                cands = peel(token, clitics)
            else:
                cands = ((0, token),)
            # The shortest proclitic first: "بالعام" is ب + "العام" (span keeps the article).
            hits = [oc for oc in cands if oc[1] in lex.first]
            got = tuple(sorted(hits)) if len(hits) > 1 else tuple(hits)
        else:
            got = True
        lex.readings[token] = got
    return got


def _heads(lex: DateLexicon, clitics: tuple[str, ...]) -> frozenset[str]:
    """Every word a reading of which may begin a phrase: a phrase's first token, alone or after
    a proclitic, whole or less its first letter (peel turns "لل" + word into "ال" + word). More
    words than that: _readings decides. Memoised per proclitic set."""
    got = lex.heads.get(clitics)
    if got is None:
        out = set(lex.first)
        for p in clitics:
            out.update(p + f for f in lex.first)
            out.update(p + f[1:] for f in lex.first)
        got = lex.heads[clitics] = frozenset(out)
    return got


@cache
def _initials(clitics: tuple[str, ...]) -> tuple[str, ...]:
    return tuple({p[:1] for p in clitics})


def _code(token: str, readings: _Readings | bool, lex: DateLexicon) -> str | bool | None:
    """The code of the item a word alone defines: a plain word or a one-word lexicon phrase.
    None for a name or a day word (their context counts) and a word that may begin a longer
    phrase; True for what is not a word of letters only."""
    if readings is True:
        return True
    if not readings:
        return "_"
    if _nexts(token, readings, lex):
        return None
    phrase = _alone(token, readings, lex)
    if phrase is None:
        return "_"
    return None if phrase[3].code in _BUILT else phrase[3].code


def _int(digits: str) -> int | None:
    # No date needs more than a few digits; a 5,000-digit run is not a number to convert.
    return int(digits) if _IS_DECIMAL(digits) and len(digits) <= 12 else None


class Items(Sequence[Item]):
    """The grammar items of a text, in order, with their codes. An item its token alone defines
    (a plain word, a mark, a number, most lexicon words) is only built when read: the readers
    look at the few items around a match, so most are never built."""

    __slots__ = ("_built", "_shift", "_n", "_toks", "_text", "_lex", "_clitics", "codes", "units")

    def __init__(
        self,
        toks: _Tokens,
        text: str,
        lex: DateLexicon,
        clitics: tuple[str, ...],
        codes: str,
        built: dict[int, Item],
        gone: list[int],
    ) -> None:
        # The items built so far, by item number (None: not built yet). A list, not the dict:
        # items are looked up far more often than built, and an index hashes no number.
        self._built: list[Item | None] = [None] * len(codes)
        for k, it in built.items():
            self._built[k] = it
        # Item k is token k plus the tokens in no item before it: the r-th token gone moves the
        # items from gone[r] - r on by one token (no list of every item's token to build).
        self._shift = [g - r for r, g in enumerate(gone)]
        self._n = len(codes)
        self._toks = toks
        self._text = text  # the normalised text
        self._lex = lex
        self._clitics = clitics
        self.codes = codes  # one letter per item
        self.units: list[int] = []  # the items that are day words or year units (D, A)

    def __len__(self) -> int:
        return self._n

    def _token(self, k: int) -> int:
        """The token of item k (0 <= k < len)."""
        shift = self._shift
        if not shift or shift[-1] <= k:
            return k + len(shift)  # no token gone, or item k after them all: no search
        return k + bisect_right(shift, k)

    @overload
    def __getitem__(self, k: int) -> Item: ...

    @overload
    def __getitem__(self, k: slice) -> list[Item]: ...

    def __getitem__(self, k: int | slice) -> Item | list[Item]:
        if isinstance(k, slice):
            return [self.item(j) for j in range(*k.indices(self._n))]
        return self.item(k)

    def item(self, k: int) -> Item:
        """Item k, built when first read: as `self[k]`, without the slice test (compiled, a
        direct call)."""
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(k)
        it = self._built[k]
        if it is not None:
            return it
        tok = self._token(k)  # an item not built yet is its token's alone
        if _IS_DECIMAL(self._toks.texts[tok][0]):
            # A number (most are never read) is built, and its glue flagged, when first read.
            number = self._built[k] = _number(self._toks, tok, self._text)
            _mark_glue(self, k, number)
            return number
        built = self._built[k] = _token_item(self._toks, tok, self._lex, self._clitics)
        return built

    def __iter__(self) -> Iterator[Item]:
        return (self.item(k) for k in range(self._n))

    def peek(self, k: int) -> tuple[str, tuple[str, ...]]:
        """The code and key of item k, without building the item of a plain word or a mark."""
        if k < 0:
            k += self._n
        it = self._built[k]
        if it is not None:
            return it.code, it.key
        code = self.codes[k]
        if code == "_" or code in _MARK_CODES:
            return code, (self._toks.texts[self._token(k)],)
        it = self.item(k)
        return it.code, it.key

    def view(self, k: int) -> tuple[str, int, int, tuple[str, ...]]:
        """The code, start, end and key of item k, built or not, as `peek`; a number is not
        built (its key is then its token: "1st", not "1")."""
        if k < 0:
            k += self._n
        it = self._built[k]
        if it is None:
            code = self.codes[k]
            if code == "_" or code in _MARK_CODES or code in _NUMBER_CODES:
                tok = self._token(k)
                word, end = self._toks.texts[tok], self._toks.ends[tok]
                return code, end - len(word), end, (word,)
            it = self.item(k)
        return it.code, it.start, it.end, it.key

    def gap(self, k: int) -> str:
        """The normalised text between item k-1 and item k: a proclitic an item's reading left
        out shows here ("و" of "والخامس")."""
        return self._text[self.view(k - 1)[2] : self.view(k)[1]] if k else ""

    def demote(self, k: int) -> None:
        """Read item k as a plain word: its context rules its lexicon reading out."""
        self.item(k).code = "_"
        self.codes = f"{self.codes[:k]}_{self.codes[k + 1 :]}"

    def code_string(self) -> str:
        """One code letter per item."""
        return self.codes


def items(norm: Normalised, lex: DateLexicon, lang: str) -> Items:
    """The grammar items of a normalised document text, in text order."""
    clitics = proclitics(lang)
    its = _fill(_tokens(norm.text, lex, clitics), norm, lex, clitics)
    _block(its, lex)
    return its


def _fill(toks: _Tokens, norm: Normalised, lex: DateLexicon, clitics: tuple[str, ...]) -> Items:
    """The items of the tokens. A token gives one item, whose code it gives alone (most: a
    plain word, a mark, "في"), so only the others take a Python step here: numbers, line
    breaks, names, day words, words that may begin a longer phrase."""
    texts, own = toks.texts, toks.codes
    codes: list[str] = []  # the item code string in pieces: runs of tokens' own codes between
    built: dict[int, Item] = {}  # by item number
    gone: list[int] = []  # tokens in no item: later words of a phrase, a dot taken, a wrap
    units = []
    done = 0  # the tokens before this one are in `codes` or gone
    for i in find_all(own, _LOOK):
        if i < done:
            continue  # a later word of a phrase, or the dot of "Nov."
        codes.append(own[done:i])
        done = i + 1
        if texts[i] == "\n":
            if _wrapped(norm.text, toks.ends[i] - 1):
                gone.append(i)
            else:
                codes.append("/")
        elif _IS_DECIMAL(texts[i][0]):
            codes.append(_number_code(toks, i, norm.text))  # the item is built when read
        else:
            code = _alone_code(texts, i, lex)
            if code is not None:
                codes.append(code)  # most often: "de", "que", "بعد" alone
                continue
            got, used = _word(norm, toks, i, lex, clitics)
            if isinstance(got, str):
                codes.append(got)  # its token alone defines it after all
                continue
            codes.append(got.code)
            k = i - len(gone)  # its item number: the tokens gone so far are all before it
            built[k] = got
            if got.code in "DA":
                units.append(k)
            if used > 1:  # most items: one token (no range to build)
                gone += range(i + 1, i + used)
            done = i + used
    codes.append(own[done:])
    its = Items(toks, norm.text, lex, clitics, "".join(codes), built, gone)
    its.units = units
    return its


def _alone_code(texts: list[str], i: int, lex: DateLexicon) -> str | None:
    """The code of word i when no longer phrase goes on with the next token and the word's
    one-word reading (memoised) needs no item built now; None when _word must take a look.
    As _word, by the memos its first look left, without a step per reading."""
    word = texts[i]
    nexts = lex.nexts.get(word)
    if nexts is None or (i + 1 < len(texts) and texts[i + 1] in nexts):
        return None
    phrase: Phrase | None | Literal[False] = lex.single.get(word, False)  # False: not memoised
    if phrase is None:
        return "_"  # no phrase: a plain word
    if phrase is False or phrase[3].code in _BUILT:
        return None
    return phrase[3].code


def _word(
    norm: Normalised, toks: _Tokens, i: int, lex: DateLexicon, clitics: tuple[str, ...]
) -> tuple[Item | str, int]:
    """The item of word i, or its code when the word alone defines it, and the number of
    tokens it takes."""
    phrase = _lookup(toks, i, lex, clitics)
    if phrase is not None and phrase[1] == 1 and phrase[3].code not in _BUILT:
        return phrase[3].code, 1
    item, used = None, 1
    if phrase is not None:
        item, used = _phrase_item(toks, i, phrase), phrase[1]
        if item.code in "MJW" and not _case_ok(norm, item, lex):
            item, used = None, 1
    if item is None:
        word, end = toks.texts[i], toks.ends[i]
        item = Item("_", end - len(word), end, (word,))
    if item.code == "M" and item.key[-1] in lex.abbreviations:
        used += _absorb_dot(toks, i + used, item)
    return item, used


def _token_item(toks: _Tokens, i: int, lex: DateLexicon, clitics: tuple[str, ...]) -> Item:
    """The item token i alone defines: a plain word, a mark or a one-word lexicon phrase."""
    word, end = toks.texts[i], toks.ends[i]
    code = toks.codes[i]
    if word == "\n" or code in _MARK_CODES:
        return Item(_MARKS.get(word, ":"), end - len(word), end, (word,))
    phrase = None
    if code != "_":
        phrase = _lookup(toks, i, lex, clitics)
    if phrase is None:
        return Item("_", end - len(word), end, (word,))
    return _phrase_item(toks, i, phrase)


def _phrase_item(toks: _Tokens, i: int, phrase: Phrase) -> Item:
    offset, n, key, entry = phrase
    start = toks.ends[i] - len(toks.texts[i]) + offset
    return Item(entry.code, start, toks.ends[i + n - 1], key, entry.value, entry.kind, entry.form)


def _wrapped(text: str, at: int) -> bool:
    """A single line break between two printing characters wraps a line ("September\n1988"
    in a newswire column); a blank line or an indented line starts a new paragraph."""
    return 0 < at < len(text) - 1 and not text[at - 1].isspace() and not text[at + 1].isspace()


def _absorb_dot(toks: _Tokens, j: int, item: Item) -> int:
    """A month abbreviation takes its dot ("Nov.") so that the dot does not end a sentence."""
    if j < len(toks.texts) and toks.texts[j] == "." and toks.ends[j] - 1 == item.end:
        item.end = toks.ends[j]
        return 1
    return 0


def _lookup(toks: _Tokens, i: int, lex: DateLexicon, clitics: tuple[str, ...]) -> Phrase | None:
    """The longest lexicon phrase starting at word token i (its readings peel proclitics).
    Unless the next token may go on with it, the word alone decides (a memo)."""
    word = toks.texts[i]
    readings: Any = _readings(word, lex, clitics)
    nexts = lex.nexts.get(word)
    if nexts is None:
        nexts = _nexts(word, readings, lex)
    if i + 1 < len(toks.texts) and toks.texts[i + 1] in nexts:
        return _phrase(toks.texts, toks.codes, i, lex, readings)
    return _alone(word, readings, lex)


def _nexts(word: str, readings: _Readings, lex: DateLexicon) -> frozenset[str]:
    """The tokens that may follow the word in a phrase of several words (memoised)."""
    got = lex.nexts.get(word)
    if got is None:
        got = lex.nexts[word] = frozenset().union(*(lex.seconds.get(c, ()) for _, c in readings))
    return got


def _alone(word: str, readings: _Readings, lex: DateLexicon) -> Phrase | None:
    """The one-word phrase the word is, if any (memoised)."""
    got: Phrase | None | Literal[False] = lex.single.get(word, False)  # False: not memoised
    if got is False:
        got = lex.single[word] = _phrase([word], _LOOK, 0, lex, readings)
    return got


def _phrase(
    texts: list[str], codes: str, i: int, lex: DateLexicon, readings: _Readings
) -> Phrase | None:
    for offset, core in readings:
        longest = min(lex.first[core], len(texts) - i)
        if longest > 1 and texts[i + 1] not in lex.seconds.get(core, ()):
            longest = 1  # no longer phrase goes on with the next token
        for n in range(longest, 0, -1):
            if n > 1 and not all(_is_word(texts[j], codes[j]) for j in range(i + 1, i + n)):
                continue  # a phrase is made of words
            key = (core, *texts[i + 1 : i + n])
            entry = lex.entries.get(key)
            # "ولامس" (and touched) is not "و+ل+أمس", nor "لليوم" (per day) "ل+اليوم": day
            # words take few proclitics.
            clitic = _clitic(texts[i], offset, core) if entry and entry.code == "D" else ""
            if clitic and clitic not in lex.day_clitics:
                continue
            # "باب" (door) is not "ب" + "آب" (August): a peeled name keeps three letters.
            if entry is not None and entry.code in "MJ" and offset and len(core) < 3:
                continue
            if entry is not None:
                return offset, n, key, entry
    return None


def _is_word(token: str, code: str) -> bool:
    """A token's own code tells a word from a mark; a number or a line break gives _LOOK."""
    if code == _LOOK:
        return token != "\n" and not _IS_DECIMAL(token[0])
    return code not in _MARK_CODES


def _clitic(token: str, offset: int, core: str) -> str:
    """The proclitic letters peeled off a token to read `core` ("ل" for "لليوم" = ل + اليوم)."""
    if offset:
        return token[:offset]
    return token[: len(token) - len(core) + 1] if core != token else ""


def _number(toks: _Tokens, i: int, text: str) -> Item:
    """The item of number token i: a numeric date, a span of years or a number, whose key
    leaves out an ordinal suffix ("1st" reads 1; its span keeps it)."""
    token, end = toks.texts[i], toks.ends[i]
    start = end - len(token)
    if _IS_DECIMAL(token):
        digits = token  # digits alone (most numbers): the scan's number, no second match
    else:
        m = _TOKENS.match(text, start)  # as the scan matched it (a digit always starts one)
        assert m is not None
        if m.lastgroup == "q":
            return Item("Q", start, end, (m.group(),))
        if m.lastgroup == "s":
            return Item("S", start, end, (m.group(),))
        digits = m.group("n")
    value = _int(digits)
    four = len(digits) == 4 and isinstance(value, int) and 1000 <= value <= 2199
    return Item("Y" if four else "N", start, end, (digits,), value)


def _number_code(toks: _Tokens, i: int, text: str) -> str:
    """The code of number token i, which its text alone decides (the scan found the same
    token wherever it stands), memoised: "2025", "1" and "10" repeat across documents."""
    token = toks.texts[i]
    code = _NUMBERS.get(token)
    if code is None:
        if len(_NUMBERS) > _MEMO_MAX:
            _NUMBERS.clear()
        code = _NUMBERS[token] = _number(toks, i, text).code
    return code


def _mark_glue(out: Items, k: int, it: Item) -> None:
    """Flag number item k glued to letters: "1990s" is a decade, "سو-30" a model name; a
    proclitic before a number ("و15 يوليو") is a conjunction, not part of a name. The
    neighbours are viewed, not built: the flags read only their codes, spans and words."""
    if k + 1 < len(out):
        code, start, _, _ = out.view(k + 1)
        it.glued = (start == it.end and code not in "NYcpqh.:/%$") or _decade(out, k, it)
    if not k:
        return
    code, start, end, key = out.view(k - 1)
    if end == it.start:
        if code not in "NYQScpqh.:/%$" and key[-1] not in out._clitics:
            it.designation = True
        elif code == "h" and k >= 2 and out.view(k - 2)[2] == start:
            it.designation = out.view(k - 2)[0] not in "NYQS.:/c"


def _decade(out: Items, k: int, it: Item) -> bool:
    """ "1950's" (a round year, an apostrophe and "s") is the decade "1950s", not a year; the
    same after any other year is a possessive ("1987's first quarter")."""
    if not isinstance(it.value, int) or it.value % 10 or k + 2 >= len(out):
        return False
    _, mark_start, mark_end, mark = out.view(k + 1)
    _, s_start, _, s = out.view(k + 2)
    return mark_start == it.end and mark[0] in _APOSTROPHES and s_start == mark_end and s == ("s",)


def _block(out: Items, lex: DateLexicon) -> None:
    """Demote readings the context rules out ("في اليوم" = per day, "الرأي العام")."""
    pre = lex.definite_prefix
    for k in out.units:
        it = out.item(k)
        if it.code == "D" and _day_word_blocked(out, k, lex):
            out.demote(k)
        elif it.code == "A" and it.key[0] in lex.adjective_units and k:
            # "المدير العام" (director general): after a definite noun the word is an adjective,
            # unless "last"/"next" follows ("الإيرادات العام المقبل"); "current" fits both.
            nxt = out.peek(k + 1) if k + 1 < len(out) else None
            temporal = nxt is not None and nxt[0] == "L" and nxt[1][0] not in lex.office_modifiers
            code, key = out.peek(k - 1)
            if code == "_" and definite(key[-1], pre) and not temporal:
                out.demote(k)


def _day_word_blocked(out: Items, k: int, lex: DateLexicon) -> bool:
    """ "في اليوم" (per day), "اليوم الوطني" (national day), "hoy en día" are not day words."""
    if k and out.peek(k - 1)[1] in lex.day_block_before:
        return True
    after = tuple(t for j in range(k + 1, min(k + 4, len(out))) for t in out.peek(j)[1])
    if any(after[: len(b)] == b for b in lex.day_block_after):
        return True
    nxt = out.peek(k + 1) if k + 1 < len(out) else None
    return nxt is not None and nxt[0] == "_" and definite(nxt[1][0], lex.definite_prefix)


def _case_ok(norm: Normalised, item: Item, lex: DateLexicon) -> bool:
    """In languages that capitalise month and day names, "may" (modal) is not "May"; in
    languages that do not, a capitalised weekday inside a sentence is a name ("Santo Domingo")."""
    at = norm.index[item.start]
    upper = norm.original[at].isupper()
    if lex.capitalised:
        return upper
    if not upper or item.code != "W":
        return True
    before = norm.original[max(0, at - 12) : at].rstrip(" \t\"'«“(")
    return not before or before[-1] in ".!?:\n"


def definite(word: str, prefix: str) -> bool:
    """True for a content word carrying the definite article ("الوطني"); "إلى" is not one."""
    return bool(prefix) and word.startswith(prefix) and len(word) >= len(prefix) + 3

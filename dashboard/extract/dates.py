"""Dates: a temporal tagger whose values are resolved against the document's published date.

`extract(doc)` finds absolute dates ("1 نوفمبر 2025", "1/11/2025", "November 1, 2025",
"2025-11-01", "في 2014"), month names with or without a year, and relative expressions
("أمس", "يوليو الماضي", "منتصف الشهر", "two years ago", "la semana pasada"). Each mention's
attrs: value ("YYYY", "YYYY-MM", "YYYY-MM-DD", or "" when a relative expression has no
published date to resolve against), granularity (day | month | year), relative (bool) and
anchor (the published date used, or ""). Language content lives in data/<lang>/dates.json;
the grammar in dates_grammar.py, calendar arithmetic in dates_resolve.py.

Choices: a span of years ("2012-13", "1986/87") gives its first year; a week ("last week")
gives the month holding most of it, and its days as period_start/period_end (week_reading);
Hijri dates are converted to Gregorian with the Umm al-Qura tables (dates_hijri.py: a Hijri
month is the Gregorian month holding its middle day, a Hijri year the Gregorian year holding
most of it); durations ("20 عاما", "for two years") are figures, not dates.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Final, final

from dashboard.extract import dates_anaphora as anaphora
from dashboard.extract.dates_grammar import TENSE_VALUE_ONLY, Context, Match, matches, read
from dashboard.extract.dates_items import SIGN_CODES, Items, items
from dashboard.extract.dates_lexicon import DateLexicon, date_lexicon
from dashboard.extract.dates_match import ANAPHORIC_RULES, anaphor
from dashboard.extract.dates_period import period
from dashboard.extract.dates_resolve import week_reading
from dashboard.extract.spans import filter_pairs
from dashboard.lexicon import proclitics
from dashboard.model import Document, Mention
from dashboard.text import normalise, peel

# How far (in items) a tense cue may stand from the expression, within its sentence. The
# verb often stands a long object and place before the date ("is unlikely to change its credit
# policies at its council meeting on Thursday"); the nearest cue still wins, and past 16 items
# the cue found is mostly another clause's.
_CUE_BEFORE: Final = 16
_CUE_AFTER: Final = 6
_TENSES_MAX: Final = 1 << 14


def extract(doc: Document) -> list[Mention]:
    """Date mentions of a document, resolved against `doc.published`, in text order."""
    norm = normalise(doc.text)
    lex = date_lexicon(doc.lang)
    if len(lex.tenses) > _TENSES_MAX:
        lex.tenses.clear()  # a memo across documents, kept small
    its = items(norm, lex, doc.lang)
    anchor = parse_anchor(doc.published)
    clitics = proclitics(doc.lang)

    tense = _Tense(its, lex, clitics)
    ctx = Context(its, lex, anchor, tense)
    # By text span: (value, granularity, relative) of the first rule's reading. Overlaps drop
    # about a third of them, so a mention is only built for the spans kept.
    found: dict[tuple[int, int], tuple[str, str, bool]] = {}
    again: dict[tuple[int, int], Match] = {}  # by span in `found`: read again with its tense
    notes: dict[tuple[int, int], anaphora.Note] = {}  # by span, for the anaphora pass
    anaphoric = False
    read_spans: set[tuple[int, int]] = set()  # item spans of the readings in `found`
    for m in _matches(its):
        if m.span in read_spans and "mod0" not in m.groups:
            continue  # an earlier rule's mention of the same span stays: no need to read
        tense.late = False
        got = read(m, ctx)
        if got is None:
            continue
        used, value, granularity, relative = got
        a, b = used.span
        read_spans.add((a, b))
        start, end = norm.span(its.item(a).start, its.item(b - 1).end)
        end = _past_marks(doc.text, end)
        if (start, end) in found:
            continue  # an earlier rule's mention of the same text span stays
        found[start, end] = value, granularity, relative
        if tense.late:
            again[start, end] = m
        ana = anaphor(used, ctx) if used.rule in ANAPHORIC_RULES else ""
        unit = next(it.kind for it in its[a:b] if it.code in "UA") if ana else ""
        anaphoric = anaphoric or bool(ana)
        notes[start, end] = anaphora.Note(used.rule, (a, b), ana, unit)
    mentions = []
    tense.later = False
    for start, end in _resolve_overlaps(list(found)):
        late_m = again.get((start, end))
        if late_m is not None:
            got = read(late_m, ctx)  # the same match and span: only the value may change
            assert got is not None
            found[start, end] = got[1:]
        value, granularity, relative = found[start, end]
        mentions.append(_mention(doc, start, end, value, granularity, relative, anchor is not None))
    if anaphoric:
        mentions = anaphora.resolve(mentions, notes, its.codes, doc.lang, lex.week_start)
    return mentions


@final
class _Tense:
    """The tense oracle of a document's readings: "past", "future" or "" for a match's clause.

    While `later` is set (as the mentions are found), a rule whose tense decides its value
    alone is told none, and `late` is set: overlaps drop half of the readings that need one
    (most: a month name within a full date), so such a reading is read again, with its tense,
    only once its mention is kept. A plain class, not a closure: a closure calling another
    would make a cycle that holds the items until the collector runs."""

    __slots__ = ("its", "lex", "clitics", "by_span", "later", "late")

    def __init__(self, its: Items, lex: DateLexicon, clitics: tuple[str, ...]) -> None:
        self.its = its
        self.lex = lex
        self.clitics = clitics
        self.by_span: dict[tuple[int, int], str] = {}  # the rules' matches overlap
        self.later = True
        self.late = False

    def __call__(self, m: Match) -> str:
        if self.later and m.rule in TENSE_VALUE_ONLY:
            self.late = True
            return ""
        span = m.span
        got = self.by_span.get(span)
        if got is None:
            a = span[0]
            its, lex = self.its, self.lex
            if a and its.peek(a - 1)[1][-1] in lex.past_frames:
                got = "past"  # "منذ ديسمبر", "since March": the month has begun already
            else:
                got = clause_tense(its, span, lex, self.clitics)
            self.by_span[span] = got
        return got


def _mention(
    doc: Document,
    start: int,
    end: int,
    value: str,
    granularity: str,
    relative: bool,
    anchored: bool,
) -> Mention:
    """The mention of a reading of doc.text[start:end]."""
    text = doc.text[start:end]
    if granularity == "week":
        value, granularity, first, last = week_reading(value)
    else:
        first, last = period(text, doc.lang, value, granularity)
    attrs = {
        "value": value,
        "granularity": granularity,
        "relative": relative,
        "anchor": doc.published[:10] if relative and anchored else "",
        "period_start": first,
        "period_end": last,
    }
    return Mention("dates", start, end, text, attrs)


def _matches(its: Items) -> list[Match]:
    """Rule matches over the item codes (one letter per item), groups in item indices."""
    return matches(its.code_string())


def _resolve_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """filter_pairs applied to each group of mutually overlapping candidate spans (distinct),
    in text order.

    The groups are the connected parts of the overlap graph, so the result is the same as one
    global call, but the cost stays linear in long documents with thousands of dates.
    """
    out: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []
    reach = -1
    for span in sorted(spans):
        start, end = span
        if group and start >= reach:
            out += filter_pairs(group) if len(group) > 1 else group
            group = []
        group.append(span)
        reach = max(reach, end) if len(group) > 1 else end
    return out + (filter_pairs(group) if len(group) > 1 else group)


def _past_marks(text: str, end: int) -> int:
    """Extend a span over the diacritics and tatweel of its last letter ("أمسِ", not "أمس").

    A tatweel after a digit joins it to the next number ("2015ـ2025"): it is not the digit's."""
    if end and text[end - 1].isdigit():
        return end
    while end < len(text) and (unicodedata.category(text[end]) == "Mn" or text[end] == "\u0640"):
        end += 1
    return end


def parse_anchor(published: str) -> date | None:
    """The publication date of an ISO date string (a time part is ignored), or None."""
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def clause_tense(
    its: Items, span: tuple[int, int], lex: DateLexicon, clitics: tuple[str, ...]
) -> str:
    """ "past", "future" or "" for the clause around items span: the nearest tense cue wins
    (the one before on a tie)."""
    a, b = span
    k, tense = _first_cue(its, range(a - 1, max(-1, a - 1 - _CUE_BEFORE), -1), lex, clitics)
    # Only a cue after that is nearer can win, so the look after stops short of that distance.
    near = a - k - 1 if tense else _CUE_AFTER
    ks = range(b, min(len(its.codes), b + min(_CUE_AFTER, near)))
    after = _first_cue(its, ks, lex, clitics, lex.clause_subjects)
    return after[1] or tense


def _first_cue(
    its: Items,
    ks: range,
    lex: DateLexicon,
    clitics: tuple[str, ...],
    stops: frozenset[str] = frozenset(),
) -> tuple[int, str]:
    """The first item of `ks` (nearest first) that is a tense cue, and its tense, within the
    sentence and before any word of `stops`; (-1, "") when none is.

    After the date, a subject pronoun opens the next clause ("stick by the December agreement
    it would get through"): its verb is not the date's."""
    codes, tenses = its.codes, lex.tenses
    for k in ks:
        code = codes[k]
        if code in "./":
            break
        if code in SIGN_CODES:
            continue  # a mark or a number is no cue and no stop: its item is not built
        key = its.peek(k)[1]
        if stops and key[-1] in stops:
            break
        if tenses.get(key[0]) == "":
            continue  # most words: memoised as no cue (and only words are memoised)
        tense = _cue(its, k, key, lex, clitics)
        if tense:
            return k, tense
    return -1, ""


def _cue(
    its: Items, k: int, key: tuple[str, ...], lex: DateLexicon, clitics: tuple[str, ...]
) -> str:
    """The tense item k (of `key`) signals: a listed cue (proclitics peeled) or a past/future
    ending; an ending after an auxiliary is a passive ("should be approved"), not a past. An
    infinitive after "is"/"set" is a plan ("is to report", "is set to meet"): a future."""
    if len(key) != 1 or not key[0].isalpha():
        return ""
    word = key[0]
    if word in lex.infinitive_marks:
        return "future" if k and its.peek(k - 1)[1][-1] in lex.future_heads else ""
    if word not in lex.tenses:
        lex.tenses[word] = _word_tense(word, lex, clitics)
    tense = lex.tenses[word]
    if tense == "past?":  # a past ending: not after an auxiliary
        return "" if k and its.peek(k - 1)[1][-1] in lex.passive_auxiliaries else "past"
    return tense


def _word_tense(word: str, lex: DateLexicon, clitics: tuple[str, ...]) -> str:
    """The tense a word alone signals; "past?" for a past ending (an auxiliary may precede)."""
    readings = [core for _, core in peel(word, clitics)] if clitics else [word]
    if any(r in lex.future_cues for r in readings):
        return "future"
    if any(r in lex.past_cues for r in readings):
        return "past"
    if any(len(word) >= len(s) + 3 and word.endswith(s) for s in lex.future_suffixes):
        return "future"
    if word in lex.participles:
        return ""
    if any(len(word) >= len(s) + 3 and word.endswith(s) for s in lex.past_suffixes):
        return "past?"
    return ""

"""The date grammar: patterns over the item code string and the reading of each match.

Each item of dates_items.py is one letter, so a date expression is a short regular expression
over that string (no nested quantifiers: matching stays linear). A rule's named groups mark the
parts of the expression; groups named `x_*` (a leading frame such as "في"/"in") are context,
not part of the mention's span. `read(rule, ...)` turns a match into (value, granularity,
relative) or None when the context rules it out.
"""

from __future__ import annotations

import re
from datetime import date
from re import _parser  # type: ignore[attr-defined]  # the parse tree of a rule
from typing import Any, Final

from dashboard.extract import dates_hijri as hijri
from dashboard.extract import dates_resolve as cal
from dashboard.extract.dates_items import Items
from dashboard.extract.dates_match import (
    ANAPHOR_STEP,
    Context,
    Match,
    Reader,
    anaphor,
    day_of,
    find,
    modifier,
    month_of,
    year_of,
)
from dashboard.text import find_all

M2 = r"(?:Uo?)?M(?:pMq|h?M)?"  # "شهر يوليو", "يوليو (تموز)", "حزيران - يونيو", "el mes de julio"

RULES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "dmy": rf"(?P<wd>Wc?)?e?(?P<mod0>L)?(?P<d>N|O|n(?=o))h?o?(?P<mon>{M2})"
        r"(?:c?o?e?(?P<y>A?Y)(?P<z>z?)|(?:o?e?(?P<a>A))?(?P<mod>L))?",
        # "4 و5 أغسطس", "el 4 y 5 de agosto", "الرابع والخامس من أغسطس": the first day of a
        # list or range takes the month and year of the date after it.
        "dlist": rf"(?P<d>N|O)e?(?P<x_t>[th])?e?(?P<x_next>(?:N|O)h?o?{M2}"
        r"(?:c?o?e?(?P<x_y>A?Y)z?|(?:o?e?A)?L)?)",
        "mdy": r"(?P<wd>Wc?)?e?(?P<mod0>L)?(?P<mon>M(?:pMq|h?M)?)(?P<d>[Nn])(?:c?(?P<y>Y))?",
        "my": rf"(?P<mon>{M2})o?e?(?P<y>A?Y)(?P<z>z?)",
        # "de febrero a abril de 2021": the first month takes the year of the second
        "mrange": rf"(?P<mon>{M2})[tFh](?P<x_m>{M2})o?e?(?P<x_y>A?Y)",
        "mrel_pre": rf"(?P<mod0>L)e?(?P<mon>{M2})",
        "mrel_post": rf"(?P<mon>{M2})(?P<mod>L)",
        "mrely": rf"(?P<mon>{M2})o?e?(?P<mod0>L)?e?(?P<a>A)(?P<mod>L)?",
        "mbare": rf"(?P<x_f>[FBt])e?(?P<mon>{M2})",
        "mbare_unit": r"(?P<mon>Uo?M(?:pMq|h?M)?)",
        "mname": r"(?P<mon>M(?:pMq|h?M)?)",
        "wd": r"(?P<x_intro>[we])?(?P<mod0>L)?e?(?P<wd>W)(?P<mod>L)?",
        "dayw": r"(?P<day>D)c?p?(?P<wd>W)",
        "day": r"(?P<day>D)",
        "urel_pre": r"(?P<mod0>L)e?(?P<u>[UA])",
        "urel_post": r"(?P<u>[UA])(?P<mod>L)",
        "part_u": r"(?P<r>R)h?o?e?(?P<mod0>L)?e?(?P<u>[UA])(?P<mod>L)?",
        "part_m": rf"(?P<r>R)h?o?e?(?P<mon>{M2})(?:o?e?(?P<y>A?Y)|(?P<mod>L))?",
        "part_y": r"(?P<r>R)h?o?e?(?P<y>A?Y)(?P<z>z?)",
        "ago_b": r"(?P<b>B)a?(?P<n>[Nn])?(?P<u>[UA])(?![YNoL])",
        "ago_a": r"(?P<x_a>a)?(?P<n>[Nn])?(?P<u>[UA])(?P<g>[GR])",
        "yframe": r"(?P<x_f>[FBo])e?(?P<y>A?Y)(?P<z>z?)",
        "yunit": r"(?P<y>L?e?AL?Y)(?P<z>z?)",  # "العام الجاري 2015", "este año 2021"
        "ybare": r"(?P<y>Y)(?P<z>z?)",
        "q": r"(?P<q>Q)",
        "s": r"(?P<s>S)",
        **hijri.RULES,
    }.items()
}
# Rules whose value depends on the publication date when no year is written.
_NEEDS_YEAR: Final = {"dmy", "mdy", "dlist", "part_m"} | hijri.NEEDS_YEAR
_ALWAYS_RELATIVE: Final = {
    "mrel_pre",
    "mrel_post",
    "mrely",
    "mbare",
    "mbare_unit",
    "mname",
    "wd",
    "dayw",
    "day",
    "urel_pre",
    "urel_post",
    "part_u",
    "ago_b",
    "ago_a",
} | hijri.ALWAYS_RELATIVE
_STEP: Final = {"last": -1, "next": 1, "this": 0, "before_last": -2}
# Resolves granularity when there is no anchor; the value is dropped.
_PLACEHOLDER: Final = date(2001, 6, 15)


def _alphabet(patterns: list[str]) -> str:
    """The codes the rules can read, when every rule is written with code letters, groups,
    alternation, classes, repeats and lookaheads only; "" when one uses anything else (a
    wildcard, an escape, a negated class, an anchor, a lookbehind, a flag)."""
    letters: set[str] = set()
    for pattern in patterns:
        plain = re.sub(r"\(\?(?:P<\w+>|[:=!])", "(", pattern)  # named, non-capturing, lookahead
        rest = set(plain) - set("()|[]?*+")
        if "(?" in plain or not all(ch.isascii() and ch.isalpha() for ch in rest):
            return ""
        letters |= rest
    return "".join(sorted(letters))


# A code no rule reads ("_", ".", "/", ...) stands between matches: each match lies within one
# run of the other codes (a segment), and a lookahead at a segment's end sees nothing it wants,
# as at the end of the text. Short segments repeat across texts ("F", "NMY", "cLA"), so each is
# matched once (a bounded memo), not every rule over every position of every text.
_ALPHABET = _alphabet([rx.pattern for rx in RULES.values()])
# A bit per code of the alphabet: the codes a segment holds, and those a rule needs one of, are
# each one int (none without an alphabet: every segment is then searched).
_BITS: Final = {ch: 1 << i for i, ch in enumerate(_ALPHABET)}
_ALPHABET_SET: Final = frozenset(_ALPHABET)


class _Blanks(dict[int, int]):
    """A str.translate table that keeps the codes of _ALPHABET and turns any other into a
    space, so that str.split finds the segments (a regular expression split took ten times
    as many steps)."""

    def __missing__(self, ch: int) -> int:
        return 32  # " "


_BLANKS: Final = _Blanks({ord(ch): ord(ch) for ch in _ALPHABET})
# A text with a longer segment (rare) is matched afresh: the memo stays small.
_MEMO_LEN: Final = 64
# Any rule, for a first look at a new segment (the rules are plain when _ALPHABET is set).
_ANY: Final = (
    re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", rx.pattern) for rx in RULES.values()))
    if _ALPHABET
    else None
)
# One match within a segment: (rule order, rule, (group, (start, end)) pairs).
_Found = tuple[int, str, tuple[tuple[str, tuple[int, int]], ...]]


def matches(codes: str) -> list[Match]:
    """Every match of every rule over the code string, rule by rule, each in text order."""
    segments = _segments(codes)
    short = all(len(segment) <= _MEMO_LEN for _, segment in segments)
    found: list[tuple[_Found, int]] = []
    for at, segment in segments:
        for f in _memo_matches(segment) if short else _segment_matches(segment):
            found.append((f, at))
    found.sort(key=_rule_order)  # stable: text order within a rule
    return [
        Match(name, {g: (a + at, b + at) for g, (a, b) in groups})
        for (_, name, groups), at in found
    ]


def _segments(codes: str) -> list[tuple[int, str]]:
    """The segments of a code string that may hold a match, each with its offset."""
    if not _ALPHABET:
        return [(0, codes)] if codes else []  # every code may be read: one segment
    if _CUES:
        # Most segments ("c", "F", "o", "N") hold no cue, and cues are few (a dozen or two
        # per text): each is found by str.find (a scan in C), and its segment by a step per
        # code around it, not by a scan over every code of the text.
        found: list[tuple[int, str]] = []
        end = 0  # the end of the last segment found
        for k in find_all(codes, _CUES):
            if k < end:
                continue  # a later cue of that segment
            at, end = k, k + 1
            while at and codes[at - 1] in _ALPHABET_SET:
                at -= 1
            while end < len(codes) and codes[end] in _ALPHABET_SET:
                end += 1
            found.append((at, codes[at:end]))
        return found
    blanked = codes.translate(_BLANKS)
    out: list[tuple[int, str]] = []
    at = 0
    for segment in blanked.split():
        # Spaces alone stand between segments: the next one found is the next segment.
        at = blanked.find(segment, at)
        out.append((at, segment))
        at += len(segment)
    return out


def _rule_order(found: tuple[_Found, int]) -> int:
    return found[0][0]


def _needs(pattern: str) -> tuple[int, ...]:
    """Sets of codes (as masks of _BITS) every match of a rule holds one of, so that a segment
    lacking all of a set's codes is not searched ("q" needs "Q"; "dmy" needs "M" and one of
    "NOn"; "ago_a" one of "UA" and one of "GR"); none when the parse tree is not one this
    reads."""
    try:
        sets = {"".join(sorted(letters)) for letters in _required(_parser.parse(pattern))}
    except Exception:  # a private module (re._parser): if it changes, search every segment
        return ()
    if not all(ch in _BITS for letters in sets for ch in letters):
        return ()
    # A set holding a smaller one is implied by it; the fewer codes, the sooner a test fails.
    kept = [s for s in sets if not any(t != s and set(t) <= set(s) for t in sets)]
    return tuple(sum(_BITS[ch] for ch in s) for s in sorted(kept, key=lambda s: (len(s), s)))


def _required(items: Any) -> list[set[str]]:
    """Sets of letters every match of a parsed sequence holds one of: a literal, a class of
    letters, those of its groups and of its repeats taken at least once, and for an
    alternation the letters of one set of each branch. A lookahead adds none (fewer sets: a
    rule is only searched more often)."""
    out: list[set[str]] = []
    for op, arg in items:
        if op is _parser.LITERAL:
            out.append({chr(arg)})
        elif op is _parser.IN and all(o is _parser.LITERAL for o, _ in arg):
            out.append({chr(a) for _, a in arg})
        elif op is _parser.SUBPATTERN:
            out += _required(arg[-1])
        elif (op is _parser.MAX_REPEAT or op is _parser.MIN_REPEAT) and arg[0] >= 1:
            out += _required(arg[2])
        elif op is _parser.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            if branches and all(branches):
                out.append(set().union(*(min(b, key=len) for b in branches)))
    return out


def _must(items: Any) -> set[str]:
    """The letters every match of a parsed sequence holds: its literals, those of its groups
    and of its repeats taken at least once, and those all branches of an alternation share.
    A class or a lookahead adds none (fewer letters: a rule is only searched more often)."""
    out: set[str] = set()
    for op, arg in items:
        if op is _parser.LITERAL:
            out.add(chr(arg))
        elif op is _parser.SUBPATTERN:
            out |= _must(arg[-1])
        elif op is _parser.MAX_REPEAT or op is _parser.MIN_REPEAT:
            if arg[0] >= 1:
                out |= _must(arg[2])
        elif op is _parser.BRANCH:
            branches = [_must(branch) for branch in arg[1]]
            out |= set.intersection(*branches) if branches else set()
    return out


def _one_of(items: Any) -> set[str]:
    """Letters one of which every match of a parsed sequence holds (a class of letters, as
    "[UA]", counts), or none found."""
    for op, arg in items:
        got: set[str] = set()
        if op is _parser.LITERAL:
            got = {chr(arg)}
        elif op is _parser.IN and all(o is _parser.LITERAL for o, _ in arg):
            got = {chr(a) for _, a in arg}
        elif op is _parser.SUBPATTERN:
            got = _must(arg[-1]) or _one_of(arg[-1])
        elif (op is _parser.MAX_REPEAT or op is _parser.MIN_REPEAT) and arg[0] >= 1:
            got = _must(arg[2]) or _one_of(arg[2])
        if got:
            return got
    return set()


def _cues(patterns: list[str]) -> str:
    """Codes one of which every match of every rule holds, few: a segment with none of them
    matches no rule. "" when a rule has no such letters found (every segment is searched)."""
    alls: list[set[str]] = []  # a rule's matches hold all of these letters: one will do
    out: set[str] = set()  # ... or one of these: all are needed
    for pattern in patterns:
        try:
            tree = _parser.parse(pattern)
            every, some = _must(tree), _one_of(tree)
        except Exception:  # a private module (re._parser): if it changes, search every segment
            return ""
        if len(every) == 1 or (not every and some):
            out |= every or some
        elif every:
            alls.append(every)
        else:
            return ""
    for every in alls:
        if not every & out:
            out.add(min(every))
    return "".join(sorted(out))


# (rule, pattern, the sets of codes its matches need one of each), in rule order.
_RULES: Final[list[tuple[str, re.Pattern[str], tuple[int, ...]]]] = [
    (name, rx, _needs(rx.pattern)) for name, rx in RULES.items()
]
# The named groups of each rule (name, group number), in the order groupdict gives them.
_GROUPS: Final = [tuple(rx.groupindex.items()) for _, rx, _ in _RULES]
_CUES = _cues([rx.pattern for rx in RULES.values()]) if _ALPHABET else ""


def _segment_matches(segment: str) -> tuple[_Found, ...]:
    if _ANY is not None and not _ANY.search(segment):
        return ()  # half the segments match no rule: one search tells
    out = []
    have = 0  # the codes the segment holds
    for code in segment:
        have |= _BITS.get(code, 0)
    for order, (name, rx, needs) in enumerate(_RULES):
        if not _holds(have, needs):
            continue  # codes a match needs are missing: most rules, on most segments
        names = _GROUPS[order]
        for m in rx.finditer(segment):
            # The spans of all groups at once (m.regs, by group number), not a call per group:
            # a group that matched nothing or the empty string is left out.
            spans = m.regs
            groups = tuple((k, spans[g]) for k, g in names if spans[g][0] < spans[g][1])
            if groups:
                out.append((order, name, groups))
    return tuple(out)


def _holds(have: int, needs: tuple[int, ...]) -> bool:
    """Each set of `needs` has a code of `have` (compiled: a loop of int tests)."""
    return all(have & need for need in needs)


# A memo of the segments' matches (a dict read from compiled code, not an lru_cache call),
# emptied above _MATCHED_MAX entries.
_MATCHED: Final[dict[str, tuple[_Found, ...]]] = {}
_MATCHED_MAX: Final = 1 << 12


def _memo_matches(segment: str) -> tuple[_Found, ...]:
    got = _MATCHED.get(segment)
    if got is None:
        if len(_MATCHED) >= _MATCHED_MAX:
            _MATCHED.clear()
        got = _MATCHED[segment] = _segment_matches(segment)
    return got


def read(m: Match, ctx: Context) -> tuple[Match, str, str, bool] | None:
    """(match, value, granularity, relative) of a match, or None when it is not a date after
    all. A leading modifier the reading rejects is dropped and the rest read again (the match
    returned is then the shorter one)."""
    got = _read(m, ctx)
    if got is None and "mod0" in m.groups and len(m.groups) > 1:
        m = Match(m.rule, {k: v for k, v in m.groups.items() if k != "mod0"})
        got = _read(m, ctx)
    return None if got is None else (m, *got)


def _read(m: Match, ctx: Context) -> tuple[str, str, bool] | None:
    if _hijri_follows(m, ctx.items):
        return None
    yearless = "y" not in m.groups and "x_y" not in m.groups
    relative = m.rule in _ALWAYS_RELATIVE or (m.rule in _NEEDS_YEAR and yearless)
    anchor = ctx.anchor or _PLACEHOLDER
    got = _READERS[m.rule](m, ctx, anchor)
    if got is None:
        return None
    value, gran = got
    if relative and ctx.anchor is None:
        value = ""
    return value, gran, relative


def _hijri_follows(m: Match, items: Items) -> bool:
    end = m.span[1]
    return end < len(items.codes) and items.codes[end] == "H"


def _day_month(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, day, mod = month_of(m, ctx), day_of(m, ctx), modifier(m, ctx)
    if month is None or day is None or mod is None or mod == "before_last":
        return None
    if m.rule == "mdy" and not ctx.lex.month_before_day:
        return None  # "سبتمبر 12 سنتا": Arabic and Spanish put the day first
    if "y" in m.groups:
        year = year_of(m, ctx, 1000, 2199)
        if year is None or not cal.valid_day(year, month, day) or mod:
            return None
    elif "a" in m.groups:  # "21 سبتمبر من العام الماضي": the year is counted, not the month
        unit = find(m, ctx, "a", "A")
        if unit is None or unit.form != "sg" or mod not in _STEP:
            return None
        year = anchor.year + _STEP[mod]
    else:
        year = cal.year_of_month(month, anchor, mod, ctx.tense(m), day)
        wd = find(m, ctx, "wd", "W")
        if wd is not None and ctx.anchor is not None:
            year = cal.year_by_weekday(year, month, day, int(wd.value))  # type: ignore[call-overload]
    return (cal.fmt(year, month, day), "day") if cal.valid_day(year, month, day) else None


def _day_list(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    """The first day of "4 و5 أغسطس": the date after it, read as the day-month rule reads it,
    with the first day's number (smaller: a list runs forward). Without a range word between
    them, the second day must carry one as a proclitic ("والخامس")."""
    a, b = m.groups["x_next"]
    if "x_t" not in m.groups and ctx.items.gap(a).strip() not in ctx.lex.range_words:
        return None
    day = day_of(m, ctx)
    found = RULES["dmy"].fullmatch("".join(ctx.items.codes[a:b]))
    if day is None or found is None:
        return None
    groups = {k: (s + a, e + a) for k, (s, e) in _group_spans(found)}
    got = _day_month(Match("dmy", groups), ctx, anchor)
    if got is None:
        return None
    year, month = int(got[0][:4]), int(got[0][5:7])
    if day >= int(got[0][8:10]) or not cal.valid_day(year, month, day):
        return None  # a list or range runs forward: "31 و1 أغسطس" is not August 31
    return cal.fmt(year, month, day), "day"


def _group_spans(found: re.Match[str]) -> list[tuple[str, tuple[int, int]]]:
    return [(k, found.span(k)) for k, v in found.groupdict().items() if v]


def _month_year(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, year = month_of(m, ctx), year_of(m, ctx, 1000, 2199)
    return None if month is None or year is None else (cal.fmt(year, month), "month")


def _month_rel(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, mod = month_of(m, ctx), modifier(m, ctx)
    if month is None or mod is None:
        return None
    tense = ctx.tense(m) if not mod else ""
    return cal.fmt(cal.year_of_month(month, anchor, mod, tense), month), "month"


def _month_range(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    """The first month of "de febrero a abril de 2021", "between September and December 1986"
    takes the year written after the second; a range across New Year starts the year before."""
    first = month_of(m, ctx)
    last = month_of(Match(m.rule, {"mon": m.groups["x_m"]}), ctx)
    year = year_of(Match(m.rule, {"y": m.groups["x_y"]}), ctx, 1000, 2199)
    if first is None or last is None or year is None:
        return None
    return cal.fmt(year - 1 if first > last else year, first), "month"


def _month_name(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    """A month named alone ("the January data", "تسليم سبتمبر"), unless the name is also a
    common word or name ("May", "مارس" = exercised), which needs a frame or a day."""
    a, b = m.groups["mon"]
    its = ctx.items
    need = ctx.lex.months_need_support
    if any(its.item(k).key in need for k in range(a, b) if its.codes[k] == "M"):
        return None
    return _month_rel(m, ctx, anchor)


def _month_rel_year(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, mod, unit = month_of(m, ctx), modifier(m, ctx), find(m, ctx, "a", "A")
    if month is None or not mod or unit is None or unit.form != "sg":
        return None
    return cal.fmt(anchor.year + _STEP[mod], month), "month"


def _weekday(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    wd, mod = find(m, ctx, "wd", "W"), modifier(m, ctx)
    if wd is None or mod is None:
        return None
    if wd.key[0] in ctx.lex.need_support and not mod and "x_intro" not in m.groups:
        return None
    return cal.weekday_date(int(wd.value), anchor, mod, ctx.tense(m)).isoformat(), "day"  # type: ignore[call-overload]


def _day_word(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    day, wd = find(m, ctx, "day", "D"), find(m, ctx, "wd", "W")
    if day is None:
        return None
    offset = int(day.value)  # type: ignore[call-overload]
    if wd is None or ctx.anchor is None:
        return cal.shift(anchor, "day", offset)
    # "اليوم الاثنين" in a story dated Friday was written on Monday: the weekday wins.
    return cal.day_with_weekday(anchor, offset, int(wd.value)).isoformat(), "day"  # type: ignore[call-overload]


def _unit_rel(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    unit, mod = find(m, ctx, "u", "UA"), modifier(m, ctx)
    if unit is None or not mod or unit.form != "sg":
        return None
    ana = anaphor(m, ctx)
    if unit.kind == "day" and not ana:
        return None  # "the next day" counts from an event, not publication
    if any(unit.key[0].endswith(e) for e in ctx.lex.quantity_endings):
        return None  # "الاثنى عشر شهرا الماضية" (a counted period), not "الشهر الماضي"
    # An anaphoric one ("el día anterior") is read from publication here; dates_anaphora.py
    # reads it again from the date named before it, or drops it when it needs one.
    step = ANAPHOR_STEP[ana] if ana else _STEP[mod]
    return cal.shift(anchor, unit.kind, step, ctx.lex.week_start)


def _part_unit(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    unit, mod, part = find(m, ctx, "u", "UA"), modifier(m, ctx), find(m, ctx, "r", "R")
    if unit is None or part is None or mod is None or unit.form != "sg":
        return None
    if unit.kind not in ("month", "year"):
        return None  # "the end of the week" / "نهاية الأسبوع" is the weekend, not a date
    tense = ctx.tense(m) if mod in ("", "this") else ""
    return cal.part_of_unit(unit.kind, part.kind, anchor, mod if mod != "this" else "", tense)


def _part_month(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, mod = month_of(m, ctx), modifier(m, ctx)
    if month is None or mod is None:
        return None
    if "y" in m.groups:
        year = year_of(m, ctx, 1000, 2199)
        return None if year is None else (cal.fmt(year, month), "month")
    tense = ctx.tense(m) if not mod else ""
    return cal.fmt(cal.year_of_month(month, anchor, mod, tense), month), "month"


def _part_year(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    year = year_of(m, ctx)
    return None if year is None else (cal.fmt(year), "year")


def _ago(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    unit, part = find(m, ctx, "u", "UA"), find(m, ctx, "g", "R")
    if unit is None or (part is not None and part.key not in ctx.lex.ago_parts):
        return None  # "a year earlier" is "a year ago"; "a year later" is not a date
    pre = ctx.lex.definite_prefix
    if pre and unit.key[0].startswith(pre):
        return None  # "منذ العام" = since the year (...), not "a year ago"
    number = find(m, ctx, "n", "Nn")
    if number is not None:
        count = number.value if isinstance(number.value, int) else 0
    else:
        count = {"sg": 1, "du": 2}.get(unit.form, 0)
    if not 1 <= count <= 100:
        return None
    return cal.ago(anchor, unit.kind, count, ctx.lex.week_start)


def _year_only(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    # After a frame or a year word, historic years read too ("de 1494", "العام 1869").
    year = year_of(m, ctx, ctx.lex.framed_year_min if m.rule != "ybare" else 1900)
    if year is None:
        return None
    if m.rule == "ybare" and _quantity_before(m, ctx):
        return None
    frame = find(m, ctx, "x_f", "o")
    if (m.rule == "ybare" or frame is not None) and _quantity_after(m, ctx):
        return None  # "من 1916 دولارا": "from" starts a range of amounts as well
    y_item = find(m, ctx, "y", "Y")
    end = m.span[1]
    nxt = ctx.items.codes[end] if end < len(ctx.items) else None
    if y_item is None or y_item.designation or (nxt is not None and nxt in "k%"):
        return None
    if nxt == ":" and _file_number(ctx.items, end, y_item.end):
        return None
    return cal.fmt(year), "year"


def _file_number(items: Items, k: int, at: int) -> bool:
    """ "2018/ABC/XY12": a year joined by a slash to letters heads a file number; "2018/2019"
    (a number after the slash) is two years."""
    if k + 1 >= len(items):
        return False
    _, start, end, key = items.view(k)
    if start != at or key != ("/",):
        return False
    code, after, _, _ = items.view(k + 1)
    return after == end and code not in "NYQS.:/cpqh%$"


def _quantity_before(m: Match, ctx: Context) -> bool:
    """A bare four-digit number is an amount or a time, not a year, when "about", "$" or "at"
    stands before it."""
    a, _ = m.span
    before = ctx.items.codes[max(0, a - 2) : a]
    if "Y" in before:
        return False  # a list of years: "2015 و 2016", "1986 and 1985", "2015 / 2016"
    return bool(before and before[-1] in "$aKNc%") or before[-2:] == "ao"


def _quantity_after(m: Match, ctx: Context) -> bool:
    """A counted noun follows the number ("1950 personas", "1950 زائرا"), unless the number
    ends a list of years ("2015 و 2016 متذرعا")."""
    a, b = m.span
    if "Y" in ctx.items.codes[max(0, a - 2) : a]:
        return False
    nxt = ctx.items.peek(b) if b < len(ctx.items) else None
    if nxt is None or nxt[0] != "_" or len(nxt[1][0]) < 4:
        return False
    word, pre = nxt[1][0], ctx.lex.definite_prefix
    if pre and word.startswith(pre):
        return False
    return any(word.endswith(e) for e in ctx.lex.quantity_endings)


def _numeric(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    it = find(m, ctx, "q", "Q")
    if it is None or it.designation or it.glued:
        return None
    ymd = cal.numeric_date(it.key[0], ctx.lex.numeric_order)
    return None if ymd is None else (cal.fmt(*ymd), "day")


def _span(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    it = find(m, ctx, "s", "S")
    if it is None or it.designation or it.glued:
        return None
    got = cal.year_span(it.key[0])
    if got is None:
        return None
    kind, value = got
    if kind == "span":
        return cal.fmt(value), "year"
    return cal.fmt(int(it.key[0][:4]), value), "month"


# The rules whose reading takes the clause's tense for its value alone: whether a match is a
# date, and its span, do not depend on it (dates.extract reads them without it first).
TENSE_VALUE_ONLY: Final = frozenset(
    {"mrel_pre", "mrel_post", "mbare", "mbare_unit", "mname", "wd", "part_u", "part_m"}
)

_READERS: Final[dict[str, Reader]] = {
    "dmy": _day_month,
    "mdy": _day_month,
    "dlist": _day_list,
    "my": _month_year,
    "mrel_pre": _month_rel,
    "mrel_post": _month_rel,
    "mrely": _month_rel_year,
    "mbare": _month_rel,
    "mbare_unit": _month_rel,
    "mrange": _month_range,
    "mname": _month_name,
    "wd": _weekday,
    "dayw": _day_word,
    "day": _day_word,
    "urel_pre": _unit_rel,
    "urel_post": _unit_rel,
    "part_u": _part_unit,
    "part_m": _part_month,
    "part_y": _part_year,
    "ago_b": _ago,
    "ago_a": _ago,
    "yframe": _year_only,
    "yunit": _year_only,
    "ybare": _year_only,
    "q": _numeric,
    "s": _span,
    **hijri.READERS,
}

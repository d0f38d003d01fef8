"""Dates that count from the date named before them, not from publication.

"تراجعت في يونيو عن الشهر السابق" is May, "En 2018 ... que en el año anterior" is 2017, "en
1995. Al año siguiente" is 1996 (the modifiers of data/<lang>/dates.json anaphoric_modifiers).
The date counted from is the mention just before, in the same sentence ("following": or the
sentence before, which is where the narrative names it). Without one, a "previous" year, month
or week keeps its reading from publication ("compared with the previous year" in a report is
the year before publication); a "following" one, or a day ("el día anterior"), is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import final

from dashboard.extract import dates_resolve as cal
from dashboard.extract.dates_match import ANAPHOR_STEP
from dashboard.extract.dates_period import period
from dashboard.model import Mention

# "قبل عام" (a year ago) is itself a comparison with publication, not the time spoken of.
_NO_ANTECEDENT_RULES = frozenset({"ago_a", "ago_b"})
_SENTENCE_ENDS = frozenset("./")
_REACH = 80  # items: an antecedent further back belongs to another topic
# The value length (granularity) an antecedent needs for each unit: a year for a year, ...
_NEEDS = {"year": 4, "month": 7, "week": 10, "day": 10}


# A plain class with an explicit __init__, not a dataclass: compiled, a dataclass's generated
# __init__ runs as Python (a note is made for each mention).
@final
class Note:
    """What the anaphora pass needs of a mention: its rule, item span and anaphoric reading
    (kind "previous"/"following" and unit, or "" when it names its own date)."""

    __slots__ = ("rule", "items", "kind", "unit")

    def __init__(self, rule: str, items: tuple[int, int], kind: str = "", unit: str = "") -> None:
        self.rule = rule
        self.items = items
        self.kind = kind
        self.unit = unit


def resolve(
    mentions: list[Mention],
    notes: dict[tuple[int, int], Note],
    codes: Sequence[str],
    lang: str,
    week_start: int,
) -> list[Mention]:
    """The mentions (in text order) with anaphoric ones read from their antecedent."""
    out: list[Mention] = []
    prev: tuple[Mention, Note] | None = None
    for m in mentions:
        note = notes[(m.start, m.end)]
        if note.kind:
            got = _antecedent(prev, note, codes)
            if got is not None:
                _read_from(m, note, got, lang, week_start)
            elif note.kind == "following" or note.unit == "day":
                continue  # no date to count from
        out.append(m)
        prev = (m, note)
    return out


def _antecedent(
    prev: tuple[Mention, Note] | None, note: Note, codes: Sequence[str]
) -> tuple[Mention, Note] | None:
    if prev is None:
        return None
    m, pnote = prev
    value = m.attrs["value"]
    if pnote.rule in _NO_ANTECEDENT_RULES or len(value) < _NEEDS[note.unit]:
        return None
    a, b = pnote.items[1], note.items[0]
    if b - a > _REACH:
        return None
    ends = sum(code in _SENTENCE_ENDS for code in codes[a:b])
    return prev if ends <= (1 if note.kind == "following" else 0) else None


def _read_from(
    m: Mention, note: Note, antecedent: tuple[Mention, Note], lang: str, week_start: int
) -> None:
    """Set the mention's value (and period) counted from the antecedent's."""
    base, bnote = antecedent
    attrs = m.attrs
    if note.kind == "previous" and (bnote.kind, bnote.unit) == (note.kind, note.unit):
        # "... عن الشهر السابق ... خلال الشهر السابق": the same month again, not one before it.
        for key in ("value", "granularity", "period_start", "period_end"):
            attrs[key] = base.attrs[key]
        return
    step, value = ANAPHOR_STEP[note.kind], base.attrs["value"]
    first, last = "", ""
    if note.unit == "year":
        value, gran = cal.fmt(int(value[:4]) + step), "year"
    elif note.unit == "month":
        value, gran = cal.fmt(*cal.add_months(int(value[:4]), int(value[5:7]), step)), "month"
    elif note.unit == "week":
        start, _ = cal.shift(date.fromisoformat(value), "week", step, week_start)
        value, gran, first, last = cal.week_reading(start)
    else:
        value, gran = (date.fromisoformat(value) + timedelta(days=step)).isoformat(), "day"
    if not first:
        first, last = period(m.text, lang, value, gran)
    attrs.update(value=value, granularity=gran, period_start=first, period_end=last)

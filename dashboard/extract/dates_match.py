"""What the date readers share: a rule match, its context, and readers of its parts.

dates_grammar.py (Gregorian and relative rules) and dates_hijri.py (Hijri rules) both read
matches through these helpers, so neither imports the other's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import final

from dashboard.extract.dates_items import Item, Items
from dashboard.extract.dates_lexicon import DateLexicon


# A plain class with an explicit __init__, not a dataclass: compiled, a dataclass's generated
# __init__ runs as Python (a match is built for each rule match of every text).
@final
class Match:
    """One rule match: item index ranges of its named groups (empty groups left out)."""

    __slots__ = ("rule", "groups", "_span")

    def __init__(self, rule: str, groups: dict[str, tuple[int, int]]) -> None:
        self.rule = rule
        self.groups = groups
        self._span: tuple[int, int] | None = None

    def __repr__(self) -> str:
        return f"Match({self.rule!r}, {self.groups!r})"

    @property
    def span(self) -> tuple[int, int]:
        """First and one-past-last item of the mention (context groups left out); computed once
        (not a cached_property: in Python 3.11 that takes a lock on every read)."""
        span = self._span
        if span is None:
            # A loop over the few groups: compiled, the comparisons are native ints.
            first, last = -1, -1
            for k, (a, b) in self.groups.items():
                if not k.startswith("x_"):
                    if first < 0 or a < first:
                        first = a
                    if b > last:
                        last = b
            span = self._span = first, last
        return span


@dataclass
class Context:
    """What a reading needs besides the match: items, lexicon, anchor and a tense oracle."""

    items: Items
    lex: DateLexicon
    anchor: date | None
    tense: Callable[[Match], str]


Reader = Callable[[Match, Context, date], "tuple[str, str] | None"]

# The rules whose modifier may count from the date named before ("the previous month").
ANAPHORIC_RULES = frozenset({"urel_pre", "urel_post", "part_u"})
ANAPHOR_STEP = {"previous": -1, "following": 1}


def find(m: Match, ctx: Context, group: str, codes: str) -> Item | None:
    """The first item of a group whose code is one of `codes`, or None."""
    span = m.groups.get(group)
    if span is None:
        return None
    its = ctx.items
    every = its.codes
    # The code string tells which item it is: only that one is built (the others may never be).
    # A loop of indices: compiled, no slice and no enumerate object.
    for k in range(span[0], span[1]):
        if every[k] in codes:
            return its.item(k)
    return None


def month_of(m: Match, ctx: Context, code: str = "M") -> int | None:
    """The month number of the `mon` group; None when it names two months or a unit that is
    not "month" ("شهر يوليو" is July, "عام يوليو" is nothing)."""
    a, b = m.groups["mon"]
    its = ctx.items
    codes = its.codes  # only the months and units of the group are built
    months = {its.item(k).value for k in range(a, b) if codes[k] == code}
    if len(months) != 1 or any(its.item(k).kind != "month" for k in range(a, b) if codes[k] == "U"):
        return None
    return int(months.pop())  # type: ignore[call-overload]


def modifier(m: Match, ctx: Context) -> str | None:
    """The modifier kind ("" when none); None when two are given or one stands on a side of
    its noun the language does not put it ("الماضي أغسطس" is two phrases, not "last August")."""
    before, after = find(m, ctx, "mod0", "L"), find(m, ctx, "mod", "L")
    if before is not None and before.key not in ctx.lex.mods_before:
        return None
    if after is not None and after.key not in ctx.lex.mods_after:
        return None
    if before is not None and after is not None:
        return None
    given = before or after
    if given is not None and given.kind == "following" and m.rule not in ANAPHORIC_RULES:
        return None  # "the following Monday" counts from an event no rule here reads
    return given.kind if given is not None else ""


def anaphor(m: Match, ctx: Context) -> str:
    """ "previous" or "following" when the match's modifier counts from the date named before
    it ("el año anterior", "the following year"), else ""."""
    if m.rule not in ANAPHORIC_RULES:
        return ""
    mod = find(m, ctx, "mod0", "L") or find(m, ctx, "mod", "L")
    return ctx.lex.anaphoric.get(mod.key, "") if mod is not None else ""


def year_of(m: Match, ctx: Context, low: int = 1900, high: int = 2100) -> int | None:
    """The year of the `y` group within [low, high]; a number glued to letters ("1990s") is
    not a year unless the letters are a year suffix or a Hijri marker ("2015م", "1436هـ")."""
    it = find(m, ctx, "y", "Y")
    if it is None or not isinstance(it.value, int) or not low <= it.value <= high:
        return None
    if it.glued and "z" not in m.groups and "h" not in m.groups:
        return None
    return it.value


def day_of(m: Match, ctx: Context) -> int | None:
    """The day number (1-31) of the `d` group (digits, "الرابع عشر", "siete"); None for a
    model designation ("سو-30")."""
    it = find(m, ctx, "d", "NOn")
    if it is None or it.designation:
        return None
    value = it.value
    return value if isinstance(value, int) and 1 <= value <= 31 else None

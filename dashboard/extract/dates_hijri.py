"""Hijri dates ("15 شعبان 1436هـ", "رمضان 1436", "1436 هـ", "28/7/1433هـ", "شوال المقبل")
converted to Gregorian with the Umm al-Qura tables of the `hijridate` package (1343-1500 AH).

Values, and why:
- a Hijri day is the Gregorian day it falls on (granularity day);
- a Hijri month is the Gregorian month holding its 15th day (granularity month): a Hijri month
  always straddles two Gregorian months and the one holding its middle holds most of its days,
  so a timeline draws "رمضان 1436" (18 June - 16 July 2015) in July 2015, where it mostly
  fell. A part of a month ("أواخر صفر") takes the day of that part instead (5, 15 or 25);
- a Hijri year is the Gregorian year holding most of its days (1436 AH is 2015);
- a Hijri month with a Gregorian year ("رمضان 2015") is the one that begins in that year.
A Hijri month name needs support (a day, a year, a modifier, "شهر" or a frame such as "في")
because the names are also words and names: "صفر" is zero, "رمضان" and "رجب" are given names.
"""

from __future__ import annotations

import re
from datetime import date

from hijridate import Gregorian, Hijri

from dashboard.extract import dates_resolve as cal
from dashboard.extract.dates_match import (
    Context,
    Match,
    Reader,
    day_of,
    find,
    modifier,
    month_of,
    year_of,
)

FIRST_YEAR, LAST_YEAR = 1343, 1500  # the range of the Umm al-Qura tables
# The day of a Hijri month that stands for the whole month, or for a part of it.
PART_DAY = {"": 15, "early": 5, "mid": 15, "late": 25, "within": 15}

HM = r"(?:Uo?)?J"  # "رمضان", "شهر رمضان"
# "من العام المقبل" after a Hijri month counts Hijri years; A is taken only with its modifier.
_REL = r"(?:(?:o?e?(?P<a>A))?(?P<mod>L))?"
RULES: dict[str, str] = {
    "h_dmy": rf"(?P<d>N)o?(?P<mon>{HM})(?:c?o?e?(?P<y>A?Y)(?P<h>H?)|{_REL})",
    "h_my": rf"(?P<mon>{HM})o?e?(?P<y>A?Y)(?P<h>H?)",
    "h_mrel": rf"(?P<x_f>[FB])?(?P<mod0>L)?e?(?P<mon>{HM}){_REL}",
    "h_part": rf"(?P<r>R)h?o?e?(?P<mon>{HM})(?:o?e?(?P<y>A?Y)(?P<h>H?)|{_REL})",
    "h_year": r"(?P<y>A?Y)(?P<h>H)",
    "h_num": r"(?P<q>Q)(?P<h>H)",
}
NEEDS_YEAR = {"h_dmy", "h_part"}
ALWAYS_RELATIVE = {"h_mrel"}

_PARTS = re.compile(r"\d+")


def to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Hijri day; None outside the tables or for a day the month
    does not have (the 30th of a 29-day month)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        got = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(got.year, got.month, got.day)  # a plain date, not the package's subclass


def month_value(year: int, month: int, day: int = 15) -> str | None:
    """ "YYYY-MM" of the Gregorian month holding day `day` of a Hijri month."""
    got = to_gregorian(year, month, day)
    return None if got is None else cal.fmt(got.year, got.month)


def year_value(year: int) -> str | None:
    """ "YYYY" of the Gregorian year holding most days of a Hijri year."""
    start = to_gregorian(year, 1, 1)
    if start is None:
        return None
    # A Hijri year has 354 or 355 days; the next New Year may lie past the tables.
    end = to_gregorian(year + 1, 1, 1) or date.fromordinal(start.toordinal() + 354)
    in_first = (date(start.year + 1, 1, 1) - start).days
    return cal.fmt(start.year if 2 * in_first >= (end - start).days else start.year + 1)


def hijri_of(day: date) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian day in the Hijri calendar; None outside the tables."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def year_for_gregorian(month: int, day: int, gregorian_year: int) -> int | None:
    """The Hijri year in which (month, day) falls in the given Gregorian year (the first
    such when a Gregorian year holds two, as 2030 holds two Ramadans)."""
    jan = hijri_of(date(gregorian_year, 1, 1))
    if jan is None:
        return None
    for year in (jan[0], jan[0] + 1):
        got = to_gregorian(year, month, day)
        if got is not None and got.year == gregorian_year:
            return year
    return None


def _hijri_year(m: Match, ctx: Context, month: int, day: int) -> int | None:
    """The Hijri year of a written year: Hijri (1343-1500, with or without "هـ") or a
    Gregorian year ("رمضان 2015") mapped to the Hijri year whose month falls in it."""
    year = year_of(m, ctx, FIRST_YEAR, LAST_YEAR)
    if year is not None:
        return year
    if "h" in m.groups:
        return None
    year = year_of(m, ctx)
    return None if year is None else year_for_gregorian(month, day, year)


def _relative_year(m: Match, ctx: Context, anchor: date, month: int, day: int) -> int | None:
    here = hijri_of(anchor)
    if here is None:
        return None
    mod = modifier(m, ctx)
    if mod is None:
        return None
    if "a" in m.groups:
        unit = find(m, ctx, "a", "A")
        step = {"last": -1, "next": 1, "this": 0}
        return here[0] + step[mod] if unit is not None and unit.form == "sg" and mod else None
    tense = ctx.tense(m) if mod in ("", "this") else ""
    return cal.cycle_year(month, here, "" if mod == "this" else mod, tense, day)


def _day(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, day = month_of(m, ctx, "J"), day_of(m, ctx)
    if month is None or day is None:
        return None
    if "y" in m.groups:
        year = _hijri_year(m, ctx, month, day)
    else:
        year = _relative_year(m, ctx, anchor, month, day)
    got = None if year is None else to_gregorian(year, month, day)
    return None if got is None else (got.isoformat(), "day")


def _month_year(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month = month_of(m, ctx, "J")
    if month is None:
        return None
    year = _hijri_year(m, ctx, month, 1)
    value = None if year is None else month_value(year, month)
    return None if value is None else (value, "month")


def _month_rel(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month = month_of(m, ctx, "J")
    supported = bool({"x_f", "mod0", "mod"} & set(m.groups)) or find(m, ctx, "mon", "U") is not None
    if month is None or not supported:
        return None
    year = _relative_year(m, ctx, anchor, month, 0)
    value = None if year is None else month_value(year, month)
    return None if value is None else (value, "month")


def _part(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    month, part = month_of(m, ctx, "J"), find(m, ctx, "r", "R")
    if month is None or part is None:
        return None
    day = PART_DAY.get(part.kind, 15)
    if "y" in m.groups:
        year = _hijri_year(m, ctx, month, day)
    else:
        year = _relative_year(m, ctx, anchor, month, 0)
    value = None if year is None else month_value(year, month, day)
    return None if value is None else (value, "month")


def _year(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    year = year_of(m, ctx, FIRST_YEAR, LAST_YEAR)
    value = None if year is None else year_value(year)
    return None if value is None else (value, "year")


def _numeric(m: Match, ctx: Context, anchor: date) -> tuple[str, str] | None:
    """ "28/7/1433هـ" (day/month/year, or year first when it has four digits)."""
    it = find(m, ctx, "q", "Q")
    if it is None or it.designation:
        return None
    text = it.key[0]
    nums = [int(x) for x in _PARTS.findall(text)]
    first = _PARTS.match(text)
    year, month, day = nums if first and len(first.group()) == 4 else nums[::-1]
    if not 1 <= month <= 12:
        return None
    got = to_gregorian(year, month, day)
    return None if got is None else (got.isoformat(), "day")


READERS: dict[str, Reader] = {
    "h_dmy": _day,
    "h_my": _month_year,
    "h_mrel": _month_rel,
    "h_part": _part,
    "h_year": _year,
    "h_num": _numeric,
}

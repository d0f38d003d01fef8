"""Calendar arithmetic: relative date expressions resolved against a publication date.

All functions are pure. `anchor` is the publication date; `tense` is "past", "future" or ""
(unknown) for the clause holding the expression; `mod` is "last", "next", "this" or "".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Final

# Where a part of a month (day) or of a year (month) starts: "mid-month" starts on the 11th.
PART_DAY = {"early": 1, "mid": 11, "late": 21, "within": 1}
PART_MONTH = {"early": 1, "mid": 5, "late": 9, "within": 1}
UNIT_DAYS = {"day": 1, "week": 7}


# Two-digit texts of the months and days: compiled, a format spec is a Python-level call.
_TWO: Final = tuple(f"{k:02d}" for k in range(32))


def fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    """ISO text of a year, a month or a day."""
    if not 1000 <= y <= 9999 or not 0 <= (m or 0) <= 31 or not 0 <= (d or 0) <= 31:
        return _fmt(y, m, d)  # rare: padded or signed years, out-of-range parts
    year = str(y)
    if m is None:
        return year
    if d is None:
        return year + "-" + _TWO[m]
    return year + "-" + _TWO[m] + "-" + _TWO[d]


def _fmt(y: int, m: int | None, d: int | None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) k months after (y, m); k may be negative."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def valid_day(y: int, m: int, d: int) -> bool:
    """True when (y, m, d) is a real calendar day."""
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def year_of_month(month: int, anchor: date, mod: str, tense: str, day: int = 0) -> int:
    """The year of a month (or month and day) given without a year.

    "last"/"الماضي" means the most recent one strictly before publication (so "last November"
    in a November article is the year before); "next" the first one strictly after; otherwise
    the publication year, except that a past-tense clause pushes a month (day) that would lie
    after publication back a year (a future-tense one pushes a month before it forward), and
    without a tense a month more than six months ahead is taken in the year before.
    """
    return cycle_year(month, (anchor.year, anchor.month, anchor.day), mod, tense, day)


def cycle_year(month: int, anchor: tuple[int, int, int], mod: str, tense: str, day: int = 0) -> int:
    """year_of_month for an anchor given as (year, month, day) of any calendar: the Hijri
    month "رمضان الماضي" is resolved the same way against the Hijri publication date."""
    year, here_month, here_day = anchor
    here = (here_month, here_day if day else 0)
    there = (month, day)
    if mod == "before_last":
        return cycle_year(month, anchor, "last", tense, day) - 1
    if mod == "last":
        return year - 1 if there >= here else year
    if mod == "next":
        return year + 1 if there <= here else year
    if mod == "" and tense == "past" and there > here and not _soon(anchor, month, day):
        return year - 1
    if mod == "" and tense == "future" and there < here:
        return year + 1  # "سيعقد في يناير" written in November: the coming January
    if mod == "" and tense == "" and month - here_month > 6:
        # No tense to go by: news mostly reports the past, so a month more than half a year
        # ahead is the one just past ("484 mln in December", said in March).
        return year - 1
    return year


def _soon(anchor: tuple[int, int, int], month: int, day: int) -> bool:
    """A written day at most 45 days after publication is that day even in a past-tense
    clause ("set April 1 for the debut"): a day a year back would carry its year."""
    if not day:
        return False
    year, here_month, here_day = anchor
    ahead = (month - here_month) * 30.5 + (day - here_day)
    return 0 < ahead <= 45


def year_by_weekday(year: int, month: int, day: int, weekday: int) -> int:
    """The year nearest `year` (within one) in which day/month falls on `weekday`.

    "السبت 15 أغسطس" in an article of 1 August 2015 is 2015 (a Saturday), whatever the tense.
    """
    for y in (year, year + 1, year - 1):
        if valid_day(y, month, day) and date(y, month, day).weekday() == weekday:
            return y
    return year


def weekday_date(weekday: int, anchor: date, mod: str, tense: str) -> date:
    """The day a weekday name refers to (Monday is 0).

    "last" is the latest such day strictly before publication, "next" (or a future clause) the
    first strictly after; a bare weekday in news is the latest one on or before publication.
    """
    back = (anchor.weekday() - weekday) % 7
    if mod == "before_last":
        return anchor - timedelta(days=(back or 7) + 7)
    if mod == "last":
        return anchor - timedelta(days=back or 7)
    if mod == "next" or (mod == "" and tense == "future"):
        ahead = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or 7)
    return anchor - timedelta(days=back)


def day_with_weekday(anchor: date, offset: int, weekday: int) -> date:
    """The day of "اليوم الاثنين" / "أمس الخميس" (day word `offset` days from publication, named
    weekday). When the two disagree, the story was usually published days after it was
    written, so the weekday wins: the latest such day on or before the day word's date, or the
    day after it when that is the weekday named."""
    day = anchor + timedelta(days=offset)
    back = (day.weekday() - weekday) % 7
    return day + timedelta(days=1) if back == 6 else day - timedelta(days=back)


def shift(anchor: date, unit: str, k: int, week_start: int = 0) -> tuple[str, str]:
    """(value, granularity) of the unit k steps from publication ("last month": -1).

    A week gives its first day (weekday `week_start`, Monday is 0) and the granularity "week",
    which week_reading turns into what the output contract allows.
    """
    if unit == "day":
        return (anchor + timedelta(days=k)).isoformat(), "day"
    if unit == "week":
        day = anchor + timedelta(days=7 * k)
        return (day - timedelta(days=(day.weekday() - week_start) % 7)).isoformat(), "week"
    if unit == "month":
        return fmt(*add_months(anchor.year, anchor.month, k)), "month"
    return fmt(anchor.year + k), "year"


def week_reading(first_day: str) -> tuple[str, str, str, str]:
    """(value, granularity, first, last) of the week beginning on `first_day` (ISO, or "").

    The output contract has no week value, and a day would claim a precision the text lacks, so
    the value is the month holding most of the week (its middle day, as ISO weeks count) and
    the week's own days go to the period bounds: "next week" in an English story of Tuesday
    3 March 1987 is 1987-03, period 1987-03-08 to 1987-03-14 (not the 1st, before publication).
    """
    if not first_day:
        return "", "month", "", ""
    first = date.fromisoformat(first_day)
    middle, last = first + timedelta(days=3), first + timedelta(days=6)
    return fmt(middle.year, middle.month), "month", first.isoformat(), last.isoformat()


def part_of_unit(unit: str, part: str, anchor: date, mod: str, tense: str) -> tuple[str, str]:
    """(value, granularity) of "mid-month", "early last year", "أواخر الشهر الجاري".

    Without last/next, a part that would begin after publication in a past-tense clause is the
    previous month (year): "an envoy visited mid-month", reported on the 1st, went last month.
    """
    k = {"last": -1, "next": 1, "before_last": -2}.get(mod, 0)
    if unit == "month":
        if k == 0 and tense == "past" and PART_DAY[part] > anchor.day:
            k = -1
        return fmt(*add_months(anchor.year, anchor.month, k)), "month"
    if k == 0 and tense == "past" and PART_MONTH[part] > anchor.month:
        k = -1
    return fmt(anchor.year + k), "year"


def ago(anchor: date, unit: str, n: int, week_start: int = 0) -> tuple[str, str]:
    """(value, granularity) of "n units ago" ("قبل ثلاثة أيام", "hace dos años")."""
    return shift(anchor, unit, -n, week_start)


def two_digit_year(yy: int) -> int:
    """A two-digit year: 00-50 is this century, 51-99 the last."""
    return 2000 + yy if yy <= 50 else 1900 + yy


_PARTS = re.compile(r"\d+")


def numeric_date(text: str, order: str) -> tuple[int, int, int] | None:
    """(y, m, d) of "2025-11-01", "1/11/2025", "١٫١١٫٢٠٢٥" (normalised); None when invalid.

    `order` ("dmy" or "mdy") reads the day-month order; when that order gives no valid date the
    other one is tried ("25/12/2025" is unambiguous). Two-digit years are only read with "/".
    """
    nums = [int(x) for x in _PARTS.findall(text)]
    if len(nums) != 3:
        return None
    first = _PARTS.match(text)
    if first and len(first.group()) == 4:
        y, m, d = nums
    else:
        a, b, y = nums
        if y < 100:
            if "/" not in text:
                return None
            y = two_digit_year(y)
        d, m = (a, b) if order == "dmy" else (b, a)
        if 1900 <= y <= 2100 and not valid_day(y, m, d):
            d, m = m, d
    if not 1900 <= y <= 2100 or not valid_day(y, m, d):
        return None
    return y, m, d


def year_span(text: str) -> tuple[str, int] | None:
    """Reading of "2012-13" / "2025-11": ("span", first year) or ("month", month); else None.

    Two consecutive years ("1986/87") are a span; we give its first year. Otherwise a second
    part 1-12 after a hyphen is an ISO year-month.
    """
    nums = [int(x) for x in _PARTS.findall(text)]
    y, tail = nums[0], nums[1]
    if not 1900 <= y <= 2100:
        return None
    if tail == (y + 1) % 100:
        return "span", y
    if "-" in text and 1 <= tail <= 12:
        return "month", tail
    if tail > y % 100:
        return "span", y
    return None

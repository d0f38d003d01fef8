"""The span of a period expression: "early 2025" is January to April, "منتصف الشهر" days 11-20."""

from __future__ import annotations

import calendar
from functools import cache, lru_cache

from dashboard.lexicon import load
from dashboard.text import fold, words

# Thirds of a year (months) and of a month (days) for early, mid and late.
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


@cache
def _parts(lang: str) -> dict[str, str]:
    """Folded part word -> early, mid or late."""
    data = load(lang, "dates")["parts"]
    return {fold(w): part for part, ws in data.items() if part in YEAR_THIRDS for w in ws}


def period(text: str, lang: str, value: str, granularity: str) -> tuple[str, str]:
    """(first, last) ISO bounds of a period expression, or ("", "") when it names no part."""
    if not value or granularity not in ("year", "month"):
        return "", ""  # a day or a week names no part: no memo look-up (a key to hash)
    return _period(text, lang, value, granularity)


@lru_cache(maxsize=1 << 12)
def _period(text: str, lang: str, value: str, granularity: str) -> tuple[str, str]:
    """`period` of a year or a month. Memoised: the same expressions ("2015", "العام الماضي")
    recur across articles."""
    folded = fold(text)
    parts = _parts(lang)
    if not any(w in folded for w in parts):
        return "", ""  # most expressions: no part word, so no need to split the words
    part = next((parts[folded[a:b]] for a, b in words(folded) if folded[a:b] in parts), None)
    if part is None:
        return "", ""
    if granularity == "year":
        first, last = YEAR_THIRDS[part]
        return f"{value}-{first:02d}", f"{value}-{last:02d}"
    if granularity == "month":
        year, month = (int(x) for x in value.split("-"))
        first, last = MONTH_THIRDS[part]
        last = min(last, calendar.monthrange(year, month)[1])
        return f"{value}-{first:02d}", f"{value}-{last:02d}"
    return "", ""

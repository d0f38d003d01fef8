"""Numbers as written: digit strings with each language's separators, and number words."""

from __future__ import annotations

import re

_GROUPED = {
    # (separator, decimal mark) conventions a language's digits may follow.
    "en": ((",", "."),),
    "ar": ((",", "."),),
    "es": ((".", ","), (",", ".")),
}


def parse_digits(s: str, lang: str) -> float | None:
    """The value of a digit string: "3,500" = 3500 and "3,5" = 3.5 (Spanish), "1.5" = 1.5.

    A separator followed by groups of exactly three digits is a thousands separator; the last
    separator of another kind is the decimal mark. Ambiguous strings follow the language.
    """
    if s.isdigit():
        return float(s)
    seps = set(re.findall(r"[.,]", s))
    if len(seps) == 2:
        # Both marks: the last one is the decimal mark ("1,234.5" or "1.234,5").
        dec = s[max(s.rfind("."), s.rfind(","))]
        group = "," if dec == "." else "."
        return _float(s.replace(group, "").replace(dec, "."))
    sep = seps.pop()
    conventions = _GROUPED.get(lang, _GROUPED["en"])
    for group, _ in conventions:
        if sep == group and re.fullmatch(rf"\d{{1,3}}(?:\{group}\d{{3}})+", s):
            return _float(s.replace(group, ""))
    for _, dec in conventions:
        if sep == dec and s.count(dec) == 1:
            return _float(s.replace(dec, "."))
    return None


def _float(s: str) -> float | None:
    try:
        return float(s)
    except ValueError:
        return None

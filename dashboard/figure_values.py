"""When two reported values can be the same quantity: rounding, "about" and ranges.

A range covers low..high; a single value covers what rounds to it (half a unit of its last
significant digit, at most ROUNDING_SHARE of it: "107,000" is 106,500 to 107,500, "5 billion"
4.75 to 5.25 billion); an approximate value ("about", "more than") covers APPROX_SHARE around
it as well. Two values agree when the intervals they stand for overlap.
"""

from __future__ import annotations

import math

APPROX_SHARE = 0.1  # "about 100" stands for 90 to 110
# Trailing zeros may be rounding or exact ("700,000" is not "650,000"): rounding covers at most
# this share of a value.
ROUNDING_SHARE = 0.05
MAX_DIGITS = 15


def significant_digits(value: float) -> int:
    """How many significant digits a value is written with: 107000 -> 3, 66.5 -> 3, 5e9 -> 1."""
    if value == 0 or not math.isfinite(value):
        return 1
    exp = math.floor(math.log10(abs(value)))
    for k in range(1, MAX_DIGITS + 1):
        rounded = round(value, k - 1 - exp)
        if math.isclose(rounded, value, rel_tol=1e-9):
            return k
    return MAX_DIGITS


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def value_interval(value: float, low: float, high: float, approx: bool) -> tuple[float, float]:
    """The values a figure may stand for (see module doc)."""
    if not (_missing(low) or _missing(high)):
        return (min(low, high), max(low, high))
    if value == 0:
        return (0.0, 0.0)
    exp = math.floor(math.log10(abs(value)))
    half = min(0.5 * 10 ** (exp - significant_digits(value) + 1), ROUNDING_SHARE * abs(value))
    if approx:
        half = max(half, APPROX_SHARE * abs(value))
    return (value - half, value + half)


def agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two value intervals overlap."""
    return a[0] <= b[1] and b[0] <= a[1]


def values_agree(a: float, b: float, approx: bool) -> bool:
    """Whether two single reported values can be the same quantity (either may be "about")."""
    nan = math.nan
    return agree(value_interval(a, nan, nan, approx), value_interval(b, nan, nan, approx))


def readable(value: float) -> str:
    """A figure's value as an analyst reads it: digit grouping, no exponent ("240,200,000",
    not "2.402e+08"), and up to six significant digits past a whole number ("54.92")."""
    if abs(value) >= 1e6 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}"

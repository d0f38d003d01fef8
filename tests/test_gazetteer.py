"""The built gazetteer file, its loader, and the filters of its build script."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import time
from pathlib import Path

from dashboard import gazetteer, gazetteer_build, lexicon
from dashboard.text import words

KINDS = {"country", "city", "region", "water", "continent", "facility"}


def _rows() -> list[dict[str, str]]:
    with gazetteer.GAZETTEER.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_file_is_small_and_well_formed() -> None:
    assert gazetteer.GAZETTEER.stat().st_size < 10_000_000
    rows = _rows()
    assert list(rows[0]) == gazetteer_build.COLUMNS
    assert len(rows) > 30_000
    ids = [r["place_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["kind"] in KINDS, r
        assert r["name"], r
        assert re.fullmatch(r"[A-Z]{2}|", r["country"]), r
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, r
        assert r["source"], r


def test_every_place_has_a_name_in_some_language() -> None:
    for r in _rows():
        assert r["ar"] or r["en"] or r["es"], r


def test_load_is_fast() -> None:
    # A fresh process: the module caches would otherwise hide the cost.
    code = (
        "import time; t = time.perf_counter(); from dashboard import gazetteer; "
        "gazetteer.index('ar'); print(time.perf_counter() - t)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert float(out.stdout) < 1.5  # about 0.3 s on an idle machine; slack for busy CI


def test_key_agrees_with_text_words() -> None:
    for name in ["New York", "U.S.", "Bab el-Mandeb", "Côte d'Ivoire", "الولايات المتحدة"]:
        folded = gazetteer.fold(name)
        assert gazetteer.key(name) == " ".join(folded[s:e] for s, e in words(folded))


def test_lookup_finds_the_seed_places() -> None:
    def names(lang: str, text: str) -> set[str]:
        return {gazetteer.place(r).name for r in gazetteer.index(lang)[gazetteer.key(text)]}

    assert "Caracas" in names("ar", "كراكاس")
    assert "United States" in names("ar", "أميركا")
    assert "Europe" in names("ar", "اوروبا")
    assert "Western Hemisphere" in names("ar", "نصف الكرة الغربي")
    assert "Caribbean" in names("en", "Caribbean")
    assert "Mexico" in names("es", "México")
    assert gazetteer.key("US") in gazetteer.acronyms("en")


def test_prior_puts_countries_before_towns() -> None:
    rows = gazetteer.index("ar")[gazetteer.key("عمان")]
    best = max((gazetteer.place(r) for r in rows), key=lambda p: p.prior)
    assert best.name == "Oman"


def test_stop_names_never_become_places() -> None:
    from dashboard.extract import places
    from dashboard.model import Document

    for lang in ("ar", "en", "es"):
        for w in lexicon.load(lang, "places")["stop_names"]:
            got = places.extract(Document("t", f"word {w} word", lang))
            assert not [m for m in got if gazetteer.key(m.text) == gazetteer.key(w)], (lang, w)


def test_town_names_skip_stop_words() -> None:
    stops = {gazetteer.key(w) for w in lexicon.load("ar", "places")["stop_names"]}
    for r in _rows():
        if r["kind"] == "city" and r["source"] == "geonames":
            assert not {gazetteer.key(n) for n in r["ar"].split("|")} & stops, r


def test_arabic_names_skip_persian_letters_and_common_words() -> None:
    got = gazetteer_build.arabic_names(["مسکو", "موسكو", "ماسکو", "السلام", "ab"], {"السلام"})
    assert got == ["موسكو"]


def test_latin_names_keep_close_spellings_only() -> None:
    got = gazetteer_build.latin_names(
        "Jeddah", ["Jiddah", "Jidda", "JED", "Tzenta", "Philadelphia", "kairo"], set()
    )
    assert got == ["Jeddah", "Jiddah", "Jidda"]
    assert gazetteer_build.latin_names("Bogotá", [], set()) == ["Bogotá", "Bogota"]


def test_extras_merge_adds_names_or_fails_loudly() -> None:
    rows = [gazetteer_build._row(name="Caracas", country="VE", kind="city", ar="كاراكاس")]
    rows[0]["population"] = 1
    extra = {c: "" for c in gazetteer_build.COLUMNS}
    extra.update(name="Caracas", country="VE", kind="city", ar="كراكاس", en="", es="")
    gazetteer_build.merge_extras(rows, [extra])
    assert rows[0]["ar"].split("|") == ["كراكاس", "كاراكاس"]
    bad = dict(extra, name="Nowhere")
    try:
        gazetteer_build.merge_extras(rows, [bad])
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown place in places_extra.csv must fail the build")


def test_every_extra_row_has_a_source() -> None:
    with gazetteer_build.EXTRA.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            assert r["source"].strip(), r


def test_index_is_cached() -> None:
    t = time.perf_counter()
    gazetteer.index("en")
    gazetteer.index("en")
    assert gazetteer.index("en") is gazetteer.index("en")
    assert time.perf_counter() - t < 5


def test_country_points_are_capitals_or_reviewed_centres() -> None:
    def point(name: str, country: str) -> tuple[float, float]:
        (r,) = [
            r
            for r in _rows()
            if r["name"] == name and r["country"] == country and r["kind"] == "country"
        ]
        return float(r["lat"]), float(r["lon"])

    # Russia's median town lay near the Caucasus; its centre is in Siberia.
    lat, lon = point("Russia", "RU")
    assert lat > 55 and lon > 80
    # A country without a reviewed centre sits at its capital (Luxembourg's is not listed).
    assert abs(point("Monaco", "MC")[0] - 43.73) < 0.1


def test_admin1_regions_of_latin_america_and_spain() -> None:
    def names(lang: str, text: str) -> set[tuple[str, str]]:
        rows = gazetteer.index(lang).get(gazetteer.key(text), [])
        return {(gazetteer.place(r).name, gazetteer.place(r).kind) for r in rows}

    assert ("Tamaulipas", "region") in names("es", "Tamaulipas")
    assert ("Guayas", "region") in names("en", "Guayas")
    assert ("Aragon", "region") in names("ar", "أراغون")
    assert ("Basque Country", "region") in names("es", "País Vasco")
    for r in _rows():
        if (
            r["place_id"].startswith("x:")
            and r["kind"] == "region"
            and r["country"] in ("MX", "CO")
        ):
            assert "GeoNames" in r["source"], r

"""Figures: hand-checked golden cases per language, the seed's nine figures, number parsing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import pytest

from dashboard.extract import figures
from dashboard.extract.figures import DURATIONS
from dashboard.extract.numbers import parse_digits
from dashboard.extract.phrases import tokenize
from dashboard.lexicon import DATA_DIR, load, unit_name
from dashboard.model import Document
from dashboard.text import normalise

GOLDEN = Path(__file__).parent / "golden"


def golden_cases(lang: str) -> list[tuple[str, list[dict]]]:
    cases = []
    for name in (f"figures_{lang}.json", f"figures_more_{lang}.json"):
        cases += json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    return [(c["text"], c["expected"]) for c in cases]


def found(text: str, lang: str) -> list[dict]:
    doc = Document("t", text, lang)
    return [{"text": m.text, **m.attrs} for m in figures.extract(doc)]


def check(got: dict, want: dict) -> None:
    assert got["text"] == want["text"]
    assert got["value"] == pytest.approx(want["value"])
    assert got["unit"] == want["unit"]
    assert got["per"] == want["per"]
    assert got["approx"] is want["approx"]
    if "high" in want:
        assert got["low"] == pytest.approx(want["low"])
        assert got["high"] == pytest.approx(want["high"])
    else:
        assert got["high"] is None
    if "object" in want:
        assert got["object"] == want["object"]


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_golden_has_enough_cases_with_negatives(lang: str) -> None:
    cases = golden_cases(lang)
    assert len(cases) >= 10
    assert sum(1 for _, expected in cases if not expected) >= 3


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [(lang, t, e) for lang in ("ar", "en", "es") for t, e in golden_cases(lang)],
)
def test_golden(lang: str, text: str, expected: list[dict]) -> None:
    got = found(text, lang)
    assert [g["text"] for g in got] == [w["text"] for w in expected]
    for g, w in zip(got, expected, strict=True):
        check(g, w)


SEED_FIGURES = [
    # (text, value, unit, per, approx, object) — counted by hand in the seed.
    ("14 مجموعة صواريخ", 14, "count", "", False, "missile systems"),
    ("1000 كيلومتر", 1000, "km", "", False, ""),
    ("نحو 20 عاما", 20, "year", "", True, ""),
    ("أكثر من 10 بالمئة", 10, "percent", "", True, ""),
    ("ثلاثة مشاريع مشتركة", 3, "count", "", False, "joint ventures"),
    ("نحو 107 آلاف برميل يوميا", 107000, "bbl", "day", True, ""),
    ("11 بالمئة", 11, "percent", "", False, ""),
    ("نحو 67 مليون دولار شهريًا", 67000000, "USD", "month", True, ""),
    ("نحو 5 مليارات دولار", 5000000000, "USD", "", True, ""),
]


def test_seed_has_exactly_its_nine_figures(seed_doc: Document) -> None:
    got = [
        (
            m.text,
            m.attrs["value"],
            m.attrs["unit"],
            m.attrs["per"],
            m.attrs["approx"],
            m.attrs["object"],
        )
        for m in figures.extract(seed_doc)
    ]
    assert got == SEED_FIGURES


def test_seed_negatives(seed_doc: Document) -> None:
    texts = " | ".join(m.text for m in figures.extract(seed_doc))
    for not_a_figure in ("30", "إم كا 2", "2025", "مليارات الدولارات", "الثلاث"):
        assert not_a_figure not in texts


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1,500", "en", 1500),
        ("1.5", "en", 1.5),
        ("3,5", "es", 3.5),
        ("3,500", "es", 3500),
        ("3.033.753", "es", 3033753),
        ("1.234,5", "es", 1234.5),
        ("1,234.5", "en", 1234.5),
        ("107", "ar", 107),
    ],
)
def test_parse_digits(text: str, lang: str, value: float) -> None:
    assert parse_digits(text, lang) == pytest.approx(value)


def test_offsets_point_into_the_original_text() -> None:
    text = "ارتفعت الصادرات ١٢٫٥ بالمئة، وبلغت قيمتها نحو ٣ مليارات دولار."
    for m in figures.extract(Document("t", text, "ar")):
        assert text[m.start : m.end] == m.text


def _whole_stream(*args: object) -> NoReturn:
    raise figures.OutOfWindow


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_windows_read_what_the_whole_token_stream_reads(
    lang: str, seed_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The grammar reads only windows around words a figure can start in; every golden text of
    # the language (figures near and far apart, at a text's ends, negatives), set apart by
    # words no figure starts in, in one document must give the figures that reading every
    # token gives.
    texts = [t for t, _ in golden_cases(lang)] + ([seed_doc.text] if lang == "ar" else [])
    doc = Document("t", f"\n\n{' '.join(['zz'] * 12)}.\n\n".join(texts), lang)
    windowed = figures.extract(doc)
    assert len(windowed) > 20
    toks, starts = figures._windows(figures.grammar(lang), normalise(doc.text).text)  # no fallback
    assert len(toks) < len(tokenize(normalise(doc.text).text))
    monkeypatch.setattr(figures, "_windows", _whole_stream)
    assert figures.extract(doc) == windowed


def test_reading_past_a_window_is_noticed() -> None:
    toks, _ = figures._windows(
        figures.grammar("en"),
        "alpha beta gamma delta 5 epsilon zeta eta theta iota kappa lambda mu",
    )
    with pytest.raises(figures.OutOfWindow):
        _ = toks[-1].text


def test_every_unit_a_figure_can_have_is_named_for_the_filters() -> None:
    codes = {"count", "percent", *DURATIONS}
    for lang in ("ar", "en", "es"):
        data = load(lang, "figures")
        for table in ("units", "currency_after", "currency_before"):
            codes |= {v[0] if isinstance(v, list) else v for v in data[table].values()}
        codes |= {c for v in data["currency_context"].values() for c in v}
    names = json.loads((DATA_DIR / "units.json").read_text(encoding="utf-8"))
    assert sorted(codes - set(names)) == []
    assert unit_name("bbl") == "bbl (barrels)" and unit_name("percent") == "percent"


# The output contract's `per`: a rate's period, or the unit a price is per.
CONTRACT_PER = {"", "day", "week", "month", "year", "bbl", "t", "m3", "l", "gal", "kg"}
CONTRACT_PER |= {"MMBtu", "kWh", "MWh", "count"}


def test_every_rate_a_figure_can_have_is_one_of_the_contract() -> None:
    pers = set()
    for lang in ("ar", "en", "es"):
        data = load(lang, "figures")
        pers |= set(data["per"].values())
        pers |= {u[1] for u in data["units"].values() if isinstance(u, list)}
    assert sorted(pers - CONTRACT_PER) == []


def test_a_fall_in_clock_hours_is_no_change_of_hours() -> None:
    # "de 22 a 6 horas" is a clock time (from 10 pm to 6 am), so 22 is no figure of hours;
    # "de 30 a 20 días" falls from 30 days (golden).
    texts = [f["text"] for f in found("La tienda abre de 22 a 6 horas.", "es")]
    assert "22" not in texts

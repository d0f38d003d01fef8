"""Entities extractor: hand-checked golden cases per language and the seed article's entities."""

from __future__ import annotations

import json

import pytest

from dashboard.extract import entities
from dashboard.model import Document
from tests.conftest import GOLDEN, LANGS, SEED, golden_cases


def _cases() -> list[tuple[str, dict]]:
    return golden_cases("entities")


def _row(m, exp: dict) -> dict:
    """The attributes of a found entity that the expectation names."""
    got = {"text": m.text, "kind": m.attrs["kind"], "name": m.attrs["name"]}
    for key in ("role", "country"):
        if key in exp:
            got[key] = m.attrs[key]
    return got


def _check(found, expected: list[dict]) -> None:
    assert len(found) == len(expected), [(m.text, m.attrs) for m in found]
    for m, exp in zip(found, expected, strict=True):
        assert _row(m, exp) == exp


@pytest.mark.parametrize(("lang", "case"), _cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_golden(lang: str, case: dict) -> None:
    _check(entities.extract(Document("t", case["text"], lang)), case["expected"])


def test_golden_sizes() -> None:
    for lang in LANGS:
        cases = json.loads((GOLDEN / f"entities_{lang}.json").read_text(encoding="utf-8"))
        assert len(cases) >= 10
        assert sum(len(c["expected"]) for c in cases) >= 10
        assert any(not c["expected"] for c in cases)  # negatives included


MADURO = {"text": "مادورو", "kind": "person", "name": "Nicolás Maduro"}
KREMLIN = {"kind": "organization", "name": "Kremlin"}

# Counted by hand on the seed, in text order.
SEED_ENTITIES = [
    MADURO,
    {
        "text": "فلاديمير بوتين",
        "kind": "person",
        "name": "Vladimir Putin",
        "role": "President",
        "country": "RU",
    },
    {"text": "سوخوي سو-30 إم كا 2", "kind": "equipment", "name": "Su-30MK2"},
    MADURO,
    {
        "text": "شي جين بينغ",
        "kind": "person",
        "name": "Xi Jinping",
        "role": "President",
        "country": "CN",
    },
    {
        "text": "رامون سيليستينو فيلاسكيز",
        "kind": "person",
        "name": "Ramón Celestino Velásquez",
        "role": "Minister of Transport",
        "country": "VE",
    },
    MADURO,
    {
        "text": "الخارجية الروسية",
        "kind": "organization",
        "name": "Ministry of Foreign Affairs",
        "country": "RU",
    },
    MADURO,
    {"text": "كلاشنيكوف", "kind": "organization", "name": "Kalashnikov"},
    MADURO,
    {"text": "للكرملين", **KREMLIN},
    {"text": "الكرملين", **KREMLIN},
    MADURO,
]


def test_seed_entities() -> None:
    doc = Document("seed", SEED.read_text(encoding="utf-8"), "ar")
    found = entities.extract(doc)
    _check(found, SEED_ENTITIES)
    for m in found:
        assert doc.text[m.start : m.end] == m.text


def test_alias_needs_full_name_first() -> None:
    """A bare alias that is also a common word counts only after the full name."""
    before = "وقال الأسد إن الحرب انتهت. والتقى بشار الأسد وفدا روسيا."
    found = [m.text for m in entities.extract(Document("t", before, "ar"))]
    assert found == ["بشار الأسد"]


@pytest.mark.parametrize(
    "text",
    ["Su-35", "su-35", "F-٣٥", "F-²", "-35 F-", "F--3", "F-x F-3", "no hyphen", "F-", "S-300"],
)
def test_designation_precheck_agrees_with_the_pattern(text: str) -> None:
    """The hyphen scan before the designation pattern finds what a scan for a code's last
    letter, a hyphen and a decimal digit (`\\d`, category Nd) finds."""
    import re

    lex = entities.entity_lexicon("en")
    want = any(
        m.start() and text[m.start() - 1] in lex.latin_lasts for m in re.finditer(r"-\d", text)
    )
    assert entities._may_hold_designation(text, lex) is want

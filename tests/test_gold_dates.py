"""Dates on 60 hand-annotated articles of ../shared/corpus (20 per language).

The "dates" lists of tests/gold hold positions and values only (../shared/GOLD-FORMAT.md); the
articles stay in ../shared, so these tests skip where it is absent. A prediction is right when it
overlaps a gold date (one-to-one, largest overlap first) and its value is equal, granularity
included. Spanish corpus articles have no published date: their relative expressions have the
empty value in gold, and our unresolved rows (value "") match them.
"""

from __future__ import annotations

import json

import pytest

from dashboard.evaluation import Score
from dashboard.extract import dates
from dashboard.model import Document
from tests.conftest import CORPUS, GOLD, gold_files, needs_corpus

# Measured F1 when these thresholds were set: ar 0.972, en 0.991, es 0.947 (Spanish loses on
# event-relative years, "el año anterior" = 2019, and on "hoy" meaning "nowadays").
MIN_F1 = {"ar": 0.95, "en": 0.97, "es": 0.92}

pytestmark = needs_corpus


def golds(lang: str) -> list[dict]:
    return gold_files("dates", lang)


def matched(gold: list[dict], preds: list[dict]) -> int:
    """Gold dates matched one-to-one by largest overlap with a prediction of equal value."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(preds):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0 and g["value"] == p["value"]:
                pairs.append((overlap, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def test_gold_files_hold_positions_only() -> None:
    for p in sorted(GOLD.glob("*.json")):
        g = json.loads(p.read_text("utf-8"))
        for d in g.get("dates", []):
            assert set(d) == {"start", "end", "value"}, p.name
            assert 0 <= d["start"] < d["end"]


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_dates_f1_on_annotated_articles(lang: str) -> None:
    index = {json.loads(x)["id"]: json.loads(x) for x in (CORPUS / "index.jsonl").open()}
    cases = golds(lang)
    assert len(cases) == 20
    total = Score(0, 0, 0)
    for g in cases:
        text = (CORPUS / index[g["doc"]]["path"]).read_text("utf-8")
        doc = Document(g["doc"], text, lang, published=g["published"] or "")
        preds = [
            {"start": m.start, "end": m.end, "value": m.attrs["value"]} for m in dates.extract(doc)
        ]
        total += Score(matched(g["dates"], preds), len(preds), len(g["dates"]))
    assert total.f1 >= MIN_F1[lang], str(total)

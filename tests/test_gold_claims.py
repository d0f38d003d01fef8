"""Claims on hand-annotated articles of ../shared/corpus (tests/gold files with a "claims" key).

The annotations hold positions only (source, cue and content spans); the articles stay in
../shared, so these tests skip where it is absent. A predicted claim matches a gold claim when
their contents overlap by at least half of the shorter one (as ../shared/tools/score-extraction
counts them), one to one, largest overlap first.
"""

from __future__ import annotations

import json

import pytest

from dashboard.extract import claims
from dashboard.model import Document
from tests.conftest import CORPUS, gold_files, needs_corpus

# Measured when these thresholds were set (40 articles, 221 claims): F1 ar 0.93, en 0.94,
# es 0.90; the source span right on ar 93%, en 92%, es 73% of the matched claims (Spanish
# implied sources often name the person where the annotation has her title). A drop below
# these is a regression.
MIN_F1 = {"ar": 0.88, "en": 0.89, "es": 0.85}
MIN_SOURCE = {"ar": 0.88, "en": 0.87, "es": 0.68}

pytestmark = needs_corpus


def _golds(lang: str) -> list[dict]:
    return gold_files("claims", lang)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: list[dict], found: list) -> list[tuple[dict, object]]:
    pairs = []
    for i, g in enumerate(gold):
        gs = (g["content_start"], g["content_end"])
        for j, m in enumerate(found):
            ov = _overlap(gs, (m.start, m.end))
            if ov and ov >= 0.5 * min(gs[1] - gs[0], m.end - m.start):
                pairs.append((ov, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((gold[i], found[j]))
    return out


def _score(lang: str) -> tuple[float, float, int]:
    index = {json.loads(x)["id"]: json.loads(x) for x in (CORPUS / "index.jsonl").open()}
    tp = n_pred = n_gold = src_ok = 0
    for g in _golds(lang):
        text = (CORPUS / index[g["doc"]]["path"]).read_text("utf-8")
        found = claims.extract(Document(g["doc"], text, lang, published=g["published"] or ""))
        matched = _match(g["claims"], found)
        tp += len(matched)
        n_pred += len(found)
        n_gold += len(g["claims"])
        for gc, m in matched:
            s, e = m.attrs["source_start"], m.attrs["source_end"]
            src_ok += s is not None and _overlap((gc["source_start"], gc["source_end"]), (s, e)) > 0
    p, r = tp / n_pred, tp / n_gold
    return 2 * p * r / (p + r), src_ok / tp, n_gold


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_claims_f1_on_annotated_articles(lang: str) -> None:
    f1, source, n_gold = _score(lang)
    assert n_gold >= 60
    assert f1 >= MIN_F1[lang], f1
    assert source >= MIN_SOURCE[lang], source


def test_gold_positions_are_in_range() -> None:
    index = {json.loads(x)["id"]: json.loads(x) for x in (CORPUS / "index.jsonl").open()}
    docs = [g for lang in ("ar", "en", "es") for g in _golds(lang)]
    assert len(docs) >= 20
    for g in docs:
        n = len((CORPUS / index[g["doc"]]["path"]).read_text("utf-8"))
        for c in g["claims"]:
            for key in ("source", "cue", "content"):
                assert 0 <= c[f"{key}_start"] < c[f"{key}_end"] <= n, (g["doc"], c)

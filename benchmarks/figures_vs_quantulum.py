"""Figures: F1 and documents per second against quantulum3 on the hand-annotated English articles.

Both run in this process on the same texts, scored by dashboard.evaluation as
../shared/tools/score-extraction does: spans overlap and values agree ("value"), and also the
unit and rate ("value+unit+per").
"""

from __future__ import annotations

import json
import math
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.evaluation import Score, score_figures  # noqa: E402
from dashboard.extract import figures  # noqa: E402
from dashboard.model import Document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold"
REPEAT = 5

# quantulum3 unit names -> the contract's codes, for the units the gold uses.
Q_UNITS = {
    "percentage": "percent",
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "barrel": "bbl",
    "tonne": "t",
    "ton": "t",
    "short ton": "t",
    "long ton": "t",
    "kilometre": "km",
    "mile": "mi",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "dimensionless": "count",
    "cubic metre": "m3",
    "megawatt": "MW",
    "kilogram": "kg",
    "saudi riyal": "SAR",
}


def ours(text: str) -> list[dict]:
    return [
        {
            "start": m.start,
            "end": m.end,
            "value": m.attrs["value"],
            "unit": m.attrs["unit"],
            "per": m.attrs["per"],
        }
        for m in figures.extract(Document("b", text, "en"))
    ]


def theirs(text: str) -> list[dict]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        if q.value is None or (isinstance(q.value, float) and math.isnan(q.value)):
            continue
        unit = Q_UNITS.get(q.unit.name, Q_UNITS.get(q.unit.entity.name, q.unit.name))
        out.append(
            {"start": q.span[0], "end": q.span[1], "value": float(q.value), "unit": unit, "per": ""}
        )
    return out


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not here")
        return 0
    warnings.filterwarnings("ignore")
    index = {json.loads(x)["id"]: json.loads(x) for x in (CORPUS / "index.jsonl").open()}
    golds = [json.loads(p.read_text("utf-8")) for p in sorted(GOLD.glob("*.json"))]
    golds = [g for g in golds if g["lang"] == "en"]
    texts = {g["doc"]: (CORPUS / index[g["doc"]]["path"]).read_text("utf-8") for g in golds}
    print(f"{len(golds)} English articles, {sum(len(g['figures']) for g in golds)} gold figures")
    theirs(next(iter(texts.values())))  # quantulum3 loads its unit tables on first use
    for name, fn in (("dashboard", ours), ("quantulum3", theirs)):
        t0 = time.perf_counter()
        for _ in range(REPEAT):
            preds = {d: fn(t) for d, t in texts.items()}
        per_doc = (time.perf_counter() - t0) / (REPEAT * len(texts))
        for full in (False, True):
            total = Score(0, 0, 0)
            for g in golds:
                total += score_figures(g["figures"], preds[g["doc"]], full)
            kind = "value+unit+per" if full else "value"
            print(f"{name:11} {kind:15} {total}")
        print(f"{name:11} {1 / per_doc:,.0f} documents per second")
        if name == "dashboard":
            ours_rate = 1 / per_doc
    print(f"speed ratio dashboard / quantulum3: {ours_rate * per_doc:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

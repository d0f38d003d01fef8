"""Mention P/R/F1 and resolution accuracy of the places extractor on GeoWebNews (English).

Run by hand: `python benchmarks/places_geowebnews.py [PATH]` (default ../shared/eval/
GeoWebNews.jsonl, read at run time, never copied; GPL-3.0 data).

Which gold toponyms count as places (COUNTED): the types that name a place as a noun and
carry coordinates, used literally or not: Literal, Mixed, Coercion and Metonymic ("Moscow
said": the project keeps a capital used as its government). Not counted: Demonym and Language
(adjectives and languages are not place mentions in the project), Homonym ("Jordan" the
person), Non_Toponym, and the *_Expression rows (context words, not toponyms). NEUTRAL, so
that a prediction on one is neither a hit nor a false positive: Embedded_Literal and
Embedded_Non_Lit (a place inside an organisation's name, "New York Times", which the project
leaves out by design) and the modifiers Literal_Modifier/Non_Literal_Modifier, which mix
nouns ("UK companies", a place) with adjectives ("Russian", not a place).
Gold rows whose offsets do not spell their text are skipped.

Mentions: exact span match, and a lenient match on any overlap. Resolution: among overlap
matches the extractor resolved, the share within 161 km (100 miles) of the gold point, the
share with the gold GeoNames id, and the share with either (a country or a state is one
place whichever point represents it: the project's point is a capital or an approximate
centre, GeoNames' another).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.extract import places  # noqa: E402
from dashboard.extract.places_resolve import km  # noqa: E402
from dashboard.model import Document  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "GeoWebNews.jsonl"
COUNTED = {
    "Literal",
    "Mixed",
    "Coercion",
    "Literal_Modifier",
    "Metonymic",
}
# Modifiers mix nouns ("UK companies") with adjectives ("Russian"), which the project keeps
# out of places by design; a place inside an organisation's name likewise.
NEUTRAL = {"Embedded_Literal", "Embedded_Non_Lit", "Literal_Modifier", "Non_Literal_Modifier"}
WITHIN_KM = 161.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(path: Path) -> dict[str, float]:
    """Counts and rates over every article of the file."""
    n_gold = n_pred = exact = loose_g = loose_p = resolved = near = same_id = good = 0
    errors: list[float] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        text = art["text"]
        gold, neutral = [], []
        for t in art["toponyms"]:
            if text[t["start"] : t["end"]] != t["text"]:
                continue
            if t["type"] in COUNTED and t.get("lat") is not None:
                gold.append(t)
            elif t["type"] in NEUTRAL:
                neutral.append((t["start"], t["end"]))
        preds = [
            m
            for m in places.extract(Document(art["id"], text, "en"))
            if not any(_overlaps((m.start, m.end), n) for n in neutral)
        ]
        n_gold += len(gold)
        n_pred += len(preds)
        spans = {(g["start"], g["end"]) for g in gold}
        exact += sum((m.start, m.end) in spans for m in preds)
        loose_p += sum(any(_overlaps((m.start, m.end), s) for s in spans) for m in preds)
        for g in gold:
            hit = [m for m in preds if _overlaps((m.start, m.end), (g["start"], g["end"]))]
            if not hit:
                continue
            loose_g += 1
            lat, lon = hit[0].attrs.get("lat"), hit[0].attrs.get("lon")
            if lat is None:
                continue
            resolved += 1
            d = km(float(g["lat"]), float(g["lon"]), lat, lon)
            errors.append(d)
            near += d <= WITHIN_KM
            ident = hit[0].attrs.get("place_id") == f"gn:{g.get('geonamesID')}"
            same_id += ident
            good += ident or d <= WITHIN_KM
    errors.sort()
    return {
        "gold": n_gold,
        "pred": n_pred,
        "exact_p": exact / max(n_pred, 1),
        "exact_r": exact / max(n_gold, 1),
        "loose_p": loose_p / max(n_pred, 1),
        "loose_r": loose_g / max(n_gold, 1),
        "resolved": resolved,
        "within_161km": near / max(resolved, 1),
        "same_geonames_id": same_id / max(resolved, 1),
        "id_or_161km": good / max(resolved, 1),
        "median_km": errors[len(errors) // 2] if errors else float("nan"),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    t0 = time.perf_counter()
    s = score(path)
    secs = time.perf_counter() - t0
    print(f"{s['gold']} gold toponyms counted, {s['pred']} predicted, {secs:.1f} s")
    p, r = s["exact_p"], s["exact_r"]
    print(f"exact:   P={p:.3f} R={r:.3f} F1={_f1(p, r):.3f}")
    p, r = s["loose_p"], s["loose_r"]
    print(f"overlap: P={p:.3f} R={r:.3f} F1={_f1(p, r):.3f}")
    print(
        f"resolved {s['resolved']} matched mentions: {s['within_161km']:.1%} within 161 km "
        f"of the gold point (median error {s['median_km']:.0f} km); "
        f"{s['same_geonames_id']:.1%} the same GeoNames id; {s['id_or_161km']:.1%} either"
    )


if __name__ == "__main__":
    main()

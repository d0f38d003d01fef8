"""LOC precision/recall/F1 of the places extractor on ANERcorp (Arabic, token BIO format).

Run by hand: `python benchmarks/places_anercorp.py [PATH]` (default ../shared/eval/
anercorp_train.txt, read at run time, never copied). Each sentence is rebuilt by joining its
tokens with single spaces; gold LOC spans (B-LOC/I-LOC runs) and predicted place spans are
compared as token spans: exact match, plus a lenient score counting any overlap.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.extract import places  # noqa: E402
from dashboard.model import Document  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "anercorp_train.txt"


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as lists of (token, tag); a blank line ends a sentence."""
    out: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if out[-1]:
                out.append([])
            continue
        out[-1].append((" ".join(parts[:-1]) or parts[0], parts[-1]))
    return [s for s in out if s]


def gold_spans(tags: list[str]) -> set[tuple[int, int]]:
    """Token spans (first, last) of LOC entities."""
    spans, start = set(), None
    for i, t in enumerate([*tags, "O"]):
        if start is not None and t != "I-LOC":
            spans.add((start, i - 1))
            start = None
        if t == "B-LOC" or (t == "I-LOC" and start is None):
            start = i
    return spans


def predicted_spans(tokens: list[str]) -> set[tuple[int, int]]:
    """Token spans covered by the extractor's place mentions in the rebuilt sentence."""
    text = " ".join(tokens)
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    out = set()
    for m in places.extract(Document("s", text, "ar")):
        first = max(i for i, s in enumerate(starts) if s <= m.start)
        last = max(i for i, s in enumerate(starts) if s < m.end)
        out.add((first, last))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    sents = read_sentences(path)
    t0 = time.perf_counter()
    tp = loose_p = loose_g = n_pred = n_gold = 0
    for sent in sents:
        gold = gold_spans([t for _, t in sent])
        pred = predicted_spans([w for w, _ in sent])
        n_gold += len(gold)
        n_pred += len(pred)
        tp += len(gold & pred)
        loose_p += sum(any(a <= d and c <= b for c, d in gold) for a, b in pred)
        loose_g += sum(any(a <= d and c <= b for a, b in pred) for c, d in gold)
    secs = time.perf_counter() - t0
    p, r, f = prf(tp, n_pred, n_gold)
    lp, lr = loose_p / max(n_pred, 1), loose_g / max(n_gold, 1)
    lf = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    print(f"{len(sents)} sentences, {n_gold} gold LOC, {n_pred} predicted, {secs:.1f} s")
    print(f"exact:   P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"overlap: P={lp:.3f} R={lr:.3f} F1={lf:.3f}")


if __name__ == "__main__":
    main()

"""Dates: found/correct and documents per second against dateparser.search.search_dates.

Both tools run in this process on the same texts of ../shared/corpus. Throughput: every corpus
article (or the first --docs N), documents per second, the two tools taking turns per article.
Accuracy: the hand-made gold dates of tests/gold (20 articles per language; positions and
values only).
A gold date is "found" when a prediction overlaps it and "correct" when, in a one-to-one matching
by largest overlap, a prediction's value equals it; dateparser's datetime is compared at the
gold's granularity (year, month or day). Spanish corpus articles have no published date, so a
relative expression there has no value by design: those gold dates (value "") are counted apart
("unanchored": found, and kept unresolved). P and F1 count a prediction right when it is
correct or an unanchored date kept unresolved. Run by hand:
    .venv/bin/python benchmarks/dates_vs_dateparser.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.extract import dates  # noqa: E402
from dashboard.model import Document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold"
LANGS = ("ar", "en", "es")

Pred = dict  # start, end, value (ours: ISO text; dateparser: datetime)


def ours(text: str, lang: str, published: str) -> list[Pred]:
    doc = Document("b", text, lang, published=published)
    return [{"start": m.start, "end": m.end, "value": m.attrs["value"]} for m in dates.extract(doc)]


def theirs(text: str, lang: str, published: str) -> list[Pred]:
    """search_dates gives (substring, datetime) in text order; the substrings are located in
    order to get offsets. Without a published date dateparser resolves against today."""
    from dateparser.search import search_dates

    settings = {}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published[:10])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=[lang], settings=settings) or []
    out, cursor = [], 0
    for sub, when in found:
        at = text.find(sub, cursor)
        if at < 0:
            at = text.find(sub)
        if at < 0:
            continue
        cursor = at + len(sub)
        out.append({"start": at, "end": at + len(sub), "value": when})
    return out


def same(gold: str, value: object) -> bool:
    """A prediction's value equals a gold ISO value at the gold's granularity."""
    if isinstance(value, dt.datetime):
        fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}.get(len(gold))
        return fmt is not None and value.strftime(fmt) == gold
    return str(value) == gold


def match(golds: list[dict], preds: list[Pred], ok: Callable[[dict, Pred], bool]) -> int:
    """Greedy one-to-one matching by largest overlap among pairs that satisfy ok."""
    pairs = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0 and ok(g, p):
                pairs.append((overlap, i, j))
    used_g, used_p = set(), set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def score(golds: list[dict], preds: list[Pred]) -> dict[str, int]:
    anchored = [g for g in golds if g["value"]]
    loose = [g for g in golds if not g["value"]]
    return {
        "gold": len(anchored),
        "found": match(anchored, preds, lambda g, p: True),
        "correct": match(anchored, preds, lambda g, p: same(g["value"], p["value"])),
        "unanchored": len(loose),
        "unanchored_found": match(loose, preds, lambda g, p: True),
        # left unresolved (value ""), as it should be without a published date
        "unanchored_kept": match(loose, preds, lambda g, p: p["value"] == ""),
        "pred": len(preds),
    }


def load_corpus(limit: int | None) -> list[tuple[str, str, str, str]]:
    rows = [json.loads(x) for x in (CORPUS / "index.jsonl").open(encoding="utf-8")]
    docs = [
        (r["id"], (CORPUS / r["path"]).read_text("utf-8"), r["lang"], r.get("published") or "")
        for r in rows
    ]
    return docs[:limit] if limit else docs


def throughput(docs: list, repeat: int) -> tuple[float, float]:
    """Documents per second of ours and of dateparser. The two run in turn on each document so
    that a change in machine load weighs on both alike; ours runs `repeat` times (it is fast
    enough that one pass is dominated by timer noise)."""
    spent = {"ours": 0.0, "theirs": 0.0}
    for _, text, lang, published in docs:
        start = time.perf_counter()
        for _ in range(repeat):
            ours(text, lang, published)
        middle = time.perf_counter()
        theirs(text, lang, published)
        spent["ours"] += middle - start
        spent["theirs"] += time.perf_counter() - middle
    return repeat * len(docs) / spent["ours"], len(docs) / spent["theirs"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=None, help="throughput on the first N articles")
    ap.add_argument("--repeat", type=int, default=3, help="passes of our extractor")
    a = ap.parse_args()
    if not (CORPUS / "index.jsonl").exists():
        sys.exit(f"the development corpus {CORPUS} is absent")
    docs = load_corpus(a.docs)
    index = {d[0]: d for d in docs} | {d[0]: d for d in load_corpus(None)}
    ours(docs[0][1], docs[0][2], docs[0][3])  # load lexicons outside the timing
    theirs(docs[0][1], docs[0][2], docs[0][3])
    ours_dps, theirs_dps = throughput(docs, a.repeat)
    print(
        f"throughput on {len(docs)} articles: ours {ours_dps:.1f} docs/s, dateparser "
        f"{theirs_dps:.2f} docs/s, ratio {ours_dps / theirs_dps:.0f}x"
    )

    golds = [json.loads(p.read_text("utf-8")) for p in sorted(GOLD.glob("*.json"))]
    golds = [g for g in golds if "dates" in g]
    print("\nlang tool        articles gold found correct | unanchored found kept | pred  P     F1")
    for lang in LANGS:
        cases = [g for g in golds if g["lang"] == lang]
        for name, fn in (("ours", ours), ("dateparser", theirs)):
            t: dict[str, int] = {}
            for g in cases:
                _, text, _, published = index[g["doc"]]
                for k, v in score(g["dates"], fn(text, lang, published)).items():
                    t[k] = t.get(k, 0) + v
            right = t["correct"] + t["unanchored_kept"]
            prec = right / t["pred"] if t["pred"] else 0.0
            rec = right / (t["gold"] + t["unanchored"])
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(
                f"{lang}   {name:11} {len(cases):8} {t['gold']:4} {t['found']:5} "
                f"{t['correct']:7} | {t['unanchored']:10} {t['unanchored_found']:5} "
                f"{t['unanchored_kept']:4} | {t['pred']:4}  {prec:.2f}  {f1:.2f}"
            )


if __name__ == "__main__":
    main()

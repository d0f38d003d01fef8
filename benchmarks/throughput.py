"""Extraction throughput per language on one core, as a ratio to one regex tokenisation pass.

Every extractor runs on every article of ../shared/corpus, in this process, after
`dashboard.extract.load` has built every lexicon and table (the word memos fill as the articles
are read); the same texts are tokenised once with re.findall(r"\\w+") for the yardstick (best of
five passes: it is short, so timer noise matters most there).

Two measures per language, CPU time of this process (time.process_time, so that other work on
the machine counts little):
- pipeline: each document goes through `extract_all` as `python -m dashboard extract` runs it:
  the shared preprocessing (`dashboard.extract.prepare`: normalised text, token streams and
  sentences, computed once per document), then each extractor, which reuses it, then the
  finish (`dashboard.extract.release` and the collection that is due after the paused
  collector). The split shows each part's share.
- isolated (`--isolated`): each extractor alone over all documents, so that nothing is shared
  between extractors (the measure this script printed before the shared preprocessing).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import extract, native  # noqa: E402
from dashboard.extract import EXTRACTORS  # noqa: E402
from dashboard.ingest import read_manifest  # noqa: E402
from dashboard.model import Document  # noqa: E402

MANIFEST = ROOT.parent / "shared" / "corpus" / "index.jsonl"
WORD = re.compile(r"\w+")
LANGS = ("ar", "en", "es")


def _tokenise_time(group: list[Document]) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        for d in group:
            WORD.findall(d.text)
        best = min(best, time.process_time() - t0)
    return best


def _pipeline(group: list[Document]) -> dict[str, float]:
    """CPU seconds of each part of `extract_all` over the documents, in pipeline order; "finish"
    is what a document costs once its extractors are done: its shared views released and the
    collection that follows the paused collector."""
    parts = dict.fromkeys(["prepare", *EXTRACTORS, "finish"], 0.0)
    for d in group:
        with extract.gc_paused():
            t0 = time.process_time()
            extract.prepare(d)
            parts["prepare"] += time.process_time() - t0
            for name, fn in EXTRACTORS.items():
                t0 = time.process_time()
                fn(d)
                parts[name] += time.process_time() - t0
            t0 = time.process_time()
            extract.release()
        due = [d]  # the first allocation after the pause: a collection that is due runs in it
        del due
        parts["finish"] += time.process_time() - t0
    return parts


def _isolated(group: list[Document]) -> dict[str, float]:
    """CPU seconds of each extractor run alone over all the documents."""
    parts = {}
    for name, fn in EXTRACTORS.items():
        t0 = time.process_time()
        for d in group:
            fn(d)
        parts[name] = time.process_time() - t0
    return parts


def _report(label: str, group: list[Document], parts: dict[str, float], tokenise: float) -> None:
    total = sum(parts.values())
    detail = ", ".join(f"{k} {v / total:.0%}" for k, v in parts.items() if v or k != "prepare")
    print(
        f"    {label}: {len(group) / total:,.0f} docs/s per core, "
        f"{total / tokenise:,.0f}x the time of one \\w+ pass"
    )
    print(f"      ({detail})")


def _measure(docs: list[Document], isolated: bool) -> dict[str, tuple[float, float]]:
    """Print each language's measures; return its pipeline docs/s and ratio to the \\w+ pass."""
    compiled = native.active(extract.figures)
    print(f"extractors: {'compiled (make native)' if compiled else 'plain Python'}")
    for lang in LANGS:
        extract.load(lang)  # every lexicon and table, before timing
    out = {}
    for lang in LANGS:
        group = [d for d in docs if d.lang == lang]
        chars = sum(len(d.text) for d in group)
        tokenise = _tokenise_time(group)
        print(f"{lang}: {len(group)} docs, {chars:,} chars, \\w+ pass {tokenise * 1000:.0f} ms")
        parts = _pipeline(group)
        _report("pipeline", group, parts, tokenise)
        total = sum(parts.values())
        out[lang] = (len(group) / total, total / tokenise)
        if isolated:
            _report("isolated", group, _isolated(group), tokenise)
    return out


def _runs(n: int) -> None:
    """The measure in n new processes (each reads the corpus with empty word memos, as a first
    run does); the median and range of each language's docs/s and ratio."""
    results: dict[str, list[tuple[float, float]]] = {lang: [] for lang in LANGS}
    for k in range(n):
        run = subprocess.run(
            [sys.executable, __file__, "--json"], capture_output=True, text=True, check=True
        )
        *lines, last = run.stdout.splitlines()
        print(f"run {k + 1} of {n}:", *lines, sep="\n")
        for lang, got in json.loads(last).items():
            results[lang].append(tuple(got))
    print(f"over {n} runs, median (range):")
    for lang, got in results.items():
        rates, ratios = sorted(r for r, _ in got), sorted(x for _, x in got)
        print(
            f"  {lang}: {statistics.median(rates):,.0f} docs/s per core "
            f"({rates[0]:,.0f}-{rates[-1]:,.0f}), {statistics.median(ratios):.1f}x the \\w+ pass "
            f"({ratios[0]:.1f}-{ratios[-1]:.1f})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--isolated", action="store_true", help="also time extractors alone")
    parser.add_argument("--runs", type=int, default=1, help="measure in this many new processes")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not MANIFEST.exists():
        print(f"skipped: {MANIFEST} is not here")
        return 0
    if args.runs > 1:
        _runs(args.runs)
        return 0
    docs, _ = read_manifest(MANIFEST)
    out = _measure(docs, args.isolated)
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction throughput per language on one core, as a ratio to one regex tokenisation pass.

Every extractor runs on every article of ../shared/corpus (warm: lexicons loaded first), in this
process; the same texts are tokenised once with re.findall(r"\\w+") for the yardstick.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.extract import EXTRACTORS, extract_all  # noqa: E402
from dashboard.ingest import read_manifest  # noqa: E402

MANIFEST = ROOT.parent / "shared" / "corpus" / "index.jsonl"
WORD = re.compile(r"\w+")


def main() -> int:
    if not MANIFEST.exists():
        print(f"skipped: {MANIFEST} is not here")
        return 0
    docs, _ = read_manifest(MANIFEST)
    for d in {d.lang: d for d in docs}.values():
        extract_all(d)  # load every lexicon before timing
    for lang in ("ar", "en", "es"):
        group = [d for d in docs if d.lang == lang]
        chars = sum(len(d.text) for d in group)
        t0 = time.process_time()
        for d in group:
            WORD.findall(d.text)
        tokenise = time.process_time() - t0
        parts = {}
        for name, fn in EXTRACTORS.items():
            t0 = time.process_time()
            for d in group:
                fn(d)
            parts[name] = time.process_time() - t0
        total = sum(parts.values())
        detail = ", ".join(f"{k} {v / total:.0%}" for k, v in parts.items())
        rate = len(group) / total
        print(f"{lang}: {len(group)} docs, {chars:,} chars: {rate:,.0f} docs/s per core,")
        print(f"    {total / tokenise:,.0f}x the time of one \\w+ pass ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

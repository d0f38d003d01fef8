"""Speed of the places extractor on the corpus, per language, against a regex tokenisation.

Run by hand: `python benchmarks/places_speed.py [CORPUS_DIR] [REPEATS]` (default
../shared/corpus, read at run time). The gazetteer is loaded first (its one-off load time is
printed apart). For each language, the extractor and one `re.findall(r"\\w+", text)` pass run
over the same texts in the same process, each repeated REPEATS times (best run kept); the
ratio says how many tokenisation passes one extraction costs.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import gazetteer  # noqa: E402
from dashboard.extract import places  # noqa: E402
from dashboard.model import Document  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus"
_TOKEN = re.compile(r"\w+")


def _best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    docs: dict[str, list[Document]] = {}
    for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (corpus / row["path"]).read_text(encoding="utf-8")
        docs.setdefault(row["lang"], []).append(Document(row["id"], text, row["lang"]))
    t0 = time.perf_counter()
    for lang in docs:
        gazetteer.index(lang)
        gazetteer.prefixes(lang)
    print(f"gazetteer load (once per process): {time.perf_counter() - t0:.2f} s")
    print("lang  docs   chars   places  extract_s  places/s  chars/s  regex_s  ratio")
    for lang, ds in sorted(docs.items()):
        for d in ds:  # warm the per-language caches (rules, clitic readings)
            places.extract(d)
        found = sum(len(places.extract(d)) for d in ds)
        t_ext = _best(lambda ds=ds: [places.extract(d) for d in ds], repeats)
        t_re = _best(lambda ds=ds: [_TOKEN.findall(d.text) for d in ds], repeats)
        chars = sum(len(d.text) for d in ds)
        print(
            f"{lang:4} {len(ds):5} {chars:7} {found:7} {t_ext:10.3f} {found / t_ext:9.0f} "
            f"{chars / t_ext:8.0f} {t_re:8.4f} {t_ext / t_re:6.0f}x"
        )


if __name__ == "__main__":
    main()

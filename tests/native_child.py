"""Print, as JSON, every mention of the seed and of random texts in three languages.

Run as a script by test_native.py, once with the compiled extractors and once without; the
first item says which ran.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from adversarial import random_text  # noqa: E402

from dashboard import native  # noqa: E402
from dashboard.extract import extract_all, figures  # noqa: E402
from dashboard.model import Document  # noqa: E402

docs = [Document(p.stem, p.read_text("utf-8"), "ar") for p in sorted(ROOT.glob("seeds/*.txt"))]
rng = random.Random(7)
for i in range(40):
    for lang in ("ar", "en", "es"):
        docs.append(Document(f"r{i}", random_text(rng, lang, 2000), lang, published="2024-05-01"))
out: list[object] = [native.active(figures)]
for d in docs:
    out.append([(m.table, m.start, m.end, m.text, sorted(m.attrs.items())) for m in extract_all(d)])
print(json.dumps(out, ensure_ascii=False, default=str))

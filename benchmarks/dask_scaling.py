"""Batch extraction on a Dask LocalCluster with 1 and then 2 workers: identical tables, speed-up.

    python benchmarks/dask_scaling.py [--docs 10000] [--batch 250]

The corpus (../shared/corpus) is repeated under distinct ids up to --docs documents; each run
ingests them into a fresh store through `ingest(..., dask_client=...)`, the path of
`python -m dashboard ingest --dask local`. Every worker is a process with one thread, so
1 and 2 workers use 1 and 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.batch import ingest  # noqa: E402
from dashboard.ingest import read_manifest  # noqa: E402
from dashboard.store import Store  # noqa: E402

MANIFEST = ROOT.parent / "shared" / "corpus" / "index.jsonl"


def run(docs: list, workers: int, folder: Path, batch: int) -> tuple[float, object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        client.submit(len, [0]).result()  # workers up before the clock starts
        t0 = time.perf_counter()
        with Store(folder / f"w{workers}.duckdb") as store:
            ingest(store, docs, dask_client=client, batch_size=batch)
            seconds = time.perf_counter() - t0
            tables = store.tables()
    return seconds, tables


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=250)
    args = parser.parse_args()
    if not MANIFEST.exists():
        print(f"skipped: {MANIFEST} is not here")
        return 0
    corpus, _ = read_manifest(MANIFEST)
    rounds = -(-args.docs // len(corpus))
    docs = [replace(d, doc_id=f"{d.doc_id}~{k}") for k in range(rounds) for d in corpus]
    docs = docs[: args.docs]
    with tempfile.TemporaryDirectory() as tmp:
        one, first = run(docs, 1, Path(tmp), args.batch)
        two, second = run(docs, 2, Path(tmp), args.batch)
    same = all(getattr(first, t).equals(getattr(second, t)) for t, _ in first.items())
    rows = sum(len(df) for _, df in first.items())
    print(f"{len(docs):,} documents, {rows:,} rows; batches of {args.batch}")
    print(f"1 worker:  {one:7.1f} s ({len(docs) / one:,.1f} docs/s)")
    print(f"2 workers: {two:7.1f} s ({len(docs) / two:,.1f} docs/s)")
    print(f"speed-up {one / two:.2f}x; identical tables: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

"""Command line: extract to CSV, ingest into the store, export the store.

python -m dashboard extract PATH... --out DIR [--manifest FILE]
python -m dashboard ingest PATH... [--manifest FILE] [--store FILE] [--workers N]
                                   [--dask local | --scheduler tcp://HOST:PORT]
python -m dashboard export --parquet DIR [--store FILE]
python -m dashboard publish DIR [--store FILE] [--keep N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.pipeline import load_corpus
from dashboard.tables import to_csv_bytes


def extract_command(args: argparse.Namespace) -> int:
    if not args.paths and not args.manifest:
        print("extract: give at least one PATH or --manifest FILE", file=sys.stderr)
        return 2
    tables, errors = load_corpus([Path(p) for p in args.paths], [Path(m) for m in args.manifest])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        (out / f"{name}.csv").write_bytes(to_csv_bytes(df))
    for e in errors:
        print(f"skipped {e.path}: {e.reason}", file=sys.stderr)
    counts = ", ".join(f"{len(df)} {name}" for name, df in tables.items())
    print(f"wrote {out}: {counts}; {len(errors)} inputs failed")
    return 1 if errors and tables.documents.empty else 0


def ingest_command(args: argparse.Namespace) -> int:
    from dashboard.batch import ingest
    from dashboard.ingest import read_inputs
    from dashboard.store import Store, store_path

    docs, errors = read_inputs([Path(p) for p in args.paths], [Path(m) for m in args.manifest])
    client = _dask_client(args)
    with Store(store_path(args.store)) as store, _progress(len(docs)) as bar:
        summary = ingest(store, docs, errors, args.workers, client, bar.update, args.batch)
        problems = store.integrity()
    if client is not None:
        client.close()
    print(summary)
    for p in problems:
        print(f"integrity: {p}", file=sys.stderr)
    return 1 if problems or (errors and not docs) else 0


def _dask_client(args: argparse.Namespace):  # -> distributed.Client | None
    if not args.dask and not args.scheduler:
        return None
    from distributed import Client, LocalCluster

    if args.scheduler:
        return Client(args.scheduler)
    return Client(LocalCluster(n_workers=args.workers or 2, threads_per_worker=1))


class _LogLines:
    """Progress for a pipe or a log file: one line per stored batch."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0

    def __enter__(self) -> _LogLines:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def update(self, n: int) -> None:
        self.done += n
        print(f"stored {self.done}/{self.total}", file=sys.stderr, flush=True)


def _progress(total: int):
    """A progress bar on a terminal, plain lines otherwise."""
    if not sys.stderr.isatty():
        return _LogLines(total)
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr)


def export_command(args: argparse.Namespace) -> int:
    from dashboard.store import Store, store_path

    with Store(store_path(args.store), read_only=True) as store:
        for path in store.export_parquet(args.parquet):
            print(path)
    return 0


def publish_command(args: argparse.Namespace) -> int:
    from dashboard.store import Store, store_path

    with Store(store_path(args.store), read_only=True) as store:
        snapshot = store.publish(args.folder, keep=args.keep)
    print(f"published {snapshot}; readers of {args.folder} now see it")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract tables from documents into CSV files")
    ex.add_argument("paths", nargs="*", help=".txt/.md files, folders, or .jsonl manifests")
    ex.add_argument("--manifest", action="append", default=[], help="JSONL manifest (repeatable)")
    ex.add_argument("--out", required=True, help="folder for the CSV files")
    ex.set_defaults(func=extract_command)
    ing = sub.add_parser("ingest", help="add documents to the corpus store (incremental)")
    ing.add_argument("paths", nargs="*", help=".txt/.md files, folders, or .jsonl manifests")
    ing.add_argument("--manifest", action="append", default=[], help="JSONL manifest (repeatable)")
    ing.add_argument(
        "--store", help="DuckDB file (default: $DASHBOARD_STORE or data/corpus.duckdb)"
    )
    ing.add_argument("--workers", type=int, default=None, help="worker processes (default: cores)")
    ing.add_argument("--batch", type=int, default=200, help="documents per task and transaction")
    ing.add_argument("--dask", choices=["local"], help="extract on a local Dask cluster")
    ing.add_argument("--scheduler", help="extract on the Dask cluster at tcp://HOST:PORT")
    ing.set_defaults(func=ingest_command)
    exp = sub.add_parser("export", help="export the store's tables as Parquet files")
    exp.add_argument("--parquet", required=True, help="folder for the Parquet files")
    exp.add_argument(
        "--store", help="DuckDB file (default: $DASHBOARD_STORE or data/corpus.duckdb)"
    )
    exp.set_defaults(func=export_command)
    pub = sub.add_parser(
        "publish", help="write the store as a new read-only snapshot for app replicas"
    )
    pub.add_argument("folder", help="snapshot folder the app reads (--store FOLDER)")
    pub.add_argument(
        "--store", help="DuckDB file (default: $DASHBOARD_STORE or data/corpus.duckdb)"
    )
    pub.add_argument("--keep", type=int, default=3, help="snapshots kept (default: 3)")
    pub.set_defaults(func=publish_command)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

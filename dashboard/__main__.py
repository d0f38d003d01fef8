"""Command line: `python -m dashboard extract PATH... --out DIR [--manifest FILE]`."""

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract tables from documents into CSV files")
    ex.add_argument("paths", nargs="*", help=".txt/.md files, folders, or .jsonl manifests")
    ex.add_argument("--manifest", action="append", default=[], help="JSONL manifest (repeatable)")
    ex.add_argument("--out", required=True, help="folder for the CSV files")
    ex.set_defaults(func=extract_command)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""The oil groups the Assessment page finds on the corpus: prices and production.

Run by hand: `python benchmarks/assessment_groups.py [MANIFEST] [--lang ar] [--evidence]
[--cache FILE.pkl]` (default ../shared/corpus/index.jsonl, read at run time; skipped with a
message when absent). The documents of one language are extracted and assessed as the page
does (dashboard.assessment.assess); the script prints the counts of figure groups,
contradictions, corroborated groups and groups holding syndicated copies, then the oil groups
(a barrel unit or rate, a crude benchmark, or OPEC / Saudi Aramco among the names), largest
first, each with its members (document, outlet, the date it is at, value, copy of). With
--evidence each member's sentence is printed too (from the corpus, never stored). --cache keeps
the extracted tables in a pickle so later runs skip extraction. benchmarks/assessment_handcheck.md
is a hand check of 20 of these groups.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.assessment import assess  # noqa: E402
from dashboard.ingest import read_manifest  # noqa: E402
from dashboard.pipeline import tables_for  # noqa: E402
from dashboard.tables import Tables  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "index.jsonl"
OIL_NAMES = "OPEC|Saudi Aramco"  # English names of places and entities: the same in any language


def load(manifest: Path, lang: str, cache: Path | None) -> Tables:
    """The tables of the manifest's documents of one language (from the cache when given)."""
    if cache and cache.exists():
        with cache.open("rb") as f:
            return pickle.load(f)
    docs, errors = read_manifest(manifest)
    if errors:
        print(f"{len(errors)} documents could not be read")
    tables = tables_for(d for d in docs if d.lang == lang)
    if cache:
        with cache.open("wb") as f:
            pickle.dump(tables, f)
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--lang", default="ar")
    parser.add_argument("--evidence", action="store_true")
    parser.add_argument("--cache", type=Path)
    args = parser.parse_args()
    if not args.manifest.exists():
        print(f"skipped: {args.manifest} not found (the corpus lives in ../shared)")
        return
    result = assess(load(args.manifest, args.lang, args.cache))
    groups, members = result.figure_groups, result.figure_members
    print(
        f"figure groups {len(groups)}, contradictions {int(groups['contradiction'].sum())}, "
        f"corroborated {int(groups['corroborated'].sum())}, "
        f"with syndicated copies {int((groups['syndicated'] > 0).sum())}"
    )
    oil = groups[
        (groups["unit"] == "bbl")
        | (groups["per"] == "bbl")
        | (groups["benchmark"] != "")
        | groups["subject"].str.contains(OIL_NAMES)
    ]
    oil = oil.sort_values("documents", ascending=False, kind="stable")
    print(f"oil groups {len(oil)}, contradictions {int(oil['contradiction'].sum())}\n")
    for g in oil.itertuples(index=False):
        flag = "CONTRADICTION" if g.contradiction else ("corroborated" if g.corroborated else "")
        print(
            f"{g.group_id} {g.unit}/{g.per or '-'} {g.measure or '-'} | {g.subject} | at {g.at} | "
            f"values {g.values} | documents {g.documents}, independent {g.independent}, "
            f"copies {g.syndicated} {flag}"
        )
        for r in members[members["group_id"] == g.group_id].itertuples(index=False):
            copy = f" copy of {r.copy_of}" if r.copy_of else ""
            print(f"    {r.doc_id} {r.outlet} published {r.published} at {r.at}: {r.value:g}{copy}")
            if args.evidence:
                print(f"        {r.sentence}")


if __name__ == "__main__":
    main()

"""A synthetic big store: the corpus re-ingested under distinct ids until it holds N documents.

    python benchmarks/big_store.py build --docs 100000 --store /tmp/big.duckdb [--workers 2]
    python benchmarks/big_store.py apptest --store /tmp/big.duckdb
    python benchmarks/big_store.py server --store /tmp/big.duckdb
    python benchmarks/big_store.py brushes --store /tmp/big.duckdb [--ranges 60]

build:   real extraction of every copy (nothing is reused between copies); wall time and the
         peak resident memory of this process and of its worker processes.
         With --copy-rows the corpus is extracted once and its rows are written again under
         each copy's ids (one transaction per copy): the store's write path and size at scale,
         without the extraction time (measure that with benchmarks/throughput.py).
apptest: the dashboard in-process (AppTest): the first run, then the rerun after each filter
         change (a new filter is a cache miss: every question goes to DuckDB again), and after
         choosing the corpus's newest month as the date range, per page.
server:  `streamlit run` on the store while Chromium opens every page;
         the server process's peak resident memory (VmHWM).
brushes: one AppTest session brushes --ranges distinct date ranges (a year each, a week
         apart, back from the newest document) and opens four pages on each: every range is
         a new filter, so every cache fills. This process's resident memory (VmRSS, VmHWM)
         and DuckDB's every ten ranges: it must level off, not grow with use.
Reads ../shared/corpus at run time.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.batch import ingest, sha256  # noqa: E402
from dashboard.ingest import read_manifest  # noqa: E402
from dashboard.pipeline import tables_for  # noqa: E402
from dashboard.store import STORE_ENV, Store  # noqa: E402
from dashboard.tables import Tables  # noqa: E402
from tests.test_app import APP, PAGES  # noqa: E402  (the pages the app tests open)

MANIFEST = ROOT.parent / "shared" / "corpus" / "index.jsonl"


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def copy_rows(store: Store, docs: list, n: int) -> int:
    """Extract `docs` once, then write their rows under ids <id>~k until n documents."""
    tables = tables_for(docs)
    texts = {d.doc_id: (d.text, sha256(d.text)) for d in docs}
    written = 0
    for k in range(-(-n // len(docs))):
        keep = list(tables.documents["doc_id"])[: n - written]
        renamed = {}
        for name, df in tables.items():
            part = df[df["doc_id"].isin(keep)]
            if "claim_id" in part.columns:  # <doc_id>:c<n> becomes <doc_id>~k:c<n>
                part = part.assign(
                    claim_id=[
                        f"{d}~{k}{c[len(d) :]}"
                        for d, c in zip(part["doc_id"], part["claim_id"], strict=True)
                    ]
                )
            part = part.assign(doc_id=part["doc_id"] + f"~{k}")
            renamed[name] = part.reset_index(drop=True)
        store.write(Tables(**renamed), {f"{d}~{k}": texts[d] for d in keep})
        written += len(keep)
    return written


def build(args: argparse.Namespace) -> None:
    docs, _ = read_manifest(MANIFEST)
    copies = [
        replace(d, doc_id=f"{d.doc_id}~{k}")
        for k in range(-(-args.docs // len(docs)))
        for d in docs
    ][: args.docs]
    t0 = time.perf_counter()
    with Store(args.store) as store:
        if args.copy_rows:
            added = copy_rows(store, docs, args.docs)
        else:
            added = len(ingest(store, copies, workers=args.workers, batch_size=args.batch).added)
        problems = store.integrity()
        counts = {
            t: int(store.query(f"SELECT count(*) FROM {t}").iloc[0, 0])
            for t in ("documents", "figures", "places", "dates", "claims", "entities")
        }
    seconds = time.perf_counter() - t0
    size = Path(args.store).stat().st_size / 1e6
    how = "rows copied" if args.copy_rows else f"{args.workers} workers"
    print(f"stored {added:,} documents in {seconds:,.0f} s ({added / seconds:,.0f} docs/s, {how})")
    print(f"rows: {counts}")
    print(f"store file: {size:,.0f} MB; integrity problems: {len(problems)}")
    print(
        f"peak memory: this process {peak_mb(resource.RUSAGE_SELF):,.0f} MB, "
        f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB"
    )


def apptest(args: argparse.Namespace) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ[STORE_ENV] = args.store
    import streamlit as st

    from dashboard.ui.state import DATE_RANGE

    with Store(args.store, read_only=True) as store:
        newest = store.query("SELECT max(published) AS p FROM documents")["p"].iloc[0]
    # The newest month of the corpus, as an analyst brushing the timeline would pick it.
    month = (f"{newest[:7]}-01", newest)
    for title, page in PAGES.items():
        st.cache_data.clear()  # each page pays for its own questions, as on a fresh server
        at = AppTest.from_file(APP, default_timeout=600)
        t0 = time.perf_counter()
        at.run()
        if title != "Overview":
            at.switch_page(page).run()
        first = time.perf_counter() - t0
        times = []
        for key, value in (
            ("filter_languages", ["ar"]),
            ("filter_units", ["USD"]),
            ("filter_languages", []),
        ):
            at.multiselect(key=key).set_value(value)
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
            assert not at.exception, at.exception
        at.session_state[DATE_RANGE] = month
        t0 = time.perf_counter()
        at.run()
        dated = time.perf_counter() - t0
        assert not at.exception, at.exception
        print(
            f"{title:<11} first run {first:6.2f} s; reruns after a filter change: "
            + ", ".join(f"{t:.2f} s" for t in times)
            + f"; date range {month[0]} to {month[1]}: {dated:.2f} s",
            flush=True,
        )
    print(f"peak memory of this process: {peak_mb(resource.RUSAGE_SELF):,.0f} MB")


def brushes(args: argparse.Namespace) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ[STORE_ENV] = args.store
    from dashboard.ui.corpus import store
    from dashboard.ui.state import DATE_RANGE

    with Store(args.store, read_only=True) as db:
        newest = db.query("SELECT max(published) AS p FROM documents")["p"].iloc[0]
    last = date.fromisoformat(newest)
    at = AppTest.from_file(APP, default_timeout=600).run()
    t0 = time.perf_counter()
    for i in range(args.ranges):
        end = last - timedelta(days=7 * i)
        at.session_state[DATE_RANGE] = (str(end - timedelta(days=365)), str(end))
        for title in ("Timeline", "Figures", "Assessment", "Overview"):
            at.switch_page(PAGES[title]).run()
            assert not at.exception, at.exception
        if (i + 1) % 10 == 0:
            reader = store()  # the app's shared reader
            duck = reader.query("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()")
            vm = _vm(os.getpid())
            print(
                f"{i + 1:4} ranges, {time.perf_counter() - t0:5.0f} s: VmRSS {vm['VmRSS']:,} MB,"
                f" VmHWM {vm['VmHWM']:,} MB, DuckDB {int(duck['b'].iloc[0]) >> 20:,} MB",
                flush=True,
            )


def _vm(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmHWM", "VmRSS")):
            name, value = line.split(":")
            out[name] = int(value.split()[0]) // 1024
    return out


def server(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    from tests.server import CHROMIUM, CHROMIUM_ARGS, OUTSIDE, serve

    with serve({STORE_ENV: args.store}) as (url, proc, _log):
        print(f"server up: {_vm(proc.pid)}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.route(OUTSIDE, lambda route: route.abort())
            for title, path in PAGES.items():
                t0 = time.perf_counter()
                page.goto(f"{url}/{Path(path).stem}" if title != "Overview" else url)
                page.get_by_role("heading", name=title, level=1).wait_for(timeout=600_000)
                page.wait_for_function(
                    "() => !document.querySelector(\"[data-testid='stStatusWidget']\")",
                    timeout=600_000,
                )
                errors = page.locator("[data-testid='stException']").count()
                print(
                    f"{title:<11} {time.perf_counter() - t0:6.2f} s, errors {errors}, "
                    f"server {_vm(proc.pid)}",
                    flush=True,
                )
            browser.close()
        print(f"server peak resident memory: {_vm(proc.pid)['VmHWM']:,} MB")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["build", "apptest", "server", "brushes"])
    parser.add_argument("--store", default="/tmp/big.duckdb")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--copy-rows", action="store_true", help="extract once, copy the rows")
    parser.add_argument("--ranges", type=int, default=60, help="brushes: date ranges to try")
    args = parser.parse_args()
    if args.step == "build" and not MANIFEST.exists():
        print(f"skipped: {MANIFEST} is not here")
        return 0
    steps = {"build": build, "apptest": apptest, "server": server, "brushes": brushes}
    steps[args.step](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())

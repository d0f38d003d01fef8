"""The DuckDB store and batch ingest: incremental, transactional, parallel, on Dask."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from dashboard.__main__ import main as cli
from dashboard.batch import ingest
from dashboard.ingest import read_paths
from dashboard.pipeline import tables_for
from dashboard.store import Store
from tests.conftest import ROOT, SEED

ARTICLES = [
    "The minister said oil output rose to 1.5 mln bpd in Riyadh on Monday.",
    "قال وزير النفط إن الإنتاج بلغ نحو 10 ملايين برميل يوميا في السعودية.",
    "El ministro dijo que la producción subió 5 por ciento en México.",
]


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(f"{ARTICLES[i % 3]} Report {i}.", "utf-8")


def test_ingest_twice_adds_nothing_and_a_change_replaces(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write_corpus(corpus, 6)
    with Store(tmp_path / "s.duckdb") as store:
        docs, errors = read_paths([corpus])
        first = ingest(store, docs, errors, workers=1)
        assert len(first.added) == 6
        v1 = store.version()
        again = ingest(store, *read_paths([corpus]), workers=1)
        assert (len(again.added), len(again.unchanged)) == (0, 6)
        assert store.version() == v1
        (corpus / "doc0000.txt").write_text("The minister said output fell 3 pct.", "utf-8")
        changed = ingest(store, *read_paths([corpus]), workers=1)
        assert changed.replaced == ["doc0000"]
        figs = store.query("SELECT text FROM figures WHERE doc_id = 'doc0000'")
        assert list(figs["text"]) == ["3 pct"]
        assert store.query("SELECT count(*) n FROM documents").iloc[0, 0] == 6
        assert store.integrity() == []


def test_a_manifest_given_twice_ingests_each_document_once(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c"
    write_corpus(corpus, 3)
    manifest = corpus / "index.jsonl"
    rows = [f'{{"id": "m{i}", "path": "doc{i:04d}.txt"}}' for i in range(3)]
    manifest.write_text("\n".join(rows), "utf-8")
    store = tmp_path / "s.duckdb"
    args = ["ingest", str(manifest), "--manifest", str(manifest), "--store", str(store)]
    assert cli([*args, "--workers", "1"]) == 0
    assert "3 added, 0 replaced, 0 unchanged, 0 failed" in capsys.readouterr().out
    with Store(store, read_only=True) as s:
        assert s.query("SELECT count(*) n FROM documents").iloc[0, 0] == 3


def test_broken_files_are_logged_and_the_rest_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write_corpus(corpus, 4)
    (corpus / "bad.txt").write_bytes(b"\x00\x01binary")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest(store, *read_paths([corpus]), workers=1)
        assert len(summary.added) == 4
        assert [Path(e.path).name for e in summary.failed] == ["bad.txt"]
        log = store.query("SELECT status, count(*) n FROM ingest_log GROUP BY status ORDER BY 1")
        assert dict(zip(log["status"], log["n"], strict=True)) == {"added": 4, "failed": 1}
        added = store.query("SELECT doc_id, path FROM ingest_log WHERE status = 'added'")
        assert {d: Path(p).name for d, p in zip(added["doc_id"], added["path"], strict=True)} == {
            f"doc{i:04d}": f"doc{i:04d}.txt" for i in range(4)
        }


def test_store_round_trips_the_seed_tables(tmp_path: Path) -> None:
    docs, _ = read_paths([SEED])
    expected = tables_for(docs)
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, docs, workers=1)
        got = store.tables()
        assert store.text(docs[0].doc_id) == docs[0].text
    for name, df in expected.items():
        pd.testing.assert_frame_equal(got.__getattribute__(name), df, check_like=False)


def test_read_only_store_and_parquet_export(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 3)
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        ingest(store, *read_paths([tmp_path / "c"]), workers=1)
    with Store(path, read_only=True) as ro:
        files = ro.export_parquet(tmp_path / "pq")
        assert ro.version() == 1
    assert {p.name for p in files} >= {"documents.parquet", "figures.parquet", "ingest_log.parquet"}
    assert len(pd.read_parquet(tmp_path / "pq" / "documents.parquet")) == 3


def test_a_reader_can_bound_duckdbs_memory(tmp_path: Path, monkeypatch) -> None:
    """The app's shared reader: its memory must not grow with the store it reads."""
    from dashboard.ui import corpus

    write_corpus(tmp_path / "c", 3)
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        ingest(store, *read_paths([tmp_path / "c"]), workers=1)
        store.export_parquet(tmp_path / "pq")

    def limit(store: Store) -> str:
        return store.query("SELECT current_setting('memory_limit') AS m")["m"].iloc[0]

    for source in (path, tmp_path / "pq"):
        with Store(source, read_only=True, memory="96MB") as ro:
            assert limit(ro) == "91.5 MiB"  # 96 * 10^6 bytes
            assert len(ro.query("SELECT * FROM c_documents")) == 3
    with Store(path, read_only=True) as ro:
        assert limit(ro) != "91.5 MiB"  # DuckDB's own default: the CLI's export is not bounded
    monkeypatch.delenv(corpus.MEMORY_ENV, raising=False)
    corpus.open_store.clear()
    assert limit(corpus.open_store(str(path))) == "305.1 MiB"  # READ_MEMORY, 320MB
    monkeypatch.setenv(corpus.MEMORY_ENV, "1GB")
    corpus.open_store.clear()
    assert limit(corpus.open_store(str(path))) == "953.6 MiB"
    corpus.open_store.clear()


def test_parallel_workers_give_the_same_tables(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 90)
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"s{workers}.duckdb") as store:
            ingest(store, *read_paths([tmp_path / "c"]), workers=workers, batch_size=20)
            results.append(store.tables())
    for name, df in results[0].items():
        pd.testing.assert_frame_equal(getattr(results[1], name), df)


def test_dask_local_cluster_gives_the_same_tables(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    write_corpus(tmp_path / "c", 60)
    docs, _ = read_paths([tmp_path / "c"])
    with Store(tmp_path / "plain.duckdb") as store:
        ingest(store, docs, workers=1)
        plain = store.tables()
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
        Store(tmp_path / "dask.duckdb") as store,
    ):
        summary = ingest(store, docs, dask_client=client, batch_size=20)
        assert len(summary.added) == 60
        on_dask = store.tables()
    for name, df in plain.items():
        pd.testing.assert_frame_equal(getattr(on_dask, name), df)


def test_killed_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 300)
    store = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "dashboard", "ingest", str(tmp_path / "c"), "--store", str(store)]
    cmd += ["--workers", "1", "--batch", "50"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # "stored 50/300": one batch is committed, more to come
    assert line.startswith("stored 50/300"), line
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _stored(store)
    assert 50 <= partial < 300
    with Store(store) as s:
        assert s.integrity() == []
        counts = s.query("SELECT count(DISTINCT doc_id) n FROM figures").iloc[0, 0]
        assert counts == partial  # every stored document has its figures, no half documents
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert f"{300 - partial} added" in done.stdout
    with Store(store) as s:
        assert s.query("SELECT count(*) n FROM documents").iloc[0, 0] == 300
        assert s.integrity() == []


def _stored(path: Path) -> int:
    with Store(path, read_only=True) as s:
        return int(s.query("SELECT count(*) FROM documents").iloc[0, 0])


def test_rows_at_one_position_come_in_one_order(tmp_path: Path) -> None:
    """A claim credited to two sources is two rows at one span: whichever was written first,
    the store lists them alike (the Dask and local runs are compared row by row)."""
    docs, _ = read_paths([SEED])
    tables = tables_for(docs)
    twice = pd.concat([tables.claims.head(1)] * 2, ignore_index=True)
    twice.loc[0, "source"], twice.loc[1, "source"] = "Reuters", "AFP"
    got = []
    for name, claims in (("a", twice), ("b", twice.iloc[::-1])):
        with Store(tmp_path / f"{name}.duckdb") as store:
            store.write(
                replace(tables, claims=claims.reset_index(drop=True)),
                {d.doc_id: (d.text, "x") for d in docs},
            )
            got.append(store.tables().claims)
    assert list(got[0]["source"]) == ["AFP", "Reuters"]
    pd.testing.assert_frame_equal(got[0], got[1])

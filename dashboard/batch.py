"""Batch ingest of many documents into the store: incremental, parallel, and on Dask when asked.

Documents are keyed by id; the SHA-256 of the text says whether a known id is unchanged (skip) or
changed (its rows are replaced). Extraction runs in worker processes (or Dask tasks) over
batches; the store is written by this process only, one transaction per batch.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.ingest import IngestError
from dashboard.model import Document
from dashboard.pipeline import tables_for
from dashboard.store import Store
from dashboard.tables import Tables, to_parquet_folder

if TYPE_CHECKING:
    from distributed import Client

BATCH = 200  # documents per task and per transaction


@dataclass
class Summary:
    """What an ingest run did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
        ]
        lines += [f"  failed {e.path}: {e.reason}" for e in self.failed]
        return "\n".join(lines)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def batches(docs: list[Document], size: int = BATCH) -> Iterator[list[Document]]:
    for i in range(0, len(docs), size):
        yield docs[i : i + size]


def extract_batch(docs: list[Document]) -> Tables:
    """Tables of a batch (run in a worker: its lexicons load once per worker process)."""
    return tables_for(docs)


def extract_to_parquet(docs: list[Document], folder: str) -> str:
    """Extract a batch and write its tables as one Parquet partition folder; return the folder."""
    to_parquet_folder(tables_for(docs), Path(folder))
    return folder


def plan(store: Store, docs: list[Document], summary: Summary) -> list[Document]:
    """The documents that need extracting; unchanged ones are noted in the summary."""
    known = store.fingerprints()
    todo = []
    for d in docs:
        old = known.get(d.doc_id)
        if old == sha256(d.text):
            summary.unchanged.append(d.doc_id)
        else:
            (summary.replaced if old else summary.added).append(d.doc_id)
            todo.append(d)
    return todo


def ingest(
    store: Store,
    docs: list[Document],
    errors: Iterable[IngestError] = (),
    workers: int | None = None,
    dask_client: Client | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
) -> Summary:
    """Extract and store what is new or changed; every failure is logged, nothing else lost."""
    summary = Summary(failed=list(errors))
    todo = plan(store, docs, summary)
    texts = {d.doc_id: (d.text, sha256(d.text)) for d in todo}
    run = uuid.uuid4().hex[:12]
    if dask_client is not None:
        _ingest_dask(store, todo, texts, dask_client, progress, batch_size)
    else:
        for tables in _extracted(todo, workers, batch_size):
            store.write(tables, {d: texts[d] for d in tables.documents["doc_id"]}, run)
            if progress:
                progress(len(tables.documents))
    status = {d: "added" for d in summary.added} | {d: "replaced" for d in summary.replaced}
    paths = {d.doc_id: d.path for d in docs}  # (once: a look-up per document, not a dict)
    store.log(
        run,
        [(paths.get(d, ""), d, s, "") for d, s in status.items()]
        + [(e.path, "", "failed", e.reason) for e in summary.failed],
    )
    return summary


def _extracted(docs: list[Document], workers: int | None, size: int) -> Iterator[Tables]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(docs) <= size:
        for batch in batches(docs, size):
            yield extract_batch(batch)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_batch, batches(docs, size))


def _ingest_dask(
    store: Store,
    docs: list[Document],
    texts: dict[str, tuple[str, str]],
    client: Client,
    progress: Callable[[int], None] | None,
    size: int,
) -> None:
    from distributed import as_completed

    with tempfile.TemporaryDirectory(prefix="dashboard-parts-") as tmp:
        futures = [
            client.submit(extract_to_parquet, batch, str(Path(tmp) / f"part-{i:06d}"), pure=False)
            for i, batch in enumerate(batches(docs, size))
        ]
        for fut in as_completed(futures):
            fut.result()  # raise a worker's error here
            if progress:
                progress(0)
        store.load_parquet(tmp, texts)


def build_seed_store(path: Path) -> Summary:
    """A new store at `path` holding the seed documents (the corpus the app opens on).

    Built under a private name and renamed into place when whole, so that another process
    starting at the same moment never opens a half-built store.
    """
    from dashboard.ingest import read_paths
    from dashboard.pipeline import SEEDS

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with Store(partial) as store:
            summary = ingest(store, *read_paths([SEEDS]), workers=1)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return summary

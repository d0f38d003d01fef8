"""The session's corpus: the shared store (one read-only connection per server process) plus
this session's uploads, which never leave the session.

Pages ask questions through the View: aggregates (counts, top lists, map points, time bins) are
SQL over every kept row; row tables hold the newest DOC_CAP documents' rows. Answers are cached
per (store, version, uploads, filters), so a rerun with the same filters asks DuckDB nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import store_queries
from dashboard.batch import build_seed_store
from dashboard.ingest import document_from_bytes
from dashboard.model import SCHEMAS
from dashboard.pipeline import concat, tables_for
from dashboard.queries import Filters
from dashboard.store import DEFAULT_STORE, STORE_ENV, Store, StoreBusy, resolve, store_path
from dashboard.tables import Tables
from dashboard.ui import state

DOC_CAP = 200  # documents whose rows the pages list (the most recently published)
ROW_CAP = 50_000  # rows of one table listed at most, whatever the documents hold
FOUND_CAP = 1000  # documents a sidebar search offers at most
# Cached results per server process, bounded by count (Streamlit has no bound by size), so that
# a shared server's memory stops growing however many filters its analysts try (each brushed
# date range is a new one). The listed rows of one table are up to about 1.5 MB (200 Arabic
# documents), a page's computation over them a few MB, an answer (counts, top-k, map points)
# well under 1 MB: some 300 MB in all when full. benchmarks/big_store.py brushes measures it.
ANSWERS = 512
LISTED = 128
DERIVED = 32
# DuckDB keeps the blocks it has read while memory allows (80% of the machine's by default), so
# the server's memory would grow towards the size of the store: its reader is bounded.
MEMORY_ENV = "DASHBOARD_STORE_MEMORY"
READ_MEMORY = "320MB"
STORE_SECRET = "store"  # key in .streamlit/secrets.toml naming the store for a deployment


def store_setting() -> str | None:
    """The store the deployment names: `-- --store PATH` on the command line, then
    $DASHBOARD_STORE, then `store` in Streamlit secrets; None for the default."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--store")
    given = parser.parse_known_args(sys.argv[1:])[0].store
    if given:
        return given
    if os.environ.get(STORE_ENV):
        return None  # store_path reads it
    try:
        return st.secrets.get(STORE_SECRET)
    except Exception:  # no secrets.toml, or a malformed one: nothing configured
        return None


@st.cache_resource(show_spinner="Creating the corpus store with the seed documents…")
def seed_store(path: str) -> None:
    """Build the default store once: sessions starting together wait for the one build."""
    if not Path(path).exists():
        build_seed_store(Path(path))


@st.cache_resource(show_spinner="Opening the corpus store…")
def open_store(path: str) -> Store:
    """One read-only connection per store version, shared by every session (thread-safe)."""
    return Store(path, read_only=True, memory=os.environ.get(MEMORY_ENV) or READ_MEMORY)


def store() -> Store:
    """The store this run reads; the default one is created with the seed on first use."""
    path = store_path(store_setting())
    if not path.exists():
        if path != DEFAULT_STORE:
            st.error(
                f"The corpus store {path} does not exist. Create it with "
                f"`python -m dashboard ingest PATH --store {path}`."
            )
            st.stop()
        seed_store(str(path))
    try:
        return open_store(str(resolve(path)))
    except StoreBusy as e:
        st.error(str(e))
        st.stop()
        raise  # st.stop() ends the run; this line only tells type checkers


def _store_key(db: Store) -> tuple[str, int]:
    return (str(db.path), db.version())


@st.cache_data(max_entries=ANSWERS, ttl=3600, show_spinner=False)
def _ask(question: str, key: tuple, _db: Store, _overlay: Tables | None, *args: Any) -> Any:
    """store_queries.<question>(db, *args, overlay=...), cached by the store and upload key."""
    return getattr(store_queries, question)(_db, *args, overlay=_overlay)


@st.cache_data(max_entries=ANSWERS, ttl=3600, show_spinner=False)
def _newest(
    key: tuple, _db: Store, _overlay: Tables | None, filters: Filters, cap: int
) -> pd.DataFrame:
    """The `cap` newest kept documents: asked once per filters, read by every listed table."""
    return store_queries.newest_documents(_db, filters, cap, overlay=_overlay)


@st.cache_data(max_entries=LISTED, ttl=3600, show_spinner=False)
def _rows(
    key: tuple, _db: Store, _overlay: Tables | None, filters: Filters, table: str, cap: int
) -> pd.DataFrame:
    """The rows of `table` the pages list: those of the `cap` newest kept documents.

    `filters` are those bearing on `table` (Filters.bearing_on), so that a unit or place-kind
    change asks the store again for figures or places only.
    """
    docs = _newest(key, _db, _overlay, filters.bearing_on("documents"), cap)
    if table == "documents":
        return docs
    ids = list(docs["doc_id"])
    return store_queries.rows_of_documents(_db, table, filters, ids, ROW_CAP, overlay=_overlay)


def sidebar_options(db: Store, extra: Tables | None, upload_key: tuple) -> dict:
    """The values each sidebar filter offers (see store_queries.options), cached."""
    return _ask("options", (*_store_key(db), upload_key), db, extra)


def document_choices(
    db: Store, extra: Tables | None, upload_key: tuple, words: str, options: dict
) -> tuple[dict[str, str], int]:
    """(id -> title, matches): the documents the sidebar's list offers and how many of them hold
    `words` (stripped) in their title or id (those, newest first, else the newest ones of
    `options`). Every chosen document still in the corpus comes first, so that a new search
    keeps what was chosen while a removed upload goes."""
    key = (*_store_key(db), upload_key)
    chosen = _ask("titles_of", key, db, extra, tuple(st.session_state[state.FILTER_DOCUMENTS]))
    if words:
        found = _ask("find_documents", key, db, extra, words, FOUND_CAP)
        titles = dict(zip(found["doc_id"], found["title"], strict=True))
    else:
        titles = {d: options["titles"].get(d, "") for d in options["documents"]}
    return {**chosen, **titles}, len(titles)


@st.cache_data(max_entries=DERIVED, ttl=3600, show_spinner=False)
def _derived(name: str, key: tuple, filters: Filters, _fn: Callable, _tables: Any) -> Any:
    """A page's computation over listed rows (name), cached like the rows it reads."""
    return _fn(_tables)


class LazyTables:
    """Tables read from the store one table at a time, when a page first asks for it."""

    def __init__(self, fetch: Callable[[str], pd.DataFrame]) -> None:
        self._fetch = fetch
        self._got: dict[str, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name not in SCHEMAS:
            raise AttributeError(name)
        if name not in self._got:
            self._got[name] = self._fetch(name)
        return self._got[name]

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in SCHEMAS]


def _free_id(doc_id: str, taken: Callable[[str], bool]) -> str:
    if not taken(doc_id):
        return doc_id
    n = 2
    while taken(f"{doc_id}-{n}"):
        n += 1
    return f"{doc_id}-{n}"


def sync_uploads(files: list, db: Store) -> None:
    """Make the session's uploads match the uploader: read new files, forget removed ones.

    A file that cannot be read (empty, binary, too big) or extracted is recorded in
    UPLOAD_ERRORS and left out. An id already used by the store or an earlier upload gets a
    suffix.
    """
    uploads: dict[str, state.Upload] = st.session_state[state.UPLOADS]
    errors: dict[str, str] = {}
    current = {f.file_id: f for f in files}
    for gone in set(uploads) - set(current):
        del uploads[gone]

    def taken(doc_id: str) -> bool:
        if any(u.document.doc_id == doc_id for u in uploads.values()):
            return True
        return not db.query("SELECT 1 FROM c_documents WHERE doc_id = ?", [doc_id]).empty

    for file_id, f in current.items():
        if file_id in uploads:
            continue
        try:
            doc = document_from_bytes(f.getvalue(), f.name, path=f"upload:{f.name}")
        except ValueError as e:
            errors[f.name] = str(e)
            continue
        doc = replace(doc, doc_id=_free_id(doc.doc_id, taken))
        try:
            tables = tables_for([doc])
        except Exception as e:  # one odd file must not break the session's other documents
            errors[f.name] = f"could not extract: {type(e).__name__}: {e}"
            continue
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        uploads[file_id] = state.Upload(doc, tables, digest)
    st.session_state[state.UPLOAD_ERRORS] = errors


def overlay() -> tuple[Tables | None, tuple]:
    """This session's uploads as one set of tables (None without uploads), and their key."""
    uploads = list(st.session_state[state.UPLOADS].values())
    if not uploads:
        return None, ()
    key = tuple((u.document.doc_id, u.digest) for u in uploads)
    return concat([u.tables for u in uploads]), key


def build_view(db: Store) -> state.View:
    """What the pages read this run: filters, exact counts, capped rows, cached questions."""
    extra, upload_key = overlay()
    key = (*_store_key(db), upload_key)
    chosen = state.filters()

    def rows(filters: Filters) -> LazyTables:
        return LazyTables(
            lambda table: _rows(key, db, extra, filters.bearing_on(table), table, DOC_CAP)
        )

    def ask(question: str, filters: Filters, *args: Any) -> Any:
        # Keyed by the filters bearing on what the question reads, as rows are.
        bearing = filters.bearing_on(*store_queries.READS[question])
        return _ask(question, key, db, extra, bearing, *args)

    def text(doc_id: str) -> tuple[str, str]:
        for u in st.session_state[state.UPLOADS].values():
            if u.document.doc_id == doc_id:
                return u.document.text, u.document.lang
        lang = db.query("SELECT lang FROM documents WHERE doc_id = ?", [doc_id])
        return db.text(doc_id), (str(lang.iloc[0, 0]) if len(lang) else "")

    shown = rows(chosen)

    def derive(name: str, fn: Callable[[Any], Any], filters: Filters | None = None) -> Any:
        # `name` must say what fn computes: it is the cache key, with the filters.
        filters = chosen if filters is None else filters
        return _derived(name, key, filters, fn, rows(filters))

    def context() -> LazyTables:
        # Every row of the listed documents, whatever the kind, unit and date filters.
        ids = tuple(shown.documents["doc_id"])
        return rows(Filters(documents=ids)) if ids else shown

    return state.View(
        filters=chosen,
        counts=ask("counts", chosen),
        shown=shown,
        ask=lambda question, *args: ask(question, chosen, *args),
        text=text,
        context=context,
        # One document's rows under the same filters: only its rows are read.
        document_rows=lambda doc_id: rows(replace(chosen, documents=(doc_id,))),
        derive=derive,
        doc_cap=DOC_CAP,
    )


def upload_notes() -> list[str]:
    """One line per upload of this session: name, language, encoding, size."""
    return [
        f"{u.document.path.removeprefix('upload:')} — {u.document.lang or '?'}, "
        f"{u.document.encoding or 'utf-8'}, {len(u.document.text):,} characters"
        for u in st.session_state[state.UPLOADS].values()
    ]

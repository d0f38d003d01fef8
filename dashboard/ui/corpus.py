"""The session's corpus: the seed documents (cached for every session) plus this session's uploads.

Uploads are read and extracted once, when they arrive, and kept in this session's state only.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard.ingest import document_from_bytes, read_paths
from dashboard.pipeline import SEEDS, concat, seed_tables, tables_for
from dashboard.queries import apply_filters
from dashboard.tables import Tables
from dashboard.ui import state


@st.cache_data(show_spinner="Reading the seed documents…")
def seed() -> Tables:
    """The seed corpus's tables, extracted once per server process."""
    return seed_tables()


@st.cache_data(show_spinner=False)
def seed_texts() -> dict[str, tuple[str, str]]:
    """doc_id -> (text, lang) of the seed documents, for the Documents page."""
    docs, _ = read_paths([SEEDS])
    return {d.doc_id: (d.text, d.lang) for d in docs}


def _free_id(doc_id: str, taken: set[str]) -> str:
    if doc_id not in taken:
        return doc_id
    n = 2
    while f"{doc_id}-{n}" in taken:
        n += 1
    return f"{doc_id}-{n}"


def sync_uploads(files: list, seed_ids: set[str]) -> None:
    """Make the session's uploads match the uploader: read new files, forget removed ones.

    A file that cannot be read (not UTF-8, empty, too big) or extracted is recorded in
    UPLOAD_ERRORS and left out.
    """
    uploads: dict[str, state.Upload] = st.session_state[state.UPLOADS]
    errors: dict[str, str] = {}
    current = {f.file_id: f for f in files}
    for gone in set(uploads) - set(current):
        del uploads[gone]
    for file_id, f in current.items():
        if file_id in uploads:
            continue
        taken = seed_ids | {u.document.doc_id for u in uploads.values()}
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
        uploads[file_id] = state.Upload(doc, tables)
    st.session_state[state.UPLOAD_ERRORS] = errors


def corpus_tables() -> Tables:
    """Seed tables followed by every upload of this session."""
    uploads = st.session_state[state.UPLOADS].values()
    return concat([seed(), *(u.tables for u in uploads)])


def build_view() -> state.View:
    """The corpus, filtered by the sidebar's choices, with the texts of its documents."""
    corpus = corpus_tables()
    texts = dict(seed_texts())
    for u in st.session_state[state.UPLOADS].values():
        texts[u.document.doc_id] = (u.document.text, u.document.lang)
    chosen = state.filters()
    return state.View(corpus, apply_filters(corpus, chosen), chosen, texts)

"""Documents in, tables out: the one path every entry point (CLI, app, tests) takes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dashboard.extract import extract_all
from dashboard.ingest import IngestError, read_inputs
from dashboard.model import Document
from dashboard.tables import Tables, build_tables, concat

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def tables_for(docs: Iterable[Document]) -> Tables:
    """Extract every document and build the six tables."""
    return build_tables((doc, extract_all(doc)) for doc in docs)


def load_corpus(
    paths: Iterable[Path] = (), manifests: Iterable[Path] = ()
) -> tuple[Tables, list[IngestError]]:
    """Read files, folders and manifests, extract them, and report what could not be read."""
    docs, errors = read_inputs(paths, manifests)
    return tables_for(docs), errors


def seed_tables() -> Tables:
    """The tables of the seed corpus the app opens on."""
    tables, errors = load_corpus([SEEDS])
    if errors:
        raise RuntimeError(f"seed corpus unreadable: {errors}")
    return tables


__all__ = ["Tables", "concat", "load_corpus", "seed_tables", "tables_for"]

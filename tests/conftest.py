"""Shared fixtures: the seed document and its tables."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sample_tables import sample_tables

from dashboard.batch import build_seed_store
from dashboard.ingest import read_file
from dashboard.model import Document
from dashboard.store import STORE_ENV
from dashboard.tables import Tables

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_16c055e86bfdd556.txt"
LANGS = ("ar", "en", "es")
GOLDEN = ROOT / "tests" / "golden"  # hand-written cases: {text, expected} per table and language
GOLD = ROOT / "tests" / "gold"  # hand annotations of corpus articles (positions only)
CORPUS = ROOT.parent / "shared" / "corpus"  # the development corpus, absent for users
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "index.jsonl").exists(), reason=f"the development corpus {CORPUS} is absent"
)


def golden_cases(table: str) -> list[tuple[str, dict]]:
    """(lang, case) of tests/golden/<table>_<lang>.json for every language."""
    return [
        (lang, case)
        for lang in LANGS
        for case in json.loads((GOLDEN / f"{table}_{lang}.json").read_text(encoding="utf-8"))
    ]


def gold_files(key: str, lang: str) -> list[dict]:
    """The gold annotations of one language's corpus articles that annotate `key`."""
    files = [json.loads(p.read_text("utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return [g for g in files if g["lang"] == lang and key in g]


@pytest.fixture(scope="session", autouse=True)
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store the app reads in tests (in-process and `streamlit run` alike): the seed in a
    fresh DuckDB file, never the user's data/corpus.duckdb."""
    path = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    build_seed_store(path)
    os.environ[STORE_ENV] = str(path)
    return path


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return read_file(SEED)


@pytest.fixture
def sample() -> Tables:
    """Hand-built tables of two short test documents (see tests/sample_tables.py)."""
    return sample_tables()

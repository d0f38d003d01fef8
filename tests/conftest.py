"""Shared fixtures: the seed document and its tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_tables import sample_tables

from dashboard.ingest import read_file
from dashboard.model import Document
from dashboard.tables import Tables

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_16c055e86bfdd556.txt"


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return read_file(SEED)


@pytest.fixture
def sample() -> Tables:
    """Hand-built tables of two short test documents (see tests/sample_tables.py)."""
    return sample_tables()

"""Language data from data/: loaded once per process and shared by every extractor."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGS = ("ar", "en", "es")


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """data/<lang>/<name>.json as a dict; an unknown language falls back to English."""
    if lang not in LANGS:
        lang = "en"
    path = DATA_DIR / lang / f"{name}.json"
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@cache
def proclitics(lang: str) -> tuple[str, ...]:
    """Letters that attach before a word (Arabic), longest first; empty for other languages."""
    if lang != "ar":
        return ()
    items = load("ar", "morphology")["proclitics"]
    return tuple(sorted(items, key=len, reverse=True))

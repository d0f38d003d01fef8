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


@cache
def demonym_forms(lang: str) -> tuple[tuple[str, str], ...]:
    """(form, ISO code) of every demonym of entities.json: each stem with each article and
    ending ("الإيراني", "الروسية", "Russian")."""
    d = load(lang, "entities")
    return tuple(
        (p + stem + s, code)
        for code, stems in d["demonyms"].items()
        for stem in stems
        for p in d["demonym_prefixes"]
        for s in d["demonym_suffixes"]
    )


def language_name(code: str) -> str:
    """ "Arabic (ar)" for a language the project reads, else the code as given."""
    if code not in LANGS:
        return code
    return f"{load(code, 'language')['name']} ({code})"


@cache
def _unit_names() -> dict[str, str]:
    with (DATA_DIR / "units.json").open(encoding="utf-8") as f:
        return json.load(f)


def unit_name(code: str) -> str:
    """ "bbl (barrels)", "USD (US dollar)": a figure's unit code with its name, when known."""
    name = _unit_names().get(code)
    return f"{code} ({name})" if name and name != code else code

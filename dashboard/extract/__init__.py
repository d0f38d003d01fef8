"""Extractors: each module has `extract(doc) -> list[Mention]` for one table."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.extract import claims, dates, entities, figures, places, relations
from dashboard.model import Document, Mention

EXTRACTORS: dict[str, Callable[[Document], list[Mention]]] = {
    "figures": figures.extract,
    "places": places.extract,
    "dates": dates.extract,
    "claims": claims.extract,
    "entities": entities.extract,
    "relations": relations.extract,
}


def extract_all(doc: Document) -> list[Mention]:
    """Every mention of every extractor, in text order."""
    out: list[Mention] = []
    for name, fn in EXTRACTORS.items():
        found = fn(doc)
        for m in found:
            if m.table != name or doc.text[m.start : m.end] != m.text:
                raise AssertionError(f"{name} extractor broke the span contract: {m}")
        out += found
    return sorted(out, key=lambda m: (m.start, m.end))

"""Extractors: each module has `extract(doc) -> list[Mention]` for one table."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dashboard import gazetteer, lexicon
from dashboard.extract import (
    claims,
    claims_openers,
    dates,
    dates_items,
    entities,
    figures,
    places,
    relations,
)
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.claims_openers import openers_for
from dashboard.extract.claims_tokens import prepared_for, readings_for, sentences_for
from dashboard.extract.dates_lexicon import date_lexicon
from dashboard.extract.figure_grammar import grammar
from dashboard.extract.relations_lexicon import relations_lexicon
from dashboard.model import Document, Mention
from dashboard.text import normalise, split_words

EXTRACTORS: dict[str, Callable[[Document], list[Mention]]] = {
    "figures": figures.extract,
    "places": places.extract,
    "dates": dates.extract,
    "claims": claims.extract,
    "entities": entities.extract,
    "relations": relations.extract,
}

# What the extractors read for a language, each built once per process (cached).
_TABLES: tuple[Callable[[str], object], ...] = (
    lexicon.proclitics,
    grammar,
    date_lexicon,
    dates_items.load,  # the word code memo of the date lexicon
    claims_lexicon,
    entity_lexicon,
    relations_lexicon,
    claims_openers.load,  # and the actor tables it reads
    places.load,
    gazetteer.index,
    gazetteer.capitalised,
    gazetteer.acronyms,
    gazetteer.prefixes,
    gazetteer.max_words,
)


def load(lang: str) -> None:
    """Build every table the extractors read for a language (lexicons, grammars, gazetteer
    indexes). Each is otherwise built by the first document that reads it, some only by a
    document with, say, a sourced claim; a worker or a benchmark calls this first, so that
    no document pays for them. They live as long as the process: frozen by `gc_paused`, so
    that collections do not walk them."""
    with gc_paused():
        for table in _TABLES:
            table(lang)


def prepare(doc: Document) -> None:
    """Compute the document's shared views once, before the extractors read them.

    The normalised text, its word split (figures read it to find where a figure can start),
    and the claims/entities/relations tokens with their reading index and sentences are each
    cached by text (small LRU caches in their modules), so every extractor reuses them;
    calling this first only makes the shared cost visible on its own
    (benchmarks/throughput.py times it).
    """
    norm = normalise(doc.text)
    split_words(norm.text)
    clitics = lexicon.proclitics(doc.lang)
    readings_for(doc.text, clitics)
    sentences_for(doc.text, clitics)


# The caches of one text's shared views (the preparation's, and the entities the claims and
# relations extractors share).
_SHARED_VIEWS = (
    normalise,
    split_words,
    prepared_for,
    sentences_for,
    openers_for,
    entities.find_cached,
)


def release() -> None:
    """Drop the shared views of the documents extracted so far, once their extractors are done.

    Kept, they would outlive the document by several more (the caches hold a few texts), and
    the first collection after each document would walk them, and the next ones again: a
    twentieth of the extraction's time. Dropped, reference counting frees them at once. A
    text extracted again, or read by another caller meanwhile, has them computed anew.
    """
    for cached in _SHARED_VIEWS:
        cached.cache_clear()


# Objects a document leaves alive: a few hundred (at most a few thousand for a long text) when
# its lexicons were loaded before, tens of thousands when they are loaded with it.
_LOADED_LEXICONS = 20_000


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one document is extracted.

    Extraction allocates a few objects per token (tokens, items, readings) that live until the
    document is done and hold no cycles; with the collector on, these allocations trigger
    collections that walk every long-lived object of the process (lexicons, gazetteer, word
    memos), which cost up to a third of the time. Reference counting still frees everything at
    once; any cycle is collected by the first collection after the pause.

    A document after which many more objects are alive than before loaded lexicons (tens of
    thousands of objects, kept for the whole process): they are frozen (`gc.freeze`), so that
    later collections do not walk them again (that cost about a twentieth of the time of the
    next few hundred documents). Frozen objects are still freed when no longer referenced.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] >= _LOADED_LEXICONS:
            gc.freeze()
        if was_enabled:
            gc.enable()


def extract_all(doc: Document) -> list[Mention]:
    """Every mention of every extractor, in text order."""
    out: list[Mention] = []
    with gc_paused():
        prepare(doc)
        for name, fn in EXTRACTORS.items():
            found = fn(doc)
            for m in found:
                if m.table != name or doc.text[m.start : m.end] != m.text:
                    raise AssertionError(f"{name} extractor broke the span contract: {m}")
            out += found
        release()
    return sorted(out, key=lambda m: (m.start, m.end))

"""The entries of a document's reading index that the opener tables can read, found once.

Claims (cues, frame openers, hedges), entities and relations (triggers, actors) each find
where their phrases may start by intersecting the reading index (claims_tokens.readings_for)
with their tables' words (`claims_tokens.open_candidates`, `candidates`); places look for
their matcher's words the same way (places_text.wanted). The index holds every reading of
the document, the tables only a few of them: intersected once with the words of all the
tables, it leaves a small index in which each table's look-ups find the same positions, by
probing a few entries instead of the whole index.
"""

from __future__ import annotations

from functools import cache, lru_cache

from dashboard import lexicon
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.claims_tokens import PhraseTable, phrase_follows, readings_for
from dashboard.extract.places_text import wanted as place_words
from dashboard.extract.relations_actors import actor_firsts, actor_follows
from dashboard.extract.relations_lexicon import relations_lexicon


@lru_cache(maxsize=8)
def openers_for(text: str, lang: str) -> dict[str, list[int]]:
    """The entries of the text's reading index whose reading is a word of an opener table
    (shared and read-only, like the index)."""
    index = readings_for(text, lexicon.proclitics(lang))
    return {w: index[w] for w in _vocabulary(lang).intersection(index)}


def load(lang: str) -> None:
    """Build the opener words of a language (see dashboard.extract.load)."""
    _vocabulary(lang)


@cache
def _vocabulary(lang: str) -> frozenset[str]:
    """Every word the opener tables of `lang` look up in a reading index: their phrases'
    first words and the words that may follow those (as `open_candidates` reads them), and
    the place matcher's words."""
    claims, entities = claims_lexicon(lang), entity_lexicon(lang)
    tables = (claims.cues, claims.frame_openers, relations_lexicon(lang).triggers)
    words = set(claims.content_hedges) | entities.firsts | actor_firsts(lang)
    words.update(place_words(lang))  # and the place matcher's: one pass serves all
    for follows in (*map(_follows, tables), entities.follows, actor_follows(lang)):
        words.update(follows)
        for after in follows.values():
            if after is not None:
                words.update(after)
    return frozenset(words)


def _follows(table: PhraseTable) -> dict[str, frozenset[str] | None]:
    return phrase_follows([table])  # as `PhraseTable.open_at` reads the table

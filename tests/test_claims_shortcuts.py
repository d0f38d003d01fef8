"""The shortcuts the claims and entities finders take must agree with what they replace."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard import lexicon
from dashboard.extract import entities
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.claims_tokens import tokenize
from dashboard.extract.entities_names import match

TEXTS = {
    "ar": "وقال وزير الخارجية السعودي إن المملكة لن تتراجع، بحسب وكالة الأنباء الفرنسية.",
    "en": "The Russian Foreign Ministry said on Tuesday that talks would resume.",
    "es": "El presidente ruso, Vladimir Putin, dijo que las conversaciones seguirán.",
}


def test_with_outer_start_is_replace() -> None:
    e = entities.Entity(3, 9, "person", "X", "minister", "SA", -1, "official", True)
    assert entities.with_outer_start(e, 1) == replace(e, outer_start=1)


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_stop_words_union(lang: str) -> None:
    lex = claims_lexicon(lang)
    union = lex.source_stop | lex.cue_particles | lex.interrogatives | lex.negators
    assert lex.stop_words == union


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_match_rejects_only_what_phrase_table_rejects(lang: str) -> None:
    text = TEXTS[lang]
    toks = tokenize(text, lexicon.proclitics(lang))
    elex, lex = entity_lexicon(lang), claims_lexicon(lang)
    for table in (elex.demonyms, elex.titles, elex.persons, lex.kinds, lex.frame_openers):
        for i in range(len(toks)):
            assert match(table, text, toks, i) == table.match(toks, i, text)

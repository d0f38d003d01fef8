"""The shortcuts the claims and entities finders take must agree with what they replace."""

from __future__ import annotations

import pytest

from dashboard import lexicon
from dashboard.extract import entities
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.claims_refer import Claim
from dashboard.extract.claims_tokens import tokenize
from dashboard.extract.entities_names import match

TEXTS = {
    "ar": "وقال وزير الخارجية السعودي إن المملكة لن تتراجع، بحسب وكالة الأنباء الفرنسية.",
    "en": "The Russian Foreign Ministry said on Tuesday that talks would resume.",
    "es": "El presidente ruso, Vladimir Putin, dijo que las conversaciones seguirán.",
}


def test_with_outer_start_copies_every_other_field() -> None:
    e = entities.Entity(3, 9, "person", "X", "minister", "SA", -1, "official", True)
    got = entities.with_outer_start(e, 1)
    assert got.outer_start == 1 and e.outer_start == -1
    for name in ["start", "end", "kind", "name", "role", "country", "source_kind", "guessed"]:
        assert getattr(got, name) == getattr(e, name), name


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


def test_claim_replace_changes_only_what_it_is_given() -> None:
    c = Claim(5, 20, (1, 2), (0, 1), False, True, False, True, (0, 4), True)
    got = c.replace(start=6, hedged=False)
    assert (got.start, got.hedged, c.start, c.hedged) == (6, False, 5, True)
    fields = "start end cue source implicit explicit_before negated hedged source_span plural"
    for name in fields.split():
        if name not in ("start", "hedged"):
            assert getattr(got, name) == getattr(c, name), name
    with pytest.raises(TypeError):
        c.replace(speaker=(0, 1))  # no such field

"""The relations lexicon of one language (data/<lang>/relations.json) compiled into tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dashboard import lexicon
from dashboard.extract.claims_tokens import PhraseTable, Token, folded_set


@dataclass(frozen=True)
class RelationsLexicon:
    """Trigger phrases by PLOVER event, modes and sectors, and the particles around actors."""

    triggers: PhraseTable  # -> {"event", "receiver_subject", "object_target", ...}
    modes: PhraseTable  # -> mode name ("assist", "cooperate", ...)
    sectors: PhraseTable  # -> sector name ("military", "energy", ...)
    target_particles: frozenset[str]
    source_particles: frozenset[str]
    all_particles: frozenset[str]
    irrealis: frozenset[str]
    negators: frozenset[str]
    conjunctions: frozenset[str]  # clitics peeled before a preposition clitic ("ول" -> "ل")
    coordinators: frozenset[str]  # "China and Venezuela held talks": joint actors
    verb_first: bool  # verb-subject order ("صادقت موسكو"): the actor after a verb is its subject

    def has(self, words: frozenset[str], tok: Token) -> bool:
        """Whether the token, bare or after a conjunction ("ولم"), is in `words`.

        Only conjunctions are peeled: "كما" must not read as ك + "ما".
        """
        norm = tok.norm
        if norm in words:
            return True
        for _, core in tok.peeled:  # a word's only reading is the word itself, tested above
            if core in words and norm[: len(norm) - len(core)] in self.conjunctions:
                return True
        return False


@cache
def relations_lexicon(lang: str) -> RelationsLexicon:
    """The compiled relations lexicon of `lang` (cached per process)."""
    d = lexicon.load(lang, "relations")
    entries = []
    for t in d["triggers"]:
        receivers = set(t["receiver_subject_forms"])
        objects = set(t["object_target_forms"])
        adjacent = set(t["adjacent_source_forms"])
        for f in t["forms"]:
            payload = {
                "event": t["event"],
                "receiver_subject": f in receivers,
                "object_target": f in objects,
                "adjacent_source": f in adjacent,
                "target_particles": folded_set(t["target_particles"]),
            }
            entries.append((f, payload))
    targets = folded_set(d["target_particles"])
    sources = folded_set(d["source_particles"])
    morphology = lexicon.load(lang, "claims")
    return RelationsLexicon(
        triggers=PhraseTable(entries),
        modes=PhraseTable((w, k) for k, ws in d["modes"].items() for w in ws),
        sectors=PhraseTable((w, k) for k, ws in d["sectors"].items() for w in ws),
        target_particles=targets,
        source_particles=sources,
        all_particles=targets | sources,
        irrealis=folded_set(d["irrealis"]),
        negators=folded_set(d["negators"]),
        conjunctions=folded_set(morphology["cue_proclitics"]),
        coordinators=folded_set(d["coordinators"]),
        verb_first=morphology["word_order"][0] == "after",
    )

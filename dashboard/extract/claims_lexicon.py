"""The claims lexicon of one language (data/<lang>/claims.json) compiled into look-up tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dashboard import lexicon
from dashboard.extract.claims_tokens import PhraseTable, Token, folded_set

CUE_GROUPS = ("verbs", "participles", "frames", "passive")


@dataclass(frozen=True)
class ClaimsLexicon:
    """Cue phrases and the word lists that delimit sources and contents."""

    cues: PhraseTable  # -> {"kind", "hedged", "negated", "needs_complement"}
    cue_clitics: frozenset[str] | None  # proclitics a cue verb may carry (None: any)
    head_first: bool
    after_first: bool
    complementizers: frozenset[str]
    cue_particles: frozenset[str]
    frame_relatives: frozenset[str]
    negators: frozenset[str]
    content_hedges: frozenset[str]
    interrogatives: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    linkers: frozenset[str]
    np_modifiers: frozenset[str]
    source_stop: frozenset[str]
    venue_words: frozenset[str]
    venue_proclitics: frozenset[str]
    definite: str
    kinds: PhraseTable  # -> source kind

    def has(self, words: frozenset[str], tok: Token) -> bool:
        """Whether the token, bare or after a conjunction proclitic ("وقد", "فإن"), is in `words`.

        Only the cue proclitics are peeled: "كان" must not read as ك + "ان".
        """
        if tok.norm in words:
            return True
        for _, core in tok.readings:
            clitic = tok.norm[: len(tok.norm) - len(core)]
            if (
                clitic
                and core in words
                and (self.cue_clitics is None or clitic in self.cue_clitics)
            ):
                return True
        return False

    def is_(self, words: frozenset[str], tok: Token) -> bool:
        """Whether the whole token is in `words` (no proclitic peeled)."""
        return tok.norm in words

    def venue(self, tok: Token) -> bool:
        """A venue phrase with its preposition attached ("لوكالة", "لرويترز")."""
        for start, core in tok.readings:
            clitic = tok.norm[: len(tok.norm) - len(core)]
            if start > tok.start and clitic in self.venue_proclitics and core in self.venue_words:
                return True
        return False


@cache
def claims_lexicon(lang: str) -> ClaimsLexicon:
    """The compiled claims lexicon of `lang` (cached per process)."""
    d = lexicon.load(lang, "claims")
    entries = []
    for group in CUE_GROUPS:
        for e in d[group]:
            payload = {
                "kind": group,
                "hedged": bool(e.get("hedged")),
                "negated": bool(e.get("negated")),
                "needs_complement": bool(e.get("needs_complement")),
            }
            entries += [(f, payload) for f in e["forms"]]
    kinds = [(w, kind) for kind, ws in d["source_kinds"].items() for w in ws]
    return ClaimsLexicon(
        cues=PhraseTable(entries),
        cue_clitics=folded_set(d["cue_proclitics"]) if d["cue_proclitics"] else None,
        head_first=d["head_position"] == "first",
        after_first=d["word_order"][0] == "after",
        complementizers=folded_set(d["complementizers"]),
        cue_particles=folded_set(d["cue_particles"]),
        frame_relatives=folded_set(d["frame_relatives"]),
        negators=folded_set(d["negators"]),
        content_hedges=folded_set(d["content_hedges"]),
        interrogatives=folded_set(d["interrogatives"]),
        pronouns=folded_set(d["pronouns"]),
        determiners=folded_set(d["determiners"]),
        linkers=folded_set(d["linkers"]),
        np_modifiers=folded_set(d["np_modifiers"]),
        source_stop=folded_set(d["source_stop"]),
        venue_words=folded_set(d["venue_words"]),
        venue_proclitics=folded_set(d["venue_proclitics"]),
        definite=d["definite_prefix"],
        kinds=PhraseTable(kinds),
    )

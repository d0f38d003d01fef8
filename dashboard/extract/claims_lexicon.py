"""The claims lexicon of one language (data/<lang>/claims.json) compiled into look-up tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from dashboard import lexicon
from dashboard.extract.claims_tokens import PhraseTable, Token, folded_set
from dashboard.text import fold

CUE_GROUPS = ("verbs", "participles", "frames", "passive")


@dataclass(frozen=True)
class ClaimsLexicon:
    """Cue phrases and the word lists that delimit sources and contents."""

    cues: PhraseTable  # -> {"kind", "hedged", "negated", "needs_complement", "named_source"}
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
    adverbs: PhraseTable  # words between a subject and its verb ("también", "أيضا")
    connectors: frozenset[str]  # sentence-initial words that never name a source ("However")
    auxiliaries: frozenset[str]  # "وكان X قال": the subject follows the auxiliary
    coordinators: frozenset[str]  # words that start a new coordinated clause ("and", "pero")
    adjunct_openers: frozenset[str]  # a trailing phrase after an inverted attribution
    frame_openers: PhraseTable  # "حسبما يقول X": a verb clause that attributes what precedes
    plural_suffixes: tuple[str, ...]  # a cue verb with one of these endings has a plural subject
    plural_pronouns: frozenset[str]
    plural_heads: frozenset[str]
    modal_particles: dict[str, dict]  # folded particle -> {"prefixes", "except"}
    passive_auxiliaries: frozenset[str]  # "were stated": passive narration, not a cue
    np_prepositions: frozenset[str]  # "analysts in oil markets estimate": a source head's PP
    unmarked_singular: bool  # a verb without a plural ending has a singular subject
    relatives: frozenset[str] = frozenset()  # "who spoke on condition that": not the cue's "that"
    # "una narrativa que recuerda": a complementizer that is a relative right after a noun
    noun_relatives: frozenset[str] = frozenset()
    # "X expects OPEC to meet": a subject follows its verb only after an inversion ('", said X')
    after_needs_inversion: bool = False
    impersonal_clitics: frozenset[str] = frozenset()  # "se dijo que": a claim without a source
    # source_stop | cue_particles | interrogatives | negators: the whole words that end a
    # source phrase (claims_source.stop_word), tested by one look-up per token.
    stop_words: frozenset[str] = frozenset()
    # "the minister" -> English roles it may stand for
    role_references: PhraseTable = field(default_factory=lambda: PhraseTable(()))
    definite_articles: frozenset[str] = frozenset()  # must open a role reference (if any)
    # "كشف مسؤول في الوزارة، عن خطة": a particle after the source's comma opens the content
    content_particles: frozenset[str] = frozenset()
    addressees: frozenset[str] = frozenset()  # "قال لي": to whom, right after the cue
    addressee_prefixes: tuple[str, ...] = ()  # "قال للصحفيين": a preposition and article
    # "وفقا للمعايير" (in line with the standards): heads, without the article, of no source
    frame_non_sources: frozenset[str] = frozenset()
    # "طبقا لما جرى تقديره من قبل X": the agent marker after a frame's relative
    agent_markers: PhraseTable = field(default_factory=lambda: PhraseTable(()))
    honorific_roles: frozenset[str] = frozenset()  # English roles that hold no office ("Sheikh")
    # "قال عدد من السكان": a head of a part, or a number ("92% من العينة"), joined to the
    # speakers by a partitive linker
    partitive_heads: frozenset[str] = frozenset()
    partitive_linkers: frozenset[str] = frozenset()
    # "Creo que ...": a cue in the first person; its speaker is the one being quoted
    first_person: frozenset[str] = frozenset()
    answer_markers: tuple[str, ...] = ()  # "R." opening a line: an interview's answer
    question_markers: tuple[str, ...] = ()  # "P." opening a line: the interviewer's question

    def has(self, words: frozenset[str], tok: Token) -> bool:
        """Whether the token, bare or after a conjunction proclitic ("وقد", "فإن"), is in `words`.

        Only the cue proclitics are peeled: "كان" must not read as ك + "ان".
        """
        norm = tok.norm
        if norm in words:
            return True
        for _, core in tok.peeled:  # a word's only reading is the word itself
            if core not in words:
                continue  # most readings: the clitic need not be cut off
            clitic = norm[: len(norm) - len(core)]
            if clitic and (self.cue_clitics is None or clitic in self.cue_clitics):
                return True
        return False

    def is_(self, words: frozenset[str], tok: Token) -> bool:
        """Whether the whole token is in `words` (no proclitic peeled)."""
        return tok.norm in words

    def addressee(self, tok: Token) -> bool:
        """Whom a source speaks to, right after the cue: "لي", "للصحفيين" (a preposition and
        the article; no native word opens so)."""
        word = tok.norm
        if word in self.addressees:
            return True
        if not word.startswith(self.addressee_prefixes):
            return False  # most words: one test of every prefix at once, in C
        return any(word.startswith(p) and len(word) > len(p) + 2 for p in self.addressee_prefixes)

    def venue(self, tok: Token) -> bool:
        """A venue phrase with its preposition attached ("لوكالة", "لرويترز")."""
        for off, core in tok.peeled:  # a word's only reading carries no clitic
            if off > 0 and core in self.venue_words:
                clitic = tok.norm[: len(tok.norm) - len(core)]
                if clitic in self.venue_proclitics:
                    return True
        return False


def _object_forms(entries: list[tuple[str, dict]], suffixes: list[str]) -> list[tuple[str, dict]]:
    """Each reporting verb with an object pronoun ("ذكرته", "تراه"): a cue only after a frame
    opener ("بحسب ما ذكرته الصحيفة", what the paper reported), flagged `after_opener`."""
    known = {f for f, _ in entries}
    out = []
    for f, payload in entries:
        if payload["kind"] != "verbs":
            continue
        stem = f[:-1] + "ا" if f.endswith("ى") else f  # "ترى" + "ه" is "تراه"
        for suffix in suffixes:
            if stem + suffix not in known:
                out.append((stem + suffix, {**payload, "after_opener": True}))
    return out


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
                "needs_punct": bool(e.get("needs_punct")),
                "object_source": bool(e.get("object_source")),
                # "citing weak markets" gives a reason: only a named source is cited
                "named_source": bool(e.get("named_source")),
                # "las cifras muestran una caída": a document's finding may be a bare object
                "document_object": bool(e.get("document_object")),
            }
            entries += [(f, payload) for f in e["forms"]]
    entries += _object_forms(entries, d["object_suffixes"])
    kinds = [(w, kind) for kind, ws in d["source_kinds"].items() for w in ws]
    stops = ("source_stop", "cue_particles", "interrogatives", "negators")
    lex = ClaimsLexicon(
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
        adverbs=PhraseTable((w, True) for w in d["adverbs"]),
        connectors=folded_set(d["connectors"]),
        auxiliaries=folded_set(d["auxiliaries"]),
        coordinators=folded_set(d["coordinators"]),
        adjunct_openers=folded_set(d["adjunct_openers"]),
        frame_openers=PhraseTable((w, True) for w in d["frame_openers"]),
        plural_suffixes=tuple(fold(x) for x in d["plural_suffixes"]),
        plural_pronouns=folded_set(d["plural_pronouns"]),
        plural_heads=folded_set(d["plural_heads"]),
        modal_particles={
            fold(k): {
                "prefixes": tuple(fold(x) for x in v.get("hedge_before_prefixes", [])),
                "except": folded_set(v.get("not_hedge_words", [])),
            }
            for k, v in d["modal_particles"].items()
        },
        passive_auxiliaries=folded_set(d["passive_auxiliaries"]),
        np_prepositions=folded_set(d["np_prepositions"]),
        unmarked_singular=bool(d["unmarked_verb_is_singular"]),
        relatives=folded_set(d["relatives"]),
        noun_relatives=folded_set(d.get("noun_relatives", [])),
        after_needs_inversion=bool(d["subject_after_needs_inversion"]),
        impersonal_clitics=folded_set(d["impersonal_clitics"]),
        role_references=PhraseTable(
            (f, tuple(e["roles"])) for e in d["role_references"] for f in e["forms"]
        ),
        definite_articles=folded_set(d["definite_articles"]),
        content_particles=folded_set(d.get("content_particles", [])),
        addressees=folded_set(d.get("addressees", [])),
        addressee_prefixes=tuple(fold(x) for x in d.get("addressee_prefixes", [])),
        frame_non_sources=folded_set(d.get("frame_non_sources", [])),
        agent_markers=PhraseTable((w, True) for w in d.get("agent_markers", [])),
        honorific_roles=frozenset(d["honorific_roles"]),
        partitive_heads=folded_set(d.get("partitive_heads", [])),
        partitive_linkers=folded_set(d.get("partitive_linkers", [])),
        first_person=folded_set(d.get("first_person", [])),
        answer_markers=tuple(d.get("answer_markers", [])),
        question_markers=tuple(d.get("question_markers", [])),
    )
    return replace(lex, stop_words=frozenset().union(*(getattr(lex, f) for f in stops)))

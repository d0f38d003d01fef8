"""Relations between actors, typed with PLOVER event categories.

Contract: `extract(doc)` returns Mentions of table "relations". The span is the evidence: from
the first to the last of source actor, trigger and target actor inside one sentence. attrs:
source_actor, source_country, target_actor, target_country (English names, ISO alpha-2 codes;
empty when unknown), event (a PLOVER category: AGREE, CONSULT, SUPPORT, COOPERATE, AID,
REQUEST, ACCUSE, REJECT, THREATEN, SANCTION, MOBILIZE, COERCE, ASSAULT), mode ("assist/military":
what is exchanged, then its sector, either may be missing), negated, cue, cue_start, cue_end,
sentence. "Maduro asked Putin for air-defence support" -> Venezuela REQUEST(assist/military)
Russia. One relation per actor pair and sentence (the first trigger); a hypothetical trigger
("أي هجوم", "any attack") and a relation of a country with itself are left out; only MOBILIZE
may lack a target.
"""

from __future__ import annotations

from dashboard import lexicon
from dashboard.extract import entities
from dashboard.extract.claims_openers import openers_for
from dashboard.extract.claims_tokens import Tokens, prepared_for, sentences_for
from dashboard.extract.relations_actors import Actor, find_actors
from dashboard.extract.relations_lexicon import RelationsLexicon, relations_lexicon
from dashboard.model import Document, Mention

_ACTOR_WINDOW = 25  # tokens between a trigger and any actor of its relation
_TARGET_WINDOW = 12  # tokens after a trigger in which its target may stand
_MODE_WINDOW = 14  # tokens after a trigger scanned for what is exchanged and its sector
_UNTARGETED = frozenset({"MOBILIZE"})
_MILITARY = frozenset({"MOBILIZE"})  # events that need a military word near their trigger
# When several triggers relate the same pair in one sentence, the most specific event wins.
_EVENT_ORDER = (
    "REQUEST ASSAULT COERCE SANCTION THREATEN MOBILIZE ACCUSE REJECT AGREE AID SUPPORT CONSULT"
    " COOPERATE"
)
_PRIORITY = {e: k for k, e in enumerate(_EVENT_ORDER.split(" "))}


def extract(doc: Document) -> list[Mention]:
    """Relations of the document as Mentions, in text order."""
    text, lang = doc.text, doc.lang
    proclitics = lexicon.proclitics(lang)
    prep = prepared_for(text, proclitics)
    toks = prep.tokens
    if not toks:
        return []
    openers = openers_for(text, lang)
    lex = relations_lexicon(lang)
    # The triggers first: a text with none (two in five) holds no relation, and its actors
    # need not be found. (`match` depends on the tokens alone.)
    triggers = {
        i: m for i in lex.triggers.open_at(openers) if (m := lex.triggers.match(toks, i, text))
    }
    if not triggers:
        return []
    sents, sid = sentences_for(text, proclitics)
    ents = entities.find_cached(text, lang)
    actors = find_actors(text, toks, openers, lang, ents, prep.starts, prep.ends)
    by_sentence: dict[int, list[Actor]] = {}
    for a in actors:
        by_sentence.setdefault(sid[a.first], []).append(a)
    out: list[Mention] = []
    seen: dict[tuple, int] = {}
    nxt = 0
    for i, (n, _, trig) in triggers.items():  # in text order
        if i < nxt or sid[i] not in by_sentence:
            continue
        nxt = i + n
        if _irrealis(lex, toks, sid, i):
            continue
        acts = [
            a
            for a in by_sentence[sid[i]]
            if not (a.first <= i <= a.last)
            and abs(a.first - i) <= _ACTOR_WINDOW
            # a bare demonym is an actor only next to its trigger ("هجوم أميركي")
            and (a.kind != "demonym" or a.last == i - 1 or a.first == i + n)
        ]
        roles = _roles(lex, toks, acts, i, n, trig)
        if roles is None:
            continue
        src, tgt = roles
        mode = _mode(lex, toks, sid, i)
        if trig["event"] in _MILITARY and not mode.endswith("military"):
            continue  # "تحريك مبادرتها" moves an initiative, not troops
        pair = (sid[i], src.country or src.name, (tgt.country or tgt.name) if tgt else "")
        mention = _mention(doc, toks, sents[sid[i]], lex, sid, i, n, trig, src, tgt, mode)
        # One relation per actor pair and sentence: "طلب فيها دعما" is a request for support,
        # "a treaty that covers cooperation" an agreement.
        old = seen.get(pair)
        if old is None or _PRIORITY[mention.attrs["event"]] < _PRIORITY[out[old].attrs["event"]]:
            if old is None:
                seen[pair] = len(out)
                out.append(mention)
            else:
                out[old] = mention
    return out


def _irrealis(lex: RelationsLexicon, toks: Tokens, sid: list[int], i: int) -> bool:
    """ "أي هجوم أميركي", "any attack": a hypothetical event is no relation."""
    for k in (i - 1, i - 2):
        if k >= 0 and sid[k] == sid[i] and lex.has(lex.irrealis, toks[k]):
            return True
    return False


def _particle(lex: RelationsLexicon, toks: Tokens, a: Actor) -> str:
    """The preposition before an actor (a separate word or a clitic on its first word)."""
    t = toks[a.outer]
    if a.outer == a.first:
        # The actor's span starts after its clitics ("لفنزويلا" -> "فنزويلا").
        clitics = [t.norm[: len(t.norm) - len(c)] for st, c in t.readings if st == a.start]
    else:  # a title carries the clitic ("للرئيس"): only a known preposition counts
        clitics = [t.norm[: len(t.norm) - len(c)] for st, c in t.readings if st > t.start]
        clitics = [c for c in clitics if _strip(lex, c) in lex.all_particles]
    for clitic in clitics:
        core = _strip(lex, clitic)
        if core:
            return core
    return toks.forms[a.outer - 1] if a.outer > 0 else ""


def _strip(lex: RelationsLexicon, clitic: str) -> str:
    """A clitic without its leading conjunction ("ول" -> "ل")."""
    return clitic[1:] if clitic[:1] in lex.conjunctions else clitic


def _roles(
    lex: RelationsLexicon, toks: Tokens, acts: list[Actor], i: int, n: int, trig: dict
) -> tuple[Actor, Actor | None] | None:
    """(source, target) of the trigger at token i among the sentence's actors, or None."""
    after = [a for a in acts if a.outer >= i + n and a.outer - (i + n) <= _TARGET_WINDOW]
    before = [a for a in acts if a.last < i]
    targets = trig["target_particles"] or lex.target_particles
    # Verb-subject order ("صادقت موسكو", "تحريك واشنطن"): the actor right after the trigger.
    vs = after[0] if lex.verb_first and after and after[0].outer == i + n else None
    if vs is not None and _particle(lex, toks, vs) in lex.all_particles:
        vs = None  # "دعمها لفنزويلا": the actor after the trigger is its target
    sv = before[-1] if before and before[-1].last == i - 1 else None
    if sv is not None and _particle(lex, toks, sv) not in lex.all_particles:
        vs = None  # "أن السعودية زودت الكويت": subject before the verb, object after
    else:
        sv = None
    rest = after[1:] if vs is not None else after
    src: Actor | None = None
    tgt: Actor | None = None
    if trig["receiver_subject"]:
        # "نسّق وزير النقل الفنزويلي شحنة من إيران": the subject receives from the giver.
        src = next((a for a in rest if _particle(lex, toks, a) in lex.source_particles), None)
        tgt = vs or sv or _first_unmarked(lex, toks, before)
    else:
        if trig["object_target"]:
            edge = vs.last + 1 if vs is not None else i + n
            tgt = next((a for a in rest if a.outer - edge <= 2), None)
        if tgt is None:
            tgt = next((a for a in rest if _particle(lex, toks, a) in targets), None)
        if tgt is None:
            # "رسالة إلى الرئيس بوتين ... طلب فيها": the addressee named before the trigger
            tgt = next((a for a in reversed(before) if _particle(lex, toks, a) in targets), None)
        src = vs or sv or _first_unmarked(lex, toks, before)
        first = next(
            (a for a in before if a is not src and _partner(lex, toks, acts, a) is src), None
        )
        if first is not None and tgt is None:
            tgt, src = src, first  # "الصين وفنزويلا محادثات": the pair does it together
        if tgt is None and src is not None:
            tgt = _partner(lex, toks, acts, src)
    if trig["adjacent_source"] and not (src and (src.last == i - 1 or src.first == i + n)):
        return None  # "ضربة قاسية للكرملين" is a blow, "هجوم أميركي" an attack
    if src is None or src is tgt:
        return None
    if tgt is None and trig["event"] not in _UNTARGETED:
        return None
    if tgt is not None and src.country and src.country == tgt.country:
        return None
    return src, tgt


def _partner(lex: RelationsLexicon, toks: Tokens, acts: list[Actor], src: Actor) -> Actor | None:
    """The actor coordinated with the subject ("China and Venezuela", "الصين وفنزويلا")."""
    nxt = next((a for a in acts if a.outer > src.last), None)
    if nxt is None:
        return None
    between = range(src.last + 1, nxt.outer)
    if len(between) == 1 and toks[between[0]].norm in lex.coordinators:
        return nxt
    t = toks[nxt.outer]
    attached = any(
        st == nxt.start and t.norm[: len(t.norm) - len(c)] in lex.conjunctions
        for st, c in t.readings
    )
    return nxt if not between and attached else None


def _first_unmarked(lex: RelationsLexicon, toks: Tokens, before: list[Actor]) -> Actor | None:
    """The first actor of the sentence that no preposition introduces (its subject)."""
    return next((a for a in before if _particle(lex, toks, a) not in lex.all_particles), None)


def _mode(lex: RelationsLexicon, toks: Tokens, sid: list[int], i: int) -> str:
    """ "assist/military": what is exchanged, then its field, from the words after the trigger."""
    kind = sector = ""
    for k in range(i, min(i + _MODE_WINDOW, len(toks))):
        if sid[k] != sid[i]:
            break
        kind = kind or (lex.modes.match(toks, k) or (0, 0, ""))[2]
        sector = sector or (lex.sectors.match(toks, k) or (0, 0, ""))[2]
    return "/".join(x for x in (kind, sector) if x)


def _mention(
    doc: Document,
    toks: Tokens,
    sent: tuple[int, int],
    lex: RelationsLexicon,
    sid: list[int],
    i: int,
    n: int,
    trig: dict,
    src: Actor,
    tgt: Actor | None,
    mode: str,
) -> Mention:
    """The relation's row; `mode` is `_mode` at the trigger."""
    text = doc.text
    cue_s, cue_e = toks.starts[i], toks.ends[i + n - 1]
    spans = [(src.start, src.end), (cue_s, cue_e)] + ([(tgt.start, tgt.end)] if tgt else [])
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    negated = any(
        k >= 0 and sid[k] == sid[i] and lex.has(lex.negators, toks[k]) for k in (i - 1, i - 2)
    )
    attrs = {
        "source_actor": src.name,
        "source_country": src.country,
        "target_actor": tgt.name if tgt else "",
        "target_country": tgt.country if tgt else "",
        "event": trig["event"],
        "mode": mode,
        "negated": negated,
        "cue": text[cue_s:cue_e],
        "cue_start": cue_s,
        "cue_end": cue_e,
        "sentence": text[sent[0] : sent[1]],
    }
    return Mention("relations", a, b, text[a:b], attrs)

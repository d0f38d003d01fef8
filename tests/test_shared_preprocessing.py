"""The shared, vectorised preprocessing agrees with plain per-character and per-token readings.

normalise, split_words, the figures' token stream, the claims tokens and sentence numbers were
rewritten to do their per-token work in C (map, zip, compress); these tests hold them to the
straightforward definitions on texts with dropped marks, ligatures, hyphens and odd digits.
"""

from __future__ import annotations

import gc
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from dashboard.extract import EXTRACTORS, extract_all, gc_paused, prepare
from dashboard.extract.claims_tokens import sentence_of, tokenize
from dashboard.extract.phrases import tokenize as figure_tokens
from dashboard.extract.phrases import word_tokens
from dashboard.lexicon import proclitics
from dashboard.model import Document
from dashboard.text import _fold_char, normalise, peel, sentences, split_words, words

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_FIGURE_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "",
    "   ",
    "قال الوزير إنَّ الإنتاجَ ارتفع إلى ٣٫٥ مليون برميل يومياً.",
    "وأكدت الـــوزارة أن «الاتفاق» سيُوقَّع في ١ نوفمبر ٢٠٢٥",
    "The al-Thani family's fund bought 1,250 shares; ﬁnal price: $3.5m.",
    "İstanbul ½ ⓽ ﬀ Ⅻ x_y __ 10-15 km",
    "El ministro dijo que la producción subirá un 3,5% en 2026.\n\nOtra línea",
]


def _random_texts(n: int) -> list[str]:
    rng = random.Random(11)
    alphabet = "ab Z9٣ـًّ،.,-'’\n\t_⓽½ﬁİß«»\"أإآةىئؤ0123 ۴"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))) for _ in range(n)]


def _joins_digits(text: str, i: int) -> bool:
    """A tatweel after a digit, the first of a run that a digit follows."""
    if text[i] != "\u0640" or i == 0 or not text[i - 1].isdecimal():
        return False
    j = i
    while j < len(text) and text[j] == "\u0640":
        j += 1
    return j < len(text) and text[j].isdecimal()


def _reference_normalise(text: str) -> tuple[str, list[int]]:
    out, index = [], []
    for i, ch in enumerate(text):
        for c in "-" if _joins_digits(text, i) else _fold_char(ch):
            out.append(c)
            index.append(i)
    return "".join(out), index


@pytest.mark.parametrize("text", TEXTS + _random_texts(300))
def test_normalise_matches_per_character_folding(text: str) -> None:
    norm = normalise(text)
    folded, index = _reference_normalise(text)
    assert norm.text == folded
    assert list(norm.index) == index


def test_normalise_drops_marks_and_maps_offsets_back() -> None:
    text = "إنَّ الـــوزارة"
    norm = normalise(text)
    assert norm.text == "ان الوزاره"
    a, b = norm.span(norm.text.index("الوزاره"), len(norm.text))
    assert text[a:b] == "الـــوزارة"
    assert all(unicodedata.category(c) != "Mn" for c in norm.text)


@pytest.mark.parametrize("text", TEXTS + _random_texts(300))
def test_split_words_matches_the_word_pattern(text: str) -> None:
    split = split_words(text)
    spans = [m.span() for m in _WORD.finditer(text)]
    assert words(text) == spans
    assert split.words == [text[a:b] for a, b in spans]
    assert list(zip(split.starts, split.ends, strict=True)) == spans
    assert split.gaps == [text[spans[k][1] : spans[k + 1][0]] for k in range(len(spans) - 1)]


@pytest.mark.parametrize("text", TEXTS + _random_texts(300))
def test_figure_tokens_match_the_token_pattern(text: str) -> None:
    got = [(t.kind, t.text, t.start, t.end) for t in figure_tokens(text)]
    want = []
    for m in _FIGURE_TOKEN.finditer(text):
        t = m.group()
        kind = "num" if t[0].isdecimal() else "word" if t[0].isalpha() else "sym"
        want.append((kind, t, m.start(), m.end()))
    assert got == want


# Numbers and codes that stand against letters, separators and marks in every way.
_FIGURE_EDGES = [
    "1.5 و2,000 أو 3. ثم ،5 F-16 سو-30 2025-11-01 10:30 ـ 2 ab.5 5.ab 1,2.3 x",
    "  ,1.5",
    "a 1 . 2 b 3,5 y 4. 7, 8",
    "1.5kg 1.5.3 2,000,000 7,,8 9.٣ ٣.5 x",
    "2014م و400 x.5م 3م.4 و5,6 ab12cd 12ab34 1٣م م٣ ²م . a_b 3_4 ½ x²",
]


@pytest.mark.parametrize("text", TEXTS + _FIGURE_EDGES + _random_texts(200))
def test_figure_window_tokens_match_the_whole_stream(text: str) -> None:
    # Figures tokenise only windows of words, from the shared word split: a window cut
    # before and after a word of letters holds the whole stream's tokens between its ends.
    norm = normalise(text).text
    split = split_words(norm)
    if not split.words:
        return
    alpha = [w.isalpha() for w in split.words]
    whole = [(t.kind, t.text, t.start, t.end) for t in figure_tokens(norm)]
    last_word = len(split.words) - 1
    rng = random.Random(len(norm))
    windows = [(0, last_word)] + [
        tuple(sorted(rng.sample(range(len(split.words)), 2))) for _ in range(8) if last_word
    ]
    for first, last in windows:
        if (first and not alpha[first]) or (last < last_word and not alpha[last]):
            continue  # a window opens and closes on a word of letters (or the text's ends)
        lo = split.starts[first] if first else 0
        hi = split.ends[last] if last < last_word else len(norm)
        got = word_tokens(norm, split, alpha, first, last)
        assert [(t.kind, t.text, t.start, t.end) for t in got] == [
            t for t in whole if lo <= t[2] and t[3] <= hi
        ]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("text", TEXTS + _random_texts(100))
def test_claims_tokens_match_a_per_token_reading(text: str, lang: str) -> None:
    clitics = proclitics(lang)
    norm = normalise(text)
    got = tokenize(text, clitics)
    assert len(got) == len(_WORD.findall(norm.text))
    for k, (t, m) in enumerate(zip(got, _WORD.finditer(norm.text), strict=True)):
        a, b = m.span()
        start, end = norm.index[a], norm.index[b - 1] + 1
        assert (t.i, t.start, t.end, t.norm) == (k, start, end, m.group())
        readings = [(norm.index[a + off], core) for off, core in peel(m.group(), clitics)]
        assert list(t.readings) == (readings if len(readings) > 1 else [(start, m.group())])
        hyphen = "-" in t.norm[:4] and text[start + t.norm.find("-") + 1].isupper()
        assert t.upper == (text[start].isupper() or hyphen)


def test_sentence_numbers_follow_the_sentence_starts() -> None:
    text = "First one here. Second one, longer.\n\nThird after a blank line. Fourth"
    toks = tokenize(text, ())
    spans = sentences(text)
    got = sentence_of(toks, spans)
    want = [max(0, sum(s <= t.start for s, _ in spans) - 1) for t in toks]
    assert got == want
    assert got[0] == 0 and got[-1] == len(spans) - 1
    assert sentence_of(toks, []) == [0] * len(toks)


def test_prepared_views_give_the_same_mentions_as_fresh_ones() -> None:
    text = (
        "قال وزير الطاقة السعودي الأمير عبد العزيز بن سلمان أمس إن الإنتاج سيرتفع إلى "
        "10 ملايين برميل يوميا في الرياض بحلول نوفمبر 2026."
    )
    doc = Document("t", text, "ar", published="2025-11-01")
    prepare(doc)
    shared = {name: fn(doc) for name, fn in EXTRACTORS.items()}
    fresh = Document("t", text + " ", "ar", published="2025-11-01")  # another text: no cache
    alone = {name: fn(fresh) for name, fn in EXTRACTORS.items()}
    assert shared == alone
    assert sum(len(v) for v in shared.values()) >= 5
    assert sorted(m.start for m in extract_all(doc)) == sorted(
        m.start for v in shared.values() for m in v
    )


def test_gc_is_paused_only_inside_the_block() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is left as it was
    finally:
        gc.enable()


def test_extraction_leaves_no_cyclic_garbage(seed_doc: Document) -> None:
    # `gc_paused` holds collection off for a whole document on the ground that extraction
    # makes no reference cycles. Compiled (dashboard/native.py), nested functions do: their
    # shared closure object and the functions refer to each other, and each call of such a
    # function left its arguments (a document's whole context) for the collector.
    docs = [seed_doc] + [Document(f"t{k}", t, "ar") for k, t in enumerate(TEXTS)]
    for doc in docs:
        extract_all(doc)  # lexicons and memos loaded first: they are kept, not garbage
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for doc in docs:
            extract_all(doc)
        gc.collect()
        kinds = sorted({type(o).__qualname__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert kinds == []


def test_a_document_leaves_little_for_the_collector(seed_doc: Document) -> None:
    # Once extracted, a document's shared views (tokens, their index, sentences) are
    # released: kept in their caches, they were nine hundred objects that the next
    # collections walked. What is left is about its mentions.
    for k in range(3):
        extract_all(Document(f"w{k}", seed_doc.text + " " * k, "ar"))  # lexicons loaded
    doc = Document("s", seed_doc.text + " x", "ar", published=seed_doc.published)
    gc.collect()
    gc.disable()
    try:
        found = extract_all(doc)
        kept = len(gc.get_objects(0))
    finally:
        gc.enable()
    assert len(found) > 50
    assert kept < len(found) + 100


def test_gc_paused_freezes_what_a_loading_document_keeps() -> None:
    # As many objects kept as lexicons loaded with a document: frozen, so that no later
    # collection walks them; a document that keeps a few is left to the collector.
    gc.collect()
    gc.unfreeze()
    with gc_paused():
        few = [[i] for i in range(100)]
    assert gc.get_freeze_count() == 0
    with gc_paused():
        kept = [[i] for i in range(30_000)]
    try:
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
    assert len(few) == 100


# Tables each built once per language: `load` builds them all, so no document has to.
_LANGUAGE_TABLES = """
from dashboard import gazetteer
from dashboard.extract import claims_openers, places, places_text, relations_actors as actors
from dashboard.extract.claims_entitylex import entity_lexicon
from dashboard.extract.claims_lexicon import claims_lexicon
from dashboard.extract.dates_lexicon import date_lexicon
from dashboard.extract.figure_grammar import grammar
from dashboard.extract.relations_lexicon import relations_lexicon
TABLES = [grammar, date_lexicon, claims_lexicon, entity_lexicon, relations_lexicon,
          actors.country_table, actors.actor_firsts, actors.actor_follows, places._followers,
          claims_openers._vocabulary,
          places_text.rules, places_text._openers, places_text.wanted, gazetteer.index,
          gazetteer.capitalised, gazetteer.acronyms, gazetteer.prefixes, gazetteer.max_words]
"""
_LOAD_THEN_EXTRACT = (
    _LANGUAGE_TABLES
    + """
import sys
from dashboard import extract
from dashboard.model import Document
lang, text = sys.argv[1], sys.stdin.read()
if sys.argv[2] == "load":
    extract.load(lang)
built = [t.cache_info().misses for t in TABLES]
codes = date_lexicon(lang).codes  # the word code memo of the dates extractor
found = extract.extract_all(Document("d", text, lang))
kinds = {m.table for m in found}
assert {"claims", "places", "figures", "dates"} <= kinds, kinds
new = [t.__name__ for t, n in zip(TABLES, built) if t.cache_info().misses != n]
new += ["date_codes"] if date_lexicon(lang).codes is not codes else []
print(" ".join(new))
"""
)
_LOADED_TEXTS = {
    "en": "Iran's foreign minister said on 3 May 2025 that Russia had sent 20 tanks to Caracas. "
    "Maduro asked Putin for air-defence support.",
    "es": "El ministro de Irán dijo el 3 de mayo de 2025 que Rusia envió 20 tanques a Caracas. "
    "Maduro pidió a Putin apoyo militar.",
}


@pytest.mark.parametrize("lang", ["ar", "en", "es"])
def test_load_builds_every_table_a_language_reads(lang: str, seed_doc: Document) -> None:
    # In a new process: without `load`, the document builds the tables it reads; after it, none.
    text = seed_doc.text if lang == "ar" else _LOADED_TEXTS[lang]
    runs = {}
    for mode in ("lazy", "load"):
        run = subprocess.run(
            [sys.executable, "-c", _LOAD_THEN_EXTRACT, lang, mode],
            input=text,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        runs[mode] = run.stdout.split()
    assert {"country_table", "_openers", "date_codes"} <= set(runs["lazy"])
    assert runs["load"] == []


def test_tokens_read_like_a_list() -> None:
    # Tokens are built on first read (claims_tokens.Tokens): every way of reading them gives
    # the tokens of a list built at once, and a token read twice is the same object.
    text = "وقال الوزير إن المملكة لن تتراجع. The Minister said so."
    toks = tokenize(text, proclitics("ar"))
    last, first = toks[-1], toks[-len(toks)]  # read before the others
    whole = [toks[k] for k in range(len(toks))]
    assert [t.i for t in whole] == list(range(len(toks)))
    assert last is whole[-1] and first is whole[0]
    assert list(toks) == whole
    for a, b in [(0, 3), (2, 5), (4, len(toks) + 3), (5, 2), (-3, len(toks))]:
        assert toks.span(a, b) == whole[a:b]
    with pytest.raises(IndexError):
        toks[len(toks)]

"""Character n-gram TF-IDF: n-grams checked by hand, weights against scikit-learn's reference."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dashboard.tfidf import char_ngram_tfidf, char_ngrams

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests: near-copies, different sentences, short words, odd white space.
TEXTS = [
    "The ministry said output rose to 1.2 million barrels per day",
    "the Ministry said output rose to 1.2 million barrels a day",
    "Exports to China fell in March",
    "قالت الوزارة إن الإنتاج ارتفع إلى 1.2 مليون برميل يوميا",
    "قالت الوزارة ان الانتاج ارتفع الى 1.2 مليون برميل في اليوم",
    "El ministerio dijo que la producción subió a 1,2 millones de barriles diarios",
    "a b c",
    "x\u00a0y\tz\n\nw  ok",
    "",
    "   ",
    "Exports to China fell in March",
]


def test_each_word_is_padded_and_cut_into_three_to_five_grams() -> None:
    assert char_ngrams("Oil") == [" oi", "oil", "il ", " oil", "oil ", " oil "]
    # A padded word no longer than n counts once, whole, and ends that word's n-grams.
    assert char_ngrams("ab") == [" ab", "ab ", " ab "]
    assert char_ngrams("a") == [" a "]
    assert char_ngrams("نفط") == [" نف", "نفط", "فط ", " نفط", "نفط ", " نفط "]
    # Never across words: white space of any kind separates them.
    assert char_ngrams("a\u00a0b") == [" a ", " b "]


def test_the_word_memo_stays_bounded_and_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import tfidf

    want = [char_ngrams(t) for t in TEXTS]
    monkeypatch.setattr(tfidf._WordGrams, "LIMIT", 3)
    tfidf._WORD_GRAMS.clear()
    assert [char_ngrams(t) for t in TEXTS] == want  # filled and emptied many times over
    assert len(tfidf._WORD_GRAMS) <= 3
    assert char_ngrams("  ") == []


def test_rows_are_unit_length_and_copies_are_alike() -> None:
    matrix = char_ngram_tfidf(TEXTS)
    assert matrix is not None and matrix.shape[0] == len(TEXTS)
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    blank = [i for i, t in enumerate(TEXTS) if not t.strip()]
    assert np.allclose(np.delete(lengths, blank), 1.0) and not lengths[blank].any()
    cosine = (matrix @ matrix.T).toarray()
    assert cosine[2, 10] == pytest.approx(1.0)  # the same sentence twice
    assert cosine[0, 1] > 0.7  # the same sentence, edited
    assert cosine[3, 4] > 0.5
    assert cosine[0, 2] < 0.2  # different sentences
    assert cosine[0, 3] < 0.1  # different scripts share only the figure's n-grams


def test_a_cosine_is_the_same_summed_along_either_row() -> None:
    # Copy detection compares each pair of distinct texts once, in one order, and takes every
    # text as alike to itself: both hold only if the product is symmetric bit for bit (rows keep
    # their n-grams in one order) and a row's cosine with itself is 1.
    rng = random.Random(0)
    words = " ".join(TEXTS).split()
    texts = [" ".join(rng.choices(words, k=rng.randrange(1, 25))) for _ in range(300)]
    matrix = char_ngram_tfidf(texts)
    cosine = (matrix @ matrix.T).toarray()
    assert (cosine == cosine.T).all()
    assert np.allclose(np.diag(cosine), 1.0, rtol=0, atol=1e-12)


def test_no_n_gram_at_all_gives_none() -> None:
    assert char_ngram_tfidf(["", "  ", "\n"]) is None


def test_weights_equal_scikit_learns_vectoriser() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    vectoriser = text.TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
    expected = vectoriser.fit_transform(TEXTS).toarray()
    found = char_ngram_tfidf(TEXTS).toarray()
    assert found.shape == expected.shape
    # The same vectors, with columns in another order (n-grams are numbered as first met):
    # each row holds the same weights, and every pair of rows the same cosine.
    for f, e in zip(found, expected, strict=True):
        assert np.allclose(np.sort(f), np.sort(e), rtol=0, atol=1e-12)
    assert np.allclose(found @ found.T, expected @ expected.T, rtol=0, atol=1e-12)


def test_comparing_sentences_does_not_import_a_vectoriser_library() -> None:
    code = (
        "import sys; from dashboard.tfidf import char_ngram_tfidf; "
        "char_ngram_tfidf(['oil output rose', 'oil output fell']); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"

"""TF-IDF vectors of character n-grams (3 to 5, within words): how alike two sentences are.

The weights are the usual smoothed ones: a term's weight in a text is its count times
ln((1 + n) / (1 + df)) + 1, n texts and df of them holding the term, and each row is scaled to
unit length, so the dot product of two rows is their cosine. Written with NumPy and SciPy alone:
a vectoriser library costs the first page that compares sentences seconds of import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

MIN_N, MAX_N = 3, 5


class _WordGrams(dict[str, tuple[str, ...]]):
    """Word -> its n-grams, each word's worked out once: claims and sentences repeat their words,
    and a look-up that hits stays in C. Emptied when full, so a long-running server's memo stays
    small."""

    LIMIT = 20_000  # about 1.4 KB a word: 28 MB at most

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        padded = f" {word} "
        size = len(padded)
        grams: list[str] = []
        for n in range(MIN_N, MAX_N + 1):
            if size <= n:
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
        self[word] = out = tuple(grams)
        return out


_WORD_GRAMS = _WordGrams()


def char_ngrams(text: str) -> list[str]:
    """The n-grams of each word padded with one space on each side, lower-cased; a padded word
    no longer than n counts once, whole, and ends the word's n-grams."""
    return list(_grams(text))


def _grams(text: str) -> Iterator[str]:
    return chain.from_iterable(map(_WORD_GRAMS.__getitem__, text.lower().split()))


class _Numbering(dict[str, int]):
    """Key -> its number, numbered in the order the keys are first asked for."""

    def __missing__(self, key: str) -> int:
        self[key] = number = len(self)
        return number


def _counts(texts: list[str]) -> csr_matrix | None:
    """Count matrix of `texts` (one row each) over their n-grams, numbered as first met (the
    order of columns changes no cosine, and sorting the vocabulary cost a third of the time)."""
    from scipy.sparse import csr_matrix

    column = _Numbering()
    indices: list[int] = []
    data: list[int] = []
    indptr = [0]
    for text in texts:
        counts = Counter(_grams(text))  # counted in C
        indices.extend(map(column.__getitem__, counts))  # a known n-gram's number, in C
        data.extend(counts.values())
        indptr.append(len(indices))
    if not column:
        return None
    matrix = csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(texts), len(column)),
    )
    matrix.sort_indices()
    return matrix


def char_ngram_tfidf(texts: list[str]) -> csr_matrix | None:
    """One unit-length row per text; None when the texts hold no n-gram at all.

    Each distinct text is counted once (copies of one wire sentence are many); every text still
    counts in the weights, which are those of the whole list.
    """
    distinct = list(dict.fromkeys(texts))
    counts = _counts(distinct)
    if counts is None:
        return None
    where = {t: i for i, t in enumerate(distinct)}
    every = counts[[where[t] for t in texts]]
    holding = np.bincount(every.indices, minlength=every.shape[1]).astype(np.float64)
    idf = np.log((len(texts) + 1.0) / (holding + 1.0)) + 1.0
    every.data *= idf[every.indices]
    length = np.sqrt(np.asarray(every.multiply(every).sum(axis=1)).ravel())
    # Rows with entries have a positive length; a blank text's row has none to divide.
    every.data /= np.repeat(length, np.diff(every.indptr))
    return every

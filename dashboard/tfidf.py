"""TF-IDF vectors of character n-grams (3 to 5, within words): how alike two sentences are."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


def char_ngram_tfidf(texts: list[str]) -> csr_matrix | None:
    """One L2-normalised row per text, as TfidfVectorizer(analyzer="char_wb",
    ngram_range=(3, 5)) makes them; None when the texts hold no n-gram at all.

    Built in two steps so that each distinct text is counted once (copies of one wire sentence
    are many); every text still counts in the weights, which are those of the whole list.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    distinct = list(dict.fromkeys(texts))
    where = {t: i for i, t in enumerate(distinct)}
    try:
        counts = CountVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), dtype=np.float64
        ).fit_transform(distinct)
    except ValueError:  # nothing but stop characters
        return None
    every = counts[[where[t] for t in texts]]
    return TfidfTransformer().fit(every).transform(every, copy=False)

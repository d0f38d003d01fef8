"""The same quantity reported with different values by different documents (figure_conflicts)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sample_tables import m, place

from dashboard import figure_conflicts as fc
from dashboard.model import Document
from dashboard.tables import Tables, build_tables

NAN = math.nan


def doc(doc_id: str, text: str, published: str) -> Document:
    return Document(doc_id, text, "en", title=doc_id, published=published)


def exports(d: Document, needle: str, value: float, approx: bool = False):
    return m(d, "figures", needle, value=value, unit="bbl", per="day", approx=approx,
             object="exports")  # fmt: skip


def inflation(d: Document, needle: str, value: float):
    return m(d, "figures", needle, value=value, unit="percent")


def february(d: Document):
    return m(d, "dates", "February", value="2025-02", granularity="month")


def argentina(d: Document):
    return place(d, "Argentina", "Argentina", "AR", "country", -34.0, -64.0)


A = doc(
    "a",
    "The ministry said exports reached 700,000 barrels a day in February. "
    "Inflation in Argentina reached 40 percent last year.",
    "2025-03-02",
)
B = doc(
    "b",
    "The ministry said exports reached 650,000 barrels a day in February. "
    "Inflation in Argentina reached 55 percent last year.",
    "2025-03-03",
)
C = doc(
    "c",
    "The ministry said exports reached about 690,000 barrels a day in February. "
    "Inflation in Argentina reached 40.3 percent last year.",
    "2025-03-02",
)
# Months later: the same words, another time.
D = doc("d", "The ministry said exports reached 400,000 barrels a day.", "2025-09-01")


def corpus() -> Tables:
    return build_tables(
        [
            (A, [exports(A, "700,000 barrels a day", 7e5), february(A), argentina(A),
                 inflation(A, "40 percent", 40.0)]),
            (B, [exports(B, "650,000 barrels a day", 6.5e5), february(B), argentina(B),
                 inflation(B, "55 percent", 55.0)]),
            (C, [exports(C, "about 690,000 barrels a day", 6.9e5, approx=True), february(C),
                 argentina(C), inflation(C, "40.3 percent", 40.3)]),
            (D, [exports(D, "400,000 barrels a day", 4e5)]),
        ]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "digits"),
    [(107000, 3), (66.5, 3), (5e9, 1), (0.25, 2), (12.0, 2), (3033753, 7), (0, 1)],
)
def test_significant_digits(value: float, digits: int) -> None:
    assert fc.significant_digits(value) == digits


@pytest.mark.parametrize(
    ("args", "interval"),
    [
        ((107000, NAN, NAN, False), (106500, 107500)),  # what rounds to 107,000
        ((5e9, NAN, NAN, False), (4.75e9, 5.25e9)),  # rounding is at most 5%
        ((700000, NAN, NAN, False), (665000, 735000)),
        ((100, NAN, NAN, True), (90, 110)),  # "about 100"
        ((12, 10, 15, False), (10, 15)),  # a range covers itself
        ((0, NAN, NAN, False), (0, 0)),
    ],
)
def test_value_interval(args, interval) -> None:
    assert fc.value_interval(*args) == pytest.approx(interval)


def test_agreement_is_overlap() -> None:
    assert fc.agree((1, 2), (2, 3)) and not fc.agree((1, 2), (2.1, 3))


def test_subjects_are_object_else_the_names_in_the_sentence() -> None:
    t = corpus()
    subjects = dict(zip(t.figures["text"], fc.subjects(t), strict=True))
    assert subjects["700,000 barrels a day"] == "exports"
    assert subjects["40 percent"] == "about: Argentina"


def test_subject_is_empty_without_object_or_names() -> None:
    d = doc("x", "Prices rose 3 percent.", "2025-01-01")
    t = build_tables([(d, [inflation(d, "3 percent", 3.0)])])
    assert list(fc.subjects(t)) == [""]
    summary, rows = fc.figure_conflicts(t)
    assert summary.empty and rows.empty


def test_context_is_the_words_around_tagged_by_side() -> None:
    got = fc.context("40 percent", "Inflation in Argentina reached 40 percent last year.", 2)
    assert got == frozenset({"<argentina", "<reached", ">last", ">year"})
    assert fc.context("missing", "Two words.") == frozenset({"two", "words"})


def test_conflicts_found_with_values_documents_and_sentences() -> None:
    summary, rows = fc.figure_conflicts(corpus())
    assert list(summary.columns) == fc.SUMMARY_COLUMNS
    assert list(rows.columns) == fc.CONFLICT_COLUMNS
    by_subject = summary.set_index("subject")
    # Exports of February: 650,000 (b) is not 700,000 (a), whatever rounding; "about
    # 690,000" (c) agrees with both but is of the same quantity, so it is listed. D (months
    # later, undated) is another time.
    exports_row = by_subject.loc["exports"]
    assert (exports_row["documents"], exports_row["figures"]) == (3, 3)
    assert exports_row["values"] == "650,000 / ~690,000 / 700,000"
    assert (exports_row["from"], exports_row["to"]) == ("2025-02-01", "2025-02-01")
    group = rows[rows["group"] == exports_row["group"]]
    assert list(group["doc_id"]) == ["b", "c", "a"]
    assert group["sentence"].str.contains("The ministry said exports reached").all()
    # Inflation in Argentina: 40 and 40.3 agree (40 stands for 38 to 42), 55 does not.
    assert by_subject.loc["about: Argentina", "values"] == "40 / 40.3 / 55"


def test_agreeing_reports_are_no_conflict() -> None:
    t = corpus()
    figures = t.figures[t.figures["doc_id"].isin(["a", "c"])]
    summary, _ = fc.figure_conflicts(Tables(**{**dict(t.items()), "figures": figures}))
    assert summary.empty  # 700,000 and about 690,000; 40 and 40.3 percent


def test_one_document_never_conflicts_with_itself() -> None:
    d = doc("x", "Exports reached 700,000 barrels a day. Exports reached 800,000 barrels a day.",
            "2025-01-01")  # fmt: skip
    t = build_tables(
        [(d, [exports(d, "700,000 barrels a day", 7e5), exports(d, "800,000 barrels a day", 8e5)])]
    )
    assert fc.figure_conflicts(t)[0].empty


def test_different_words_around_are_different_quantities() -> None:
    t = corpus()
    figures = t.figures.copy()
    b = figures["doc_id"] == "b"
    figures.loc[b, "sentence"] = figures.loc[b, "sentence"].str.replace(
        "The ministry said exports reached", "Pipeline capacity would allow"
    )
    summary, _ = fc.figure_conflicts(Tables(**{**dict(t.items()), "figures": figures}))
    assert "exports" not in set(summary["subject"])


def test_time_clusters_split_dates_and_distant_publications() -> None:
    figures = pd.DataFrame(
        {
            "unit": ["bbl"] * 5,
            "when": pd.to_datetime(["2025-01-01", "2025-01-03", "2025-02-01", None, "2025-01-02"]),
            "dated": ["", "", "", "", "2025-01-02"],
        }
    )
    got = fc.time_clusters(figures, ["unit"])
    assert got[0] == got[1] != got[2]  # two days apart; a month apart
    assert got[3] == "none" and got[4] == "d:2025-01-02"

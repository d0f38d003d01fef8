"""The one grouping of "the same quantity" (figure_groups, figure_keys, figure_values,
syndication) and its conflicts as the Figures page lists them (figure_conflicts).

Mentions are set by hand on short reports written for these tests, so the rules are tested
apart from extraction quality.
"""

from __future__ import annotations

import datetime
import math

import pytest
from sample_tables import m, place

from dashboard import figure_conflicts as fc
from dashboard import figure_groups as fg
from dashboard.figure_keys import figure_keys
from dashboard.figure_values import agree, readable, significant_digits, value_interval
from dashboard.model import Document, Mention
from dashboard.syndication import copy_of
from dashboard.tables import Tables, build_tables

NAN = math.nan


def doc(doc_id: str, text: str, published: str, source: str = "") -> Document:
    return Document(doc_id, text, "en", title=doc_id, published=published, source=source)


def exports(d: Document, needle: str, value: float, approx: bool = False) -> Mention:
    return m(d, "figures", needle, value=value, unit="bbl", per="day", approx=approx,
             object="exports")  # fmt: skip


def percent(d: Document, needle: str, value: float) -> Mention:
    return m(d, "figures", needle, value=value, unit="percent")


def price(d: Document, needle: str, value: float) -> Mention:
    return m(d, "figures", needle, value=value, unit="USD", per="bbl")


def date(d: Document, needle: str, value: str, granularity: str) -> Mention:
    return m(d, "dates", needle, value=value, granularity=granularity)


def argentina(d: Document) -> Mention:
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
    def feb(d: Document) -> Mention:
        return date(d, "February", "2025-02", "month")

    return build_tables(
        [
            (A, [exports(A, "700,000 barrels a day", 7e5), feb(A), argentina(A),
                 percent(A, "40 percent", 40.0)]),
            (B, [exports(B, "650,000 barrels a day", 6.5e5), feb(B), argentina(B),
                 percent(B, "55 percent", 55.0)]),
            (C, [exports(C, "about 690,000 barrels a day", 6.9e5, approx=True), feb(C),
                 argentina(C), percent(C, "40.3 percent", 40.3)]),
            (D, [exports(D, "400,000 barrels a day", 4e5)]),
        ]
    )  # fmt: skip


def only(t: Tables, docs: set[str]) -> Tables:
    return Tables(**{k: v[v["doc_id"].isin(docs)].reset_index(drop=True) for k, v in t.items()})


# --- values: rounding, "about", ranges ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits"),
    [(107000, 3), (66.5, 3), (5e9, 1), (0.25, 2), (12.0, 2), (3033753, 7), (0, 1)],
)
def test_significant_digits(value: float, digits: int) -> None:
    assert significant_digits(value) == digits


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
    assert value_interval(*args) == pytest.approx(interval)


@pytest.mark.parametrize(
    ("value", "text"),
    [(2.402e8, "240,200,000"), (4e11, "400,000,000,000"), (54.92, "54.92"), (0.2, "0.2"),
     (1088.05, "1,088.05"), (12345.678, "12,345.7"), (-3.5, "-3.5"), (700000.0, "700,000")],
)  # fmt: skip
def test_values_read_without_an_exponent(value: float, text: str) -> None:
    assert readable(value) == text


def test_agreement_is_overlap() -> None:
    assert agree((1, 2), (2, 3)) and not agree((1, 2), (2.1, 3))


# --- keys: what, of what, when -----------------------------------------------------------


def test_nearest_measure_word_not_any_in_the_sentence() -> None:
    d = doc("x", "Output rose to 3.6 million barrels a day while exports grew 60 percent.",
            "2025-01-01")  # fmt: skip
    t = build_tables([(d, [
        m(d, "figures", "3.6 million barrels a day", value=3.6e6, unit="bbl", per="day"),
        percent(d, "60 percent", 60.0),
    ])])  # fmt: skip
    keys = figure_keys(t)
    assert list(keys["measure"]) == ["production", "exports"]
    assert list(keys["rate"]) == ["", "growth"]  # only a percent figure reads percent measures


def test_qualifier_and_benchmark_near_the_figure() -> None:
    d = doc("x", "Brent fell to 54.92 dollars a barrel after a session low of 54.80 dollars "
            "a barrel.", "2025-01-01")  # fmt: skip
    t = build_tables([(d, [price(d, "54.92 dollars a barrel", 54.92),
                           price(d, "54.80 dollars a barrel", 54.8)])])  # fmt: skip
    keys = figure_keys(t)
    assert list(keys["benchmark"]) == ["brent", "brent"]
    assert list(keys["qualifier"]) == ["", "low"]


def test_reference_date_right_after_else_before_never_a_later_since() -> None:
    d = doc("x", "In May exports reached 6.9 million barrels a day, against 7.7 million barrels "
            "a day in April, the lowest since December.", "2025-07-20")  # fmt: skip
    t = build_tables([(d, [
        exports(d, "6.9 million barrels a day", 6.9e6),
        exports(d, "7.7 million barrels a day", 7.7e6),
        date(d, "May", "2025-05", "month"),
        date(d, "April", "2025-04", "month"),
        date(d, "December", "2024-12", "month"),
    ])])  # fmt: skip
    keys = figure_keys(t)
    assert list(keys["dated"]) == ["2025-05", "2025-04"]


def test_undated_figure_is_at_its_published_day() -> None:
    d = doc("x", "Exports reached 700,000 barrels a day.", "2025-03-02")
    keys = figure_keys(build_tables([(d, [exports(d, "700,000 barrels a day", 7e5)])]))
    day = datetime.date(2025, 3, 2).toordinal()
    assert keys["dated"].iloc[0] == "" and keys["day"].iloc[0] == day


# --- groups ------------------------------------------------------------------------------


def test_a_year_in_the_sentence_is_another_time_than_now() -> None:
    old = doc("old", "Kirkuk exports were 450,000 barrels a day in 2022.", "2025-03-02")
    now = doc("now", "Kirkuk exports are 300,000 barrels a day.", "2025-03-02")
    kirkuk = [place(x, "Kirkuk", "Kirkuk", "IQ", "city", 35.5, 44.4) for x in (old, now)]
    t = build_tables([
        (old, [exports(old, "450,000 barrels a day", 4.5e5), kirkuk[0],
               date(old, "2022", "2022", "year")]),
        (now, [exports(now, "300,000 barrels a day", 3e5), kirkuk[1]]),
    ])  # fmt: skip
    groups, _ = fg.group_figures(t)
    assert groups.empty
    # Without the year the same two reports conflict: the date alone keeps them apart.
    t2 = Tables(**{**dict(t.items()), "dates": t.dates.iloc[0:0]})
    groups, _ = fg.group_figures(t2)
    assert list(groups["contradiction"]) == [True]


def test_percent_figures_of_different_measures_never_group() -> None:
    a = doc("a", "In Argentina the share of exports reached 8 percent.", "2025-03-02")
    b = doc("b", "In Argentina the growth of exports reached 8 percent.", "2025-03-02")
    c = doc("c", "In Argentina the share of exports reached 8 percent, officials said.",
            "2025-03-03")  # fmt: skip
    t = build_tables([(x, [percent(x, "8 percent", 8.0), argentina(x)]) for x in (a, b, c)])
    groups, members = fg.group_figures(t)
    assert len(groups) == 1 and groups["measure"].iloc[0] == "share / exports"
    assert set(members["doc_id"]) == {"a", "c"}


def test_percent_figure_without_a_percent_measure_is_not_grouped() -> None:
    a = doc("a", "In Argentina 8 percent of exports go by sea.", "2025-03-02")
    b = doc("b", "In Argentina 8 percent of exports go by sea.", "2025-03-02")
    t = build_tables([(x, [percent(x, "8 percent", 8.0), argentina(x)]) for x in (a, b)])
    assert fg.group_figures(t)[0].empty


def test_spans_of_time_group_only_when_worded_alike() -> None:
    def years(d: Document, needle: str, value: float) -> Mention:
        return m(d, "figures", needle, value=value, unit="year")

    a = doc("a", "The adviser came to Argentina 15 years ago after a career abroad.", "2025-03-02")
    b = doc("b", "The general ruled Argentina for 35 years with an iron hand.", "2025-03-02")
    c = doc("c", "The adviser came to Argentina 18 years ago after a career abroad.", "2025-03-03")
    t = build_tables([(x, [years(x, f"{v:g} years", v), argentina(x)])
                      for x, v in ((a, 15.0), (b, 35.0), (c, 18.0))])  # fmt: skip
    # Argentina in all three sentences does not make the ruler's 35 years the adviser's 15.
    groups, members = fg.group_figures(t)
    assert sorted(members["doc_id"]) == ["a", "c"]
    assert groups["contradiction"].tolist() == [True]
    assert fg.group_figures(only(t, {"a", "b"}))[0].empty


def test_market_moves_of_one_day_are_updates_not_conflicts() -> None:
    a = doc("a", "Brent fell 35 cents to 54.92 dollars by 0947 GMT.", "2025-07-24")
    b = doc("b", "Brent fell 28 cents to 54.99 dollars by 1345 GMT.", "2025-07-24")
    t = build_tables([
        (a, [m(a, "figures", "35 cents", value=0.35, unit="USD")]),
        (b, [m(b, "figures", "28 cents", value=0.28, unit="USD")]),
    ])  # fmt: skip
    assert fg.group_figures(t)[0].empty


def test_prices_of_one_day_within_its_move_agree() -> None:
    a = doc("a", "Brent traded at 54.92 dollars a barrel.", "2025-07-24")
    b = doc("b", "Brent traded at 54.99 dollars a barrel.", "2025-07-25")  # next morning
    c = doc("c", "Brent traded at 63 dollars a barrel.", "2025-07-24")
    t = build_tables([(x, [price(x, f"{v} dollars a barrel", float(v))])
                      for x, v in ((a, "54.92"), (b, "54.99"), (c, "63"))])  # fmt: skip
    groups, members = fg.group_figures(t)
    assert set(members["doc_id"]) == {"a", "b", "c"} and groups["contradiction"].iloc[0]
    assert groups["values"].iloc[0] == "54.92 / 54.99 / 63"
    groups, _ = fg.group_figures(only(t, {"a", "b"}))
    assert not groups["contradiction"].iloc[0]  # 54.92 and 54.99: quotes of one day


def test_syndicated_copy_counts_once() -> None:
    text = "Exports from Argentina reached 700,000 barrels a day, the ministry said."
    a = doc("a", text, "2025-03-02", source="Wire")
    b = doc("b", text.replace("said", "said on Monday"), "2025-03-03", source="Paper")
    c = doc("c", "Argentina shipped 700,000 barrels a day of exports.", "2025-03-02", "Radio")
    t = build_tables([(x, [exports(x, "700,000 barrels a day", 7e5), argentina(x)])
                      for x in (a, b, c)])  # fmt: skip
    groups, members = fg.group_figures(t)
    g = groups.iloc[0]
    assert (g["documents"], g["outlets"], g["independent"], g["syndicated"]) == (3, 3, 2, 1)
    assert dict(zip(members["doc_id"], members["copy_of"], strict=True)) == {
        "a": "", "b": "a", "c": "",
    }  # fmt: skip
    groups, _ = fg.group_figures(only(t, {"a", "b"}))
    assert (groups["independent"].iloc[0], groups["corroborated"].iloc[0]) == (1, False)


@pytest.mark.parametrize(
    ("sentences", "docs", "expected"),
    [
        (["Prices rose 2 %.", "Prices rose 2 % ."], ["a", "b"], [0, 0]),  # punctuation only
        (["Prices rose 2 %.", "Prices rose 2 %."], ["a", "a"], [0, 1]),  # one document
        (["Prices rose sharply on Monday.", "Output fell in the north."], ["a", "b"], [0, 1]),
        (
            [
                "The main index of the Dubai market fell 0.4 percent on Sunday as shares of "
                "property developers and banks dropped after weak earnings.",
                "The main index of the Dubai market fell 0.4 per cent on Sunday as shares of "
                "property developers and banks dropped after weak earnings.",
            ],
            ["a", "b"],
            [0, 0],
        ),  # an outlet's edit of a wire sentence
        (
            [
                "Brent fell 35 cents to 54.92 dollars a barrel by 0947 GMT.",
                "Output in the north fell to 300,000 barrels a day after the attack.",
            ],
            ["a", "b"],
            [0, 1],
        ),
    ],
)
def test_copy_of(sentences: list[str], docs: list[str], expected: list[int]) -> None:
    assert copy_of(sentences, docs, ["2025-01-01"] * len(docs)) == expected


def test_the_original_is_the_earliest_published() -> None:
    got = copy_of(
        ["Prices rose 2 %.", "Prices rose 2 %."], ["a", "b"], ["2025-01-02", "2025-01-01"]
    )
    assert got == [1, 1]


# --- the Figures page's conflicts ----------------------------------------------------------


def test_conflicts_found_with_values_documents_and_sentences() -> None:
    summary, rows = fc.figure_conflicts(corpus())
    assert list(summary.columns) == fc.SUMMARY_COLUMNS
    assert list(rows.columns) == fc.CONFLICT_COLUMNS
    by_measure = summary.set_index("measure")
    # Exports of February: 650,000 (b) is not 700,000 (a), whatever rounding; "about
    # 690,000" (c) agrees with both but is of the same quantity, so it is listed. D (months
    # later, undated) is another time.
    row = by_measure.loc["exports"]
    assert (row["documents"], row["figures"], row["at"]) == (3, 3, "2025-02")
    assert row["values"] == "650,000 / ~690,000 / 700,000"
    group = rows[rows["group"] == row["group"]]
    assert list(group["doc_id"]) == ["b", "c", "a"]
    assert group["sentence"].str.contains("The ministry said exports reached").all()
    # Inflation in Argentina: 40 and 40.3 agree (40 stands for 38 to 42), 55 does not.
    assert by_measure.loc["inflation", "values"] == "40 / 40.3 / 55"


def test_agreeing_reports_are_no_conflict() -> None:
    summary, _ = fc.figure_conflicts(only(corpus(), {"a", "c"}))
    assert summary.empty  # 700,000 and about 690,000; 40 and 40.3 percent


def test_one_document_never_conflicts_with_itself() -> None:
    d = doc("x", "Exports reached 700,000 barrels a day. Exports reached 800,000 barrels a day.",
            "2025-01-01")  # fmt: skip
    t = build_tables(
        [(d, [exports(d, "700,000 barrels a day", 7e5), exports(d, "800,000 barrels a day", 8e5)])]
    )
    assert fc.figure_conflicts(t)[0].empty


def test_figures_and_assessment_pages_share_the_groups() -> None:
    groups, _ = fg.group_figures(corpus())
    summary, _ = fc.figure_conflicts(corpus())
    assert set(summary["group_id"]) == set(groups.loc[groups["contradiction"], "group_id"])


# --- quantities of one day; figures of different organisations ----------------------------


def index_fall(d: Document, needle: str, value: float) -> Mention:
    return m(d, "figures", needle, value=value, unit="percent")


def abu_dhabi(d: Document) -> Mention:
    return place(d, "Abu Dhabi", "Abu Dhabi", "AE", "city", 24.5, 54.4)


def test_a_days_move_is_one_quantity_on_its_day_only() -> None:
    def report(doc_id: str, value: str, published: str) -> tuple[Document, list[Mention]]:
        d = doc(doc_id, f"The main index of the Abu Dhabi market fell {value} percent as "
                f"banks dropped.", published)  # fmt: skip
        return d, [index_fall(d, f"{value} percent", float(value)), abu_dhabi(d)]

    a, b, c = (
        report("a", "0.2", "2025-08-07"),
        report("b", "0.6", "2025-08-10"),
        report("c", "0.6", "2025-08-07"),
    )
    # Three days apart: two days' moves, not a contradiction (the 3-day window is for
    # quantities that hold longer than a day).
    assert fg.group_figures(build_tables([a, b]))[0].empty
    groups, _ = fg.group_figures(build_tables([a, c]))
    assert groups["contradiction"].tolist() == [True]  # the same day's move: 0.2 or 0.6


def test_a_daily_figure_is_at_its_storys_day_not_the_papers() -> None:
    online = doc("online", "The main index of the Abu Dhabi market fell 0.2 percent as banks "
                 "dropped.", "2025-08-07")  # fmt: skip
    paper = doc("paper", "Ain Today - Dubai\nGulf markets slid yesterday with oil prices. The "
                "main index of the Abu Dhabi market fell 0.6 percent as banks dropped.",
                "2025-08-08")  # fmt: skip
    t = build_tables([
        (online, [index_fall(online, "0.2 percent", 0.2), abu_dhabi(online)]),
        (paper, [index_fall(paper, "0.6 percent", 0.6), abu_dhabi(paper),
                 date(paper, "Today", "2025-08-08", "day"),
                 date(paper, "yesterday", "2025-08-07", "day")]),
    ])  # fmt: skip
    keys = figure_keys(t)
    # The morning paper's move is of the day before; the dateline's "Today" is the outlet's
    # name, not the story's day.
    assert keys["daily"].tolist() == [True, True]
    assert keys["day"].tolist() == [datetime.date(2025, 8, 7).toordinal()] * 2
    assert fg.group_figures(t)[0]["contradiction"].tolist() == [True]


def test_todays_forecast_and_its_headline_are_of_their_day() -> None:
    def report(doc_id: str, value: int, published: str) -> tuple[Document, list[Mention]]:
        d = doc(doc_id, f"U.K. MONEY MARKET SHORTAGE FORECAST AT {value} MLN STG\n"
                f"The Bank of England said it forecast a shortage of around {value} mln stg "
                "in the money market today.", published)  # fmt: skip
        return d, [
            m(d, "figures", f"{value} MLN STG", value=value * 1e6, unit="GBP"),
            m(d, "figures", f"around {value} mln stg", value=value * 1e6, unit="GBP",
              approx=True),
            place(d, "U.K.", "United Kingdom", "GB", "country", 54.0, -2.0),
            m(d, "entities", "Bank of England", kind="organization", name="Bank of England"),
        ]  # fmt: skip

    monday, tuesday = report("a", 800, "1987-03-02"), report("b", 350, "1987-03-03")
    keys = figure_keys(build_tables([monday]))
    assert keys["daily"].tolist() == [True, True]  # the headline repeats the body's figure
    assert fg.group_figures(build_tables([monday, tuesday]))[0].empty
    same_day = report("c", 350, "1987-03-02")
    groups, _ = fg.group_figures(build_tables([monday, same_day]))
    assert groups["contradiction"].tolist() == [True, True]


def test_a_day_named_far_from_the_figure_does_not_make_it_daily() -> None:
    d = doc("x", "Egypt opens today a new waterway beside the old one, and the project digs "
            "a channel of 35 kilometres.", "2025-08-06")  # fmt: skip
    keys = figure_keys(build_tables([(d, [m(d, "figures", "35 kilometres", value=35.0,
                                            unit="km")])]))  # fmt: skip
    assert keys["daily"].tolist() == [False]


def ar_doc(doc_id: str, text: str, published: str) -> Document:
    return Document(doc_id, text, "ar", title=doc_id, published=published)


def test_figures_of_different_companies_are_not_one_quantity() -> None:
    loss = ar_doc("loss", "أعلنت شركة «نجمة» السعودية صافي خسارة بلغ 240 مليون دولار.",
                  "2025-08-03")  # fmt: skip
    bond = ar_doc("bond", "أصدر بنك الواحة في السعودية صكوكا بقيمة 400 مليون دولار.",
                  "2025-08-04")  # fmt: skip
    again = ar_doc("again", "قالت شركة (نجمة) في السعودية إن صافي خسارتها بلغ 400 مليون دولار.",
                   "2025-08-04")  # fmt: skip

    def usd(d: Document, needle: str, value: float) -> list[Mention]:
        saudi = place(d, "السعودية", "Saudi Arabia", "SA", "country", 24.0, 45.0)
        return [m(d, "figures", needle, value=value, unit="USD"), saudi]

    t = build_tables([
        (loss, usd(loss, "240 مليون دولار", 2.4e8)),
        (bond, usd(bond, "400 مليون دولار", 4e8)),
        (again, usd(again, "400 مليون دولار", 4e8)),
    ])  # fmt: skip
    assert figure_keys(t)["organisations"].tolist() == [
        frozenset({"نجمه"}), frozenset({"الواحه"}), frozenset({"نجمه"}),
    ]  # fmt: skip
    # Saudi Arabia in both does not make a company's loss a bank's sukuk issue ...
    assert fg.group_figures(only(t, {"loss", "bond"}))[0].empty
    # ... while the same company's loss, reported twice, is one quantity.
    groups, members = fg.group_figures(t)
    assert set(members["doc_id"]) == {"loss", "again"}
    assert groups["contradiction"].tolist() == [True]


def test_a_sector_that_topped_the_fallers_is_no_export() -> None:
    d = ar_doc("x", "وتصدر قطاع النقل القطاعات بعد تراجعه بنسبة 1.4%.", "2025-07-26")
    t = build_tables([(d, [index_fall(d, "1.4%", 1.4)])])
    keys = figure_keys(t)
    assert (keys["measure"].iloc[0], keys["rate"].iloc[0]) == ("", "fall")


def test_imports_of_crude_from_two_countries_are_not_one_quantity() -> None:
    reports = {  # China's imports: of Iranian crude, of Russian oil, of Iranian crude again
        "iran": ("وبلغت واردات الصين من الخام الإيراني 12.5 مليون طن في النصف الأول.", 1.25e7),
        "russia": ("واستوردت الصين نحو 17 مليون طن من النفط الروسي في النصف الأول.", 1.7e7),
        "again": ("وارتفعت واردات الصين من الخام الإيراني إلى 13 مليون طن.", 1.3e7),
    }
    found = []
    for doc_id, (text, value) in reports.items():
        d = ar_doc(doc_id, text, "2025-07-25")
        needle = f"{value / 1e6:g} مليون طن"
        china = place(d, "الصين", "China", "CN", "country", 35.0, 103.0)
        found.append((d, [m(d, "figures", needle, value=value, unit="t"), china]))
    t = build_tables(found)
    assert figure_keys(t)["origins"].tolist() == [{"IR"}, {"RU"}, {"IR"}]
    # China in both does not make its Iranian crude its Russian oil, while Iranian crude,
    # reported twice, is one quantity.
    assert fg.group_figures(only(t, {"iran", "russia"}))[0].empty
    assert set(fg.group_figures(t)[1]["doc_id"]) == {"iran", "again"}

"""Queries: filters and aggregations over hand-built tables (tests/sample_tables.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import dated
from dashboard import geo_queries as geo
from dashboard import queries as q
from dashboard import timeline_queries as tq
from dashboard.model import SCHEMAS
from dashboard.tables import Tables


def ids(df: pd.DataFrame) -> set[str]:
    return set(df["doc_id"])


# --- filters -----------------------------------------------------------------------------


def test_no_filter_keeps_everything(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters())
    for name, df in out.items():
        assert len(df) == len(getattr(sample, name)), name
        assert list(df.columns) == SCHEMAS[name]


@pytest.mark.parametrize(
    ("filters", "expected_docs"),
    [
        (q.Filters(documents=("ar1",)), {"ar1"}),
        (q.Filters(languages=("en",)), {"en1"}),
        (q.Filters(documents=("ar1",), languages=("en",)), set()),
        (q.Filters(date_range=("2025-10-30", "2025-12-31")), {"ar1"}),
        (q.Filters(documents=("missing",)), set()),
    ],
)
def test_document_filters_cascade_to_every_table(
    sample: Tables, filters: q.Filters, expected_docs: set[str]
) -> None:
    out = q.apply_filters(sample, filters)
    assert ids(out.documents) == expected_docs
    for name, df in out.items():
        assert ids(df) <= expected_docs, name


def test_place_kind_filter_narrows_places_only(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(place_kinds=("city",)))
    assert sorted(out.places["name"]) == ["Caracas", "Riyadh"]
    assert len(out.figures) == len(sample.figures)


def test_unit_filter_narrows_figures_only(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(units=("percent", "USD")))
    assert sorted(out.figures["unit"]) == ["USD", "percent", "percent"]
    assert len(out.places) == len(sample.places)


# --- the date filter (dashboard/dated.py): rows that happen inside the range -------------
# Sample: ar1 published 2025-11-01; its first sentence is dated "مارس المقبل" (2026-03) and
# holds a claim, a figure and two places; the rest of ar1 is undated. en1 published
# 2025-10-29; its first sentence is dated "Monday" (2025-10-27) with a claim, a figure and
# two places; its second sentence (the analysts' claim, 3 percent) is undated.


def test_date_range_keeps_dated_mentions_inside_it(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(date_range=("2025-01-01", "2025-12-31")))
    assert list(out.dates["value"]) == ["2025-10-27"]


def test_a_dated_sentence_places_its_mentions_at_its_date(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(date_range=("2026-03-10", "2026-03-12")))
    # A day inside March 2026 overlaps the month "مارس المقبل": only that sentence's rows.
    assert ids(out.documents) == {"ar1"}
    assert list(out.figures["text"]) == ["نحو 9 ملايين برميل يوميا"]
    assert sorted(out.places["name"]) == ["Riyadh", "Saudi Arabia"]
    assert list(out.claims["source"]) == ["وزير النفط"]
    assert list(out.dates["text"]) == ["مارس المقبل"]
    assert out.entities.empty  # the news agency is in an undated sentence


def test_undated_mentions_happen_at_publication(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(date_range=("2025-11-01", "2025-11-01")))
    assert ids(out.documents) == {"ar1"}
    # ar1's undated rows are kept; its sentence dated March 2026 is not.
    assert sorted(out.figures["text"]) == ["12 بالمئة", "5 مليارات دولار"]
    assert "Riyadh" not in set(out.places["name"])
    assert list(out.entities["name"]) == ["Iraqi News Agency"]
    assert out.dates.empty


def test_publication_day_keeps_the_undated_rows_only(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(date_range=("2025-10-29", "2025-10-29")))
    assert ids(out.documents) == {"en1"}
    assert list(out.claims["source"]) == ["Analysts"]  # the "Monday" claim is of 10-27
    assert list(out.figures["text"]) == ["3 percent"]


def test_a_document_is_kept_through_its_dated_mentions(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(date_range=("2025-10-27", "2025-10-27")))
    assert ids(out.documents) == {"en1"}  # published on the 29th, but says "Monday"
    assert list(out.claims["source"]) == ["Officials in Caracas"]


def test_undated_documents_are_kept_only_through_dated_mentions(sample: Tables) -> None:
    docs = sample.documents.copy()
    docs.loc[docs["doc_id"] == "en1", "published"] = ""
    tables = Tables(**{**dict(sample.items()), "documents": docs})
    out = q.apply_filters(tables, q.Filters(date_range=("2030-01-01", "2030-12-31")))
    assert out.documents.empty  # nothing of it happens in 2030
    out = q.apply_filters(tables, q.Filters(date_range=("2025-10-27", "2025-10-27")))
    assert ids(out.documents) == {"en1"}
    assert list(out.claims["source"]) == ["Officials in Caracas"]


def test_date_range_combines_with_other_filters(sample: Tables) -> None:
    out = q.apply_filters(
        sample, q.Filters(units=("bbl",), date_range=("2025-10-01", "2025-10-31"))
    )
    assert list(out.figures["text"]) == ["700,000 barrels a day"]


@pytest.mark.parametrize(
    ("values", "lo", "hi"),
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-07-09", "2025-07-09", "2025-07-09"),
    ],
)
def test_value_bounds(values: str, lo: str, hi: str) -> None:
    first, last = dated.value_bounds(pd.Series([values]))
    assert (first[0], last[0]) == (pd.Timestamp(lo), pd.Timestamp(hi))


def test_sentence_dates_match_the_mentions_sentence(sample: Tables) -> None:
    found = dated.sentence_dates(sample.figures, sample.dates)
    texts = sample.figures["text"].iloc[found["row"]].tolist()
    assert sorted(texts) == ["700,000 barrels a day", "نحو 9 ملايين برميل يوميا"]
    assert set(found["date_value"]) == {"2025-10-27", "2026-03"}


def test_filters_describe_what_is_chosen() -> None:
    assert q.Filters().describe() == "no filter"
    text = q.Filters(languages=("ar",), units=("USD",)).describe()
    assert "languages: Arabic (ar)" in text and "units: USD" in text
    four = q.Filters(documents=("a", "b", "c", "d")).describe()
    assert four == "documents: a, b, c, d"
    many = q.Filters(documents=tuple(f"d{i}" for i in range(1000))).describe()
    assert many == "documents: d0, d1, d2 and 997 more"


def test_options_list_every_value_once(sample: Tables) -> None:
    opts = q.options(sample)
    assert opts["documents"] == ["ar1", "en1"]
    assert opts["languages"] == ["ar", "en"]
    assert opts["place_kinds"] == ["city", "country", "unresolved"]
    assert opts["units"] == ["USD", "bbl", "percent"]


# --- aggregations ------------------------------------------------------------------------


def test_counts_per_table(sample: Tables) -> None:
    assert q.counts(sample) == {
        "documents": 2,
        "figures": 5,
        "places": 7,
        "dates": 2,
        "claims": 4,
        "entities": 1,
        "relations": 0,
    }


def test_top_places_groups_by_place_id(sample: Tables) -> None:
    top = q.top_places(sample.places)
    first = top.iloc[0]
    assert (first["name"], first["mentions"], first["documents"]) == ("China", 2, 2)
    # The Arabic spelling is kept even though the English document mentions China too.
    assert first["name_local"] == "الصين"
    assert top["mentions"].sum() == len(sample.places)


def test_top_places_names_unresolved_places_by_their_words(sample: Tables) -> None:
    top = q.top_places(sample.places)
    assert "الزهراوية" in set(top[top["kind"] == "unresolved"]["name"])


def test_top_places_respects_n(sample: Tables) -> None:
    assert len(q.top_places(sample.places, n=2)) == 2


def test_top_sources_counts_claims(sample: Tables) -> None:
    top = q.top_sources(sample.claims)
    assert len(top) == 4
    assert set(top["source_kind"]) == {"official", "media", "analyst"}
    assert top["claims"].sum() == 4


def test_figure_highlights_biggest_of_each_kind(sample: Tables) -> None:
    hi = q.figure_highlights(sample.figures, n=1)
    assert list(hi["kind"]) == ["money", "bbl", "percent"]
    assert list(hi["value"]) == [5e9, 9e6, 12.0]
    assert hi["sentence"].str.len().gt(0).all()


@pytest.mark.parametrize(
    ("unit", "kind"), [("USD", "money"), ("VES", "money"), ("bbl", "bbl"), ("km2", "km2")]
)
def test_figure_kind(unit: str, kind: str) -> None:
    assert q.figure_kind(unit) == kind


def test_figure_groups_by_unit_and_rate(sample: Tables) -> None:
    groups = q.figure_groups(sample.figures)
    keys = [(u, p) for u, p, _ in groups]
    assert keys[0] == ("bbl", "day")  # the biggest group first
    assert set(keys) == {("bbl", "day"), ("percent", ""), ("USD", "")}
    bbl = groups[0][2]
    assert list(bbl["value"]) == [9e6, 7e5]


def test_figure_groups_skip_rows_without_value(sample: Tables) -> None:
    figures = sample.figures.copy()
    figures.loc[0, "value"] = float("nan")
    assert sum(len(rows) for _, _, rows in q.figure_groups(figures)) == len(figures) - 1


# --- the timeline (dashboard/timeline_queries.py) ----------------------------------------


def test_timeline_has_publications_and_dated_events(sample: Tables) -> None:
    events = tq.timeline_events(sample)
    assert list(events.columns) == tq.EVENT_COLUMNS
    published = events[events["lane"] == "published"]
    assert sorted(published["doc_id"]) == ["ar1", "en1"]
    # One marker per lane and colour of a dated sentence: the Monday sentence of en1 holds a
    # claim (official), its figure (inside the claim: official), China (inside: official)
    # and Caracas (in the source, not the content: a place of its own colour).
    monday = events[events["date"] == pd.Timestamp("2025-10-27")]
    assert sorted(zip(monday["lane"], monday["colour"], monday["items"], strict=True)) == [
        (
            "claim",
            "official",
            "Officials in Caracas (said): exports to China reached 700,000 barrels a day",
        ),
        ("figure", "official", "700,000 barrels a day"),
        ("place", "official", "China"),
        ("place", "place", "Caracas"),
    ]


def test_timeline_draws_a_relative_date_at_its_value_with_its_anchor(sample: Tables) -> None:
    events = tq.timeline_events(sample)
    march = events[events["date_text"] == "مارس المقبل"]
    assert set(march["date"]) == {pd.Timestamp("2026-03-01")}
    assert set(march["anchor"]) == {"2025-11-01"} and march["relative"].all()
    assert set(march["granularity"]) == {"month"}
    assert events["date"].is_monotonic_increasing


def test_timeline_keeps_a_date_whose_sentence_holds_nothing_else(sample: Tables) -> None:
    dates = sample.dates.copy()
    dates.loc[0, "sentence"] = "A sentence of its own."
    events = tq.timeline_events(Tables(**{**dict(sample.items()), "dates": dates}))
    alone = events[events["lane"] == "date"]
    assert list(alone["items"]) == [dates.loc[0, "text"]]


def test_holding_kind_is_the_innermost_claims_kind(sample: Tables) -> None:
    kinds = tq.holding_kind(sample.places, sample.claims)
    got = dict(zip(sample.places["doc_id"] + ":" + sample.places["name"], kinds, strict=True))
    assert got["ar1:Saudi Arabia"] == "official"  # in the oil minister's claim
    assert got["ar1:China"] == "media"  # in the news agency's claim
    assert got["en1:China"] == "official"
    # Before the claim, or in its source (the first "العراق" is in "العراقية"): held by none.
    assert got["ar1:Riyadh"] == got["ar1:Iraq"] == got["en1:Caracas"] == ""


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"box": [{"x": ["2025-10-03 12:00:00.5", "2025-07-01"]}]}, ("2025-07-01", "2025-10-03")),
        (
            {"box": [], "lasso": [{"x": ["2025-01-05", "2025-01-02", "2025-01-09"]}]},
            ("2025-01-02", "2025-01-09"),
        ),
        (
            {"box": [], "lasso": [], "points": [{"x": "2025-03-04"}, {"x": "2025-03-01"}]},
            ("2025-03-01", "2025-03-04"),
        ),
        ({"box": [{"x": [1735689600000, 1735776000000]}]}, ("2025-01-01", "2025-01-02")),
        ({"box": [], "lasso": [], "points": []}, None),
        ({"box": [{"x": ["soon", "later"]}]}, None),
        (None, None),
    ],
)
def test_brush_range(selection, expected) -> None:
    assert tq.brush_range(selection) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025", "2025-01-01"), ("2025-07", "2025-07-01"), ("2025-07-09", "2025-07-09")],
)
def test_date_start(value: str, expected: str) -> None:
    assert q.date_start(pd.Series([value]))[0] == pd.Timestamp(expected)


def test_date_start_of_nonsense_is_nat() -> None:
    assert q.date_start(pd.Series(["", "soon", "2025-13"])).isna().all()


def test_claim_counts_by_source_and_cue(sample: Tables) -> None:
    counts = q.claim_counts(sample.claims)
    analysts = counts[counts["source"] == "Analysts"].iloc[0]
    assert (analysts["cue"], analysts["claims"], analysts["hedged"]) == ("said", 1, 1)
    assert counts["claims"].sum() == 4


def test_source_kind_counts(sample: Tables) -> None:
    kinds = q.source_kind_counts(sample.claims)
    assert dict(zip(kinds["source_kind"], kinds["claims"], strict=True)) == {
        "official": 2,
        "analyst": 1,
        "media": 1,
    }
    assert kinds.iloc[0]["source_kind"] == "official"


def test_unresolved_places(sample: Tables) -> None:
    un = q.unresolved_places(sample.places)
    assert list(un["text"]) == ["الزهراوية"]
    assert list(un.columns) == SCHEMAS["places"]


def test_aggregations_of_empty_tables_are_empty(sample: Tables) -> None:
    empty = q.apply_filters(sample, q.Filters(documents=("none",)))
    assert q.top_places(empty.places).empty
    assert q.top_sources(empty.claims).empty
    assert q.figure_highlights(empty.figures).empty
    assert q.figure_groups(empty.figures) == []
    assert tq.timeline_events(empty).empty
    assert q.claim_counts(empty.claims).empty
    assert q.source_kind_counts(empty.claims).empty
    assert geo.place_points(empty.places).empty
    assert geo.claim_arcs(empty).empty


# --- map aggregations --------------------------------------------------------------------


def test_place_points_one_per_located_place(sample: Tables) -> None:
    points = geo.place_points(sample.places)
    assert list(points.columns) == geo.POINT_COLUMNS
    assert len(points) == 5  # 7 mentions: China twice, the unresolved one has no coordinates
    china = points[points["name"] == "China"].iloc[0]
    assert (china["mentions"], china["name_local"]) == (2, "الصين")


def test_country_anchor_prefers_the_country_row(sample: Tables) -> None:
    assert geo.country_anchor(sample.places, "SA") == (24.0, 45.0)
    # No Venezuela country row: the place of it mentioned most (Caracas) stands in.
    assert geo.country_anchor(sample.places, "VE") == (10.49, -66.88)
    assert geo.country_anchor(sample.places, "FR") is None


def test_claim_source_country_from_entity_or_place(sample: Tables) -> None:
    claims = sample.claims.set_index("claim_id")
    assert geo.claim_source_country(sample, claims.loc["ar1:c2"]) == "IQ"  # entity
    assert geo.claim_source_country(sample, claims.loc["en1:c1"]) == "VE"  # place in source
    assert geo.claim_source_country(sample, claims.loc["en1:c2"]) == ""


def test_claim_source_country_from_its_own_column(sample: Tables) -> None:
    claim = sample.claims.iloc[3].copy()
    claim["country"] = "GB"
    assert geo.claim_source_country(sample, claim) == "GB"


def test_claim_arcs_go_to_other_countries_places(sample: Tables) -> None:
    arcs = geo.claim_arcs(sample)
    pairs = sorted(zip(arcs["source_country"], arcs["target"], strict=True))
    # Iraq -> China (Iraq itself, also in the content, gives no arc); Venezuela -> China.
    assert pairs == [("IQ", "China"), ("VE", "China")]
    assert list(arcs.columns) == geo.ARC_COLUMNS


def test_claim_arcs_look_up_sources_in_the_corpus(sample: Tables) -> None:
    countries = q.apply_filters(sample, q.Filters(place_kinds=("country",)))
    # Caracas (a city) names the source of the English claim: filtered out, it is unknown ...
    assert list(geo.claim_arcs(countries)["source_country"]) == ["IQ"]
    # ... so the page looks sources up in the whole corpus; targets still follow the filter.
    arcs = geo.claim_arcs(countries, corpus=sample)
    assert sorted(arcs["source_country"]) == ["IQ", "VE"]
    cities = q.apply_filters(sample, q.Filters(place_kinds=("city",)))
    assert geo.claim_arcs(cities, corpus=sample).empty  # China, the only target, is a country


# --- a date's period: "next week" is its week's days, not its month's ----------------------
# Published Wednesday 2025-07-30: "next week" is 2025-08 (month) with the days 08-03..08-09
# (English weeks start on Sunday), and the figure of its sentence happens then.
WEEK_TEXT = "The minister said talks will resume next week, and exports rose 3 percent."


@pytest.fixture(scope="module")
def next_week() -> Tables:
    from dashboard.model import Document
    from dashboard.pipeline import tables_for

    doc = Document(
        doc_id="wk", text=WEEK_TEXT, lang="en", title="wk", published="2025-07-30",
        source="test", path="", url="",
    )  # fmt: skip
    return tables_for([doc])


def test_date_bounds_are_the_periods_days_where_there_is_one(next_week: Tables) -> None:
    assert list(next_week.dates["period_start"]) == ["2025-08-03"]
    lo, hi = dated.date_bounds(next_week.dates)
    assert (lo[0], hi[0]) == (pd.Timestamp("2025-08-03"), pd.Timestamp("2025-08-09"))
    no_period = next_week.dates.assign(period_start="", period_end="")
    lo, hi = dated.date_bounds(no_period)
    assert (lo[0], hi[0]) == (pd.Timestamp("2025-08-01"), pd.Timestamp("2025-08-31"))


@pytest.mark.parametrize(
    ("date_range", "kept"),
    [
        (("2025-08-05", "2025-08-05"), True),
        (("2025-08-09", "2025-08-20"), True),
        (("2025-08-01", "2025-08-02"), False),  # in its month, before its week
        (("2025-08-10", "2025-08-31"), False),
    ],
)
def test_a_period_date_and_its_sentence_happen_in_the_period(
    next_week: Tables, date_range: tuple[str, str], kept: bool
) -> None:
    out = q.apply_filters(next_week, q.Filters(date_range=date_range))
    assert list(out.dates["text"]) == (["next week"] if kept else [])
    assert list(out.figures["text"]) == (["3 percent"] if kept else [])


def test_the_timeline_draws_a_period_date_at_its_first_day(next_week: Tables) -> None:
    events = tq.timeline_events(next_week)
    figure = events[events["lane"] == "figure"].iloc[0]
    assert figure["date"] == pd.Timestamp("2025-08-03")  # not the month's first day
    assert figure["resolved"] == "2025-08"
    assert figure["period"] == "2025-08-03 to 2025-08-09"
    assert events[events["lane"] == "published"].iloc[0]["period"] == ""
    from dashboard.charts import timeline_chart

    hovers = [h for trace in timeline_chart(events).data for h in trace.hovertext]
    assert sum("(month; 2025-08-03 to 2025-08-09)" in h for h in hovers) == 2  # claim, figure

"""Queries: filters and aggregations over hand-built tables (tests/sample_tables.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import geo_queries as geo
from dashboard import queries as q
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


def test_date_range_keeps_dated_mentions_inside_it(sample: Tables) -> None:
    out = q.apply_filters(sample, q.Filters(date_range=("2025-01-01", "2025-12-31")))
    assert list(out.dates["value"]) == ["2025-10-27"]


def test_undated_documents_survive_a_date_range(sample: Tables) -> None:
    docs = sample.documents.copy()
    docs.loc[docs["doc_id"] == "en1", "published"] = ""
    tables = Tables(**{**dict(sample.items()), "documents": docs})
    out = q.apply_filters(tables, q.Filters(date_range=("2030-01-01", "2030-12-31")))
    assert ids(out.documents) == {"en1"}


def test_filters_describe_what_is_chosen() -> None:
    assert q.Filters().describe() == "no filter"
    text = q.Filters(languages=("ar",), units=("USD",)).describe()
    assert "languages: ar" in text and "units: USD" in text


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


def test_timeline_has_published_and_mentioned_dates(sample: Tables) -> None:
    events = q.timeline_events(sample)
    assert list(events["event"]) == ["mentioned", "published", "published", "mentioned"]
    assert events["date"].iloc[-1] == pd.Timestamp("2026-03-01")
    assert events["doc_title"].iloc[-1] == "عنوان تجريبي"


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
    assert q.timeline_events(empty).empty
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

"""SQL over the store answers what the pandas queries answer, for every filter, with or without
a session overlay; and a snapshot folder is read like the DuckDB file it was published from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard import store_queries as sq
from dashboard.batch import sha256
from dashboard.geo_queries import place_points
from dashboard.model import SCHEMAS
from dashboard.pipeline import concat, tables_for
from dashboard.queries import Filters, apply_filters, figure_highlights, top_places, top_sources
from dashboard.store import (
    BOUNDS,
    CURRENT,
    DATED_TABLES,
    SENTENCE_DATES,
    Store,
    bound_columns,
    row_bounds,
)
from dashboard.tables import Tables
from tests.sample_tables import AR, EN, sample_tables

EXTRA = [
    ("x-en", "en", "2025-10-30", "Officials said on Oct 29 that output fell 4 pct in Caracas."),
    ("x-ar", "ar", "", "قال مسؤول إن الصادرات بلغت 500 ألف برميل يوميا من الرياض."),
    # "next week": the month 2025-08 with the days 08-03..08-09 as its period
    ("x-wk", "en", "2025-07-30", "The minister said talks will resume next week in Riyadh."),
]

FILTERS = [
    Filters(),
    Filters(languages=("ar",)),
    Filters(languages=("en", "es")),
    Filters(documents=("x-en", "000_16c055e86bfdd556")),
    Filters(place_kinds=("country",)),
    Filters(units=("USD", "percent")),
    Filters(date_range=("2025-10-01", "2025-10-31")),
    Filters(date_range=("2025-07-01", "2025-07-31"), languages=("ar",)),
    Filters(date_range=("2025-11-01", "2025-11-01"), place_kinds=("city", "country")),
    Filters(date_range=("1990-01-01", "1990-12-31")),
    Filters(date_range=("2025-08-01", "2025-08-02")),  # x-wk's month, not its week
    Filters(date_range=("2025-08-05", "2025-08-05")),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tables, dict, Path]:
    from dashboard.ingest import read_file
    from dashboard.model import Document
    from tests.conftest import SEED

    docs = [read_file(SEED)] + [
        Document(doc_id=i, text=t, lang=lang, title=i, published=p, source="test", path="", url="")
        for i, lang, p, t in EXTRA
    ]
    tables = concat([tables_for(docs), sample_tables()])
    texts = {d.doc_id: (d.text, sha256(d.text)) for d in [*docs, AR, EN]}
    path = tmp_path_factory.mktemp("sq") / "s.duckdb"
    with Store(path) as store:
        store.write(tables, texts)
    return tables, texts, path


def ordered(df: pd.DataFrame) -> pd.DataFrame:
    keys = ["doc_id"] + [c for c in ("start", "end", "text") if c in df.columns]
    return df.sort_values(keys, kind="stable").reset_index(drop=True)


def split(tables: Tables, ids: set[str]) -> tuple[Tables, Tables]:
    """(rows of the documents in ids, the others)."""
    keep = {n: df[df["doc_id"].isin(ids)] for n, df in tables.items()}
    rest = {n: df[~df["doc_id"].isin(ids)] for n, df in tables.items()}
    return Tables(**keep), Tables(**rest)


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_filtered_rows_and_counts_match_pandas(corpus, filters: Filters) -> None:
    tables, _, path = corpus
    expected = apply_filters(tables, filters)
    with Store(path, read_only=True) as store:
        for table in SCHEMAS:
            q = sq.filtered(table, filters)
            got = store.query(q.sql, q.params)
            assert len(got) == len(getattr(expected, table)), table
            want = ordered(getattr(expected, table))
            assert ordered(got)[want.columns[:4]].astype(str).values.tolist() == (
                want[want.columns[:4]].astype(str).values.tolist()
            ), table
        assert sq.counts(store, filters) == {n: len(df) for n, df in expected.items()}


NARROWED = Filters(
    languages=("ar", "en"),
    place_kinds=("country",),
    units=("USD", "percent"),
    date_range=("2025-10-01", "2025-11-30"),
)


@pytest.mark.parametrize("filters", [*FILTERS, NARROWED], ids=str)
def test_a_tables_rows_depend_only_on_the_filters_bearing_on_it(corpus, filters) -> None:
    """What lets the pages cache a table's rows by Filters.bearing_on(table)."""
    tables, _, path = corpus
    with Store(path, read_only=True) as store:
        for table in SCHEMAS:
            bearing = filters.bearing_on(table)
            want = ordered(getattr(apply_filters(tables, filters), table))
            got = ordered(getattr(apply_filters(tables, bearing), table))
            pd.testing.assert_frame_equal(got, want)
            q, q_bearing = sq.filtered(table, filters), sq.filtered(table, bearing)
            stored = ordered(store.query(q.sql, q.params))
            pd.testing.assert_frame_equal(
                ordered(store.query(q_bearing.sql, q_bearing.params)), stored
            )


@pytest.mark.parametrize("filters", [*FILTERS, NARROWED], ids=str)
def test_each_question_depends_only_on_the_filters_bearing_on_what_it_reads(
    corpus, filters
) -> None:
    """What lets the pages cache a question's answer by Filters.bearing_on(*READS[question])."""
    _, _, path = corpus
    with Store(path, read_only=True) as store:
        for question, reads in sq.READS.items():
            ask = getattr(sq, question)
            want, got = ask(store, filters), ask(store, filters.bearing_on(*reads))
            if isinstance(want, dict):
                assert got == want, question
            else:
                pd.testing.assert_frame_equal(got, want, obj=question)


def test_units_bear_on_figures_and_place_kinds_on_places_only() -> None:
    assert NARROWED.bearing_on("figures") == replace(NARROWED, place_kinds=())
    assert NARROWED.bearing_on("places") == replace(NARROWED, units=())
    for table in ("documents", "claims", "dates", "entities", "relations"):
        assert NARROWED.bearing_on(table) == replace(NARROWED, units=(), place_kinds=())
    assert NARROWED.bearing_on("figures", "places") == NARROWED
    assert NARROWED.bearing_on() == replace(NARROWED, units=(), place_kinds=())


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_time_bins_count_the_kept_rows_by_published_month(corpus, filters: Filters) -> None:
    tables, _, path = corpus
    expected = apply_filters(tables, filters)
    published = dict(zip(tables.documents["doc_id"], tables.documents["published"], strict=True))
    want = []
    for series in ("documents", "figures", "claims"):
        months = getattr(expected, series)["doc_id"].map(published).str[:7]
        for month, n in months[months != ""].value_counts().items():
            want.append((month, series, n))
    with Store(path, read_only=True) as store:
        bins = sq.time_bins(store, filters, "month")
    got = [(p.strftime("%Y-%m"), s, n) for p, s, n in bins.itertuples(index=False)]
    assert sorted(got) == sorted(want)
    if filters == Filters():
        assert {s for _, s, _ in want} == {"documents", "figures", "claims"}


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_day_bins_summed_into_weeks_and_months_equal_the_stores(corpus, filters: Filters) -> None:
    _, _, path = corpus
    with Store(path, read_only=True) as store:
        days = sq.time_bins(store, filters, "day")
        for bin in ("week", "month"):
            want = sq.time_bins(store, filters, bin)
            pd.testing.assert_frame_equal(sq.coarser_bins(days, bin), want)


def test_weeks_start_on_monday_and_months_on_the_first() -> None:
    days = pd.DataFrame(
        {
            "period": pd.to_datetime(
                ["2024-12-29", "2024-12-30", "2025-01-05", "2025-01-05", "2025-01-06", "2025-02-01"]
            ),
            "series": ["documents", "documents", "documents", "claims", "documents", "claims"],
            "count": [1, 2, 3, 4, 5, 6],
        }
    )
    weeks = sq.coarser_bins(days, "week")
    assert [(p.strftime("%Y-%m-%d"), s, n) for p, s, n in weeks.itertuples(index=False)] == [
        ("2024-12-23", "documents", 1),  # a Sunday ends the week that began on Monday the 23rd
        ("2024-12-30", "claims", 4),
        ("2024-12-30", "documents", 5),  # Monday the 30th to Sunday 5 January
        ("2025-01-06", "documents", 5),
        ("2025-01-27", "claims", 6),
    ]
    months = sq.coarser_bins(days, "month")
    assert [(p.strftime("%Y-%m-%d"), s, n) for p, s, n in months.itertuples(index=False)] == [
        ("2024-12-01", "documents", 3),
        ("2025-01-01", "claims", 4),
        ("2025-01-01", "documents", 8),
        ("2025-02-01", "claims", 6),
    ]
    assert sq.coarser_bins(days, "day") is days
    with pytest.raises(ValueError):
        sq.coarser_bins(days, "fortnight")


def test_the_filters_do_filter(corpus) -> None:
    """The parametrised comparison is not between two empty answers."""
    _, _, path = corpus
    with Store(path, read_only=True) as store:
        everything = sq.counts(store, Filters())
        arabic = sq.counts(store, Filters(languages=("ar",)))
        october = sq.counts(store, Filters(date_range=("2025-10-01", "2025-10-31")))
        week = sq.counts(store, Filters(date_range=("2025-08-05", "2025-08-05")))
        before = sq.counts(store, Filters(date_range=("2025-08-01", "2025-08-02")))
    assert everything["documents"] == 6 and everything["places"] > 30
    assert 0 < arabic["places"] < everything["places"]
    assert 0 < october["figures"] < everything["figures"]
    assert 0 < october["documents"] < everything["documents"]
    # x-wk's "next week" (08-03..08-09) with its claim and place; nothing else is of August
    assert (week["dates"], week["claims"], week["places"]) == (1, 1, 1)
    assert (before["dates"], before["claims"], before["places"]) == (0, 0, 0)


NOTHING = Filters(date_range=("1900-01-01", "1900-01-02"))  # keeps no row at all


@pytest.mark.parametrize("filters", [*FILTERS, NOTHING], ids=str)
def test_aggregates_match_pandas(corpus, filters: Filters) -> None:
    tables, _, path = corpus
    # Ties go to the place or source met first in (doc_id, start) order, the store's order.
    tables = Tables(**{name: ordered(df) for name, df in tables.items()})
    shown = apply_filters(tables, filters)
    with Store(path, read_only=True) as store:
        pd.testing.assert_frame_equal(
            sq.top_places(store, filters), top_places(shown.places), check_dtype=False
        )
        pd.testing.assert_frame_equal(
            sq.top_sources(store, filters), top_sources(shown.claims), check_dtype=False
        )
        pd.testing.assert_frame_equal(
            sq.place_points(store, filters), place_points(shown.places), check_dtype=False
        )
        pd.testing.assert_frame_equal(
            sq.figure_highlights(store, filters),
            figure_highlights(shown.figures),
            check_dtype=False,
        )


@pytest.mark.parametrize("n", [1, 2, 5, 10])
def test_top_places_ties_at_the_cut_are_broken_as_in_pandas(corpus, n: int) -> None:
    """Many places share the n-th count: the store's shortlist by count keeps every one of
    them, so the name and first mention decide among them as pandas does."""
    tables, _, path = corpus
    places = ordered(tables.places)
    want = top_places(places, n)
    counts = top_places(places, 1000)["mentions"]
    assert (counts == want["mentions"].iloc[-1]).sum() > 1  # a tie at the cut
    with Store(path, read_only=True) as store:
        pd.testing.assert_frame_equal(sq.top_places(store, Filters(), n), want, check_dtype=False)


@pytest.mark.parametrize(
    ("words", "want"),
    [
        ("", None),  # every document
        ("x-", {"x-en", "x-ar", "x-wk"}),  # a part of the id
        ("X-EN", {"x-en"}),  # any case
        ("en x", {"x-en"}),  # every word, in any order
        ("x- nowhere", set()),
    ],
)
def test_find_documents_by_words_of_the_title_or_id(corpus, words: str, want) -> None:
    _, _, path = corpus
    with Store(path, read_only=True) as store:
        got = sq.find_documents(store, words, 100)
        newest = list(sq.newest_documents(store, Filters(), 100)["doc_id"])
        assert list(got["doc_id"]) == [d for d in newest if want is None or d in want]
        assert list(sq.find_documents(store, words, 1)["doc_id"]) == list(got["doc_id"])[:1]


def test_find_documents_by_a_word_of_an_arabic_title(corpus) -> None:
    tables, _, path = corpus
    docs = tables.documents.set_index("doc_id")
    assert docs.loc["ar1", "title"] == "عنوان تجريبي"  # tests/sample_tables.py
    with Store(path, read_only=True) as store:
        assert list(sq.find_documents(store, "تجريبي", 100)["doc_id"]) == ["ar1"]
        assert sq.titles_of(store, ("x-en", "gone")) == {"x-en": "x-en"}
        assert sq.titles_of(store, ()) == {}


def test_an_overlay_joins_the_store(corpus, tmp_path: Path) -> None:
    """A session's uploads (the overlay) count as if they were stored."""
    tables, texts, _ = corpus
    stored, uploads = split(tables, {"000_16c055e86bfdd556", "x-en"})
    path = tmp_path / "half.duckdb"
    with Store(path) as store:
        store.write(stored, {d: texts[d] for d in stored.documents["doc_id"]})
    with Store(path, read_only=True) as store:
        for filters in FILTERS:
            expected = {n: len(df) for n, df in apply_filters(tables, filters).items()}
            assert sq.counts(store, filters, uploads) == expected, filters
        assert sq.counts(store, Filters())["documents"] == 2  # the overlay is not in the store
        points = sq.place_points(store, Filters(), uploads)
    pd.testing.assert_frame_equal(points, place_points(ordered(tables.places)), check_dtype=False)


def test_a_store_of_an_earlier_version_filters_dates_alike_and_is_upgraded(
    corpus, tmp_path: Path
) -> None:
    """Without the stored sentence dates and date bounds, a read-only store works them out as
    it reads; the next open for writing stores them."""
    import duckdb

    tables, texts, _ = corpus
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write(tables, texts)
    con = duckdb.connect(str(path))
    for table in DATED_TABLES:
        con.execute(f"DROP INDEX IF EXISTS {table}_doc_id")
        con.execute(f"ALTER TABLE {table} DROP COLUMN {SENTENCE_DATES}")
    con.execute("DROP INDEX IF EXISTS dates_doc_id")
    for table in BOUNDS:
        for col in bound_columns(table):
            con.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
    con.close()
    dated = [f for f in FILTERS if f.date_range]
    want = [{n: len(df) for n, df in apply_filters(tables, f).items()} for f in dated]
    with Store(path, read_only=True) as store:
        assert SENTENCE_DATES not in store._have["claims"]
        assert "published_lo" not in store._have["documents"]
        assert [sq.counts(store, f) for f in dated] == want
    with Store(path) as store:  # the upgrade
        stored = store.query(f"SELECT count(*) AS n FROM claims WHERE {SENTENCE_DATES} IS NULL")
        assert stored["n"].iloc[0] == 0
        with_dates = store.query(
            f"SELECT count(*) AS n FROM claims WHERE len({SENTENCE_DATES}) > 0"
        )
        assert with_dates["n"].iloc[0] > 0
        for table in BOUNDS:
            (lo, hi), (want_lo, want_hi) = bound_columns(table), row_bounds(table, table)
            same = f"{lo} IS NOT DISTINCT FROM {want_lo} AND {hi} IS NOT DISTINCT FROM {want_hi}"
            stored = store.query(
                f"SELECT count(*) AS n, count({lo}) AS dated FROM {table} WHERE {same}"
            )
            rows = store.query(f"SELECT count(*) AS n FROM {table}")["n"].iloc[0]
            assert stored["n"].iloc[0] == rows and stored["dated"].iloc[0] > 0, table
    with Store(path, read_only=True) as store:
        assert [sq.counts(store, f) for f in dated] == want


def test_a_store_of_an_older_date_rule_works_its_days_out_again(corpus, tmp_path: Path) -> None:
    """Days stored under an older rule (a date's month where it has a week) are worked out
    again at the next open for writing, and the store's version moves on."""
    import duckdb

    tables, texts, _ = corpus
    path = tmp_path / "rule.duckdb"
    with Store(path) as store:
        store.write(tables, texts)
        version = store.version()
    con = duckdb.connect(str(path))
    lo, hi = bound_columns("dates")
    con.execute(f'UPDATE dates SET "{lo}" = NULL, "{hi}" = NULL')
    for table in DATED_TABLES:
        con.execute(f"UPDATE {table} SET {SENTENCE_DATES} = []")
    con.execute("DELETE FROM meta WHERE key = 'date_rule'")
    con.close()
    dated = [f for f in FILTERS if f.date_range]
    want = [{n: len(df) for n, df in apply_filters(tables, f).items()} for f in dated]
    with Store(path, read_only=True) as store:
        assert [sq.counts(store, f) for f in dated] != want  # the stale days
    with Store(path) as store:
        assert store.version() == version + 1
        assert [sq.counts(store, f) for f in dated] == want
    with Store(path) as store:  # done once
        assert store.version() == version + 1


def test_newest_documents_and_their_rows(corpus) -> None:
    tables, _, path = corpus
    with Store(path, read_only=True) as store:
        # Published 2025-11-01 (two, by id), 2025-10-30, 2025-10-29, 2025-07-30, then the
        # undated one.
        order = ["000_16c055e86bfdd556", "ar1", "x-en", "en1", "x-wk", "x-ar"]
        assert list(sq.newest_documents(store, Filters(), 10)["doc_id"]) == order
        newest = sq.newest_documents(store, Filters(), 2)
        assert list(newest["doc_id"]) == order[:2]
        places = sq.rows_of_documents(store, "places", Filters(), list(newest["doc_id"]), 1000)
        assert set(places["doc_id"]) == set(order[:2])
        want = tables.places[tables.places["doc_id"].isin(newest["doc_id"])]
        assert len(places) == len(want)
        assert len(sq.rows_of_documents(store, "places", Filters(), ["ar1"], 1)) == 1


def test_options_and_time_bins(corpus) -> None:
    tables, _, path = corpus
    with Store(path, read_only=True) as store:
        got = sq.options(store)
        bins = sq.time_bins(store, Filters(), "month")
    assert got["languages"] == ["ar", "en"]
    assert "country" in got["place_kinds"] and "" not in got["place_kinds"]
    assert set(got["units"]) == set(tables.figures["unit"]) - {""}
    assert got["documents"][0] == "000_16c055e86bfdd556"
    docs = bins[bins["series"] == "documents"]
    dated = tables.documents[tables.documents["published"] != ""]
    assert docs["count"].sum() == len(dated)
    months = sorted(dated["published"].str[:7].unique())
    assert [p.strftime("%Y-%m") for p in docs["period"]] == months
    with pytest.raises(ValueError):
        sq.time_bins(None, Filters(), "fortnight")  # type: ignore[arg-type]


def test_a_published_snapshot_reads_like_the_store(corpus, tmp_path: Path) -> None:
    tables, texts, path = corpus
    folder = tmp_path / "published"
    with Store(path, read_only=True) as store:
        first = store.publish(folder)
        version = store.version()
    assert (folder / CURRENT).read_text().strip() == first.name
    with Store(folder, read_only=True) as snap:
        assert snap.path == first
        assert snap.version() == version
        assert sq.counts(snap, Filters()) == {n: len(df) for n, df in tables.items()}
        assert snap.text("x-en") == texts["x-en"][0]
    # Publishing again moves CURRENT and keeps only the newest snapshots.
    names = []
    with Store(path, read_only=True) as store:
        for _ in range(4):
            names.append(store.publish(folder, keep=2).name)
    kept = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert kept == names[-2:]
    assert (folder / CURRENT).read_text().strip() == names[-1]


def test_publish_from_the_command_line(corpus, tmp_path: Path, capsys) -> None:
    from dashboard.__main__ import main

    _, _, path = corpus
    assert main(["publish", str(tmp_path / "pub"), "--store", str(path), "--keep", "1"]) == 0
    current = (tmp_path / "pub" / CURRENT).read_text().strip()
    assert current in capsys.readouterr().out
    assert (tmp_path / "pub" / current / "documents.parquet").exists()


@pytest.mark.parametrize("table", ["figures", "places", "claims", "dates"])
@pytest.mark.parametrize(
    "filters",
    [
        Filters(documents=("x-en",)),
        Filters(documents=("x-en",), date_range=("2025-10-01", "2025-10-31")),
        # A page's listed documents under the sidebar's filters.
        Filters(documents=("x-en",), languages=("en",), units=("USD",), place_kinds=("city",)),
    ],
    ids=str,
)
def test_rows_of_listed_documents_are_looked_up_in_the_doc_id_index(
    corpus: tuple[Tables, dict, Path], table: str, filters: Filters
) -> None:
    _, _, path = corpus
    params: dict[str, object] = {}
    with_ = sq._kept(filters, params, (table,))
    with Store(path, read_only=True) as store:
        plan = store.query(f"EXPLAIN ANALYZE {with_} SELECT * FROM kept_{table}", params)
    text = "\n".join(plan.iloc[:, 1])
    # Both scans (the table's and the documents') are index lookups, none reads the table.
    assert "Index Scan" in text and "Sequential Scan" not in text, text

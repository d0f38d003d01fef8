"""The app on other stores: named in Streamlit secrets, missing, a published snapshot that
changes under a running app, and a corpus bigger than the pages list."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import store_queries
from dashboard.batch import sha256
from dashboard.geo_queries import place_points
from dashboard.store import STORE_ENV, Store
from dashboard.ui import corpus
from tests.sample_tables import AR, EN, sample_tables
from tests.test_app import APP, PAGES, TIMEOUT, metrics, record_downloads, shown_tables

__all__ = ["record_downloads"]  # autouse: download buttons keep their bytes here too

TEXTS = {d.doc_id: (d.text, sha256(d.text)) for d in (AR, EN)}


def numbers(array: object) -> list:
    """A plotly array from JSON: a list, or a typed array plotly encodes as base64."""
    if isinstance(array, dict):
        return list(np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]))
    return list(array)


def sample_store(path: Path) -> Path:
    with Store(path) as store:
        store.write(sample_tables(), TEXTS)
    return path


def run_with_secret(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.delenv(STORE_ENV)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["store"] = str(store)
    return at.run()


def test_the_store_can_be_named_in_secrets(tmp_path: Path, monkeypatch) -> None:
    at = run_with_secret(sample_store(tmp_path / "s.duckdb"), monkeypatch)
    assert not at.exception, at.exception
    assert metrics(at)["Documents"] == 2
    assert metrics(at)["Claims"] == len(sample_tables().claims)


def test_a_missing_store_is_an_error_not_a_new_file(tmp_path: Path, monkeypatch) -> None:
    at = run_with_secret(tmp_path / "nowhere.duckdb", monkeypatch)
    assert any("does not exist" in e.value for e in at.error)
    assert not (tmp_path / "nowhere.duckdb").exists()


def test_a_replica_follows_the_published_snapshot(tmp_path: Path, monkeypatch) -> None:
    """The app reads a snapshot folder; a new version published meanwhile is read on the next
    run, without a restart, while the writer keeps its own DuckDB file."""
    source = sample_store(tmp_path / "writer.duckdb")
    folder = tmp_path / "published"
    with Store(source) as writer:
        writer.publish(folder)
    at = run_with_secret(folder, monkeypatch)
    assert metrics(at)["Documents"] == 2
    tables = sample_tables()
    one = {n: df[df["doc_id"] == "en1"] for n, df in tables.items()}
    one["documents"] = one["documents"].assign(doc_id="en2")
    for name in one:
        one[name] = one[name].assign(doc_id="en2")
    with Store(source) as writer:
        writer.write(type(tables)(**one), {"en2": TEXTS["en1"]})
        writer.publish(folder)
    at.run()
    assert not at.exception, at.exception
    assert metrics(at)["Documents"] == 3


def test_more_documents_than_the_pages_list(tmp_path: Path, monkeypatch) -> None:
    """With a cap of one document, counts still cover both; rows come from the newest one."""
    monkeypatch.setattr(corpus, "DOC_CAP", 1)
    at = run_with_secret(sample_store(tmp_path / "s.duckdb"), monkeypatch)
    assert metrics(at)["Documents"] == 2
    note = " ".join(w.value for w in at.warning)
    assert "2 documents match" in note and "1 most recently published" in note
    documents, _ = shown_tables(at)["documents"]
    assert list(documents["doc_id"]) == ["ar1"]  # 2025-11-01, newer than en1
    at.switch_page(PAGES["Map"]).run()
    assert not at.exception, at.exception
    # Map points aggregate every mention; the mention table lists the listed document's.
    shown = shown_tables(at)
    assert len(shown["map_places"][0]) == len(place_points(sample_tables().places))
    assert set(shown["places"][0]["doc_id"]) == {"ar1"}
    # What the listed document lacks is said to be lacking there, not in the corpus.
    at.switch_page(PAGES["Claims"]).run()
    claims = len(sample_tables().claims.query("doc_id == 'ar1'"))
    assert f"Claims ({claims} of {claims} in the 1 listed documents)" in [
        h.value for h in at.subheader
    ]
    at.switch_page(PAGES["Assessment"]).run()
    assert not at.exception, at.exception
    notes = [i.value for i in at.info]
    assert (
        "No claim is reported by more than one independent outlet in the 1 listed documents."
        in notes
    )


def test_timeline_volume_counts_every_document(tmp_path: Path, monkeypatch) -> None:
    at = run_with_secret(sample_store(tmp_path / "s.duckdb"), monkeypatch)
    at.switch_page(PAGES["Timeline"]).run()
    assert not at.exception, at.exception
    chart = next(c for c in at.get("plotly_chart") if "Published per" in c.proto.spec)
    fig = plotly.io.from_json(chart.proto.spec)
    bars = {t.name: int(sum(numbers(t.y))) for t in fig.data}
    assert bars["documents"] == 2
    assert bars["claims"] == len(sample_tables().claims)


def record_store_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables whose rows the app reads, and the questions it asks, in order, from now on."""
    asked: list[str] = []

    def recorded(name: str, fn, label) -> None:
        def wrapper(*args, **kwargs):
            asked.append(label(args))
            return fn(*args, **kwargs)

        monkeypatch.setattr(store_queries, name, wrapper)

    recorded("rows_of_documents", store_queries.rows_of_documents, lambda args: args[1])
    recorded("newest_documents", store_queries.newest_documents, lambda args: "documents")
    for question in store_queries.READS:
        recorded(question, getattr(store_queries, question), lambda args, q=question: q)
    return asked


@pytest.mark.parametrize(
    ("page", "key", "value", "table"),
    [
        ("Timeline", "filter_units", ["USD"], "figures"),
        ("Overview", "filter_units", ["USD"], "figures"),
        ("Map", "filter_place_kinds", ["city"], "places"),
    ],
)
def test_a_unit_or_kind_change_asks_only_about_its_table(
    tmp_path: Path, monkeypatch, page: str, key: str, value: list[str], table: str
) -> None:
    """Rows and answers are cached by the filters bearing on what they read: a unit or place
    kind change reads that table's rows again, and asks the questions that read it."""
    asked = record_store_questions(monkeypatch)
    at = run_with_secret(sample_store(tmp_path / "s.duckdb"), monkeypatch)
    at.switch_page(PAGES[page]).run()
    assert not at.exception, at.exception
    asked.clear()
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception, at.exception
    again = {a for a in asked if a == table or table in store_queries.READS.get(a, ())}
    assert asked and set(asked) == again, asked
    assert "documents" not in asked


def test_a_unit_change_redraws_the_figure_events_only(tmp_path: Path, monkeypatch) -> None:
    at = run_with_secret(sample_store(tmp_path / "s.duckdb"), monkeypatch)
    at.switch_page(PAGES["Timeline"]).run()
    before = shown_tables(at)
    at.multiselect(key="filter_units").set_value(["USD"]).run()
    assert not at.exception, at.exception
    after = shown_tables(at)

    # The USD figure's sentence holds no date: its filter leaves no figure event.
    def figure_events(shown: dict) -> pd.DataFrame:
        return shown["timeline_events"][0].query("lane == 'figure'")

    assert len(figure_events(before)) == 2 and figure_events(after).empty
    assert after["dates"][0].equals(before["dates"][0])


def test_documents_are_found_by_words_of_their_title(tmp_path: Path, monkeypatch) -> None:
    """A big store lists only its newest documents: the search finds any, and a new search
    keeps what was chosen."""
    at = run_with_secret(sample_store(tmp_path / "s.duckdb"), monkeypatch)
    documents = at.multiselect(key="filter_documents")
    assert documents.options == ["عنوان تجريبي (ar1)", "Test item (en1)"]  # newest first
    at.text_input(key="find_documents").input("تجريبي").run()
    assert not at.exception, at.exception
    assert [c.value for c in at.sidebar.caption if "found" in c.value] == ["1 found"]
    documents = at.multiselect(key="filter_documents")
    assert documents.options == ["عنوان تجريبي (ar1)"]
    documents.select("ar1").run()
    assert metrics(at)["Documents"] == 1
    at.text_input(key="find_documents").input("item").run()  # en1's title is "Test item"
    assert at.multiselect(key="filter_documents").value == ["ar1"]  # kept, offered first
    assert at.multiselect(key="filter_documents").options == [
        "عنوان تجريبي (ar1)",
        "Test item (en1)",
    ]
    assert metrics(at)["Documents"] == 1
    at.text_input(key="find_documents").input("nowhere").run()
    assert "No title or id holds these." in [c.value for c in at.sidebar.caption]
    assert at.multiselect(key="filter_documents").value == ["ar1"]
    monkeypatch.setattr(corpus, "FOUND_CAP", 1)
    at.text_input(key="find_documents").input("1").run()  # both ids hold a 1
    assert "1 found, the newest first: add words" in [c.value for c in at.sidebar.caption]

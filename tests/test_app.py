"""The Streamlit app in-process (AppTest): every page renders the seed, CSV buttons, uploads."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.io
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard import geo_queries as geo
from dashboard import queries as q
from dashboard.model import SCHEMAS
from dashboard.pipeline import seed_tables
from dashboard.tables import Tables, neutralise_formula, read_csv_bytes, typed

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "ui" / "app.py")
PAGES = {
    "Overview": "views/overview.py",
    "Map": "views/map.py",
    "Timeline": "views/timeline.py",
    "Figures": "views/figures.py",
    "Claims": "views/claims.py",
    "Documents": "views/documents.py",
}
TIMEOUT = 30


class RecordingStorage(MemoryMediaFileStorage):
    """AppTest's in-memory media store, remembered so a download button's bytes can be read."""

    latest: RecordingStorage | None = None

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        RecordingStorage.latest = self


@pytest.fixture(scope="module", autouse=True)
def record_downloads() -> Iterator[None]:
    # AppTest drops its media store after each run; keep a handle on the last one.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
        yield


@pytest.fixture(scope="module")
def seed() -> Tables:
    return seed_tables()


@dataclass
class Rendered:
    """A page after its run, with each table shown and its CSV button's bytes."""

    at: AppTest
    tables: dict[str, tuple[pd.DataFrame, bytes]]


@pytest.fixture(scope="module")
def rendered(record_downloads: None) -> dict[str, Rendered]:
    """Every page rendered once on the seed (read-only tests share these runs)."""
    out = {}
    for title in PAGES:
        at = open_page(title)
        out[title] = Rendered(at, shown_tables(at))
    return out


def open_page(title: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    if title != "Overview":
        at.switch_page(PAGES[title]).run()
    assert not at.exception, at.exception
    return at


def download_bytes(button) -> bytes:
    name = button.proto.url.rsplit("/", 1)[-1]
    assert RecordingStorage.latest is not None
    return RecordingStorage.latest.get_file(name).content


def shown_tables(at: AppTest) -> dict[str, tuple[pd.DataFrame, bytes]]:
    """Each table on the page by name, with the bytes of its CSV button."""
    frames = list(at.dataframe)
    buttons = list(at.get("download_button"))
    # components.table draws each dataframe right before its button, named csv-<table>.
    assert len(frames) == len(buttons), "every table has its CSV button"
    return {
        b.key.removeprefix("csv-"): (d.value, download_bytes(b))
        for d, b in zip(frames, buttons, strict=True)
    }


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric}


@pytest.mark.parametrize("title", list(PAGES))
def test_page_renders_without_exception(rendered: dict[str, Rendered], title: str) -> None:
    at = rendered[title].at
    assert at.title[0].value == title
    assert not at.error


def test_overview_counts_match_the_seed(rendered: dict[str, Rendered], seed: Tables) -> None:
    at = rendered["Overview"].at
    assert metrics(at) == {name.capitalize(): len(df) for name, df in seed.items()}


@pytest.mark.parametrize("title", list(PAGES))
def test_csv_buttons_give_the_table_shown(rendered: dict[str, Rendered], title: str) -> None:
    for name, (shown, data) in rendered[title].tables.items():
        if name in SCHEMAS:
            got = read_csv_bytes(data, name)
            want = typed(shown, name)
            for col in want.columns:
                if pd.api.types.is_string_dtype(want[col]):
                    want[col] = want[col].map(neutralise_formula)
            pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=name)
        else:
            got = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
            assert list(got.columns) == list(shown.columns), name
            assert len(got) == len(shown), name


def test_contract_tables_shown_are_the_seed_tables(
    rendered: dict[str, Rendered], seed: Tables
) -> None:
    checked = set()
    for title, page in rendered.items():
        for name, (_, data) in page.tables.items():
            if name in SCHEMAS:
                got = read_csv_bytes(data, name)
                pd.testing.assert_frame_equal(got, getattr(seed, name), obj=f"{title}: {name}")
                checked.add(name)
    # Every table the seed fills is shown (and downloadable) on some page.
    assert checked == {name for name, df in seed.items() if not df.empty}


def test_map_draws_every_located_place(rendered: dict[str, Rendered], seed: Tables) -> None:
    at = rendered["Map"].at
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    points = next(x for x in spec["layers"] if x["id"] == "places")["data"]
    assert len(points) == len(geo.place_points(seed.places))
    expected = len(q.unresolved_places(seed.places))
    shown = rendered["Map"].tables.get("unresolved_places")
    assert (0 if shown is None else len(shown[0])) == expected


def test_figures_page_has_a_chart_per_group(rendered: dict[str, Rendered], seed: Tables) -> None:
    at = rendered["Figures"].at
    groups = q.figure_groups(seed.figures)
    charts = at.get("plotly_chart")
    assert len(charts) == len(groups)
    for chart, (unit, per, rows) in zip(charts, groups, strict=True):
        fig = plotly.io.from_json(chart.proto.spec)
        assert len(fig.data[0].y) == len(rows), (unit, per)


def test_timeline_plots_published_date(rendered: dict[str, Rendered], seed: Tables) -> None:
    at = rendered["Timeline"].at
    fig = plotly.io.from_json(at.get("plotly_chart")[0].proto.spec)
    xs = [x for trace in fig.data for x in trace.x]
    assert len(xs) == len(q.timeline_events(seed))
    assert any(str(x).startswith("2025-11-01") for x in xs)


def test_documents_page_shows_the_seed_right_to_left(
    rendered: dict[str, Rendered], seed_doc
) -> None:
    at = rendered["Documents"].at
    body = next(h.value for h in at.get("html") if "doc-text" in h.value)
    assert 'dir="rtl"' in body
    # With the marks taken out and entities decoded, the whole text is there, unaltered.
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == seed_doc.text


EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)> Officials said exports rose."


def test_upload_joins_this_session_only(seed: Tables) -> None:
    at = open_page("Overview")
    at.sidebar.file_uploader[0].upload("evil.txt", EVIL.encode(), "text/plain")
    at.run()
    assert not at.exception, at.exception
    assert metrics(at)["Documents"] == len(seed.documents) + 1
    other = open_page("Overview")  # a new session sees only the seed
    assert metrics(other)["Documents"] == len(seed.documents)


def test_uploaded_markup_is_shown_as_text() -> None:
    at = open_page("Documents")
    at.sidebar.file_uploader[0].upload("evil.txt", EVIL.encode(), "text/plain")
    at.run()
    at.selectbox[0].set_value("evil").run()
    assert not at.exception, at.exception
    body = next(h.value for h in at.get("html") if "doc-text" in h.value)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script" not in body and "<img" not in body


def test_unreadable_upload_is_reported() -> None:
    at = open_page("Overview")
    at.sidebar.file_uploader[0].upload("bad.txt", b"\xff\xfe\xfa not utf-8", "text/plain")
    at.run()
    assert not at.exception, at.exception
    assert any("bad.txt" in e.value for e in at.sidebar.error)


def test_upload_whose_extraction_fails_is_reported(
    monkeypatch: pytest.MonkeyPatch, seed: Tables
) -> None:
    from dashboard.ui import corpus

    def broken(docs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(corpus, "tables_for", broken)
    at = open_page("Overview")
    at.sidebar.file_uploader[0].upload("odd.txt", EVIL.encode(), "text/plain")
    at.run()
    assert not at.exception, at.exception
    assert any("odd.txt" in e.value and "extractor bug" in e.value for e in at.sidebar.error)
    assert metrics(at)["Documents"] == len(seed.documents)


def test_language_filter_narrows_every_page(seed: Tables) -> None:
    at = open_page("Overview")
    at.sidebar.file_uploader[0].upload("en.txt", EVIL.encode(), "text/plain")
    at.run()
    at.sidebar.multiselect(key="filter_languages").set_value(["en"]).run()
    assert not at.exception, at.exception
    assert metrics(at)["Documents"] == 1
    docs, _ = shown_tables(at)["documents"]
    assert list(docs["doc_id"]) == ["en"]

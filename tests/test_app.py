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

from dashboard import charts
from dashboard import geo_queries as geo
from dashboard import queries as q
from dashboard import timeline_queries as tq
from dashboard.model import SCHEMAS
from dashboard.pipeline import seed_tables
from dashboard.relation_graph import relation_edges
from dashboard.tables import Tables, neutralise_formula, read_csv_bytes, typed

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "ui" / "app.py")
PAGES = {
    "Overview": "views/overview.py",
    "Map": "views/map.py",
    "Timeline": "views/timeline.py",
    "Figures": "views/figures.py",
    "Claims": "views/claims.py",
    "Documents": "views/documents.py",
    "Assessment": "views/assessment.py",
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
    # The legend names the kinds drawn, no other (the seed has no water and no unresolved point).
    legend = next(h.proto.body for h in at.get("html") if "border-radius:50%" in h.proto.body)
    drawn = set(geo.place_points(seed.places)["kind"])
    assert set(re.findall(r"</span>([a-z]+)", legend)) == drawn
    assert drawn == {"country", "city", "region", "facility", "continent"}


def test_figures_page_has_a_chart_per_group(rendered: dict[str, Rendered], seed: Tables) -> None:
    at = rendered["Figures"].at
    groups = {
        charts.group_title(unit, per): rows for unit, per, rows in q.figure_groups(seed.figures)
    }
    figs = [plotly.io.from_json(c.proto.spec) for c in at.get("plotly_chart")]
    # Charts sit in two columns: match them to their group by title.
    drawn = {f.layout.title.text: len(f.data[0].y) for f in figs}
    assert drawn == {title: len(rows) for title, rows in groups.items()}


def test_figures_page_says_when_no_figures_conflict(rendered: dict[str, Rendered]) -> None:
    at = rendered["Figures"].at
    # One document cannot contradict itself.
    assert any("No quantity is reported with different values" in i.value for i in at.info)


def test_figures_page_flags_a_conflict_between_uploads() -> None:
    at = open_page("Figures")
    files = [
        (
            f"{name}.txt",
            f"date 2025-03-02\nExports from Venezuela reached {value} barrels a day, "
            "the oil ministry said.".encode(),
            "text/plain",
        )
        for name, value in (("a", "700,000"), ("b", "650,000"))
    ]
    at.sidebar.file_uploader[0].set_value(files).run()
    assert not at.exception, at.exception
    tables = shown_tables(at)
    summary, _ = tables["figure_conflicts"]
    assert len(summary) >= 1
    rows, _ = tables["figure_conflict_rows"]
    assert {"a", "b"} <= set(rows["doc_id"])
    assert any("650,000 / 700,000 (2 documents)" in e.label for e in at.expander)


def test_timeline_plots_publications_and_dated_events(
    rendered: dict[str, Rendered], seed: Tables
) -> None:
    at = rendered["Timeline"].at
    chart = at.get("plotly_chart")[0]
    fig = plotly.io.from_json(chart.proto.spec)
    xs = [x for trace in fig.data for x in trace.x]
    assert len(xs) == len(tq.timeline_events(seed))
    assert any(str(x).startswith("2025-11-01") for x in xs)
    # The chart reports box and lasso selections back to the app (brushing).
    assert list(chart.proto.selection_mode) == [1, 2]  # BOX, LASSO
    assert fig.layout.dragmode == "select"


RANGE = ("2025-07-01", "2025-07-31")


def test_date_filter_note_on_every_page_and_clearing_it() -> None:
    at = open_page("Overview")
    assert not any("Date filter" in i.value for i in at.info)
    at.session_state["date_range"] = RANGE
    for title, page in PAGES.items():
        at.switch_page(page).run()
        assert not at.exception, (title, at.exception)
        note = next((i.value for i in at.info if "Date filter" in i.value), "")
        assert "2025-07-01 to 2025-07-31" in note, title
        assert at.button(key="clear-date-filter").label == "Clear date filter"
    at.button(key="clear-date-filter").click().run()
    assert not at.exception, at.exception
    assert at.session_state["date_range"] is None
    assert not any("Date filter" in i.value for i in at.info)


def test_date_filter_narrows_the_tables_shown(seed: Tables) -> None:
    at = open_page("Overview")
    at.session_state["date_range"] = RANGE
    at.run()
    want = q.counts(q.apply_filters(seed, q.Filters(date_range=RANGE)))
    assert metrics(at) == {name.capitalize(): n for name, n in want.items()}
    # The seed's July sentence ("يوليو الماضي") holds one figure and no claim.
    assert want["figures"] == 1 and want["claims"] == 0


def test_timeline_keeps_every_date_to_brush_again_and_shades_the_range(seed: Tables) -> None:
    at = open_page("Timeline")
    version = at.session_state["timeline_version"]
    at.session_state["date_range"] = RANGE
    at.run()
    fig = plotly.io.from_json(at.get("plotly_chart")[0].proto.spec)
    assert sum(len(t.x) for t in fig.data) == len(tq.timeline_events(seed))
    assert len(fig.layout.shapes) == 1
    events, _ = shown_tables(at)["timeline_events"]
    assert len(events) == 1  # the July figure
    at.button(key="clear-date-filter").click().run()
    # A cleared filter gives the chart a new key, dropping its old selection box.
    assert at.session_state["timeline_version"] == version + 1


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


def test_an_upload_says_which_encoding_it_was_read_in() -> None:
    at = open_page("Overview")
    text = "قال وزير النفط إن الإنتاج بلغ نحو عشرة ملايين برميل يوميا في السعودية."
    at.sidebar.file_uploader[0].upload("report.txt", text.encode("cp1256"), "text/plain")
    at.run()
    assert not at.exception, at.exception
    notes = [c.value for c in at.sidebar.caption if "report.txt" in c.value]
    assert len(notes) == 1 and "ar, cp1256" in notes[0], notes


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
    languages = at.sidebar.multiselect(key="filter_languages")
    assert languages.options == ["Arabic (ar)", "English (en)"]  # named, the code kept
    languages.set_value(["en"]).run()
    assert not at.exception, at.exception
    assert metrics(at)["Documents"] == 1
    units = at.sidebar.multiselect(key="filter_units").options
    assert "bbl (barrels)" in units and "USD (US dollar)" in units
    docs, _ = shown_tables(at)["documents"]
    assert list(docs["doc_id"]) == ["en"]


def test_claims_page_has_filters_evidence_and_relation_graph(
    rendered: dict[str, Rendered], seed: Tables
) -> None:
    at = rendered["Claims"].at
    for key in ("claims_sources", "claims_kinds", "claims_places", "claims_entities"):
        assert at.multiselect(key=key).value == []
    assert at.selectbox(key="claims_hedged").value is None
    # Every claim expands to its sentence with source, cue and content marked, right to left.
    bodies = [h.value for h in at.get("html") if "hl-claims" in h.value and "doc-text" in h.value]
    assert len(bodies) == len(seed.claims)
    assert all("hl-claim_source" in b and "hl-claim_cue" in b and 'dir="rtl"' in b for b in bodies)
    figs = [plotly.io.from_json(c.proto.spec) for c in at.get("plotly_chart")]
    graph = next(f for f in figs if f.layout.title.text == "Relations between actors")
    edges = relation_edges(seed.relations)
    assert len(edges) > 0  # the seed: Maduro asks Putin and Xi for help, ...
    arrows = [a for a in graph.layout.annotations if a.showarrow]
    assert len(arrows) == int((edges["target"] != "").sum())
    assert rendered["Claims"].tables["relations"][0].shape[0] == len(seed.relations)
    assert any("No claim is reported by more than one document" in i.value for i in at.info)


def test_claims_filters_narrow_the_claims(seed: Tables) -> None:
    from dashboard.claim_groups import ClaimFilter, claim_options, filter_claims

    at = open_page("Claims")
    at.selectbox(key="claims_hedged").set_value(True).run()
    assert not at.exception, at.exception
    claims, _ = shown_tables(at)["claims"]
    assert len(claims) == int(seed.claims["hedged"].sum()) > 0
    assert claims["hedged"].all()
    place = claim_options(seed)["places"][0]
    at.selectbox(key="claims_hedged").set_value(None).run()
    at.multiselect(key="claims_places").set_value([place]).run()
    claims, _ = shown_tables(at)["claims"]
    want = filter_claims(seed, ClaimFilter(places=(place,)))
    assert list(claims["claim_id"]) == list(want["claim_id"]) and len(want) > 0
    assert at.subheader[1].value.startswith(f"Claims ({len(want)} of {len(seed.claims)})")


def test_assessment_puts_a_contradiction_first_with_its_evidence() -> None:
    at = open_page("Assessment")
    files = [
        (
            f"{name}.txt",
            f"date 2025-03-02\nOil exports from Venezuela fell to {value} barrels a day, "
            "the oil ministry said.".encode(),
            "text/plain",
        )
        for name, value in (("a", "700,000"), ("b", "700,000"), ("c", "400,000"))
    ]
    at.sidebar.file_uploader[0].set_value(files).run()
    assert not at.exception, at.exception
    tables = shown_tables(at)
    contradictions, _ = tables["contradicting_figures"]
    assert len(contradictions) == 1
    assert contradictions.iloc[0]["documents"] == 3
    members, _ = tables["figure_group_members"]
    assert {"a", "b", "c"} <= set(members["doc_id"])
    assert any("400,000 / 700,000" in e.label for e in at.expander)


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (0, "0"),
        (999_999, "999,999"),
        (1_000_000, "1M"),
        (1_049_081, "1.05M"),
        (12_345_678, "12.3M"),
        (999_999_999, "1B"),  # rounds up to the next suffix, not "1e+03M"
        (1_500_000_000, "1.5B"),
    ],
)
def test_counts_of_millions_are_cut_short_to_fit_a_metric(n: int, shown: str) -> None:
    from dashboard.ui.components import short_count

    assert short_count(n) == shown


def test_the_filter_caption_shows_ids_literally() -> None:
    """Ids hold Markdown marks ("~" strikes through, "_" italicises): they must stay literal."""

    def page() -> None:
        from dashboard.ui.components import filter_caption

        filter_caption("documents: reuters_894~0, reuters_894~1")

    at = AppTest.from_function(page).run()
    assert at.caption[0].value == r"Filtered — documents\: reuters\_894\~0, reuters\_894\~1"


def test_figures_page_charts_the_biggest_groups_and_others_on_demand() -> None:
    at = open_page("Figures")
    units = "1 km, 2 tonnes, 3 hectares, 4 megawatts, 5 euros, 6 pounds sterling, 7 yen, 8 days"
    text = f"date 2025-03-02\nThe report listed {units}, 9 weeks and 10 hours.".encode()
    at.sidebar.file_uploader[0].upload("units.txt", text, "text/plain").run()
    assert not at.exception, at.exception
    titles = [plotly.io.from_json(c.proto.spec).layout.title.text for c in at.get("plotly_chart")]
    more = at.multiselect(key="figures_more")
    assert len(titles) == 8 and len(more.options) > 0
    assert not {o.split(" (")[0] for o in more.options} & set(titles)
    more.set_value([more.options[-1].split(" (")[0]]).run()
    assert len(at.get("plotly_chart")) == 9


def test_assessment_names_a_claim_without_a_source_as_such() -> None:
    """An impersonal claim ("se dijo que") rests on no named source: its evidence label says
    so instead of starting with an empty source and a separator."""
    at = open_page("Assessment")
    text = "date 2025-03-02\nSe dijo que la producción de petróleo caerá en marzo.".encode()
    at.sidebar.file_uploader[0].set_value([("x.txt", text, "text/plain")]).run()
    assert not at.exception, at.exception
    labels = [e.label for e in at.expander if "producción" in e.label]
    assert labels and all(label.startswith("no source named · ") for label in labels), labels

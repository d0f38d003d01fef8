"""Many analysts at once: ten concurrent Chromium sessions against one `streamlit run`.

Each session (its own browser context) uploads a document it wrote, with a figure no other
session has, under the same file name as every other session; filters by language; downloads
documents.csv and figures.csv. No session may see an error, miss its own document, or see
another's; the server must stay under 1 GB. The driver is benchmarks/load_sessions.py, which
prints the same report when run by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SESSIONS = int(os.environ.get("LOAD_SESSIONS", "10"))
MAX_RSS = 1024**3

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium", allow_module_level=True)
pytest.importorskip("playwright.async_api", reason="playwright is not installed")

from benchmarks.load_sessions import (  # noqa: E402
    LoadResult,
    problems,
    run_load,
    session_document,
    summary,
)


@pytest.fixture(scope="module")
def load(request) -> LoadResult:
    result = run_load(SESSIONS)
    # The numbers are the point of a load test: show them even when every test passes.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(f"[load] {line}" for line in summary(result).splitlines()))
    return result


def found(load: LoadResult, kind: str) -> list[str]:
    everyone = [s.doc for s in load.sessions]
    return [
        f"session {i} ({s.doc.lang}): {p}"
        for i, s in enumerate(load.sessions)
        for p in problems(s, everyone)[kind]
    ]


def test_the_documents_differ_but_share_one_file_name() -> None:
    docs = [session_document(i) for i in range(SESSIONS)]
    assert len({d.marker for d in docs}) == SESSIONS
    assert len({d.name for d in docs}) == 1
    assert {d.lang for d in docs} == {"ar", "en"}
    assert all(d.marker.encode() in d.data for d in docs)


def test_the_sessions_ran_at_the_same_time(load: LoadResult) -> None:
    assert len(load.sessions) == SESSIONS >= 10
    # Every session had started before the first one ended.
    assert max(s.started for s in load.sessions) < min(s.ended for s in load.sessions)


def test_no_session_sees_an_error(load: LoadResult) -> None:
    assert not found(load, "errors"), "\n".join(found(load, "errors"))


def test_each_session_gets_its_own_document_and_figure(load: LoadResult) -> None:
    assert not found(load, "own"), "\n".join(found(load, "own"))


def test_no_session_sees_another_sessions_upload(load: LoadResult) -> None:
    assert not found(load, "leaks"), "\n".join(found(load, "leaks"))


def test_each_session_filter_applies_to_its_downloads(load: LoadResult) -> None:
    assert not found(load, "filter"), "\n".join(found(load, "filter"))


def test_server_memory_stays_under_1_gb(load: LoadResult) -> None:
    assert 0 < load.rss_peak < MAX_RSS, f"peak RSS {load.rss_peak / 1024**2:.0f} MB"

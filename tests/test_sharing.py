"""Sharing uploads with every session: inbox names, the atomic copy, the sidebar button, and a
shared upload reaching a new session through the next ingest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.__main__ import main as cli
from dashboard.ingest import FormatError, read_paths
from dashboard.publishing import PUBLISH_ENV, inbox_name, publish
from dashboard.store import STORE_ENV
from dashboard.ui.components import plain, snippet

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "ui" / "app.py")
REPORT = (
    b"date 2025-10-02\nPipeline report\n\n"
    b"The operator said the pipeline carried 412,000 barrels per day in September.\n"
)


@pytest.mark.parametrize(
    "name, stem",
    [
        ("../../etc/cron.d/job.txt", "job"),
        ("C:\\Users\\analyst\\report.PDF", "report"),
        ("تقرير النفط.docx", "تقرير_النفط"),
        ("a;rm -rf $HOME.md", "a_rm_-rf_HOME"),
        ("..html", "document"),
    ],
)
def test_inbox_names_are_made_here_never_taken_from_the_browser(name: str, stem: str) -> None:
    got = inbox_name(name, b"x")
    assert got.startswith(f"{stem}-") and "/" not in got and "\\" not in got
    assert got.rsplit(".", 1)[-1] == name.rsplit(".", 1)[-1].lower()


def test_inbox_names_tell_contents_apart() -> None:
    assert inbox_name("report.txt", b"one") != inbox_name("report.txt", b"two")
    assert inbox_name("report.txt", b"one") == inbox_name("report.txt", b"one")


@pytest.mark.parametrize("name", ["list.jsonl", "tool.exe", "noext", "page.html.py"])
def test_only_document_formats_are_shared(name: str) -> None:
    with pytest.raises(FormatError):
        inbox_name(name, b"x")


def test_publish_copies_once_and_leaves_no_partial_file(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    first = publish(inbox, "../report.txt", REPORT)
    again = publish(inbox, "report.txt", REPORT)
    assert first == again and first.parent == inbox
    assert first.read_bytes() == REPORT
    assert [p.name for p in inbox.iterdir()] == [first.name]


def test_ingest_skips_a_copy_still_being_written(tmp_path: Path) -> None:
    shared = publish(tmp_path, "report.txt", REPORT)
    (tmp_path / ".other.txt.0123.part").write_bytes(REPORT[:20])
    docs, errors = read_paths([tmp_path])
    assert [d.doc_id for d in docs] == [shared.stem] and not errors


def test_plain_keeps_a_file_name_from_becoming_markdown() -> None:
    assert plain("![x](http://h/p.png).txt") == r"\!\[x\]\(http\://h/p.png\).txt"
    assert plain("a_b *c* :red[z] $1$") == r"a\_b \*c\* \:red\[z\] \$1\$"
    assert plain("report.txt — ar, cp1256") == "report.txt — ar, cp1256"


def test_snippet_is_one_literal_line_cut_at_a_word() -> None:
    text = "The [minister](http://h)\nsaid   *output* rose by more than analysts had expected"
    assert snippet(text, 44) == r"The \[minister\]\(http\://h\) said \*output\* rose…"
    assert snippet("Short text.", 40) == "Short text."
    assert snippet("x" * 50, 10) == "x" * 10 + "…"  # no space to cut at


def _session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception, at.exception
    return at


def _documents(at: AppTest) -> int:
    return int(next(m.value for m in at.metric if m.label == "Documents").replace(",", ""))


def _share_buttons(at: AppTest) -> list:
    return [b for b in at.sidebar.button if b.label.startswith("Share ")]


def test_without_an_inbox_nothing_can_be_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PUBLISH_ENV, raising=False)
    at = _session()
    at.sidebar.file_uploader[0].upload("report.txt", REPORT, "text/plain")
    at.run()
    assert not at.exception, at.exception
    assert not _share_buttons(at)


def test_a_shared_upload_reaches_new_sessions_after_the_next_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_store: Path
) -> None:
    inbox = tmp_path / "inbox"
    monkeypatch.setenv(PUBLISH_ENV, str(inbox))
    at = _session()
    seeded = _documents(at)
    at.sidebar.file_uploader[0].upload("../report.txt", REPORT, "text/plain")
    at.run()
    assert _documents(at) == seeded + 1
    assert not list(inbox.glob("*")), "nothing is shared before the button"
    (button,) = _share_buttons(at)
    assert button.label == "Share 1 upload with everyone"
    button.click().run()
    assert not at.exception, at.exception
    assert [p.name for p in inbox.iterdir()] == [inbox_name("report.txt", REPORT)]
    assert any("report.txt shared" in c.value for c in at.sidebar.caption)
    assert not _share_buttons(at), "a shared upload is not offered again"
    assert _documents(_session()) == seeded, "other sessions see it only after an ingest"

    store = tmp_path / "shared.duckdb"
    shutil.copy(seed_store, store)
    assert cli(["ingest", str(inbox), "--store", str(store), "--workers", "1"]) == 0
    monkeypatch.setenv(STORE_ENV, str(store))
    assert _documents(_session()) == seeded + 1


def test_a_failed_share_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv(PUBLISH_ENV, str(blocked))
    at = _session()
    at.sidebar.file_uploader[0].upload("report.txt", REPORT, "text/plain")
    at.run()
    _share_buttons(at)[0].click().run()
    assert not at.exception, at.exception
    assert any("not shared" in e.value for e in at.sidebar.error)
    assert _share_buttons(at), "what failed can be shared again"

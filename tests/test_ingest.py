"""Ingest: files, folders, manifests, metadata, language detection, errors that lose nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.ingest import (
    detect_language,
    document_from_bytes,
    published_from_url,
    read_inputs,
    read_manifest,
    read_paths,
)
from tests.conftest import SEED


def test_seed_metadata_and_text_kept_exactly() -> None:
    docs, errors = read_paths([SEED.parent])
    assert errors == []
    (doc,) = docs
    assert doc.doc_id == "000_16c055e86bfdd556"
    assert doc.published == "2025-11-01"
    assert doc.lang == "ar"
    assert doc.text == SEED.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قال وزير النفط إن الإنتاج سيرتفع في العام المقبل.", "ar"),
        ("The minister said output would rise next year.", "en"),
        ("El ministro dijo que la producción subirá el próximo año.", "es"),
        ("Oil prices rose to 60 dollars a barrel on Monday, traders said.", "en"),
        ("Los precios del petróleo subieron según los analistas del sector.", "es"),
        ("12345 67890", ""),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_title_from_first_short_line_and_bom_removed() -> None:
    doc = document_from_bytes("\ufeffOil output rises\n\nBody text here.".encode(), "a.txt")
    assert doc.title == "Oil output rises"
    assert doc.text.startswith("Oil")
    assert doc.doc_id == "a"


def test_manifest_paths_relative_to_manifest_and_metadata_wins(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text("date 2024-01-02 Some English text.", "utf-8")
    rows = [
        {"id": "d1", "path": "docs/one.txt", "title": "T", "published": "2020-05-06", "lang": "en"},
        {"id": "d2", "path": "docs/missing.txt"},
        "not an object",
    ]
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    docs, errors = read_manifest(manifest)
    assert [(d.doc_id, d.title, d.published, d.lang) for d in docs] == [
        ("d1", "T", "2020-05-06", "en")
    ]
    assert len(errors) == 2
    assert "missing.txt" in errors[0].path


def test_one_bad_file_is_reported_and_the_others_read(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"good{n}.txt").write_text(f"Report {n}: the minister said so.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.md").write_bytes("Un caf\xe9 con le\xf1a.".encode("latin-1"))
    docs, errors = read_paths([tmp_path, tmp_path / "nope.txt"])
    assert sorted(d.doc_id for d in docs) == [f"good{n}" for n in range(5)] + ["latin1"]
    assert {d.doc_id: d.encoding for d in docs}["latin1"] == "cp1252"  # decoded, not refused
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "no such file" in reasons["nope.txt"]
    assert len(errors) == 3


def test_repeated_ids_are_made_distinct(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Some text for the test.", "utf-8")
    docs, _ = read_paths([tmp_path])
    assert sorted(d.doc_id for d in docs) == ["same", "same-2"]


def test_a_document_given_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("The minister said output rose.", "utf-8")
    (tmp_path / "two.txt").write_text("Exports fell 3 pct in May.", "utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"id": "d1", "path": "one.txt"}) + "\n", "utf-8")
    # The manifest as a path and as --manifest, and a file inside a folder given too.
    docs, errors = read_inputs([manifest, tmp_path / "two.txt", tmp_path], [manifest])
    assert errors == []
    assert sorted(d.doc_id for d in docs) == ["d1", "one", "two"]


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://news.example/world/2020-12-19/a-story.html", "2020-12-19"),
        ("https://news.example/opinion/2021/2/12/a-story-258149.html", "2021-02-12"),
        ("https://news.example/economy/20210217/a-story-11526188", "2021-02-17"),
        ("https://news.example/opinion/A-Story-20210222-0143.html", "2021-02-22"),
        ("https://news.example/2021/01/a-story/", ""),  # a month is not a day
        ("https://news.example/mundo/Noticia-51664432", ""),
        ("https://news.example/es/a-story/a-55998251", ""),
        ("https://news.example/Noticia/11029767/02/21/a-story.html", ""),  # which is the year?
        ("https://news.example/story/20211399/x", ""),  # eight digits, no day
        ("https://news.example/?d=2020-12-19", ""),  # the query says nothing of the path
        ("", ""),
    ],
)
def test_published_from_a_news_address(url: str, published: str) -> None:
    assert published_from_url(url) == published


def test_a_manifest_row_without_a_date_takes_the_day_in_its_address(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("El ministro dijo que la obra empieza este viernes.", "utf-8")
    (tmp_path / "b.txt").write_text("El ministro dijo que la obra empieza este lunes.", "utf-8")
    rows = [
        {"id": "a", "path": "a.txt", "url": "https://news.example/2021-03-26/obra.html"},
        {
            "id": "b",
            "path": "b.txt",
            "published": "2021-03-01",
            "url": "https://x.example/2021-03-26/",
        },
    ]
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    docs, _ = read_manifest(manifest)
    assert [d.published for d in docs] == ["2021-03-26", "2021-03-01"]  # the manifest wins

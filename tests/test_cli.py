"""The CLI writes the contract's six CSVs; every mention's text is doc[start:end]."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dashboard.__main__ import main
from dashboard.model import SCHEMAS
from tests.conftest import SEED


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_extract_seed_writes_the_contract(tmp_path: Path) -> None:
    assert main(["extract", str(SEED.parent), "--out", str(tmp_path)]) == 0
    text = SEED.read_text(encoding="utf-8")
    for name, cols in SCHEMAS.items():
        path = tmp_path / f"{name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), name
        with path.open(encoding="utf-8-sig", newline="") as f:
            assert next(csv.reader(f)) == cols
        if name == "documents":
            continue
        for row in read(path):
            assert text[int(row["start"]) : int(row["end"])] == row["text"], (name, row)
    (doc,) = read(tmp_path / "documents.csv")
    assert (doc["published"], doc["lang"], doc["n_chars"]) == ("2025-11-01", "ar", str(len(text)))
    assert len(read(tmp_path / "figures.csv")) == 9


def test_extract_manifest_and_report_failures(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("The minister said oil output rose 5 pct.", "utf-8")
    manifest = tmp_path / "m.jsonl"
    lines = [
        {"id": "a", "path": "a.txt", "source": "Wire", "published": "1987-03-02"},
        {"id": "b", "path": "absent.txt"},
    ]
    manifest.write_text("\n".join(json.dumps(x) for x in lines), "utf-8")
    out = tmp_path / "out"
    assert main(["extract", "--manifest", str(manifest), "--out", str(out)]) == 0
    docs = read(out / "documents.csv")
    assert [(d["doc_id"], d["source"], d["published"], d["lang"]) for d in docs] == [
        ("a", "Wire", "1987-03-02", "en")
    ]
    assert "absent.txt" in capsys.readouterr().err


def test_extract_needs_input(tmp_path: Path) -> None:
    assert main(["extract", "--out", str(tmp_path)]) == 2

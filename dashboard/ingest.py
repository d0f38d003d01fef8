"""Read documents from files, folders and JSONL manifests: decode, detect language, take metadata.

Failures never stop a batch: each unreadable input becomes an `IngestError` beside the
documents that were read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dashboard.lexicon import load
from dashboard.model import Document

TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES = 50_000_000

# A leading "date YYYY-MM-DD" line (as in the seed) gives the published date.
_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_LATIN_WORD = re.compile(r"[a-záéíóúñü]+")


@dataclass(frozen=True)
class IngestError:
    """An input that could not be read, and why."""

    path: str
    reason: str


def detect_language(text: str) -> str:
    """ar, en or es from the script, then from each Latin language's common words in data/."""
    sample = text[:20000]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 and latin == 0:
        return ""
    if arabic >= latin:
        return "ar"
    tokens = _LATIN_WORD.findall(sample.lower())
    scores = {
        lang: sum(1 for t in tokens if t in set(load(lang, "language")["common_words"]))
        for lang in ("en", "es")
    }
    return max(scores, key=lambda k: scores[k]) if any(scores.values()) else "en"


def published_from_text(text: str) -> str:
    """The date of a leading `date YYYY-MM-DD` line, or empty."""
    m = _DATE_LINE.match(text)
    return m.group(1) if m else ""


def title_from_text(text: str, fallback: str) -> str:
    """The first line when it reads as a headline (short, no date prefix), else the fallback."""
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip().lstrip("#").strip()
    first = _DATE_LINE.sub("", first).strip()
    if first and len(first) <= 160 and not _DATE_LINE.match(text):
        return first
    return fallback


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) text; anything else is an error naming the file."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 text (byte {e.start})") from e


def document_from_bytes(data: bytes, name: str, path: str = "", **meta: str) -> Document:
    """A Document from raw bytes; metadata given in `meta` wins over what the text says."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"file of {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    text = decode(data, name)
    stem = Path(name).stem
    return Document(
        doc_id=meta.get("doc_id") or stem,
        text=text,
        lang=meta.get("lang") or detect_language(text),
        title=meta.get("title") or title_from_text(text, stem),
        published=meta.get("published") or published_from_text(text),
        source=meta.get("source") or "",
        path=path,
        url=meta.get("url") or "",
    )


def read_file(path: Path, **meta: str) -> Document:
    """One .txt/.md file as a Document."""
    return document_from_bytes(path.read_bytes(), path.name, str(path), **meta)


def read_manifest(manifest: Path) -> tuple[list[Document], list[IngestError]]:
    """Documents listed in a JSONL manifest (id, path, title, published, lang, source, url)."""
    docs: list[Document] = []
    errors: list[IngestError] = []
    base = manifest.parent
    for n, line in enumerate(manifest.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{manifest}:{n}"
        try:
            row = json.loads(line)
            path = Path(row["path"])
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            errors.append(IngestError(where, f"bad manifest line: {e}"))
            continue
        path = path if path.is_absolute() else base / path
        meta = {
            "doc_id": str(row.get("id") or ""),
            "title": row.get("title") or "",
            "published": row.get("published") or "",
            "lang": row.get("lang") or "",
            "source": row.get("source") or row.get("outlet") or "",
            "url": row.get("url") or "",
        }
        try:
            docs.append(read_file(path, **meta))
        except (OSError, ValueError) as e:
            errors.append(IngestError(str(path), str(e)))
    return docs, errors


def read_paths(paths: Iterable[Path]) -> tuple[list[Document], list[IngestError]]:
    """Documents from files and folders (.txt, .md; .jsonl read as manifests), in sorted order."""
    docs: list[Document] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
        elif path.exists():
            files = [path]
        else:
            errors.append(IngestError(str(path), "no such file or folder"))
            continue
        for f in files:
            try:
                if f.suffix == ".jsonl":
                    got, bad = read_manifest(f)
                    docs += got
                    errors += bad
                elif f.suffix in TEXT_SUFFIXES:
                    docs.append(read_file(f))
                else:
                    errors.append(IngestError(str(f), f"unsupported file type {f.suffix!r}"))
            except (OSError, ValueError) as e:
                errors.append(IngestError(str(f), str(e)))
    return unique_ids(docs), errors


def unique_ids(docs: list[Document]) -> list[Document]:
    """Documents with distinct doc_ids: a repeated id gets a numeric suffix."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    out = []
    for d in docs:
        n = seen.get(d.doc_id, 0)
        seen[d.doc_id] = n + 1
        out.append(d if n == 0 else replace(d, doc_id=f"{d.doc_id}-{n + 1}"))
    return out

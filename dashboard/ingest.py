"""Read documents from files, folders, JSONL manifests and URLs: decode, detect language, metadata.

Formats: .txt/.md (UTF-8, UTF-16, Windows-1256, ISO-8859-6, Windows-1252), .html/.htm (the
article, by trafilatura), .pdf (pypdf), .docx (python-docx); readers live in dashboard.formats.
Failures never stop a batch: each unreadable input becomes an `IngestError` beside the documents
that were read. Every reader failure is a ValueError (FormatError) with a message for analysts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.formats import Extracted, FormatError
from dashboard.formats.encoding import decode_text
from dashboard.formats.limits import MAX_BYTES, MAX_CHARS, MAX_PDF_PAGES
from dashboard.lexicon import load
from dashboard.model import Document

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_PDF_PAGES",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "IngestError",
    "detect_language",
    "document_from_bytes",
    "read_file",
    "read_manifest",
    "read_paths",
    "read_url",
]

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")  # every document format read
MANIFEST_SUFFIX = ".jsonl"

# A leading "date YYYY-MM-DD" line (as in the seed) gives the published date.
_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
# A news address's path often holds the day it was published: /2020-12-19/, /2021/2/12/, and
# /20210217/ or -20210222- as one number. Only whole path parts (or a dash-joined 8-digit
# run) of a real date count: a story number of eight digits rarely reads as one.
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)(?:-(\d\d)-(\d\d)|/(\d{1,2})/(\d{1,2}))(?=/)"
    r"|[/-]((?:19|20)\d\d)(\d\d)(\d\d)(?=[/-])"
)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_LATIN_WORD = re.compile(r"[a-záéíóúñü]+")
_LETTER = re.compile(r"[^\W\d_]")
# Control and bidirectional embedding characters: kept in the text (offsets), cut from titles.
_META_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
_UNSAFE_ID = re.compile(r"[^\w.\-]+")
# Signatures of files that are not text, whatever their name says.
_MAGIC = {b"%PDF-": "PDF document", b"PK\x03\x04": "zip archive (a .docx?)"}


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


def published_from_url(url: str) -> str:
    """The publication day a news address's path gives (see _URL_DATE), or empty."""
    path = urlsplit(url).path
    for m in _URL_DATE.finditer(path):
        y, mo, d = (g for g in m.groups() if g is not None)
        try:
            return date(int(y), int(mo), int(d)).isoformat()
        except ValueError:
            continue  # "/20211399/": a number, not a day
    return ""


def title_from_text(text: str, fallback: str) -> str:
    """The first line when it reads as a headline (short, no date prefix), else the fallback."""
    first = text[:2000].lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip().lstrip("#").strip()
    first = _DATE_LINE.sub("", first).strip()
    if first and len(first) <= 160 and not _DATE_LINE.match(text):
        return first
    return fallback


def clean_meta(value: str, limit: int = 300) -> str:
    """A metadata string fit to show: no control or bidi-override characters, one line, capped."""
    return " ".join(_META_JUNK.sub(" ", value).split())[:limit]


def safe_id(stem: str) -> str:
    """A document id from a file name: letters, digits, '.', '-' and '_' only (any script)."""
    return _UNSAFE_ID.sub("_", stem).strip("._")[:120] or "document"


def read_bytes(data: bytes, suffix: str) -> Extracted:
    """Text and metadata of a file's bytes by its suffix (sniffed from the content when none)."""
    suffix = suffix.lower() or _sniff(data)
    if suffix in TEXT_SUFFIXES:
        magic = next((kind for sig, kind in _MAGIC.items() if data.startswith(sig)), "")
        if magic:
            raise FormatError(f"this {suffix} file is a {magic}, not text: rename it")
        text, encoding = decode_text(data)
        return Extracted(text=text, encoding=encoding)
    if suffix in HTML_SUFFIXES:
        from dashboard.formats.html import read_html

        return read_html(data)
    if suffix == ".pdf":
        from dashboard.formats.pdf import read_pdf

        return read_pdf(data)
    if suffix == ".docx":
        from dashboard.formats.docx import read_docx

        return read_docx(data)
    hint = " (save it as .docx)" if suffix == ".doc" else ""
    raise FormatError(f"unsupported file type {suffix!r}{hint}")


def _sniff(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return ".pdf"
    if head.startswith(b"pk\x03\x04"):
        return ".docx"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return ".html"
    return ".txt"


def document_from_bytes(data: bytes, name: str, path: str = "", **meta: str) -> Document:
    """A Document from raw bytes; metadata given in `meta` wins over what the file says.

    Raises ValueError (FormatError) with a reason when the bytes cannot be read.
    """
    if len(data) > MAX_BYTES:
        raise FormatError(f"file of {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    try:
        got = read_bytes(data, Path(name).suffix)
    except FormatError:
        raise
    except Exception as e:  # a reader's unforeseen failure is still one file's problem
        raise FormatError(f"could not read the file ({type(e).__name__}: {e})") from e
    text = got.text
    if len(text) > MAX_CHARS:
        raise FormatError(f"text of {len(text):,} characters is over the {MAX_CHARS:,} limit")
    if not _LETTER.search(text):
        raise FormatError("no words: the text holds only digits, punctuation or symbols")
    stem = safe_id(Path(name).stem)
    return Document(
        doc_id=meta.get("doc_id") or stem,
        text=text,
        lang=meta.get("lang") or detect_language(text),
        title=clean_meta(meta.get("title") or got.title or title_from_text(text, stem)),
        published=meta.get("published")
        or got.published
        or published_from_text(text)
        or published_from_url(meta.get("url") or got.url),
        source=clean_meta(meta.get("source") or got.source),
        path=path,
        url=meta.get("url") or got.url,
        encoding=got.encoding,
    )


def read_file(path: Path, **meta: str) -> Document:
    """One document file as a Document; its size is checked before it is read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FormatError(f"file of {size:,} bytes is over the {MAX_BYTES:,}-byte limit")
    return document_from_bytes(path.read_bytes(), path.name, str(path), **meta)


def read_url(address: str, **meta: str) -> Document:
    """The article at a URL, when this deployment fetches (see dashboard.formats.fetch)."""
    from dashboard.formats.fetch import fetch

    body, suffix, final = fetch(address)
    parts = urlsplit(final)
    slug = safe_id(f"{parts.hostname}{parts.path}".replace("/", "-"))[:80]
    digest = hashlib.sha256(final.encode()).hexdigest()[:8]
    meta = {"url": final, **{k: v for k, v in meta.items() if v}}
    doc = document_from_bytes(body, f"{slug}-{digest}{suffix}", final, **meta)
    return doc if doc.source else replace(doc, source=parts.hostname or "")


def read_manifest(manifest: Path) -> tuple[list[Document], list[IngestError]]:
    """Documents listed in a JSONL manifest (id, path or url, title, published, lang, source).

    A row with a `url` and no `path` is fetched when the deployment allows it.
    """
    docs: list[Document] = []
    errors: list[IngestError] = []
    base = manifest.parent
    try:
        lines = manifest.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, ValueError) as e:
        return [], [IngestError(str(manifest), f"unreadable manifest: {e}")]
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{manifest}:{n}"
        try:
            row = json.loads(line)
            if not row.get("path") and not row.get("url"):
                raise KeyError("path")
        except (json.JSONDecodeError, AttributeError, KeyError, TypeError) as e:
            errors.append(IngestError(where, f"bad manifest line: {type(e).__name__}: {e}"))
            continue
        meta = {
            "doc_id": str(row.get("id") or ""),
            "title": str(row.get("title") or ""),
            "published": str(row.get("published") or ""),
            "lang": str(row.get("lang") or ""),
            "source": str(row.get("source") or row.get("outlet") or ""),
            "url": str(row.get("url") or ""),
        }
        path = Path(str(row.get("path") or ""))
        path = path if path.is_absolute() else base / path
        where = str(path) if row.get("path") else meta["url"]
        try:
            docs.append(read_file(path, **meta) if row.get("path") else read_url(where, **meta))
        except (OSError, ValueError) as e:
            errors.append(IngestError(where, str(e)))
    return docs, errors


def read_paths(paths: Iterable[Path]) -> tuple[list[Document], list[IngestError]]:
    """Documents from files and folders (every format in SUFFIXES; .jsonl read as manifests)."""
    docs: list[Document] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif path.exists():
            files = [path]
        else:
            errors.append(IngestError(str(path), "no such file or folder"))
            continue
        for f in files:
            try:
                if f.suffix.lower() == MANIFEST_SUFFIX:
                    got, bad = read_manifest(f)
                    docs += got
                    errors += bad
                elif f.suffix.lower() in SUFFIXES:
                    docs.append(read_file(f))
                else:
                    errors.append(IngestError(str(f), f"unsupported file type {f.suffix!r}"))
            except (OSError, ValueError) as e:
                errors.append(IngestError(str(f), str(e)))
    return unique_ids(docs), errors


def read_inputs(
    paths: Iterable[Path], manifests: Iterable[Path] = ()
) -> tuple[list[Document], list[IngestError]]:
    """Documents from files, folders and manifests, as `read_paths` and `read_manifest` read
    them: a document given twice (a manifest passed as a path and as --manifest) is read once."""
    docs, errors = read_paths(paths)
    for m in manifests:
        got, bad = read_manifest(m)
        docs += got
        errors += bad
    return unique_ids(docs), errors


def unique_ids(docs: list[Document]) -> list[Document]:
    """Documents with distinct doc_ids: a document read twice (one id, source and text) is kept
    once, and another document under a taken id gets a numeric suffix."""
    seen: dict[str, int] = {}
    read: set[tuple[str, str, str]] = set()
    out = []
    for d in docs:
        key = (d.doc_id, d.path or d.url, d.text)
        if key in read:
            continue
        read.add(key)
        n = seen.get(d.doc_id, 0)
        seen[d.doc_id] = n + 1
        out.append(d if n == 0 else replace(d, doc_id=f"{d.doc_id}-{n + 1}"))
    return out

"""Bad input gets a clear message and loses nothing else: broken, hostile and odd files."""

from __future__ import annotations

import io
import random
import re
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from pdfmaker import make_pdf
from pypdf import PdfReader, PdfWriter

from dashboard.extract import extract_all
from dashboard.formats import FormatError
from dashboard.formats.pdf import read_pdf
from dashboard.ingest import (
    MAX_BYTES,
    MAX_CHARS,
    SUFFIXES,
    document_from_bytes,
    read_file,
    read_paths,
)
from dashboard.model import Document
from dashboard.pipeline import tables_for
from dashboard.tables import read_csv_bytes, to_csv_bytes

EN = "The minister said on Monday that output would rise to 1.2 million barrels a day."
AR = "قال وزير النفط إن إنتاج البلاد سيرتفع إلى مليون برميل يوميا في العام المقبل."


def _encrypted(user: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([[EN]]))))
    writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _bomb(size: int) -> bytes:
    """A .docx-shaped zip whose document.xml unpacks to `size` bytes of zeros (about 1000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 1_000_000
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def _lying_directory(data: bytes, declared: int) -> bytes:
    """The zip with every size field of word/document.xml rewritten to a small `declared`."""
    out = bytearray(data)
    name = b"word/document.xml"
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(sig)
        while at != -1:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                out[at + offset : at + offset + 4] = struct.pack("<I", declared)
            at = out.find(sig, at + 4)
    return bytes(out)


BAD: dict[str, tuple[bytes, str]] = {
    # file name: (content, what the message must say)
    "empty.txt": (b"", "empty file"),
    "blank.md": (b" \n\t\r\n ", "empty file"),
    "random.txt": (random.Random(3).randbytes(5000), "binary content"),
    "nul.txt": (b"\x00\x01binary", "binary content (NUL bytes)"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary content"),
    "renamed-pdf.txt": (make_pdf([[EN]]), "is a PDF document, not text"),
    "controls.txt": (bytes(range(1, 32)) * 50, "binary content"),
    "digits.txt": (b"12 345 6,789.5\n2024-11-01 100%", "only digits, punctuation or symbols"),
    "punct.md": ("!!! ... ??? «» — ،؛".encode(), "only digits, punctuation or symbols"),
    "truncated.pdf": (make_pdf([[EN]] * 3)[:700], "damaged or truncated PDF"),
    "garbage.pdf": (b"%PDF-1.7\n" + random.Random(4).randbytes(3000), "damaged or truncated PDF"),
    "locked.pdf": (_encrypted("secret"), "encrypted PDF: it needs a password"),
    "scanned.pdf": (make_pdf([[]]), "no text layer"),
    "not-zip.docx": (b"This is plain text saved with a .docx name.", "not a valid zip archive"),
    "other-zip.docx": (_zip({"a.txt": b"hello"}), "no word/document.xml"),
    "bomb.docx": (_bomb(MAX_BYTES * 6), "over the 100,000,000-byte limit (a zip bomb?)"),
    "lying.docx": (
        _lying_directory(_bomb(20_000_000), 1000),
        "damaged Word .docx file",
    ),
    "old.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "unsupported file type '.doc' (save it as .docx)",
    ),
    "page.html": (b"<html><body><script>var a = 1;</script></body></html>", "no text"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gets_a_clear_message(name: str) -> None:
    data, message = BAD[name]
    with pytest.raises(ValueError, match=re.escape(message)):
        document_from_bytes(data, name)


def test_zip_bomb_refused_before_it_is_unpacked() -> None:
    data, _ = BAD["bomb.docx"]
    assert len(data) < 1_000_000  # 120 MB of zeros packed small
    tracemalloc.start()
    with pytest.raises(FormatError):
        document_from_bytes(data, "bomb.docx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000


def test_owner_password_only_pdf_opens() -> None:
    assert document_from_bytes(_encrypted(""), "open.pdf").text == EN


def test_pdf_page_limit() -> None:
    data = make_pdf([[EN]] * 3)
    assert read_pdf(data, max_pages=3).text.count(EN) == 3
    with pytest.raises(FormatError, match="PDF of 3 pages is over the 2-page limit"):
        read_pdf(data, max_pages=2)


def test_fifty_megabyte_file_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no disk used
    tracemalloc.start()
    with pytest.raises(FormatError, match="file of 52,428,800 bytes is over the 20,000,000-byte"):
        read_file(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000
    with pytest.raises(FormatError, match="over the 20,000,000-byte limit"):
        document_from_bytes(b"a" * (MAX_BYTES + 1), "upload.txt")


def test_text_over_the_character_limit() -> None:
    with pytest.raises(FormatError, match="over the 1,000,000 limit"):
        document_from_bytes(b"oil " * (MAX_CHARS // 4 + 1), "long.txt")


def test_mixed_direction_and_control_characters_kept_exactly() -> None:
    text = (
        "\u202bقال\u202c the minister \u200fإن\u200f output of 107 km\x07 rose\u2066 ٣٠ "
        "ألف برميل\u2069.\n" + AR + "\x0b\x0c\u200b\n" + EN
    )
    doc = document_from_bytes(text.encode(), "mixed.txt")
    assert doc.text == text
    assert doc.title == "قال the minister إن output of 107 km rose ٣٠ ألف برميل ."
    for m in extract_all(doc):
        assert doc.text[m.start : m.end] == m.text


def test_a_batch_keeps_the_good_and_lists_the_bad(tmp_path: Path) -> None:
    for n in range(12):
        (tmp_path / f"good{n:02}.txt").write_text(f"Report {n}: {EN}", "utf-8")
    (tmp_path / "good-ar.txt").write_bytes(AR.encode("cp1256"))
    (tmp_path / "good.pdf").write_bytes(make_pdf([[EN]]))
    (tmp_path / "good.html").write_text(f"<html><body><p>{EN}</p></body></html>", "utf-8")
    for name, (data, _) in BAD.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "notes.xyz").write_text("ignored: not a document type", "utf-8")
    docs, errors = read_paths([tmp_path, tmp_path / "notes.xyz"])
    assert len(docs) == 15
    assert {d.encoding for d in docs if d.doc_id == "good-ar"} == {"cp1256"}
    reasons = {Path(e.path).name: e.reason for e in errors}
    in_folder = {n for n in BAD if Path(n).suffix in SUFFIXES}
    assert set(reasons) == in_folder | {"notes.xyz"}
    for name in in_folder:
        assert BAD[name][1] in reasons[name], name
    assert reasons["notes.xyz"] == "unsupported file type '.xyz'"
    assert len(tables_for(docs).documents) == 15


def test_hostile_title_is_neutralised_in_csv() -> None:
    doc = document_from_bytes(b'=HYPERLINK("http://x")\r\n' + EN.encode(), "=cmd.txt")
    tables = tables_for([doc])
    back = read_csv_bytes(to_csv_bytes(tables.documents), "documents")
    assert back.loc[0, "title"] == '\'=HYPERLINK("http://x")'
    assert back.loc[0, "doc_id"] == "cmd"  # file names lose characters unsafe in paths


def test_streamlit_upload_limit_matches_the_code() -> None:
    import tomllib

    config = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
    server = tomllib.loads(config.read_text("utf-8"))["server"]
    assert server["maxUploadSize"] == MAX_BYTES // 1_000_000


def test_a_hyphen_after_a_folded_ligature_is_read_in_place() -> None:
    """The letter after a hyphen is looked up through the offset map: "ﻷ" folds to two
    letters and "ﬁ" to two, so the original text is shorter there."""
    from dashboard.extract.claims_tokens import tokenize

    assert extract_all(Document(doc_id="lig", text="ﻷb-b", lang="ar")) is not None
    assert tokenize("ﬁ-Salman", ())[0].upper
    assert not tokenize("ﬁ-salman", ())[0].upper

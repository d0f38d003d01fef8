"""Word .docx files: paragraph text by python-docx, after checking the zip cannot blow up.

A .docx is a zip archive. Before python-docx parses it, the sizes its directory declares are
added up: an archive that would unpack past MAX_UNZIPPED_BYTES (a zip bomb) or holds too many
members is refused. The declared sizes are binding: Python's zipfile stops reading a member at
its declared size and fails on a CRC mismatch, so a lying directory cannot unpack more.
"""

from __future__ import annotations

import io
import zipfile

from dashboard.formats import Extracted, FormatError
from dashboard.formats.limits import MAX_CHARS, MAX_UNZIPPED_BYTES, MAX_ZIP_MEMBERS

BODY = "word/document.xml"


def check_zip(data: bytes, max_bytes: int | None = None) -> None:
    """FormatError unless the bytes are a zip of a .docx that unpacks within the limits."""
    max_bytes = MAX_UNZIPPED_BYTES if max_bytes is None else max_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise FormatError(f"not a Word .docx file (not a valid zip archive: {e})") from e
    if len(members) > MAX_ZIP_MEMBERS:
        raise FormatError(f"DOCX archive of {len(members):,} members is over the limit")
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_bytes:
        raise FormatError(
            f"DOCX would unpack to {unpacked:,} bytes, over the {max_bytes:,}-byte limit "
            "(a zip bomb?)"
        )
    if BODY not in {m.filename for m in members}:
        raise FormatError(f"not a Word .docx file (no {BODY} in the archive)")


def read_docx(data: bytes) -> Extracted:
    """The paragraphs (body, then table rows) of a .docx, a blank line apart, and its title."""
    check_zip(data)
    import docx  # imported late: only .docx needs it

    try:
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
        title = (document.core_properties.title or "").strip()
    except Exception as e:  # python-docx and lxml raise many kinds on damaged files
        raise FormatError(f"damaged Word .docx file ({type(e).__name__}: {e})") from e
    # A blank line between paragraphs: sentence splitters read a single break as a wrapped line.
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    if not text.strip():
        raise FormatError("the Word document holds no text")
    if len(text) > MAX_CHARS:
        raise FormatError(f"text of {len(text):,} characters is over the {MAX_CHARS:,} limit")
    return Extracted(text=text, title=title)

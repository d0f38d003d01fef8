"""PDF files: the text layer, page by page, by pypdf, in reading order for Arabic.

Pages are joined by a blank line. Encrypted files open only when they need no password to read
(an owner password alone); damaged or truncated files, files over the page limit and files with
no text layer (scanned pages) are refused with a message saying which.
"""

from __future__ import annotations

import io
import logging
import re

from dashboard.formats import Extracted, FormatError
from dashboard.formats.bidi import base_letters, logical_lines
from dashboard.formats.limits import MAX_CHARS, MAX_PDF_PAGES

# A title that is only a file name ("Microsoft Word - report.docx") says nothing about the article.
_FILE_TITLE = re.compile(r"\.(?:docx?|pdf|odt|rtf|txt|indd|qxd)\s*\Z|\AMicrosoft Word", re.I)


def read_pdf(data: bytes, max_pages: int = MAX_PDF_PAGES) -> Extracted:
    """The text of every page of a PDF; FormatError for encrypted, damaged or image-only files."""
    from pypdf import PdfReader  # imported late: only PDFs need it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files are noise here
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opened(reader):
            raise FormatError("encrypted PDF: it needs a password to open; save a copy without one")
        n = len(reader.pages)
        if n > max_pages:
            raise FormatError(f"PDF of {n:,} pages is over the {max_pages:,}-page limit")
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text)
            if size > MAX_CHARS:
                raise FormatError(f"PDF text is over the {MAX_CHARS:,}-character limit")
            pages.append(text.strip())
        title = _title(reader)
    except FormatError:
        raise
    except Exception as e:  # pypdf raises many kinds (PdfReadError, KeyError, ...) on damaged files
        raise FormatError(f"damaged or truncated PDF ({type(e).__name__}: {e})") from e
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise FormatError("PDF has no text layer (scanned images?): run OCR on it first")
    return Extracted(text=logical_lines(base_letters(text)), title=title)


def _opened(reader: object) -> bool:
    """Whether an encrypted PDF opens with the empty user password (owner password only)."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # AES without the cryptography package, unknown handlers
        return False


def _title(reader: object) -> str:
    try:
        meta = reader.metadata  # type: ignore[attr-defined]
        title = str(meta.title or "").strip() if meta is not None else ""
    except Exception:  # damaged metadata is no reason to lose the text
        return ""
    return "" if _FILE_TITLE.search(title) else title

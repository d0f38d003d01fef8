"""Document formats: bytes of a .txt/.md/.html/.pdf/.docx file to text plus the metadata it holds.

Every reader returns an `Extracted` or raises `FormatError` (a ValueError) with a message an
analyst can act on. Limits live in `limits` so the UI, the readers and the tests share them.
"""

from __future__ import annotations

from dataclasses import dataclass


class FormatError(ValueError):
    """A file that cannot be read as its format, with the reason in plain words."""


@dataclass(frozen=True)
class Extracted:
    """Decoded text and what the file itself says of the document (empty when it says nothing)."""

    text: str
    encoding: str = ""
    title: str = ""
    published: str = ""  # ISO date
    source: str = ""
    url: str = ""

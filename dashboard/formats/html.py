"""HTML pages: the main article text and its metadata, by trafilatura, offline, from the bytes.

Title, published date (from the page's markup only, never guessed from its text), site name and
canonical URL come from the page; nothing is fetched. A page trafilatura finds no article in
(a short page, a list of links) falls back to all of its visible text.
"""

from __future__ import annotations

import re
import warnings
from configparser import ConfigParser
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from dashboard.formats import Extracted, FormatError
from dashboard.formats.encoding import decode_declared, decode_text

if TYPE_CHECKING:
    from trafilatura.settings import Document

MAX_TREE_SIZE = 200_000  # elements: a page larger than this is not one article
# The charset a page declares in its first bytes: <meta charset=...> or http-equiv content.
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")


def read_html(data: bytes) -> Extracted:
    """The article of an HTML page; FormatError when the page holds no text."""
    text, encoding = decode_html(data)
    # lxml refuses str input that still carries an XML encoding declaration (XHTML pages).
    text = _XML_DECL.sub("", text, count=1)
    import trafilatura  # imported late: only HTML needs it, and it is slow to import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # trafilatura's own FutureWarnings about lxml truth tests
        try:
            # Without as_dict, trafilatura returns a Document (or None), never a dict.
            doc = cast(
                "Document | None",
                trafilatura.bare_extraction(
                    text,
                    with_metadata=True,
                    include_comments=False,
                    include_tables=True,
                    config=_config(),
                    date_extraction_params={"extensive_search": False, "original_date": True},
                ),
            )
        except Exception as e:  # a broken page must become a message, not a crash
            raise FormatError(f"unreadable HTML: {type(e).__name__}: {e}") from e
        body = (doc.text or "").strip() if doc is not None else ""
        if not body:
            body = (trafilatura.html2txt(text) or "").strip()
    if not body:
        raise FormatError("no text found in the HTML page")
    meta = doc.as_dict() if doc is not None else {}
    return Extracted(
        text=body,
        encoding=encoding,
        title=str(meta.get("title") or ""),
        published=str(meta.get("date") or "")[:10],
        source=str(meta.get("sitename") or meta.get("hostname") or ""),
        url=str(meta.get("url") or ""),
    )


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    """trafilatura's default settings with a bound on the size of the page tree."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a page: a byte-order mark, then the declared charset, then detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _CHARSET.search(data[:4096])
        if declared:
            got = decode_declared(data, declared.group(1).decode("ascii"))
            if got is not None:
                return got
    return decode_text(data)

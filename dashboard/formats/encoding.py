"""Character encodings: bytes of a text file to str, and the name of the encoding it was in.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; then strict UTF-8; then
charset-normalizer chooses among the single-byte encodings Arabic, English and Spanish news
comes in (Windows-1256, ISO-8859-6, Windows-1252, Latin-1). Encoding names are Python codec
names ("utf-8", "utf-8-sig", "utf-16-le", "cp1256", "iso8859-6", ...), for the UI to show.
"""

from __future__ import annotations

import codecs
import re

from dashboard.formats import FormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte encodings tried when the bytes are not UTF-8; the Arabic ones first. Letting
# charset-normalizer consider every codec makes short Arabic texts come out as Thai (cp874).
CANDIDATES = ["cp1256", "iso8859_6", "cp1252", "latin_1"]
# C0/C1 control characters other than tab, line breaks and form feed: rare in real text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
MAX_CONTROL_SHARE = 0.01
_SAMPLE = 65536


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of the bytes of a text file; FormatError when they are not text."""
    if not data.strip():
        raise FormatError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], name)
            return _checked(text), name + ("-sig" if name == "utf-8" else "")
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(_strict(data, utf16)), utf16
    if b"\x00" in data[:_SAMPLE]:
        raise FormatError("binary content (NUL bytes), not a text file")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: only non-UTF-8 files need it

    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise FormatError(
            "binary content or an unknown encoding (not UTF-8, UTF-16, Windows-1256, "
            "ISO-8859-6 or Windows-1252 text)"
        )
    name = codecs.lookup(best.encoding).name
    return _checked(_strict(data, name)), name


def decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    """(text, encoding) when the bytes decode strictly in the encoding a page declares."""
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    try:
        return _checked(data.decode(name)), name
    except (UnicodeDecodeError, FormatError):
        return None


def _strict(data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as e:
        raise FormatError(f"not valid {name} text (bad bytes at offset {e.start})") from e


def _bomless_utf16(data: bytes) -> str:
    """utf-16-le or -be when NUL bytes fall (almost) only at odd or only at even offsets."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return ""
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    # ASCII spaces and Latin letters give a NUL every character or few; random binary does not
    # keep them all on one side. A few NULs prove nothing: short samples stay binary.
    least = max(8, len(sample) // 20)
    if odd >= least and even <= odd // 50:
        return "utf-16-le"
    if even >= least and odd <= even // 50:
        return "utf-16-be"
    return ""


def _checked(text: str) -> str:
    """The text, unless control characters show it to be binary data decoded by mistake."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        raise FormatError("empty file (only white space)")
    bad = len(_CONTROL.findall(sample))
    if bad > max(2, len(sample) * MAX_CONTROL_SHARE):
        raise FormatError(
            f"binary content: {bad} control characters in the first {len(sample):,} characters"
        )
    return text

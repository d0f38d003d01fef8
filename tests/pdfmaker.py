"""Tiny PDFs for tests, written byte by byte: no PDF library, no font file.

Each line is drawn as one string of glyphs in the order given (pass Arabic in visual order, as
PDF producers draw it). Glyph codes map to characters through a ToUnicode CMap, which is all a
text extractor reads; no viewer is meant to render these files.
"""

from __future__ import annotations


def make_pdf(pages: list[list[str]], title: str = "") -> bytes:
    """A PDF with one page per list of lines, each line drawn left to right as given."""
    chars = sorted({c for page in pages for line in page for c in line})
    cid = {c: n + 1 for n, c in enumerate(chars)}
    pairs = "\n".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /T def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
        f"endcodespacerange\n{len(chars)} beginbfchar\n{pairs}\nendbfchar\nendcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()
    kids = " ".join(f"{7 + 2 * n} 0 R" for n in range(len(pages)))
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /CIDSystemInfo << /Registry "
        b"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 500 >>",
        5: b"<< /Type /FontDescriptor /FontName /T /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        6: _stream(cmap),
    }
    for n, page in enumerate(pages):
        ops = [
            f"BT /F1 12 Tf 72 {750 - 16 * k} Td <{''.join(f'{cid[c]:04X}' for c in line)}> Tj ET"
            for k, line in enumerate(page)
        ]
        objs[7 + 2 * n] = (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {8 + 2 * n} 0 R >>"
        ).encode()
        objs[8 + 2 * n] = _stream("\n".join(ops).encode())
    info = 0
    if title:
        info = max(objs) + 1
        objs[info] = b"<< /Title <FEFF" + title.encode("utf-16-be").hex().encode() + b"> >>"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += f"{n} 0 obj\n".encode() + objs[n] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in range(1, size))
    trailer = f"<< /Size {size} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

"""Formats and encodings: .txt/.md in five encodings, .html, .pdf (Arabic order), .docx, URLs."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest
from pdfmaker import make_pdf

from dashboard.formats import FormatError
from dashboard.formats.bidi import reorder_rtl
from dashboard.ingest import document_from_bytes, read_manifest, read_url

AR = "قال وزير النفط إن إنتاج البلاد سيرتفع إلى مليون برميل يوميا في العام المقبل."
ES = "El ministro dijo que la producción subirá un 5 % según él, «año difícil» para el pingüino."
EN = "The minister said on Monday that output would rise to 1.2 million barrels a day."


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (AR, "utf-8", "utf-8"),
        (AR, "utf-8-sig", "utf-8-sig"),
        (AR, "utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        (AR, "utf-16-be", "utf-16-be"),
        (ES, "utf-16-le", "utf-16-le"),  # no BOM: told by where the NUL bytes fall
        (AR, "cp1256", "cp1256"),
        (AR, "iso8859_6", "iso8859-6"),
        (AR[:20], "iso8859_6", "iso8859-6"),  # short: charset-normalizer alone says Thai
        (ES, "cp1252", "cp1252"),
        (EN, "utf-8", "utf-8"),
    ],
)
def test_encodings_decoded_and_named(text: str, codec: str, encoding: str) -> None:
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = document_from_bytes(data, "a.txt")
    assert doc.text == text
    assert doc.encoding == encoding


def test_utf8_text_is_the_file_content_exactly() -> None:
    raw = "date 2025-11-01\r\n" + AR + "\n\n\t " + AR + " (Reuters)\u200f\n"
    doc = document_from_bytes(raw.encode(), "a.md")
    assert doc.text == raw
    assert doc.published == "2025-11-01"
    assert doc.lang == "ar"


PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title} | Gulf Desk</title><meta property="og:site_name" content="Gulf Desk">
<link rel="canonical" href="https://news.example/energy/output">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | World | Sport | Markets | Opinion</nav>
<article><h1>{title}</h1><p>{body}</p><p>{body2}</p></article>
<footer>All rights reserved. Subscribe to our newsletter.</footer></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1256"])
def test_html_article_text_and_metadata(charset: str) -> None:
    title = "إنتاج النفط يرتفع"
    body2 = "وأضاف الوزير أن الصادرات ستبلغ 700 ألف برميل يوميا بحلول نهاية العام."
    page = PAGE.format(charset=charset, title=title, body=AR, body2=body2)
    doc = document_from_bytes(page.encode("cp1256" if charset != "utf-8" else "utf-8"), "p.html")
    assert AR in doc.text and body2 in doc.text
    assert "Subscribe" not in doc.text and "Markets" not in doc.text  # boilerplate left out
    assert doc.title == title
    assert doc.published == "2024-03-05"
    assert doc.source == "Gulf Desk"
    assert doc.url == "https://news.example/energy/output"
    assert doc.encoding == ("utf-8" if charset == "utf-8" else "cp1256")
    assert doc.lang == "ar"


def test_short_html_page_falls_back_to_its_text() -> None:
    doc = document_from_bytes(b"<html><body><p>Oil rose 5 percent.</p></body></html>", "x.htm")
    assert "Oil rose 5 percent." in doc.text


def test_html_without_text_is_refused() -> None:
    with pytest.raises(FormatError, match="no text"):
        document_from_bytes(b"<html><body><img src='a.png'></body></html>", "x.html")


def rtl(s: str) -> str:
    """An Arabic run as a PDF producer draws it: glyphs left to right, so reversed."""
    return s[::-1]


# (logical line, the same line in visual order, as drawn in the PDF), written out by hand from
# the bidirectional algorithm: in a right-to-left line, each number or Latin word is one
# left-to-right run, and the runs are laid out right to left.
ARABIC_LINES = [
    (AR, "." + rtl(AR[:-1])),
    (
        "ارتفع إنتاج النفط إلى 107 آلاف برميل يوميا",
        rtl("آلاف برميل يوميا") + " 107 " + rtl("ارتفع إنتاج النفط إلى"),
    ),
    ("قطعت القافلة 12 km من الطريق", rtl("من الطريق") + " km 12 " + rtl("قطعت القافلة")),
    ("بلغت الخسائر ١٠٧ ملايين دولار", rtl("ملايين دولار") + " ١٠٧ " + rtl("بلغت الخسائر")),
    (
        "وقالت وكالة Reuters إن الأسعار ارتفعت",
        rtl("إن الأسعار ارتفعت") + " Reuters " + rtl("وقالت وكالة"),
    ),
]


def test_hand_written_visual_lines_agree_with_the_reordering_rule() -> None:
    for logical, visual in ARABIC_LINES:
        assert reorder_rtl(logical) == visual


def test_arabic_pdf_reads_in_logical_order_page_by_page() -> None:
    lines = [visual for _, visual in ARABIC_LINES]
    data = make_pdf([lines[:3], lines[3:], [EN]], title="تقرير الطاقة")
    doc = document_from_bytes(data, "report.pdf")
    pages = doc.text.split("\n\n")
    assert len(pages) == 3
    assert pages[0].split("\n") + pages[1].split("\n") == [logical for logical, _ in ARABIC_LINES]
    assert pages[2] == EN
    assert doc.title == "تقرير الطاقة"
    assert doc.lang == "ar"


def test_pdf_presentation_forms_fold_to_letters() -> None:
    shaped = "\ufed7\ufe8e\ufedd"  # قال in contextual glyph forms (qaf initial, alef final, lam)
    doc = document_from_bytes(make_pdf([[rtl("الوزير") + " " + rtl(shaped)]]), "s.pdf")
    assert doc.text == "قال الوزير"


def test_pdf_file_name_title_is_ignored() -> None:
    doc = document_from_bytes(make_pdf([[EN]], title="Microsoft Word - draft.docx"), "d.pdf")
    assert (
        doc.title
        == "The minister said on Monday that output would rise to 1.2 million barrels a day."
    )


def _docx(paragraphs: list[str], title: str = "") -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Brent"
    table.rows[0].cells[1].text = "82 dollars"
    d.core_properties.title = title
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_tables() -> None:
    doc = document_from_bytes(_docx([AR, "", EN], title="Weekly note"), "note.docx")
    assert doc.text == f"{AR}\n\n{EN}\n\nBrent | 82 dollars"
    assert doc.title == "Weekly note"


# A local web server for the URL reader: no outside network in tests.
ROUTES = {
    "/article.html": (
        "text/html; charset=utf-8",
        PAGE.format(
            charset="utf-8", title="Output rises", body=EN, body2="Analysts said prices fell."
        ).encode(),
    ),
    "/report.pdf": ("application/pdf", make_pdf([[EN]])),
    "/plain": ("text/plain", AR.encode("cp1256")),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        kind, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetching_is_off_by_default(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_FETCH", raising=False)
    with pytest.raises(FormatError, match="turned off"):
        read_url(f"{server}/article.html")


def test_local_addresses_refused_unless_allowed(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_FETCH", "1")
    monkeypatch.delenv("DASHBOARD_FETCH_PRIVATE", raising=False)
    with pytest.raises(FormatError, match="private or local address"):
        read_url(f"{server}/article.html")
    with pytest.raises(FormatError, match="not an http"):
        read_url("file:///etc/passwd")


def test_fetch_html_pdf_text_redirect_and_errors(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_FETCH", "1")
    monkeypatch.setenv("DASHBOARD_FETCH_PRIVATE", "1")
    page = read_url(f"{server}/moved")
    assert EN in page.text and page.title == "Output rises"
    assert (
        page.url == page.path == f"{server}/article.html"
    )  # where it was read, redirects followed
    assert page.source == "Gulf Desk"
    assert page.doc_id.startswith("127.0.0.1-article.html-")
    assert read_url(f"{server}/report.pdf").text == EN
    plain = read_url(f"{server}/plain")
    assert (plain.text, plain.encoding, plain.lang) == (AR, "cp1256", "ar")
    with pytest.raises(FormatError, match="404"):
        read_url(f"{server}/gone")


def test_oversized_download_is_cut_off(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import dashboard.formats.fetch as fetch

    monkeypatch.setenv("DASHBOARD_FETCH", "1")
    monkeypatch.setenv("DASHBOARD_FETCH_PRIVATE", "1")
    monkeypatch.setattr(fetch, "MAX_BYTES", 100)
    with pytest.raises(FormatError, match="over the limit|over the 100-byte limit"):
        read_url(f"{server}/article.html")


def test_manifest_row_with_url_only(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        f'{{"id": "web1", "url": "{server}/article.html", "lang": "en"}}\n', "utf-8"
    )
    monkeypatch.delenv("DASHBOARD_FETCH", raising=False)
    docs, errors = read_manifest(manifest)
    assert docs == [] and "turned off" in errors[0].reason
    monkeypatch.setenv("DASHBOARD_FETCH", "1")
    monkeypatch.setenv("DASHBOARD_FETCH_PRIVATE", "1")
    docs, errors = read_manifest(manifest)
    assert errors == []
    assert [(d.doc_id, d.lang, d.title) for d in docs] == [("web1", "en", "Output rises")]

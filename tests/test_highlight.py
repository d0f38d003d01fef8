"""Highlighting: every mention marked, all text escaped, right to left for Arabic."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from sample_tables import AR_TEXT, EN_TEXT

from dashboard import highlight as hl
from dashboard.highlight import Span, document_spans, highlight_html, legend_html, text_direction
from dashboard.tables import Tables


class Checker(HTMLParser):
    """Collects text, tags and attributes; fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> Checker:
    checker = Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.stack, f"unclosed {checker.stack}"
    return checker


def marks(markup: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in parse(markup).tags if tag == "mark"]


def test_text_survives_exactly(sample: Tables) -> None:
    out = highlight_html(AR_TEXT, document_spans(sample, "ar1"), "ar")
    assert "".join(parse(out).text) == AR_TEXT


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "</mark></div><b>bold</b>",
        '" onmouseover="alert(1)',
    ],
)
def test_markup_in_documents_is_shown_as_text(evil: str) -> None:
    text = f"Before {evil} after."
    spans = [Span(0, 6, "places", evil), Span(7, 7 + len(evil), "figures", evil)]
    out = highlight_html(text, spans, "en")
    checker = parse(out)
    assert [tag for tag, _ in checker.tags] == ["div", "mark", "mark"]
    assert "".join(checker.text) == text
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert all(a["title"] == evil for a in marks(out))


def test_sample_document_with_script_renders_as_text(sample: Tables) -> None:
    out = highlight_html(EN_TEXT, document_spans(sample, "en1"), "en")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script" not in out


def test_arabic_is_right_to_left() -> None:
    out = highlight_html("نص عربي", [], "ar")
    div = parse(out).tags[0][1]
    assert (div["dir"], div["lang"]) == ("rtl", "ar")


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("ar", "rtl"), ("ar-EG", "rtl"), ("en", "ltr"), ("es", "ltr"), ("", "auto")],
)
def test_text_direction(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction


def test_every_mention_of_the_document_is_marked(sample: Tables) -> None:
    spans = document_spans(sample, "ar1")
    # 3 figures, 5 places, 1 date, 1 entity, 2 claims each with a source and a cue.
    assert len(spans) == 3 + 5 + 1 + 1 + 2 * 3
    out = highlight_html(AR_TEXT, spans, "ar")
    titles = [a["title"] for a in marks(out)]
    for span in spans:
        assert span.title in titles
    assert {a["class"].split()[1] for a in marks(out)} == {
        "hl-figures",
        "hl-places",
        "hl-dates",
        "hl-entities",
        "hl-claims",
        "hl-claim_source",
        "hl-claim_cue",
    }


def test_titles_name_the_kind(sample: Tables) -> None:
    titles = {s.table: s.title for s in document_spans(sample, "ar1")}
    assert titles["places"].startswith("place · ")
    assert "bbl/day" in [s.title for s in document_spans(sample, "ar1") if s.table == "figures"][0]
    assert titles["dates"] == "date · month · 2026-03"
    assert titles["entities"] == "entity · organization · Iraqi News Agency"


def test_nested_spans_nest() -> None:
    text = "The minister said output rose in Iraq today."
    claim = Span(18, 43, "claims", "claim")
    place = Span(33, 37, "places", "Iraq")
    out = highlight_html(text, [place, claim], "en")
    assert out.count("<mark") == 2
    inner = out.index('title="Iraq"')
    assert out.index('title="claim"') < inner
    assert "".join(parse(out).text) == text


def test_crossing_spans_are_reopened_and_stay_well_formed() -> None:
    text = "abcdefghij"
    out = highlight_html(text, [Span(0, 6, "claims", "A"), Span(3, 9, "places", "B")], "en")
    checker = parse(out)
    assert "".join(checker.text) == text
    # B opens inside A, closes with it, and is reopened for the rest of its span.
    assert [a["title"] for a in marks(out)] == ["A", "B", "B"]


def test_identical_spans_and_outer_first() -> None:
    out = highlight_html("Caracas", [Span(0, 7, "places", "p"), Span(0, 7, "claims", "c")], "en")
    assert [a["title"] for a in marks(out)] == ["c", "p"]


@pytest.mark.parametrize(
    "bad", [Span(5, 5, "places", "x"), Span(-1, 2, "places", "x"), Span(3, 99, "places", "x")]
)
def test_spans_outside_the_text_are_ignored(bad: Span) -> None:
    out = highlight_html("short text", [bad], "en")
    assert "<mark" not in out
    assert "".join(parse(out).text) == "short text"


def test_no_spans_is_plain_escaped_text() -> None:
    out = highlight_html("a < b & c", [], "")
    assert "a &lt; b &amp; c" in out
    assert 'dir="auto"' in out


def test_legend_names_every_kind() -> None:
    titles = [a["title"] for a in marks(legend_html())]
    assert titles == ["figure", "place", "date", "entity", "claim", "claim source", "claim cue"]


def test_other_documents_spans_are_not_included(sample: Tables) -> None:
    assert all(s.end <= len(EN_TEXT) for s in document_spans(sample, "en1"))
    assert document_spans(sample, "missing") == []


# --- single sentences: figures' conflicts and claims' evidence -----------------------------


def test_sentence_html_marks_the_first_occurrence_escaped() -> None:
    out = hl.sentence_html(
        "<b>Exports</b> rose 3 percent, then 3 percent.", [("3 percent", "figures")], "en"
    )
    assert out.count("<mark") == 1 and "&lt;b&gt;Exports&lt;/b&gt;" in out
    assert (
        hl.sentence_html("Nothing here.", [("missing", "figures"), ("", "places")]).count("<mark")
        == 0
    )


def test_claim_html_marks_source_cue_and_content_by_offsets(sample: Tables) -> None:
    row = sample.claims.iloc[0].to_dict()  # the oil minister's claim, in Arabic
    out = hl.claim_html(row, AR_TEXT, "ar")
    assert 'dir="rtl"' in out
    marked = {
        table: html.unescape(re.sub(r"<[^>]+>", "", text))
        for table, text in re.findall(r'hl-(\w+)"[^>]*>([^<]*)', out)
    }
    assert marked["claim_source"] == "وزير النفط"
    assert marked["claim_cue"] == "قال"
    # Without marks, the sentence is all there.
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == row["sentence"]


def test_claim_html_without_the_document_finds_the_words(sample: Tables) -> None:
    row = sample.claims.iloc[3].to_dict()  # the analysts' hedged claim, in English
    out = hl.claim_html(row, "", "en")
    assert 'dir="ltr"' in out
    for table in ("claims", "claim_source", "claim_cue"):
        assert f"hl-{table}" in out
    assert "<script" not in out


def test_legend_of_chosen_kinds() -> None:
    out = hl.legend_html(("claim_source", "claims"))
    assert out.count("<mark") == 2 and "claim source" in out and "figure" not in out

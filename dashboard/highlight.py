"""A document's text as safe HTML with every extracted mention highlighted.

Every piece of document text and every attribute value goes through `html.escape`, so a
document holding markup (`<script>`, `<img onerror=...>`) is shown as text. Mentions may nest
(a place inside a claim) or cross; crossing marks are closed and reopened so the HTML stays
well formed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.figure_values import readable
from dashboard.tables import Tables

# Languages written right to left (ISO 639-1 codes).
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb"})

# Inline styles (st.html keeps style attributes): one per highlighted kind of span. Claims are
# underlined, not filled, so the places and figures inside them stay visible.
STYLES: dict[str, str] = {
    "figures": "background:#ffe08a;border-radius:3px",
    "places": "background:#a8e6a1;border-radius:3px",
    "dates": "background:#9fd3ff;border-radius:3px",
    "entities": "background:#f3c1f5;border-radius:3px",
    "claims": "background:transparent;border-bottom:2px solid #e6550d",
    "claim_source": "background:#dcdcdc;border-radius:3px",
    "claim_cue": "background:transparent;font-weight:bold;color:#a63603",
}
LABELS = {
    "figures": "figure",
    "places": "place",
    "dates": "date",
    "entities": "entity",
    "claims": "claim",
    "claim_source": "claim source",
    "claim_cue": "claim cue",
}
# When two spans start and end together, the one earlier here is the outer mark.
_ORDER = {
    name: i
    for i, name in enumerate(
        ["claims", "claim_source", "entities", "places", "figures", "dates", "claim_cue"]
    )
}


@dataclass(frozen=True)
class Span:
    """A highlighted stretch [start, end) of the text; `title` is shown on hover."""

    start: int
    end: int
    table: str
    title: str


def text_direction(lang: str) -> str:
    """ "rtl" for right-to-left languages, "ltr" for others, "auto" when unknown."""
    if not lang:
        return "auto"
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGS else "ltr"


def _open(span: Span) -> str:
    style = STYLES.get(span.table, "")
    return (
        f'<mark class="hl hl-{html.escape(span.table)}" style="{html.escape(style)};color:inherit"'
        f' title="{html.escape(span.title)}">'
    )


def highlight_html(text: str, spans: Iterable[Span], lang: str = "") -> str:
    """The whole text, escaped, in a block with the language's direction, spans as <mark>s.

    Spans outside the text or empty are ignored. Line breaks are kept (pre-wrap).
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    rank = {
        id(s): i
        for i, s in enumerate(
            sorted(valid, key=lambda s: (s.start, -s.end, _ORDER.get(s.table, len(_ORDER))))
        )
    }
    starts: dict[int, list[Span]] = {}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
    bounds = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    out: list[str] = []
    active: list[Span] = []
    stack: list[Span] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        wanted = sorted(active, key=lambda s: rank[id(s)])
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out += ["</mark>"] * (len(stack) - keep)
        out += [_open(s) for s in wanted[keep:]]
        stack = wanted
        out.append(html.escape(text[a:b]))
    out += ["</mark>"] * len(stack)
    direction = text_direction(lang)
    lang_attr = f' lang="{html.escape(lang)}"' if lang else ""
    return (
        f'<div class="doc-text" dir="{direction}"{lang_attr} '
        'style="white-space:pre-wrap;line-height:2;text-align:start;font-size:1.05rem">'
        f"{''.join(out)}</div>"
    )


def legend_html(tables: Iterable[str] | None = None) -> str:
    """A line of sample marks naming what each colour means (all kinds, or those of `tables`)."""
    chosen = list(LABELS) if tables is None else list(tables)
    parts = [
        _open(Span(0, 1, table, LABELS[table])) + html.escape(LABELS[table]) + "</mark>"
        for table in chosen
    ]
    return '<div class="hl-legend" style="line-height:2">' + " ".join(parts) + "</div>"


def _title(kind: str, *details: object) -> str:
    shown = [str(d) for d in details if d is not None and str(d) not in ("", "nan", "<NA>")]
    return " · ".join([kind, *shown])


def _figure_title(r: dict) -> str:
    unit = f"{r['unit']}/{r['per']}" if r["per"] else r["unit"]
    value = readable(r["value"]) if pd.notna(r["value"]) else ""
    return _title("figure", unit, value, r["object"])


def document_spans(tables: Tables, doc_id: str) -> list[Span]:
    """Every mention of one document as highlight spans, with a title naming its kind."""
    spans: list[Span] = []

    def rows(df: pd.DataFrame) -> list[dict]:
        return df[df["doc_id"] == doc_id].to_dict("records")

    for r in rows(tables.figures):
        spans.append(Span(int(r["start"]), int(r["end"]), "figures", _figure_title(r)))
    for r in rows(tables.places):
        title = _title("place", r["kind"], r["name"], r["country"])
        spans.append(Span(int(r["start"]), int(r["end"]), "places", title))
    for r in rows(tables.dates):
        title = _title("date", r["granularity"], r["value"])
        spans.append(Span(int(r["start"]), int(r["end"]), "dates", title))
    for r in rows(tables.entities):
        title = _title("entity", r["kind"], r["name"])
        spans.append(Span(int(r["start"]), int(r["end"]), "entities", title))
    for r in rows(tables.claims):
        flags = [f for f in ("negated", "hedged") if r[f]]
        title = _title("claim", r["source_kind"], r["source"], r["cue"], *flags)
        spans.append(Span(int(r["start"]), int(r["end"]), "claims", title))
        for part, lo, hi in (
            ("claim_source", "source_start", "source_end"),
            ("claim_cue", "cue_start", "cue_end"),
        ):
            if pd.notna(r[lo]) and pd.notna(r[hi]) and int(r[lo]) < int(r[hi]):
                spans.append(
                    Span(int(r[lo]), int(r[hi]), part, _title(LABELS[part], r["source_kind"]))
                )
    return spans


def sentence_html(sentence: str, marks: Iterable[tuple[str, str]], lang: str = "") -> str:
    """A sentence, escaped, with the first occurrence of each (text, table) pair marked."""
    spans = []
    for text, table in marks:
        at = sentence.find(text) if text else -1
        if at >= 0:
            spans.append(Span(at, at + len(text), table, LABELS.get(table, table)))
    return highlight_html(sentence, spans, lang)


def _offset(row: Mapping, col: str) -> int | None:
    value = row.get(col)
    return None if value is None or pd.isna(value) else int(value)


def claim_html(claim: Mapping, doc_text: str = "", lang: str = "") -> str:
    """A claim's evidence sentence, escaped, with its source, cue and content marked.

    With the document text at hand the claim's own offsets are used; without it (or when the
    sentence is not found there) the source, cue and content are found by their words.
    """
    sentence = str(claim["sentence"])
    start, end = int(claim["start"]), int(claim["end"])
    parts = [
        (start, end, "claims"),
        (_offset(claim, "source_start"), _offset(claim, "source_end"), "claim_source"),
        (_offset(claim, "cue_start"), _offset(claim, "cue_end"), "claim_cue"),
    ]
    lo = min(a for a, _, _ in parts if a is not None)
    base = doc_text.find(sentence, max(0, lo - len(sentence))) if doc_text and sentence else -1
    if base < 0 or not base <= lo or end > base + len(sentence):
        marks = [(claim["text"], "claims"), (claim["source"], "claim_source")]
        return sentence_html(sentence, [*marks, (claim["cue"], "claim_cue")], lang)
    spans = [
        Span(a - base, b - base, table, LABELS[table])
        for a, b, table in parts
        if a is not None and b is not None and a < b
    ]
    return highlight_html(sentence, spans, lang)

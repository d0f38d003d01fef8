"""Documents, mentions and the table schemas of the output contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Column order of every table. The first columns are the contract's; later ones are extra evidence.
SCHEMAS: dict[str, list[str]] = {
    "documents": ["doc_id", "title", "published", "lang", "source", "path", "n_chars", "url"],
    "figures": [
        "doc_id",
        "start",
        "end",
        "text",
        "value",
        "low",
        "high",
        "unit",
        "per",
        "approx",
        "object",
        "sentence",
    ],
    "places": [
        "doc_id",
        "start",
        "end",
        "text",
        "name",
        "name_local",
        "country",
        "kind",
        "lat",
        "lon",
        "place_id",
        "sentence",
    ],
    "dates": [
        "doc_id",
        "start",
        "end",
        "text",
        "value",
        "granularity",
        "relative",
        "anchor",
        "period_start",
        "period_end",
        "sentence",
    ],
    "claims": [
        "claim_id",
        "doc_id",
        "start",
        "end",
        "text",
        "source",
        "source_start",
        "source_end",
        "source_kind",
        "cue",
        "negated",
        "hedged",
        "cue_start",
        "cue_end",
        "country",
        "implicit",
        "linked_figures",
        "linked_places",
        "linked_dates",
        "linked_entities",
        "sentence",
    ],
    "entities": ["doc_id", "start", "end", "text", "kind", "name", "role", "country", "sentence"],
    "relations": [
        "doc_id",
        "start",
        "end",
        "text",
        "source_actor",
        "source_country",
        "target_actor",
        "target_country",
        "event",
        "mode",
        "negated",
        "cue",
        "cue_start",
        "cue_end",
        "sentence",
    ],
}

MENTION_TABLES = ("figures", "places", "dates", "claims", "entities", "relations")


@dataclass(frozen=True)
class Document:
    """One decoded document. `text` is never altered after decoding: every offset points into it."""

    doc_id: str
    text: str
    lang: str
    title: str = ""
    published: str = ""  # ISO date or empty
    source: str = ""
    path: str = ""
    url: str = ""
    encoding: str = ""  # the character encoding the text was decoded from, when it was detected


@dataclass(slots=True)
class Mention:
    """A span of a document found by one extractor: `table` names the table it becomes a row of.

    `attrs` holds the table's other columns (value, unit, name, source, ...). Read-only by
    convention: not frozen, as a frozen dataclass's __init__ sets each field through
    object.__setattr__, which made a mention cost three times as much to build (every
    extractor builds one per row).
    """

    table: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)

    # Written out, not generated: the generated __init__ calls a __post_init__ for the check,
    # a second Python call per mention.
    def __init__(
        self, table: str, start: int, end: int, text: str, attrs: dict[str, Any] | None = None
    ) -> None:
        if not 0 <= start < end:
            raise ValueError(f"bad span {start}:{end} for {text!r}")
        self.table = table
        self.start = start
        self.end = end
        self.text = text
        self.attrs = {} if attrs is None else attrs

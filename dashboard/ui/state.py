"""Every st.session_state key the app uses, with its default, declared in one place.

Per-user state lives only here: uploads stay in the session that made them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard.model import Document
from dashboard.queries import Filters
from dashboard.tables import Tables

# Widget keys (Streamlit stores a widget's value under its key).
UPLOADER = "uploader"
FILTER_DOCUMENTS = "filter_documents"
FIND_DOCUMENTS = "find_documents"  # words the sidebar's document list is searched for
FILTER_LANGUAGES = "filter_languages"
FILTER_PLACE_KINDS = "filter_place_kinds"
FILTER_UNITS = "filter_units"
DOCUMENT_PICK = "document_pick"  # default: the first shown document (set by the page)
CLAIM_SOURCES = "claims_sources"
CLAIM_KINDS = "claims_kinds"
CLAIM_HEDGED = "claims_hedged"
CLAIM_NEGATED = "claims_negated"
CLAIM_PLACES = "claims_places"
CLAIM_ENTITIES = "claims_entities"
FIGURES_MORE = "figures_more"  # the smaller groups of comparable figures charted on demand
# Plain state.
UPLOADS = "uploads"  # uploader file_id -> Upload (the document and its extracted tables)
UPLOAD_ERRORS = "upload_errors"  # file name -> why it could not be read
SHARED = "shared"  # uploader file_id -> its file name in the deployment's shared inbox
SHARE_ERRORS = "share_errors"  # file name -> why it could not be shared
VIEW = "view"  # the View the sidebar built in this run, read by the pages
# The Timeline's brush: an inclusive (first day, last day) ISO pair, or None for no date filter.
DATE_RANGE = "date_range"
# Bumped when the date filter is cleared: a new chart key drops the chart's old selection box.
TIMELINE_VERSION = "timeline_version"

DEFAULTS: dict[str, Any] = {
    FILTER_DOCUMENTS: [],
    FIND_DOCUMENTS: "",
    FILTER_LANGUAGES: [],
    FILTER_PLACE_KINDS: [],
    FILTER_UNITS: [],
    UPLOADS: {},
    UPLOAD_ERRORS: {},
    SHARED: {},
    SHARE_ERRORS: {},
    DATE_RANGE: None,
    TIMELINE_VERSION: 0,
}


@dataclass(frozen=True)
class Upload:
    """One uploaded file, read and extracted once when it arrives."""

    document: Document
    tables: Tables
    digest: str  # SHA-256 of the text: the upload's part of every cache key


@dataclass
class View:
    """What the pages read in this run (built by dashboard/ui/corpus.py).

    `counts` are exact over every row the filters keep; `shown` lists the rows of the newest
    `doc_cap` kept documents; `ask(question, *args)` runs a cached store_queries function with
    the filters; `derive(name, fn, filters)` caches a page's fn(rows); `context()` every row of the
    listed documents (unfiltered by kind, unit and date); `text(doc_id)` is (text, lang).
    """

    filters: Filters
    counts: dict[str, int]
    shown: Any  # Tables-like: one DataFrame attribute per contract table
    ask: Callable[..., Any]
    text: Callable[[str], tuple[str, str]]
    context: Callable[[], Any]
    document_rows: Callable[[str], Any]  # the rows of one document the filters keep
    derive: Callable[..., Any]  # derive(name, fn, filters=None): fn(rows), cached by name
    doc_cap: int

    @property
    def capped(self) -> bool:
        """Whether more documents are kept than the pages list."""
        return self.counts["documents"] > self.doc_cap


def init() -> None:
    """Put every default in session_state once per session."""
    for key, default in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(default)


def filters() -> Filters:
    """The sidebar's current choices as a Filters value."""
    return Filters(
        documents=tuple(st.session_state.get(FILTER_DOCUMENTS, [])),
        languages=tuple(st.session_state.get(FILTER_LANGUAGES, [])),
        place_kinds=tuple(st.session_state.get(FILTER_PLACE_KINDS, [])),
        units=tuple(st.session_state.get(FILTER_UNITS, [])),
        date_range=tuple(st.session_state.get(DATE_RANGE) or ()) or None,
    )


def set_date_range(date_range: tuple[str, str] | None) -> None:
    """Set (or, with None, clear) the date filter every page applies."""
    st.session_state[DATE_RANGE] = tuple(date_range) if date_range else None
    if date_range is None:
        st.session_state[TIMELINE_VERSION] = st.session_state.get(TIMELINE_VERSION, 0) + 1


def view() -> View:
    """The View app.py built for this run."""
    return st.session_state[VIEW]

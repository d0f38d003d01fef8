"""Entry point: `streamlit run dashboard/ui/app.py` — sidebar (uploads, filters) and page router."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts this file's folder on sys.path, not the repository root; the pages
# import the `dashboard` package, so the root goes first on the path.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.ingest import MAX_BYTES, SUFFIXES  # noqa: E402
from dashboard.lexicon import language_name, unit_name  # noqa: E402
from dashboard.store import Store  # noqa: E402
from dashboard.ui import auth, corpus, sharing, state  # noqa: E402
from dashboard.ui.components import plain  # noqa: E402

# The page scripts live in views/, not pages/: Streamlit treats a pages/ folder beside the
# entry point as a legacy (v1) multipage app and then runs a page without this script (no
# sidebar, no uploads, no filters) on reruns in AppTest and on a server's first run.
PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/map.py", title="Map", icon=":material/public:"),
    st.Page("views/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("views/figures.py", title="Figures", icon=":material/bar_chart:"),
    st.Page("views/claims.py", title="Claims", icon=":material/record_voice_over:"),
    st.Page("views/documents.py", title="Documents", icon=":material/article:"),
    st.Page("views/assessment.py", title="Assessment", icon=":material/fact_check:"),
]

FILTER_KEYS = {
    state.FILTER_DOCUMENTS: "documents",
    state.FILTER_LANGUAGES: "languages",
    state.FILTER_PLACE_KINDS: "place_kinds",
    state.FILTER_UNITS: "units",
}


# The sidebar's other filters: (label, widget key, option list, what it narrows).
FILTER_WIDGETS = (
    ("Languages", state.FILTER_LANGUAGES, "languages", None, language_name),
    (
        "Kind of place",
        state.FILTER_PLACE_KINDS,
        "place_kinds",
        "Narrows the places (map, place tables and counts); other rows stay.",
        str,
    ),
    (
        "Unit",
        state.FILTER_UNITS,
        "units",
        "Narrows the figures (their tables, charts and counts); other rows stay.",
        unit_name,
    ),
)


def document_label(doc_id: str, title: str) -> str:
    """A document's title (shortened) with its id, or the id alone when they are the same."""
    if not title or title == doc_id:
        return doc_id
    return f"{title[:50]}{'…' if len(title) > 50 else ''} ({doc_id})"


def sidebar(db: Store) -> None:
    """Uploads (this session only) and the filters every page applies."""
    with st.sidebar:
        files = st.file_uploader(
            "Add documents",
            type=[s.lstrip(".") for s in SUFFIXES],
            accept_multiple_files=True,
            key=state.UPLOADER,
            max_upload_size=MAX_BYTES // 1_000_000,
            help=(
                "Text (.txt, .md, any common encoding), web pages (.html), PDF and Word (.docx)."
                " They join the corpus for this session only."
            ),
        )
        corpus.sync_uploads(files or [], db)
        # File names come from the browser: shown literally, never as Markdown links or images.
        for name, reason in st.session_state[state.UPLOAD_ERRORS].items():
            st.error(f"{plain(name)}: {plain(reason)}")
        for note in corpus.upload_notes():
            st.caption(f":material/check: {plain(note)}")
        sharing.share_section(files or [])
        extra, upload_key = corpus.overlay()
        choices = corpus.sidebar_options(db, extra, upload_key)
        words = st.text_input(
            "Find documents",
            key=state.FIND_DOCUMENTS,
            placeholder="Words of a title or an id",
            help="Searches every document; the list below then offers the matches.",
        ).strip()
        titles, matches = corpus.document_choices(db, extra, upload_key, words, choices)
        if words:
            more = ", the newest first: add words" if matches >= corpus.FOUND_CAP else ""
            st.caption(f"{matches:,} found{more}" if matches else "No title or id holds these.")
        # A choice can vanish (an upload removed): drop it before the widget sees it.
        choices = {**choices, "documents": list(titles)}
        for key, name in FILTER_KEYS.items():
            st.session_state[key] = [v for v in st.session_state[key] if v in choices[name]]
        st.multiselect(
            "Documents",
            list(titles),
            key=state.FILTER_DOCUMENTS,
            format_func=lambda d: document_label(d, titles.get(d, "")),
            placeholder="All documents",
            help="Documents found by the words above."
            if words
            else f"The {matches:,} most recently published: find others by their words above.",
        )
        for label, key, name, narrows, shown in FILTER_WIDGETS:
            st.multiselect(
                label, choices[name], key=key, placeholder="All", help=narrows, format_func=shown
            )


st.set_page_config(page_title="News analyst dashboard", page_icon="📰", layout="wide")
auth.require_sign_in()
state.init()
navigation = st.navigation(PAGES)
db = corpus.store()
sidebar(db)
st.session_state[state.VIEW] = corpus.build_view(db)
navigation.run()

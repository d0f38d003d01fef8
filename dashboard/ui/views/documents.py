"""Documents: one document's text, right to left for Arabic, with every mention highlighted."""

import streamlit as st

from dashboard.highlight import document_spans, highlight_html, legend_html
from dashboard.ui import components, state

view = state.view()
shown = view.shown

st.title("Documents")
components.filter_note(view.filters)
ids = list(shown.documents["doc_id"])
if not ids:
    st.info("No documents match the filters.")
    st.stop()
titles = dict(zip(shown.documents["doc_id"], shown.documents["title"], strict=True))
if st.session_state.get(state.DOCUMENT_PICK) not in ids:
    st.session_state[state.DOCUMENT_PICK] = ids[0]
doc_id = st.selectbox(
    "Document",
    ids,
    key=state.DOCUMENT_PICK,
    format_func=lambda d: d if titles.get(d) in ("", d) else f"{titles[d][:80]} ({d})",
)
meta = shown.documents[shown.documents["doc_id"] == doc_id].iloc[0]
st.caption(
    " · ".join(
        str(v)
        for v in (meta["lang"], meta["published"], meta["source"], f"{meta['n_chars']:,} chars")
        if v
    )
)
text, lang = view.text(doc_id)
if not text:
    st.warning("The text of this document is not available in this session.")
else:
    mine = view.document_rows(doc_id)
    st.html(legend_html())
    st.html(highlight_html(text, document_spans(mine, doc_id), lang))
    components.counts_row({name: len(df) for name, df in mine.items() if name != "documents"})
st.subheader("Documents")
components.table(shown.documents, "documents", empty="No documents.")

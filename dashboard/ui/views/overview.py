"""Overview: how much was extracted, the most mentioned places and sources, the biggest figures."""

import streamlit as st

from dashboard.ui import components, state

view = state.view()
shown = view.shown

st.title("Overview")
components.filter_note(view.filters)
components.counts_row(view.counts)

left, right = st.columns(2)
with left:
    st.subheader("Top places")
    components.table(view.ask("top_places"), "top_places", empty="No places extracted.")
with right:
    st.subheader("Top sources")
    components.table(view.ask("top_sources"), "top_sources", empty="No claims extracted.")

st.subheader("Figure highlights")
st.caption("The biggest money, barrel and percent figures, with the sentence they come from.")
components.table(
    view.ask("figure_highlights"),
    "figure_highlights",
    columns=["kind", "text", "value", "unit", "per", "approx", "sentence", "doc_id"],
    empty="No money, barrel or percent figures extracted.",
)

st.subheader("Documents")
components.table(shown.documents, "documents", empty="No documents.")

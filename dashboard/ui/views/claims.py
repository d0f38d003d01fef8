"""Claims: who says what, by source and cue, and which kinds of source are quoted."""

import streamlit as st

from dashboard.charts import source_kind_chart
from dashboard.queries import claim_counts, source_kind_counts
from dashboard.ui import components, state

view = state.view()
shown = view.shown

st.title("Claims")
components.filter_caption(view.filters.describe())
left, right = st.columns([3, 2])
with left:
    st.subheader("By source and cue")
    components.table(claim_counts(shown.claims), "claims_by_source", empty="No claims extracted.")
with right:
    st.plotly_chart(source_kind_chart(source_kind_counts(shown.claims)), key="source-kinds")
st.subheader("All claims")
components.table(
    shown.claims,
    "claims",
    columns=["source", "cue", "text", "source_kind", "negated", "hedged", "sentence", "doc_id"],
    empty="No claims extracted.",
)
st.subheader("Entities")
st.caption("People, organisations and equipment named in the documents.")
components.table(shown.entities, "entities", empty="No entities extracted.")

"""Claims: who says what, by source and cue; filters; each claim's evidence; the same claim in
several documents; and the relation graph between actors."""

import streamlit as st

from dashboard.charts import source_kind_chart
from dashboard.claim_groups import ClaimFilter, claim_options, filter_claims, reported_by_several
from dashboard.highlight import claim_html, legend_html
from dashboard.queries import claim_counts, source_kind_counts
from dashboard.relation_graph import relation_edges, relation_graph_chart
from dashboard.ui import components, state

MAX_EXPANDERS = 40
FLAG_CHOICES = {None: "Any", True: "Yes", False: "No"}

view = state.view()
shown = view.shown

st.title("Claims")
components.filter_note(view.filters)
left, right = st.columns([3, 2])
with left:
    st.subheader("By source and cue")
    components.table(
        claim_counts(shown.claims),
        "claims_by_source",
        empty=components.listed("No claims extracted."),
    )
with right:
    st.plotly_chart(source_kind_chart(source_kind_counts(shown.claims)), key="source-kinds")

choices = claim_options(shown)
for key, name in (
    (state.CLAIM_SOURCES, "sources"),
    (state.CLAIM_KINDS, "kinds"),
    (state.CLAIM_PLACES, "places"),
    (state.CLAIM_ENTITIES, "entities"),
):
    # A value can vanish with another filter: drop it before the widget sees it.
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in choices[name]]
with st.container(border=True):
    st.markdown("**Filter claims**")
    a, b, c, d = st.columns([3, 2, 1, 1])
    sources = a.multiselect(
        "Source", choices["sources"], key=state.CLAIM_SOURCES, placeholder="Any"
    )
    kinds = b.multiselect(
        "Kind of source", choices["kinds"], key=state.CLAIM_KINDS, placeholder="Any"
    )
    hedged = c.selectbox(
        "Hedged", list(FLAG_CHOICES), format_func=FLAG_CHOICES.__getitem__, key=state.CLAIM_HEDGED
    )
    negated = d.selectbox(
        "Negated", list(FLAG_CHOICES), format_func=FLAG_CHOICES.__getitem__, key=state.CLAIM_NEGATED
    )
    e, f = st.columns(2)
    places = e.multiselect(
        "Place in the claim", choices["places"], key=state.CLAIM_PLACES, placeholder="Any"
    )
    entities = f.multiselect(
        "Entity in the claim", choices["entities"], key=state.CLAIM_ENTITIES, placeholder="Any"
    )
chosen = ClaimFilter(tuple(sources), tuple(kinds), hedged, negated, tuple(places), tuple(entities))
claims = filter_claims(shown, chosen)

table_col, graph_col = st.columns([3, 2])
with table_col:
    st.subheader(f"Claims ({len(claims)} of {len(shown.claims)}{components.listed_scope()})")
    components.table(
        claims,
        "claims",
        columns=["source", "cue", "text", "source_kind", "negated", "hedged", "sentence", "doc_id"],
        empty=components.listed(
            "No claims match." if len(shown.claims) else "No claims extracted."
        ),
    )
    if not claims.empty:
        st.caption("Each claim's sentence, with its source, cue and content marked:")
        st.html(legend_html(("claim_source", "claim_cue", "claims")))
    for r in claims.head(MAX_EXPANDERS).to_dict("records"):
        flags = "".join(f" · {flag}" for flag in ("hedged", "negated") if r[flag])
        source = components.snippet(r["source"] or "?", 60)
        label = (
            f"{source} ({r['source_kind'] or 'other'}){flags} — {components.snippet(r['text'], 90)}"
        )
        with st.expander(label):
            text, lang = view.text(r["doc_id"])
            st.html(claim_html(r, text, lang))
            st.caption(f"{r['claim_id']} · cue: \u2068{r['cue']}\u2069")
    if len(claims) > MAX_EXPANDERS:
        st.caption(f"The first {MAX_EXPANDERS} claims are shown; narrow the filters to see others.")
with graph_col:
    st.subheader("Relations")
    # The relations table is optional: older tables (and stores) do not have it.
    relations = getattr(shown, "relations", None)
    st.plotly_chart(relation_graph_chart(relations), key="relation-graph")
    if relations is not None and not relations.empty:
        components.table(relation_edges(relations), "relation_edges")
        components.table(relations, "relations")

st.subheader("The same claim in several documents")
st.caption(
    "Claims whose normalised words are alike (token-set Jaccard at least 0.6), reported by at "
    "least two documents."
)
groups, members = reported_by_several(claims)
if groups.empty:
    st.info("No claim is reported by more than one document.")
else:
    components.table(groups, "claim_groups")
    components.table(members, "claim_group_members")

st.subheader("Entities")
st.caption("People, organisations and equipment named in the documents.")
components.table(shown.entities, "entities", empty=components.listed("No entities extracted."))

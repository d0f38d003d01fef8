"""Map: a point per place, sized by mentions and coloured by kind; arcs of claims and relations;
unresolved places."""

import html

import pandas as pd
import streamlit as st

from dashboard.geo_queries import claim_arcs, relation_arcs
from dashboard.maps import KIND_COLOURS, OTHER_COLOUR, places_deck
from dashboard.queries import unresolved_places
from dashboard.ui import components, state

view = state.view()
shown = view.shown

st.title("Map")
components.filter_note(view.filters)
# Points aggregate every kept mention in the store; arcs come from the listed documents.
points = view.ask("place_points")
context = view.context()
claims_arcs = claim_arcs(shown, corpus=context)
relations_arcs = relation_arcs(shown, corpus=context)
arcs = pd.concat([claims_arcs, relations_arcs], ignore_index=True)
st.caption(
    f"{len(points):,} located places from {view.counts['places']:,} mentions; "
    f"{len(claims_arcs)} arcs from a claim's source country to the places it mentions, "
    f"{len(relations_arcs)} from one country to another by a relation between actors"
    f"{components.listed_scope()}."
)
# The legend names the kinds on the map only, as the kind filter offers those in the store.
drawn = set(points["kind"])
legend = {kind: rgb for kind, rgb in KIND_COLOURS.items() if kind in drawn}
if drawn - set(KIND_COLOURS):
    legend["other"] = OTHER_COLOUR
chips = " ".join(
    f'<span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
    f'background:rgb({r},{g},{b});margin:0 .25em 0 .8em"></span>{html.escape(kind)}'
    for kind, (r, g, b) in legend.items()
)
st.html(f'<div style="font-size:.9rem">{chips}</div>')
st.pydeck_chart(places_deck(points, arcs), height=520, key="places-map")

st.subheader("Places on the map")
components.table(points, "map_places", empty="No located places.")
if not claims_arcs.empty:
    st.subheader("Claim arcs")
    components.table(claims_arcs, "claim_arcs")
if not relations_arcs.empty:
    st.subheader("Relation arcs")
    components.table(relations_arcs, "relation_arcs")
st.subheader("Unresolved places")
st.caption("Place names the gazetteer does not know: kept without coordinates.")
components.table(
    unresolved_places(shown.places), "unresolved_places", empty=components.listed("None.")
)
st.subheader("All place mentions")
components.table(shown.places, "places", empty=components.listed("No places extracted."))

"""Timeline: documents by published date and the dates they mention, on one time axis."""

import streamlit as st

from dashboard.charts import timeline_chart
from dashboard.queries import timeline_events
from dashboard.ui import components, state

view = state.view()
shown = view.shown

st.title("Timeline")
components.filter_caption(view.filters.describe())
events = timeline_events(shown)
st.plotly_chart(timeline_chart(events), key="timeline-chart")
st.subheader("Dated mentions")
components.table(shown.dates, "dates", empty="No dates extracted.")

"""Timeline: documents by published date and dated events on one axis; brushing sets the date
filter every page applies."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard.charts import bin_for, timeline_chart, volume_chart
from dashboard.store_queries import coarser_bins
from dashboard.timeline_queries import brush_range, timeline_events
from dashboard.ui import components, state

view = state.view()
shown = view.shown
chart_key = f"timeline-chart-{st.session_state[state.TIMELINE_VERSION]}"


def on_brush() -> None:
    """A new box or lasso selection sets the date filter; clearing the selection clears it."""
    event = st.session_state.get(chart_key)
    state.set_date_range(brush_range(event.selection if event else None))


st.title("Timeline")
components.filter_note(view.filters)
# The chart shows every date the other filters allow, so the analyst can brush again; the
# active range is shaded.
events = view.derive("timeline_events", timeline_events, replace(view.filters, date_range=None))
st.caption(
    "◆ document published · ● claim (coloured by its source's kind) · ■ figure · ▲ place · "
    "✕ date alone. A figure or place inside a claim takes the claim's colour. Relative dates "
    "(«last month») sit at their resolved date; the hover names the published date they were "
    "resolved against. Drag across the chart to filter every page to that time range."
)
st.plotly_chart(
    timeline_chart(events, view.filters.date_range),
    key=chart_key,
    on_select=on_brush,
    selection_mode=("box", "lasso"),
)
st.subheader("Volume")
st.caption("Every document the filters keep, and its figures and claims, by published date.")
days = view.ask("time_bins", "day")
bin = bin_for(days["period"].min(), days["period"].max()) if len(days) else "day"
bins = coarser_bins(days, bin)
st.plotly_chart(volume_chart(bins, bin), key="volume-chart")
components.table(bins, "time_bins", empty="No dated documents.")
st.subheader("Dated events")
listed = view.derive("timeline_events", timeline_events)
if view.filters.date_range:
    first, last = (pd.Timestamp(d) for d in view.filters.date_range)
    listed = listed[(listed["date"] >= first) & (listed["date"] <= last)]
components.table(
    listed,
    "timeline_events",
    columns=["date", "lane", "colour", "items", "date_text", "resolved", "anchor", "doc_id"],
    empty=components.listed("No dated documents or mentions."),
)
st.subheader("Dated mentions")
components.table(shown.dates, "dates", empty=components.listed("No dates extracted."))

"""Figures: comparable figures (same unit and rate) on one axis, one chart per group."""

import streamlit as st

from dashboard.charts import figure_group_chart, group_title
from dashboard.queries import figure_groups
from dashboard.ui import components, state

view = state.view()
shown = view.shown

st.title("Figures")
components.filter_caption(view.filters.describe())
groups = figure_groups(shown.figures)
if not groups:
    st.info("No figures with a value and unit to chart.")
for unit, per, rows in groups:
    st.plotly_chart(figure_group_chart(rows, unit, per), key=f"figures-{group_title(unit, per)}")
st.subheader("All figures")
components.table(shown.figures, "figures", empty="No figures extracted.")

"""Figures: comparable figures (same unit and rate) side by side, and the same quantity
reported with different values by different documents."""

import streamlit as st

from dashboard.charts import figure_group_chart, group_title
from dashboard.figure_conflicts import figure_conflicts
from dashboard.figure_values import readable
from dashboard.highlight import sentence_html
from dashboard.queries import figure_groups
from dashboard.ui import components, state

MAX_CHARTS = 8  # comparable-figure charts drawn before the analyst asks for more

view = state.view()
shown = view.shown
langs = dict(zip(shown.documents["doc_id"], shown.documents["lang"], strict=True))

st.title("Figures")
components.filter_note(view.filters)

st.subheader("Conflicting figures")
st.caption(
    "The same quantity (one unit and rate; the same measure, benchmark, places or people; at "
    "the same date: the one in its sentence, else the day it was published) reported with "
    "values that differ beyond rounding and «about» by different documents. The groups are "
    "those of the Assessment page."
)
summary, detail = view.derive("figure_conflicts", figure_conflicts)
if summary.empty:
    st.info(
        components.listed("No quantity is reported with different values by different documents.")
    )
else:
    components.table(summary, "figure_conflicts")
    for g in summary.itertuples(index=False):
        rows = detail[detail["group"] == g.group]
        subject = components.snippet(g.subject, 80)
        label = f"{subject} · {group_title(g.unit, g.per)}: {g.values} ({g.documents} documents)"
        with st.expander(label):
            for r in rows.itertuples(index=False):
                approx = " (approx.)" if r.approx else ""
                st.markdown(f"**{components.plain(r.doc_id)}** · {readable(r.value)}{approx}")
                st.html(sentence_html(r.sentence, [(r.text, "figures")], langs.get(r.doc_id, "")))
    components.table(detail, "figure_conflict_rows")

st.subheader("Comparable figures")
groups = figure_groups(shown.figures)
if not groups:
    st.info("No figures with a value and unit to chart.")
# Each chart costs the browser a plotly figure to draw: a corpus of many units would keep the
# page blank for seconds. The biggest groups are charted; the analyst adds any other.
charted = groups[:MAX_CHARTS]
if len(groups) > MAX_CHARTS:
    more = {group_title(unit, per): len(rows) for unit, per, rows in groups[MAX_CHARTS:]}
    st.session_state[state.FIGURES_MORE] = [
        t for t in st.session_state.get(state.FIGURES_MORE, []) if t in more
    ]
    picked = st.multiselect(
        f"The {MAX_CHARTS} biggest groups are charted; chart others too "
        f"({len(more):,} smaller groups)",
        list(more),
        format_func=lambda title: f"{title} ({more[title]:,} figure{'s' * (more[title] > 1)})",
        key=state.FIGURES_MORE,
        placeholder="Units and rates",
    )
    charted += [g for g in groups[MAX_CHARTS:] if group_title(g[0], g[1]) in picked]
columns = st.columns(2)
for i, (unit, per, rows) in enumerate(charted):
    with columns[i % 2]:
        st.plotly_chart(
            figure_group_chart(rows, unit, per), key=f"figures-{group_title(unit, per)}"
        )
st.subheader("All figures")
components.table(shown.figures, "figures", empty=components.listed("No figures extracted."))

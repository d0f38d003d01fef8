"""Assessment: contradictions first, then claims resting on one anonymous source, then what
independent reports corroborate; each group opens to its evidence sentences side by side."""

import pandas as pd
import streamlit as st

from dashboard.assessment import assess
from dashboard.charts import group_title
from dashboard.highlight import sentence_html
from dashboard.ui import components, state

COLUMNS_PER_ROW = 3

view = state.view()
shown = view.shown
langs = dict(zip(shown.documents["doc_id"], shown.documents["lang"], strict=True))

st.title("Assessment")
components.filter_note(view.filters)
st.caption(
    "Figures that measure the same thing (one unit and rate; the same measure, benchmark, places "
    "or people; at the same date: the one in their sentence, else the day they were published) "
    "and claims that say the same thing (alike wording, or agreeing figures in any language), "
    "across documents. A syndicated copy (the same sentence in another document) counts once."
)
result = view.derive("assess", assess)


def side_by_side(rows: pd.DataFrame, mark_col: str, table: str) -> None:
    """Each report's sentence in its own column, the reported span marked."""
    records = list(rows.itertuples(index=False))
    per_row = max(1, min(COLUMNS_PER_ROW, len(records)))  # one report: the whole width
    for i in range(0, len(records), per_row):
        for col, r in zip(st.columns(per_row), records[i : i + per_row], strict=False):
            with col:
                st.markdown(
                    f"**{r.doc_id}** · {r.outlet or 'unknown outlet'} · {r.published or 'undated'}"
                )
                marks = [(getattr(r, mark_col), table)]
                st.html(sentence_html(r.sentence, marks, langs.get(r.doc_id, "")))


def figure_section(groups: pd.DataFrame, name: str, empty: str) -> None:
    components.table(groups, name, empty=components.listed(empty))
    members = result.figure_members
    for g in groups.itertuples(index=False):
        subject = components.snippet(g.subject or g.object, 80)
        label = (
            f"{group_title(g.unit, g.per)} · {g.measure or 'figure'} · {subject} · {g.at}: "
            f"{g.values} ({g.documents} documents, {g.independent} independent)"
        )
        with st.expander(label):
            side_by_side(members[members["group_id"] == g.group_id], "text", "figures")


def contradicting(figure_groups: str) -> None:
    """What contradicts a claim: the figure groups of its figures, whose values disagree."""
    shown = result.figure_groups.set_index("group_id")
    for gid in filter(None, figure_groups.split(", ")):
        if gid not in shown.index:
            continue
        f = shown.loc[gid]
        st.markdown(
            f"**Contradicted** by other reports of the same quantity ({gid}): "
            f"{group_title(f['unit'], f['per'])} · {f['values']} ({f['documents']} documents)"
        )
        members = result.figure_members
        side_by_side(members[members["group_id"] == gid], "text", "figures")


def claim_section(groups: pd.DataFrame, name: str, empty: str) -> None:
    components.table(groups, name, empty=components.listed(empty))
    members = result.claim_members
    for g in groups.head(40).itertuples(index=False):
        # An impersonal claim ("se dijo que") has no source: say so, not " · text".
        sources = components.snippet(g.sources, 60) or "no source named"
        text = components.snippet(g.text, 80)
        label = f"{sources} · {text} ({g.independent} independent outlets)"
        with st.expander(label):
            side_by_side(members[members["group_id"] == g.group_id], "text", "claims")
            contradicting(g.contradicted_by)
    if len(groups) > 40:
        st.caption(f"Evidence is shown for the first 40 of {len(groups)} groups.")


figures = result.figure_groups
claims = result.claim_groups

st.subheader("Contradictions")
figure_section(
    figures[figures["contradiction"]],
    "contradicting_figures",
    "No quantity is reported with conflicting values by different documents.",
)
claim_section(
    claims[claims["contradicted"]],
    "contradicted_claims",
    "No claim carries a figure that another report contradicts.",
)

st.subheader("Claims resting on a single anonymous source")
claim_section(
    claims[claims["single_anonymous"]],
    "single_anonymous_claims",
    "Every claim names its source or is reported by more than one outlet.",
)

st.subheader("Corroborated")
figure_section(
    figures[figures["corroborated"]],
    "corroborated_figures",
    "No figure is reported by more than one independent outlet.",
)
claim_section(
    claims[claims["corroborated"]],
    "corroborated_claims",
    "No claim is reported by more than one independent outlet.",
)

st.subheader("Repeated without independent corroboration")
figure_section(
    figures[~figures["contradiction"] & ~figures["corroborated"]],
    "uncorroborated_figures",
    "Every figure group has two independent outlets or conflicts.",
)

st.subheader("Sources")
components.table(result.sources, "source_profile", empty=components.listed("No claims."))
components.table(
    result.figure_members, "figure_group_members", empty=components.listed("No grouped figures.")
)
components.table(result.claim_members, "claim_group_members", empty=components.listed("No claims."))

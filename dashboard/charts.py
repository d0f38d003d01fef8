"""Query results as plotly Figures: the timeline, comparable figures and source kinds.

Hover text carries document sentences, so it is HTML-escaped (plotly renders a subset of
HTML in hover labels) and wrapped to stay readable.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

EVENT_STYLE = {
    "published": {"symbol": "diamond", "size": 14, "color": "#1f77b4"},
    "mentioned": {"symbol": "circle", "size": 10, "color": "#d62728"},
}
BAR_COLOUR = "#2c7fb8"
RANGE_RATIO_FOR_LOG = 1000.0
LABEL_CHARS = 40


def hover_text(text: str, width: int = 70) -> str:
    """Escaped text wrapped with <br> so plotly shows it as lines, not as markup."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    return "<br>".join(html.escape(line) for line in lines)


def _label(text: str, n: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=title,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "font": {"size": 14}}],
        height=220,
    )
    return fig


def timeline_chart(events: pd.DataFrame) -> go.Figure:
    """Published dates and dated mentions of each document on one time axis, a row per document.

    `events` is queries.timeline_events output; the hover shows the text and its sentence.
    """
    if events.empty:
        return _empty("Timeline", "No dated documents or mentions")
    fig = go.Figure()
    rows = events.assign(row=events["doc_title"].where(events["doc_title"] != "", events["doc_id"]))
    rows["row"] = rows["row"].map(_label)
    for event, style in EVENT_STYLE.items():
        part = rows[rows["event"] == event]
        if part.empty:
            continue
        hover = [
            f"<b>{html.escape(str(r.value))}</b> · {html.escape(event)}<br>"
            f"{hover_text(r.text)}<br><i>{hover_text(r.sentence)}</i>"
            for r in part.itertuples(index=False)
        ]
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["row"],
                mode="markers",
                name=event,
                marker={**style, "opacity": 0.85, "line": {"width": 1, "color": "white"}},
                hovertext=hover,
                hoverinfo="text",
            )
        )
    n_rows = rows["row"].nunique()
    fig.update_layout(
        title="Documents and the dates they mention",
        height=max(260, 60 + 40 * n_rows),
        xaxis={"title": "date", "type": "date"},
        yaxis={"title": "", "type": "category", "automargin": True},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig


def group_title(unit: str, per: str) -> str:
    """ "USD per month", "bbl per day", "percent"."""
    return f"{unit} per {per}" if per else unit


def figure_group_chart(rows: pd.DataFrame, unit: str, per: str) -> go.Figure:
    """Comparable figures (one unit and rate) as horizontal bars, largest on top.

    Ranges (low/high) are drawn as error bars; a log axis is used when values span more than
    three orders of magnitude. Hover shows the figure's text and sentence.
    """
    title = group_title(unit, per)
    if rows.empty:
        return _empty(title, "No figures")
    rows = rows.sort_values("value", ascending=True, kind="stable")
    # Bars sit at positions 0..n-1 named by tick text, so two figures with the same words
    # stay two bars. What is measured (object) names a bar when known, else the figure's text.
    labels = [_label(r.object or r.text) for r in rows.itertuples(index=False)]
    hover = [
        f"<b>{html.escape(str(r.text))}</b><br>{r.value:,.6g} {html.escape(title)}"
        f"{' (approx.)' if r.approx else ''}"
        f"{'<br>' + html.escape(str(r.object)) if r.object else ''}"
        f"<br><i>{hover_text(r.sentence)}</i>"
        for r in rows.itertuples(index=False)
    ]
    has_range = rows["low"].notna() & rows["high"].notna()
    error = None
    if has_range.any():
        error = {
            "type": "data",
            "symmetric": False,
            "array": (rows["high"] - rows["value"]).where(has_range, 0).clip(lower=0).tolist(),
            "arrayminus": (rows["value"] - rows["low"]).where(has_range, 0).clip(lower=0).tolist(),
        }
    positions = list(range(len(rows)))
    fig = go.Figure(
        go.Bar(
            x=rows["value"],
            y=positions,
            orientation="h",
            marker_color=BAR_COLOUR,
            error_x=error,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    positive = rows["value"][rows["value"] > 0]
    log = len(positive) == len(rows) and positive.max() / positive.min() > RANGE_RATIO_FOR_LOG
    fig.update_layout(
        title=title,
        height=max(200, 80 + 32 * len(rows)),
        xaxis={"title": title, "type": "log" if log else "linear"},
        yaxis={"automargin": True, "tickmode": "array", "tickvals": positions, "ticktext": labels},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        showlegend=False,
    )
    return fig


def source_kind_chart(kinds: pd.DataFrame) -> go.Figure:
    """Claims per source kind as bars (queries.source_kind_counts output)."""
    if kinds.empty:
        return _empty("Claims by kind of source", "No claims")
    fig = go.Figure(
        go.Bar(
            x=kinds["source_kind"],
            y=kinds["claims"],
            marker_color=BAR_COLOUR,
            hovertemplate="%{x}: %{y} claims<extra></extra>",
        )
    )
    fig.update_layout(
        title="Claims by kind of source",
        height=320,
        xaxis={"title": "source kind", "type": "category"},
        yaxis={"title": "claims", "rangemode": "tozero"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig

"""Query results as plotly Figures: the timeline, comparable figures and source kinds.

Hover text carries document sentences, so it is HTML-escaped (plotly renders a subset of
HTML in hover labels) and wrapped to stay readable.
"""

from __future__ import annotations

import html
import textwrap
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.figure_values import readable

# Timeline colours: a claim's source kind (figures and places inside a claim take its kind),
# then figures and places no claim holds, bare dates and publications.
KIND_COLOURS = {
    "official": "#1b9e77",
    "document": "#7570b3",
    "media": "#e7298a",
    "analyst": "#66a61e",
    "expert": "#e6ab02",
    "diplomat": "#a6761d",
    "anonymous": "#666666",
    "other": "#b3b3b3",
    "figure": "#d95f02",
    "place": "#1f78b4",
    "date": "#9e9ac8",
    "published": "#08306b",
}
LANE_SYMBOLS = {
    "published": "diamond",
    "claim": "circle",
    "figure": "square",
    "place": "triangle-up",
    "date": "x",
}
# plotly's numbers for those symbols: it checks a list of symbol names one pattern at a time,
# which cost a Timeline of a few thousand markers a tenth of a second; numbers, a quarter.
SYMBOL_CODES = {"circle": 0, "square": 1, "diamond": 2, "x": 4, "triangle-up": 5}
# Each document is a band of the y axis; its lanes sit at these offsets so that a claim, the
# figures and the places of one sentence do not hide one another.
LANE_OFFSETS = {"published": 0.0, "claim": 0.3, "figure": 0.1, "place": -0.1, "date": -0.3}
MAX_TIMELINE_HEIGHT = 900
MIN_DAYS_SHOWN = 7  # the timeline's x axis spans at least this many days
MARGIN_YEARS = 10  # the timeline's axis reaches at least this far beyond the published days
MAX_BARS = 25  # bars of one comparable-figures chart
BAR_COLOUR = "#2c7fb8"
RANGE_COLOUR = "#444444"  # a figure's range (low to high) over its bar
RANGE_RATIO_FOR_LOG = 1000.0
LABEL_CHARS = 40


def hover_text(text: str, width: int = 70) -> str:
    """Escaped text wrapped with <br> so plotly shows it as lines, not as markup.

    Quotes stay as they are: plotly labels are not attributes, and it would show "&quot;".
    """
    return _wrapped(str(text), width)


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> str:
    # Memoised: syndicated copies repeat a sentence in many points, and textwrap is slow.
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def isolate(text: str) -> str:
    """Text escaped and wrapped in Unicode first-strong isolates, so an Arabic phrase inside an
    English line keeps its own direction and does not reorder the line around it."""
    return f"\u2068{html.escape(str(text), quote=False)}\u2069"


def shorten(text: object, limit: int = LABEL_CHARS) -> str:
    """Text for a one-line label: white space collapsed, cut at a word with "…" past `limit`
    characters (mid-word only when one word is longer)."""
    words = " ".join(str(text).split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0] if " " in words[:limit] else words[:limit]
    return cut.rstrip(",;:") + "…"


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


def _event_hover(r) -> str:
    lane = "document published" if r.lane == "published" else r.lane
    head = f"<b>{html.escape(str(r.resolved))}</b> · {html.escape(lane)}"
    if r.lane != "published":
        head += f" · {html.escape(str(r.colour))}"
    lines = [head, hover_text(r.items)]
    if r.date_text:
        when = f"date: «{isolate(r.date_text)}» = {html.escape(str(r.resolved))}"
        detail = [str(r.granularity)] if r.granularity else []
        if getattr(r, "period", ""):
            detail.append(str(r.period))
        if detail:
            when += f" ({html.escape('; '.join(detail))})"
        if r.relative:
            anchor = r.anchor or ""
            when += (
                f", relative to published {html.escape(str(anchor))}"
                if anchor
                else ", relative (no anchor)"
            )
        lines.append(when)
    if r.sentence:
        lines.append(f"<i>{hover_text(r.sentence)}</i>")
    return "<br>".join(lines)


def _days_shown(dates: pd.Series) -> list[pd.Timestamp] | None:
    """An x range of at least MIN_DAYS_SHOWN days around dates that span fewer, else None (the
    axis fits the dates): events of one day would otherwise be drawn on an axis of
    milliseconds, where no range of days can be brushed."""
    lo, hi = dates.min(), dates.max()
    pad = (pd.Timedelta(days=MIN_DAYS_SHOWN) - (hi - lo)) / 2
    return [lo - pad, hi + pad] if pad > pd.Timedelta(0) else None


def _range_shown(events: pd.DataFrame) -> tuple[list[pd.Timestamp] | None, int]:
    """(x range, how many dates it leaves out): the days the listed documents were published,
    widened by as long again (at least MARGIN_YEARS) to take in the dates they mention. Dates
    further off ("the 1500s", "1000" in this decade's news) would squeeze every event into one
    column: they stay off the axis until the analyst double-clicks it."""
    dates = events["date"]
    week = _days_shown(dates)
    if week is not None:
        return week, 0
    published = dates[events["lane"] == "published"].dropna()
    if published.empty:
        return None, 0
    margin = max(published.max() - published.min(), pd.Timedelta(days=365 * MARGIN_YEARS))
    near = dates[dates.between(published.min() - margin, published.max() + margin)]
    if len(near) == len(dates.dropna()):
        return None, 0
    pad = max((near.max() - near.min()) / 30, pd.Timedelta(days=MIN_DAYS_SHOWN))
    return [near.min() - pad, near.max() + pad], len(dates.dropna()) - len(near)


def timeline_chart(events: pd.DataFrame, date_range: tuple[str, str] | None = None) -> go.Figure:
    """Publications and dated events on one time axis: a band per document, a trace per colour.

    `events` is timeline_queries.timeline_events output. Marker symbols tell the lane
    (published, claim, figure, place, date); colours the source kind. Dragging selects a time
    range (box selection, horizontal only); `date_range` is shaded when a filter is active.
    """
    if events.empty:
        return _empty("Timeline", "No dated documents or mentions")
    docs = events.drop_duplicates("doc_id")
    bands = {d: i for i, d in enumerate(reversed(list(docs["doc_id"])))}
    labels = [shorten(t or d) for d, t in zip(docs["doc_id"], docs["doc_title"], strict=True)][::-1]
    y = events["doc_id"].map(bands) + events["lane"].map(LANE_OFFSETS).fillna(0.0)
    fig = go.Figure()
    for colour, hex_colour in KIND_COLOURS.items():
        mask = events["colour"] == colour
        if not mask.any():
            continue
        part = events[mask]
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=y[mask],
                mode="markers",
                name=colour,
                marker={
                    "color": hex_colour,
                    "symbol": [
                        SYMBOL_CODES[LANE_SYMBOLS.get(lane, "circle")] for lane in part["lane"]
                    ],
                    "size": [14 if lane == "published" else 11 for lane in part["lane"]],
                    "opacity": 0.9,
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[_event_hover(r) for r in part.itertuples(index=False)],
                hoverinfo="text",
            )
        )
    if date_range:
        fig.add_vrect(
            x0=date_range[0],
            x1=pd.Timestamp(date_range[1]) + pd.Timedelta(days=1),
            fillcolor="#fdd835",
            opacity=0.2,
            line_width=0,
            layer="below",
        )
    shown, outside = _range_shown(events)
    title = "Documents and dated events (drag across the chart to filter by dates)"
    if outside:
        title += (
            f"<br><sup>Off the axis, far from the rest: {outside:,} of {len(events):,} dates. "
            "Double-click the chart to show them.</sup>"
        )
    height = min(MAX_TIMELINE_HEIGHT, max(300, 120 + 60 * len(bands)))
    fig.update_layout(
        title=title,
        height=height,
        xaxis={"title": "date", "type": "date", "range": shown},
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(bands))),
            "ticktext": labels,
            # Past the bands the height can show, titles would overprint one another: the
            # hover still names each document.
            "showticklabels": len(bands) * 14 <= MAX_TIMELINE_HEIGHT,
            "range": [-0.6, len(bands) - 0.4],
            "automargin": True,
            "fixedrange": True,
        },
        dragmode="select",
        selectdirection="h",
        # Just under the date axis: a share of a tall chart's height left a gap of 200 px.
        legend={"orientation": "h", "y": -min(0.25, 80 / height), "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig


def group_title(unit: str, per: str) -> str:
    """ "USD per month", "bbl per day", "percent"."""
    return f"{unit} per {per}" if per else unit


def figure_group_chart(rows: pd.DataFrame, unit: str, per: str) -> go.Figure:
    """Comparable figures (one unit and rate) as horizontal bars, largest on top.

    Figures alike in words, value, object and range are one bar, marked ×N; the MAX_BARS
    largest are drawn, and the title says so when there are more. Ranges (low/high) are drawn
    as error bars; a log axis is used when values span more than three orders of magnitude.
    Hover shows the figure's text and sentence.
    """
    title = measure = group_title(unit, per)
    if rows.empty:
        return _empty(title, "No figures")
    # One bar per distinct figure (copies of an article report it again and again), the
    # MAX_BARS largest only: hundreds of bars are neither readable nor quick to draw.
    same = ["text", "value", "object", "low", "high"]
    reports = rows.groupby(same, sort=False, dropna=False)["value"].transform("size")
    distinct = rows.assign(reports=reports).drop_duplicates(same)
    top = distinct.sort_values("value", ascending=False, kind="stable").head(MAX_BARS)
    if len(distinct) > MAX_BARS:
        title = f"{title}: the {MAX_BARS} largest of {len(distinct):,} distinct figures"
    rows = top.iloc[::-1]
    # Bars sit at positions 0..n-1 named by tick text, so two figures with the same words
    # stay two bars. What is measured (object) names a bar when known, else the figure's text.
    labels = [
        shorten(r.object or r.text) + (f" ×{r.reports:,}" if r.reports > 1 else "")
        for r in rows.itertuples(index=False)
    ]
    hover = [
        f"<b>{html.escape(str(r.text))}</b><br>{readable(r.value)} {html.escape(measure)}"
        f"{' (approx.)' if r.approx else ''}"
        f"{'<br>' + html.escape(str(r.object)) if r.object else ''}"
        f"{f'<br>reported {r.reports:,} times' if r.reports > 1 else ''}"
        f"<br><i>{hover_text(r.sentence)}</i>"
        for r in rows.itertuples(index=False)
    ]
    positions = list(range(len(rows)))
    fig = go.Figure(
        go.Bar(
            x=rows["value"],
            y=positions,
            orientation="h",
            marker_color=BAR_COLOUR,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    has_range = (rows["low"].notna() & rows["high"].notna()).tolist()
    if any(has_range):
        # Error bars of their own trace, on the ranged figures only: on the bars' trace a
        # figure without a range would still show a bar of length 0, its cap a stray mark.
        ranged = rows[has_range]
        fig.add_trace(
            go.Scatter(
                x=ranged["value"],
                y=[y for y, r in zip(positions, has_range, strict=True) if r],
                mode="markers",
                marker={"opacity": 0},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": (ranged["high"] - ranged["value"]).clip(lower=0).tolist(),
                    "arrayminus": (ranged["value"] - ranged["low"]).clip(lower=0).tolist(),
                    "color": RANGE_COLOUR,
                },
                hoverinfo="skip",
            )
        )
    positive = rows["value"][rows["value"] > 0]
    log = len(positive) == len(rows) and positive.max() / positive.min() > RANGE_RATIO_FOR_LOG
    fig.update_layout(
        title=title,
        height=max(200, 80 + 32 * len(rows)),
        xaxis={"title": measure, "type": "log" if log else "linear"},
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


VOLUME_COLOURS = {"documents": KIND_COLOURS["published"], "figures": "#d95f02", "claims": "#1b9e77"}


BIN_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44}  # a bin's length (a month's on average)
FEW_BINS = 12  # up to this many bins, every bin has its tick


def volume_chart(bins: pd.DataFrame, bin: str) -> go.Figure:
    """Documents, figures and claims per time bin (store_queries.time_bins), as grouped bars.

    Each bin's bars stand side by side, centred on the tick of its first day, and the axis
    shows a bin either side: with a single bin, plotly would otherwise stretch its bars over
    the whole chart on an axis of hours.
    """
    title = f"Published per {bin}"
    if bins.empty:
        return _empty(title, "No dated documents.")
    span = pd.Timedelta(days=BIN_DAYS[bin])
    ms = span / pd.Timedelta(milliseconds=1)
    width = 0.8 * ms / len(VOLUME_COLOURS)
    fig = go.Figure()
    for k, (series, colour) in enumerate(VOLUME_COLOURS.items()):
        rows = bins[bins["series"] == series]
        fig.add_bar(
            x=rows["period"],
            y=rows["count"],
            # Set offsets place the bars themselves: plotly's grouping needs two bins or more.
            width=width,
            offset=(k - len(VOLUME_COLOURS) / 2) * width,
            name=series,
            marker_color=colour,
            hovertemplate=f"{bin} of %{{x|%Y-%m-%d}}: %{{y:,}} {series}<extra></extra>",
        )
    first, last = bins["period"].min(), bins["period"].max()
    xaxis: dict = {"type": "date", "range": [first - span, last + span]}
    if (last - first) / span < FEW_BINS:
        xaxis["dtick"] = "M1" if bin == "month" else ms
        xaxis["tick0"] = first  # weeks start on Monday, plotly's ticks on Sunday
        xaxis["tickformat"] = "%b %Y" if bin == "month" else "%b %-d, %Y"
    fig.update_layout(
        title=title,
        barmode="overlay",
        xaxis=xaxis,
        height=260,
        margin=dict(l=40, r=10, t=40, b=30),
    )
    return fig


def bin_for(first: pd.Timestamp | None, last: pd.Timestamp | None) -> str:
    """A bin that gives a readable number of bars for the span: day, week or month."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return "week"
    days = (last - first).days
    return "day" if days <= 92 else "week" if days <= 3 * 365 else "month"

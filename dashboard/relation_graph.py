"""The relation graph: actors as nodes, typed arcs (PLOVER events) between them, as plotly.

Takes a relations DataFrame (doc_id, start, end, text, source_actor, source_country,
target_actor, target_country, event, mode, negated, sentence). An actor is named by its
English name, else its country code. Nodes sit on a circle in a fixed order (most connected
first), so the same relations always give the same picture.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import hover_text
from dashboard.model import SCHEMAS

RELATION_COLUMNS = SCHEMAS["relations"]
EDGE_COLUMNS = [
    "source",
    "target",
    "event",
    "relations",
    "documents",
    "negated",
    "modes",
    "sentence",
]
NODE_COLUMNS = ["actor", "country", "degree", "x", "y"]
# Cooperative events green-blue, hostile ones red-orange, the rest grey.
EVENT_COLOURS = {
    "AGREE": "#1b9e77",
    "CONSULT": "#66c2a5",
    "SUPPORT": "#2b8cbe",
    "COOPERATE": "#41b6c4",
    "AID": "#238b45",
    "REQUEST": "#7570b3",
    "ACCUSE": "#fd8d3c",
    "REJECT": "#fdae6b",
    "THREATEN": "#e6550d",
    "SANCTION": "#d94801",
    "MOBILIZE": "#a63603",
    "COERCE": "#cb181d",
    "ASSAULT": "#67000d",
}
OTHER_COLOUR = "#969696"
CURVE_STEP = 0.12  # how far parallel arcs between one pair bow apart
CURVE_POINTS = 20


def _actor(name: pd.Series, country: pd.Series) -> pd.Series:
    return name.fillna("").astype(str).where(name.fillna("") != "", country.fillna("").astype(str))


def relation_edges(relations: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (source, target, event): how many relations, documents, negated ones, the
    modes and the first evidence sentence. A relation without a target has target "".
    """
    if relations is None or relations.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS)
    df = relations.assign(
        source=_actor(relations["source_actor"], relations["source_country"]),
        target=_actor(relations["target_actor"], relations["target_country"]),
        negated=relations["negated"].fillna(False).astype(bool),
    )
    df = df[df["source"] != ""]
    out = (
        df.groupby(["source", "target", "event"], sort=True)
        .agg(
            relations=("doc_id", "size"),
            documents=("doc_id", "nunique"),
            negated=("negated", "sum"),
            modes=("mode", lambda s: ", ".join(dict.fromkeys(v for v in s if v))),
            sentence=("sentence", "first"),
        )
        .reset_index()
    )
    out["negated"] = out["negated"].astype("int64")
    return out[EDGE_COLUMNS]


def relation_nodes(relations: pd.DataFrame | None) -> pd.DataFrame:
    """One row per actor with its country, how many relations touch it, and its place on a
    unit circle: grouped by country (most connected country first), then most connected actor,
    then name; a lone actor sits in the middle."""
    if relations is None or relations.empty:
        return pd.DataFrame(columns=NODE_COLUMNS)
    ends = pd.concat(
        [
            pd.DataFrame(
                {
                    "actor": _actor(relations[f"{side}_actor"], relations[f"{side}_country"]),
                    "country": relations[f"{side}_country"].fillna("").astype(str),
                }
            )
            for side in ("source", "target")
        ],
        ignore_index=True,
    )
    ends = ends[ends["actor"] != ""]
    if ends.empty:
        return pd.DataFrame(columns=NODE_COLUMNS)
    nodes = ends.groupby("actor").agg(
        country=("country", lambda s: next((v for v in s if v), "")), degree=("actor", "size")
    )
    # Actors of one country sit side by side, so arcs between countries cross the circle.
    nodes = nodes.reset_index()
    nodes["_lead"] = nodes.groupby("country")["degree"].transform("sum")
    nodes = nodes.sort_values(
        ["_lead", "country", "degree", "actor"], ascending=[False, True, False, True]
    )
    n = len(nodes)
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
    nodes["x"] = [0.0] if n == 1 else [math.cos(a) for a in angles]
    nodes["y"] = [0.0] if n == 1 else [math.sin(a) for a in angles]
    return nodes.reset_index(drop=True)[NODE_COLUMNS]


def arc_points(
    a: tuple[float, float], b: tuple[float, float], bend: float
) -> tuple[list[float], list[float]]:
    """A quadratic curve from a to b bowed sideways by `bend` (0 is a straight line)."""
    (x0, y0), (x1, y1) = a, b
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    cx, cy = mx - dy / length * bend, my + dx / length * bend
    ts = [i / CURVE_POINTS for i in range(CURVE_POINTS + 1)]
    xs = [(1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1 for t in ts]
    ys = [(1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1 for t in ts]
    return xs, ys


def _edge_hover(e) -> str:
    target = e.target or "(no target)"
    head = f"<b>{html.escape(e.source)} → {html.escape(e.event)} → {html.escape(target)}</b>"
    lines = [head, f"{e.relations} relation(s) in {e.documents} document(s)"]
    if e.modes:
        lines.append(f"mode: {html.escape(e.modes)}")
    if e.negated:
        lines.append(f"negated: {e.negated}")
    lines.append(f"<i>{hover_text(e.sentence)}</i>")
    return "<br>".join(lines)


def relation_graph_chart(relations: pd.DataFrame | None) -> go.Figure:
    """Actors as labelled nodes and one arrowed arc per (source, target, event), coloured by
    event; hovering an arc's middle shows its evidence. Untargeted relations (MOBILIZE) are
    listed in their actor's hover."""
    fig = go.Figure()
    nodes, edges = relation_nodes(relations), relation_edges(relations)
    if nodes.empty:
        fig.update_layout(
            xaxis={"visible": False},
            yaxis={"visible": False},
            annotations=[{"text": "No relations extracted", "showarrow": False}],
            height=220,
        )
        return fig
    where = {r.actor: (r.x, r.y) for r in nodes.itertuples(index=False)}
    pair_count: dict[frozenset, int] = {}
    seen_events: set[str] = set()
    # Traces and arrows are gathered and given to plotly once: adding them one by one
    # re-checks every earlier arrow each time (quadratic: 0.7 s for 40 arcs).
    traces: list[go.Scatter] = []
    arrows: list[dict] = []
    for e in edges[edges["target"] != ""].itertuples(index=False):
        k = pair_count.get(frozenset((e.source, e.target)), 0)
        pair_count[frozenset((e.source, e.target))] = k + 1
        bend = CURVE_STEP * (k + 1) * (1 if k % 2 == 0 else -1)
        xs, ys = arc_points(where[e.source], where[e.target], bend)
        colour = EVENT_COLOURS.get(e.event, OTHER_COLOUR)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={
                    "color": colour,
                    "width": 1.5 + min(e.relations, 5),
                    "dash": "dot" if e.negated else "solid",
                },
                hoverinfo="skip",
                name=e.event,
                legendgroup=e.event,
                showlegend=e.event not in seen_events,
            )
        )
        seen_events.add(e.event)
        mid = CURVE_POINTS // 2
        traces.append(
            go.Scatter(
                x=[xs[mid]],
                y=[ys[mid]],
                mode="markers+text",
                marker={"size": 9, "color": colour},
                text=[e.event],
                textposition="top center",
                textfont={"size": 10, "color": colour},
                hovertext=[_edge_hover(e)],
                hoverinfo="text",
                legendgroup=e.event,
                showlegend=False,
            )
        )
        arrows.append(
            {
                "x": xs[-1],
                "y": ys[-1],
                "ax": xs[-4],
                "ay": ys[-4],
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 3,
                "arrowsize": 1.4,
                "arrowwidth": 1.5,
                "arrowcolor": colour,
                "text": "",
                "standoff": 14,
            }
        )
    alone = edges[edges["target"] == ""].groupby("source")["event"].agg(", ".join)
    node_hover = [
        f"<b>{html.escape(r.actor)}</b>{' (' + html.escape(r.country) + ')' if r.country else ''}"
        f"<br>{r.degree} relation end(s)"
        + (f"<br>untargeted: {html.escape(alone[r.actor])}" if r.actor in alone.index else "")
        for r in nodes.itertuples(index=False)
    ]
    traces.append(
        go.Scatter(
            x=nodes["x"],
            y=nodes["y"],
            mode="markers+text",
            marker={"size": [14 + 3 * min(d, 6) for d in nodes["degree"]], "color": "#252525"},
            text=[
                f"{a} ({c})" if c and c != a else a
                for a, c in zip(nodes["actor"], nodes["country"], strict=True)
            ],
            textposition=["top center" if y >= 0 else "bottom center" for y in nodes["y"]],
            hovertext=node_hover,
            hoverinfo="text",
            showlegend=False,
            name="actors",
        )
    )
    fig.add_traces(traces)
    fig.update_layout(
        title="Relations between actors",
        height=520,
        xaxis={"visible": False, "range": [-1.6, 1.6]},
        yaxis={"visible": False, "range": [-1.3, 1.3]},
        legend={"orientation": "h", "y": -0.05},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hovermode="closest",
        annotations=arrows,
    )
    return fig

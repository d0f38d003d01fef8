"""The relation graph: edges and nodes from a hand-made relations table, and its plotly figure."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import relation_graph as rg


def relation(src, src_c, tgt, tgt_c, event, doc="d1", negated=False, mode="", sentence="s."):
    return {
        "doc_id": doc, "start": 0, "end": 5, "text": "words", "source_actor": src,
        "source_country": src_c, "target_actor": tgt, "target_country": tgt_c, "event": event,
        "mode": mode, "negated": negated, "sentence": sentence,
    }  # fmt: skip


@pytest.fixture
def relations() -> pd.DataFrame:
    return pd.DataFrame(
        [
            relation("Nicolás Maduro", "VE", "Vladimir Putin", "RU", "REQUEST",
                     mode="assist/military", sentence="Maduro asked <b>Putin</b> for help."),
            relation("Nicolás Maduro", "VE", "Vladimir Putin", "RU", "REQUEST", doc="d2",
                     mode="assist/military"),
            relation("Nicolás Maduro", "VE", "Vladimir Putin", "RU", "THREATEN", negated=True),
            relation("", "RU", "", "VE", "SUPPORT"),  # named by country only
            relation("Washington", "US", "", "", "MOBILIZE"),  # no target
            relation("", "", "Iran", "IR", "AID"),  # no source: left out of the edges
        ],
        columns=rg.RELATION_COLUMNS,
    )  # fmt: skip


def test_edges_count_relations_per_pair_and_event(relations: pd.DataFrame) -> None:
    edges = rg.relation_edges(relations)
    assert list(edges.columns) == rg.EDGE_COLUMNS
    got = {(e.source, e.target, e.event): e for e in edges.itertuples(index=False)}
    assert set(got) == {
        ("Nicolás Maduro", "Vladimir Putin", "REQUEST"),
        ("Nicolás Maduro", "Vladimir Putin", "THREATEN"),
        ("RU", "VE", "SUPPORT"),
        ("Washington", "", "MOBILIZE"),
    }
    request = got[("Nicolás Maduro", "Vladimir Putin", "REQUEST")]
    assert (request.relations, request.documents, request.negated) == (2, 2, 0)
    assert request.modes == "assist/military"
    assert got[("Nicolás Maduro", "Vladimir Putin", "THREATEN")].negated == 1


def test_nodes_on_a_circle_grouped_by_country(relations: pd.DataFrame) -> None:
    nodes = rg.relation_nodes(relations)
    assert list(nodes.columns) == rg.NODE_COLUMNS
    assert set(nodes["actor"]) == {
        "Nicolás Maduro", "Vladimir Putin", "RU", "VE", "Washington", "Iran"
    }  # fmt: skip
    # Russia's and Venezuela's actors (4 relation ends each: a tie, by code) side by side,
    # the most connected first.
    assert list(nodes["country"])[:4] == ["RU", "RU", "VE", "VE"]
    assert list(nodes["actor"])[:3] == ["Vladimir Putin", "RU", "Nicolás Maduro"]
    for x, y in zip(nodes["x"], nodes["y"], strict=True):
        assert math.isclose(math.hypot(x, y), 1.0)
    again = rg.relation_nodes(relations.iloc[::-1])
    pd.testing.assert_frame_equal(nodes, again)  # the input order does not matter


def test_arc_points_bow_sideways() -> None:
    xs, ys = rg.arc_points((0.0, 0.0), (1.0, 0.0), 0.2)
    assert (xs[0], ys[0], xs[-1], ys[-1]) == (0.0, 0.0, 1.0, 0.0)
    assert max(ys) == pytest.approx(0.1)  # half the control point's offset
    straight = rg.arc_points((0.0, 0.0), (1.0, 0.0), 0.0)[1]
    assert max(abs(y) for y in straight) == 0


def test_graph_figure_has_arcs_labels_and_escaped_evidence(relations: pd.DataFrame) -> None:
    fig = rg.relation_graph_chart(relations)
    arcs = [t for t in fig.data if t.mode == "lines"]
    assert sorted(t.name for t in arcs) == ["REQUEST", "SUPPORT", "THREATEN"]
    assert next(t for t in arcs if t.name == "THREATEN").line.dash == "dot"  # negated
    # The two arcs between Maduro and Putin bow to opposite sides.
    pair = [t for t in arcs if t.name in ("REQUEST", "THREATEN")]
    mid = rg.CURVE_POINTS // 2
    assert pair[0].y[mid] != pair[1].y[mid]
    assert len(fig.layout.annotations) == 3  # one arrowhead per arc
    hovers = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "Nicolás Maduro → REQUEST → Vladimir Putin" in hovers
    assert "&lt;b&gt;Putin&lt;/b&gt;" in hovers and "<b>Putin</b>" not in hovers
    assert "untargeted: MOBILIZE" in hovers
    nodes = fig.data[-1]
    assert "Nicolás Maduro (VE)" in nodes.text and "RU" in nodes.text


@pytest.mark.parametrize("empty", [None, pd.DataFrame(columns=rg.RELATION_COLUMNS)])
def test_no_relations_gives_a_message(empty) -> None:
    fig = rg.relation_graph_chart(empty)
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "No relations extracted"
    assert rg.relation_edges(empty).empty and rg.relation_nodes(empty).empty

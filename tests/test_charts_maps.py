"""Charts (plotly) and the map (pydeck) built from query results."""

from __future__ import annotations

import json
from itertools import pairwise

import pandas as pd
import pytest

from dashboard import charts, maps
from dashboard import geo_queries as geo
from dashboard import queries as q
from dashboard import timeline_queries as tq
from dashboard.tables import Tables

# --- charts ------------------------------------------------------------------------------


def test_timeline_has_one_trace_per_colour(sample: Tables) -> None:
    events = tq.timeline_events(sample)
    fig = charts.timeline_chart(events)
    assert [t.name for t in fig.data] == ["official", "place", "published"]
    assert sum(len(t.x) for t in fig.data) == len(events)
    published = fig.data[-1]
    assert list(published.marker.symbol) == [charts.SYMBOL_CODES["diamond"]] * 2
    assert set(charts.SYMBOL_CODES) == set(charts.LANE_SYMBOLS.values())
    assert fig.layout.xaxis.type == "date"
    # Brushing: a drag selects a time range, not points in two dimensions.
    assert (fig.layout.dragmode, fig.layout.selectdirection) == ("select", "h")
    labels = set(fig.layout.yaxis.ticktext)
    assert labels == {"Test item", "عنوان تجريبي"}


def test_timeline_hover_shows_the_sentence_and_the_anchor_escaped(sample: Tables) -> None:
    # The claim's words (shown in the hover) hold markup and quotes.
    sample.claims.loc[0, "text"] = '<script>alert(1)</script> said the "text".'
    events = tq.timeline_events(sample)
    fig = charts.timeline_chart(events)
    hover = " ".join(h for t in fig.data for h in t.hovertext)
    assert "مارس المقبل" in hover and "relative to published 2025-11-01" in hover
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert '"text"' in hover and "&quot;" not in hover


def test_timeline_of_one_day_shows_a_week_of_days(sample: Tables) -> None:
    """Events of a single day: the axis is days wide, centred on it, so a day can be brushed."""
    events = tq.timeline_events(sample)
    one_day = events[events["date"] == events["date"].max()]
    lo, hi = (pd.Timestamp(x) for x in charts.timeline_chart(one_day).layout.xaxis.range)
    day = events["date"].max()
    assert hi - lo == pd.Timedelta(days=7) and lo + pd.Timedelta(days=3.5) == day
    # Two days apart (Oct 27 and 29): the same week-wide axis, centred between them.
    two = events[events["date"] < pd.Timestamp("2025-11-01")]
    lo, hi = (pd.Timestamp(x) for x in charts.timeline_chart(two).layout.xaxis.range)
    assert (lo, hi) == (pd.Timestamp("2025-10-24 12:00"), pd.Timestamp("2025-10-31 12:00"))
    # Over more than a week of dates, plotly fits the axis to them.
    assert events["date"].max() - events["date"].min() > pd.Timedelta(days=7)
    assert charts.timeline_chart(events).layout.xaxis.range is None


def test_timeline_axis_leaves_out_dates_far_from_the_published_days(sample: Tables) -> None:
    events = tq.timeline_events(sample)
    recent = pd.concat([events] * 40, ignore_index=True)
    recent["date"] = pd.date_range("2020-01-01", "2021-12-31", periods=len(recent))
    mentioned = recent[recent["lane"] != "published"].iloc[:3]
    far = mentioned.assign(date=[pd.Timestamp(d) for d in ("1000-01-01", "1492-10-12", "2093")])
    near = mentioned.iloc[:1].assign(date=pd.Timestamp("2012-05-01"))  # within ten years
    fig = charts.timeline_chart(pd.concat([recent, far, near], ignore_index=True))
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert pd.Timestamp("2011-06-01") < lo < pd.Timestamp("2012-05-01")
    assert pd.Timestamp("2021-12-31") < hi < pd.Timestamp("2022-12-31")
    assert f"3 of {len(recent) + 4:,} dates" in fig.layout.title.text
    # Documents published over the centuries keep the whole axis.
    spread = recent.assign(date=pd.date_range("1500-01-01", "2021-12-31", periods=len(recent)))
    fig = charts.timeline_chart(spread)
    assert fig.layout.xaxis.range is None and "Off the axis" not in fig.layout.title.text


def test_timeline_shades_the_active_date_range(sample: Tables) -> None:
    fig = charts.timeline_chart(tq.timeline_events(sample), ("2025-10-01", "2025-10-31"))
    (shape,) = fig.layout.shapes
    assert str(shape.x0).startswith("2025-10-01") and str(shape.x1).startswith("2025-11-01")
    assert not charts.timeline_chart(tq.timeline_events(sample)).layout.shapes


def test_hover_text_wraps_and_escapes() -> None:
    out = charts.hover_text("<b>" + "word " * 40, width=30)
    assert out.startswith("&lt;b&gt;")
    assert out.count("<br>") >= 5


def test_figure_group_chart_bars_largest_on_top(sample: Tables) -> None:
    unit, per, rows = q.figure_groups(sample.figures)[0]
    fig = charts.figure_group_chart(rows, unit, per)
    bar = fig.data[0]
    assert bar.orientation == "h"
    # Plotly draws the first category at the bottom: the largest comes last.
    assert list(bar.x) == [7e5, 9e6]
    assert list(bar.y) == [0, 1]
    assert list(fig.layout.yaxis.ticktext) == ["exports", "oil output"]  # what each measures
    assert fig.layout.title.text == "bbl per day"
    assert "نحو 9 ملايين برميل يوميا" in bar.hovertext[1]


def test_figure_group_chart_draws_copies_once_and_the_largest_only() -> None:
    """200 copies of one article repeat its figure: one bar, marked ×200; of 41 distinct
    figures the 25 largest are drawn and the title says so."""
    copies = [("1.5 mln bpd", 1.5e6, "exports")] * 200
    others = [(f"{v} bpd", float(v), "") for v in range(1000, 41_000, 1000)]
    rows = pd.DataFrame(copies + others, columns=["text", "value", "object"]).assign(
        low=None, high=None, approx=False, sentence="s"
    )
    fig = charts.figure_group_chart(rows, "bbl", "day")
    bar = fig.data[0]
    assert len(bar.x) == charts.MAX_BARS == 25
    assert list(bar.x)[-2:] == [40_000.0, 1.5e6]  # largest on top; 1,000 to 16,000 left out
    assert min(bar.x) == 17_000.0
    assert fig.layout.yaxis.ticktext[-1] == "exports ×200"
    assert "reported 200 times" in bar.hovertext[-1] and "reported" not in bar.hovertext[0]
    assert fig.layout.title.text == "bbl per day: the 25 largest of 41 distinct figures"
    assert fig.layout.xaxis.title.text == "bbl per day"
    # A figure that differs in its words stays a bar of its own.
    rows.loc[0, "text"] = "1.5 million bpd"
    assert (
        fig.layout.yaxis.ticktext[-1]
        != charts.figure_group_chart(rows, "bbl", "day").layout.yaxis.ticktext[-1]
    )


def test_figure_group_chart_log_axis_for_wide_spreads() -> None:
    rows = pd.DataFrame(
        {
            "text": ["a", "b"],
            "value": [5.0, 5e6],
            "low": [None, None],
            "high": [None, None],
            "approx": [False, False],
            "object": ["", ""],
            "sentence": ["s", "t"],
        }
    )
    assert charts.figure_group_chart(rows, "USD", "").layout.xaxis.type == "log"
    rows["value"] = [5.0, 50.0]
    assert charts.figure_group_chart(rows, "USD", "").layout.xaxis.type == "linear"


def test_figure_group_chart_draws_ranges_as_error_bars(sample: Tables) -> None:
    figures = sample.figures.copy()
    figures.loc[figures["value"] == 12.0, ["low", "high"]] = [10.0, 15.0]
    _, _, rows = next(g for g in q.figure_groups(figures) if g[0] == "percent")
    bars, ranges = charts.figure_group_chart(rows, "percent", "").data
    assert bars.error_x.array is None  # 3 percent, which has no range, shows no range mark
    assert list(ranges.y) == [1] and list(ranges.x) == [12.0]  # the bar of 12 (bars: 3, 12)
    assert list(ranges.error_x.array) == [3.0]  # 15 - 12
    assert list(ranges.error_x.arrayminus) == [2.0]  # 12 - 10
    assert ranges.hoverinfo == "skip" and ranges.marker.opacity == 0


def test_source_kind_chart(sample: Tables) -> None:
    fig = charts.source_kind_chart(q.source_kind_counts(sample.claims))
    assert list(fig.data[0].x) == ["official", "analyst", "media"]
    assert list(fig.data[0].y) == [2, 1, 1]


def _volume_bins(periods: list[str]) -> pd.DataFrame:
    rows = [
        (pd.Timestamp(p), series, n)
        for p in periods
        for series, n in (("claims", 4), ("documents", 1), ("figures", 9))
    ]
    return pd.DataFrame(rows, columns=["period", "series", "count"])


@pytest.mark.parametrize(("bin", "period"), [("day", "2025-08-08"), ("week", "2025-08-04")])
def test_volume_chart_of_one_bin_shows_its_bars_side_by_side_in_days(bin: str, period: str):
    fig = charts.volume_chart(_volume_bins([period]), bin)
    day_ms = 86_400_000
    span = day_ms * charts.BIN_DAYS[bin]
    assert [t.name for t in fig.data] == ["documents", "figures", "claims"]
    # The bars stand next to one another, never over one another, centred on the bin's tick.
    edges = [(t.offset, t.offset + t.width) for t in fig.data]
    assert all(-span / 2 <= a < b <= span / 2 for a, b in edges)
    assert edges[0][0] == -edges[-1][1]
    assert all(b <= a2 for (_, b), (a2, _) in pairwise(edges))
    # The axis spans the bin and more (not a few hours of it), with a tick per bin from its
    # first day on, labelled by date.
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert lo < pd.Timestamp(period) and hi - lo >= pd.Timedelta(days=2 * charts.BIN_DAYS[bin])
    assert (fig.layout.xaxis.dtick, pd.Timestamp(fig.layout.xaxis.tick0)) == (
        span,
        pd.Timestamp(period),
    )
    assert "%H" not in fig.layout.xaxis.tickformat


def test_volume_chart_of_many_bins_leaves_the_ticks_to_plotly() -> None:
    days = [str(d.date()) for d in pd.date_range("2025-01-01", periods=40)]
    fig = charts.volume_chart(_volume_bins(days), "day")
    assert fig.layout.xaxis.dtick is None
    assert [len(t.x) for t in fig.data] == [40, 40, 40]


@pytest.mark.parametrize(
    "build",
    [
        lambda t: charts.timeline_chart(tq.timeline_events(t)),
        lambda t: charts.source_kind_chart(q.source_kind_counts(t.claims)),
        lambda t: charts.figure_group_chart(t.figures, "USD", ""),
    ],
)
def test_empty_data_gives_a_figure_with_a_message(sample: Tables, build) -> None:
    empty = q.apply_filters(sample, q.Filters(documents=("none",)))
    fig = build(empty)
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text.startswith("No ")


# --- map ---------------------------------------------------------------------------------


def deck_json(sample: Tables) -> dict:
    deck = maps.places_deck(geo.place_points(sample.places), geo.claim_arcs(sample))
    return json.loads(deck.to_json())


def layer(spec: dict, layer_id: str) -> dict:
    return next(x for x in spec["layers"] if x["id"] == layer_id)


def test_deck_has_points_arcs_a_graticule_and_the_outline(sample: Tables) -> None:
    spec = deck_json(sample)
    assert [x["@@type"] for x in spec["layers"]] == [
        "PathLayer",
        "PathLayer",
        "ScatterplotLayer",
        "TextLayer",
        "ArcLayer",
    ]
    outline = layer(spec, "outline")["data"]
    corners = [p for line in outline for p in line["path"]]
    assert len(outline) > 500 and len(corners) > 8000  # Natural Earth 1:110m
    assert min(x for x, _ in corners) == -180 and max(x for x, _ in corners) == 180
    # No segment runs across the map along the antimeridian.
    steps = [(a, b) for line in outline for a, b in pairwise(line["path"])]
    assert all(abs(a[0] - b[0]) < 180 for a, b in steps)
    points = layer(spec, "places")["data"]
    assert len(points) == 5
    assert len(layer(spec, "claim-arcs")["data"]) == 2


def test_points_sized_by_mentions_and_coloured_by_kind(sample: Tables) -> None:
    points = {p["title"]: p for p in layer(deck_json(sample), "places")["data"]}
    assert points["China"]["radius"] > points["Iraq"]["radius"]
    assert points["China"]["colour"][:3] == maps.KIND_COLOURS["country"]
    assert points["Riyadh"]["colour"][:3] == maps.KIND_COLOURS["city"]
    assert points["Caracas"]["position"] == [-66.88, 10.49]


def test_tooltip_has_both_names_and_evidence(sample: Tables) -> None:
    spec = deck_json(sample)
    china = next(p for p in layer(spec, "places")["data"] if p["title"] == "China")
    assert china["local"] == "الصين"
    assert "2 mentions" in china["detail"]
    assert "الصين" in china["evidence"]
    html = maps.TOOLTIP["html"]
    assert all(f"{{{f}}}" in html for f in ("title", "local", "detail", "evidence"))


def test_labels_name_the_most_mentioned_places_in_english(sample: Tables) -> None:
    points = geo.place_points(sample.places)
    labels = maps.label_records(points, n=2)
    assert [x["label"] for x in labels] == ["China", "Caracas"]
    assert labels[0]["position"] == [105.0, 35.0]
    assert len(layer(deck_json(sample), "place-labels")["data"]) == 5


def test_tooltip_evidence_is_shortened() -> None:
    assert len(maps._short("x " * 500)) == maps.TOOLTIP_CHARS


def test_basemap_needs_no_api_key(sample: Tables) -> None:
    spec = deck_json(sample)
    assert spec["mapProvider"] == "carto"
    assert spec["mapStyle"].startswith("https://basemaps.cartocdn.com/")
    assert "mapbox" not in json.dumps(spec).lower()


def test_view_fits_the_points(sample: Tables) -> None:
    points = geo.place_points(sample.places)
    view = maps.view_for(points)
    assert points["lat"].min() <= view.latitude <= points["lat"].max()
    assert points["lon"].min() <= view.longitude <= points["lon"].max()
    one = points.head(1)
    assert maps.view_for(one).zoom > view.zoom


def test_empty_map_still_builds(sample: Tables) -> None:
    empty = geo.place_points(sample.places.head(0))
    spec = json.loads(maps.places_deck(empty).to_json())
    assert layer(spec, "places")["data"] == []
    assert not any(x["id"] == "claim-arcs" for x in spec["layers"])


def test_relations_draw_arcs_between_countries() -> None:
    from dashboard.geo_queries import relation_arcs
    from dashboard.pipeline import seed_tables

    arcs = relation_arcs(seed_tables())
    got = set(zip(arcs["link"], arcs["source"], arcs["target_local"], strict=True))
    # Hand-checked in the seed: Maduro asks Russia and China; Iran ships drones to Venezuela;
    # the Russian foreign ministry backs Venezuela; Moscow ratifies a treaty with Caracas.
    assert got == {
        ("REQUEST", "Nicolás Maduro", "روسيا"),
        ("REQUEST", "Nicolás Maduro", "الصين"),
        ("AID", "Iran", "فنزويلا"),
        ("SUPPORT", "Ministry of Foreign Affairs", "فنزويلا"),
        ("AGREE", "Moscow", "فنزويلا"),
    }
    # The US MOBILIZE relation has no target country: no arc.


def test_point_radius_is_bounded_however_big_the_corpus() -> None:
    from dashboard.maps import MAX_RADIUS, MIN_RADIUS, point_radius

    assert point_radius(1_000_000, 1_000_000) == MAX_RADIUS
    assert point_radius(1, 1_000_000) < MIN_RADIUS + 0.1
    assert point_radius(250, 1_000) < point_radius(500, 1_000) < MAX_RADIUS


def test_outline_arcs_are_decoded_rounded_and_cut_at_the_antimeridian() -> None:
    from dashboard.outline_build import decode_arcs

    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [-180, -90]},
        # Quantized and delta-encoded: (700, 400) is lon 170, lat 10; then +20 (180, 10),
        # -720 (-180, 10: across the antimeridian), +2 (-179, 10), +0.04 apart (same point).
        "arcs": [[[700, 400], [20, 0], [-720, 0], [2, 0], [0, 0]], [[10, 10]]],
    }
    assert decode_arcs(topology) == [
        [[170.0, 10.0], [180.0, 10.0]],
        [[-180.0, 10.0], [-179.0, 10.0]],
    ]

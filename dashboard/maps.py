"""Place points and claim arcs as a pydeck Deck over a basemap that needs no API key.

The Carto basemap is fetched by the browser; when its tiles cannot load (no network) the
layers are still drawn by deck.gl, over the countries' outline (data/world_outline.json) and a
faint graticule, so the points keep their geography.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd
import pydeck as pdk

# Carto's public GL styles need no key (pydeck's default provider).
BASEMAP = pdk.map_styles.CARTO_LIGHT

# One colour per place kind (RGB), chosen to stay apart on a light basemap.
KIND_COLOURS: dict[str, list[int]] = {
    "country": [31, 119, 180],
    "city": [214, 39, 40],
    "region": [44, 160, 44],
    "water": [23, 190, 207],
    "continent": [148, 103, 189],
    "facility": [255, 127, 14],
    "unresolved": [127, 127, 127],
}
OTHER_COLOUR = [140, 86, 75]
POINT_ALPHA = 200
ARC_SOURCE = [230, 85, 13]
ARC_TARGET = [49, 130, 189]
TOOLTIP_CHARS = 220
LABELLED_PLACES = 10

# Streamlit's deck tooltip HTML-escapes every {field} it substitutes (verified in 1.67's
# DeckGlJsonChart), so the values stay raw here; only this fixed template is markup.
TOOLTIP = {
    "html": (
        "<div style='max-width:360px;white-space:normal'><b>{title}</b><br/>"
        "<span dir='auto' style='font-size:1.15em'>{local}</span><br/>"
        "<small>{detail}</small><br/><span dir='auto'>{evidence}</span></div>"
    ),
    "style": {"backgroundColor": "#1f2430", "color": "#f4f4f4", "fontSize": "12px"},
}


def _short(text: str, n: int = TOOLTIP_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


MIN_RADIUS, MAX_RADIUS = 5.0, 30.0  # pixels: the least and the most mentioned place


def point_radius(mentions: int, most: int) -> float:
    """Pixel radius with area growing with mentions, the most mentioned place at MAX_RADIUS
    (however big the corpus, points stay points)."""
    share = max(int(mentions), 1) / max(int(most), 1)
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(share)


def point_records(points: pd.DataFrame) -> list[dict[str, object]]:
    """Plain JSON-ready records for the ScatterplotLayer, with tooltip fields."""
    records = []
    most = int(points["mentions"].max()) if len(points) else 1
    for row in points.itertuples(index=False):
        plural = "" if row.mentions == 1 else "s"
        records.append(
            {
                "position": [float(row.lon), float(row.lat)],
                "radius": point_radius(row.mentions, most),
                "colour": KIND_COLOURS.get(row.kind, OTHER_COLOUR) + [POINT_ALPHA],
                "title": str(row.name or row.name_local),
                "local": str(row.name_local),
                "detail": f"{row.kind} · {row.country} · {row.mentions} mention{plural}",
                "evidence": _short(row.sentence),
            }
        )
    return records


def label_records(points: pd.DataFrame, n: int = LABELLED_PLACES) -> list[dict[str, object]]:
    """English names of the n most mentioned places, drawn beside their points.

    Labels use the English name: deck.gl lays glyphs out left to right, which would scramble
    Arabic (the tooltip shows name_local instead).
    """
    top = points.head(n)
    most = int(points["mentions"].max()) if len(points) else 1
    return [
        {
            "position": [float(r.lon), float(r.lat)],
            "label": str(r.name),
            "offset": [point_radius(r.mentions, most) + 4, 0],
        }
        for r in top.itertuples(index=False)
        if r.name
    ]


def arc_records(arcs: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-ready records for the ArcLayer, with the same tooltip fields as points."""
    return [
        {
            "source": [float(a.source_lon), float(a.source_lat)],
            "target": [float(a.target_lon), float(a.target_lat)],
            "title": f"{a.source_country} → {a.target}",
            "local": str(a.target_local),
            "detail": f"claim by {a.source}" if a.link == "claim" else f"{a.link} by {a.source}",
            "evidence": _short(a.sentence),
        }
        for a in arcs.itertuples(index=False)
    ]


def graticule(step: int = 30) -> list[dict[str, object]]:
    """Meridians and parallels every `step` degrees, drawn under everything."""
    lines: list[dict[str, object]] = [
        {"path": [[lon, lat] for lat in range(-80, 81, 10)]} for lon in range(-180, 181, step)
    ]
    lines += [
        {"path": [[lon, lat] for lon in range(-180, 181, 10)]} for lat in range(-60, 61, step)
    ]
    return lines


OUTLINE = Path(__file__).resolve().parent.parent / "data" / "world_outline.json"


@cache
def outline() -> list[dict[str, object]]:
    """The countries' borders and coastlines as PathLayer records (dashboard/outline_build.py)."""
    lines = json.loads(OUTLINE.read_text(encoding="utf-8"))["lines"]
    return [{"path": line} for line in lines]


def view_for(points: pd.DataFrame) -> pdk.ViewState:
    """A view centred on the points, zoomed to hold them all (the world when there are none)."""
    if points.empty:
        return pdk.ViewState(latitude=20.0, longitude=0.0, zoom=0.8)
    lat_lo, lat_hi = float(points["lat"].min()), float(points["lat"].max())
    lon_lo, lon_hi = float(points["lon"].min()), float(points["lon"].max())
    span = max(lat_hi - lat_lo, (lon_hi - lon_lo) / 2, 1.0)
    zoom = max(0.5, min(6.0, math.log2(180.0 / span)))
    return pdk.ViewState(latitude=(lat_lo + lat_hi) / 2, longitude=(lon_lo + lon_hi) / 2, zoom=zoom)


def _lines(data: list[dict[str, object]], layer_id: str, colour: list[int]) -> pdk.Layer:
    """Thin lines of the map's frame, under everything and never picked."""
    return pdk.Layer(
        "PathLayer",
        data=data,
        id=layer_id,
        get_path="path",
        get_color=colour,
        width_min_pixels=1,
        pickable=False,
    )


def places_deck(points: pd.DataFrame, arcs: pd.DataFrame | None = None) -> pdk.Deck:
    """Points sized by mentions and coloured by kind, plus claim arcs; tooltips on both.

    `points` has geo_queries.POINT_COLUMNS, `arcs` geo_queries.ARC_COLUMNS.
    """
    layers = [
        _lines(graticule(), "graticule", [120, 120, 140, 70]),
        _lines(outline(), "outline", [110, 110, 120, 150]),
        pdk.Layer(
            "ScatterplotLayer",
            data=point_records(points),
            id="places",
            get_position="position",
            get_radius="radius",
            radius_units="pixels",
            get_fill_color="colour",
            get_line_color=[255, 255, 255, 230],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
        ),
    ]
    labels = label_records(points)
    layers.append(
        pdk.Layer(
            "TextLayer",
            data=labels,
            id="place-labels",
            get_position="position",
            get_text="label",
            get_size=13,
            get_color=[40, 40, 60, 230],
            get_pixel_offset="offset",
            # "auto" builds the glyph atlas from the labels, so accented names are drawn too.
            character_set='"auto"',
            outline_width=2,
            outline_color=[255, 255, 255, 255],
            font_settings={"sdf": True},
            # Quoted: pydeck would turn a bare string into an accessor function.
            font_family='"sans-serif"',
            get_text_anchor='"start"',
            get_alignment_baseline='"center"',
            pickable=False,
        )
    )
    if arcs is not None and not arcs.empty:
        layers.append(
            pdk.Layer(
                "ArcLayer",
                data=arc_records(arcs),
                id="claim-arcs",
                get_source_position="source",
                get_target_position="target",
                get_source_color=ARC_SOURCE + [200],
                get_target_color=ARC_TARGET + [200],
                get_width=2,
                pickable=True,
            )
        )
    return pdk.Deck(
        layers=layers,
        initial_view_state=view_for(points),
        map_provider="carto",
        map_style=BASEMAP,
        tooltip=TOOLTIP,
    )

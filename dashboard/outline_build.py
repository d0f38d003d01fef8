"""Build data/world_outline.json: the world's country borders and coastlines at 1:110m.

Run `python -m dashboard.outline_build PATH/countries-110m.json` with that file of the
world-atlas npm package, version 2.0.2 (Natural Earth 4.1.0, public domain, as TopoJSON). Each
TopoJSON arc (a border between two countries, or a stretch of coast) becomes one line of
[lon, lat] points, rounded to 0.1 degree (about 11 km: finer than a world map shows), with
repeated points dropped. The map draws these lines under its points, so it keeps its geography
when the browser cannot load basemap tiles. Sources and licences: data/PLACES.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "world_outline.json"
ABOUT = (
    "Country borders and coastlines of Natural Earth 4.1.0 at 1:110m (public domain), from "
    "the TopoJSON of the world-atlas npm package 2.0.2; one line per TopoJSON arc, [lon, lat] "
    "rounded to 0.1 degree, cut where they cross the antimeridian. Built by "
    "`python -m dashboard.outline_build`."
)


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Each arc of a quantized TopoJSON topology as [lon, lat] points rounded to 0.1 degree."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    lines = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[list[float]] = []
        for dx, dy in arc:  # positions are delta-encoded
            x, y = x + dx, y + dy
            point = [round(x * sx + tx, 1), round(y * sy + ty, 1)]
            if points and abs(point[0] - points[-1][0]) > 180:
                # Along the antimeridian (180 to -180): a straight line would cross the map.
                lines.append(points)
                points = []
            if not points or point != points[-1]:
                points.append(point)
        lines.append(points)
    return [line for line in lines if len(line) >= 2]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    lines = decode_arcs(topology)
    OUT.write_text(
        json.dumps({"_about": ABOUT, "lines": lines}, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(lines)} lines, {sum(map(len, lines))} points")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Make src/casebook/pictures/geo/europe.json, the outlines the map of Europe is drawn from, out of world-atlas.

    npm pack world-atlas@2.0.2        # or: curl -O https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz
    tar xzf world-atlas-2.0.2.tgz
    python tools/make_europe.py package/countries-50m.json src/casebook/pictures/geo/europe.json

world-atlas is Natural Earth's 1:50m admin-0 countries as TopoJSON. This script decodes its shared
arcs, projects them (Lambert azimuthal equal-area centred on 10°E 52°N, the projection EEA and
Eurostat use for Europe), simplifies each shared arc once (so neighbours keep a common border, no
gaps), clips every country to the frame and writes SVG path data by ISO 3166-1 alpha-2 code, with an
anchor point per country (on or off the frame) for the arcs. The engine only reads the result.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from pathlib import Path

import pycountry

LON0, LAT0 = math.radians(10), math.radians(52)
# The frame, in projected kilometres around the centre: Iceland to the Caucasus, the Sahara's edge to the North Cape.
WEST, EAST, SOUTH, NORTH = -2650.0, 2350.0, -2050.0, 2250.0
WIDTH = 800  # viewBox width; height follows the frame's proportions
TOLERANCE = 0.7  # Douglas-Peucker tolerance in viewBox units (about 4 km)
MIN_AREA = 1.5  # rings smaller than this (viewBox units squared) are dropped, unless a country has no other
NAMES = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}  # shapes world-atlas gives no ISO number


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area, spherical (R = 6,371 km), in kilometres, y up."""
    lam, phi = math.radians(lon) - LON0, math.radians(lat)
    k = math.sqrt(2 / (1 + math.sin(LAT0) * math.sin(phi) + math.cos(LAT0) * math.cos(phi) * math.cos(lam)))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(LAT0) * math.sin(phi) - math.sin(LAT0) * math.cos(phi) * math.cos(lam))
    return 6371 * x, 6371 * y


SCALE = WIDTH / (EAST - WEST)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def to_view(x: float, y: float) -> tuple[float, float]:
    return (x - WEST) * SCALE, (NORTH - y) * SCALE


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(to_view(*project(x * sx + tx, y * sy + ty)))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the two ends stay, so shared borders still meet."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1e-12
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if (dx or dy) else math.hypot(px - ax, py - ay)
            if d > best:
                best, index = d, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points += arc[1:] if points else arc
    return points


def clip(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the frame (a small margin outside it, so borders at the edge stay hidden)."""
    m = 4.0
    edges = [
        (lambda p: p[0] >= -m, lambda a, b: _cut_x(a, b, -m)),
        (lambda p: p[0] <= WIDTH + m, lambda a, b: _cut_x(a, b, WIDTH + m)),
        (lambda p: p[1] >= -m, lambda a, b: _cut_y(a, b, -m)),
        (lambda p: p[1] <= HEIGHT + m, lambda a, b: _cut_y(a, b, HEIGHT + m)),
    ]
    for inside, cut in edges:
        out: list[tuple[float, float]] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cut(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cut(previous, current))
        points = out
        if not points:
            break
    return points


def _cut_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cut_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=False))) / 2


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=False):
        cross = x1 * y2 - x2 * y1
        a, cx, cy = a + cross, cx + (x1 + x2) * cross, cy + (y1 + y2) * cross
    if not a:
        return points[0]
    return cx / (3 * a), cy / (3 * a)


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Absolute first point, then relative moves rounded to one decimal: compact and exact enough."""
    parts = []
    for points in rings:
        cells = [(round(x * 10), round(y * 10)) for x, y in points]
        dedup = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]
        if len(dedup) < 3:
            continue
        (x0, y0), text = dedup[0], []
        text.append(f"M{_n(x0)} {_n(y0)}l")
        steps = []
        for (xa, ya), (xb, yb) in itertools.pairwise(dedup):
            steps.append(f"{_n(xb - xa)} {_n(yb - ya)}")
        parts.append(text[0] + " ".join(steps) + "z")
    return "".join(parts)


def _n(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def code_of(geometry: dict) -> str | None:
    if "id" in geometry:
        country = pycountry.countries.get(numeric=geometry["id"])
        if country:
            return str(country.alpha_2)
    return NAMES.get(geometry.get("properties", {}).get("name", ""))


def main(source: Path, target: Path) -> None:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    anchors: dict[str, tuple[float, float]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = code_of(geometry)
        if not code or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        raw = [ring(arcs, r) for polygon in polygons for r in polygon]
        largest = max((r for polygon in polygons for r in [ring(arcs, polygon[0])]), key=area)
        anchors.setdefault(code, centroid(largest))
        clipped = [c for c in (clip(r) for r in raw) if len(c) >= 3]
        kept = [c for c in clipped if area(c) >= MIN_AREA] or sorted(clipped, key=area)[-1:]
        if kept:
            shapes.setdefault(code, []).extend(kept)
    data = {
        "source": "world-atlas 2.0.2, countries-50m.json (Natural Earth 1:50m admin-0 countries)",
        "projection": "Lambert azimuthal equal-area, centre 10E 52N, spherical, frame "
        f"x {WEST:g}..{EAST:g} km, y {SOUTH:g}..{NORTH:g} km",
        "width": WIDTH,
        "height": HEIGHT,
        "anchors": {c: [round(x, 1), round(y, 1)] for c, (x, y) in sorted(anchors.items())},
        "countries": {c: path_data(r) for c, r in sorted(shapes.items()) if path_data(r)},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{target}: {len(data['countries'])} countries in the frame, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Build germany-states.geojson from Natural Earth's 1:10m admin-1 GeoJSON.

Usage (see SOURCE.md for where the input comes from):

    python casestudies/geodata/build.py path/to/build.json

Borders shared by two states are simplified once and reused by both, so the simplified
states still meet without gaps or overlaps.
"""

import argparse
import json
import math
from pathlib import Path

OUTPUT = Path(__file__).with_name("germany-states.geojson")
# Distances are measured with longitude scaled by cos(51°), as casestudies/map.py draws them.
LONGITUDE_SCALE = math.cos(math.radians(51))
TOLERANCE_DEGREES = 0.01  # about 1.1 km, well under one pixel of the drawn map
DECIMALS = 3  # about 110 m north-south, 70 m east-west


def _projected(point):
    return point[0] * LONGITUDE_SCALE, point[1]


def _distance_to_segment(point, start, end):
    px, py = _projected(point)
    ax, ay = _projected(start)
    bx, by = _projected(end)
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _douglas_peucker(chain, tolerance):
    keep = {0, len(chain) - 1}
    spans = [(0, len(chain) - 1)]
    while spans:
        first, last = spans.pop()
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            candidate = _distance_to_segment(chain[index], chain[first], chain[last])
            if candidate > distance:
                farthest, distance = index, candidate
        if farthest is not None:
            keep.add(farthest)
            spans += [(first, farthest), (farthest, last)]
    return [chain[index] for index in sorted(keep)]


def _rings(geometry):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[[tuple(point) for point in ring[:-1]] for ring in polygon] for polygon in polygons]


def _fixed_points(states):
    """Points where a border changes neighbours: simplification must keep them."""
    owners = {}
    for code, polygons in states.items():
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    owners.setdefault(point, set()).add(code)
    fixed = set()
    for polygons in states.values():
        for polygon in polygons:
            for ring in polygon:
                for index, point in enumerate(ring):
                    before, after = ring[index - 1], ring[(index + 1) % len(ring)]
                    if owners[point] != owners[before] or owners[point] != owners[after]:
                        fixed.add(point)
    return fixed


def _simplify_ring(ring, fixed, cache, tolerance):
    anchors = [index for index, point in enumerate(ring) if point in fixed]
    if not anchors:
        # An island or an enclave: every ring through these points starts at the same one.
        anchors = [ring.index(min(ring))]
    start = anchors[0]
    ring = ring[start:] + ring[:start]
    anchors = [index - start for index in anchors] + [len(ring)]
    closed = ring + ring[:1]
    simplified = []
    for first, last in zip(anchors, anchors[1:], strict=False):
        chain = tuple(closed[first : last + 1])
        key = min(chain, chain[::-1])
        if key not in cache:
            cache[key] = _douglas_peucker(list(key), tolerance)
        part = cache[key] if key == chain else cache[key][::-1]
        simplified += part[:-1]
    return simplified


def _rounded(ring):
    points = []
    for lon, lat in ring:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def build(source, tolerance=TOLERANCE_DEGREES):
    collection = json.loads(Path(source).read_text(encoding="utf-8"))
    features = [f for f in collection["features"] if f["properties"].get("adm0_a3") == "DEU"]
    # Natural Earth's "postal" column gives Brandenburg "BE"; the ISO 3166-2 code is reliable.
    states = {f["properties"]["iso_3166_2"].removeprefix("DE-"): f for f in features}
    geometry = {code: _rings(feature["geometry"]) for code, feature in states.items()}
    fixed = _fixed_points(geometry)
    cache = {}
    output = []
    for code in sorted(states):
        polygons = []
        for polygon in geometry[code]:
            outer, *holes = (_rounded(_simplify_ring(r, fixed, cache, tolerance)) for r in polygon)
            # A collapsed outer ring is an islet too small to draw: drop it with its holes.
            if len(outer) >= 3:
                rings = [outer, *(hole for hole in holes if len(hole) >= 3)]
                polygons.append([ring + ring[:1] for ring in rings])
        output.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": states[code]["properties"]["name"]},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {"type": "FeatureCollection", "features": output}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="Natural Earth ne_10m_admin_1_states_provinces as GeoJSON")
    parser.add_argument("--output", default=OUTPUT, type=Path)
    arguments = parser.parse_args()
    collection = build(arguments.source)
    arguments.output.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

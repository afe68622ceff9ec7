"""A map of Germany drawn on the server as SVG, with one link per municipality.

Projection: equirectangular with the standard parallel at 51°N (the middle of Germany),
x = longitude · cos(51°), y = −latitude, both scaled by UNITS_PER_DEGREE viewBox units per
degree of latitude. Over Germany's 47°–55°N it distorts shapes by under 10 %, which a locator
map can afford, and it keeps placing a marker a one-line formula.

Markers that would overlap are pushed apart until their targets no longer touch, each keeping
its own link and a leader line to its true position, rather than being merged into one marker
that would need a second, non-map way to choose between municipalities.
"""

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

from home.choices import FederalState

DATA_FILE = Path(__file__).parent / "geodata" / "germany-states.geojson"

STANDARD_PARALLEL = 51.0
UNITS_PER_DEGREE = 100.0
PADDING = 16.0
MARKER_RADIUS = 8.0
TARGET_RADIUS = 14.0  # the focus ring and pointer target: 28 units across
LEADER_MIN_LENGTH = 1.0
_RELAXATION_ROUNDS = 100

_X_SCALE = math.cos(math.radians(STANDARD_PARALLEL)) * UNITS_PER_DEGREE


@dataclass(frozen=True)
class StateOutline:
    code: str
    d: str

    @property
    def name(self):
        return FederalState(self.code).label


@dataclass(frozen=True)
class PlacedMarker:
    key: Any
    url: str
    label: str
    x: float
    y: float
    anchor_x: float
    anchor_y: float

    @property
    def displaced(self):
        return math.hypot(self.x - self.anchor_x, self.y - self.anchor_y) >= LEADER_MIN_LENGTH


@dataclass(frozen=True)
class GermanyMap:
    view_box: str
    width: float
    height: float
    states: tuple[StateOutline, ...]
    markers: tuple[PlacedMarker, ...]
    skipped: tuple[Any, ...]
    marker_radius: float = MARKER_RADIUS
    target_radius: float = TARGET_RADIUS

    @property
    def has_leaders(self):
        return any(marker.displaced for marker in self.markers)


@dataclass(frozen=True)
class _Frame:
    west: float
    east: float
    south: float
    north: float

    @property
    def width(self):
        return round((self.east - self.west) * _X_SCALE + 2 * PADDING, 1)

    @property
    def height(self):
        return round((self.north - self.south) * UNITS_PER_DEGREE + 2 * PADDING, 1)

    def contains(self, longitude, latitude):
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def project(self, longitude, latitude):
        x = (longitude - self.west) * _X_SCALE + PADDING
        y = (self.north - latitude) * UNITS_PER_DEGREE + PADDING
        return round(x, 1), round(y, 1)


@cache
def _outlines():
    collection = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    points = [
        point
        for feature in collection["features"]
        for polygon in feature["geometry"]["coordinates"]
        for ring in polygon
        for point in ring
    ]
    frame = _Frame(
        west=min(lon for lon, _ in points),
        east=max(lon for lon, _ in points),
        south=min(lat for _, lat in points),
        north=max(lat for _, lat in points),
    )
    states = tuple(
        StateOutline(
            code=FederalState(feature["properties"]["code"]).value,
            d=_path(frame, feature["geometry"]["coordinates"]),
        )
        for feature in collection["features"]
    )
    return frame, states


def _path(frame, polygons):
    rings = []
    for polygon in polygons:
        for ring in polygon:
            # GeoJSON repeats the first point at the end; "Z" closes the path instead.
            xy = [frame.project(lon, lat) for lon, lat in ring[:-1]]
            rings.append("M" + "L".join(f"{_number(x)} {_number(y)}" for x, y in xy) + "Z")
    return "".join(rings)


def _number(value):
    return f"{value:.1f}".removesuffix(".0")


def _field(marker, name, default=None):
    if isinstance(marker, Mapping):
        return marker.get(name, default)
    return getattr(marker, name, default)


def _degrees(value):
    if value is None:
        return None
    try:
        degrees = float(value)
    except (TypeError, ValueError):
        return None
    return degrees if math.isfinite(degrees) else None


def _spread(points, width, height):
    """Push apart markers closer than one target, so each stays visible and clickable."""
    spacing = 2 * TARGET_RADIUS
    positions = [list(point) for point in points]
    for _round in range(_RELAXATION_ROUNDS):
        moved = False
        for (_, first), (j, second) in combinations(enumerate(positions), 2):
            dx, dy = second[0] - first[0], second[1] - first[1]
            distance = math.hypot(dx, dy)
            if distance >= spacing - 0.05:
                continue
            if distance < 1e-6:
                # Same spot: fan out along the golden angle so the result is deterministic.
                angle = j * 2.399963
                dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
            push = (spacing - distance) / 2 / distance
            first[0] -= dx * push
            first[1] -= dy * push
            second[0] += dx * push
            second[1] += dy * push
            moved = True
        for position in positions:
            position[0] = min(max(position[0], TARGET_RADIUS), width - TARGET_RADIUS)
            position[1] = min(max(position[1], TARGET_RADIUS), height - TARGET_RADIUS)
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in positions]


def germany_map(markers: Iterable[Any]) -> GermanyMap:
    """Lay out markers on the map of Germany.

    Each marker is a mapping or an object with ``latitude``, ``longitude`` (Decimal, float
    or None), ``url``, ``label`` (the link's accessible name) and optionally ``key``.
    Markers without usable coordinates or outside Germany's bounding box are returned in
    ``skipped``, in their input order; the others keep their input order, which is also
    the keyboard order of the links.
    """
    frame, states = _outlines()
    placeable, skipped = [], []
    for marker in markers:
        latitude = _degrees(_field(marker, "latitude"))
        longitude = _degrees(_field(marker, "longitude"))
        if latitude is None or longitude is None or not frame.contains(longitude, latitude):
            skipped.append(marker)
        else:
            placeable.append((marker, frame.project(longitude, latitude)))
    positions = _spread([anchor for _, anchor in placeable], frame.width, frame.height)
    placed = tuple(
        PlacedMarker(
            key=_field(marker, "key"),
            url=_field(marker, "url"),
            label=_field(marker, "label"),
            x=x,
            y=y,
            anchor_x=anchor[0],
            anchor_y=anchor[1],
        )
        for (marker, anchor), (x, y) in zip(placeable, positions, strict=True)
    )
    return GermanyMap(
        view_box=f"0 0 {_number(frame.width)} {_number(frame.height)}",
        width=frame.width,
        height=frame.height,
        states=states,
        markers=placed,
        skipped=tuple(skipped),
    )

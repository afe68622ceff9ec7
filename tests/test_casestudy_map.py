import re
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from casestudies.map import TARGET_RADIUS, germany_map
from home.choices import FederalState

GUETERSLOH = {"latitude": Decimal("51.9065"), "longitude": Decimal("8.3785")}
MUNICH = {"latitude": 48.137, "longitude": 11.575}
MAP_CSS = Path(__file__).parents[1] / "casestudies/static/casestudies/map.css"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def marker(key, coordinates, **extra):
    return {
        "key": key,
        "url": f"/de/fallstudien/{key}/",
        "label": key.title(),
        **coordinates,
    } | extra


def rings(path):
    """The closed polygons of an SVG path made of absolute M, L and Z commands."""
    return [
        [tuple(map(float, pair.split())) for pair in ring.split("L")]
        for ring in re.findall(r"M([^MZ]+)Z", path)
    ]


def contains(path, x, y):
    """Even-odd point-in-polygon test, as the map fills its states."""
    inside = False
    for ring in rings(path):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def states_containing(germany, placed):
    return [state.code for state in germany.states if contains(state.d, placed.x, placed.y)]


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted(map(relative_luminance, (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_map_draws_all_sixteen_federal_states_with_the_project_codes():
    germany = germany_map([])

    assert sorted(state.code for state in germany.states) == sorted(FederalState.values)
    assert all(state.d.startswith("M") and state.d.endswith("Z") for state in germany.states)


def test_state_names_follow_the_active_language():
    bavaria = next(state for state in germany_map([]).states if state.code == "BY")

    with translation.override("en"):
        assert str(bavaria.name) == "Bavaria"


def test_guetersloh_lands_in_north_rhine_westphalia_and_munich_in_bavaria():
    germany = germany_map([marker("guetersloh", GUETERSLOH), marker("muenchen", MUNICH)])

    guetersloh, munich = germany.markers
    assert states_containing(germany, guetersloh) == ["NW"]
    assert states_containing(germany, munich) == ["BY"]


def test_berlin_is_not_drawn_as_part_of_brandenburg():
    germany = germany_map([marker("berlin", {"latitude": 52.52, "longitude": 13.405})])

    assert states_containing(germany, germany.markers[0]) == ["BE"]


def test_markers_without_coordinates_or_outside_germany_are_left_out_and_reported():
    missing = marker("ohne-ort", {"latitude": None, "longitude": None})
    half = marker("halb", {"latitude": Decimal("50.1"), "longitude": None})
    vienna = marker("wien", {"latitude": 48.2082, "longitude": 16.3738})
    nonsense = marker("unsinn", {"latitude": "north", "longitude": float("nan")})
    kept = marker("guetersloh", GUETERSLOH)

    germany = germany_map([missing, half, kept, vienna, nonsense])

    assert [placed.key for placed in germany.markers] == ["guetersloh"]
    assert germany.skipped == (missing, half, vienna, nonsense)


def test_markers_can_be_objects_with_attributes():
    class Municipality:
        latitude = Decimal("48.13700")
        longitude = Decimal("11.57500")
        url = "/de/fallstudien/muenchen/"
        label = "München: 1 Fallstudie"

    (placed,) = germany_map([Municipality()]).markers

    assert (placed.url, placed.label, placed.key) == (Municipality.url, Municipality.label, None)


def test_markers_at_the_same_spot_are_spread_apart_and_keep_their_own_links():
    same_spot = [marker(key, GUETERSLOH) for key in ("a", "b", "c")]
    nearby = marker("d", {"latitude": 51.91, "longitude": 8.38})

    germany = germany_map([*same_spot, nearby])

    placed = germany.markers
    assert [m.url for m in placed] == [m["url"] for m in [*same_spot, nearby]]
    for index, first in enumerate(placed):
        for second in placed[index + 1 :]:
            distance = ((first.x - second.x) ** 2 + (first.y - second.y) ** 2) ** 0.5
            assert distance >= 2 * TARGET_RADIUS - 0.2
    assert all(m.displaced for m in placed)
    assert germany.has_leaders


def test_a_lone_marker_stays_at_its_true_position():
    (placed,) = germany_map([marker("muenchen", MUNICH)]).markers

    assert not placed.displaced
    assert (placed.x, placed.y) == (placed.anchor_x, placed.anchor_y)


def test_rendered_map_has_one_named_link_per_marker_and_no_other_host():
    markers = [
        marker("guetersloh", GUETERSLOH, url="/de/fallstudien/?gemeinde=a&thema=b"),
        marker("muenchen", MUNICH, label='München: 2 "Fallstudien"'),
        marker("nirgends", {"latitude": None, "longitude": None}),
    ]

    with translation.override("de"):
        html = render_to_string(
            "casestudies/includes/germany_map.html", {"map": germany_map(markers)}
        )

    links = re.findall(r"<a class=\"germany-map__marker\"[^>]*>", html)
    assert len(links) == 2
    assert 'href="/de/fallstudien/?gemeinde=a&amp;thema=b"' in links[0]
    assert 'aria-label="München: 2 &quot;Fallstudien&quot;"' in links[1]
    assert "<title>München: 2 &quot;Fallstudien&quot;</title>" in html
    assert re.findall(r"https?:[^\s\"']*", html) == [SVG_NAMESPACE]
    assert 'role="img"' not in html
    # German decimal commas must never reach SVG coordinates.
    assert not re.search(r'(?:cx|cy|r|x1|y1|width|height)="[\d.]*,', html)


def test_rendered_map_is_named_hides_the_outlines_and_scales():
    with translation.override("en"):
        html = render_to_string(
            "casestudies/includes/germany_map.html",
            {"map": germany_map([marker("muenchen", MUNICH)]), "list_id": "case-study-list"},
        )

    assert 'aria-labelledby="germany-map-title"' in html
    assert 'id="germany-map-title"' in html
    assert '<a href="#case-study-list">' in html
    assert '<g class="germany-map__states" aria-hidden="true">' in html
    assert html.count("<path ") == 16
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', html)


def test_markers_and_focus_ring_stand_out_from_the_land_for_low_vision():
    colours = dict(re.findall(r"--map-([\w-]+):\s*(#[0-9a-fA-F]{6})", MAP_CSS.read_text()))

    assert contrast(colours["marker"], colours["land"]) >= 3
    assert contrast(colours["marker-hover"], colours["land"]) >= 3
    assert contrast(colours["focus-ring"], colours["land"]) >= 3
    assert contrast(colours["focus-ring"], colours["focus"]) >= 3
    assert contrast(colours["marker"], colours["focus"]) >= 3


def test_map_stylesheet_loads_nothing_from_elsewhere():
    assert not re.search(r"url\(|@import|https?:", MAP_CSS.read_text())

"""The map reads at a glance, in a real browser, with every layer on: inside the Sochi zone government and opposition
ground differ in hue; place labels never overlap one another, a base map name, or the M4 they lie along; every layer's
legend is reachable without scrolling past the others', on a wide screen and on a phone; the legend of how exact a
position is explains the circle round a point placed within a radius; the towns can be coloured by faction instead of
by side; and the displacement routes are faded once the period they describe is over."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import warnings

import pytest
import shapely
from PIL import Image
from playwright.sync_api import Page, expect
from shapely.geometry import shape

from geo.model.catalog import Catalog
from geo.model.layer import is_faded
from geo.model.style import FADED_OPACITY
from geo.model.symbols import UNCERTAINTY_DASH
from geo.model.wording import message_words
from tools.browser import wait_until_drawn

with warnings.catch_warnings():
    for category in (DeprecationWarning, SyntaxWarning):  # colorspacious 1.1.2's docstrings have "\D" in them
        warnings.filterwarnings("ignore", "invalid escape sequence", category)
    from colorspacious import cspace_convert

WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
DATES = ["2019-09-01", "2020-02-20", "2020-03-06", "2021-01-01"]
#: The least difference of hue (CIELCh, degrees) between the two sides' ground, as drawn with every layer over it.
HUE_APART = 60

_LEAFLET = "window[document.querySelector('.folium-map').id]"


def _pixel(page: Page, lat: float, lng: float) -> tuple[float, float]:
    point = page.evaluate(f"([lat, lng]) => {_LEAFLET}.latLngToContainerPoint([lat, lng])", [lat, lng])
    box = page.locator(".folium-map").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def _clear_spot(area: shapely.Geometry, drawn: list[shapely.Geometry]) -> shapely.Point:
    """The point of `area` farthest from everything `drawn` (markers, lines, edges), so that a sample there is the
    ground's colour as the layers over it leave it."""
    obstacles = shapely.union_all([*drawn, area.boundary])
    x0, y0, x1, y1 = area.bounds
    candidates = [shapely.Point(x0 + (x1 - x0) * i / 40, y0 + (y1 - y0) * j / 40) for i in range(41) for j in range(41)]
    inside = [point for point in candidates if area.contains(point)]
    return max(inside, key=lambda point: point.distance(obstacles))


def _hue(rgb: tuple[float, float, float]) -> float:
    return float(cspace_convert([c / 255 for c in rgb], "sRGB1", "CIELCh")[2])


def test_the_two_sides_ground_differs_in_hue_inside_the_sochi_zone(visit, catalog: Catalog) -> None:
    day = dt.date(2020, 3, 6)
    (zone,) = [shape(f["geometry"]) for f in catalog["sochi_dmz"].at(day)]
    ground = {
        f["properties"]["controller"]: shape(f["geometry"])
        for f in catalog["control_areas"].at(day)
        if f["properties"].get("controller") in ("government", "opposition")
    }
    drawn = [
        shape(f["geometry"]).buffer(0.02 if f["geometry"]["type"] == "Point" else 0.01)
        for layer in catalog
        if layer.id not in ("control_areas", "sochi_dmz", "deescalation_zone")
        for f in layer.at(day)
    ]
    page = visit.open(f"/?date={day}", day.isoformat())
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    hues = {}
    for side, area in ground.items():
        spot = _clear_spot(area.intersection(zone), drawn)
        x, y = _pixel(page, spot.y, spot.x)
        assert page.evaluate("([x, y]) => !document.elementFromPoint(x, y).closest('.idl-panel')", [x, y])
        patch = [shot.getpixel((int(x) + dx, int(y) + dy)) for dx in range(-4, 5) for dy in range(-4, 5)]
        mean = tuple(sum(channel) / len(patch) for channel in zip(*patch))
        hues[side] = _hue(mean)
    apart = abs((hues["government"] - hues["opposition"] + 180) % 360 - 180)
    assert apart >= HUE_APART, f"hues {hues}: {apart:.0f} degrees apart"


_LABELS = """() => {
  const box = (node) => { const r = node.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const seen = (node) => node.getBoundingClientRect().width > 0
    && getComputedStyle(node.closest('.leaflet-tooltip, .leaflet-marker-icon')).visibility !== 'hidden';
  return {
    places: Array.from(document.querySelectorAll('.leaflet-tooltip.place-label span')).filter(seen)
      .map((node) => ({text: node.textContent, box: box(node)})),
    names: Array.from(document.querySelectorAll('.basemap-label span')).filter(seen)
      .map((node) => ({text: node.textContent, box: box(node)})),
  };
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["wide", "phone"])
@pytest.mark.parametrize("day", DATES)
def test_place_labels_never_overlap(visit, catalog: Catalog, day: str, size: dict) -> None:
    visit.page.set_viewport_size(size)
    page = visit.open(f"/?date={day}", day)
    page.wait_for_timeout(100)  # the labels are placed on the frame after the drawing
    labels = page.evaluate(_LABELS)
    assert len(labels["places"]) >= 5, "the towns are labelled"
    pairs = [*itertools.combinations(labels["places"], 2), *itertools.product(labels["places"], labels["names"])]
    clashes = [(a["text"], b["text"]) for a, b in pairs if _overlap(a["box"], b["box"])]
    assert clashes == []
    (road,) = catalog["m4_highway"].features
    origin = page.locator(".folium-map").bounding_box()
    points = page.evaluate(
        f"(latlngs) => latlngs.map((ll) => {_LEAFLET}.latLngToContainerPoint(ll))",
        [[lat, lng] for lng, lat in shapely.get_coordinates(shape(road["geometry"]))],
    )
    line = shapely.LineString([(origin["x"] + p["x"], origin["y"] + p["y"]) for p in points])
    crossed = [label["text"] for label in labels["places"] if line.intersects(shapely.box(*label["box"]))]
    assert crossed == [], "labels lying across the M4"


def _legend_visible(page: Page, layer_id: str) -> bool:
    return page.evaluate(
        """(id) => {
          const panel = document.getElementById('layer-panel').getBoundingClientRect();
          const lines = Array.from(document.querySelectorAll(`#legend-${id} .legend:not([hidden]) li`));
          return lines.length > 0 && lines.every((line) => {
            const r = line.getBoundingClientRect();
            return r.height > 0 && r.top >= panel.top && r.bottom <= panel.bottom;
          });
        }""",
        layer_id,
    )


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["wide", "phone"])
def test_every_layer_s_legend_is_reachable_without_scrolling(visit, catalog: Catalog, size: dict) -> None:
    """Every layer's row is in view; opening its legend shows the legend whole with no scrolling by the reader: on a
    wide screen the panel folds others so as not to scroll at all, on a phone it scrolls itself to the legend."""
    visit.page.set_viewport_size(size)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    if size is PHONE:
        page.locator("#toolbar button[aria-controls=layer-panel]").click()
    panel = page.locator("#layer-panel")
    scrolls = "(panel) => panel.scrollHeight > panel.clientHeight"
    assert not panel.evaluate(scrolls), "every layer's title and fold are in view"
    for spec in catalog.manifest.layers:
        fold = page.locator(f"#layer-panel button[aria-controls=legend-{spec.id}]")
        if fold.get_attribute("aria-expanded") != "true":
            fold.click()
        assert _legend_visible(page, spec.id), f"the legend of {spec.id} is in view once open"
        if size is WIDE:
            assert not panel.evaluate(scrolls), f"opening the legend of {spec.id} leaves the panel unscrolled"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_fold_of_how_exact_a_position_is_explains_the_circle(visit, language: str) -> None:
    page = visit.open(f"/?date=2020-03-06&lang={language}", "2020-03-06")
    fold = page.locator("#layer-panel button[aria-controls=qualities-legend]")
    if fold.get_attribute("aria-expanded") != "true":
        fold.click()
    entry = page.locator("#qualities-legend li.uncertainty")
    expect(entry).to_be_visible()
    expect(entry).to_have_text(message_words(language)["maps.uncertainty"])
    circle = entry.locator("svg.symbol > circle")  # dashed as the map's circles, round the symbol's dot
    expect(circle).to_have_attribute("stroke-dasharray", " ".join(map(str, UNCERTAINTY_DASH)))
    expect(entry.locator("svg.symbol > svg path")).to_have_count(1)
    quality = page.locator("#qualities-legend li").first  # its two symbols, an area and a point, then its words

    def start(locator) -> float:
        """Where `locator` begins in the reading direction: its left, or its right in Arabic."""
        box = locator.bounding_box()
        return box["x"] + box["width"] if language == "ar" else box["x"]

    assert start(entry.locator("svg.symbol")) == start(quality.locator("svg.symbol").last), "under the points"
    assert start(entry.locator("span")) == start(quality.locator("span")), "its words in line with the others'"


def test_the_towns_can_be_coloured_by_faction(visit, catalog: Catalog) -> None:
    day = "2019-04-30"
    spec = catalog.manifest["town_control"]
    (choice,) = spec.style_choices
    page = visit.open(f"/?date={day}&layers=town_control", day)
    towns = catalog["town_control"].at(dt.date.fromisoformat(day))
    fills = (
        "(nodes) => nodes.map((node) => [node.getAttribute('title'), node.querySelector('path').getAttribute('fill')])"
    )
    by_side = dict(page.locator(".layer-town_control").evaluate_all(fills))
    page.get_by_label(choice["choice"]).check()
    wait_until_drawn(page, day)
    expect(page).to_have_url(f"{visit.base}/?date={day}&layers=town_control&style=town_control:faction")
    by_faction = dict(page.locator(".layer-town_control").evaluate_all(fills))
    neutral = choice["otherwise"]["fill_color"]
    for town in towns:
        faction = town["properties"].get("faction")
        expected = choice["values"][faction]["fill_color"] if faction else neutral
        assert by_faction[town["properties"]["name"]] == expected, town["properties"]["name"]
    assert any(town["properties"].get("faction") for town in towns) and by_side != by_faction
    legend = page.locator("#legend-town_control .legend:not([hidden]) li")
    expect(legend.last).to_have_text(choice["otherwise"]["label"])
    page.reload()
    wait_until_drawn(page, day)
    expect(page.get_by_label(choice["choice"])).to_be_checked()
    assert dict(page.locator(".layer-town_control").evaluate_all(fills)) == by_faction


def test_the_routes_fade_once_their_period_is_over(visit, catalog: Catalog) -> None:
    spec = catalog.manifest["displacement_routes"]
    page = visit.open("/?date=2020-03-06&layers=displacement_routes", "2020-03-06")
    expect(page.locator(".layer-displacement_routes.older")).to_have_count(0)
    page.get_by_label("Date").fill("2021-01-01")
    wait_until_drawn(page, "2021-01-01")
    standing = catalog["displacement_routes"].at(dt.date(2021, 1, 1))
    assert standing and all(is_faded(spec, f["properties"], dt.date(2021, 1, 1)) for f in standing)
    routes = page.locator(".layer-displacement_routes")
    expect(routes).to_have_count(len(standing))
    expect(page.locator(".layer-displacement_routes.older")).to_have_count(len(standing))
    opacity = page.evaluate("getComputedStyle(document.querySelector('.layer-displacement_routes')).opacity")
    assert float(opacity) == pytest.approx(FADED_OPACITY)

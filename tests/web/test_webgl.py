"""A layer drawn with WebGL (renderer = "webgl"), in real headless Chromium (WebGL 2 on SwiftShader): an event layer
imported from a synthetic ACLED export (bench.acled) draws on deck.gl's canvas and the 2D canvas under it, each date
shows the events geo selects, each point is drawn where its event is, the layer panel's filters by event type and
actor change what is drawn, the layer is density at low zoom and points as you zoom in, a point's popup is loaded
when it is clicked and shows its source and precision, a bar of the histogram of events per week picks its week, and
all of it works on a phone and in Arabic.

What is drawn is checked on the pixels of the map (a screenshot of the part no panel covers), once what the layer
was last asked to draw is on the screen (its pane's data-rendered equal to data-asked)."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from flask import Flask
from PIL import Image
from playwright.sync_api import Page

from bench.acled import ACTORS, LAYER_ID, imported_events
from geo.model.catalog import Catalog
from tools.browser import serving, wait_until_drawn
from webmap import site

SIZE = 20_000
DATE = "2019-06-15"
PANE = f".leaflet-pane-{LAYER_ID}-pane"
#: The map between the date panel and the layer panel, at 1400 x 900.
CLEAR = {"x": 340, "y": 0, "width": 720, "height": 900}

_MAP = "() => window[document.querySelector('.folium-map').id]"
_RENDERED = f"""() => {{
  const pane = document.querySelector({PANE!r});
  return pane && pane.dataset.asked && pane.dataset.rendered === pane.dataset.asked;
}}"""


@pytest.fixture(scope="module")
def events_app(tmp_path_factory: pytest.TempPathFactory, make_app) -> Flask:
    return make_app(imported_events(tmp_path_factory.mktemp("webgl"), SIZE))


@pytest.fixture(scope="module")
def events_url(events_app: Flask) -> Iterator[str]:
    with serving(events_app) as url:
        yield url


@pytest.fixture
def catalog_of(events_app: Flask) -> Catalog:
    return events_app.extensions["idlibmap"].data.catalog


def _expected(catalog: Catalog, date: str, keep=lambda p: True) -> int:
    return sum(1 for f in catalog[LAYER_ID].at(dt.date.fromisoformat(date)) if keep(f["properties"]))


def _drawn(page: Page) -> int:
    page.wait_for_function(_RENDERED)
    return page.evaluate("window.idlibmapDrawn")[LAYER_ID]


def _pixels(page: Page, clip: dict = CLEAR) -> np.ndarray:
    page.wait_for_function(_RENDERED)
    return np.asarray(Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB"), dtype=np.int16)


def _differ(a: np.ndarray, b: np.ndarray) -> int:
    """How many pixels differ between two screenshots."""
    return int((np.abs(a - b).sum(axis=2) > 30).sum())


def _wait_count(page: Page, count: int) -> None:
    page.wait_for_function(f"(n) => window.idlibmapDrawn && window.idlibmapDrawn[{LAYER_ID!r}] === n", arg=count)


def _set_date(page: Page, date: str) -> None:
    page.locator("#date-input").fill(date)
    wait_until_drawn(page, date)


def _canvases(page: Page) -> None:
    """The layer's pane holds deck.gl's canvas (made once its WebGL device is) and, under it, the 2D canvas of what
    is drawn on the CPU."""
    page.wait_for_function(f"() => document.querySelectorAll({PANE!r} + ' canvas').length === 2")
    assert page.locator(f"{PANE} canvas").first.get_attribute("class").split()[-1] == "webgl-canvas"


def test_the_layer_draws_and_each_date_shows_what_geo_selects(open_page, events_url: str, catalog_of: Catalog) -> None:
    page = open_page(events_url).open(f"/?date={DATE}", DATE)
    _canvases(page)
    assert _drawn(page) == _expected(catalog_of, DATE) > 20
    shown = _pixels(page)
    page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .layer-toggle input').uncheck()
    wait_until_drawn(page, DATE)
    page.wait_for_function(f"() => !document.querySelector({PANE!r} + ' canvas')")
    blank = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=CLEAR))).convert("RGB"), dtype=np.int16)
    assert _differ(shown, blank) > 300, "the events are drawn"
    key = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .density-key')
    assert not key.is_visible(), "the density's key goes with the layer"
    page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .layer-toggle input').check()
    key.wait_for(state="visible")
    for date in ("2018-02-01", "2020-03-05"):
        _set_date(page, date)
        assert _drawn(page) == _expected(catalog_of, date), date
        assert _differ(shown, _pixels(page)) > 300, f"{date} draws other events than {DATE}"
    requests = [url for url in page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")]
    assert sum(f"/data/{LAYER_ID}.bin" in url for url in requests) == 1, "a date switch fetches no data"


def test_filters_by_event_type_and_actor_change_what_is_drawn(open_page, events_url: str, catalog_of) -> None:
    page = open_page(events_url).open(f"/?date={DATE}", DATE)
    before = _pixels(page)
    filters = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .layer-filter')
    assert filters.evaluate_all("(groups) => groups.map((group) => group.dataset.property)") == ["event_type", "actor1"]
    page.get_by_label("Battles", exact=True).uncheck()
    page.get_by_label("Explosions/Remote violence", exact=True).uncheck()
    kept_types = lambda p: p["event_type"] not in ("Battles", "Explosions/Remote violence")  # noqa: E731
    _wait_count(page, _expected(catalog_of, DATE, kept_types))
    by_type = _pixels(page)
    assert _differ(before, by_type) > 100
    page.get_by_label(ACTORS[0], exact=True).uncheck()
    kept = lambda p: kept_types(p) and p["actor1"] != ACTORS[0]  # noqa: E731
    _wait_count(page, _expected(catalog_of, DATE, kept))
    assert _differ(by_type, _pixels(page)) > 20
    assert "(3 of 5)" in filters.first.locator("legend").inner_text()
    _set_date(page, "2018-02-01")  # the filters hold on another date
    _wait_count(page, _expected(catalog_of, "2018-02-01", kept))


def _zoom_to(page: Page, lng: float, lat: float, zoom: int) -> None:
    page.evaluate(f"([lat, lng, zoom]) => ({_MAP})().setView([lat, lng], zoom, {{ animate: false }})", [lat, lng, zoom])
    page.wait_for_function(f"(zoom) => ({_MAP})().getZoom() === zoom", arg=zoom)


def test_density_at_low_zoom_points_as_you_zoom_in_and_a_popup_loaded_on_click(
    open_page, events_url: str, catalog_of: Catalog
) -> None:
    visit = open_page(events_url)
    page = visit.open(f"/?date={DATE}", DATE)
    pane = page.locator(PANE)
    assert pane.get_attribute("data-drawn-as") == "density"
    standing = catalog_of[LAYER_ID].at(dt.date.fromisoformat(DATE))
    event = next(f for f in standing if f["properties"]["uncertainty_m"] == 10_000)
    index = catalog_of[LAYER_ID].features.index(event)
    lng, lat = event["geometry"]["coordinates"]
    _zoom_to(page, lng, lat, 9)
    density = _pixels(page)
    _zoom_to(page, lng, lat, 14)
    page.wait_for_function(f"() => document.querySelector({PANE!r}).dataset.drawnAs === 'points'")
    assert _differ(density, _pixels(page)) > 1000, "points and their rings are drawn, not the density"
    page.evaluate("() => document.querySelectorAll('.idl-panel').forEach((panel) => (panel.hidden = true))")
    box = page.locator(".folium-map").bounding_box()
    point = page.evaluate(f"([lat, lng]) => ({_MAP})().latLngToContainerPoint([lat, lng])", [lat, lng])
    with page.expect_response(f"**/data/{LAYER_ID}/{index}.json"):
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    assert popup.locator("h2").inner_text() == event["properties"]["name"]
    assert popup.locator(".popup-sources").inner_text().startswith(f"ACLED event {event['properties']['id'][6:]}")
    assert popup.locator(".popup-quality").inner_text() == "Inferred (synthetic)"
    assert popup.locator(".popup-uncertainty").inner_text() == "Within about 10 km of the point drawn"
    assert event["properties"]["actor1"] in popup.inner_text()
    assert popup.locator("script, img, iframe").count() == 0


def test_zoomed_in_each_point_of_the_date_is_drawn_where_its_event_is(
    open_page, events_url: str, catalog_of: Catalog
) -> None:
    page = open_page(events_url).open(f"/?date={DATE}", DATE)
    standing = catalog_of[LAYER_ID].at(dt.date.fromisoformat(DATE))
    lng, lat = standing[0]["geometry"]["coordinates"]
    _zoom_to(page, lng, lat, 11)
    page.wait_for_function(f"() => document.querySelector({PANE!r}).dataset.drawnAs === 'points'")
    shown = _pixels(page)
    toggle = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .layer-toggle input')
    toggle.uncheck()
    page.wait_for_function(f"() => !document.querySelector({PANE!r} + ' canvas')")
    blank = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=CLEAR))).convert("RGB"), dtype=np.int16)
    points = page.evaluate(
        f"(features) => features.map(([lng, lat]) => ({_MAP})().latLngToContainerPoint([lat, lng]))",
        [f["geometry"]["coordinates"] for f in standing],
    )
    inside = [
        (round(p["x"] - CLEAR["x"]), round(p["y"] - CLEAR["y"]))
        for p in points
        if 3 <= p["x"] - CLEAR["x"] < CLEAR["width"] - 3 and 3 <= p["y"] - CLEAR["y"] < CLEAR["height"] - 3
    ]
    assert inside, "the view holds events of the date"
    missed = [(x, y) for x, y in inside if np.abs(shown[y, x] - blank[y, x]).sum() < 150]
    assert missed == [], f"no point is drawn at these events of the date: {missed}"


def _bar(page: Page, week: str) -> None:
    bar = page.locator(f'#histogram-{LAYER_ID} rect.week[data-date="{week}"]')
    assert int(bar.get_attribute("data-count")) > 0
    bar.click()


def _hexagons(features: list[dict], zoom: int, size_px: float = 12) -> set[tuple[int, int]]:
    """The pointy-topped hexagons, `size_px` from centre to corner at `zoom` in Web Mercator, that hold `features`:
    the page's binning (density.js) computed again here, from the formulas of the hexagonal grid."""
    radius = 6378137
    size = size_px * 2 * math.pi * radius / (256 * 2**zoom)
    held = set()
    for feature in features:
        lng, lat = feature["geometry"]["coordinates"]
        x = radius * math.radians(lng)
        y = radius * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        q, r = (math.sqrt(3) / 3 * x - y / 3) / size, (2 / 3 * y) / size
        cube = [round(q), round(r), round(-q - r)]
        moved = [abs(cube[0] - q), abs(cube[1] - r), abs(cube[2] + q + r)]
        if moved[0] > moved[1] and moved[0] > moved[2]:
            cube[0] = -cube[1] - cube[2]
        elif moved[1] > moved[2]:
            cube[1] = -cube[0] - cube[2]
        held.add((cube[0], cube[1]))
    return held


def test_zoomed_out_the_events_are_counted_in_hexagons_with_a_key_and_a_click_on_one_zooms_in(
    open_page, events_url: str, catalog_of: Catalog
) -> None:
    page = open_page(events_url).open(f"/?date={DATE}", DATE)
    pane = page.locator(PANE)
    key = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .density-key')
    standing = catalog_of[LAYER_ID].at(dt.date.fromisoformat(DATE))
    event = standing[0]
    lng, lat = event["geometry"]["coordinates"]
    for zoom in (8, 10):
        _zoom_to(page, lng, lat, zoom)
        page.wait_for_function(_RENDERED)
        assert int(pane.get_attribute("data-hexagons")) == len(_hexagons(standing, zoom)), zoom
    assert len(_hexagons(standing, 8)) < len(standing), "zoomed out, hexagons hold several events"
    assert key.is_visible()
    assert key.locator(".density-count").all_inner_texts() == ["1", "2–4", "5–9", "10–24", "25 or more"]
    page.get_by_label("Battles", exact=True).uncheck()  # the hexagons count the events the filters show
    kept = [f for f in standing if f["properties"]["event_type"] != "Battles"]
    page.wait_for_function(
        f"(n) => document.querySelector({PANE!r}).dataset.hexagons === n", arg=str(len(_hexagons(kept, 10)))
    )
    page.get_by_label("Battles", exact=True).check()
    page.evaluate("() => document.querySelectorAll('.idl-panel').forEach((panel) => (panel.hidden = true))")
    box = page.locator(".folium-map").bounding_box()
    point = page.evaluate(f"([lat, lng]) => ({_MAP})().latLngToContainerPoint([lat, lng])", [lat, lng])
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(f"() => document.querySelector({PANE!r}).dataset.drawnAs === 'points'")
    assert page.evaluate(f"() => ({_MAP})().getZoom()") == 11
    assert not key.is_visible(), "the key is the density's: hidden with it"


def test_a_bar_of_the_histogram_picks_its_week_and_the_bars_follow_the_filters(
    open_page, events_url: str, catalog_of: Catalog
) -> None:
    page = open_page(events_url).open(f"/?date={DATE}", DATE)
    week = "2018-03-05"  # a Monday
    bar = page.locator(f'#histogram-{LAYER_ID} rect.week[data-date="{week}"]')
    starting = [f["properties"] for f in catalog_of[LAYER_ID].features]
    in_week = [p for p in starting if week <= p["valid_from"] < "2018-03-12"]
    assert int(bar.get_attribute("data-count")) == len(in_week)
    _bar(page, week)
    wait_until_drawn(page, week)
    assert page.locator("#date-input").input_value() == week
    assert "current" in bar.get_attribute("class")
    assert _drawn(page) == _expected(catalog_of, week)
    page.get_by_label("Battles", exact=True).uncheck()
    expected = sum(p["event_type"] != "Battles" for p in in_week)
    page.wait_for_function(
        f"""(n) => document.querySelector('#histogram-{LAYER_ID} rect[data-date="{week}"]')
          .dataset.count === String(n)""",
        arg=expected,
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_the_filters_and_the_histogram_work_in_every_direction(
    open_page, events_url: str, catalog_of: Catalog, lang: str, tmp_path: Path
) -> None:
    visit = open_page(events_url)
    visit.page.set_viewport_size({"width": 390, "height": 844})
    page = visit.open(f"/?date={DATE}&lang={lang}", DATE)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    page.locator("#toolbar button[aria-controls=layer-panel]").click()
    row = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .filter-values li').first
    row.wait_for()
    heading = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .layer-filter legend').first
    assert heading.inner_text().startswith({"en": "Event type", "ar": "نوع الحدث"}[lang]), "in the page's language"
    key = page.locator(f'.layer-item[data-layer="{LAYER_ID}"] .density-key')
    assert key.is_visible() and page.locator(PANE).get_attribute("data-drawn-as") == "density"
    assert key.locator(".density-count").last.inner_text() == {"en": "25 or more", "ar": "25 فأكثر"}[lang]
    assert row.bounding_box()["height"] >= 44
    row.locator("input").uncheck()
    _wait_count(
        page, _expected(catalog_of, DATE, lambda p: p["event_type"] != row.locator("input").get_attribute("value"))
    )
    page.screenshot(path=tmp_path / f"phone-layers-{lang}.png")
    page.locator("#toolbar button[aria-controls=date-panel]").click()
    figure = page.locator(f"#histogram-{LAYER_ID}")
    assert figure.is_visible() and figure.bounding_box()["width"] > 250
    _bar(page, "2018-03-05")
    wait_until_drawn(page, "2018-03-05")
    page.screenshot(path=tmp_path / f"phone-date-{lang}.png")


def test_the_static_copy_draws_the_layer_from_disk_and_its_popups_from_data_js(
    events_app: Flask, open_page, catalog_of: Catalog, tmp_path: Path
) -> None:
    output = tmp_path / "site"
    site.write_site(events_app.extensions["idlibmap"], output)
    folder = output.as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    page = visit.open(f"?date={DATE}", DATE)
    assert _drawn(page) == _expected(catalog_of, DATE)
    _canvases(page)
    assert [url for url in visit.requests if "/data/" in url] == [], "the columns and features are in data.js"
    event = catalog_of[LAYER_ID].at(dt.date.fromisoformat(DATE))[0]
    lng, lat = event["geometry"]["coordinates"]
    _zoom_to(page, lng, lat, 15)
    page.wait_for_function(f"() => document.querySelector({PANE!r}).dataset.drawnAs === 'points'")
    page.wait_for_function(_RENDERED)
    page.evaluate("() => document.querySelectorAll('.idl-panel').forEach((panel) => (panel.hidden = true))")
    box = page.locator(".folium-map").bounding_box()
    point = page.evaluate(f"([lat, lng]) => ({_MAP})().latLngToContainerPoint([lat, lng])", [lat, lng])
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.locator(".leaflet-popup h2").wait_for()
    assert page.locator(".leaflet-popup h2").inner_text() == event["properties"]["name"]

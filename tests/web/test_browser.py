"""The map in a real browser (headless Chromium) served by a real waitress server: what a reader sees when
changing the date, switching layers, opening popups and permalinks, searching; with no request leaving
127.0.0.1 and no console error (both checked after every test by the `visit` fixture)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

from geo.model.catalog import Catalog
from geo.model.manifest import Manifest, load_manifest
from tools import screenshot
from tools.browser import serving, wait_until_drawn
from webmap.assets import MODULES
from webmap.mapbuild import OnlineTiles
from webmap.site import write_site

from support import LAYERS_DIR

ONLINE_TILES = OnlineTiles.of(load_manifest(LAYERS_DIR))


def features_on(catalog: Catalog, layer_id: str, date: str) -> list[dict]:
    return catalog[layer_id].at(dt.date.fromisoformat(date))


def _drawn(features: list[dict]) -> int:
    """How many elements the features make on the map: one each, one per point of a MultiPoint."""
    return sum(len(f["geometry"]["coordinates"]) if f["geometry"]["type"] == "MultiPoint" else 1 for f in features)


def test_every_layer_is_drawn_with_its_class(visit, catalog: Catalog) -> None:
    date = catalog.timeline()[-1].date.isoformat()
    page = visit.open("/", date)
    assert page.get_by_label("Date").input_value() == date, "the default date is the last key date"
    for layer in catalog:
        assert visit.count(layer.id) == _drawn(features_on(catalog, layer.id, date)), layer.id


def test_changing_the_date_redraws_without_reloading(visit, catalog: Catalog) -> None:
    page = visit.open("/?date=2020-03-01", "2020-03-01")
    assert visit.count("m4_corridor") == 0
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Date").fill("2020-03-20")
    wait_until_drawn(page, "2020-03-20")
    assert visit.count("m4_corridor") == len(features_on(catalog, "m4_corridor", "2020-03-20")) > 0
    assert visit.count("observation_posts") == len(features_on(catalog, "observation_posts", "2020-03-20"))
    assert page.evaluate("window.notReloaded") is True
    assert "date=2020-03-20" in page.url
    fetched = [url for url in visit.requests if "/data/m4_corridor.json" in url or "/api/layers/" in url]
    assert fetched == [visit.base + "/data/m4_corridor.json"], "the layer is fetched once; the browser selects the date"


def test_toggling_a_layer_by_its_title(visit, catalog: Catalog, manifest: Manifest) -> None:
    page = visit.open("/?date=2020-03-20", "2020-03-20")
    toggle = page.get_by_label(manifest["m4_corridor"].title)
    assert toggle.is_checked()
    toggle.uncheck()
    assert visit.count("m4_corridor") == 0
    others = [spec.id for spec in manifest.layers if spec.id != "m4_corridor"]
    assert re.search(r"[?&]layers=" + ",".join(others) + r"(&|$)", page.url)
    toggle.check()
    wait_until_drawn(page, "2020-03-20")
    expect(page.locator(".layer-m4_corridor")).to_have_count(len(features_on(catalog, "m4_corridor", "2020-03-20")))
    assert "layers=" not in page.url, "all layers shown: the address need not list them"


def test_key_dates_previous_and_next(visit, catalog: Catalog) -> None:
    keys = sorted({entry.date.isoformat() for entry in catalog.timeline()})
    page = visit.open(f"/?date={keys[1]}", keys[1])
    page.get_by_role("button", name=re.compile("Next key date")).click()
    wait_until_drawn(page, keys[2])
    page.get_by_role("button", name=re.compile("Previous key date")).click()
    page.get_by_role("button", name=re.compile("Previous key date")).click()
    wait_until_drawn(page, keys[0])
    assert page.get_by_role("button", name=re.compile("Previous key date")).is_disabled()
    event = catalog.timeline()[-1]
    page.locator(".key-dates button", has_text=event.title).click()
    wait_until_drawn(page, event.date.isoformat())
    assert page.get_by_label("Date").input_value() == event.date.isoformat()
    current = page.locator(".key-dates button[aria-current=date] time").first
    assert current.get_attribute("datetime") == event.date.isoformat()


def test_a_popup_shows_name_dates_status_and_sources(visit, catalog: Catalog) -> None:
    page = visit.open("/?date=2020-03-20&layers=observation_posts", "2020-03-20")
    feature = features_on(catalog, "observation_posts", "2020-03-20")[0]
    properties = feature["properties"]
    page.locator(".layer-observation_posts").nth(0).dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(properties["name"])
    start = dt.date.fromisoformat(properties["valid_from"])
    written = start.strftime("%B %Y") if properties.get("date_precision") == "month" else f"{start.day} {start:%B %Y}"
    expect(popup).to_contain_text(f"From {written}")
    expect(popup).to_contain_text(properties["status"])
    sources = popup.locator(".popup-sources").last  # the feature's own sources, after any disputed versions
    for source in properties["sources"]:
        link = sources.get_by_role("link", name=source["title"])
        expect(link).to_have_attribute("href", source["url"])
        expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_a_permalink_restores_the_state(visit, catalog: Catalog, manifest: Manifest) -> None:
    page = visit.open("/?date=2020-03-15&layers=m4_corridor,observation_posts", "2020-03-15")
    assert page.get_by_label("Date").input_value() == "2020-03-15"
    for spec in manifest.layers:
        shown = spec.id in ("m4_corridor", "observation_posts")
        assert page.get_by_label(spec.title).is_checked() is shown, spec.id
        expected = len(features_on(catalog, spec.id, "2020-03-15")) if shown else 0
        assert visit.count(spec.id) == expected, spec.id
    assert page.url.endswith("/?date=2020-03-15&layers=m4_corridor,observation_posts")


def test_unknown_layers_in_a_permalink_are_left_out_with_a_notice(visit) -> None:
    page = visit.open("/?date=2020-03-20&layers=places,no_such_layer", "2020-03-20")
    expect(page.get_by_role("status")).to_contain_text("no_such_layer")
    assert visit.count("places") > 0
    assert visit.count("observation_posts") == 0
    assert "no_such_layer" not in page.url


def test_place_search_flies_to_the_place(visit, catalog: Catalog) -> None:
    page = visit.open("/", None)
    place = catalog["places"].features[0]["properties"]["name"]
    page.get_by_label("Find a place").fill(place[:-1])
    page.get_by_label("Find a place").press("Enter")
    expect(page.locator(".leaflet-popup-content h2")).to_have_text(place)


def test_the_controls_are_there(visit) -> None:
    page = visit.open("/", None)
    expect(page.locator(".leaflet-control-scale")).to_be_visible()
    expect(page.locator(".leaflet-control-zoom-fullscreen")).to_be_visible()
    page.mouse.move(700, 450)
    expect(page.locator(".leaflet-control-mouseposition")).to_contain_text("° N")
    assert not page.locator("#online-tiles").is_checked()
    assert page.locator("img.leaflet-tile").count() == 0


def test_nothing_leaves_the_server(visit, manifest: Manifest) -> None:
    page = visit.open("/?date=2020-03-01", "2020-03-01")
    page.get_by_label("Date").fill("2020-03-20")
    wait_until_drawn(page, "2020-03-20")
    page.get_by_label(manifest["events"].title).uncheck()
    page.locator(".layer-observation_posts").nth(0).dispatch_event("click")
    assert visit.requests and all(url.startswith(visit.base + "/") for url in visit.requests)
    assert visit.outside == []
    assert visit.errors == []


def test_text_with_html_is_shown_as_text(layers_copy: Path, make_app, open_page) -> None:
    hostile = "<img src=x onerror=alert(1)>{{ 7 * 7 }}"
    for name in ("places", "events"):
        path = layers_copy / f"{name}.geojson"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["features"][0]["properties"]["name"] = hostile
        data["features"][0]["properties"]["sources"][0]["title"] = hostile
        path.write_text(json.dumps(data), encoding="utf-8")
    with serving(make_app(layers_copy)) as url:
        visit = open_page(url)
        page = visit.open("/?date=2020-11-04", "2020-11-04")
        page.locator(".layer-places").nth(0).dispatch_event("click")
        popup = page.locator(".leaflet-popup-content")
        expect(popup.locator("h2")).to_have_text(hostile)
        expect(popup.get_by_role("link", name=hostile)).to_have_count(1)
        expect(page.locator(".place-label", has_text=hostile)).to_have_count(1)
        expect(page.locator(".key-dates button", has_text=hostile)).to_have_count(1)
        assert page.locator("img[src=x]").count() == 0


def test_the_page_runs_as_modules_with_no_global_of_its_own(visit) -> None:
    """map.js is a module importing the app's modules, each asked for once; the app leaves no namespace on window
    (the Leaflet map stays window[<its element's id>], as in folium's page, for what drives the page)."""
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    assert page.evaluate("typeof window.IdlibMap") == "undefined"
    assert page.locator('script[type="module"][src="map.js"]').count() == 1
    asked = [url.split("/assets/idlibmap/js/")[1] for url in visit.requests if "/assets/idlibmap/js/" in url]
    assert sorted(asked) == sorted(MODULES), "every module once, by the imports alone"
    assert page.evaluate("window[document.querySelector('.folium-map').id] instanceof L.Map")
    page.get_by_label("Date").fill("2020-03-20")
    wait_until_drawn(page, "2020-03-20")


def test_the_static_copy_works_from_disk(app, tmp_path: Path, open_page, catalog: Catalog) -> None:
    write_site(app.extensions["idlibmap"], tmp_path / "site")
    folder = (tmp_path / "site").as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    page = visit.open("?date=2020-03-01", "2020-03-01")
    assert visit.count("m4_corridor") == 0
    page.get_by_label("Date").fill("2020-03-20")
    wait_until_drawn(page, "2020-03-20")
    for layer in catalog:
        assert visit.count(layer.id) == _drawn(features_on(catalog, layer.id, "2020-03-20")), layer.id


def test_the_static_copy_reports_a_bad_date(app, tmp_path: Path, open_page, catalog: Catalog) -> None:
    write_site(app.extensions["idlibmap"], tmp_path / "site")
    folder = (tmp_path / "site").as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    default = catalog.timeline()[-1].date.isoformat()
    page = visit.open("?date=2020-02-30", default)
    expect(page.get_by_role("status")).to_contain_text("2020-02-30")


def test_a_narrow_window_keeps_the_map_usable(visit) -> None:
    """Narrower than a wide screen, the panels fold into the toolbar (tests/web/test_phone.py has the details)."""
    visit.page.set_viewport_size({"width": 800, "height": 700})
    page = visit.open("/", None)
    assert visit.count("places") > 0
    expect(page.get_by_label("Date")).to_be_hidden()
    page.locator("#toolbar [aria-controls=date-panel]").click()
    expect(page.get_by_label("Date")).to_be_visible()
    expect(page.locator(".leaflet-control-zoom-in")).to_be_visible()


def test_a_permalink_with_no_layer_shows_the_base_map_only(visit, manifest: Manifest) -> None:
    page = visit.open("/?date=2020-03-20&layers=", "2020-03-20")
    for spec in manifest.layers:
        assert not page.get_by_label(spec.title).is_checked()
        assert visit.count(spec.id) == 0
    assert page.locator("path.basemap-countries").count() > 0


def test_the_screenshot(browser, server: str, tmp_path: Path) -> None:
    output = tmp_path / "map.png"
    screenshot.take_screenshot(browser, f"{server}/?date=2020-03-20", output, (800, 600))
    with Image.open(output) as image:
        assert image.size == (800, 600)
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_online_tiles_that_fail_leave_the_map_working(visit, catalog: Catalog) -> None:
    """The tiles are allowed by the page's policy but unreachable here (the test aborts them): the offline
    base map and every layer stay, and the page says why the background did not change."""
    page = visit.open("/?date=2020-03-20", "2020-03-20")
    page.get_by_label(ONLINE_TILES.label).check()
    expect(page.get_by_role("status")).to_contain_text("online tiles could not be loaded")
    assert visit.outside and all(url.startswith(ONLINE_TILES.origin + "/") for url in visit.outside)
    assert visit.errors and all("Failed to load resource" in error for error in visit.errors)
    assert page.locator("path.basemap-countries").count() > 0
    assert visit.count("m4_corridor") == len(features_on(catalog, "m4_corridor", "2020-03-20"))
    visit.outside.clear()  # expected: the tiles, and nothing else
    visit.errors.clear()


def test_the_ground_and_the_front_line_are_drawn_under_the_layers(visit, catalog: Catalog) -> None:
    page = visit.open("/?date=2020-02-20", "2020-02-20")
    drawn = features_on(catalog, "control_areas", "2020-02-20")
    assert {f["properties"]["kind"] for f in drawn} == {"area", "front_line"}
    assert visit.count("control_areas") == len(drawn)
    panes = page.evaluate(
        """(ids) => ids.map((id) => Number(getComputedStyle(
            document.querySelector('.layer-' + id).closest('.leaflet-pane')).zIndex))""",
        ["control_areas", "observation_posts"],
    )
    assert panes[0] < panes[1], "the ground lies under the posts"


def test_a_popup_shows_the_versions_of_a_disputed_fact_with_their_sources(visit, catalog: Catalog) -> None:
    day = "2020-03-15"
    post = next(
        f["properties"]
        for f in features_on(catalog, "observation_posts", day)
        if any(d["fact"] == "post_no" for d in f["properties"].get("disputes", ()))
    )
    page = visit.open(f"/?date={day}&layers=observation_posts", day)
    page.locator(f'.layer-observation_posts[title="{post["name"]}"]').first.dispatch_event("click")
    popup = page.locator(".idl-popup")
    expect(popup).to_contain_text("Where the sources disagree")
    (dispute,) = [d for d in post["disputes"] if d["fact"] == "post_no"]
    versions = popup.locator(".popup-versions").first.locator("> li")
    expect(versions).to_have_count(len(dispute["versions"]))
    for version, item in zip(dispute["versions"], versions.all()):
        expect(item.locator(".version-value")).to_have_text(str(version["value"]))
        expect(item.locator(".version-drawn")).to_have_count(1 if version.get("drawn") else 0)
        for source in version["sources"]:
            expect(item.locator(f'a[href="{source["url"]}"]')).to_have_count(1)


def test_a_route_without_a_sourced_figure_says_so(visit, catalog: Catalog) -> None:
    day = "2020-02-27"
    routes = features_on(catalog, "displacement_routes", day)
    assert routes and all("people" not in f["properties"] for f in routes), "no report splits this date's total"
    page = visit.open(f"/?date={day}&layers=displacement_routes", day)
    page.locator(".layer-displacement_routes").first.dispatch_event("click")
    popup = page.locator(".idl-popup")
    expect(popup.locator(".popup-absent")).to_contain_text("Not reported")
    expect(popup).to_contain_text("948,000")

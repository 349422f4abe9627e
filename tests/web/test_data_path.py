"""The page's one data path: each layer's data (styles, features, dates, what changes from period to period)
reaches the page once, from data/<id>.json when served and from data.js in the static copy, and a date change is a
lookup in the browser, never a request for data. Also what the page takes from the manifest as data: the key dates,
the label ranks, the base map's colours and the dashes as drawn."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from geo.model.catalog import Catalog
from geo.model.manifest import Manifest, load_manifest
from tools.browser import wait_until_drawn
from webmap.site import write_site

from support import LAYERS_DIR

LAYER_IDS = load_manifest(LAYERS_DIR).ids
#: Two dates whose maps differ in most layers.
DATES = ["2019-08-20", "2020-03-20"]


@pytest.fixture(scope="module")
def site(app, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static copy of the map."""
    output = tmp_path_factory.mktemp("site") / "site"
    write_site(app.extensions["idlibmap"], output)
    return output


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_a_layer_s_data_is_what_the_static_copy_holds(
    client: FlaskClient, site: Path, catalog: Catalog, layer_id: str
) -> None:
    response = client.get(f"/data/{layer_id}.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"styles", "choices", "dates", "added", "removed", "features"}
    assert len(body["added"]) == len(body["removed"]) == len(body["dates"]) + 1
    ids = [f["properties"]["id"] for f in catalog[layer_id].features]
    assert [f["properties"]["id"] for f in body["features"]] == ids
    text = (site / "data.js").read_text(encoding="utf-8")
    assert json.loads(text[len("window.IDLIBMAP_DATA = ") : -2])[layer_id] == body


def test_an_unknown_layer_s_data_is_404_naming_it(client: FlaskClient) -> None:
    response = client.get("/data/no_such_layer.json")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert "no_such_layer" in response.get_json()["error"]


def test_the_page_and_the_api_send_the_same_styles(client: FlaskClient, manifest: Manifest) -> None:
    """One style table per layer, dashes included (geo.model.style.dash_pattern): the page draws it as given."""
    for layer_id in manifest.ids:
        resolved = client.get(f"/api/layers/{layer_id}").get_json()["styles"]
        assert client.get(f"/data/{layer_id}.json").get_json()["styles"] == resolved


def test_a_date_change_fetches_no_data(visit, catalog: Catalog) -> None:
    """Nothing at all: a date is a lookup in data read once (the test app's pages do not ask for new builds, which
    a served page does in the background, never on a date change)."""
    page = visit.open("/?date=2020-03-01", "2020-03-01")
    fetched = [url for url in visit.requests if "/data/" in url]
    assert sorted(fetched) == sorted(f"{visit.base}/data/{layer.id}.json" for layer in catalog), "each layer once"
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    for date in ["2020-03-20", "2019-08-20", "2020-03-21"]:
        page.get_by_label("Date").fill(date)
        wait_until_drawn(page, date)
    page.get_by_role("button", name=re.compile("Next key date")).click()
    wait_until_drawn(page, page.get_by_label("Date").input_value())
    assert asked == []
    assert visit.count("m4_corridor") > 0, "the date changed what is drawn"


def test_a_layer_whose_period_did_not_change_is_not_drawn_again(visit) -> None:
    page = visit.open("/?date=2020-03-20&layers=places,m4_corridor", "2020-03-20")
    page.evaluate("document.querySelector('.layer-places').dataset.mark = 'first'")
    page.evaluate("document.querySelector('.layer-m4_corridor').dataset.mark = 'first'")
    page.get_by_label("Date").fill("2020-03-21")  # no feature of either layer starts or ends on 2020-03-21
    wait_until_drawn(page, "2020-03-21")
    assert page.locator(".layer-places[data-mark=first]").count() == 1
    assert page.locator(".layer-m4_corridor[data-mark=first]").count() == 1
    page.get_by_label("Date").fill("2020-01-01")  # before the corridor: its period changed, the places' did not
    wait_until_drawn(page, "2020-01-01")
    assert page.locator(".layer-places[data-mark=first]").count() == 1
    assert visit.count("m4_corridor") == 0


def _drawn_on(visit, dates: list[str]) -> dict[str, dict[str, int]]:
    page = visit.page
    drawn = {}
    for date in dates:
        page.get_by_label("Date").fill(date)
        wait_until_drawn(page, date)
        drawn[date] = page.evaluate("window.idlibmapDrawn")
    return drawn


def test_the_static_copy_and_the_served_page_draw_the_same(visit, site: Path, open_page, catalog: Catalog) -> None:
    visit.open("/?date=2020-01-01", "2020-01-01")
    served = _drawn_on(visit, DATES)
    folder = site.as_uri()
    static = open_page(folder + "/index.html", local=folder + "/")
    static.open("?date=2020-01-01", "2020-01-01")
    assert _drawn_on(static, DATES) == served
    for date in DATES:
        assert served[date] == {layer.id: len(layer.at(dt.date.fromisoformat(date))) for layer in catalog}, date
    assert served[DATES[0]] != served[DATES[1]]


def test_the_key_dates_are_built_from_the_page_s_data(visit, client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<ol class="key-dates">\s*</ol>', html), "the page as served has an empty list"
    assert "data-date=" not in html
    page = visit.open("/", None)
    buttons = page.locator(".key-dates button[data-date]")
    timeline = catalog.timeline()
    assert buttons.count() == len(timeline)
    for index, entry in enumerate(timeline):
        button = buttons.nth(index)
        assert button.get_attribute("data-date") == entry.date.isoformat()
        assert button.locator("time").get_attribute("datetime") == entry.date.isoformat()
        assert button.locator("span").inner_text() == entry.title


def _label_style(page, name: str) -> dict[str, str]:
    return page.evaluate(
        """(name) => {
          const text = Array.from(document.querySelectorAll(".place-label span")).find((s) => s.textContent === name);
          const style = getComputedStyle(text);
          return { size: style.fontSize, weight: style.fontWeight, visibility: style.visibility };
        }""",
        name,
    )


#: Zoom the page's map (folium names the map's variable after its element's id) and wait until it is done.
_ZOOM = """(zoom) => new Promise((done) => {
  const map = window[document.querySelector(".folium-map").id];
  if (map.getZoom() === zoom) return done();
  map.once("zoomend", () => done());
  map.setZoom(zoom, { animate: false });
})"""


@pytest.mark.parametrize("zoom", [8, 9, 11])
def test_labels_follow_the_manifest_s_label_ranks(visit, catalog: Catalog, manifest: Manifest, zoom: int) -> None:
    ranks = {entry["rank"]: entry for entry in manifest.map["label_ranks"]}
    places = {f["properties"]["rank"]: f["properties"]["name"] for f in catalog["places"].features}
    assert set(places) == set(ranks)
    page = visit.open("/?date=2020-03-20&layers=places", "2020-03-20")
    page.evaluate(_ZOOM, zoom)
    weights = {"bold": "700", "normal": "400"}
    for rank, name in places.items():
        style = _label_style(page, name)
        assert style["size"] == f"{ranks[rank]['screen_size']:g}px", name
        assert style["weight"] == weights[ranks[rank]["weight"]], name
        assert style["visibility"] == ("visible" if ranks[rank]["min_zoom"] <= zoom else "hidden"), name


def test_the_base_map_has_the_manifest_s_colours(visit, manifest: Manifest) -> None:
    page = visit.open("/?date=2020-03-20&layers=", "2020-03-20")
    colours = page.evaluate(
        """() => ({
          sea: getComputedStyle(document.querySelector(".leaflet-container")).backgroundColor,
          land: getComputedStyle(document.querySelector("path.basemap-countries")).fill,
          coast: getComputedStyle(document.querySelector("path.basemap-countries")).stroke,
          province: getComputedStyle(document.querySelector("path.basemap-provinces")).stroke,
          text: getComputedStyle(document.querySelector(".basemap-label span")).color,
        })"""
    )

    def rgb(colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))

    assert colours == {key: rgb(manifest.basemap[key]) for key in colours}


def test_a_date_change_keeps_the_elements_of_the_features_that_stand_on_both_dates(visit, catalog: Catalog) -> None:
    before, after = "2020-02-01", "2020-03-20"
    page = visit.open(f"/?date={before}&layers=town_control", before)
    page.evaluate("document.querySelectorAll('.layer-town_control').forEach((node) => (node.dataset.mark = 'first'))")
    page.get_by_label("Date").fill(after)
    wait_until_drawn(page, after)
    standing = {
        day: {f["properties"]["id"] for f in catalog["town_control"].at(dt.date.fromisoformat(day))}
        for day in (before, after)
    }
    assert standing[before] != standing[after]
    assert page.locator(".layer-town_control[data-mark=first]").count() == len(standing[before] & standing[after])
    assert visit.count("town_control") == len(standing[after])

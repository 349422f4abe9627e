"""The page and its files as served: every route and error, the security headers, local assets only."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import folium
import folium.folium
import pytest
from flask.testing import FlaskClient
from folium import plugins

from geo.model.catalog import Catalog
from geo.model.layer import Layer
from geo.model.manifest import Manifest, load_manifest
from geo.model.mapdata import MapData
from geo.paths import BuildPaths
from webmap.assets import ASSETS, AssetError
from webmap.document import Page, SituationMap
from webmap.mapbuild import OnlineTiles, build_page

from support import LAYERS_DIR

ONLINE_TILES = OnlineTiles.of(load_manifest(LAYERS_DIR))

ROUTES = ["/", "/map.js", "/favicon.ico", "/assets/leaflet/leaflet.js", "/api/layers", "/api/timeline"]


class _Markup(HTMLParser):
    """The labels' texts, and every URL the page's elements load or link."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.urls: list[str] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]
        if tag == "label":
            self._label = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None:
            self.labels.append("".join(self._label).strip())
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label.append(data)


def _markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    return parser


def test_the_page_is_the_map(client: FlaskClient, manifest: Manifest) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    markup = _markup(response.get_data(as_text=True))
    assert "Date" in markup.labels
    assert "Find a place" in markup.labels
    for spec in manifest.layers:
        assert markup.labels.count(spec.title) == 1, f"one toggle labelled {spec.title!r}"


def _config(script: str) -> dict:
    """The client's settings, as map.js passes them to IdlibMap.start."""
    return json.loads(re.search(r"^\s*config: (\{.*\})$", script, re.MULTILINE).group(1))


def test_the_page_lists_the_key_dates(client: FlaskClient, catalog: Catalog) -> None:
    """As data for the script, which builds the list (tests/web/test_data_path.py sees it built)."""
    config = _config(client.get("/map.js").get_data(as_text=True))
    assert config["keyDates"] == [entry.to_json() for entry in catalog.timeline()]


@pytest.mark.parametrize(
    "query", ["?date=2020-03-15", "?date=2020-03-15&layers=m4_corridor,observation_posts", "?layers=nonsense"]
)
def test_a_permalink_opens_the_page(client: FlaskClient, query: str) -> None:
    assert client.get("/" + query).status_code == 200


@pytest.mark.parametrize("bad", ["2020-02-30", "15/03/2020", "", "<script>alert(1)</script>"])
def test_a_permalink_with_a_bad_date_is_400_saying_why(client: FlaskClient, bad: str) -> None:
    response = client.get("/", query_string={"date": bad})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "YYYY-MM-DD" in text or "not a day" in text
    assert "<script>alert" not in text
    assert 'href="./"' in text


def test_the_script_is_served_apart(client: FlaskClient) -> None:
    response = client.get("/map.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert "IdlibMap.start(" in response.get_data(as_text=True)


def test_the_script_is_a_module_that_imports_the_app(client: FlaskClient) -> None:
    """map.js is the page's one module: it imports the app's entry point (which imports the rest), then builds the
    map; Leaflet and its plugins are classic scripts in the head, and the head loads none of the app's modules."""
    html = client.get("/").get_data(as_text=True)
    assert re.findall(r"<script type=\"module\"[^>]*>", html) == ['<script type="module" src="map.js">']
    head = html.split("</head>")[0]
    assert '<script src="assets/leaflet/leaflet.js"></script>' in head and "idlibmap/js/" not in html
    script = client.get("/map.js").get_data(as_text=True)
    imports = re.findall(r"^import .*$", script, re.MULTILINE)
    assert imports == ['import * as IdlibMap from "./assets/idlibmap/js/app.js";']
    assert script.startswith("window.IDLIBMAP_BUILD = {"), "the build it belongs to, before the map is built"


def test_no_inline_script_in_the_page(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert " style=" not in html


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_every_asset_is_served(client: FlaskClient, name: str) -> None:
    kinds = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}
    with client.get(f"/assets/{name}") as response:
        assert response.status_code == 200
        assert response.data
        assert response.mimetype == kinds[Path(name).suffix]


@pytest.mark.parametrize(
    "path",
    [
        "/assets/leaflet/dist/leaflet.js",
        "/assets/../pyproject.toml",
        "/assets/leaflet/../../pyproject.toml",
        "/assets/%2e%2e/%2e%2e/pyproject.toml",
        "/assets//etc/passwd",
        "/assets/idlibmap/../../__init__.py",
        "/node_modules/leaflet/dist/leaflet.js",
    ],
)
def test_no_other_file_is_served(client: FlaskClient, path: str) -> None:
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404
    assert b"[build-system]" not in response.data and b"root:" not in response.data


def test_the_favicon_is_served(client: FlaskClient) -> None:
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.data[:4] == b"\x00\x00\x01\x00"


@pytest.mark.parametrize("path", [*ROUTES, "/api/layers/nope", "/nothing", "/?date=bad"])
def test_every_response_has_the_security_headers(client: FlaskClient, path: str) -> None:
    with client.get(path) as response:
        headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["img-src"] == f"'self' {ONLINE_TILES.origin}"
    assert "unsafe" not in headers["Content-Security-Policy"]


def test_the_page_loads_nothing_from_another_host(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    script = client.get("/map.js").get_data(as_text=True)
    for url in _markup(html).urls:
        assert not re.match(r"^([a-z]+:)?//", url, re.IGNORECASE), url
    outside = re.findall(r"(?:https?:)?//[\w.-]+", html + script)
    assert {re.sub(r"^(https?:)?//", "", url) for url in outside} <= {ONLINE_TILES.origin.split("//")[1]}


def test_online_tiles_are_off_by_default(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<input type="checkbox" id="online-tiles">', html)


def test_an_element_linking_a_cdn_fails_the_build() -> None:
    page = Page(title="test", scripts=["map.js"])
    situation = SituationMap([35.75, 35.25, 37.35, 36.75], [34.5, 34.0, 39.0, 37.9]).add_to(page)
    plugins.Fullscreen().add_to(situation)  # folium's own, which links jsdelivr
    with pytest.raises(AssetError, match="cdn.jsdelivr.net"):
        page.render_parts()


def test_folium_defaults_are_left_alone(client: FlaskClient) -> None:
    """The page points its own elements at local files; folium's shared lists keep their CDN links."""
    client.get("/")
    assert all(url.startswith("https://") for _, url in folium.folium._default_js)
    assert all(url.startswith("https://") for _, url in folium.Map.default_css)


def test_text_from_the_data_is_escaped_in_the_markup(layers_copy: Path, make_app) -> None:
    hostile = "<img src=x onerror=alert(1)>{{ 7 * 7 }}"
    events = layers_copy / "events.geojson"
    data = json.loads(events.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name"] = hostile
    events.write_text(json.dumps(data), encoding="utf-8")
    manifest = layers_copy / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('title = "Events"', 'title = "<b>Events</b>"'))
    client = make_app(layers_copy).test_client()
    html = client.get("/").get_data(as_text=True)
    script = client.get("/map.js").get_data(as_text=True)
    assert "<img src=x" not in html + script and "<b>Events" not in html + script
    assert "\\u003cimg src=x onerror=alert(1)\\u003e{{ 7 * 7 }}" in script, "the event's name, as data for the script"
    assert hostile in [entry["title"] for entry in _config(script)["keyDates"]]
    assert "&lt;b&gt;Events&lt;/b&gt;" in html


def test_the_legend_explains_the_circle_round_a_point_only_where_a_point_has_one(
    client: FlaskClient, built: BuildPaths
) -> None:
    circle = 'data-i18n="maps.uncertainty"'
    assert circle in client.get("/").get_data(as_text=True), "the posts placed within a radius have their circle"
    data = MapData.open(built.layers, built.basemap)
    exact = {
        layer.id: Layer(
            layer.spec, [{**f, "properties": {**f["properties"], "uncertainty_m": 0}} for f in layer.features]
        )
        for layer in data.catalog
    }
    page = build_page(MapData(Catalog(data.catalog.manifest, exact), data.basemap), embedded=False)
    assert "maps.qualities" in page.html and circle not in page.html

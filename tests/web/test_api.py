"""The JSON API: every route and every error, and the features and styles it sends checked against geo."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from geo.model.catalog import Catalog
from geo.model.manifest import Manifest, load_manifest
from geo.model.style import dash_pattern, feature_style

from support import LAYERS_DIR, ROOT

LAYER_IDS = load_manifest(LAYERS_DIR).ids
#: Before anything, the key moments of the story, and after the last key date.
DATES = ["2016-01-01", "2017-05-04", "2018-09-17", "2019-12-24", "2020-03-01", "2020-03-06", "2020-03-20", "2021-01-01"]


def _ids(features: list[dict]) -> list[str]:
    return [f["properties"]["id"] for f in features]


def test_manifest_is_the_manifest_as_json(client: FlaskClient, manifest: Manifest) -> None:
    response = client.get("/api/layers")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == manifest.to_json()


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_without_date_sends_every_feature(client: FlaskClient, catalog: Catalog, layer_id: str) -> None:
    response = client.get(f"/api/layers/{layer_id}")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    body = response.get_json()
    assert body["type"] == "FeatureCollection"
    assert body["name"] == layer_id
    assert "date" not in body
    assert [f["properties"] for f in body["features"]] == [f["properties"] for f in catalog[layer_id].features]
    assert [f["geometry"] for f in body["features"]] == [f["geometry"] for f in catalog[layer_id].features]


@pytest.mark.parametrize("date", DATES)
@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_on_a_date_sends_what_geo_selects(
    client: FlaskClient, catalog: Catalog, layer_id: str, date: str
) -> None:
    body = client.get(f"/api/layers/{layer_id}?date={date}").get_json()
    assert body["date"] == date
    assert _ids(body["features"]) == _ids(catalog[layer_id].at(dt.date.fromisoformat(date)))


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_each_feature_names_its_style_as_geo_resolves_it(client: FlaskClient, catalog: Catalog, layer_id: str) -> None:
    body = client.get(f"/api/layers/{layer_id}").get_json()
    spec = catalog.manifest[layer_id]
    for feature in body["features"]:
        sent = body["styles"][feature["style"]]
        expected = feature_style(catalog.manifest, spec, feature["properties"])
        if expected.get("width_by"):  # the width grows with the number, and a dash pattern with the width
            assert sent["weight"] >= expected["weight"]
            assert sent["dash"] == " ".join(f"{n:g}" for n in dash_pattern(expected, sent["weight"]))
            sent = {**sent, "weight": expected["weight"], "dash": expected["dash"]}
        assert sent == expected


def test_width_by_lines_are_wider_for_larger_numbers(client: FlaskClient, manifest: Manifest) -> None:
    scaled = [s.id for s in manifest.layers if s.style.get("width_by")]
    assert scaled, "the manifest has a layer whose line width follows a number"
    for layer_id in scaled:
        body = client.get(f"/api/layers/{layer_id}").get_json()
        key = manifest[layer_id].style["width_by"]
        weight = {f["properties"].get(key, 0): body["styles"][f["style"]]["weight"] for f in body["features"]}
        weights = [weight[value] for value in sorted(weight)]  # a feature without the number is drawn thinnest
        assert weights == sorted(weights)
        assert weights[-1] > weights[0] or len(weights) == 1, "a larger number, a wider line"
        assert weights[0] == manifest[layer_id].style["weight"], "a line without a number at the layer's own width"


@pytest.mark.parametrize("bad", ["2020-13-01", "2020-02-30", "yesterday", "20200315", "2020-3-15", ""])
def test_a_bad_date_is_400_naming_it(client: FlaskClient, bad: str) -> None:
    response = client.get(f"/api/layers/{LAYER_IDS[0]}", query_string={"date": bad})
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert repr(bad) in response.get_json()["error"]


def test_an_unknown_layer_is_404_naming_it(client: FlaskClient) -> None:
    response = client.get("/api/layers/no_such_layer?date=2020-03-20")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert "no_such_layer" in error
    assert all(layer_id in error for layer_id in LAYER_IDS)


def test_timeline_is_the_key_dates_in_order(client: FlaskClient, catalog: Catalog) -> None:
    response = client.get("/api/timeline")
    assert response.status_code == 200
    body = response.get_json()
    assert body == [entry.to_json() for entry in catalog.timeline()]
    assert [entry["date"] for entry in body] == sorted(entry["date"] for entry in body)
    assert body, "the map has key dates"


def test_diff_is_what_geo_finds(client: FlaskClient, catalog: Catalog) -> None:
    response = client.get("/api/diff?from=2020-01-01&to=2020-03-20")
    assert response.status_code == 200
    expected = catalog.diff(dt.date(2020, 1, 1), dt.date(2020, 3, 20))
    assert response.get_json() == [change.to_json() for change in expected]
    assert any(change["layer"] == "m4_corridor" and change["change"] == "appeared" for change in response.get_json())


@pytest.mark.parametrize(
    ("query", "named"),
    [("from=2020-01-01", "to None"), ("to=2020-01-01", "from None"), ("from=2020-01-01&to=soon", "'soon'")],
)
def test_diff_needs_two_dates(client: FlaskClient, query: str, named: str) -> None:
    response = client.get(f"/api/diff?{query}")
    assert response.status_code == 400
    assert named in response.get_json()["error"]


@pytest.mark.parametrize(("method", "path", "status"), [("GET", "/api/nothing", 404), ("POST", "/api/layers", 405)])
def test_other_api_errors_are_json_too(client: FlaskClient, method: str, path: str, status: int) -> None:
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]


def _route(text: str) -> str:
    """A path with its parameters' names left out: /api/layers/<id> and /api/layers/<layer_id> are one route."""
    return re.sub(r"<[^>]*>", "<>", text.split("?")[0])


def test_the_readme_api_table_lists_the_apps_api(app: Flask) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = {_route(path) for path in re.findall(r"^\| `GET (/api/\S+?)`", readme, flags=re.M)}
    served = {_route(rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert documented == served

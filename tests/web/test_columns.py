"""A webgl layer (renderer = "webgl"): the manifest's rules for it, its points as columns (webmap.columns) that say
what geo says of each point, and the routes that serve them and one feature at a time."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pytest
from flask import Flask

from bench.acled import LAYER_ID, imported_events
from geo.errors import ManifestError
from geo.model.catalog import Catalog
from geo.model.dates import FAR_FUTURE
from geo.model.manifest import load_manifest

SIZE = 400


def _columns(body: bytes) -> dict:
    """The columns of a data/<id>.bin as the page reads them (columns.js), as numpy arrays."""
    length = int(np.frombuffer(body[:4], dtype="<u4")[0])
    header = json.loads(body[4 : 4 + length])
    arrays = {}
    for name, (offset, kind, size) in header["columns"].items():
        dtype = {"float32": "<f4", "uint16": "<u2"}[kind]
        arrays[name] = np.frombuffer(body, dtype=dtype, count=header["count"] * size, offset=offset).reshape(-1, size)
    return {**header, "arrays": arrays}


@pytest.fixture(scope="module")
def events_app(tmp_path_factory: pytest.TempPathFactory, make_app) -> Flask:
    return make_app(imported_events(tmp_path_factory.mktemp("events"), SIZE))


def test_the_columns_hold_each_point_its_days_radius_and_filter_values(events_app: Flask) -> None:
    catalog: Catalog = events_app.extensions["idlibmap"].data.catalog
    features = catalog[LAYER_ID].features
    response = events_app.test_client().get(f"/data/{LAYER_ID}.bin")
    assert response.status_code == 200 and response.mimetype == "application/octet-stream"
    columns = _columns(response.data)
    assert columns["count"] == SIZE and set(columns["filters"]) == {"event_type", "actor1"}
    arrays = columns["arrays"]
    epoch = dt.date(1970, 1, 1)
    for index in (0, 17, SIZE - 1):
        p = features[index]["properties"]
        assert arrays["position"][index] == pytest.approx(features[index]["geometry"]["coordinates"], abs=1e-5)
        assert arrays["days"][index].tolist() == [
            (dt.date.fromisoformat(p["valid_from"]) - epoch).days,
            (dt.date.fromisoformat(p["valid_to"]) - epoch).days,
        ]
        assert arrays["radius"][index][0] == p["uncertainty_m"]
        for name in ("event_type", "actor1"):
            assert columns["filters"][name][arrays[f"filter:{name}"][index][0]] == p[name]


def test_an_open_end_is_after_every_date(tmp_path: Path, make_app) -> None:
    layers = imported_events(tmp_path, 5)
    path = layers / f"{LAYER_ID}.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    del collection["features"][0]["properties"]["valid_to"]
    path.write_text(json.dumps(collection), encoding="utf-8")
    columns = _columns(make_app(layers).test_client().get(f"/data/{LAYER_ID}.bin").data)
    assert columns["arrays"]["days"][0][1] == (FAR_FUTURE - dt.date(1970, 1, 1)).days


def test_a_feature_is_served_on_its_own_and_an_index_out_of_range_is_404(events_app: Flask) -> None:
    client = events_app.test_client()
    feature = client.get(f"/data/{LAYER_ID}/17.json").get_json()
    expected = events_app.extensions["idlibmap"].data.catalog[LAYER_ID].features[17]
    assert feature["properties"] == expected["properties"]
    missing = client.get(f"/data/{LAYER_ID}/{SIZE}.json")
    assert missing.status_code == 404 and f"features 0 to {SIZE - 1}" in missing.get_json()["error"]
    assert client.get(f"/data/{LAYER_ID}.json").status_code == 404  # its data is the columns
    assert client.get("/data/nowhere/1.json").status_code == 404


def test_the_api_answers_a_webgl_layer_on_a_date_as_geo_selects(events_app: Flask) -> None:
    catalog: Catalog = events_app.extensions["idlibmap"].data.catalog
    date = dt.date(2019, 6, 15)
    answer = events_app.test_client().get(f"/api/layers/{LAYER_ID}?date={date}").get_json()
    assert [f["properties"]["id"] for f in answer["features"]] == [
        f["properties"]["id"] for f in catalog[LAYER_ID].at(date)
    ]


def test_the_page_loads_deck_gl_only_with_a_webgl_layer(events_app: Flask, client) -> None:
    assert "assets/deck.gl/core.js" in events_app.test_client().get("/").get_data(as_text=True)
    assert "deck.gl" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('geometry = ["Point"]', 'geometry = ["LineString"]'), 'renderer = "webgl" is of points'),
        (('filters = ["event_type", "actor1"]', 'filters = ["event_type", "actor3"]'), "'actor3', not a property"),
        (('renderer = "webgl"', 'renderer = "canvas"'), "`filters` are a webgl layer's"),
        (('filters = ["event_type", "actor1"]', 'filters = ["actor1", "actor1"]'), "names a property twice"),
    ],
)
def test_a_webgl_layer_that_cannot_be_drawn_so_is_refused(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    layers = imported_events(tmp_path, 3)
    manifest = layers / "manifest.toml"
    # the imported file declared as a layer of its own (no [layer.feed], whose rules would speak first)
    tables = re.sub(r"\[layer\.feed\].*?(?=\[layer\.property)", "", manifest.read_text(encoding="utf-8"), flags=re.S)
    manifest.write_text(tables.replace(*edit), encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_manifest(layers)

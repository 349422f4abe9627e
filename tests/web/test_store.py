"""The encoded layers: a new build reuses those that make did not change and encodes the others as a first load
would; a date's answer is its period's, made once, kept within a bound, and sent with its length."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json

import pytest
from flask.testing import FlaskClient

from geo.model.catalog import Catalog
from geo.model.dates import FAR_FUTURE
from geo.model.layer import Layer
from geo.model.manifest import Manifest, load_manifest
from webmap.store import EncodedLayer, Store, _Kept

from support import LAYERS_DIR

MANIFEST = load_manifest(LAYERS_DIR)


def _changed(catalog: Catalog, layer_id: str, change, manifest: Manifest | None = None) -> Catalog:
    """The catalog of a new build in which make changed the first feature of one layer (the others are the same
    objects, as Catalog.open takes what did not change from the build before), or only the manifest."""
    manifest = manifest or catalog.manifest
    layers = {layer.id: layer for layer in catalog}
    if change is not None:
        features = copy.deepcopy(catalog[layer_id].features)
        change(features[0]["properties"])
        layers[layer_id] = Layer(manifest[layer_id], features)
    else:
        layers[layer_id] = Layer(manifest[layer_id], catalog[layer_id].features)
    return Catalog(manifest, layers)


def _first_load(catalog: Catalog, layer_id: str) -> EncodedLayer:
    return EncodedLayer(catalog.manifest, catalog[layer_id])


@pytest.mark.parametrize(
    "change",
    [
        lambda properties: properties.update(name=properties["name"] + " (edited)"),
        lambda properties: properties.update(valid_to="2020-01-01"),
    ],
    ids=["name", "dates"],
)
def test_a_new_build_encodes_only_the_layer_make_changed_as_a_first_load_would(catalog: Catalog, change) -> None:
    before = Store.load(catalog)
    rebuilt = _changed(catalog, "sochi_dmz", change)
    after = Store.load(rebuilt, before)
    ids = catalog.manifest.ids
    assert [after[i] is before[i] for i in ids] == [i != "sochi_dmz" for i in ids]
    assert after["sochi_dmz"].etag != before["sochi_dmz"].etag
    assert after["sochi_dmz"].page_data == _first_load(rebuilt, "sochi_dmz").page_data
    assert after.catalog["sochi_dmz"].features == rebuilt["sochi_dmz"].features


def test_features_whose_style_moved_to_another_row_are_encoded_again(catalog: Catalog) -> None:
    before = Store.load(catalog)
    kinds = [f["properties"]["kind"] for f in catalog["m4_corridor"].features]
    assert kinds[0] != kinds[1], "the first feature's style is row 0, the others' row 1"
    rebuilt = _changed(catalog, "m4_corridor", lambda properties: properties.update(kind=kinds[1]))
    after = Store.load(rebuilt, before)
    assert len(after["m4_corridor"].styles) == len(before["m4_corridor"].styles) - 1
    assert after["m4_corridor"].page_data == _first_load(rebuilt, "m4_corridor").page_data


def test_a_changed_manifest_entry_encodes_its_layer_again(catalog: Catalog) -> None:
    before = Store.load(catalog)
    manifest = catalog.manifest
    spec = manifest["sochi_dmz"]
    restyled = dataclasses.replace(spec, style={**spec.style, "color": "#000000"})
    manifest = dataclasses.replace(manifest, layers=tuple(restyled if s is spec else s for s in manifest.layers))
    rebuilt = _changed(catalog, "sochi_dmz", None, manifest)
    after = Store.load(rebuilt, before)
    assert [after[i] is before[i] for i in manifest.ids] == [i != "sochi_dmz" for i in manifest.ids]
    assert after["sochi_dmz"].page_data == _first_load(rebuilt, "sochi_dmz").page_data
    assert after["sochi_dmz"].styles[0]["color"] == "#000000"


def _days_around(encoded: EncodedLayer) -> list[dt.date]:
    """The first and last days, every date of the layer and the day before it."""
    dates = [dt.date.fromisoformat(day) for day in json.loads(encoded.page_data)["dates"]]
    return [dt.date.min, *(day - dt.timedelta(days=1) for day in dates), *dates, FAR_FUTURE]


@pytest.mark.parametrize("layer_id", MANIFEST.ids)
def test_the_answer_of_a_date_is_what_geo_selects_made_once_per_period(catalog: Catalog, layer_id: str) -> None:
    encoded = Store.load(catalog)[layer_id]
    for day in _days_around(encoded):
        answer = json.loads(b"".join(encoded.collection(day)))
        assert [f["properties"] for f in answer["features"]] == [f["properties"] for f in encoded.layer.at(day)], day
        assert answer["date"] == day.isoformat()
    dates = [dt.date.fromisoformat(day) for day in json.loads(encoded.page_data)["dates"]]
    for start, end in zip(dates, dates[1:]):
        assert encoded.collection(start)[1] is encoded.collection(end - dt.timedelta(days=1))[1], "kept, not made again"


def test_an_answer_is_sent_with_its_length(client: FlaskClient) -> None:
    response = client.get("/api/layers/events?date=2020-03-20")
    assert int(response.headers["Content-Length"]) == len(response.data) > 0


def test_answers_are_kept_within_the_bound_the_least_recently_used_dropped_first() -> None:
    kept = _Kept(limit=10)
    made: list[str] = []

    def maker(key: str):
        return lambda: made.append(key) or key.encode() * 4

    for key in ("a", "b", "a", "c", "b"):
        assert kept.get(key, maker(key)) == key.encode() * 4
    assert made == ["a", "b", "c", "b"], "a kept; b dropped when c came, a having been used since"
    assert kept.size <= 10

"""The encoded layers: a new build reuses those that make did not change and encodes the others as a first load
would; a date's answer is its period's, made once, kept within a bound, and sent with its length."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from geo import paths
from geo.model.dates import FAR_FUTURE
from geo.model.manifest import Manifest, load_manifest
from webmap.built import layer_path, read_layer
from webmap.store import EncodedLayer, Store, _Kept

from support import LAYERS_DIR, ROOT

MANIFEST = load_manifest(LAYERS_DIR)


@pytest.fixture
def build_copy(tmp_path: Path) -> Path:
    """A copy of the project's built layers."""
    target = tmp_path / "build"
    target.mkdir()
    for path in (ROOT / paths.LAYER_BUILD_DIR).glob("*.geojson"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def _edit(build_dir: Path, layer_id: str, change) -> None:
    """Change the first feature's properties of a built layer, as a new make would write it."""
    path = layer_path(build_dir, layer_id)
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection["features"][0]["properties"])
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def _first_load(manifest: Manifest, build_dir: Path, layer_id: str) -> EncodedLayer:
    return EncodedLayer(manifest, read_layer(manifest[layer_id], layer_path(build_dir, layer_id)))


@pytest.mark.parametrize(
    "change",
    [
        lambda properties: properties.update(name=properties["name"] + " (edited)"),
        lambda properties: properties.update(valid_to="2020-01-01"),
    ],
    ids=["name", "dates"],
)
def test_a_new_build_encodes_only_the_layer_make_changed_as_a_first_load_would(build_copy: Path, change) -> None:
    before = Store.load(MANIFEST, build_copy)
    _edit(build_copy, "sochi_dmz", change)
    after = Store.load(MANIFEST, build_copy)
    assert [after[i] is before[i] for i in MANIFEST.ids] == [i != "sochi_dmz" for i in MANIFEST.ids]
    assert after["sochi_dmz"].etag != before["sochi_dmz"].etag
    assert after["sochi_dmz"].page_data == _first_load(MANIFEST, build_copy, "sochi_dmz").page_data
    built = json.loads(layer_path(build_copy, "sochi_dmz").read_text(encoding="utf-8"))
    assert after.catalog["sochi_dmz"].features == built["features"]


def test_features_whose_style_moved_to_another_row_are_encoded_again(build_copy: Path) -> None:
    before = Store.load(MANIFEST, build_copy)
    kinds = [f["properties"]["kind"] for f in before.catalog["m4_corridor"].features]
    assert kinds[0] != kinds[1], "the first feature's style is row 0, the others' row 1"
    _edit(build_copy, "m4_corridor", lambda properties: properties.update(kind=kinds[1]))
    after = Store.load(MANIFEST, build_copy)
    assert len(after["m4_corridor"].styles) == len(before["m4_corridor"].styles) - 1
    assert after["m4_corridor"].page_data == _first_load(MANIFEST, build_copy, "m4_corridor").page_data


def test_a_changed_manifest_entry_encodes_its_layer_again(build_copy: Path) -> None:
    before = Store.load(MANIFEST, build_copy)
    spec = MANIFEST["sochi_dmz"]
    restyled = dataclasses.replace(spec, style={**spec.style, "color": "#000000"})
    manifest = dataclasses.replace(MANIFEST, layers=tuple(restyled if s is spec else s for s in MANIFEST.layers))
    after = Store.load(manifest, build_copy)
    assert [after[i] is before[i] for i in MANIFEST.ids] == [i != "sochi_dmz" for i in MANIFEST.ids]
    assert after["sochi_dmz"].page_data == _first_load(manifest, build_copy, "sochi_dmz").page_data
    assert after["sochi_dmz"].styles[0]["color"] == "#000000"


def _days_around(encoded: EncodedLayer) -> list[dt.date]:
    """The first and last days, every date of the layer and the day before it."""
    dates = [dt.date.fromisoformat(day) for day in json.loads(encoded.page_data)["dates"]]
    return [dt.date.min, *(day - dt.timedelta(days=1) for day in dates), *dates, FAR_FUTURE]


@pytest.mark.parametrize("layer_id", MANIFEST.ids)
def test_the_answer_of_a_date_is_what_geo_selects_made_once_per_period(build_copy: Path, layer_id: str) -> None:
    encoded = Store.load(MANIFEST, build_copy)[layer_id]
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

"""The catalog's timeline and its comparison of two dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.errors import UnknownLayerError
from geo.model.catalog import Catalog
from geo.model.layer import Layer
from geo.model.manifest import LayerSpec, Manifest

from support import point_feature


def spec(layer_id: str, timeline: bool = False) -> LayerSpec:
    return LayerSpec(
        id=layer_id,
        title=layer_id,
        kind="source",
        geometry=("Point",),
        legend="",
        licence="",
        style={},
        timeline=timeline,
    )


@pytest.fixture
def small() -> Catalog:
    posts = [
        point_feature(id="a_established", entity_id="a", valid_from="2018-01-01", valid_to="2020-02-05", status="e"),
        point_feature(id="a_encircled", entity_id="a", valid_from="2020-02-05", status="c"),
        point_feature(id="b", valid_from="2018-01-01"),
        point_feature(id="c", valid_from="2018-01-01", valid_to="2019-06-01"),
        point_feature(id="d", valid_from="2020-03-06"),
    ]
    events = [
        point_feature(id="late", name="Protocol", valid_from="2020-03-05", kind="agreement"),
        point_feature(id="early", name="Memorandum", valid_from="2017-05-04", kind="agreement"),
    ]
    specs = (spec("posts"), spec("events", timeline=True))
    manifest = Manifest(path=Path("manifest.toml"), layers=specs, geometry_quality={}, map={})
    return Catalog(manifest, {"posts": Layer(specs[0], posts), "events": Layer(specs[1], events)})


def test_diff_names_what_appeared_disappeared_and_changed(small: Catalog) -> None:
    changes = {(c.entity, c.change) for c in small.diff(dt.date(2019, 1, 1), dt.date(2020, 3, 20))}
    assert ("a", "changed") in changes and ("d", "appeared") in changes and ("c", "disappeared") in changes
    assert not any(entity == "b" for entity, _ in changes)
    assert ("early", "appeared") not in changes and ("late", "appeared") in changes


def test_diff_of_a_state_change_shows_both_states(small: Catalog) -> None:
    (change,) = [c for c in small.diff(dt.date(2019, 1, 1), dt.date(2020, 3, 1)) if c.entity == "a"]
    assert change.before["status"] == "e" and change.after["status"] == "c"


def test_diff_of_a_date_with_itself_is_empty(small: Catalog) -> None:
    assert small.diff(dt.date(2020, 1, 1), dt.date(2020, 1, 1)) == []


def test_timeline_lists_timeline_layers_by_date(small: Catalog) -> None:
    entries = small.timeline()
    assert [e.title for e in entries] == ["Memorandum", "Protocol"]
    assert entries[0].to_json() == {
        "date": "2017-05-04",
        "title": "Memorandum",
        "kind": "agreement",
        "layer": "events",
        "feature_id": "early",
    }


def test_an_unknown_layer_id_says_which_exist(small: Catalog) -> None:
    with pytest.raises(UnknownLayerError, match="unknown layer 'front'; the manifest lists: posts, events"):
        small["front"]

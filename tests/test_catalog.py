"""The catalog's timeline and its comparison of two dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.errors import UnknownLayerError
from geo.model.catalog import Catalog
from geo.model.layer import Layer, is_recent, recent_until
from geo.model.manifest import Language, LayerSpec, Manifest

from support import point_feature


def spec(layer_id: str, timeline: bool = False, **options) -> LayerSpec:
    return LayerSpec(
        id=layer_id,
        title=layer_id,
        kind="source",
        geometry=("Point",),
        legend="",
        licence="",
        style={},
        timeline=timeline,
        **options,
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
    specs = (spec("posts", states={"property": "status"}), spec("events", timeline=True, recent_days=31))
    english = Language("en", "English", "ltr", "en-GB", "name")
    manifest = Manifest(path=Path("manifest.toml"), layers=specs, geometry_quality={}, map={}, languages=(english,))
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


def test_each_change_says_what_it_counts_as(small: Catalog) -> None:
    kinds = {c.entity: (c.change, c.kind) for c in small.diff(dt.date(2019, 1, 1), dt.date(2020, 3, 20))}
    assert kinds["a"] == ("changed", "c"), "a thing that moved to another state counts as its new state"
    assert kinds["d"] == ("appeared", "appeared") and kinds["c"] == ("disappeared", "disappeared")
    assert kinds["late"] == ("appeared", "appeared"), "a layer without states counts the change itself"
    assert small.diff(dt.date(2019, 1, 1), dt.date(2020, 3, 20))[0].to_json()["kind"]


def test_change_dates_are_every_day_a_layer_changes(small: Catalog) -> None:
    assert [day.isoformat() for day in small.change_dates()] == [
        "2017-05-04",
        "2018-01-01",
        "2019-06-01",
        "2020-02-05",
        "2020-03-05",
        "2020-03-06",
    ]


def test_a_map_of_some_layers_draws_only_those(catalog: Catalog) -> None:
    drawn = catalog.drawn_on(dt.date(2020, 3, 15), {"observation_posts"})
    assert list(drawn) == list(catalog.manifest.ids), "every layer keeps its place"
    assert drawn["observation_posts"] and all(not drawn[i] for i in drawn if i != "observation_posts")


@pytest.mark.parametrize(
    ("day", "recent"), [("2020-03-04", False), ("2020-03-05", True), ("2020-04-04", True), ("2020-04-05", False)]
)
def test_an_event_is_recent_for_recent_days_from_its_date(small: Catalog, day: str, recent: bool) -> None:
    events = small["events"]
    (late,) = [f for f in events.features if f["properties"]["id"] == "late"]
    assert recent_until(events.spec, late["properties"]) == dt.date(2020, 4, 5)
    assert is_recent(events.spec, late["properties"], dt.date.fromisoformat(day)) is recent
    assert recent_until(small["posts"].spec, late["properties"]) is None, "only a layer with recent_days has news"

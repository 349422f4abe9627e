"""The ground: which towns each side held on a date (town_control), the areas and front line computed from them
(control_areas), and the posts checked against that ground, with no more than the towns the sources date."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from geo.errors import ValidationError
from geo.model.build import build_layers
from geo.model.catalog import Catalog
from geo.paths import BuildPaths

from support import ROOT


def holder(catalog: Catalog, town: str, day: str) -> str | None:
    """The controller of `town` (its entity id) on `day`, or None when no period covers it."""
    found = [f for f in catalog["town_control"].at(dt.date.fromisoformat(day)) if f["properties"]["entity_id"] == town]
    return found[0]["properties"]["controller"] if found else None


def ground_at(catalog: Catalog, town: str, day: str) -> str | None:
    """The holder of the computed area that contains the town's point on `day`."""
    (point,) = {
        json.dumps(f["geometry"]) for f in catalog["town_control"].features if f["properties"]["entity_id"] == town
    }
    where = shape(json.loads(point))
    for feature in catalog["control_areas"].at(dt.date.fromisoformat(day)):
        if "controller" in feature["properties"] and shape(feature["geometry"]).intersects(where):
            return feature["properties"]["controller"]
    return None


@pytest.mark.parametrize(
    ("town", "day", "expected"),
    [
        ("khan_shaykhun", "2019-09-01", "government"),
        ("khan_shaykhun", "2019-08-01", "opposition"),
        ("maarat_al_numan", "2020-01-15", "opposition"),
        ("maarat_al_numan", "2020-02-01", "government"),
        ("saraqib", "2020-02-20", "government"),
        ("saraqib", "2020-03-06", "government"),
        ("idlib", "2020-03-20", "opposition"),
        ("ariha", "2020-03-20", "opposition"),
        ("jisr_al_shughur", "2020-03-20", "opposition"),
    ],
)
def test_a_towns_holder_and_the_ground_drawn_around_it(catalog: Catalog, town: str, day: str, expected: str) -> None:
    assert holder(catalog, town, day) == expected
    assert ground_at(catalog, town, day) == expected


def test_saraqib_changed_hands_three_times_in_2020(catalog: Catalog) -> None:
    days = ["2020-02-05", "2020-02-06", "2020-02-27", "2020-03-02"]
    assert [holder(catalog, "saraqib", day) for day in days] == ["opposition", "government", "opposition", "government"]


@pytest.mark.parametrize("day", ["2019-05-01", "2019-09-01", "2020-01-01", "2020-02-20", "2020-03-20", "2021-01-01"])
def test_the_areas_of_every_date_are_polygons_with_a_holder_and_a_front_line(catalog: Catalog, day: str) -> None:
    drawn = catalog["control_areas"].at(dt.date.fromisoformat(day))
    areas = [f for f in drawn if f["properties"]["kind"] == "area"]
    assert areas and all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in areas)
    assert {"government", "opposition"} <= {f["properties"]["controller"] for f in areas}
    assert all(f["properties"]["geometry_quality"] == "schematic" for f in drawn)
    (front,) = [f for f in drawn if f["properties"]["kind"] == "front_line"]
    assert front["geometry"]["type"] in ("LineString", "MultiLineString")
    assert all(str(f["properties"]["town_count"]) in f["properties"]["drawn_from"] for f in areas)


def test_the_areas_of_a_date_do_not_overlap(catalog: Catalog) -> None:
    areas = [
        shape(f["geometry"])
        for f in catalog["control_areas"].at(dt.date(2020, 2, 20))
        if f["properties"]["kind"] == "area"
    ]
    union = shapely.union_all(areas)
    assert union.area == pytest.approx(sum(a.area for a in areas), rel=1e-6)


def test_idlibmap_at_gives_the_areas_of_a_date() -> None:
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "idlibmap"), "at", "2020-02-20", "--layer", "control_areas"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    features = json.loads(result.stdout)["features"]
    assert {f["properties"].get("controller") for f in features} >= {"government", "opposition"}


def test_the_change_between_two_dates_names_the_towns_that_changed_hands(catalog: Catalog) -> None:
    changed = {
        c.entity: (c.before["controller"], c.after["controller"])
        for c in catalog.diff(dt.date(2020, 1, 1), dt.date(2020, 3, 6))
        if c.layer == "town_control" and c.change == "changed"
    }
    assert changed["maarat_al_numan"] == ("opposition", "government")
    assert changed["saraqib"] == ("opposition", "government")


def test_a_post_standing_in_ground_the_other_side_took_fails_the_build(layers_copy: Path, built: BuildPaths) -> None:
    """The cross-check: make a town around a standing post change hands with no sourced reason, and loading fails
    naming the post and the date."""
    towns_file = layers_copy / "town_control.geojson"
    data = json.loads(towns_file.read_text(encoding="utf-8"))
    idlib = [f for f in data["features"] if f["properties"]["entity_id"] == "taftanaz"]
    last = idlib[-1]["properties"]
    last["valid_to"] = "2020-03-10"
    taken = json.loads(json.dumps(idlib[-1]))
    taken["properties"].update(id="taftanaz_taken", controller="government", valid_from="2020-03-10")
    taken["properties"].pop("valid_to")
    data["features"].append(taken)
    towns_file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"taftanaz_established.*2020-03-10.*government ground.*Taftanaz"):
        build_layers(layers_copy, layers_copy.parent / "out", built.basemap)


def test_a_sourced_exception_is_recorded_on_the_post(catalog: Catalog) -> None:
    explained = [
        f["properties"] for f in catalog["observation_posts"].features if "control_exception" in f["properties"]
    ]
    assert any(p["entity_id"] == "saraqib_east" for p in explained)
    assert all(p["control_exception"]["sources"] for p in explained)


def test_the_areas_change_only_on_the_dates_of_their_towns(catalog: Catalog) -> None:
    """A derived layer over time: computed per period of its input, and one feature across periods that leave it
    unchanged."""
    town_dates = {
        day
        for f in catalog["town_control"].features
        for day in (f["properties"]["valid_from"], f["properties"].get("valid_to"))
        if day
    }
    for feature in catalog["control_areas"].features:
        properties = feature["properties"]
        assert properties["valid_from"] in town_dates
        assert properties.get("valid_to") is None or properties["valid_to"] in town_dates
    by_entity: dict[str, list[dict]] = {}
    for feature in catalog["control_areas"].features:
        by_entity.setdefault(feature["properties"]["entity_id"], []).append(feature)
    for states in by_entity.values():
        for earlier, later in zip(states, states[1:]):
            assert earlier["geometry"] != later["geometry"] or earlier["properties"] != later["properties"]

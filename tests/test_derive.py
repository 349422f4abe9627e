"""Derivations: the corridor is measured in metres, contains its line and reaches no further than its width."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, mapping, shape

from geo.model.operations import derive_feature, from_metric, to_metric

UTM37 = "EPSG:32637"
# Points within north-west Syria, where UTM zone 37N is the map's metric CRS.
lons = st.floats(min_value=35.7, max_value=37.3)
lats = st.floats(min_value=35.2, max_value=36.7)
positions = st.tuples(lons, lats)


def lookup_in(features: dict[str, Any]):
    return lambda reference: {"geometry": mapping(features[reference["feature"]])}


def corridor(line: LineString, start: Point, end: Point, buffer_m: float) -> shapely.Geometry:
    features = {"line": line, "start": start, "end": end}
    params = {
        "line": {"layer": "l", "feature": "line"},
        "start": {"layer": "p", "feature": "start"},
        "end": {"layer": "p", "feature": "end"},
        "buffer_m": buffer_m,
        "crs": UTM37,
    }
    return derive_feature("corridor", params, lookup_in(features))


@settings(max_examples=60, deadline=None)
@given(st.lists(positions, min_size=2, max_size=8, unique=True), st.integers(0, 7), st.integers(0, 7))
def test_corridor_contains_its_segment_and_stays_within_its_width(points: list, i: int, j: int) -> None:
    line = LineString(points)
    if line.length == 0:
        return
    start, end = Point(points[i % len(points)]), Point(points[j % len(points)])
    buffered = to_metric(corridor(line, start, end, 6000), UTM37)
    segment = to_metric(corridor(line, start, end, 0), UTM37)
    assert buffered.buffer(0.5).contains(segment)  # 0.5 m: rounding to 6 decimals moves points by < 0.1 m
    distances = shapely.distance(segment, shapely.points(shapely.get_coordinates(buffered.boundary)))
    assert distances.max() <= 6000 + 1.0


def test_corridor_is_cut_between_the_two_points() -> None:
    line = LineString([(36.0, 35.8), (36.5, 35.8), (37.0, 35.8)])
    segment = corridor(line, Point(36.2, 35.81), Point(36.7, 35.79), 0)
    (west, _), (east, _) = segment.coords[0], segment.coords[-1]
    # A straight line in degrees bends a little in UTM: within 1e-4 degrees (about 10 m).
    assert west == pytest.approx(36.2, abs=1e-4) and east == pytest.approx(36.7, abs=1e-4)


@given(positions)
def test_reprojection_round_trips(position: tuple[float, float]) -> None:
    point = Point(position)
    back = from_metric(to_metric(point, UTM37), UTM37)
    assert back.distance(point) < 1e-9


def test_a_metric_buffer_is_metres_not_degrees() -> None:
    point = Point(36.6, 35.9)
    ring = shape(mapping(from_metric(to_metric(point, UTM37).buffer(6000), UTM37)))
    # 6 km is about 0.054 degrees of latitude
    assert ring.bounds[3] - point.y == pytest.approx(6000 / 111_000, rel=0.01)


def test_the_m4_corridor_matches_its_golden_file(catalog) -> None:
    """The corridor as built equals the one computed independently (tests/data/regenerate_golden.py)."""
    golden = json.loads((Path(__file__).with_name("data") / "m4_corridor.golden.geojson").read_text(encoding="utf-8"))
    expected = {f["properties"]["id"]: shape(f["geometry"]) for f in golden["features"]}
    built = {f["properties"]["id"]: shape(f["geometry"]) for f in catalog["m4_corridor"].features}
    assert built.keys() == expected.keys()
    for feature_id, geometry in built.items():
        metric, reference = to_metric(geometry, UTM37), to_metric(expected[feature_id], UTM37)
        # within 5 m everywhere: a geometric comparison, never a byte comparison
        assert shapely.hausdorff_distance(metric, reference, densify=0.1) < 5.0, feature_id
        assert metric.geom_type == reference.geom_type

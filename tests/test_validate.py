"""Every kind of bad input is refused with a message naming the file, the feature and what to do."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import shape

from geo.errors import LayerFileError, ManifestError, ValidationError
from geo.model.build import build_layers
from geo.model.geojson import normalize_geometry, read_json
from geo.model.manifest import Language, LayerSpec, Manifest
from geo.model.validate import check_collection
from geo.paths import BuildPaths

from support import collection, point_feature

#: A situation in English with three qualities of geometry, for layers made here.
QUALITIES = Manifest(
    path=Path("manifest.toml"),
    layers=(),
    geometry_quality={"surveyed": {}, "approximate": {}, "schematic": {}},
    map={},
    languages=(Language("en", "English", "ltr", "en-GB", "name"),),
)
POINTS = LayerSpec(
    id="posts",
    title="Posts",
    kind="source",
    geometry=("Point",),
    legend="Post",
    licence="CC BY 4.0",
    style={},
    required_properties=("status",),
    allowed_values={"status": ("established", "encircled")},
    property_types={"people": "integer", "date": "date"},
    about={"status": "its state", "people": "how many", "date": "when"},
)
AREAS = LayerSpec(
    id="zones", title="Zones", kind="source", geometry=("Polygon",), legend="Zone", licence="CC BY 4.0", style={}
)
SQUARE = [[36.0, 35.0], [37.0, 35.0], [37.0, 36.0], [36.0, 36.0], [36.0, 35.0]]


def post(**properties: Any) -> dict[str, Any]:
    return point_feature(**{"status": "established", **properties})


def area(ring: list) -> dict[str, Any]:
    feature = point_feature(id="zone")
    feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    return feature


def with_geometry(geometry: Any) -> dict[str, Any]:
    feature = post()
    feature["geometry"] = geometry
    return feature


def without(key: str) -> dict[str, Any]:
    feature = post()
    del feature["properties"][key]
    return feature


def problems(spec: LayerSpec, *features: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        check_collection(collection(*features), spec, QUALITIES, "layers/test.geojson")
    text = str(caught.value)
    assert all(line.startswith("layers/test.geojson") for line in caught.value.problems)
    return text


def test_a_valid_layer_passes_and_is_normalized() -> None:
    feature = post()
    feature["geometry"]["coordinates"] = [36.123456789, 35.987654321]
    (checked,) = check_collection(collection(feature), POINTS, QUALITIES, "x")
    assert checked["geometry"]["coordinates"] == [36.123457, 35.987654]


def test_polygons_are_written_with_right_hand_winding() -> None:
    clockwise = list(reversed(SQUARE))
    (checked,) = check_collection(collection(area(clockwise)), AREAS, QUALITIES, "x")
    ring = checked["geometry"]["coordinates"][0]
    signed_area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
    assert signed_area > 0  # counter-clockwise exterior ring


CASES: dict[str, tuple[LayerSpec, Callable[[], list[dict[str, Any]]], str]] = {
    "null geometry": (POINTS, lambda: [with_geometry(None)], "has no geometry (null)"),
    "projected metres": (
        POINTS,
        lambda: [with_geometry({"type": "Point", "coordinates": [3960000.0, 4290000.0]})],
        "outside WGS 84",
    ),
    "latitude past 90": (POINTS, lambda: [with_geometry({"type": "Point", "coordinates": [36.0, 95.0]})], "outside"),
    "infinite number": (
        POINTS,
        lambda: [with_geometry({"type": "Point", "coordinates": [float("inf"), 35.0]})],
        "not finite",
    ),
    "geometry type the layer does not allow": (
        POINTS,
        lambda: [with_geometry({"type": "LineString", "coordinates": [[36, 35], [37, 36]]})],
        "layer 'posts' holds only Point",
    ),
    "valid_to not after valid_from": (
        POINTS,
        lambda: [post(valid_from="2020-03-05", valid_to="2020-03-05")],
        '"valid_to" 2020-03-05 is not after "valid_from" 2020-03-05',
    ),
    "date not ISO 8601": (POINTS, lambda: [post(valid_from="5 March 2020")], "not a date in the form YYYY-MM-DD"),
    "date that does not exist": (POINTS, lambda: [post(valid_from="2020-02-30")], "not a day of the calendar"),
    "missing sources": (POINTS, lambda: [without("sources")], 'has no "sources"'),
    "empty sources": (POINTS, lambda: [post(sources=[])], 'has no "sources"'),
    "source without a title": (POINTS, lambda: [post(sources=[{"url": "https://example.org"}])], 'has no "title"'),
    "unknown geometry_quality": (POINTS, lambda: [post(geometry_quality="guessed")], '"geometry_quality" is'),
    "missing id": (POINTS, lambda: [without("id")], 'has no "id"'),
    "duplicate id": (POINTS, lambda: [post(), post()], "the id is used twice"),
    "missing valid_from": (POINTS, lambda: [without("valid_from")], 'has no "valid_from"'),
    "missing required property": (POINTS, lambda: [without("status")], 'has no "status"'),
    "value not allowed": (POINTS, lambda: [post(status="lost")], "allows established, encircled"),
    "integer property given as text": (POINTS, lambda: [post(people="300,000")], "must be a whole number"),
    "self-intersecting polygon": (
        AREAS,
        lambda: [area([[36.0, 35.0], [37.0, 36.0], [37.0, 35.0], [36.0, 36.0], [36.0, 35.0]])],
        "Self-intersection",
    ),
    "unclosed ring": (AREAS, lambda: [area(SQUARE[:-1])], "ring is not closed"),
    "overlapping states of one entity": (
        POINTS,
        lambda: [
            post(id="a_established", entity_id="a", valid_from="2020-01-01", valid_to="2020-02-01"),
            post(id="a_encircled", entity_id="a", valid_from="2020-01-15", status="encircled"),
        ],
        "overlaps 'a_established'",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_feature_is_refused_with_an_actionable_message(case: str) -> None:
    spec, make_features, expected = CASES[case]
    assert expected in problems(spec, *make_features())


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = problems(POINTS, post(id="one", valid_from="2020-13-01"), post(id="two", sources=[]))
    assert "feature 'one'" in text and "feature 'two'" in text


def test_json_that_is_not_a_feature_collection_is_refused() -> None:
    assert "not a GeoJSON FeatureCollection" in problems_of({"type": "Feature"})
    assert "not a GeoJSON FeatureCollection" in problems_of([1, 2])


def problems_of(data: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        check_collection(data, POINTS, QUALITIES, "layers/test.geojson")
    return str(caught.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b'{"type": "FeatureCollection", "features": [', "not valid JSON"),
        ('{"name": "Ma\'arrat"}'.encode("utf-16"), "not UTF-8"),
        (b'{"type": "Feature", "x": NaN}', "not valid JSON"),
    ],
    ids=["empty", "blank", "truncated", "utf-16", "nan"],
)
def test_unreadable_file_is_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "layer.geojson"
    path.write_bytes(content)
    with pytest.raises(LayerFileError, match=expected) as caught:
        read_json(path)
    assert str(path) in str(caught.value)


def test_manifest_naming_a_missing_file_is_refused(layers_copy: Path, built: BuildPaths) -> None:
    manifest = layers_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    first_file = text.split('file = "', 1)[1].split('"', 1)[0]
    (layers_copy / first_file).unlink()
    with pytest.raises(ManifestError, match=f"names the file .*{first_file}, which does not exist"):
        build_layers(layers_copy, layers_copy.parent / "out", built.basemap)


def test_manifest_naming_an_unknown_input_is_refused(layers_copy: Path, built: BuildPaths) -> None:
    manifest = layers_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    derived_input = text.split('line = { layer = "', 1)[1].split('"', 1)[0]
    manifest.write_text(text.replace(f'layer = "{derived_input}"', 'layer = "no_such_layer"'), encoding="utf-8")
    with pytest.raises(ManifestError, match="derived from 'no_such_layer', which the manifest does not list"):
        build_layers(layers_copy, layers_copy.parent / "out", built.basemap)


def test_derived_features_are_validated_like_source_features(layers_copy: Path, built: BuildPaths) -> None:
    manifest = layers_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('valid_from = "2020-03-06"', 'valid_from = "2020-03-32"', 1), encoding="utf-8")
    with pytest.raises(ValidationError, match="derived layer .*not a day of the calendar"):
        build_layers(layers_copy, layers_copy.parent / "out", built.basemap)


def test_a_copy_is_not_changed_by_validation() -> None:
    feature = post()
    before = copy.deepcopy(feature)
    check_collection(collection(feature), POINTS, QUALITIES, "x")
    assert feature == before


rings = st.lists(st.tuples(st.floats(35.0, 38.0), st.floats(34.0, 37.0)), min_size=3, max_size=12, unique=True).map(
    lambda points: shapely.convex_hull(shapely.MultiPoint(points))
)


@given(rings)
def test_normalizing_keeps_the_shape_and_is_idempotent(geometry: shapely.Geometry) -> None:
    if geometry.geom_type != "Polygon":
        return
    normalized = normalize_geometry(geometry)
    again = normalize_geometry(shape(normalized))
    assert again == normalized
    assert shape(normalized).equals_exact(shapely.orient_polygons(geometry), 1e-6)


STATES = LayerSpec(
    id="posts",
    title="Posts",
    kind="source",
    geometry=("Point",),
    legend="Post",
    licence="CC BY 4.0",
    style={},
    states={"property": "status", "first": ["established"], "next": {"established": ["encircled"], "encircled": []}},
    about={"status": "its state"},
)
FIGURES = LayerSpec(
    id="routes",
    title="Routes",
    kind="source",
    geometry=("Point",),
    legend="Route",
    licence="CC BY 4.0",
    style={},
    sourced=("people",),
    property_types={"people": "integer"},
    about={"people": "how many"},
)
OTHER = {"title": "Another report", "url": "https://example.org/other", "date": "2020-03-01"}


def state(status: str, start: str, end: str | None = None, **more: Any) -> dict[str, Any]:
    properties = {"id": f"a_{status}_{start}", "entity_id": "a", "status": status, "valid_from": start, **more}
    if end:
        properties["valid_to"] = end
    return point_feature(**properties)


def test_states_must_follow_the_allowed_order() -> None:
    text = problems(STATES, state("encircled", "2020-01-01", "2020-02-01"), state("established", "2020-02-01"))
    assert "is the first state of 'a'" in text and "an entity starts as established" in text
    assert "'established' cannot follow 'encircled'" in text


def test_states_must_meet_without_a_gap() -> None:
    text = problems(STATES, state("established", "2020-01-01", "2020-02-01"), state("encircled", "2020-02-10"))
    assert "starts on 2020-02-10 but the state before it" in text and "ends on 2020-02-01" in text


def test_a_number_needs_a_source_that_gives_it() -> None:
    assert "no source says it" in problems(FIGURES, point_feature(people=45000))
    supported = point_feature(people=45000)
    supported["properties"]["sources"][0]["supports"] = ["people"]
    assert check_collection(collection(supported), FIGURES, QUALITIES, "x")


def dispute(*versions: tuple[Any, bool, list[dict]]) -> list[dict[str, Any]]:
    return [
        {
            "fact": "people",
            "label": "People",
            "versions": [{"value": v, "drawn": d, "sources": s} for v, d, s in versions],
        }
    ]


def test_a_disagreement_needs_two_sources_and_the_drawn_version_is_the_value() -> None:
    source = point_feature()["properties"]["sources"]
    one_source = dispute((45000, True, source), (50000, False, source))
    assert "fewer than two sources" in problems(FIGURES, point_feature(people=45000, disputes=one_source))
    wrong_drawn = dispute((45000, False, source), (50000, True, [OTHER]))
    assert "exactly one version must be" in problems(FIGURES, point_feature(people=45000, disputes=wrong_drawn))
    fine = point_feature(people=45000, disputes=dispute((45000, True, source), (50000, False, [OTHER])))
    assert check_collection(collection(fine), FIGURES, QUALITIES, "x"), "the drawn version's sources give the number"


def test_a_control_exception_gives_its_reason_and_sources() -> None:
    assert '"control_exception" must be' in problems(POINTS, post(control_exception="because"))
    text = problems(POINTS, post(control_exception={"reason": "surrounded", "sources": []}))
    assert 'control_exception: has no "sources"' in text
